package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"rollout/internal/site"
	"rollout/internal/sitetest"
)

// rollout runs the command in-process and returns its exit status and output.
func rollout(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), &env{stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

// fixtureAreas and fixtureQuestions are every area and question of the
// fixture site that the tests build (internal/sitetest), never those of the
// repository's content/, which its editors may change at any time.
var fixtureAreas = []string{
	"All MIT faculty",
	"MIT Police", "Atlas Service Center", "Office of the President & Administrative Areas", "Office of the Executive Vice President & Treasurer",
	"School of Science", "School of Humanities, Arts, & Social Sciences", "School of Engineering", "Sloan School of Management", "School of Architecture and Planning",
	"MIT Libraries", "MIT Press", "Office of Undergraduate Education", "Office of the Associate Provost for the Arts", "Office of the Chancellor",
	"Office of the Provost", "Office of Graduate Education", "Division of Student Life", "Tech Review", "Alumni Association",
	"Executive Vice President Administrative Areas", "MIT Medical", "Office of the VP for Research", "Office of the VP of Finance",
	"Office of Environment, Health & Safety", "Office of Major Agreements", "Resource Development", "Office of the Treasurer", "Facilities",
}

var fixtureQuestions = []string{
	"What is the process?",
	"Why will some areas receive access before others?",
	"For each month of the rollout, is access provided on the 1st of the month?",
	"What if I don’t see my area listed?",
}

func TestBuildFixtureSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := rollout(t, "build", "-source", copySite(t), "-out", out, "-now", "2018-03-15")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	if stderr != "" {
		t.Errorf("warnings on the fixture site:\n%s", stderr)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		// The minifier writes & bare where that is safe, and keeps line
		// breaks in text as they were in the Markdown.
		return strings.Join(strings.Fields(strings.ReplaceAll(string(b), "&amp;", "&")), " ")
	}
	has := func(page, s string) bool {
		return regexp.MustCompile(">" + regexp.QuoteMeta(s) + "[ <:]").MatchString(page)
	}
	home := read("index.html")
	for _, s := range append(append([]string{}, fixtureAreas...), fixtureQuestions...) {
		if !has(home, s) {
			t.Errorf("the home page lacks %q as an item or heading", s)
		}
	}
	// Each page shows what its name promises.
	schedulePage, faqPage := read("schedule/index.html"), read("faq/index.html")
	for _, s := range append(append([]string{}, fixtureAreas...), "Lincoln Laboratory") {
		if !has(schedulePage, s) {
			t.Errorf("/schedule/ lacks %q", s)
		}
	}
	for _, s := range fixtureQuestions {
		if !has(faqPage, s) {
			t.Errorf("/faq/ lacks %q", s)
		}
	}
	for _, s := range []string{
		"Committee on Sexual Misconduct Prevention and Response", "In November 2017, President Reif",
		"Haven for Faculty and Staff", "Lincoln Laboratory will be conducting a separate rollout",
		`href=mailto:training@mit.edu`, "CSAIL", "January 2018", "May 2018", "Releasing now",
		"Rollout Process", "Rollout Schedule", "Learn More",
	} {
		if !strings.Contains(home, s) {
			t.Errorf("the home page lacks %q", s)
		}
	}
	for _, f := range []string{"faq/index.html", "schedule/index.html", "learn-more/index.html", "404.html", "schedule.ics", "schedule.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if css, _ := filepath.Glob(filepath.Join(out, "style.*.css")); len(css) != 1 {
		t.Errorf("stylesheets: %v, want one style.<hash>.css", css)
	}
}

