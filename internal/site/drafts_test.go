package site

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"rollout/internal/diag"
)

// newFAQ is a FAQ page as rollout new writes it, its guidance at lines 7,
// 9, 11 and 13.
const newFAQ = "---\ntitle: X\ndraft: true\nweight: 1\n---\n\n" +
	GuidanceIntro + "\n\n## " + GuidanceQuestion + "\n\n" + GuidanceAnswer + "\n\n" + GuidancePublish + "\n"

func TestGuidanceLeft(t *testing.T) {
	const msg = "content/x.md:%s: still has the guidance text of rollout new: replace it with the page's own text"
	tests := []struct {
		name, page, want string // want "" for no warning
	}{
		{"as rollout new wrote it", newFAQ, strings.Replace(msg, "%s", "7", 1) + " (also on lines 9, 11 and 13)"},
		{"one left", "---\ntitle: X\n---\n\nOwn text.\n\n" + GuidancePublish + "\n", strings.Replace(msg, "%s", "7", 1)},
		{"two left", "---\ntitle: X\n---\n" + GuidanceText + "\n\n" + GuidancePublish + "\n", strings.Replace(msg, "%s", "4", 1) + " (also on line 6)"},
		{"the sample question", "---\ntitle: X\n---\n\n## " + GuidanceQuestion + " {#first}\n\nIts answer.\n", strings.Replace(msg, "%s", "5", 1)},
		{"wrapped by an editor", "---\ntitle: X\n---\n\nOwn text.\n\n" + strings.Replace(GuidanceAnswer, " in a ", "\n  in a\t", 1) + "\n", strings.Replace(msg, "%s", "7", 1)},
		{"two on one line", "---\ntitle: X\n---\n" + GuidanceText + " " + GuidancePublish + "\n", strings.Replace(msg, "%s", "4", 1)},
		{"replaced", "---\ntitle: X\n---\n\nWhat is the process?\n\n## What is the first thing to do?\n\nReplace this.\n", ""},
		{"only the start of a sentence", "---\ntitle: X\n---\n\n" + strings.TrimSuffix(GuidanceText, ".")[:30] + " and more.\n", ""},
		{"in the front matter only", "---\ntitle: \"" + GuidanceQuestion + "\"\n---\n\nOwn text.\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture()
			fsys["content/x.md"] = &fstest.MapFile{Data: []byte(tt.page)}
			res, err := Build(fsys, Options{Drafts: true})
			if err != nil {
				t.Fatal(err)
			}
			var have []string
			for _, w := range res.Warnings {
				if IsGuidanceLeft(w) {
					have = append(have, w.Error())
				}
			}
			var want []string
			if tt.want != "" {
				want = []string{tt.want}
			}
			if !slices.Equal(have, want) {
				t.Errorf("have warnings\n%q\nwant\n%q", have, want)
			}
		})
	}
}

// TestGuidanceWarning: the warning is a *diag.Error, and only it is
// IsGuidanceLeft.
func TestGuidanceWarning(t *testing.T) {
	fsys := fixture()
	// A menu label and an area finder, so that the link check has nothing to say.
	fsys["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{range .Site.Menu}}<a href="{{url .URL}}">{{.Menu}}</a>{{end}}` + finder + `{{end}}`)}
	fsys["content/x.md"] = &fstest.MapFile{Data: []byte("---\ntitle: X\nmenu: X\n---\n\n<div>raw</div>\n\n" + GuidanceText + "\n")}
	res, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var guidance, other int
	for _, w := range res.Warnings {
		var d *diag.Error
		if !errors.As(w, &d) || d.Path != "content/x.md" {
			t.Errorf("warning %v is not a *diag.Error of content/x.md", w)
		}
		if IsGuidanceLeft(w) {
			guidance++
		} else {
			other++
		}
	}
	if guidance != 1 || other != 1 {
		t.Errorf("have %d guidance warnings and %d others in %q; want one of each", guidance, other, res.Warnings)
	}
}

// TestGuidanceRebuild: a rebuild after an edit of the page warns of its
// guidance text as long as some is left, as watch and serve show.
func TestGuidanceRebuild(t *testing.T) {
	fsys := fixture()
	fsys["content/x.md"] = &fstest.MapFile{Data: []byte(newFAQ)}
	b, err := NewBuilder(fsys, Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range []struct {
		page string
		want int // guidance warnings
	}{
		{newFAQ, 1},
		{strings.Replace(newFAQ, GuidanceIntro, "Own text.", 1), 1},
		{"---\ntitle: X\ndraft: true\nweight: 1\n---\n\nOwn text.\n", 0},
		{newFAQ, 1},
	} {
		fsys["content/x.md"] = &fstest.MapFile{Data: []byte(tt.page)}
		var changed []string
		if i > 0 {
			changed = []string{"content/x.md"}
		}
		res, err := b.Build(changed)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, w := range res.Warnings {
			if IsGuidanceLeft(w) {
				n++
			}
		}
		if n != tt.want {
			t.Errorf("build %d: have %d guidance warnings %q, want %d", i, n, res.Warnings, tt.want)
		}
	}
}

// TestDrafts: a draft is left out of the site unless Options.Drafts is
// set, and Drafts names it either way.
func TestDrafts(t *testing.T) {
	for _, tt := range []struct {
		drafts    bool
		published bool
	}{{false, false}, {true, true}} {
		fsys := fixture()
		fsys["content/x.md"] = &fstest.MapFile{Data: []byte(newFAQ)}
		fsys["content/y.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Y\ndraft: false\n---\n")}
		fsys["content/a/z.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Z\ndraft: true\n---\n")}
		fsys["content/bad.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Bad: yes\ndraft: true\n---\n")}
		b, err := NewBuilder(fsys, Options{Drafts: tt.drafts})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.Build(nil); err == nil {
			t.Fatal("built a site with a bad page")
		}
		want := []string{"content/a/z.md", "content/x.md"}
		if have := b.Drafts(); !slices.Equal(have, want) {
			t.Errorf("Options.Drafts %v, a failed build: have drafts %q, want %q", tt.drafts, have, want)
		}
		delete(fsys, "content/bad.md")
		res, err := b.Build([]string{"content/bad.md"})
		if err != nil {
			t.Fatal(err)
		}
		if have := b.Drafts(); !slices.Equal(have, want) {
			t.Errorf("Options.Drafts %v: have drafts %q, want %q", tt.drafts, have, want)
		}
		if _, ok := res.Files["x/index.html"]; ok != tt.published {
			t.Errorf("Options.Drafts %v: x/index.html published %v, want %v", tt.drafts, ok, tt.published)
		}
		if _, ok := res.Files["y/index.html"]; !ok {
			t.Errorf("Options.Drafts %v: y/index.html, not a draft, is not published", tt.drafts)
		}
	}
}
