package site

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"rollout/internal/markdown"
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
	b, _ := firstBuild(t, fsys)
	set := setter(fsys)
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
		if want := linkIndex(b.checked.pages); !maps.EqualFunc(b.checked.linkedFrom, want, maps.Equal) {
			t.Errorf("%s: the index of links\n%v\nmade from every page's links:\n%v", st.name, b.checked.linkedFrom, want)
		}
	}
}

// linkIndex makes the index of links (checkState.linkedFrom) from every
// page's links.
func linkIndex(pages map[string]*pageCheck) map[string]map[string]bool {
	cs := checkState{linkedFrom: map[string]map[string]bool{}}
	for out, pc := range pages {
		cs.index(out, pc, true)
	}
	return cs.linkedFrom
}

// TestScanOutput: what the link check reads of a page, JSON-LD that is
// the page's own FAQSchema read without decoding it, and any other as
// JSON.
func TestScanOutput(t *testing.T) {
	p := &Page{URL: "/faq/x/", Questions: []markdown.Question{{ID: "q0", Text: "Why?"}, {ID: "q1", Text: "How & when <now>?"}}}
	schema := string(p.FAQSchema())
	other := `{"@type":"FAQPage","mainEntity":[{"name":"Other"}]}`
	for _, tt := range []struct {
		name, page string
		ids, links []string
		twice      []string
		faq        []string // nil: no FAQPage data
		finder     []string
	}{
		{"ids, names and links", `<h2 id=q0>x</h2><a name=top href=/a/#q0>a</a><a href="/b/?x=1&amp;y=2">b</a><img src=/i.png><p name=no id="q0">`,
			[]string{"q0", "top"}, []string{"/a/#q0", "/b/?x=1&y=2", "/i.png"}, []string{"q0"}, nil, nil},
		{"the page's own FAQSchema", `<script type=application/ld+json>` + schema + `</script><a href=/after/>`,
			nil, []string{"/after/"}, nil, []string{"Why?", "How & when <now>?"}, nil},
		{"its end tag in capitals", `<script type="application/ld+json">` + schema + `</SCRIPT ><a href=/after/>`,
			nil, []string{"/after/"}, nil, []string{"Why?", "How & when <now>?"}, nil},
		{"other JSON-LD", `<script type=application/ld+json>` + other + `</script><a href=/after/>`,
			nil, []string{"/after/"}, nil, []string{"Other"}, nil},
		{"JSON-LD with a < of its own", `<script type=application/ld+json>{"@type":"FAQPage","mainEntity":[{"name":"</scripts>"}]}</script><a href=/after/>`,
			nil, []string{"/after/"}, nil, []string{"</scripts>"}, nil},
		{"two scripts", `<script type=application/ld+json>` + other + `</script><script type=application/ld+json>` + schema + `</script>`,
			nil, nil, nil, []string{"Other", "Why?", "How & when <now>?"}, nil},
		{"text after JSON-LD is not JSON-LD", `<script type=application/ld+json>` + schema + `</script>` + other + `<a href=/after/>`,
			nil, []string{"/after/"}, nil, []string{"Why?", "How & when <now>?"}, nil},
		{"an empty script", `<script type=application/ld+json></script><a href=/after/>`,
			nil, []string{"/after/"}, nil, nil, nil},
		{"not JSON-LD", `<script type=module>` + schema + `</script><script src=/s.js></script>`,
			nil, []string{"/s.js"}, nil, nil, nil},
		{"the finder", `<ul data-names="A|B"><li data-names=C>`,
			nil, nil, nil, nil, []string{"A", "B", "C"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			pub := scanOutput(p, []byte(tt.page), "")
			keys := func(m map[string]bool) []string {
				if m == nil {
					return nil
				}
				return slices.Sorted(maps.Keys(m))
			}
			sorted := func(s []string) []string {
				if s == nil {
					return nil
				}
				return slices.Sorted(slices.Values(s))
			}
			for _, c := range []struct {
				what       string
				have, want []string
			}{
				{"ids", keys(pub.ids), sorted(tt.ids)},
				{"links", pub.links, tt.links},
				{"ids written twice", pub.twice, tt.twice},
				{"FAQPage names", keys(pub.faqSchema), sorted(tt.faq)},
				{"finder names", keys(pub.finder), sorted(tt.finder)},
			} {
				if !slices.Equal(c.have, c.want) || (c.have == nil) != (c.want == nil) && c.what != "ids" {
					t.Errorf("%s: have %q, want %q", c.what, c.have, c.want)
				}
			}
		})
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
	b, _ := firstBuild(t, fsys)
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

// FuzzScanSkipsText: what the link check reads of a page is the same
// whether the text between tags is lexed or skipped.
func FuzzScanSkipsText(f *testing.F) {
	for _, page := range []string{
		`<!doctype html><html lang=en><head><title>a <b id=x> c</title></head><body><a href=/a/>a</a> < b <3 <p id=q0>x</p></body></html>`,
		`<script type=application/ld+json>{"@type":"FAQPage","mainEntity":[{"name":"A"}]}</script>text<a href=/b/>`,
		`<script>var a = "<a href=/no/>";</script><style>p{}</style><a href=/yes/>`,
		`<textarea><a href=/no/></textarea><a href=/yes/></x><!-- <a href=/no/> --><a name=n>`,
		`<p>a</p  ><svg><a href=/s/></a></svg><ul data-names="A|B"></ul></ `,
		`<plaintext><a href=/no/>`,
		`<TITLE>x</TITLE><SCRIPT type=application/ld+json>{}</SCRIPT>y<A HREF=/z/>`,
	} {
		f.Add(page)
	}
	p := &Page{URL: "/faq/x/", Questions: []markdown.Question{{ID: "q0", Text: "Why?"}}}
	f.Add(`<h2 id=q0>Why?</h2><script type=application/ld+json>` + string(p.FAQSchema()) + `</script>text <a href=/c/>`)
	f.Fuzz(func(t *testing.T, page string) {
		have := scanTokens(p, []byte(page), "", true)
		want := scanTokens(p, []byte(page), "", false)
		if !reflect.DeepEqual(have, want) {
			t.Errorf("skipping text:\n%+v\nlexing it:\n%+v", have, want)
		}
	})
}
