// Package markdown converts a page's Markdown into HTML with goldmark, set
// up once with explicit options: tables, strikethrough, typographic quotes,
// bare links (Linkify), stable heading anchors, "## Question {#id}", and
// citations of the schedule ({month of CSAIL}, {First month}, in any
// case; cite.go). A citation that cannot be published is an error at its
// line: a name the schedule does not have, an area with a separate
// rollout (it has no month), and a near miss such as {month for CSAIL},
// {last months} or a {month of CSAIL with no closing brace.
// Raw HTML is left out with a warning at its line, and unsafe links are
// emptied. Every heading has an id, unique on its page and never one of
// the layouts' own (ids.go); a heading publishes no other attribute, and
// {.class}, {style=...}, {onclick=...} and the like are dropped with a
// warning. Headings link to themselves; a FAQ page's "##" headings are its
// questions, and a question asked twice on a page (the same words, in any
// case) is a warning at the second. Markdown that was meant as markup
// but is published as typed is a warning at its line (unread.go): a
// heading without the space after its #s ("##Why will..."), and a link
// that was not made ("[the guide](/files/Training Guide.pdf)", an address
// with a space or with no closing parenthesis). Link texts that say
// nothing of where they lead are a warning too (linktext.go).
// Check refuses text that is not UTF-8 and input that would make goldmark
// slow; Convert, a page of more than maxHeadings headings.
package markdown

import (
	"bufio"
	"bytes"
	"html"
	"html/template"
	"net/url"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"rollout/internal/schedule"

	"rollout/internal/diag"
)

// Converter holds the Markdown converters of a build, which are safe for
// concurrent use: full, and the same without Linkify for the bodies in
// which Linkify cannot find a link; and the ids headings must not take.
type Converter struct {
	full, noLinks goldmark.Markdown
	reserved      map[string]bool // read only
}

// New returns a Converter whose headings never take one of the reserved
// ids, the ids that the layouts write themselves: a heading whose id
// would be one gets -1, -2, ... (with a warning when the id was written
// by hand). With no reserved ids, it reserves [DefaultReserved].
func New(reserved ...string) Converter {
	if len(reserved) == 0 {
		reserved = DefaultReserved()
	}
	m := Converter{newGoldmark(true), newGoldmark(false), make(map[string]bool, len(reserved))}
	for _, id := range reserved {
		m.reserved[id] = true
	}
	return m
}

// converter returns the converter for body. Linkify is tried after every
// space, star, underscore, tilde and parenthesis of every paragraph, and
// scans the word that follows for an e-mail address: a quarter of the time
// goldmark takes for a page. It turns into links only text that starts
// with "http:", "https:", "ftp:" or "www.", or holds an @; a body with none
// of them is converted without it, to the same HTML (FuzzRender checks).
// A body without a colon has no "http" or "ftp:" link: it is not searched
// for them, which would stop at every h of its text.
func (m Converter) converter(body []byte) goldmark.Markdown {
	if bytes.IndexByte(body, '@') >= 0 || bytes.Contains(body, []byte("www.")) ||
		bytes.IndexByte(body, ':') >= 0 && (bytes.Contains(body, []byte("http")) || bytes.Contains(body, []byte("ftp:"))) {
		return m.full
	}
	return m.noLinks
}

func newGoldmark(linkify bool) goldmark.Markdown {
	exts := []goldmark.Extender{
		extension.Table,         // GFM tables
		extension.Strikethrough, // ~~old text~~
		extension.Typographer,   // curly quotes, dashes and ellipses, as on the printed page
	}
	if linkify {
		exts = append(exts, extension.Linkify) // bare URLs and e-mail addresses become links
	}
	return goldmark.New(
		goldmark.WithExtensions(exts...),
		goldmark.WithParserOptions(
			// "## Question {#custom-id}" fixes an anchor by hand. Convert
			// gives every heading its id (ids.go) and drops the other
			// attributes; not parser.WithAutoHeadingID, which panics on
			// an id such as {id=2018} that is not text.
			parser.WithAttribute(),
			// {month of CSAIL}: citations of the schedule; see cite.go.
			parser.WithInlineParsers(util.Prioritized(citeParser{}, 150)),
		),
		goldmark.WithRendererOptions(
			// "## Question" becomes a heading that links to itself.
			renderer.WithNodeRenderers(util.Prioritized(headingLinks{}, 100)),
			// No html.WithUnsafe: raw HTML in Markdown is omitted, and
			// javascript:, vbscript:, file: and most data: links are emptied.
		),
	)
}

// Question is a "##" heading of a FAQ page and its answer.
type Question struct {
	ID     string        // the heading's anchor, stable as long as its text is
	Text   string        // the question as plain text
	Answer template.HTML // the section under the heading, rendered
	Line   int           // the heading's line in the source file
}

// Result is a page's Markdown body after conversion.
type Result struct {
	HTML      template.HTML
	Intro     template.HTML // what comes before the first question
	Questions []Question
	Warnings  []error
	Relative  map[string]RelativeLink // by the URL it was resolved to
}

