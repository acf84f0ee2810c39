package site

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// incrementalFixture is a site whose home page shows the FAQ page.
func incrementalFixture() fstest.MapFS {
	fsys := fixture()
	fsys["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Content}}{{with .Site.Page "/faq/"}}{{range .Questions}}<h3>{{.Text}}</h3>{{end}}{{end}}{{range .Site.Menu}}<a href="{{url .URL}}">{{.Menu}}</a>{{end}}{{end}}`)}
	fsys["content/faq/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: FAQ\nmenu: FAQ\n---\n## One?\n\nYes.\n")}
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nA text.\n")}
	fsys["content/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\n---\nB text.\n")}
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Content}} up: {{with .Parent}}{{.Title}}{{end}}{{end}}`)}
	fsys["layouts/section.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Content}}{{range .Pages}}{{.Title}}{{end}}{{end}}`)}
	fsys["static/s.css"] = &fstest.MapFile{Data: []byte("a { color: red }")}
	return fsys
}

// TestIncremental edits a site step by step: after each step the builder's
// output equals a clean build of the same files, and only the files that
// had to change are reported changed.
func TestIncremental(t *testing.T) {
	fsys := incrementalFixture()
	b, _ := firstBuild(t, fsys)
	set := setter(fsys)
	steps := []struct {
		name    string
		edit    func()
		changed []string // paths handed to Build
		want    string   // Result.Changed, or the error
		removed string
	}{
		{"body of a page", func() { set("content/a.md", "---\ntitle: A\n---\nNew A text.\n") },
			[]string{"content/a.md"}, "a/index.html", ""},
		{"same bytes saved again", func() {}, []string{"content/a.md"}, "", ""},
		{"question on a page the home page shows", func() { set("content/faq/_index.md", "---\ntitle: FAQ\nmenu: FAQ\n---\n## Two?\n\nYes.\n") },
			[]string{"content/faq/_index.md"}, "faq/index.html index.html", ""},
		{"menu label: every page", func() { set("content/b.md", "---\ntitle: B\nmenu: Bee\n---\nB text.\n") },
			[]string{"content/b.md"}, "index.html", ""},
		{"a new page", func() { set("content/c.md", "---\ntitle: C\n---\nC.\n") },
			[]string{"content/c.md"}, "c/index.html", ""},
		{"a broken page", func() { set("content/c.md", "---\ntitle: C\nwieght: 1\n---\nC.\n") },
			[]string{"content/c.md"}, `content/c.md:3:1: unknown key "wieght" in front matter; did you mean "weight"?`, ""},
		{"fixed again", func() { set("content/c.md", "---\ntitle: C\n---\nC again.\n") },
			[]string{"content/c.md"}, "c/index.html", ""},
		{"a deleted page", func() { set("content/a.md", "") },
			[]string{"content/a.md"}, "", "a/index.html"},
		{"a deleted folder", func() {
			set("content/faq/_index.md", "")
			set("layouts/home.html", `{{define "main"}}{{.Content}}{{end}}`)
		},
			[]string{"content/faq", "layouts/home.html"}, "index.html", "faq/index.html"},
		{"a new folder with pages", func() {
			set("content/guide/_index.md", "---\ntitle: Guide\n---\nG.\n")
			set("content/guide/one.md", "---\ntitle: One\n---\n1.\n")
		}, []string{"content/guide"}, "guide/index.html guide/one/index.html", ""},
		{"a page in a folder without its own page", func() { set("content/loose/x.md", "---\ntitle: X\n---\nX.\n") },
			[]string{"content/loose"}, "loose/x/index.html", ""},
		{"the folder's own page added", func() { set("content/loose/_index.md", "---\ntitle: Loose\n---\nL.\n") },
			[]string{"content/loose/_index.md"}, "loose/index.html loose/x/index.html", ""},
		{"a static file", func() { set("static/s.css", "a { color: blue }") },
			[]string{"static/s.css"}, "s.css", ""},
		{"a layout", func() { set("layouts/page.html", `{{define "main"}}<b>{{.Title}}</b>{{end}}`) },
			[]string{"layouts/page.html"}, "b/index.html c/index.html guide/one/index.html loose/x/index.html", ""},
		{"the schedule, broken", func() { set("content/schedule.yaml", "- month: 2018-13\n  areas: [A]\n") },
			[]string{"content/schedule.yaml"}, `content/schedule.yaml:1:10: month 13 of 2018 does not exist; write the month as YYYY-MM, such as 2018-12`, ""},
		{"an unrelated file", func() { set("README.md", "x") }, []string{"README.md"},
			`content/schedule.yaml:1:10: month 13 of 2018 does not exist; write the month as YYYY-MM, such as 2018-12`, ""},
		{"the schedule, fixed", func() { set("content/schedule.yaml", "- month: 2018-02\n  areas: [A]\n") },
			[]string{"content/schedule.yaml"}, "schedule.ics schedule.json schedule/area-a.ics schedule/wave-2018-02.ics", "schedule/area-all-faculty.ics schedule/wave-2018-01.ics"},
		{"an editor's scratch file", func() { set("content/.a.md.swp", "junk"); set("content/b.md~", "junk") },
			[]string{"content/.a.md.swp", "content/b.md~"}, "", ""},
	}
	for _, st := range steps {
		st.edit()
		res, err := b.Build(st.changed)
		clean, cleanErr := Build(fsys, Options{})
		if err != nil || cleanErr != nil {
			if err == nil || cleanErr == nil || err.Error() != cleanErr.Error() || err.Error() != st.want {
				t.Fatalf("%s: error %v; clean build: %v; want %s", st.name, err, cleanErr, st.want)
			}
			continue
		}
		if have := strings.Join(res.Changed, " "); have != st.want {
			t.Errorf("%s: changed %q, want %q", st.name, have, st.want)
		}
		if have := strings.Join(res.Removed, " "); have != st.removed {
			t.Errorf("%s: removed %q, want %q", st.name, have, st.removed)
		}
		if len(res.Files) != len(clean.Files) {
			t.Errorf("%s: %d files, a clean build has %d", st.name, len(res.Files), len(clean.Files))
		}
		for name, data := range clean.Files {
			if !bytes.Equal(res.Files[name], data) {
				t.Errorf("%s: %s differs from a clean build:\n%s\n%s", st.name, name, res.Files[name], data)
			}
		}
	}
}

