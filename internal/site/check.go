package site

import (
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"sort"
	"strings"

	"rollout/internal/diag"
	"rollout/internal/markdown"
)

// A link found in a page of the built site.
type link struct {
	from  *Page  // the page it is on
	value string // as written in the page, unescaped
}

// CheckResult is what Check found.
type CheckResult struct {
	Pages, Links int      // how many pages and links were checked
	Problems     []error  // broken links and anchors, missing assets, unreachable pages
	External     []string // "URL (in source)" for every link to another site, sorted
}

// Check verifies the site that the last Build made: that every link and
// asset reference within the site leads to a file, every #anchor to an
// element with that id, every page can be reached from the home page, and
// the layouts keep the site's promises to readers (see promises).
// Each problem is reported against the Markdown or layout file it came
// from. Links to other sites are listed, not visited.
func (b *Builder) Check(res *Result) *CheckResult {
	s := b.site
	cr := &CheckResult{}
	pubs := make(map[string]published, len(s.Pages)) // by output file
	var links []link
	for _, p := range s.Pages {
		pub := scanPage(res.Files[p.Out], p)
		pubs[p.Out] = pub
		links = append(links, pub.links...)
		cr.Pages++
	}
	cr.Links = len(links)

	reached := map[string]bool{}
	edges := map[string][]string{} // output file -> output files it links to
	problems := map[string]bool{}
	external := map[string]bool{}
	report := func(l link, msg string) {
		src, line := b.origin(l)
		e := diag.Errorf(src, line, "%s", msg)
		switch {
		case strings.HasPrefix(src, "layouts/"):
			e.Msg += " (on " + l.from.URL + " and maybe other pages)"
		case src != l.from.Path:
			e.Msg += " (where " + l.from.URL + " shows this page's text)"
		}
		// A layout's broken link is on every page: report it once.
		if key := e.Path + "\x00" + fmt.Sprint(e.Line) + "\x00" + msg; !problems[key] {
			problems[key] = true
			cr.Problems = append(cr.Problems, e)
		}
	}
	for _, l := range links {
		v := l.value
		u, err := url.Parse(v)
		switch {
		case err != nil:
			report(l, fmt.Sprintf("link %q is not a valid address", v))
			continue
		case u.Scheme == "mailto" || u.Scheme == "tel":
			continue
		case u.Scheme == "http" || u.Scheme == "https" || (u.Scheme == "" && u.Host != ""):
			abs := u.String()
			if s.Origin == "" || !strings.HasPrefix(abs, s.Origin+s.basePath) && abs+"/" != s.Origin+s.basePath {
				src, _ := b.origin(l)
				external[abs+" (in "+src+")"] = true
				continue
			}
			u, _ = url.Parse(strings.TrimPrefix(abs, s.Origin))
		case u.Scheme != "":
			report(l, fmt.Sprintf("link %q uses %s:, which is not published; link with https: or a site path such as /faq/", v, u.Scheme))
			continue
		}
		v = readable(b.asWritten(l)) // as the author wrote it, in messages
		// Resolve against the page's own address under the base path.
		base := &url.URL{Path: s.path(l.from.URL)}
		target := base.ResolveReference(u)
		rest, ok := strings.CutPrefix(target.Path, s.basePath)
		if !ok && target.Path+"/" != s.basePath {
			report(l, fmt.Sprintf("link to %s is outside the site, which is published under %s; write site paths such as /faq/", v, s.basePath))
			continue
		}
		name := rest
		switch {
		case name == "" || strings.HasSuffix(name, "/"):
			name += "index.html"
		case res.Files[name] == nil && res.Files[name+"/index.html"] != nil:
			name += "/index.html"
		}
		if _, ok := res.Files[name]; !ok {
			report(l, fmt.Sprintf("link to %s goes nowhere: there is no page or file at that address", v))
			continue
		}
		edges[l.from.Out] = append(edges[l.from.Out], name)
		if frag := target.Fragment; frag != "" && strings.HasSuffix(name, ".html") {
			if pub, ok := pubs[name]; ok && !pub.ids[frag] {
				report(l, fmt.Sprintf("link to %s: %s has no #%s on it", v, urlOf(name), frag))
			}
		}
	}

	// Every page must be reachable from the home page.
	queue := []string{"index.html"}
	reached["index.html"] = true
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range edges[n] {
			if !reached[m] {
				reached[m] = true
				queue = append(queue, m)
			}
		}
	}
	for _, p := range s.Pages {
		if !reached[p.Out] && p.URL != "/404.html" {
			cr.Problems = append(cr.Problems, diag.Errorf(p.Path, 0, "no page links to %s, so readers cannot find it; link it from another page or give it a menu label (menu: ...)", p.URL))
		}
	}
	for e := range external {
		cr.External = append(cr.External, e)
	}
	sort.Strings(cr.External)
	cr.Problems = append(cr.Problems, b.promises(pubs)...)
	// Sorted by file and line, as every list of problems is.
	if err := diag.List(cr.Problems).Err(); err != nil {
		cr.Problems = err.(interface{ Unwrap() []error }).Unwrap()
	}
	return cr
}