// RelativeLink is a relative link of a page as its author wrote it, and
// its line, for messages about the URL it was resolved to.
type RelativeLink struct {
	Written string
	Line    int
}

// Convert converts body, which starts at line bodyLine of path, the page
// at site path self. Links within the site become URLs under basePath (see
// sitePath); citations of the schedule are read from sched. It does not
// panic: should goldmark fail on some input, Convert returns an error
// naming the page.
func (m Converter) Convert(path, self string, body []byte, bodyLine int, basePath string, sched *schedule.Schedule, opts ...Option) (r Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = Result{}, diag.Errorf(path, bodyLine, "this page could not be converted (%v); undo your last change to its Markdown, and report the problem to the site's maintainers", p)
		}
	}()
	return m.convert(path, self, body, bodyLine, basePath, sched, opts)
}

func (m Converter) convert(path, self string, body []byte, bodyLine int, basePath string, sched *schedule.Schedule, opts []Option) (Result, error) {
	var r Result
	md := m.converter(body)
	cites := &citations{sched: sched}
	for _, o := range opts {
		o(cites)
	}
	lang := cites.lang
	if lang == "" {
		lang = "en"
	}
	pc := parser.NewContext()
	pc.Set(citeKey, cites)
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	// lineOf counts on from the offset it was last asked about: the walk
	// asks in document order, and a page with many warnings must not
	// count its lines again for each one.
	lastOffset, lastLine := 0, bodyLine
	lineOf := func(offset int) int {
		if offset < lastOffset {
			lastOffset, lastLine = 0, bodyLine
		}
		lastLine += bytes.Count(body[lastOffset:offset], []byte("\n"))
		lastOffset = offset
		return lastLine
	}
	resolve := func(dest []byte, offset int) []byte {
		out := sitePath(dest, self, basePath)
		if len(dest) > 0 && dest[0] != '/' && !bytes.Equal(out, dest) && offset >= 0 {
			if r.Relative == nil {
				r.Relative = map[string]RelativeLink{}
			}
			if _, ok := r.Relative[string(out)]; !ok {
				r.Relative[string(out)] = RelativeLink{string(dest), lineOf(offset)}
			}
		}
		return out
	}
	var headings []*ast.Heading // the questions', r.Questions[i] being headings[i]'s
	ids := headingIDs{reserved: m.reserved}
	warnAt := func(line int, format string, args ...any) {
		r.Warnings = append(r.Warnings, diag.Errorf(path, max(line, bodyLine), format, args...))
	}
	warned := map[int]bool{} // one warning per line
	warnRaw := func(line int) {
		if !warned[line] {
			warned[line] = true
			r.Warnings = append(r.Warnings, diag.Errorf(path, line, "raw HTML is not published; write it in Markdown instead"))
		}
	}
	// Headings past maxHeadings are only counted; pastLimit is the line of
	// the first of them.
	headingCount, pastLimit := 0, 0
	asked := map[string]int{} // a question's text, as compared -> the line of its heading
	linkLine := 0             // the last line looked at for a link that was not made
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			line := 0
			if at := headingOffset(n); at >= 0 {
				line = lineOf(at)
			}
			if headingCount++; headingCount > maxHeadings {
				if pastLimit == 0 {
					pastLimit = max(line, bodyLine)
				}
				return ast.WalkContinue, nil // only counted
			}
			id := ids.assign(n, body, line, warnAt)
			if n.Level == 2 && n.Parent() == doc {
				headings = append(headings, n)
				q := Question{ID: id, Text: plainText(n, body), Line: line}
				r.Questions = append(r.Questions, q)
				if k := strings.ToLower(strings.Join(strings.Fields(q.Text), " ")); k != "" {
					if first, ok := asked[k]; ok {
						warnAt(line, "the question %q is also asked at line %d; remove one of the two, keeping anything its answer adds", excerpt(q.Text), first)
					} else {
						asked[k] = line
					}
				}
			}
		case *ast.Paragraph, *ast.TextBlock:
			// A paragraph's lines are lines of the file, one after the
			// other; its first line is counted only when one is wrong.
			lines, first := n.Lines(), 0
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				if h := unspacedHeading(seg.Value(body)); h > 0 {
					if first == 0 {
						first = lineOf(lines.At(0).Start)
					}
					warnAt(first+i, "%s", unspacedHeadingMessage(seg.Value(body), h))
				}
			}
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil // its text is code, not Markdown
		case *ast.Text:
			// One look at a line: the message reads all of it.
			if at := unmadeLink(body, n.Segment.Start, n.Segment.Stop); at >= 0 {
				if line := lineOf(at); line != linkLine {
					linkLine = line
					if msg := unmadeLinkMessage(body, at); msg != "" {
						warnAt(line, "%s", msg)
					}
				}
			}
		case *ast.Link:
			if msg := vagueLink(n, body, lang); msg != "" {
				warnAt(lineOf(max(n.Pos(), 0)), "%s", msg)
			}
			n.Destination = resolve(n.Destination, n.Pos())
		case *ast.Image:
			n.Destination = resolve(n.Destination, n.Pos())
		case *ast.HTMLBlock:
			warnRaw(lineOf(n.Lines().At(0).Start))
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				warnRaw(lineOf(n.Segments.At(0).Start))
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return r, err
	}
	if headingCount > maxHeadings {
		return Result{}, diag.Errorf(path, pastLimit, "this is heading %d of the page's %d, more than the %d a page can have; split it into several pages", maxHeadings+1, headingCount, maxHeadings)
	}
	if len(cites.problems) > 0 {
		var errs diag.List
		for _, p := range cites.problems {
			errs.Add(diag.Errorf(path, lineOf(p.offset), "%s", p.msg))
		}
		return r, errs.Err()
	}
	// Render the top-level blocks one by one into one buffer, noting where
	// each starts, so that the intro and each answer are slices of the
	// page's HTML: converted once, stored once.
	var buf bytes.Buffer
	buf.Grow(len(body) + len(body)/4)
	w := bufio.NewWriterSize(&buf, 4096)
	starts := map[ast.Node]int{}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		w.Flush()
		starts[n] = buf.Len()
		if err := md.Renderer().Render(w, body, n); err != nil {
			return r, diag.Errorf(path, 0, "%v", err)
		}
	}
	w.Flush()
	html := buf.String()
	r.HTML = template.HTML(html)
	r.Intro = r.HTML
	if len(headings) > 0 {
		r.Intro = template.HTML(html[:starts[headings[0]]])
	}
	for i, h := range headings {
		q := &r.Questions[i]
		// The answer runs to the next heading of level 2 or above.
		end := len(html)
		for n := h.NextSibling(); n != nil; n = n.NextSibling() {
			if nh, ok := n.(*ast.Heading); ok && nh.Level <= 2 {
				end = starts[n]
				break
			}
		}
		from := end
		if next := h.NextSibling(); next != nil {
			from = min(starts[next], end)
		}
		q.Answer = template.HTML(html[from:end])
	}
	return r, nil
}