// TestCitations checks that prose citing the schedule follows it, and that
// citing an unknown area is an error at its line.
func TestCitations(t *testing.T) {
	fsys := fixture()
	fsys["content/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\n---\n\nFaculty start in {month of all faculty}; the rollout runs\nfrom {first month} to {last month}. Braces {like these} stay.\n")}
	fsys["content/schedule.yaml"] = &fstest.MapFile{Data: []byte("- month: 2018-01\n  areas: [All faculty]\n- start: 2018-10-25\n  end: 2018-12-01\n  areas: [Later]\n")}
	b, res := firstBuild(t, fsys)
	want := "Faculty start in January; the rollout runs\nfrom January to October 25 to December 1, 2018. Braces {like these} stay."
	if !strings.Contains(string(res.Files["x/index.html"]), want) {
		t.Errorf("x/index.html:\n%s\nwant it to contain\n%s", res.Files["x/index.html"], want)
	}
	fsys["content/schedule.yaml"] = &fstest.MapFile{Data: []byte("- month: 2018-02\n  areas: [All faculty]\n")}
	res, err := b.Build([]string{"content/schedule.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "Faculty start in February; the rollout runs\nfrom February to February."; !strings.Contains(string(res.Files["x/index.html"]), want) {
		t.Errorf("after moving the wave, x/index.html:\n%s\nwant it to contain\n%s", res.Files["x/index.html"], want)
	}
	fsys["content/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\n---\n\nText.\n\nIn {month of Nowhere Lab}.\n")}
	_, err = b.Build([]string{"content/x.md"})
	wantErr := `content/x.md:7: {month of Nowhere Lab}: there is no area or unit "Nowhere Lab" in content/schedule.yaml; use a name listed there`
	if err == nil || err.Error() != wantErr {
		t.Errorf("error %v, want %s", err, wantErr)
	}
}

