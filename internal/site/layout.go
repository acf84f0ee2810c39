package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"rollout/internal/diag"
)

// Layouts live in layouts/: base.html is the document every page shares,
// partials/*.html are pieces any template may include with
// {{template "layouts/partials/name.html" .}}, and every other *.html file
// is a layout that defines "main", the page's own part. Each template is
// named by its path, so html/template's own messages say where a problem is.
const baseName = "layouts/base.html"

// loadLayouts parses the base and partials once, then each layout into its
// own clone of them, so that equal {{define}}s in two layouts cannot
// override each other. The result maps a layout name ("faq") to its
// template.
func loadLayouts(fsys fs.FS, funcs template.FuncMap) (map[string]*template.Template, error) {
	var errs diag.List
	base, err := readSource(fsys, baseName)
	if err != nil {
		return nil, diag.Errorf(baseName, 0, "the base layout is missing; every page is rendered into it")
	}
	root, err := template.New(baseName).Funcs(funcs).Parse(string(base))
	if err != nil {
		return nil, templateError(err, "")
	}
	partials, _ := fs.Glob(fsys, "layouts/partials/*.html")
	for _, p := range partials {
		src, err := readSource(fsys, p)
		if err == nil {
			_, err = root.New(p).Parse(string(src))
		}
		errs.Add(templateError(err, ""))
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	names, _ := fs.Glob(fsys, "layouts/*.html")
	out := map[string]*template.Template{}
	for _, p := range names {
		if p == baseName || Ignored(path.Base(p)) {
			continue
		}
		src, err := readSource(fsys, p)
		if err != nil {
			errs.Add(err)
			continue
		}
		t := template.Must(root.Clone())
		if _, err := t.New(p).Parse(string(src)); err != nil {
			errs.Add(templateError(err, ""))
			continue
		}
		if t.Lookup("main") == nil {
			errs.Add(diag.Errorf(p, 0, "a layout must define the page's part: {{define \"main\"}} ... {{end}}"))
			continue
		}
		out[strings.TrimSuffix(path.Base(p), ".html")] = t
	}
	return out, errs.Err()
}

// templateError drops html/template's "template: " prefix, whose message
// already starts with the template's path and line, and says which page was
// being rendered.
func templateError(err error, page string) error {
	if err == nil {
		return nil
	}
	msg := strings.TrimPrefix(err.Error(), "template: ")
	if strings.Contains(msg, "nil pointer evaluating *site.siteView") {
		msg += "; inside {{with}} or {{range}} write $.Site"
	}
	msg = typeNames.Replace(msg)
	if page != "" {
		msg += " (while rendering " + page + ")"
	}
	return errors.New(msg)
}

// typeNames names the types that layouts see as layout authors know them.
var typeNames = strings.NewReplacer(
	"type *site.siteView", ".Site",
	"type *site.Page", "a page",
	"type *site.Site", ".Site",
)

// layoutName returns the layout a page uses unless its front matter names one.
func (p *Page) layoutName() string {
	switch {
	case p.Layout != "":
		return p.Layout
	case p.URL == "/404.html":
		return "404"
	case p.IsHome():
		return "home"
	case p.IsFAQ():
		return "faq"
	case path.Base(p.Path) == "_index.md":
		return "section"
	}
	return "page"
}

// siteView is the site as one page's layout sees it. It records the pages
// the layout shows, so that the page is rendered again when they change.
type siteView struct {
	*Site
	shown []string
}

// Page returns the page at site path u, such as "/faq/". A missing page is
// an error, so a layout that names a page that was renamed fails the build.
func (s *siteView) Page(u string) (*Page, error) {
	if !slices.Contains(s.shown, u) {
		s.shown = append(s.shown, u)
	}
	return s.Site.Page(u)
}

// render executes p's layout into memory and minifies it into out. It
// returns the site paths of the pages the layout showed.
func (b *Builder) render(s *Site, p *Page, out *bytes.Buffer) ([]string, error) {
	name := p.layoutName()
	t := b.layouts[name]
	if t == nil {
		return nil, diag.Errorf(p.Path, 0, "there is no layout %q: create layouts/%s.html or change the page's layout", name, name)
	}
	buf := b.buffer()
	defer b.bufs.Put(buf)
	// The layout gets a copy of the page, whose Site no other render sees.
	v := *p
	v.Site = &siteView{Site: s}
	if err := t.ExecuteTemplate(buf, baseName, &v); err != nil {
		return nil, templateError(err, p.Path)
	}
	if bytes.Contains(buf.Bytes(), []byte("ZgotmplZ")) {
		return nil, diag.Errorf(p.Path, 0, "a value of this page was refused as unsafe where layouts/%s.html puts it in a link or attribute; links must be http(s), mailto: or site paths such as /faq/", name)
	}
	out.Grow(buf.Len())
	if err := b.min.Minify("text/html", out, buf); err != nil {
		return nil, fmt.Errorf("%s: minifying the page: %v", p.Path, err)
	}
	return v.Site.shown, nil
}

// buffer returns an empty buffer from the builder's pool; put it back with
// b.bufs.Put when done with its bytes.
func (b *Builder) buffer() *bytes.Buffer {
	buf, _ := b.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		return new(bytes.Buffer)
	}
	buf.Reset()
	return buf
}