// headingOffset returns where h's text starts in the body, or where the
// heading does when it has no text; -1 when unknown.
func headingOffset(h *ast.Heading) int {
	if h.Lines().Len() > 0 {
		return h.Lines().At(0).Start
	}
	return h.Pos()
}

// sitePath turns a link within the site into a URL under basePath: a site
// path such as /faq/ is prefixed with it, and a relative link such as
// ../schedule/ is first resolved against self, the page's own site path,
// so that it leads to the same place on every page that shows the text
// (and on the 404 page, which is shown at any address). Links with a
// scheme, to another host or to an #anchor on the page stay as written.
func sitePath(dest []byte, self, basePath string) []byte {
	s := string(dest)
	if s == "" || s[0] == '#' || strings.HasPrefix(s, "//") {
		return dest
	}
	if s[0] != '/' {
		ref, err := url.Parse(s)
		if err != nil || ref.Scheme != "" || ref.Opaque != "" {
			return dest
		}
		s = (&url.URL{Path: self}).ResolveReference(ref).String()
	}
	return []byte(strings.TrimSuffix(basePath, "/") + s)
}

// plainText returns the text of n's inline children, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() || c.IsRaw() { // verbatim HTML, such as the typographer's &rsquo;
				b.WriteString(html.UnescapeString(string(c.Value)))
			} else {
				b.Write(c.Value)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// headingLinks renders each second-level heading as a link to itself, so
// that readers can share a question: <h2 id="q"><a class="self"
// href="#q">Question?</a></h2>. A heading that holds a link of its own is
// left as it is, since links cannot nest.
type headingLinks struct{}

func (headingLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

// A heading's only attribute is its id (see ids.go), which Convert sets
// as []byte; any other value is left out rather than trusted.
func renderHeading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	var idBytes []byte
	if id, ok := n.Attribute(idName); ok {
		idBytes, _ = id.([]byte)
	}
	self := n.Level == 2 && len(idBytes) > 0 && !hasLink(n)
	if entering {
		w.WriteString("<h")
		w.WriteByte("0123456"[n.Level])
		if len(idBytes) > 0 {
			w.WriteString(` id="`)
			w.Write(util.EscapeHTML(idBytes))
			w.WriteByte('"')
		}
		w.WriteByte('>')
		if self {
			w.WriteString(`<a class="self" href="#`)
			w.Write(util.EscapeHTML(idBytes))
			w.WriteString(`">`)
		}
		return ast.WalkContinue, nil
	}
	if self {
		w.WriteString("</a>")
	}
	w.WriteString("</h")
	w.WriteByte("0123456"[n.Level])
	w.WriteString(">\n")
	return ast.WalkContinue, nil
}

func hasLink(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if k := c.Kind(); entering && (k == ast.KindLink || k == ast.KindAutoLink) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
