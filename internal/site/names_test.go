package site

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rollout/internal/sitetest"
)

// The names of content/ and static/: what is published, encoded where it
// must be, and what is an error naming the file.

// writeSite writes files, by slash-separated path, into the site folder
// dir; "" removes one.
func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		abs := filepath.Join(dir, filepath.FromSlash(p))
		if data == "" {
			if err := os.RemoveAll(abs); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// buildDir builds the site in dir as the rollout command does, through an
// os.Root, and checks it when it builds.
func buildDir(t *testing.T, dir string, opt Options) (*Builder, *Result, error) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	b, err := NewBuilder(root.FS(), opt)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.Build(nil)
	return b, res, err
}

// lines returns the lines of err, or none.
func lines(err error) []string {
	if err == nil {
		return nil
	}
	return strings.Split(err.Error(), "\n")
}

func diffLines(t *testing.T, what string, have, want []string) {
	t.Helper()
	if !slices.Equal(have, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
}

const namePage = "---\ntitle: P\n---\nP.\n"

// TestBadNames: a name that cannot be part of an address as it is, in
// content/ or static/, is an error naming the file (its characters
// escaped), saying what to do; every one is reported in one run, and a
// folder with such a name once, whatever it holds.
func TestBadNames(t *testing.T) {
	const rename = "; rename it using letters, digits, hyphens (-) and underscores (_)"
	tests := []struct {
		name string
		want string
	}{
		{"content/a#b.md", `content/a#b.md: the name has "#", which cannot be in a web address as it is` + rename + `, such as "a-b.md"`},
		{"content/why?.md", `content/why?.md: the name has "?", which cannot be in a web address as it is` + rename + `, such as "why.md"`},
		{"static/100%.pdf", `static/100%.pdf: the name has "%", which cannot be in a web address as it is` + rename + `, such as "100.pdf"`},
		{"static/a\\b.pdf", `static/a\b.pdf: the name has "\", which cannot be in a web address as it is` + rename + `, such as "a-b.pdf"`},
		{"content/a\x1b[31mred.md", `content/a\x1b[31mred.md: the name has a control character (\x1b), which cannot be seen` + rename + `, such as "a-[31mred.md"`},
		{"static/tab\tname.pdf", `static/tab\tname.pdf: the name has a control character (\t), which cannot be seen` + rename + `, such as "tab-name.pdf"`},
		{"static/new\nline.pdf", `static/new\nline.pdf: the name has a control character (\n), which cannot be seen` + rename + `, such as "new-line.pdf"`},
		{"static/del\x7f.pdf", `static/del\x7f.pdf: the name has a control character (\x7f), which cannot be seen` + rename + `, such as "del.pdf"`},
		{"static/c1\u0085.pdf", `static/c1\u0085.pdf: the name has a control character (\u0085), which cannot be seen` + rename + `, such as "c1.pdf"`},
		{"static/invoice\u202efdp.exe", `static/invoice\u202efdp.exe: the name has a control character (\u202e), which cannot be seen` + rename + `, such as "invoice-fdp.exe"`},
		{"static/iso\u2066late.pdf", `static/iso\u2066late.pdf: the name has a control character (\u2066), which cannot be seen` + rename + `, such as "iso-late.pdf"`},
		{"static/latin1-\xe9.pdf", `static/latin1-\xe9.pdf: the name is not valid UTF-8 text` + rename + `, such as "latin1-.pdf"`},
		{"content/Training Guide.md", `content/Training Guide.md: a name in content/ cannot have spaces, as page addresses would show them as %20` + rename + `, such as "Training-Guide.md"`},
		{"content/no\u00a0break.md", `content/no` + "\u00a0" + `break.md: a name in content/ cannot have spaces, as page addresses would show them as %20` + rename + `, such as "no-break.md"`},
		{"content/bad#folder/x.md", `content/bad#folder: the name has "#", which cannot be in a web address as it is` + rename + `, such as "bad-folder"`},
		{"content/Old Pages/x.md", `content/Old Pages: a name in content/ cannot have spaces, as page addresses would show them as %20` + rename + `, such as "Old-Pages"`},
		{"static/bad?folder/a/b.css", `static/bad?folder: the name has "?", which cannot be in a web address as it is` + rename + `, such as "bad-folder"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sitetest.Copy(t)
			writeSite(t, dir, map[string]string{tt.name: namePage})
			_, res, err := buildDir(t, dir, Options{})
			if err == nil {
				t.Fatalf("built %d files; want error\n%s", len(res.Files), tt.want)
			}
			diffLines(t, "errors", lines(err), []string{tt.want})
		})
	}

	// All of them at once: each is reported, the rest of the site too.
	dir := sitetest.Copy(t)
	var want []string
	for _, tt := range tests {
		writeSite(t, dir, map[string]string{tt.name: namePage})
		want = append(want, tt.want)
	}
	writeSite(t, dir, map[string]string{"content/broken.md": "---\ntitle: B\nwieght: 1\n---\n"})
	want = append(want, `content/broken.md:3:1: unknown key "wieght" in front matter; did you mean "weight"?`)
	_, _, err := buildDir(t, dir, Options{})
	have := lines(err)
	slices.Sort(have)
	slices.Sort(want)
	diffLines(t, "errors of one run", have, want)
}

// TestEncodedNames: a static file with spaces and a page with an accented
// name are published under their own names, and every address of them in
// the site is percent-encoded: links written either way, the menu, the
// canonical link and the sitemap. The link check follows links written
// either way, and fails the build on one to a name that is not there.
func TestEncodedNames(t *testing.T) {
	dir := sitetest.Copy(t)
	writeSite(t, dir, map[string]string{
		"static/files/Training Guide.pdf": "%PDF-1.4\n",
		"content/café.md":                 "---\ntitle: Café\nmenu: Café\n---\nThe guide: [as typed](</files/Training Guide.pdf>),\n[encoded](/files/Training%20Guide.pdf), [not there](</files/Training Guide 2.pdf>),\n[itself](/café/), [encoded](/caf%C3%A9/), [not there](/cafe/).\n",
	})
	_, _, err := buildDir(t, dir, Options{BaseURL: "https://example.org/repo/"})
	diffLines(t, "build", lines(err), []string{
		"content/café.md:6: link to /files/Training Guide 2.pdf goes nowhere: there is no page or file at that address",
		"content/café.md:7: link to /cafe/ goes nowhere: there is no page or file at that address",
	})
	writeSite(t, dir, map[string]string{
		"content/café.md": "---\ntitle: Café\nmenu: Café\n---\nThe guide: [as typed](</files/Training Guide.pdf>),\n[encoded](/files/Training%20Guide.pdf),\n[itself](/café/), [encoded](/caf%C3%A9/).\n",
	})
	b, res, err := buildDir(t, dir, Options{BaseURL: "https://example.org/repo/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"files/Training Guide.pdf", "caf\u00e9/index.html"} {
		if res.Files[name] == nil {
			t.Errorf("no output file %q in %q", name, slices.Sorted(maps.Keys(res.Files)))
		}
	}
	page := string(res.Files["caf\u00e9/index.html"])
	home := string(res.Files["index.html"])
	sitemap := string(res.Files["sitemap.xml"])
	for _, tt := range []struct{ where, in, want string }{
		{"the menu", home, `href=/repo/caf%C3%A9/>Café</a>`},
		{"the canonical link", page, `<link rel=canonical href=https://example.org/repo/caf%C3%A9/>`},
		{"og:url", page, `<meta property="og:url" content="https://example.org/repo/caf%C3%A9/">`},
		{"the sitemap", sitemap, `<loc>https://example.org/repo/caf%C3%A9/</loc>`},
		{"a link as typed", page, `<a href=/repo/files/Training%20Guide.pdf>as typed</a>`},
		{"a link encoded", page, `<a href=/repo/files/Training%20Guide.pdf>encoded</a>`},
		{"a link to a page as typed", page, `<a href=/repo/caf%C3%A9/>itself</a>`},
		{"a link to a page encoded", page, `<a href=/repo/caf%C3%A9/>encoded</a>`},
	} {
		if !strings.Contains(tt.in, tt.want) {
			t.Errorf("%s: no %s in\n%s", tt.where, tt.want, tt.in)
		}
	}
	for name, data := range res.Files {
		for _, raw := range []string{"/caf\u00e9/", "/Training Guide.pdf"} {
			if bytes.Contains(data, []byte(raw)) {
				t.Errorf("%s has the address %s not encoded", name, raw)
			}
		}
	}
	if problems := b.Check(res).Problems; len(problems) > 0 {
		t.Errorf("check: %v", problems)
	}
}

// TestUnicodeForms: a name is published in Unicode's composed form (NFC),
// whichever form the file system holds, so that a page has one address;
// two files or folders whose names differ only in form are an error naming
// both.
func TestUnicodeForms(t *testing.T) {
	const (
		nfc = "caf\u00e9"  // é as one character, as typed
		nfd = "cafe\u0301" // e and a combining accent, as some tools on macOS write it
	)
	t.Run("one page, decomposed", func(t *testing.T) {
		dir := sitetest.Copy(t)
		writeSite(t, dir, map[string]string{
			"content/" + nfd + ".md":       "---\ntitle: Café\nmenu: Café\n---\nSee [the guide](/" + nfc + "/guide.pdf).\n",
			"static/" + nfd + "/guide.pdf": "%PDF-1.4\n",
		})
		b, res, err := buildDir(t, dir, Options{BaseURL: "https://example.org/"})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{nfc + "/index.html", nfc + "/guide.pdf"} {
			if res.Files[name] == nil {
				t.Errorf("no output file %q in %q", name, slices.Sorted(maps.Keys(res.Files)))
			}
		}
		if sitemap := string(res.Files["sitemap.xml"]); !strings.Contains(sitemap, "<loc>https://example.org/caf%C3%A9/</loc>") {
			t.Errorf("sitemap:\n%s", sitemap)
		}
		if problems := b.Check(res).Problems; len(problems) > 0 {
			t.Errorf("check: %v", problems)
		}
	})
	tests := []struct {
		name  string
		files []string
		want  []string
	}{
		{"two pages", []string{"content/" + nfc + ".md", "content/" + nfd + ".md"}, []string{
			`content/café.md: content/` + nfd + `.md has the same name written in other Unicode characters ("caf\u00e9.md" here, "cafe\u0301.md" there), so both would be published at one address; rename or remove one of them`,
		}},
		{"two folders of pages", []string{"content/" + nfc + "/a.md", "content/" + nfd + "/b.md", "content/" + nfd + "/c.md"}, []string{
			`content/café: content/` + nfd + ` has the same name written in other Unicode characters ("caf\u00e9" here, "cafe\u0301" there), so both would be published at one address; rename or remove one of them`,
		}},
		{"two static files", []string{"static/" + nfc + ".pdf", "static/" + nfd + ".pdf"}, []string{
			`static/café.pdf: static/` + nfd + `.pdf has the same name written in other Unicode characters ("caf\u00e9.pdf" here, "cafe\u0301.pdf" there), so both would be published at one address; rename or remove one of them`,
		}},
		{"a folder and a file in it", []string{"static/" + nfc + "/x/" + nfc + ".pdf", "static/" + nfd + "/x/" + nfd + ".pdf"}, []string{
			`static/café: static/` + nfd + ` has the same name written in other Unicode characters ("caf\u00e9" here, "cafe\u0301" there), so both would be published at one address; rename or remove one of them`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sitetest.Copy(t)
			for _, p := range tt.files {
				writeSite(t, dir, map[string]string{p: namePage})
			}
			_, _, err := buildDir(t, dir, Options{})
			diffLines(t, "errors", lines(err), tt.want)
		})
	}
}

// TestOutputClashes: two sources that would write one output file, a page
// and a static file, two pages or two static files (capitals aside), are
// an error naming both, with the other problems of the run.
func TestOutputClashes(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"a page and a static file", map[string]string{"content/guide.md": namePage, "static/guide/index.html": "<p>hi</p>"}, []string{
			"static/guide/index.html: content/guide.md is already published at /guide/; rename or remove one of them",
		}},
		{"the home page and a static file", map[string]string{"static/index.html": "<p>hi</p>"}, []string{
			"static/index.html: content/_index.md is already published at /; rename or remove one of them",
		}},
		{"the 404 page and a static file", map[string]string{"static/404.html": "<p>hi</p>"}, []string{
			"static/404.html: content/404.md is already published at /404.html; rename or remove one of them",
		}},
		{"a page and a static file in capitals", map[string]string{"content/guide.md": namePage, "static/Guide/index.html": "<p>hi</p>"}, []string{
			"static/Guide/index.html: content/guide.md is already published at /guide/, which differs only in capitals; rename or remove one of them",
		}},
		{"two static files", map[string]string{"static/Guide.pdf": "%PDF", "static/guide.pdf": "%PDF"}, []string{
			"static/guide.pdf: static/Guide.pdf is already published at /Guide.pdf, which differs only in capitals; rename or remove one of them",
		}},
		{"a page and a folder's page", map[string]string{"content/guide.md": namePage, "content/guide/_index.md": namePage}, []string{
			"content/guide/_index.md: this page would be published at /guide/, where content/guide.md already is; rename one of them",
		}},
		{"with a bad name", map[string]string{"content/guide.md": namePage, "static/guide/index.html": "<p>hi</p>", "content/a#b.md": namePage}, []string{
			`content/a#b.md: the name has "#", which cannot be in a web address as it is; rename it using letters, digits, hyphens (-) and underscores (_), such as "a-b.md"`,
			"static/guide/index.html: content/guide.md is already published at /guide/; rename or remove one of them",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := sitetest.Copy(t)
			writeSite(t, dir, tt.files)
			_, _, err := buildDir(t, dir, Options{})
			diffLines(t, "errors", lines(err), tt.want)
		})
	}
}

