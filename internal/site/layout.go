package site

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
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

// textReads is what a layout shows of other pages' text: that of the
// pages it names ({{with .Site.Page "/faq/"}}{{.Content}}{{end}}), and
// whether it may show any other page's ({{range .Pages}}{{.Intro}}{{end}}).
type textReads struct {
	named map[string]bool // site paths
	any   bool
}

// shows reports whether a page whose layout reads r must be rendered again
// after the text of the pages at the site paths changed changes.
func (r textReads) shows(changed map[string]bool) bool {
	if r.any && len(changed) > 0 {
		return true
	}
	for u := range r.named {
		if changed[u] {
			return true
		}
	}
	return false
}

// readsText returns what layout t shows of the text of pages other than
// the one it renders: where, anywhere in its templates, a text field is
// taken from a value that is not the page itself. It errs on the side of
// showing: a value it cannot follow counts as any page.
func readsText(t *template.Template) textReads {
	r := textReader{t: t, seen: map[string]bool{}, reads: textReads{named: map[string]bool{}}}
	r.template(baseName, dot{kind: self})
	return r.reads
}

// A dot is what a template's dot holds, as far as readsText can tell.
type dot struct {
	kind int
	url  string // for a page named by .Site.Page
}

const (
	self    = iota // the page being rendered
	ofSelf         // something of its own that is not a page, such as one of its questions
	named          // the page that .Site.Page "/url/" named
	another        // anything else: the site, another page, a schedule
)

var anotherDot = dot{kind: another}

type textReader struct {
	t     *template.Template
	seen  map[string]bool // template name and dot, already walked
	reads textReads
}

// read notes that the text of the page in dot d is shown.
func (r *textReader) read(d dot) {
	switch d.kind {
	case named:
		r.reads.named[d.url] = true
	case another:
		r.reads.any = true
	}
}

// template walks the template called name, run with dot d.
func (r *textReader) template(name string, d dot) {
	key := fmt.Sprint(name, d)
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	if t := r.t.Lookup(name); t != nil && t.Tree != nil {
		r.nodes(t.Tree.Root, d, d)
	}
}

// nodes walks n with dot d; root is the template's $.
func (r *textReader) nodes(n parse.Node, d, root dot) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, c := range n.Nodes {
				r.nodes(c, d, root)
			}
		}
	case *parse.ActionNode:
		r.pipe(n.Pipe, d, root)
	case *parse.IfNode:
		r.branch(&n.BranchNode, d, root, false)
	case *parse.RangeNode:
		r.branch(&n.BranchNode, d, root, true)
	case *parse.WithNode:
		r.branch(&n.BranchNode, d, root, true)
	case *parse.TemplateNode:
		arg := d
		if n.Pipe != nil {
			arg = r.pipe(n.Pipe, d, root)
		}
		r.template(n.Name, arg)
	}
}

// branch walks an if, range or with; for range and with, the list runs
// with dot set to the pipeline's value.
func (r *textReader) branch(n *parse.BranchNode, d, root dot, moves bool) {
	v := r.pipe(n.Pipe, d, root)
	inner := d
	if moves {
		inner = v
		if n.Pipe != nil && len(n.Pipe.Decl) > 0 {
			inner = anotherDot // range $i, $x := ...: the element is in a variable
		}
	}
	r.nodes(n.List, inner, root)
	if n.ElseList != nil {
		r.nodes(n.ElseList, d, root)
	}
}

// pipe returns what pipeline p yields, noting the text it reads.
func (r *textReader) pipe(p *parse.PipeNode, d, root dot) dot {
	if p == nil {
		return d
	}
	v := anotherDot
	for _, c := range p.Cmds {
		for i, arg := range c.Args {
			a := r.arg(arg, d, root)
			if i == 0 {
				v = a
			}
		}
		if len(c.Args) > 1 {
			v = anotherDot // a function's or method's result
			if u, ok := pageCall(c, d, root); ok {
				v = dot{kind: named, url: u}
			}
		}
	}
	return v
}

// pageCall reports whether command c is .Site.Page "/url/" (or $.Site.Page)
// on the page itself, and the URL.
func pageCall(c *parse.CommandNode, d, root dot) (string, bool) {
	if len(c.Args) != 2 {
		return "", false
	}
	s, ok := c.Args[1].(*parse.StringNode)
	if !ok {
		return "", false
	}
	switch f := c.Args[0].(type) {
	case *parse.FieldNode:
		return s.Text, d.kind == self && slices.Equal(f.Ident, []string{"Site", "Page"})
	case *parse.VariableNode:
		return s.Text, root.kind == self && slices.Equal(f.Ident, []string{"$", "Site", "Page"})
	}
	return "", false
}

// arg returns what one operand yields, noting the text it reads.
func (r *textReader) arg(n parse.Node, d, root dot) dot {
	switch n := n.(type) {
	case *parse.DotNode:
		return d
	case *parse.FieldNode:
		return r.fields(d, n.Ident)
	case *parse.VariableNode:
		start := anotherDot
		if n.Ident[0] == "$" {
			start = root
		}
		return r.fields(start, n.Ident[1:])
	case *parse.ChainNode:
		return r.fields(r.arg(n.Node, d, root), n.Field)
	case *parse.PipeNode:
		return r.pipe(n, d, root)
	}
	return anotherDot
}

// fields follows a chain of field or method names from a value.
func (r *textReader) fields(d dot, idents []string) dot {
	for _, id := range idents {
		if textFields[id] {
			r.read(d)
		}
		switch {
		case d.kind == self && (id == "Site" || id == "Pages" || id == "Parent"):
			d = anotherDot
		case d.kind == self:
			d = dot{kind: ofSelf}
		case d.kind == named:
			d = anotherDot // what a named page leads to
		}
	}
	return d
}
