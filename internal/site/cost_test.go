package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tdewolff/minify/v2/html"

	"rollout/internal/sitetest"
)

// Issue #14: every input within the size limits builds in time and memory
// that grow in proportion to its size. costFamilies are the inputs that
// grew faster, each a class of input rather than one example: a family
// makes a file of about n bytes that replaces or adds one file of the
// fixture site.
var costFamilies = []struct {
	name string
	make func(n int) (file, data string)
}{
	// TOML front matter: package toml needs memory in the square of the
	// nesting (gigabytes); refused by a scan before decoding.
	{"toml-inline-tables", func(n int) (string, string) {
		k := n / 7
		return tomlPage("a = " + strings.Repeat("{b = ", k) + "1" + strings.Repeat("}", k))
	}},
	{"toml-arrays", func(n int) (string, string) {
		k := n / 2
		return tomlPage("a = " + strings.Repeat("[", k) + "1" + strings.Repeat("]", k))
	}},
	{"toml-unknown-keys", func(n int) (string, string) { return tomlPage(numbered("k%07d = 1\n", n)) }},
	{"toml-long-key", func(n int) (string, string) { return tomlPage(strings.Repeat("a", n) + " = 1") }},
	// A description of quotation marks: each is &#34; in the page's
	// attributes, which the minifier replaced one by one.
	{"toml-quoted-description", func(n int) (string, string) {
		return tomlPage(`description = "` + strings.Repeat(`\"`, n/2) + `"`)
	}},
	{"yaml-nesting", func(n int) (string, string) {
		return yamlPage("a: " + strings.Repeat("[", n/2) + strings.Repeat("]", n/2))
	}},
	{"yaml-unknown-keys", func(n int) (string, string) { return yamlPage(numbered("k%07d: 1\n", n)) }},
	{"yaml-aliases", func(n int) (string, string) { return yamlPage(numbered("a%d: &a%[1]d [*a0, *a0, *a0, *a0]\n", n)) }},
	// Markdown: citations were read to the end of the line at every '{'.
	{"md-braces", func(n int) (string, string) { return mdPage(strings.Repeat("{", n)) }},
	{"md-month-of", func(n int) (string, string) { return mdPage(strings.Repeat("{month of ", n/10)) }},
	{"md-unknown-citations", func(n int) (string, string) { return mdPage(strings.Repeat("{month of Nowhere} ", n/19)) }},
	// goldmark's typographic quotes read the rest of a run of quotation
	// marks at each one; refused past a run of maxQuoteRun.
	{"md-quotes", func(n int) (string, string) { return mdPage(strings.Repeat(`"`, n)) }},
	{"md-apostrophes", func(n int) (string, string) { return mdPage(strings.Repeat(`'`, n)) }},
	// Character references, which the minifier replaced one by one.
	{"md-quoted-words", func(n int) (string, string) { return mdPage(strings.Repeat(`"a" `, n/4)) }},
	{"md-angle-quotes", func(n int) (string, string) { return mdPage(strings.Repeat("<", n)) }},
	{"md-ampersands", func(n int) (string, string) { return mdPage(strings.Repeat("&", n)) }},
	{"md-entities", func(n int) (string, string) { return mdPage(strings.Repeat("&amp;", n/5)) }},
	{"md-ellipses", func(n int) (string, string) { return mdPage(strings.Repeat(".", n)) }},
	{"md-code-quotes", func(n int) (string, string) { return mdPage("`" + strings.Repeat(`"`, n) + "`") }},
	{"md-long-line", func(n int) (string, string) { return mdPage(strings.Repeat("word ", n/5)) }},
	{"md-same-headings", func(n int) (string, string) { return mdPage(strings.Repeat("## Q\n\n", n/6)) }},
	{"md-emphasis", func(n int) (string, string) { return mdPage(strings.Repeat("*a* ", n/4)) }},
	{"layout-text-references", func(n int) (string, string) {
		return "layouts/page.html", `{{define "main"}}<p>` + strings.Repeat(`&quot;&#39;&amp;`, n/16) + "</p>{{end}}"
	}},
	{"layout-attribute-references", func(n int) (string, string) {
		return "layouts/page.html", `{{define "main"}}<p title="` + strings.Repeat(`&quot;&amp;`, n/11) + `">x</p>{{end}}`
	}},
	{"schedule-areas", func(n int) (string, string) {
		return "content/schedule.yaml", "- month: 2018-01\n  areas:\n" + numbered("    - Area %d\n", n)
	}},
}

func tomlPage(fm string) (string, string) {
	return "content/x.md", "+++\ntitle = \"X\"\n" + fm + "\n+++\nText.\n"
}

func yamlPage(fm string) (string, string) {
	return "content/x.md", "---\ntitle: X\n" + fm + "\n---\nText.\n"
}

func mdPage(body string) (string, string) {
	return "content/x.md", "---\ntitle: X\n---\n" + body + "\n"
}