// TestNamesIncremental: renaming a file or folder to a bad name and back,
// and adding files that clash, gives a watching builder the errors of a
// full build, and then the same files as a full build.
func TestNamesIncremental(t *testing.T) {
	dir := sitetest.Copy(t)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	opt := Options{BaseURL: "https://example.org/", Fingerprint: true}
	b, err := NewBuilder(root.FS(), opt)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	abs := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	rename := func(from, to string) func() []string {
		return func() []string {
			if err := os.Rename(abs(from), abs(to)); err != nil {
				t.Fatal(err)
			}
			return []string{from, to}
		}
	}
	write := func(p, data string) func() []string {
		return func() []string {
			writeSite(t, dir, map[string]string{p: data})
			return []string{p}
		}
	}
	steps := []struct {
		name   string
		edit   func() []string // returns the paths the watcher reports
		broken bool
	}{
		{"a page to a bad name", rename("content/learn-more.md", "content/learn#more.md"), true},
		{"and back", rename("content/learn#more.md", "content/learn-more.md"), false},
		{"a folder to a bad name", rename("content/faq", "content/f\x1baq"), true},
		{"a file into it", write("content/f\x1baq/more.md", namePage), true},
		{"a file in it broken", write("content/f\x1baq/more.md", "---\ntitle: [\n---\n"), true}, // the folder's error alone, as in a full build
		{"the folder back", rename("content/f\x1baq", "content/faq"), true},                     // with its broken page
		{"the new file gone", write("content/faq/more.md", ""), false},
		{"a static file to a bad name", rename("static/favicon.svg", "static/fav?icon.svg"), true},
		{"and back", rename("static/fav?icon.svg", "static/favicon.svg"), false},
		{"a static file", write("static/caf\u00e9.pdf", "%PDF"), false},
		{"its twin", write("static/cafe\u0301.pdf", "%PDF"), true},
		{"the twin gone", write("static/cafe\u0301.pdf", ""), false},
		{"a static file where a page is", write("static/learn-more/index.html", "<p>hi</p>"), true},
		{"gone", write("static/learn-more", ""), false},
		{"a page", write("content/caf\u00e9.md", namePage), false},
		{"its twin", write("content/cafe\u0301.md", namePage), true},
		{"the twin gone", write("content/cafe\u0301.md", ""), false},
		{"a static file where the page is", write("static/caf\u00e9/index.html", "<p>hi</p>"), true},
		{"gone again", write("static/caf\u00e9", ""), false},
	}
	for _, st := range steps {
		changed := st.edit()
		res, err := b.Build(changed)
		_, full, fullErr := buildDir(t, dir, opt)
		switch {
		case (err != nil) != st.broken:
			t.Fatalf("%s: error %v, want broken %v", st.name, err, st.broken)
		case err != nil:
			if err.Error() != fullErr.Error() {
				t.Fatalf("%s: incremental build:\n%v\nfull build:\n%v", st.name, err, fullErr)
			}
		case fullErr != nil:
			t.Fatalf("%s: full build: %v", st.name, fullErr)
		default:
			for name := range full.Files {
				if !bytes.Equal(res.Files[name], full.Files[name]) {
					t.Errorf("%s: %s differs from a full build's", st.name, name)
				}
			}
			for name := range res.Files {
				if full.Files[name] == nil {
					t.Errorf("%s: %s is not in a full build", st.name, name)
				}
			}
		}
	}
}
