package markdown

import (
	"bytes"
	"html"
	"html/template"
	"slices"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	htmlparse "github.com/tdewolff/parse/v2/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"rollout/internal/schedule"
	"rollout/internal/sitegen"
)

// FuzzRender: any Markdown converts without panicking (nor failing to
// convert), no script or javascript: link gets through, headings have
// only their id, unique on the page and not a layout's, ASCII headings
// keep goldmark's ids, a warning of a link that was not made has its
// "](" left on the page, and leaving Linkify out where it cannot find a
// link changes nothing.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# Title\n\n## Question?\n\nAnswer with a [link](/faq/) and `code`.\n",
		"<script>alert(1)</script>\n\n[x](javascript:alert(1))\n",
		"| a | b |\n| - | - |\n| 1 | 2 |\n",
		"> > > nested\n\n- a\n  - b\n    - c\n",
		"In {month of CSAIL} and {first month} {last month} {other}.\n",
		// Citations in any case, near misses, a separate rollout.
		"{Month of CSAIL} {FIRST MONTH} { last  month } {month for CSAIL} {last months} {first-month} {month of LL} {month of CSAIL\n",
		// Markup published as typed: headings without their space, links
		// that were not made, a question asked twice.
		"Answer.\n##Why will some areas wait?\n\n#tag\n\n> ###x\n\n- ##y\n",
		"See [the guide](/files/Training Guide.pdf) and [rollout schedule](/schedule/\n\n![i](/a b.png) \\[a](b c) `[a](b c)` [a\\](b)](c)\n",
		"## Why?\n\nA.\n\n## why ?\n\n## WHY?\n",
		"## Q {#custom}\n\n[a](JaVaScRiPt:alert(1)) <img src=x onerror=alert(1)>\n",
		"Write to training@mit.edu, see www.example.org or (https://example.org/a_(b)).\n",
		"*emphasis* _under_ ~~struck~~ (parens) a\\ b  \nc\n\n    code www.x\n",
		sitegen.Page(3, 1000),
		// Attribute values that are not text (goldmark panicked on them).
		"## Q {id=2018}\n\n## R {id=true}\n\n## S {id=[1]}\n\n## T {class=1}\n\n## U {id=null}\n\n## V {id={a=b}}\n\nW {id=1.5}\n===\n",
		// Attributes that are not published.
		"# T {.big style=\"display:none\" onclick=\"alert(1)\" hidden=true inert=true autofocus=true contenteditable=true tabindex=-1 accesskey=s lang=ar dir=rtl data-x=1}\n",
		"## Q {#a.b}\n\n## R {id=\"has space\"}\n\n## {#}\n",
		// Ids the layouts use, repeated ids.
		"## Schedule\n\n## Q {#main}\n\n## Find {#toc-h}\n\n## Why?\n\n## Why?\n\n## A {#why}\n\n## B {#why-1}\n\n> ## Why?\n",
		// Headings in other scripts, and with no letters at all.
		"## 常见问题\n\n## ما هي العملية؟\n\n## Что такое «курс»?\n\n## Τι είναι;\n\n## 🎉\n\n## ?\n\n## - -\n\n## Qu’est-ce que l’été ?\n\n## हिन्दी\n",
		// Inputs whose cost grew faster than their size (issue #14).
		strings.Repeat("{", 2000),
		strings.Repeat("{month of ", 200),
		strings.Repeat("{month of Nowhere} ", 50),
		strings.Repeat(`"`, 2000),
		strings.Repeat(`'`, 101) + "\n\n" + strings.Repeat(`'`, 100),
		strings.Repeat(`"a" `, 500),
		strings.Repeat("<", 2000),
		strings.Repeat("&", 2000),
		strings.Repeat("&amp;", 400),
		strings.Repeat("&am&#112;; ", 200),
		strings.Repeat(".", 2000),
		"`" + strings.Repeat(`"`, 2000) + "`",
		strings.Repeat("## Q\n\n", 300),
		"![" + strings.Repeat(`\"\'`, 500) + "](x \"" + strings.Repeat(`&quot;'`, 300) + "\")\n",
	} {
		f.Add([]byte(s))
	}
	sched, err := schedule.Parse("s.yaml", []byte("- month: 2018-05\n  areas:\n    - name: OVPR\n      includes: [CSAIL]\n- separate: Lincoln Laboratory\n  aliases: [LL]\n  note: Its own.\n"))
	if err != nil {
		f.Fatal(err)
	}
	md, minifier := New(), minify.New()
	// goldmark's own heading ids, for headings written in ASCII.
	reference := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	noReserved := Converter{full: md.full, noLinks: md.noLinks}
	minifier.Add("text/html", &mhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true}) // as the build does
	f.Fuzz(func(t *testing.T, body []byte) {
		if len(body) > 1<<20 || Check("p.md", body, 1) != nil {
			return // the build refuses such pages before converting them
		}
		r, err := md.Convert("p.md", "/p/", body, 1, "/repo/", sched)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "p.md:") {
				t.Fatalf("error without the file's line: %v", err)
			}
			if strings.Contains(err.Error(), "could not be converted") {
				t.Fatalf("%q: %v", body, err)
			}
			return
		}
		if bad := unsafeHTML([]byte(r.HTML)); bad != "" {
			t.Fatalf("%s got through from %q:\n%s", bad, body, r.HTML)
		}
		ids := headingIDsOf(t, []byte(r.HTML))
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] || md.reserved[id] || strings.Trim(id, "-") == "" {
				t.Fatalf("heading id %q (repeated, reserved or no word) from %q:\n%s", id, body, r.HTML)
			}
			seen[id] = true
		}
		for _, w := range r.Warnings {
			if !strings.HasPrefix(w.Error(), "p.md:") {
				t.Fatalf("warning without the file's line: %v", w)
			}
			// A link that was not made is text on the page; a link
			// that was made is not one.
			if strings.Contains(w.Error(), "looks like a link that was not made") && !strings.Contains(string(r.HTML), "](") {
				t.Fatalf("%v, but the page has no \"](\" left:\n%s", w, r.HTML)
			}
		}
		if bytes.IndexByte(body, '{') < 0 && asciiHeadings(reference, body) {
			var ref bytes.Buffer
			if err := reference.Convert(body, &ref); err != nil {
				t.Fatal(err)
			}
			own, err := noReserved.Convert("p.md", "/p/", body, 1, "/repo/", sched)
			if err != nil {
				t.Fatal(err)
			}
			if have, want := headingIDsOf(t, []byte(own.HTML)), headingIDsOf(t, ref.Bytes()); !slices.Equal(have, want) {
				t.Fatalf("ids of %q:\nhave %q\nwant %q (goldmark's)", body, have, want)
			}
		}
		for _, q := range r.Questions {
			if !strings.Contains(string(r.HTML), string(q.Answer)) {
				t.Fatalf("an answer is not part of the page")
			}
		}
		if md.converter(body) == md.noLinks {
			// Linkify keeps some spaces at line ends, which minifying drops.
			full, _ := Converter{full: md.full, noLinks: md.full, reserved: md.reserved}.Convert("p.md", "/p/", body, 1, "/repo/", sched)
			without, with := minified(t, minifier, r.HTML), minified(t, minifier, full.HTML)
			if without != with {
				t.Fatalf("without Linkify:\n%s\nwith it:\n%s", without, with)
			}
		}
	})
}

