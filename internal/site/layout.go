package site

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
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
// override each other, and escapes each clone as rendering will, so that
// a layout html/template finds unsafe is one error at its file, not one
// for each page. The result maps a layout name ("faq") to its template.
func loadLayouts(fsys fs.FS, funcs template.FuncMap) (map[string]*template.Template, error) {
	var errs diag.List
	if _, err := fs.Lstat(fsys, baseName); err != nil {
		return nil, diag.Errorf(baseName, 0, "the base layout is missing; every page is rendered into it")
	}
	base, err := readLayout(fsys, baseName)
	if err != nil {
		return nil, err
	}
	root, err := template.New(baseName).Funcs(funcs).Parse(string(base))
	if err != nil {
		return nil, parseError(err, baseName)
	}
	for _, p := range layoutPaths(fsys, "layouts/partials/*.html") {
		src, err := readLayout(fsys, p)
		if err == nil {
			_, err = root.New(p).Parse(string(src))
			err = parseError(err, p)
		}
		errs.Add(err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	reported := map[string]bool{} // escaping problems of the base or a partial, which each layout meets
	for _, p := range layoutPaths(fsys, "layouts/*.html") {
		if p == baseName {
			continue
		}
		src, err := readLayout(fsys, p)
		if err != nil {
			errs.Add(err)
			continue
		}
		t, err := parseLayout(root, p, src)
		switch {
		case err != nil:
			errs.Add(parseError(err, p))
			continue
		case t.Lookup("main") == nil:
			errs.Add(diag.Errorf(p, 0, "a layout must define the page's part: {{define \"main\"}} ... {{end}}"))
			continue
		}
		if e := escape(t, baseName); e != nil {
			clone := func() *template.Template {
				t, _ := parseLayout(root, p, src) // as above: no error
				return t
			}
			if err := escapeError(e, clone, p); !reported[err.Error()] {
				reported[err.Error()] = true
				errs.Add(err)
			}
			continue
		}
		out[strings.TrimSuffix(path.Base(p), ".html")] = t
	}
	return out, errs.Err()
}

// parseLayout parses layout file p, whose text is src, into a clone of
// root, the base and partials.
func parseLayout(root *template.Template, p string, src []byte) (*template.Template, error) {
	t, err := root.Clone() // root is never executed, so it can be cloned
	if err == nil {
		_, err = t.New(p).Parse(string(src))
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// layoutPaths returns the files that match pattern, less those Ignored.
func layoutPaths(fsys fs.FS, pattern string) []string {
	var files []string
	names, _ := fs.Glob(fsys, pattern)
	for _, p := range names {
		if !Ignored(path.Base(p)) {
			files = append(files, p)
		}
	}
	return files
}

// readLayout reads layout file p: a name that could be published, as
// under static/ (checkName), and UTF-8 text, which html/template would
// copy into every page as it is.
func readLayout(fsys fs.FS, p string) ([]byte, error) {
	if err := checkName(p); err != nil {
		var e *diag.Error
		if errors.As(err, &e) {
			e.Path = p // the real path: diag.Error escapes it when shown
		}
		return nil, err
	}
	src, err := readSource(fsys, p)
	if err != nil {
		return nil, err
	}
	return src, diag.CheckUTF8(p, src, 1)
}

// parseError turns an error of html/template parsing file p into one at
// its line: text/template writes "template: p:line: message".
func parseError(err error, p string) error {
	if err == nil {
		return nil
	}
	msg := strings.TrimPrefix(err.Error(), "template: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, p+":"); ok {
		if n, m, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				line, msg = l, m
			}
		}
	}
	return diag.Errorf(p, line, "%s%s", msg, parseAdvice(msg))
}

// parseAdvice says what to do about text/template's parse error msg, when
// it is one that layout authors meet and its words do not say.
func parseAdvice(msg string) string {
	switch {
	case msg == "unexpected {{end}}", msg == "unexpected {{else}}":
		return "; it belongs to no {{if}}, {{range}}, {{with}} or {{define}}: take it out, or add what it belongs to"
	case msg == "unexpected EOF":
		return "; an {{if}}, {{range}}, {{with}} or {{define}} is never closed: add its {{end}}"
	case msg == "unclosed action":
		return "; a {{ is never closed: end it with }}"
	case msg == "unclosed comment":
		return "; a {{/* is never closed: end it with */}}"
	case strings.HasPrefix(msg, "function ") && strings.HasSuffix(msg, " not defined"):
		return "; a layout may use url and absURL, and the functions of Go's templates (and, or, not, len, index, eq, ne, lt, le, gt, ge, printf, slice)"
	}
	return ""
}

// escape escapes template name of t and what it calls, as executing it
// does first, and returns what html/template finds unsafe, or nil.
func escape(t *template.Template, name string) *template.Error {
	// Executing stops at the first text written: nothing runs but
	// html/template's escaping.
	err := t.ExecuteTemplate(failWriter{}, name, nil)
	var e *template.Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// failWriter refuses every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("not written") }

// escapeError turns what html/template found unsafe while escaping layout
// file p into an error at the file and line that has the problem, and
// says what to do. clone returns a new, unescaped, copy of the layout's
// templates.
//
// When html/template does not know the part of the HTML at fault, it
// names the template being executed, base.html, whichever file left the
// HTML in the state it complains of: then each template is escaped on its
// own, from the start of a document, to find the one at fault.
func escapeError(e *template.Error, clone func() *template.Template, p string) error {
	at := &diag.Error{Path: p}
	var tree *parse.Tree // of the template at fault, when e does not say where in it
	if e.Node == nil {
		var name string
		if name, tree, e = culprit(e, clone); tree != nil && e.ErrorCode == template.ErrEndContext {
			loc, _ := tree.ErrorContext(tree.Root)
			at.Path, at.Line, _ = splitLocation(loc)
			at.Msg = fmt.Sprintf("the HTML of %s ends unfinished: %s", templateShown(name, tree.ParseName), unfinished(e.Description))
			return at
		}
	}
	switch {
	case e.Node != nil:
		loc, _ := (*parse.Tree)(nil).ErrorContext(e.Node)
		at.Path, at.Line, at.Col = splitLocation(loc)
	case tree != nil:
		at.Path, at.Line = tree.ParseName, e.Line
		if at.Line == 0 {
			at.Line = lineOfText(tree, e.Description)
		}
	}
	at.Msg = escapeAdvice(e, clone())
	return at
}

// culprit returns the template of the layout's that is at fault for e,
// which names no part of the HTML, its tree, and the error it gives when
// escaped on its own: the first that ends unfinished (a tag, a quote or a
// comment left open) or gives e. The layout's "main" is tried first, the
// base last. When none does, culprit returns e and a nil tree.
func culprit(e *template.Error, clone func() *template.Template) (string, *parse.Tree, *template.Error) {
	t := clone()
	if t == nil {
		return "", nil, e
	}
	var names []string
	for _, c := range t.Templates() {
		if c.Tree != nil && c.Name() != "main" && c.Name() != baseName {
			names = append(names, c.Name())
		}
	}
	slices.Sort(names)
	names = append(append([]string{"main"}, names...), baseName)
	for _, name := range names {
		c := clone()
		if c == nil || c.Lookup(name) == nil || c.Lookup(name).Tree == nil {
			continue
		}
		tree := c.Lookup(name).Tree // escaping takes it from c on failure
		f := escape(c, name)
		switch {
		case f == nil:
		case f.ErrorCode == template.ErrEndContext,
			f.ErrorCode == e.ErrorCode && f.Description == e.Description:
			return name, tree, f
		}
	}
	return "", nil, e
}

// lineOfText returns the line of the text of tree that html/template
// quotes at the end of its description of a problem ("\"<\" in attribute
// name: \"<b>\""), or the line where tree starts.
func lineOfText(tree *parse.Tree, desc string) int {
	loc, _ := tree.ErrorContext(tree.Root)
	_, line, _ := splitLocation(loc)
	i := strings.LastIndex(desc, `: "`)
	if i < 0 {
		return line
	}
	quoted, err := strconv.QuotedPrefix(desc[i+2:])
	if err != nil {
		return line
	}
	snippet, _ := strconv.Unquote(quoted)
	found := 0
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		if found != 0 || n == nil {
			return
		}
		switch n := n.(type) {
		case *parse.TextNode:
			if j := strings.Index(string(n.Text), snippet); j >= 0 {
				loc, _ := tree.ErrorContext(n)
				_, l, _ := splitLocation(loc)
				found = l + strings.Count(string(n.Text[:j]), "\n")
			}
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		}
	}
	walk(tree.Root)
	if found == 0 {
		return line
	}
	return found
}

// splitLocation splits text/template's "file:line:col", whose file may
// hold colons of its own.
func splitLocation(loc string) (file string, line, col int) {
	rest, c, _ := cutLast(loc)
	file, l, _ := cutLast(rest)
	line, err1 := strconv.Atoi(l)
	col, err2 := strconv.Atoi(c)
	if err1 != nil || err2 != nil {
		return loc, 0, 0
	}
	return file, line, col
}

func cutLast(s string) (before, after string, found bool) {
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// templateShown names a template as its author wrote it: the file, or
// the {{define}} in it.
func templateShown(name, file string) string {
	if name == file {
		return "this file"
	}
	return fmt.Sprintf("{{define %q}}", name)
}

// unfinished says, from html/template's "ends in a non-text context:
// {state delim urlPart jsCtx jsBraceDepth attr element err}", what was
// left open, and what to do.
func unfinished(desc string) string {
	_, c, _ := strings.Cut(desc, "{")
	f := strings.Fields(c)
	for len(f) < 7 {
		f = append(f, "")
	}
	state, delim, element := f[0], f[1], strings.TrimPrefix(f[6], "element")
	switch {
	case delim == "delimDoubleQuote":
		return `an attribute's quote (") is never closed; close it`
	case delim == "delimSingleQuote":
		return `an attribute's quote (') is never closed; close it`
	case delim == "delimSpaceOrTagEnd", state == "stateTag", state == "stateAttrName", state == "stateAfterName", state == "stateBeforeValue":
		return "a tag is never closed with >; close it"
	case state == "stateHTMLCmt":
		return "a comment (<!--) is never closed with -->; close it"
	case element != "" && element != "None":
		e := strings.ToLower(element)
		return fmt.Sprintf("a <%s> element, or a string or comment in it, is never closed; close it with </%s>", e, e)
	}
	return "a tag, quote, comment or <script> is never closed; close it"
}

// escapeAdvice says what html/template's problem e means to a layout's
// author, and what to do; t is the layout, for the names of the partials.
func escapeAdvice(e *template.Error, t *template.Template) string {
	d := e.Description
	switch e.ErrorCode {
	case template.ErrNoSuchTemplate:
		name := d
		if i := strings.IndexByte(d, '"'); i >= 0 {
			if s, err := strconv.QuotedPrefix(d[i:]); err == nil {
				name, _ = strconv.Unquote(s)
			}
		}
		if strings.Contains(d, "incomplete or empty") {
			return fmt.Sprintf("the template %q is empty; give it some HTML, or take out the {{template}} that shows it", name)
		}
		if strings.HasPrefix(name, "layouts/partials/") || strings.HasSuffix(name, ".html") {
			return fmt.Sprintf("there is no partial named %q; %s", name, partialsOf(t))
		}
		return fmt.Sprintf("there is no template named %q; define it with {{define %q}} ... {{end}}, or show a partial: %s", name, name, partialsOf(t))
	case template.ErrEndContext:
		return "the HTML ends unfinished: " + unfinished(d)
	case template.ErrBranchEnd, template.ErrRangeLoopReentry:
		if strings.Contains(d, "range loop") {
			return "each turn of this {{range}} must close the tags, quotes and comments it opens, and leave the HTML as it found it; close them inside the {{range}}"
		}
		what, _, _ := strings.Cut(d, " branches") // "{{if}} branches end in different contexts: ..."
		return "the parts of this " + what + " ... {{else}} ... {{end}} leave the HTML in different states (one opens a tag, a quote or a comment that another does not); make each part close what it opens"
	case template.ErrPredefinedEscaper:
		return "| html and | urlquery are not needed: values are escaped for where they are shown; take them out"
	case template.ErrAmbigContext:
		return "a value here could be part of a link's address or of what follows its ?; put it in only one of them, as in <a href=\"{{.URL}}\">"
	case template.ErrBadHTML:
		return "this HTML is broken (" + d + "); check the quotes, = and > of the tag"
	}
	return d
}

// partialsOf lists the partials of t.
func partialsOf(t *template.Template) string {
	var names []string
	if t != nil {
		for _, c := range t.Templates() {
			if strings.HasPrefix(c.Name(), "layouts/partials/") {
				names = append(names, strconv.Quote(c.Name()))
			}
		}
	}
	if len(names) == 0 {
		return "there are no partials in layouts/partials/"
	}
	slices.Sort(names)
	return "the partials are " + strings.Join(names, ", ")
}

// usedAt adds to err, when it is a problem of a text of layouts/i18n,
// where a layout uses that text ("layouts/faq.html:6"); other errors it
// returns as they are.
func usedAt(err error, at string) error {
	var de *diag.Error
	if !errors.As(err, &de) || !strings.HasPrefix(de.Path, "layouts/i18n/") {
		return err
	}
	e := *de
	e.Msg += fmt.Sprintf(" (%s uses it)", at)
	return &e
}

// templateError turns an error of html/template while executing a page's
// layout into one at the layout file and line, which says which page was
// being rendered, without the template machinery around it ("template: ",
// "executing \"main\" at <.Site.Page>: error calling Page: ").
func templateError(err error, page string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	m := execError.FindStringSubmatch(msg)
	// A text of layouts/i18n that the layout cannot use: the mistake is
	// at the text's line, whichever page shows it.
	if m != nil {
		if e := usedAt(err, m[1]+":"+m[2]); e != err {
			return e
		}
	}
	if m == nil {
		return diag.Errorf(page, 0, "its layout failed: %s", strings.TrimPrefix(msg, "template: "))
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	msg = m[4]
	switch {
	case strings.Contains(msg, "nil pointer evaluating *site.Site"):
		msg += "; inside {{with}} or {{range}} write $.Site"
	case strings.HasPrefix(msg, "exceeded maximum template depth"):
		msg += "; a template shows itself, directly or through others: take out the {{template}} that does"
	}
	msg = typeNames.Replace(msg)
	if page != "" {
		msg += " (while rendering " + page + ")"
	}
	return &diag.Error{Path: m[1], Line: line, Col: col, Msg: msg}
}

// execError is text/template's message for an error while executing:
// where (the file's path may hold colons), what it was evaluating, and
// the error, which a method's own error follows after "error calling
// NAME: ".
var execError = regexp.MustCompile(`(?s)^template: (.+?):(\d+):(\d+): executing "[^"]*" at <.*?>: (?:error calling \w+: )?(.*)$`)

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
	case p.Key() == "/404.html":
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

// askedText is a text of layouts/i18n that a layout asks for by name, and
// where it first does ("layouts/faq.html:6").
type askedText struct{ key, at string }

// askedTexts returns the texts of layouts/i18n that the layouts ask for by
// name, as in {{.Site.T "key"}} or {{$.Site.Raw "key"}}, wherever they are
// in a layout, sorted by key. A key made as the layout runs
// ({{.Site.T (print "status_" .)}}) is not among them.
func askedTexts(layouts map[string]*template.Template) []askedText {
	at := map[string]string{}
	var tree *parse.Tree
	var walk func(n parse.Node)
	branch := func(n *parse.BranchNode) {
		walk(n.Pipe)
		walk(n.List)
		if n.ElseList != nil {
			walk(n.ElseList)
		}
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.IfNode:
			branch(&n.BranchNode)
		case *parse.RangeNode:
			branch(&n.BranchNode)
		case *parse.WithNode:
			branch(&n.BranchNode)
		case *parse.TemplateNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n != nil {
				for _, c := range n.Cmds {
					walk(c)
				}
			}
		case *parse.CommandNode:
			if len(n.Args) < 2 {
				break
			}
			if key, ok := n.Args[1].(*parse.StringNode); ok && textMethod(n.Args[0]) && at[key.Text] == "" {
				loc, _ := tree.ErrorContext(n)
				if i := strings.LastIndexByte(loc, ':'); i > 0 {
					loc = loc[:i] // the line, not the column
				}
				at[key.Text] = loc
			}
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.ChainNode:
			walk(n.Node)
		}
	}
	// In a fixed order, so that where a text is asked for is the same
	// in every build.
	for _, name := range slices.Sorted(maps.Keys(layouts)) {
		defs := layouts[name].Templates()
		slices.SortFunc(defs, func(a, b *template.Template) int { return strings.Compare(a.Name(), b.Name()) })
		for _, d := range defs {
			if tree = d.Tree; tree != nil {
				walk(tree.Root)
			}
		}
	}
	asked := make([]askedText, 0, len(at))
	for _, key := range slices.Sorted(maps.Keys(at)) {
		asked = append(asked, askedText{key, at[key]})
	}
	return asked
}

// textMethod reports whether n names the site's T or Raw method: .T in
// a partial whose dot is the site, .Site.T, $site.T.
func textMethod(n parse.Node) bool {
	var idents []string
	switch n := n.(type) {
	case *parse.FieldNode:
		idents = n.Ident
	case *parse.VariableNode:
		idents = n.Ident
	case *parse.ChainNode:
		idents = n.Field
	}
	return len(idents) > 0 && (idents[len(idents)-1] == "T" || idents[len(idents)-1] == "Raw")
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
		case d.kind == self && (id == "Site" || id == "Pages" || id == "Parent" || id == "Translations"):
			d = anotherDot
		case d.kind == self:
			d = dot{kind: ofSelf}
		case d.kind == named:
			d = anotherDot // what a named page leads to
		}
	}
	return d
}
