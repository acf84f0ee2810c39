package markdown

import (
	"html"
	"html/template"
	"strings"
	"testing"

	"github.com/tdewolff/minify/v2"
	mhtml "github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/parse/v2"
	htmlparse "github.com/tdewolff/parse/v2/html"

	"rollout/internal/schedule"
	"rollout/internal/sitegen"
)

// FuzzRender: any Markdown converts without panicking, no script or
// javascript: link gets through, and leaving Linkify out where it cannot
// find a link changes nothing.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"# Title\n\n## Question?\n\nAnswer with a [link](/faq/) and `code`.\n",
		"<script>alert(1)</script>\n\n[x](javascript:alert(1))\n",
		"| a | b |\n| - | - |\n| 1 | 2 |\n",
		"> > > nested\n\n- a\n  - b\n    - c\n",
		"In {month of CSAIL} and {first month} {last month} {other}.\n",
		"## Q {#custom}\n\n[a](JaVaScRiPt:alert(1)) <img src=x onerror=alert(1)>\n",
		"Write to training@mit.edu, see www.example.org or (https://example.org/a_(b)).\n",
		"*emphasis* _under_ ~~struck~~ (parens) a\\ b  \nc\n\n    code www.x\n",
		sitegen.Page(3),
	} {
		f.Add([]byte(s))
	}
	sched, err := schedule.Parse("s.yaml", []byte("- month: 2018-05\n  areas:\n    - name: OVPR\n      includes: [CSAIL]\n"))
	if err != nil {
		f.Fatal(err)
	}
	md, minifier := New(), minify.New()
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
			return
		}
		if bad := unsafeHTML([]byte(r.HTML)); bad != "" {
			t.Fatalf("%s got through from %q:\n%s", bad, body, r.HTML)
		}
		for _, q := range r.Questions {
			if !strings.Contains(string(r.HTML), string(q.Answer)) {
				t.Fatalf("an answer is not part of the page")
			}
		}
		if md.converter(body) == md.noLinks {
			// Linkify keeps some spaces at line ends, which minifying drops.
			full, _ := Converter{md.full, md.full}.Convert("p.md", "/p/", body, 1, "/repo/", sched)
			without, with := minified(t, minifier, r.HTML), minified(t, minifier, full.HTML)
			if without != with {
				t.Fatalf("without Linkify:\n%s\nwith it:\n%s", without, with)
			}
		}
	})
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
