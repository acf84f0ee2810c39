package site

import (
	"bytes"
	"fmt"
	"maps"
	"strings"
	"testing"
	"testing/fstest"
)

// linkFixture is a site that keeps every promise, whose pages link to each
// other with anchors, and where content/b.md has raw HTML (a warning).
func linkFixture() fstest.MapFS {
	fsys := fixture()
	fsys["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Content}}{{range .Site.Menu}}<a href="{{url .URL}}">{{.Menu}}</a>{{end}}` + finder + `{{end}}`)}
	fsys["layouts/faq.html"] = &fstest.MapFile{Data: []byte(faqLayout)}
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\n---\n\nSee [the FAQ](/faq/).\n")}
	fsys["content/faq/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: FAQ\nmenu: FAQ\n---\n\n## One? {#one}\n\nYes, see [A](/a/).\n\n## Two? {#two}\n\nNo.\n")}
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\n\nSee [one](/faq/#one) and [B](/b/).\n")}
	fsys["content/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\n---\n\nBack to [A](../a/).\n\n<div>raw</div>\n")}
	return fsys
}

// TestLinkCheckIncremental edits a site step by step: after each step the
// incremental build fails with the same broken links as a clean build, or
// succeeds with the same files and the same complete list of warnings,
// though it reads and checks again only what changed.
func TestLinkCheckIncremental(t *testing.T) {
	fsys := linkFixture()
	b, err := NewBuilder(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	set := func(p, data string) {
		if data == "" {
			delete(fsys, p)
		} else {
			fsys[p] = &fstest.MapFile{Data: []byte(data)}
		}
	}
	rawB := "content/b.md:7: raw HTML is not published; write it in Markdown instead"
	steps := []struct {
		name    string
		edit    func()
		changed []string
		want    string // the error, or the warnings, one a line
	}{
		{"raw HTML on another page: both warnings, in order", func() {
			set("content/a.md", "---\ntitle: A\n---\n\n<p>raw</p>\n\nSee [one](/faq/#one) and [B](/b/).\n")
		}, []string{"content/a.md"}, "content/a.md:5: raw HTML is not published; write it in Markdown instead\n" + rawB},
		{"a link to an anchor that is not there", func() {
			set("content/a.md", "---\ntitle: A\n---\n\nSee [one](/faq/#one),\n[B](/b/) and [three](/faq/#three).\n")
		}, []string{"content/a.md"}, "content/a.md:6: link to /faq/#three: /faq/ has no #three on it"},
		{"fixed", func() {
			set("content/a.md", "---\ntitle: A\n---\n\nSee [one](/faq/#one) and [B](/b/).\n")
		}, []string{"content/a.md"}, rawB},
		{"the question a page links to is gone; the page is not rebuilt", func() {
			set("content/faq/_index.md", "---\ntitle: FAQ\nmenu: FAQ\n---\n\n## Two? {#two}\n\nNo, see [A](/a/).\n")
		}, []string{"content/faq/_index.md"}, "content/a.md:5: link to /faq/#one: /faq/ has no #one on it"},
		{"the question back", func() {
			set("content/faq/_index.md", "---\ntitle: FAQ\nmenu: FAQ\n---\n\n## One? {#one}\n\nYes, see [A](/a/).\n\n## Two? {#two}\n\nNo.\n")
		}, []string{"content/faq/_index.md"}, rawB},
		{"a page that others link to is deleted", func() { set("content/b.md", "") },
			[]string{"content/b.md"}, "content/a.md:5: link to /b/ goes nowhere: there is no page or file at that address"},
		{"and written again", func() {
			set("content/b.md", "---\ntitle: B\n---\n\nBack to [A](../a/).\n\n<div>raw</div>\n")
		}, []string{"content/b.md"}, rawB},
		{"a relative link that goes nowhere, at its line", func() {
			set("content/b.md", "---\ntitle: B\n---\n\nBack to [A](../a/).\n\n<div>raw</div>\n\n[C](../c/)\n")
		}, []string{"content/b.md"}, "content/b.md:9: link to ../c/ goes nowhere: there is no page or file at that address"},
		{"the page it leads to is made", func() { set("content/c.md", "---\ntitle: C\n---\n\nC.\n") },
			[]string{"content/c.md"}, rawB},
		{"no page links to a page any more", func() {
			set("content/b.md", "---\ntitle: B\n---\n\nBack to [A](../a/).\n\n<div>raw</div>\n")
		}, []string{"content/b.md"}, rawB + "\ncontent/c.md: no page links to /c/, so readers cannot find it; link it from another page or give it a menu label (menu: ...)"},
		{"a layout's broken link, once", func() {
			set("layouts/page.html", `{{define "main"}}<a href="{{url "/gone/"}}">x</a>{{.Content}}{{end}}`)
		}, []string{"layouts/page.html"}, "layouts/page.html: link to /gone/ goes nowhere: there is no page or file at that address (on /a/ and maybe other pages)"},
		{"layout fixed, page linked", func() {
			set("layouts/page.html", `{{define "main"}}{{.Content}}{{end}}`)
			set("content/_index.md", "---\ntitle: Home\n---\n\nSee [the FAQ](/faq/) and [C](/c/).\n")
		}, []string{"layouts/page.html", "content/_index.md"}, rawB},
	}
	for _, st := range steps {
		st.edit()
		res, err := b.Build(st.changed)
		clean, cleanErr := Build(fsys, Options{})
		if err != nil || cleanErr != nil {
			if err == nil || cleanErr == nil || err.Error() != cleanErr.Error() || err.Error() != st.want {
				t.Fatalf("%s: error\n%v\nclean build:\n%v\nwant:\n%s", st.name, err, cleanErr, st.want)
			}
			continue
		}
		if have, cleanHave := fmt.Sprint(res.Warnings), fmt.Sprint(clean.Warnings); have != cleanHave || strings.Join(messages(res.Warnings), "\n") != st.want {
			t.Errorf("%s: warnings\n%s\nclean build:\n%s\nwant:\n%s", st.name, strings.Join(messages(res.Warnings), "\n"), strings.Join(messages(clean.Warnings), "\n"), st.want)
		}
		if !maps.EqualFunc(res.Files, clean.Files, bytes.Equal) {
			t.Errorf("%s: the files differ from a clean build's", st.name)
		}
	}
}

func messages(errs []error) []string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Error())
	}
	return s
}

// TestLinkCheckRescansOnlyChanged: a rebuild after one page's body changed
// scans that page alone, and keeps the scans of the others.
func TestLinkCheckRescansOnlyChanged(t *testing.T) {
	fsys := linkFixture()
	b, err := NewBuilder(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	before := maps.Clone(b.checked.pages)
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\n\nSee [one](/faq/#one) and [B](/b/), again.\n")}
	if _, err := b.Build([]string{"content/a.md"}); err != nil {
		t.Fatal(err)
	}
	for out, pc := range b.checked.pages {
		kept := before[out] != nil && &before[out].links[0] == &pc.links[0]
		if rescanned := !kept; rescanned != (out == "a/index.html") {
			t.Errorf("%s: rescanned %v", out, rescanned)
		}
	}
}