// numbered repeats format, given 0, 1, 2 ..., to n bytes.
func numbered(format string, n int) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// BenchmarkCost builds the fixture site with one input of each family at
// three sizes, up to the limit of 1 MB: ns/op grows about as the size
// does (1MB costs about 8 times 128KB), never as its square. Whether the
// build succeeds or refuses the input does not matter here.
//
//	go test ./internal/site -run '^$' -bench BenchmarkCost -benchmem
func BenchmarkCost(b *testing.B) {
	for _, f := range costFamilies {
		for _, size := range []struct {
			name string
			n    int
		}{{"128KB", 128 << 10}, {"512KB", 512 << 10}, {"1MB", maxSourceSize - 64}} {
			b.Run("family="+f.name+"/size="+size.name, func(b *testing.B) {
				dir := sitetest.Copy(b)
				file, data := f.make(size.n)
				if len(data) > maxSourceSize {
					b.Fatalf("%s is %d bytes, over the limit", file, len(data))
				}
				if err := os.WriteFile(filepath.Join(dir, file), []byte(data), 0o644); err != nil {
					b.Fatal(err)
				}
				fsys := os.DirFS(dir)
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					Build(fsys, Options{})
				}
			})
		}
	}
}

// TestCostLimits: the inputs that are refused to keep the build fast say
// where and why.
func TestCostLimits(t *testing.T) {
	buildErrors(t, []buildError{
		{"toml nested", "content/x.md", "+++\ntitle = 'X'\nweight = 1\na = " + strings.Repeat("{b = ", 40) + "1" + strings.Repeat("}", 40) + "\n+++\n",
			"content/x.md:4: the values here are nested more than 32 levels deep ([ and { inside each other); no front-matter key takes a list or a set of keys: write each key on its own line, key = value"},
		{"toml nested over lines", "content/x.md", "\n+++\ntitle = 'X'\na = [\n" + strings.Repeat("[\n", 40) + strings.Repeat("]\n", 41) + "+++\n",
			"content/x.md:36: the values here are nested more than 32 levels deep ([ and { inside each other); no front-matter key takes a list or a set of keys: write each key on its own line, key = value"},
		{"quotation marks in a row", "content/x.md", "---\ntitle: X\n---\nText.\n\nSo " + strings.Repeat(`"`, 101) + ".\n",
			`content/x.md:6: this line has 101 quotation marks (") in a row, more than the 100 that can be converted quickly; remove most of them`},
		{"apostrophes in a row", "content/x.md", "---\ntitle: X\n---\n" + strings.Repeat(`'`, 5000) + "\n",
			`content/x.md:4: this line has 5000 quotation marks (') in a row, more than the 100 that can be converted quickly; remove most of them`},
		{"quotes of both kinds in an attribute", "content/x.md", "---\ntitle: X\n---\n![" + strings.Repeat(`\"\'`, 1<<14) + "](/x.png)\n",
			`content/x.md: minifying the page: a text of 32768 characters on this page has too many quotation marks, ampersands (&) or character references (&...;) to be published quickly; ` +
				`if it is the page's title or description, an image description or a link title, shorten it, or use fewer of both kinds of quotation marks (" and ')`},
	})
	// Within the limits, and brackets and quotes in TOML strings and
	// comments, are fine.
	fsys := fixture()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p title="{{.Description}}">x</p>{{.Content}}{{end}}`)} // not a link, which would go nowhere
	fsys["content/x.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = '[[[[{{{{'\ndescription = \"\"\"\n" + strings.Repeat("[", 40) + "\"\"\" # " + strings.Repeat("{", 40) +
		"\n+++\nSo " + strings.Repeat(`"`, 100) + " and {month of " + strings.Repeat("{", 50) + "\n")}
	if _, err := Build(fsys, Options{}); err != nil {
		t.Errorf("a page within the limits failed: %v", err)
	}
}

// TestReplaceReferences: replacing the references before minifying gives
// the page the minifier alone gives, for pages with references of every
// kind in text and attributes.
func TestReplaceReferences(t *testing.T) {
	pages := []string{
		`<p>&ldquo;a&rdquo; &amp; b &amp;c &lt;d&gt; &#39;e&#39; &#34;f&#x22; &#x201C;g &hellip; &nbsp;h &copy; &unknown; &amp &#; &#x; &#12345678; &#xFFFFFFFFFFFFFFFFFF41;</p>`,
		`<p title="&quot;a&quot; &amp; &#39;b&#39;" class='x &amp; y'>&amp;lt; &amp;amp; &#38;#39; &#38;</p>`,
		`<pre>&ldquo;kept&rdquo; &amp;</pre><p>&ldquo;x&rdquo;</p><script>a&&b; "&amp;"</script><textarea>&amp;</textarea><title>&ldquo;t&rdquo;</title>`,
		`<a href="/a?b=1&amp;c=2&#38;d">&lt;&lt;&gt;&gt;</a><img alt='&#34;&#34;&#39;'>`,
	}
	plain := newMinifier()
	plain.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true})
	ours := newMinifier()
	for _, page := range pages {
		want, err := plain.String("text/html", page)
		if err != nil {
			t.Fatal(err)
		}
		have, err := ours.String("text/html", page)
		if err != nil {
			t.Fatal(err)
		}
		if have != want {
			t.Errorf("%s\nminified after replacing:\n%s\nminified alone:\n%s", page, have, want)
		}
		// What is left for the minifier to replace is nothing.
		out, err := replaceReferences([]byte(page))
		if err != nil {
			t.Fatal(err)
		}
		again, err := replaceReferences(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("%s: replacing twice gives\n%s\nonce\n%s", page, again, out)
		}
	}
	// A replacement that spells out a new reference (&am&#112;; is &amp;)
	// is replaced again.
	out, err := replaceReferences([]byte("<p>" + strings.Repeat("&am&#112;; ", 3) + "</p>"))
	if want := "<p>& & & </p>"; err != nil || string(out) != want {
		t.Errorf("have %s, %v; want %s", out, err, want)
	}
}