// origin returns the source file, and line where known, of a link: the
// Markdown of the page or of a page its layout showed, or else the layout.
func (b *Builder) origin(l link) (string, int) {
	if src, rl, ok := b.relativeOf(l); ok {
		return src, rl.Line
	}
	attr := html.EscapeString(l.value)
	for _, p := range b.textsOn(l.from) {
		c := string(p.Content)
		if strings.Contains(c, `href="`+attr+`"`) || strings.Contains(c, `src="`+attr+`"`) {
			return p.Path, b.lineOf(p.Path, l.value)
		}
	}
	// The layout file that writes it: the page's layout, the base or a
	// partial, whichever has the link as written.
	written := b.written(l.value)
	candidates := []string{"layouts/" + l.from.layoutName() + ".html", baseName}
	partials, _ := fs.Glob(b.fsys, "layouts/partials/*.html")
	for _, c := range append(candidates, partials...) {
		if src, err := fs.ReadFile(b.fsys, c); err == nil && strings.Contains(string(src), written) {
			return c, 0
		}
	}
	return candidates[0], 0
}

// textsOn returns the pages whose Markdown text may be on page p: p, the
// pages its layout names, and when its layout may show any page's text,
// every page after them.
func (b *Builder) textsOn(p *Page) []*Page {
	r := b.readsText[p.layoutName()]
	pages := []*Page{p}
	for _, q := range b.site.Pages {
		if r.named[q.URL] {
			pages = append(pages, q)
		}
	}
	if r.any {
		pages = append(pages, b.site.Pages...)
	}
	return pages
}

// relativeOf reports whether link l was written as a relative link in the
// Markdown of a page whose text is on l's page, and which page that is.
func (b *Builder) relativeOf(l link) (string, markdown.RelativeLink, bool) {
	for _, p := range b.textsOn(l.from) {
		if rl, ok := p.relative[l.value]; ok {
			return p.Path, rl, true
		}
	}
	return "", markdown.RelativeLink{}, false
}

// asWritten returns link l as its author wrote it: a relative link of the
// Markdown as it is there, any other without the base path.
func (b *Builder) asWritten(l link) string {
	if _, rl, ok := b.relativeOf(l); ok {
		return rl.Written
	}
	return b.written(l.value)
}

// written returns a link without the base path that was put in front of
// it.
func (b *Builder) written(v string) string {
	if bp := strings.TrimSuffix(b.links.basePath, "/"); bp != "" {
		return strings.TrimPrefix(v, bp)
	}
	return v
}

// lineOf finds the line of the Markdown file p where the link to v is
// written, before the base path was put in front of it.
func (b *Builder) lineOf(p, v string) int {
	src, err := fs.ReadFile(b.fsys, p)
	if err != nil {
		return 0
	}
	written := b.written(v)
	forms := []string{written, readable(written)} // Markdown links may be written either way
	for i, line := range strings.Split(string(normalize(src)), "\n") {
		for _, w := range forms {
			if strings.Contains(line, "("+w) || strings.Contains(line, "<"+w) || strings.Contains(line, ": "+w) {
				return i + 1
			}
		}
	}
	return 0
}

// readable returns link v with its percent-escapes decoded, as files are
// named (/files/Training Guide.pdf, /café/), or v when it is not validly
// encoded.
func readable(v string) string {
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}
