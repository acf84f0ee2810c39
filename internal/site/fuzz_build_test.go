package site

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	htmlparse "github.com/tdewolff/parse/v2/html"

	"rollout/internal/diag"
	"rollout/internal/schedule"
	"rollout/internal/sitetest"
)

// FuzzBuild checks the promise of issue #14 for the whole build: no
// content, layout, static file or file name can crash or stall a build,
// and a build either makes the site or says what to fix where.
//
// Its input is a small archive of files (see decodeSite) laid over the
// fixture site of package sitetest, which is read once. Each input is
// built, and then:
//
//   - nothing panics, and the build ends within maxBuildTime;
//   - on error, every problem is a path:line message about a file or
//     folder of the site (or a file the site lacks), with some text, at a
//     line the file has, that cannot act on a terminal; so is every
//     warning;
//   - on success, every output is named by a clean relative slash path,
//     every page is UTF-8 (static files are published as they are), the
//     pages made from the fixture's layouts have no event handler or
//     script link, and Check runs and reports problems as a build does;
//   - a second build of the same files gives the same bytes, or the same
//     error.
//
// go test runs the seeds below and those in testdata/fuzz/FuzzBuild;
// go test -fuzz FuzzBuild explores. A failure prints the input as
// files, in the format decodeSite reads.
func FuzzBuild(f *testing.F) {
	fixture := loadFixture(f)
	for _, s := range buildSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzSite {
			t.Skip("larger than a fuzz input may be")
		}
		fsys, opt := decodeSite(fixture, data)
		if fail := checkBuild(fixture, fsys, opt); fail != "" {
			t.Fatalf("%s\ninput:\n%s", fail, shown(data))
		}
	})
}

const (
	// maxFuzzSite keeps each input, and so each build, small and quick.
	maxFuzzSite = 64 << 10
	// maxFuzzFiles is how many files an input may write or delete.
	maxFuzzFiles = 24
	// maxBuildTime is far more than any build of an input takes; one
	// that takes longer stalls, as a page must never make the build or
	// the preview server do.
	maxBuildTime = 5 * time.Second
)

// fuzzNow is the day fuzzed sites are built for, in the fixture's rollout.
var fuzzNow = func() schedule.Date {
	d, err := schedule.ParseDate("2018-03-15")
	if err != nil {
		panic(err)
	}
	return d
}()

