package site

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"rollout/internal/frontmatter"
	"rollout/internal/schedule"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func day(t *testing.T, s string) schedule.Date {
	t.Helper()
	d, err := schedule.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestGolden builds testdata/site and compares every output file with
// testdata/golden. Run with -update to rewrite the golden files.
func TestGolden(t *testing.T) {
	res, err := Build(os.DirFS("testdata/site"), Options{BaseURL: "https://example.org/repo/", Now: day(t, "2018-03-15"), Fingerprint: true})
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "golden")
	if *update {
		os.RemoveAll(golden)
		for name, b := range res.Files {
			p := filepath.Join(golden, filepath.FromSlash(name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var want []string
	filepath.WalkDir(golden, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(golden, p)
			want = append(want, filepath.ToSlash(rel))
		}
		return err
	})
	var have []string
	for name := range res.Files {
		have = append(have, name)
	}
	sort.Strings(have)
	sort.Strings(want)
	if strings.Join(have, "\n") != strings.Join(want, "\n") {
		t.Fatalf("output files:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
	for _, name := range want {
		wantB, _ := os.ReadFile(filepath.Join(golden, filepath.FromSlash(name)))
		if haveB := res.Files[name]; !bytes.Equal(haveB, wantB) {
			line, col := firstDiff(haveB, wantB)
			t.Errorf("%s:%d:%d: output differs from golden file (run go test -update to accept)\nhave: %s\nwant: %s",
				name, line, col, around(haveB, line), around(wantB, line))
		}
	}
	// The fixture's layouts keep none of the promises the link check
	// verifies: warnings, as rollout check's problems.
	want = []string{
		"content/_index.md:12: raw HTML is not published; write it in Markdown instead",
		"content/faq/_index.md:9: /faq/ has no FAQPage data for search engines; its layout must write .FAQSchema in a script of type application/ld+json",
		"content/faq/second.md:7: /faq/second/ has no FAQPage data for search engines; its layout must write .FAQSchema in a script of type application/ld+json",
		"content/schedule.yaml: no page has the area finder, so readers cannot search the schedule; a layout must list the areas with data-names",
	}
	have = nil
	for _, w := range res.Warnings {
		have = append(have, w.Error())
	}
	if strings.Join(have, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
}

func firstDiff(a, b []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(a) && i < len(b) && a[i] == b[i]; i++ {
		col++
		if a[i] == '\n' {
			line, col = line+1, 1
		}
	}
	return line, col
}

func around(b []byte, line int) string {
	lines := strings.Split(string(b), "\n")
	if line-1 < len(lines) {
		return lines[line-1]
	}
	return "(end of file)"
}

// fixture is a minimal valid site; tests change one file to break it.
func fixture() fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md":     {Data: []byte("---\ntitle: Home\n---\nHello.\n")},
		"content/schedule.yaml": {Data: []byte("- month: 2018-01\n  areas: [All faculty]\n")},
		"layouts/base.html":     {Data: []byte(`<!DOCTYPE html><html><head><title>{{.Title}}</title></head><body>{{template "main" .}}</body></html>`)},
		"layouts/home.html":     {Data: []byte(`{{define "main"}}{{.Content}}{{end}}`)},
		"layouts/page.html":     {Data: []byte(`{{define "main"}}<a href="{{.Description}}">x</a>{{.Content}}{{end}}`)},
		"layouts/faq.html":      {Data: []byte(`{{define "main"}}{{.Content}}{{end}}`)},
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // "" deletes
		want  string
	}{
		{"missing layout", map[string]string{"content/x.md": "---\ntitle: X\nlayout: wide\n---\n"},
			`content/x.md: there is no layout "wide": create layouts/wide.html or change the page's layout`},
		{"template parse error", map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{.Title}\n{{end}}"},
			`layouts/page.html:2: bad character U+007D '}'`},
		{"template exec error", map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{.Nope}}{{end}}", "content/x.md": "---\ntitle: X\n---\n"},
			`layouts/page.html:2:2: can't evaluate field Nope in a page (while rendering content/x.md)`},
		{"a layout shows a page that is gone", map[string]string{"layouts/home.html": "{{define \"main\"}}\n{{with .Site.Page \"/learn-more/\"}}{{.Title}}{{end}}{{end}}"},
			`layouts/home.html:2:12: this layout shows the page /learn-more/, which does not exist: create content/learn-more.md, or take that part out of the layout (while rendering content/_index.md)`},
		{"a script that does not parse", map[string]string{"static/bad.js": "let x = ;\n"},
			`static/bad.js:1:9: unexpected ; in expression; fix it, or remove the file`},
		{"layout without main", map[string]string{"layouts/page.html": "<p>hi</p>"},
			`layouts/page.html: a layout must define the page's part: {{define "main"}} ... {{end}}`},
		{"unsafe URL", map[string]string{"content/x.md": "---\ntitle: X\ndescription: \"javascript:alert(1)\"\n---\n"},
			`content/x.md: a value of this page was refused as unsafe where layouts/page.html puts it in a link or attribute; links must be http(s), mailto: or site paths such as /faq/`},
		{"two sources one URL", map[string]string{"content/a.md": "---\ntitle: A\n---\n", "content/A/_index.md": "---\ntitle: A\n---\n"},
			`content/a.md: this page would be published at /a/, where content/A/_index.md already is; rename one of them`},
		{"index.md", map[string]string{"content/faq/index.md": "---\ntitle: A\n---\n"},
			`content/faq/index.md: name a folder's own page _index.md, not index.md`},
		{"other file in content", map[string]string{"content/logo.png": "PNG"},
			`content/logo.png: only Markdown pages (.md) and schedule.yaml belong in content/; put other files in static/`},
		{"a page named .markdown", map[string]string{"content/faq/x.markdown": "---\ntitle: X\n---\n"},
			`content/faq/x.markdown: a page's name ends in .md: rename this file content/faq/x.md`},
		{"a page named .MD", map[string]string{"content/x.MD": "---\ntitle: X\n---\n"},
			`content/x.MD: a page's name ends in .md: rename this file content/x.md`},
		{"the schedule named .yml", map[string]string{"content/schedule.yml": "- month: 2018-01\n  areas: [A]\n"},
			`content/schedule.yml: the schedule must be named schedule.yaml: rename this file content/schedule.yaml`},
		{"no schedule", map[string]string{"content/schedule.yaml": ""},
			`content/schedule.yaml: the schedule file is missing; create it with the rollout's waves`},
		{"no home", map[string]string{"content/_index.md": ""},
			`content/_index.md: the home page is missing; create it with a title`},
		{"no base layout", map[string]string{"layouts/base.html": ""},
			`layouts/base.html: the base layout is missing; every page is rendered into it`},
		{"static clashes with page", map[string]string{"content/x.md": "---\ntitle: X\n---\n", "static/x/index.html": "hi"},
			`static/x/index.html: content/x.md is already published at /x/; rename or remove one of them`},
		{"many problems", map[string]string{
			"content/a.md":          "---\ntitle: A\nwieght: 1\n---\n",
			"content/b.md":          "---\ntitle: B: c\n---\n",
			"content/schedule.yaml": "- month: 2018-1\n  areas: [A]\n"},
			"content/a.md:3:1: unknown key \"wieght\" in front matter; did you mean \"weight\"?\n" +
				"content/b.md:2: the value of \"title\" contains \": \" (a colon and a space); put the whole value in quotes: title: \"B: c\"\n" +
				"content/schedule.yaml:1:10: \"2018-1\" is not a month written YYYY-MM, like 2018-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture()
			for name, data := range tt.files {
				if data == "" {
					delete(fsys, name)
				} else {
					fsys[name] = &fstest.MapFile{Data: []byte(data)}
				}
			}
			res, err := Build(fsys, Options{})
			if err == nil {
				t.Fatalf("built %d files; want error\n%s", len(res.Files), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("have error\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}

func TestSameInputSameBytes(t *testing.T) {
	lf := fixture()
	crlf := fixture()
	for name, f := range lf {
		crlf[name] = &fstest.MapFile{Data: append([]byte("\uFEFF"), bytes.ReplaceAll(f.Data, []byte("\n"), []byte("\r\n"))...)}
	}
	a, err := Build(lf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(crlf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := Build(lf, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s: CRLF and BOM input gives other bytes:\n%s\n%s", name, data, b.Files[name])
		}
		if !bytes.Equal(data, c.Files[name]) {
			t.Errorf("%s: a second build gives other bytes", name)
		}
	}
}

func TestBaseURL(t *testing.T) {
	tests := []struct{ base, url, abs, err string }{
		{"", "/faq/", "/faq/", ""},
		{"/", "/faq/", "/faq/", ""},
		{"/repo", "/repo/faq/", "/repo/faq/", ""},
		{"https://org.github.io/repo/", "/repo/faq/", "https://org.github.io/repo/faq/", ""},
		{"http://localhost:1313/", "/faq/", "http://localhost:1313/faq/", ""},
		{"ftp://x/", "", "", `base URL "ftp://x/" must be a path such as /repo/ or an http(s) URL such as https://example.org/repo/`},
		{"repo/", "", "", `base URL "repo/" must be a path such as /repo/ or an http(s) URL such as https://example.org/repo/`},
	}
	for _, tt := range tests {
		t.Run(tt.base, func(t *testing.T) {
			_, origin, basePath, err := frontmatter.ParseBaseURL(tt.base)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error %v, want %s", err, tt.err)
				}
				return
			}
			s := links{basePath: basePath, Origin: origin}
			if have := s.URL("/faq/"); have != tt.url {
				t.Errorf("URL = %q, want %q", have, tt.url)
			}
			if have := s.AbsURL("faq/"); have != tt.abs {
				t.Errorf("AbsURL = %q, want %q", have, tt.abs)
			}
		})
	}
}

func TestPageURL(t *testing.T) {
	tests := []struct{ src, url, out, parent string }{
		{"content/_index.md", "/", "index.html", ""},
		{"content/x.md", "/x/", "x/index.html", "/"},
		{"content/dir/_index.md", "/dir/", "dir/index.html", "/"},
		{"content/dir/x.md", "/dir/x/", "dir/x/index.html", "/dir/"},
		{"content/a/b/_index.md", "/a/b/", "a/b/index.html", "/a/"},
		{"content/404.md", "/404.html", "404.html", ""},
		// Translations, under their language's folder.
		{"content/_index.es.md", "/es/", "es/index.html", ""},
		{"content/faq/x.pt-br.md", "/pt-br/faq/x/", "pt-br/faq/x/index.html", "/pt-br/faq/"},
		{"content/404.es.md", "/es/404.html", "es/404.html", ""},
		// Not a language code: part of the name.
		{"content/v1.2.md", "/v1.2/", "v1.2/index.html", "/"},
		{"content/notes.Old.md", "/notes.Old/", "notes.Old/index.html", "/"},
	}
	for _, tt := range tests {
		url, out, parent := pageURL(tt.src)
		if url != tt.url || out != tt.out || parent != tt.parent {
			t.Errorf("pageURL(%q) = %q, %q, %q; want %q, %q, %q", tt.src, url, out, parent, tt.url, tt.out, tt.parent)
		}
	}
}

// firstBuild returns a builder of the site in fsys and its first build,
// failing t if the site does not build.
func firstBuild(t *testing.T, fsys fstest.MapFS) (*Builder, *Result) {
	t.Helper()
	b, err := NewBuilder(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	return b, res
}

// setter returns a function that writes a file of fsys, or removes it
// when data is "".
func setter(fsys fstest.MapFS) func(p, data string) {
	return func(p, data string) {
		if data == "" {
			delete(fsys, p)
		} else {
			fsys[p] = &fstest.MapFile{Data: []byte(data)}
		}
	}
}