// TestCitationInFrontMatter: a citation in a page's title or description
// is published as typed, with a warning at its line; a placeholder is not.
func TestCitationInFrontMatter(t *testing.T) {
	fsys := fixture()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>{{.Description}}</p>{{.Content}}{{end}}`)}
	fsys["content/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X in {Month Year}\ndescription: Faculty start in {first month}.\n---\nText.\n")}
	_, res := firstBuild(t, fsys)
	var have []string
	for _, w := range res.Warnings {
		if s := w.Error(); strings.Contains(s, "published as typed") {
			have = append(have, s)
		}
	}
	want := "content/x.md:3: the description has {first month}, which is published as typed: citations of the schedule are read in the page's text only; write the month itself here"
	if len(have) != 1 || have[0] != want {
		t.Errorf("warnings %q\nwant %q", have, want)
	}
}

// TestSavedLinkIsRefused: a link that appears while watching, to a file or
// to a folder, is refused like one found by a full build, and what it
// leads to is not read.
func TestSavedLinkIsRefused(t *testing.T) {
	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte("---\ntitle: Secret\n---\nTOP SECRET\n"), 0o644)
	for _, tt := range []struct{ link, target string }{
		{"content/leak.md", filepath.Join(outside, "secret.md")},
		{"content/leaks", outside},
	} {
		t.Run(tt.link, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, fixture()); err != nil {
				t.Fatal(err)
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			b, err := NewBuilder(root.FS(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := b.Build(nil); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(tt.target, filepath.Join(dir, tt.link)); err != nil {
				t.Fatal(err)
			}
			_, err = b.Build([]string{tt.link})
			want := tt.link + ": only plain files can be published"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v, want %q", err, want)
			}
			if err != nil && strings.Contains(err.Error(), "secret") {
				t.Errorf("the link's target was read: %v", err)
			}
		})
	}
}

// TestBuildStopped: a rebuild whose context is done ends with the
// context's error and no result; the next rebuild makes everything the
// stopped one would have, equal to a clean build.
func TestBuildStopped(t *testing.T) {
	fsys := incrementalFixture()
	b, _ := firstBuild(t, fsys)
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\nmenu: A\n---\nNew A.\n")}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := b.BuildContext(ctx, []string{"content/a.md"}); res != nil || !errors.Is(err, context.Canceled) {
		t.Fatalf("a stopped build: %v, %v; want no result and context.Canceled", res, err)
	}
	res, err := b.Build([]string{}) // nothing changed since the stopped build

	if err != nil {
		t.Fatal(err)
	}
	clean, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(res.Files, clean.Files, bytes.Equal) {
		t.Errorf("the build after a stopped one differs from a clean build")
	}
	if !slices.Contains(res.Changed, "a/index.html") || !slices.Contains(res.Changed, "index.html") {
		t.Errorf("the build after a stopped one changed only %v", res.Changed)
	}
}

// TestCitationsInPageLanguage: where two places have the same name in two
// languages, a page cites the place the name has in the page's language.
func TestCitationsInPageLanguage(t *testing.T) {
	fsys := fixture()
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n  - {code: fr, name: Français}\n---\nHello.\n")}
	fsys["content/schedule.yaml"] = &fstest.MapFile{Data: []byte("- month: 2018-01\n  areas:\n    - name: Human Resources\n      translations: {es: Recursos Humanos}\n- month: 2018-02\n  areas:\n    - name: MIT Police\n      translations: {fr: Recursos Humanos}\n")}
	for _, lang := range []string{"es", "fr"} {
		fsys["content/x."+lang+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\n---\n\nIn {month of Recursos Humanos}.\n")}
	}
	_, res := firstBuild(t, fsys)
	for out, want := range map[string]string{"es/x/index.html": "In January.", "fr/x/index.html": "In February."} {
		if !strings.Contains(string(res.Files[out]), want) {
			t.Errorf("%s:\n%s\nwant it to contain %q", out, res.Files[out], want)
		}
	}
}