// loadFixture reads the fixture site of package sitetest into memory.
func loadFixture(f *testing.F) fstest.MapFS {
	dir := sitetest.Copy(f)
	fixture := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		fixture[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	return fixture
}

// decodeSite lays the files of data over a copy of fixture and returns the
// site and the options to build it with. data is an archive of files in
// the form of txtar:
//
//	options: drafts, plain (no fingerprints), base=URL
//	-- content/x.md --
//	the text of content/x.md
//	-- "static/a\x1b b.css" --
//	a name in Go's quotes may hold any byte
//	-- delete content/schedule.yaml --
//
// Text before the first "-- name --" line sets the options. A file
// replaces the fixture's file, or folder, of that name, and a file where
// the name needs a folder, as writing it on a disk would; "delete" removes
// a file or folder. Names that are not valid fs.FS paths are skipped, as
// are files past the first maxFuzzFiles.
func decodeSite(fixture fstest.MapFS, data []byte) (fstest.MapFS, Options) {
	fsys := maps.Clone(fixture)
	opt := Options{Now: fuzzNow, Fingerprint: true}
	lines := bytes.SplitAfter(data, []byte("\n"))
	var name string // of the file being read; "" before the first, or when skipped
	var text []byte
	files := 0
	flush := func() {
		if name != "" {
			put(fsys, name, &fstest.MapFile{Data: text})
		}
		name, text = "", nil
	}
	for i, line := range lines {
		marker, isMarker := fileMarker(line)
		switch {
		case isMarker:
			flush()
			if files++; files > maxFuzzFiles {
				return fsys, opt
			}
			if del, ok := strings.CutPrefix(marker, "delete "); ok {
				put(fsys, unquoted(del), nil)
				continue
			}
			name = unquoted(marker)
			text = []byte{}
		case name != "":
			text = append(text, line...)
		case files == 0 && i == 0:
			for _, word := range strings.Fields(string(line)) {
				switch word {
				case "drafts":
					opt.Drafts = true
				case "plain":
					opt.Fingerprint = false
				}
				if base, ok := strings.CutPrefix(word, "base="); ok {
					if _, _, err := SplitBaseURL(base); err == nil {
						opt.BaseURL = base
					}
				}
			}
		}
	}
	flush()
	return fsys, opt
}

// fileMarker returns the name in a "-- name --" line.
func fileMarker(line []byte) (string, bool) {
	s := strings.TrimSuffix(string(line), "\n")
	if len(s) < len("-- x --") || !strings.HasPrefix(s, "-- ") || !strings.HasSuffix(s, " --") {
		return "", false
	}
	return s[3 : len(s)-3], true
}

// unquoted returns name without Go's quotes, or "" when they do not parse.
func unquoted(name string) string {
	if strings.HasPrefix(name, `"`) {
		s, err := strconv.Unquote(name)
		if err != nil {
			return ""
		}
		return s
	}
	return name
}

// put writes file at p in fsys, or deletes what is at p when file is nil,
// replacing what stands in the way, as on a disk: a folder at p, and a file
// where p needs a folder.
func put(fsys fstest.MapFS, p string, file *fstest.MapFile) {
	if !fs.ValidPath(p) || p == "." {
		return
	}
	for k := range fsys {
		if k == p || strings.HasPrefix(k, p+"/") || strings.HasPrefix(p, k+"/") {
			delete(fsys, k)
		}
	}
	if file != nil {
		fsys[p] = file
	}
}

// checkBuild builds fsys, which is fixture with an input's files, twice
// and returns what broke the promises that FuzzBuild lists, or "".
func checkBuild(fixture, fsys fstest.MapFS, opt Options) string {
	var res *Result
	var cr *CheckResult
	var pages []*Page
	var unsafe string
	fail, err := timed(func() error {
		b, err := NewBuilder(fsys, opt)
		if err != nil {
			return err
		}
		if res, err = b.Build(nil); err != nil {
			return err
		}
		pages = b.site.Pages
		if sameLayouts(fixture, fsys) {
			unsafe = scriptFromContent(b, res)
		}
		cr = b.Check(res)
		return nil
	})
	switch {
	case fail != "":
		return fail
	case unsafe != "":
		return unsafe
	}
	known := knownPaths(fsys)
	if err != nil {
		if fail := problems("error", err, fsys, known); fail != "" {
			return fail
		}
	} else {
		if fail := problems("warning", errors.Join(res.Warnings...), fsys, known); fail != "" {
			return fail
		}
		if fail := problems("check problem", errors.Join(cr.Problems...), fsys, known); fail != "" {
			return fail
		}
		for name := range res.Files {
			if !fs.ValidPath(name) || name == "." || strings.Contains(name, `\`) {
				return fmt.Sprintf("output file name %q is not a clean relative slash path", name)
			}
		}
		for _, p := range pages {
			if !utf8.Valid(res.Files[p.Out]) {
				return fmt.Sprintf("%s, the page of %s, is not UTF-8", p.Out, p.Path)
			}
		}
	}

	var again *Result
	fail, errAgain := timed(func() (err error) {
		again, err = Build(fsys, opt)
		return err
	})
	switch {
	case fail != "":
		return "second build: " + fail
	case (err == nil) != (errAgain == nil):
		return fmt.Sprintf("the first build gave error %v, the second %v", err, errAgain)
	case err != nil:
		if err.Error() != errAgain.Error() {
			return fmt.Sprintf("a second build gave other errors:\n%v\nthe first:\n%v", errAgain, err)
		}
		return ""
	}
	if w1, w2 := errors.Join(res.Warnings...), errors.Join(again.Warnings...); fmt.Sprint(w1) != fmt.Sprint(w2) {
		return fmt.Sprintf("a second build gave other warnings:\n%v\nthe first:\n%v", w2, w1)
	}
	for _, name := range slices.Sorted(maps.Keys(res.Files)) {
		if other, ok := again.Files[name]; !ok || !bytes.Equal(res.Files[name], other) {
			return fmt.Sprintf("%s differs in a second build", name)
		}
	}
	if len(again.Files) != len(res.Files) {
		return fmt.Sprintf("a second build made %d files, the first %d", len(again.Files), len(res.Files))
	}
	return ""
}

// timed runs build, and returns its error, or a failure when it panicked
// or took longer than maxBuildTime.
func timed(build func() error) (fail string, err error) {
	done := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
			}
		}()
		err = build()
		done <- ""
	}()
	select {
	case fail = <-done:
		return fail, err
	case <-time.After(maxBuildTime):
		return fmt.Sprintf("the build took more than %v", maxBuildTime), nil
	}
}

// knownPaths are the paths a problem may be about: every file of fsys and
// every folder above one, the three source folders, and the files every
// site has, which a problem may say are missing. A path may also be
// given as it is shown, with line breaks, tabs and other control
// characters escaped (see checkName).
func knownPaths(fsys fstest.MapFS) map[string]bool {
	known := map[string]bool{
		"content": true, "layouts": true, "static": true,
		"content/_index.md": true, "content/schedule.yaml": true, baseName: true,
	}
	for p := range fsys {
		for ; p != "."; p = path.Dir(p) {
			known[p] = true
			known[shownPath.Replace(diag.Printable(p))] = true
		}
	}
	return known
}

// shownPath escapes what diag.Printable leaves in a path.
var shownPath = strings.NewReplacer("\n", `\n`, "\t", `\t`)

// problems returns what is wrong with the problems err joins, reported as
// kind: each must be a *diag.Error about a known path, or an error whose
// text starts with one and a line, with a message, at a line that the file
// has, and it must not hold a character that acts on a terminal.
func problems(kind string, err error, fsys fstest.MapFS, known map[string]bool) string {
	if err == nil {
		return ""
	}
	text := err.Error()
	if printable := diag.Printable(text); printable != text {
		return fmt.Sprintf("%s text holds characters that act on a terminal: %q", kind, text)
	}
	var all diag.List
	all.Add(err)
	for _, e := range all {
		var p string
		var line int
		var msg string
		if d, ok := e.(*diag.Error); ok {
			p, line, msg = d.Path, d.Line, d.Msg
			if !known[p] {
				return fmt.Sprintf("%s about %q, which is neither a file nor a folder of the site: %v", kind, p, e)
			}
			if d.Line < 0 || d.Col < 0 {
				return fmt.Sprintf("%s at a negative line or column: %v", kind, e)
			}
		} else {
			// A layout's errors are html/template's, which name the layout.
			s := e.Error()
			for q := range known {
				if rest, ok := strings.CutPrefix(s, q+":"); ok && len(q) > len(p) {
					p, msg = q, rest
				}
			}
			if p == "" {
				return fmt.Sprintf("%s without the path of a file or folder of the site: %q", kind, s)
			}
			if n, rest, ok := strings.Cut(msg, ":"); ok {
				if l, err := strconv.Atoi(n); err == nil {
					line, msg = l, rest
				}
			}
		}
		if strings.Trim(msg, " :0123456789") == "" {
			return fmt.Sprintf("%s without a message: %q", kind, e.Error())
		}
		if f := fsys[p]; f != nil && line > lineCount(diag.Normalize(f.Data)) {
			return fmt.Sprintf("%s at line %d of %s, which has %d lines: %v", kind, line, p, lineCount(diag.Normalize(f.Data)), e)
		}
	}
	return ""
}

// lineCount is how many lines a text editor shows for data: a line break
// is LF, CR, or a Unicode line or paragraph separator.
func lineCount(data []byte) int {
	n := 1
	for i, r := range string(data) {
		switch r {
		case '\n', '\u0085', '\u2028', '\u2029':
			n++
		case '\r':
			if i+1 >= len(data) || data[i+1] != '\n' {
				n++
			}
		}
	}
	return n
}

// sameLayouts reports whether fsys has the layouts of fixture, which it
// is a copy of, and no others.
func sameLayouts(fixture, fsys fstest.MapFS) bool {
	for _, m := range []fstest.MapFS{fixture, fsys} {
		for p := range m {
			if strings.HasPrefix(p, "layouts/") && fsys[p] != fixture[p] {
				return false
			}
		}
	}
	return true
}

// scriptFromContent returns what a page of the last build lets run as
// script: an event-handler attribute or a script link, or "" when there is
// none. The fixture's layouts have neither, so when the site has them, it
// can only come from content.
func scriptFromContent(b *Builder, res *Result) string {
	for _, page := range b.site.Pages {
		l := htmlparse.NewLexer(parse.NewInputBytes(res.Files[page.Out]))
		for {
			tt, _ := l.Next()
			if tt == htmlparse.ErrorToken {
				break
			}
			if tt != htmlparse.AttributeToken {
				continue
			}
			key := strings.ToLower(string(l.AttrKey()))
			val := strings.ToLower(strings.Join(strings.Fields(html.UnescapeString(strings.Trim(string(l.AttrVal()), `"'`))), ""))
			if strings.HasPrefix(key, "on") {
				return fmt.Sprintf("%s has the event handler %s, from %s", page.Out, key, page.Path)
			}
			if key == "href" || key == "src" || key == "action" || key == "formaction" {
				for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
					if strings.HasPrefix(val, scheme) {
						return fmt.Sprintf("%s has the link %s=%s, from %s", page.Out, key, val, page.Path)
					}
				}
			}
		}
	}
	return ""
}

// shown is data as a failure prints it: at most 4 KB of it, with every
// character that would act on a terminal escaped.
func shown(data []byte) string {
	const most = 4 << 10
	if len(data) > most {
		return diag.Printable(string(data[:most])) + fmt.Sprintf("\n... (%d bytes more)", len(data)-most)
	}
	return diag.Printable(string(data))
}

// archive writes files, given as name and text, in the form decodeSite
// reads, after a line of options. A name that needs them is in Go's quotes.
// "delete name" takes no text.
func archive(options string, files ...string) string {
	var b strings.Builder
	b.WriteString(options + "\n")
	for len(files) > 0 {
		if del, ok := strings.CutPrefix(files[0], "delete "); ok {
			b.WriteString("-- delete " + strconv.Quote(del) + " --\n")
			files = files[1:]
			continue
		}
		name, text := files[0], files[1]
		files = files[2:]
		if strings.HasPrefix(name, `"`) || strings.TrimSpace(name) != name || diag.Printable(name) != name || strings.Contains(name, "\n") {
			name = strconv.Quote(name)
		}
		b.WriteString("-- " + name + " --\n" + text)
		if text != "" && !strings.HasSuffix(text, "\n") {
			b.WriteString("\n")
		}
	}
	return b.String()
}

// page is a Markdown page with the front matter lines given.
func page(body string, front ...string) string {
	return "---\n" + strings.Join(front, "\n") + "\n---\n\n" + body
}

// nested returns depth opening texts, the middle, and depth closing ones.
func nested(open, middle, close string, depth int) string {
	return strings.Repeat(open, depth) + middle + strings.Repeat(close, depth)
}

// yamlTree is a YAML mapping nested depth levels deep, one level per line.
func yamlTree(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	b.WriteString(strings.Repeat(" ", depth) + "v: 1\n")
	return b.String()
}

// unknownKeys is n front-matter lines with keys that do not exist.
func unknownKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "key%d: x\n", i)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// buildSeeds are the cases of issue #14, small, and a few more: each is
// what once broke, or could break, a build, the preview or a reader.
var buildSeeds = []string{
	// The fixture as it is.
	"",
	archive("plain drafts base=https://org.github.io/repo/"),
	archive("base=/repo/", "content/faq/draft.md", page("## Q?\n\nA.\n", "title: Draft", "draft: true")),

	// Heading attributes that are not text, that are not published, and
	// ids that the layouts use or that repeat.
	archive("", "content/attrs.md", page("# A {id=2018}\n\n## B {id=true}\n\n## C {id=[1]}\n\n## D {id={a=b}}\n\n## E {id=null}\n\nF {id=1.5}\n===\n", "title: Attributes")),
	archive("", "content/attrs.md", page("## X {#x .cls style=\"display:none\" onclick=\"alert(1)\" onmouseover=x}\n\n## H {hidden}\n\n## I {hidden=true inert tabindex=-1 autofocus}\n\n## {#}\n", "title: Attributes")),
	archive("", "content/_index.md", page("## Process\n\n## Main {#main}\n\n## Finder {#finder}\n\n## S {id=schedule}\n\n## Learn more\n\n## Toc {#toc-h}\n", "title: Home", "menu: Home")),
	archive("", "content/faq/_index.md", page("## Schedule\n\n## Process\n\n## Learn more\n\n## Wave 2018-01\n\n## Separate\n\n## Find\n\n## Schedule\n", "title: FAQ", "menu: FAQ")),
	// Headings in other scripts, and with no letters.
	archive("", "content/faq/_index.md", page("## 常见问题\n\n## ما هي العملية؟\n\n## Что такое «курс»?\n\n## Τι είναι;\n\n## 🎉\n\n## ?\n\n## हिन्दी\n\n## Qu’est-ce que l’été ?\n", "title: FAQ", "menu: FAQ")),

	// Front matter nested deep, aliases, braces, and many unknown keys.
	archive("", "content/toml.md", "+++\ntitle = 'T'\nx = "+nested("{a = ", "1", "}", 300)+"\n+++\nText.\n"),
	archive("", "content/toml.md", "+++\ntitle = 'T'\nx = "+nested("[", "1", "]", 300)+"\n+++\nText.\n"),
	archive("", "content/yaml.md", "---\ntitle: Y\nx: "+nested("[", "1", "]", 300)+"\n---\nText.\n"),
	archive("", "content/yaml.md", "---\ntitle: Y\nx: "+nested("{a: ", "1", "}", 300)+"\n---\nText.\n"),
	archive("", "content/yaml.md", "---\ntitle: Y\n"+yamlTree(300)+"---\nText.\n"),
	archive("", "content/alias.md", "---\ntitle: &t Title\ndescription: *t\nmenu: *t\n---\nText.\n"),
	archive("", "content/bomb.md", "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ntitle: Bomb\n---\n"),
	archive("", "content/braces.md", page(strings.Repeat("{", 2000)+"\n", "title: Braces")),
	archive("", "content/braces.md", "---\ntitle: "+strings.Repeat("{", 2000)+"\n---\n"),
	archive("", "content/braces.md", "+++\ntitle = "+strings.Repeat("{", 2000)+"\n+++\n"),
	archive("", "content/schedule.yaml", strings.Repeat("{", 2000)+"\n"),
	archive("", "content/keys.md", page("Text.\n", "title: Keys", unknownKeys(3000))),
	archive("", "content/keys.md", "+++\ntitle = 'Keys'\n"+strings.ReplaceAll(unknownKeys(3000), ":", " =")+"\n+++\n"),

	// Runs of quotes, ampersands and entities, and Markdown past its
	// limits: nesting, brackets, an unclosed fence.
	archive("", "content/runs.md", page(strings.Repeat(`"'`, 3000)+"\n\n"+strings.Repeat("&", 3000)+"\n\n"+strings.Repeat("&amp;&#0;&#x110000;&lt;&bogus;&#", 300)+"\n", "title: \""+strings.Repeat(`\"&amp;'`, 300)+"\"")),
	archive("", "content/deep.md", page(strings.Repeat("> ", 20000)+"x\n", "title: Deep")),
	archive("", "content/deep.md", page(nested("- ", "x", "", 1000)+"\n"+strings.Repeat("*", 5000)+"\n", "title: Deep")),
	archive("", "content/links.md", page(strings.Repeat("[a](", 6000)+"\n", "title: Links")),
	archive("", "content/fence.md", page("```\nnever closed\n\n## Not a question\n", "title: Fence")),
	archive("", "content/raw.md", page("<script>alert(1)</script>\n\n[x](javascript:alert(1)) [y](JaVaScRiPt&#58;alert(1)) <img src=x onerror=alert(1)>\n\n![i](data:text/html,x)\n", "title: Raw", "description: \"javascript:alert(1)\"")),

	// Layouts: one that lists every page, one that shows a page that is
	// not there, ones that do not parse or escape, one that never ends.
	archive("", "layouts/page.html", `{{define "main"}}{{range .Site.Pages}}<h2>{{.Title}}</h2>{{.Content}}{{range .Questions}}{{.Text}}{{end}}{{end}}{{end}}`,
		"content/list.md", page("Lists.\n", "title: List")),
	archive("", "layouts/page.html", `{{define "main"}}{{with .Site.Page "/missing/"}}{{.Title}}{{end}}{{end}}`, "content/p.md", page("P.\n", "title: P")),
	archive("", "layouts/page.html", "{{define \"main\"}}\n{{.Title}\n{{end}}", "content/p.md", page("P.\n", "title: P")),
	archive("", "layouts/page.html", `{{define "main"}}<a href='{{.URL}}>x</a>{{end}}`, "content/p.md", page("P.\n", "title: P")),
	archive("", "layouts/page.html", `{{define "main"}}<script>var x = {{.Title}}</script><a href="{{.Description}}" onclick="f({{.Title}})">x</a>{{end}}`,
		"content/p.md", page("P.\n", "title: \"</script><script>alert(1)</script>\"", "description: \"javascript:alert(1)\"")),
	archive("", "layouts/page.html", `{{define "main"}}{{template "main" .}}{{end}}`, "content/p.md", page("P.\n", "title: P")),
	archive("", "layouts/page.html", `{{define "main"}}{{template "layouts/partials/nope.html" .}}{{.Site.Page}}{{end}}`, "content/p.md", page("P.\n", "title: P")),
	archive("", "layouts/partials/questions.html", "{{if}}", "layouts/base.html", "{{template \"main\" .}}{{end}}"),
	archive("", "layouts/wide.html", "<p>no main</p>", "content/p.md", page("P.\n", "title: P", "layout: wide")),
	archive("", "content/p.md", page("P.\n", "title: P", "layout: ../base")),
	archive("", "delete layouts/base.html"),
	archive("", "layouts", "not a folder"),

	// File names: characters that mean something in URLs, spaces, control
	// characters, escape sequences, names equal after NFC, and a page and
	// a static file published at the same place.
	archive("", "static/a#b.css", "a{color:red}", "static/a?b.js", "var a=1", "static/100%.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "static/a b.txt", "x"),
	archive("", "static/a\x1b[31mb.css", "a{}", "static/new\nline.js", "1", "static/\u202etxt.exe", "x", "static/tab\t.txt", "x", "static/del\x7f.txt", "x"),
	archive("", "content/\x1b[2J.md", page("Text.\n", "title: \"\\e[31mred\\e[0m \\u202e \\x07\""), "content/x\x01y/_index.md", page("X.\n", "title: \"\x1b]0;owned\x07\"")),
	archive("", "content/caf\u00e9.md", page("NFC.\n", "title: NFC"), "content/cafe\u0301.md", page("NFD.\n", "title: NFD")),
	archive("", "static/caf\u00e9.css", "a{}", "static/cafe\u0301.css", "b{}"),
	archive("", "content/guide.md", page("Guide.\n", "title: Guide"), "static/guide/index.html", "<p>static</p>"),
	archive("", "content/Guide.md", page("Guide.\n", "title: Guide"), "content/guide/_index.md", page("Guide.\n", "title: guide")),
	archive("", "static/index.html", "home", "static/schedule.ics", "x", "static/sitemap.xml", "x", "static/404.html", "x"),
	archive("", "content/faq/index.md", page("X.\n", "title: X"), "content/logo.png", "PNG", "content/.hidden.md", "x", "content/x.md~", "x"),

	// The schedule with errors, and static files that do not parse.
	archive("", "content/schedule.yaml", "- month: 2018-13\n  areas: [A, A]\n- month: 2018-01\n  areas: []\n- start: 2018-05-02\n  end: 2018-04-01\n  areas: [B]\n- separate: \x1b[31m\n- month: &m 2018-06\n  areas: [*m]\n- nope: 1\n"),
	archive("", "content/schedule.yaml", "- month: 2018-01\n  areas: ["+strings.Repeat("[", 300)+"\n"),
	archive("", "delete content/schedule.yaml", "delete content/_index.md"),
	archive("", "static/bad.css", "a { color: ", "static/bad.js", "let x = ;\n", "static/bad.svg", "<svg><g></svg", "static/nest.css", nested("a{", "", "}", 500), "static/nest.js", nested("(", "1", ")", 2000)),
	archive("", "static/style.css", strings.Repeat("/*", 3000), "static/finder.js", strings.Repeat("`${", 2000)),

	// Line ends and byte-order marks, invalid UTF-8.
	archive("", "content/crlf.md", "\uFEFF---\r\ntitle: CRLF\r\n---\r\n\r\n## Q\r\n\rA lone CR.\r\n", "content/bad.md", page("\xff\xfe bytes \xc0\x80.\n", "title: \"\xff\"")),
	archive("", "content/_index.md", ""),
}
