package site

import (
	"html"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"rollout/internal/sitetest"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/parse/v2"
	htmlparse "github.com/tdewolff/parse/v2/html"
)

// readerView returns what a reader gets of a page: its words, in order,
// and the targets of its links and assets.
func readerView(page []byte) (words, targets []string) {
	var text []string
	l := htmlparse.NewLexer(parse.NewInputBytes(page))
	for {
		tt, data := l.Next()
		switch tt {
		case htmlparse.ErrorToken:
			return strings.Fields(strings.Join(text, " ")), targets
		case htmlparse.TextToken:
			text = append(text, html.UnescapeString(string(data)))
		case htmlparse.AttributeToken:
			switch string(l.AttrKey()) {
			case "href", "src", "alt", "title", "aria-label", "id":
				targets = append(targets, string(l.AttrKey())+"="+html.UnescapeString(strings.Trim(string(l.AttrVal()), `"'`)))
			}
		}
	}
}

// TestMinifyKeepsWhatReadersSee builds the test sites (the repository's
// layouts with the fixture content, and this package's own site) with and
// without minifying: every page has the same words and the same link
// targets both ways.
func TestMinifyKeepsWhatReadersSee(t *testing.T) {
	for _, dir := range []string{sitetest.Copy(t), "testdata/site"} {
		build := func(minifyHTML bool) map[string][]byte {
			b, err := NewBuilder(os.DirFS(dir), Options{BaseURL: "https://org.github.io/repo/", Now: day(t, "2018-03-15")})
			if err != nil {
				t.Fatal(err)
			}
			if !minifyHTML {
				b.min.AddFunc("text/html", func(_ *minify.M, w io.Writer, r io.Reader, _ map[string]string) error {
					_, err := io.Copy(w, r)
					return err
				})
			}
			res, err := b.Build(nil)
			if err != nil {
				t.Fatal(err)
			}
			return res.Files
		}
		raw, min := build(false), build(true)
		pages := 0
		for name, r := range raw {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			pages++
			rw, rt := readerView(r)
			mw, mt := readerView(min[name])
			if !slices.Equal(rw, mw) {
				t.Errorf("%s %s: minifying changed the text:\n%q\n%q", dir, name, rw, mw)
			}
			if !slices.Equal(rt, mt) {
				t.Errorf("%s %s: minifying changed the links:\n%q\n%q", dir, name, rt, mt)
			}
			if len(rw) < 5 || len(r) <= len(min[name]) {
				t.Errorf("%s %s: %d words, %d bytes raw, %d minified", dir, name, len(rw), len(r), len(min[name]))
			}
		}
		if pages < 5 {
			t.Errorf("%s: only %d pages", dir, pages)
		}
	}
}