func TestExitStatus(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no command", nil, 2, "rollout: no command given"},
		{"unknown command", []string{"bild"}, 2, `rollout: unknown command "bild"`},
		{"unknown flag", []string{"build", "-sauce", "x"}, 2, "rollout: build: flag provided but not defined: -sauce"},
		{"bad -now", []string{"build", "-source", copySite(t), "-out", out, "-now", "2018-3-1"}, 2, `rollout: -now: "2018-3-1" is not a date written YYYY-MM-DD`},
		{"extra argument", []string{"build", "x"}, 2, `rollout: build: unexpected argument "x"`},
		{"missing source", []string{"build", "-source", "/no/such/folder", "-out", out}, 1, "/no/such/folder: cannot open the source folder"},
		{"new without title", []string{"new", "faq/x.md"}, 2, "rollout: new takes a path and a title"},
		{"new outside content", []string{"new", "../x.md", "X"}, 2, `rollout: new: "../x.md" must be a path inside content/`},
		{"help for unknown", []string{"help", "nope"}, 2, `rollout: unknown command "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := rollout(t, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"help"}, {"help", "help"}} {
		code, stdout, stderr := rollout(t, args...)
		if code != 0 || !strings.Contains(stdout, "rollout") || stderr != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, stdout, stderr)
		}
		for _, c := range commands {
			if !strings.Contains(stdout, "\t"+c.name+" ") {
				t.Errorf("%v does not list %s:\n%s", args, c.name, stdout)
			}
		}
	}
	// usage is what "rollout <command> -h" prints, the same as "rollout
	// help <command>".
	usage := map[string]string{}
	for _, c := range commands {
		code, stdout, stderr := rollout(t, c.name, "-h")
		if code != 0 || !strings.HasPrefix(stdout, "Usage: rollout "+c.name) || stderr != "" {
			t.Errorf("%s -h: exit %d, stdout %q, stderr %q", c.name, code, stdout, stderr)
		}
		if _, help, _ := rollout(t, "help", c.name); help != stdout {
			t.Errorf("help %s differs from %s -h:\n%s", c.name, c.name, help)
		}
		usage[c.name] = stdout
	}
	// flag is the help of one flag of a command, on one line.
	flag := func(cmd, name string) string {
		_, after, ok := strings.Cut(usage[cmd], "\n  -"+name+" ")
		if !ok {
			_, after, ok = strings.Cut(usage[cmd], "\n  -"+name+"\n")
		}
		if !ok {
			t.Errorf("%s -h does not offer -%s:\n%s", cmd, name, usage[cmd])
			return ""
		}
		if i := strings.Index(after, "\n  -"); i >= 0 {
			after = after[:i]
		}
		return strings.Join(strings.Fields(after), " ")
	}
	for _, cmd := range []string{"build", "watch", "serve", "check"} {
		for _, f := range []string{"-source", "-out", "-base-url", "-now", "-drafts", "-fingerprint"} {
			if !strings.Contains(usage[cmd], "\n  "+f) {
				t.Errorf("%s -h does not mention %s", cmd, f)
			}
		}
	}
	// The claims each command's help makes, which are true of it.
	for _, tt := range []struct{ cmd, flag, has, hasNot string }{
		{"build", "fingerprint", "(default true)", "always off"},
		{"check", "fingerprint", "(default true)", "always off"},
		{"watch", "fingerprint", "always off", "(default true)"},
		{"serve", "fingerprint", "always off", "(default true)"},
		{"build", "base-url", "(default: baseURL in content/_index.md, or /)", ""},
		{"watch", "base-url", "(default: baseURL in content/_index.md, or /)", ""},
		{"check", "base-url", "(default: baseURL in content/_index.md, or /)", ""},
		{"serve", "base-url", "the path to serve the site under", "(default: baseURL in content/_index.md"},
		{"serve", "base-url", "(default /, not baseURL in content/_index.md)", ""},
		{"serve", "open", "open the site in the browser once it is built", ""},
		{"serve", "port", "(default 1313)", ""},
		{"serve", "bind", `(default "127.0.0.1")`, ""},
		{"check", "external", "list the links to other sites", ""},
		{"diff", "source", "holding content/", ""},
		{"new", "source", "an empty folder starts a new site", ""},
	} {
		h := flag(tt.cmd, tt.flag)
		if !strings.Contains(h, tt.has) || (tt.hasNot != "" && strings.Contains(h, tt.hasNot)) {
			t.Errorf("%s -h says of -%s:\n%s\nwant %q and not %q", tt.cmd, tt.flag, h, tt.has, tt.hasNot)
		}
	}
	for cmd, says := range map[string]string{
		"serve":   "It serves\nthe site at the root of its address (http://localhost:1313/), whatever\nbaseURL content/_index.md gives",
		"version": "The\nversion is the module's, or the git commit it was built from",
		"new":     "The site's folder must hold content/,\nor be empty.",
	} {
		if !strings.Contains(usage[cmd], says) {
			t.Errorf("%s -h does not say %q:\n%s", cmd, says, usage[cmd])
		}
	}
	for _, cmd := range []string{"version", "diff", "new"} {
		if strings.Contains(usage[cmd], "-fingerprint") {
			t.Errorf("%s -h offers -fingerprint", cmd)
		}
	}
}

// copySite writes the test fixture site (internal/sitetest) into a
// temporary folder and returns it.
func copySite(t *testing.T) string {
	t.Helper()
	return sitetest.Copy(t)
}

// tree is what a folder holds, read by readTree: the contents of every
// file by its slash-separated path relative to the folder, and every
// folder under it by its path and a slash, so that an empty folder counts.
// It is the one way these tests compare outputs: have.diff(want) names
// the path where two trees differ.
type tree struct {
	files map[string]string
	err   error // the first error met while reading, if any
}

// readTree reads every file and folder under dir. An error (dir missing,
// or a file gone while it was read) is kept in the tree rather than
// failing the test, so that a test waiting for a folder to settle can read
// it again; diff reports it.
func readTree(dir string) tree {
	tr := tree{files: map[string]string{}}
	tr.err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			tr.files[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		tr.files[rel] = string(b)
		return err
	})
	return tr
}

// diff says where have differs from want, or returns "" when they are the
// same: the first path, in sorted order, that only one of them holds or
// whose contents differ, with the first differing bytes, then the other
// paths that differ.
func (have tree) diff(want tree) string {
	for _, err := range []error{have.err, want.err} {
		if err != nil {
			return fmt.Sprintf("cannot compare: %v", err)
		}
	}
	var differ []string
	for p, h := range have.files {
		if w, ok := want.files[p]; !ok || w != h {
			differ = append(differ, p)
		}
	}
	for p := range want.files {
		if _, ok := have.files[p]; !ok {
			differ = append(differ, p)
		}
	}
	if len(differ) == 0 {
		return ""
	}
	slices.Sort(differ)
	p := differ[0]
	h, inHave := have.files[p]
	w, inWant := want.files[p]
	var msg string
	switch {
	case !inWant:
		msg = p + " is there but should not be"
	case !inHave:
		msg = p + " is missing"
	default:
		i := 0
		for i < len(h) && i < len(w) && h[i] == w[i] {
			i++
		}
		excerpt := func(s string) string { return s[max(0, i-20):min(len(s), i+40)] }
		msg = fmt.Sprintf("%s differs from byte %d on (%d bytes, want %d):\nhave %q\nwant %q", p, i, len(h), len(w), excerpt(h), excerpt(w))
	}
	switch more := differ[1:]; {
	case len(more) > 5:
		msg += fmt.Sprintf("\nand %d more paths differ: %s, ...", len(more), strings.Join(more[:5], ", "))
	case len(more) > 0:
		msg += "\nand these differ too: " + strings.Join(more, ", ")
	}
	return msg
}

func TestFailedBuildLeavesOutput(t *testing.T) {
	src := copySite(t)
	if code, _, stderr := rollout(t, "build", "-source", src, "-now", "2018-03-15"); code != 0 {
		t.Fatal(stderr)
	}
	before := readTree(filepath.Join(src, "public"))
	os.WriteFile(filepath.Join(src, "content", "faq", "broken.md"), []byte("---\ntitle: Broken: yes\nwieght: 2\n---\n"), 0o644)
	os.WriteFile(filepath.Join(src, "content", "learn-more.md"), []byte("---\ntitle: Still here\n---\nChanged text.\n"), 0o644)
	code, stdout, stderr := rollout(t, "build", "-source", src, "-now", "2018-03-15")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, stdout, stderr)
	}
	want := `content/faq/broken.md:2: the value of "title" contains ": " (a colon and a space); put the whole value in quotes: title: "Broken: yes"` + "\n"
	if stderr != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
	}
	if d := readTree(filepath.Join(src, "public")).diff(before); d != "" {
		t.Errorf("a failed build changed public/: %s", d)
	}
}

func TestDeletedPageIsGone(t *testing.T) {
	src := copySite(t)
	rollout(t, "build", "-source", src)
	if _, err := os.Stat(filepath.Join(src, "public", "learn-more", "index.html")); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(src, "content", "learn-more.md"))
	// The home page links the page by name; a layout naming a missing page
	// fails, so drop that part of the layout too.
	home := filepath.Join(src, "layouts", "home.html")
	b, _ := os.ReadFile(home)
	os.WriteFile(home, bytes.Replace(b, []byte(`{{with .Site.Page "/learn-more/"}}`), []byte(`{{with false}}`), 1), 0o644)
	if code, _, stderr := rollout(t, "build", "-source", src); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join(src, "public", "learn-more")); !os.IsNotExist(err) {
		t.Errorf("public/learn-more survived its source: %v", err)
	}
}

func TestNew(t *testing.T) {
	src := t.TempDir()
	code, stdout, stderr := rollout(t, "new", "-source", src, "faq/taking-the-training.md", "Taking the training")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	file := filepath.Join(src, "content", "faq", "taking-the-training.md")
	for _, want := range []string{file + ", a draft", "rollout serve -drafts", "remove draft: true"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout %q does not say %q", stdout, want)
		}
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "---\ntitle: \"Taking the training\"\n") || !strings.Contains(string(b), "\ndraft: true\n---\n") ||
		!strings.Contains(string(b), "\n## "+site.GuidanceQuestion+"\n") || !strings.Contains(string(b), "\n"+site.GuidancePublish+"\n") {
		t.Errorf("new FAQ page, not a draft with a sample question and guidance:\n%s", b)
	}
	os.WriteFile(file, []byte("edited"), 0o644)
	code, _, stderr = rollout(t, "new", "-source", src, "faq/taking-the-training.md", "Other")
	if code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second new: exit %d, %s", code, stderr)
	}
	if b, _ := os.ReadFile(file); string(b) != "edited" {
		t.Errorf("rollout new overwrote the page: %q", b)
	}
}

// TestNewPageBuilds checks that a page made by rollout new builds as it
// is: a draft, left out of the site unless the build takes -drafts.
func TestNewPageBuilds(t *testing.T) {
	src := copySite(t)
	for _, p := range []string{"faq/taking-the-training.md", "content/about.md"} {
		if code, _, stderr := rollout(t, "new", "-source", src, p, `A "quoted": title`); code != 0 {
			t.Fatal(stderr)
		}
	}
	for _, tt := range []struct {
		flags     []string
		published bool
	}{{nil, false}, {[]string{"-drafts"}, true}} {
		out := t.TempDir()
		if code, _, stderr := rollout(t, append([]string{"build", "-source", src, "-out", out}, tt.flags...)...); code != 0 {
			t.Fatalf("build %v after new: %s", tt.flags, stderr)
		}
		for _, page := range []string{"faq/taking-the-training/index.html", "about/index.html"} {
			b, err := os.ReadFile(filepath.Join(out, page))
			switch {
			case !tt.published && err == nil:
				t.Errorf("build %v published the draft %s", tt.flags, page)
			case tt.published && err != nil:
				t.Errorf("build %v: %v", tt.flags, err)
			case tt.published && !strings.Contains(string(b), "A &#34;quoted&#34;: title") && !strings.Contains(string(b), `A "quoted": title`):
				t.Errorf("build %v: %s lacks its title:\n%s", tt.flags, page, b)
			}
		}
	}
}

// leftovers lists what is in the folder dir besides the names in keep and
// the lock files that stay beside output folders.
func leftovers(dir string, keep ...string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if !slices.Contains(keep, e.Name()) && !strings.HasSuffix(e.Name(), ".rollout-lock") {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestNewNeverThroughLinks: rollout new refuses to write through a link
// (content/ itself, a folder on the way, or the page's own name) and
// writes nothing where the link leads.
func TestNewNeverThroughLinks(t *testing.T) {
	for _, tt := range []struct{ link, page, want string }{
		{"content", "about.md", "content: is a link or a file, not a folder"},
		{"content/faq", "faq/x.md", "content/faq: is a link or a file, not a folder"},
		{"content/faq/more", "faq/more/x.md", "content/faq/more: is a link or a file, not a folder"},
		{"content/about.md", "about.md", "content/about.md: already exists"},
	} {
		t.Run(tt.link, func(t *testing.T) {
			src, elsewhere := t.TempDir(), t.TempDir()
			os.MkdirAll(filepath.Join(src, "content", "faq"), 0o755)
			link := filepath.Join(src, tt.link)
			os.RemoveAll(link)
			target := elsewhere
			if strings.HasSuffix(tt.link, ".md") {
				target = filepath.Join(elsewhere, "about.md") // a link to a file yet to be made
			}
			if err := os.Symlink(target, link); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := rollout(t, "new", "-source", src, tt.page, "Title")
			if code != 1 || !strings.Contains(stderr, filepath.Join(src, tt.want)) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, tt.want)
			}
			if entries, _ := os.ReadDir(elsewhere); len(entries) != 0 {
				t.Errorf("rollout new wrote through the link: %v", entries)
			}
		})
	}
}
