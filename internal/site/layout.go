package site

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"text/template/parse"

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
		if Ignored(path.Base(p)) {
			continue
		}
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

// templateError turns an error of html/template into one that names the
// layout file and line, and says which page was being rendered, without
// the template machinery around it ("template: ", "executing \"main\" at
// <.Site.Page>: error calling Page: ").
func templateError(err error, page string) error {
	if err == nil {
		return nil
	}
	msg := strings.TrimPrefix(err.Error(), "template: ")
	if m := execError.FindStringSubmatch(msg); m != nil {
		msg = m[1] + ": " + m[2]
	}
	if strings.Contains(msg, "nil pointer evaluating *site.Site") {
		msg += "; inside {{with}} or {{range}} write $.Site"
	}
	msg = typeNames.Replace(msg)
	if page != "" {
		msg += " (while rendering " + page + ")"
	}
	return errors.New(msg)
}

// execError is html/template's message for an error while executing:
// where, what it was evaluating, and the error, which a method's own error
// follows after "error calling NAME: ".
var execError = regexp.MustCompile(`^([^:]+:\d+:\d+): executing "[^"]*" at <[^>]*>: (?:error calling \w+: )?(.*)$`)

// typeNames names the types that layouts see as layout authors know them.
var typeNames = strings.NewReplacer(
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

// textFields are what a Page holds of its converted Markdown. The rest of
// a page (title, URL, description, ...) is its listing, which every page
// reads anyway.
var textFields = map[string]bool{"Content": true, "Intro": true, "QA": true, "Questions": true, "FAQSchema": true}

// readsText reports whether layout t shows the text of pages other than
// the one it renders: whether, anywhere in its templates, a text field is
// taken from a value that is not the page itself, such as
// {{with .Site.Page "/faq/"}}{{.Content}}{{end}} or
// {{range .Pages}}{{.Intro}}{{end}}. It errs on the side of yes: a page
// whose layout reads other pages' text is rendered again whenever any
// page's text changes.
func readsText(t *template.Template) bool {
	r := textReader{t: t, seen: map[string]bool{}}
	return r.template(baseName, self)
}

// A dot is what a template's dot holds, as far as readsText can tell.
type dot int

const (
	self    dot = iota // the page being rendered
	ofSelf             // something of its own that is not a page, such as one of its questions
	another            // anything else: the site, another page, a schedule
)

type textReader struct {
	t    *template.Template
	seen map[string]bool // template name and dot, already walked
}

// template walks the template called name, run with dot d.
func (r *textReader) template(name string, d dot) bool {
	key := fmt.Sprint(name, d)
	if r.seen[key] {
		return false
	}
	r.seen[key] = true
	t := r.t.Lookup(name)
	if t == nil || t.Tree == nil {
		return false
	}
	return r.nodes(t.Tree.Root, d, d)
}

// nodes walks n with dot d; root is the template's $.
func (r *textReader) nodes(n parse.Node, d, root dot) bool {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return false
		}
		for _, c := range n.Nodes {
			if r.nodes(c, d, root) {
				return true
			}
		}
	case *parse.ActionNode:
		_, reads := r.pipe(n.Pipe, d, root)
		return reads
	case *parse.IfNode:
		return r.branch(&n.BranchNode, d, root, false)
	case *parse.RangeNode:
		return r.branch(&n.BranchNode, d, root, true)
	case *parse.WithNode:
		return r.branch(&n.BranchNode, d, root, true)
	case *parse.TemplateNode:
		arg, reads := d, false
		if n.Pipe != nil {
			arg, reads = r.pipe(n.Pipe, d, root)
		}
		return reads || r.template(n.Name, arg)
	}
	return false
}

// branch walks an if, range or with; for range and with, the list runs
// with dot set to the pipeline's value.
func (r *textReader) branch(n *parse.BranchNode, d, root dot, moves bool) bool {
	v, reads := r.pipe(n.Pipe, d, root)
	if reads {
		return true
	}
	inner := d
	if moves {
		inner = v
		if n.Pipe != nil && len(n.Pipe.Decl) > 0 {
			inner = another // range $i, $x := ...: the element is in a variable
		}
	}
	return r.nodes(n.List, inner, root) || n.ElseList != nil && r.nodes(n.ElseList, d, root)
}

// pipe returns what pipeline p yields, and whether evaluating it reads
// another page's text.
func (r *textReader) pipe(p *parse.PipeNode, d, root dot) (dot, bool) {
	if p == nil {
		return d, false
	}
	v := another
	for _, c := range p.Cmds {
		for i, arg := range c.Args {
			a, reads := r.arg(arg, d, root)
			if reads {
				return another, true
			}
			if i == 0 {
				v = a
			}
		}
		if len(c.Args) > 1 {
			v = another // a function's or method's result
		}
	}
	return v, false
}

// arg returns what one operand yields, and whether it reads another
// page's text.
func (r *textReader) arg(n parse.Node, d, root dot) (dot, bool) {
	switch n := n.(type) {
	case *parse.DotNode:
		return d, false
	case *parse.FieldNode:
		return fields(d, n.Ident)
	case *parse.VariableNode:
		start := another
		if n.Ident[0] == "$" {
			start = root
		}
		return fields(start, n.Ident[1:])
	case *parse.ChainNode:
		v, reads := r.arg(n.Node, d, root)
		if reads {
			return another, true
		}
		return fields(v, n.Field)
	case *parse.PipeNode:
		return r.pipe(n, d, root)
	}
	return another, false
}

// fields follows a chain of field or method names from a value.
func fields(d dot, idents []string) (dot, bool) {
	for _, id := range idents {
		if textFields[id] && d == another {
			return another, true
		}
		switch {
		case d == self && (id == "Site" || id == "Pages" || id == "Parent"):
			d = another
		case d == self:
			d = ofSelf
		}
	}
	return d, false
}