// asciiHeadings reports whether every heading of body, as md parses it,
// has an id of goldmark's: letters and digits in ASCII only.
func asciiHeadings(md goldmark.Markdown, body []byte) bool {
	ok := true
	doc := md.Parser().Parse(text.NewReader(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, isHeading := n.(*ast.Heading); entering && isHeading {
			var line []byte
			if l := h.Lines(); l.Len() > 0 {
				seg := l.At(l.Len() - 1)
				line = seg.Value(body)
			}
			if !latinOnly(line) || !hasASCIIWord(goldmarkID(line)) {
				ok = false
				return ast.WalkStop, nil
			}
		}
		return ast.WalkContinue, nil
	})
	return ok
}

// headingIDsOf returns the ids of page's headings in order, and fails
// when a heading has another attribute or none.
func headingIDsOf(t *testing.T, page []byte) []string {
	var ids []string
	l := htmlparse.NewLexer(parse.NewInputBytes(page))
	heading := false
	for {
		tt, _ := l.Next()
		switch tt {
		case htmlparse.ErrorToken:
			return ids
		case htmlparse.StartTagToken:
			tag := strings.ToLower(string(l.Text()))
			heading = len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
			if heading {
				ids = append(ids, "")
			}
		case htmlparse.StartTagCloseToken, htmlparse.StartTagVoidToken:
			if heading && ids[len(ids)-1] == "" {
				t.Fatalf("a heading without an id:\n%s", page)
			}
			heading = false
		case htmlparse.AttributeToken:
			if !heading {
				continue
			}
			if key := string(l.AttrKey()); key != "id" {
				t.Fatalf("a heading with the attribute %s:\n%s", key, page)
			}
			ids[len(ids)-1] = html.UnescapeString(strings.Trim(string(l.AttrVal()), `"'`))
		}
	}
}

// minified returns html as the minifier publishes it.
func minified(t *testing.T, m *minify.M, html template.HTML) string {
	s, err := m.String("text/html", string(html))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// unsafeHTML returns what in page could run script: a script-like element,
// an event-handler attribute, or a link to a javascript:, vbscript: or
// data: URL; or "" when there is none.
func unsafeHTML(page []byte) string {
	l := htmlparse.NewLexer(parse.NewInputBytes(page))
	for {
		tt, _ := l.Next()
		switch tt {
		case htmlparse.ErrorToken:
			return ""
		case htmlparse.StartTagToken:
			switch tag := strings.ToLower(string(l.Text())); tag {
			case "script", "iframe", "object", "embed", "style", "base", "form", "svg", "math":
				return "<" + tag + ">"
			}
		case htmlparse.AttributeToken:
			key := strings.ToLower(string(l.AttrKey()))
			val := strings.Trim(string(l.AttrVal()), `"'`)
			v := strings.ToLower(strings.Join(strings.Fields(html.UnescapeString(val)), ""))
			if strings.HasPrefix(key, "on") {
				return "attribute " + key
			}
			if key == "href" || key == "src" || key == "action" || key == "formaction" {
				for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
					if strings.HasPrefix(v, scheme) {
						return key + "=" + val
					}
				}
			}
		}
	}
}
