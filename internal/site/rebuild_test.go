package site

import (
	"testing"
	"testing/fstest"
)

// TestChanges is the table of what an edit invalidates.
func TestChanges(t *testing.T) {
	tests := []struct {
		path string
		want input
	}{
		{"layouts/base.html", inLayouts},
		{"layouts/partials/x.html", inLayouts},
		{"layouts", inLayouts},
		{"content/schedule.yaml", inSchedule | inText},
		{"content", inSchedule | inText}, // the folder holds the schedule
		{"content/faq/_index.md", inText},
		{"content/faq", inText},
		{"static/style.css", inStatic}, // and inAssets when fingerprinted: see assetChange
		{"static/css", inStatic},
		{"README.md", 0},
		{"public/index.html", 0},
	}
	for _, tt := range tests {
		if have := changes(tt.path); have != tt.want {
			t.Errorf("changes(%q) = %b, want %b", tt.path, have, tt.want)
		}
	}
}

// TestRebuildOutputs: after an edit, exactly the outputs that show what
// changed have new bytes.
func TestRebuildOutputs(t *testing.T) {
	fsys := fixture()
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\n---\nHello.\n")}
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nA.\n")}
	fsys["content/b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: B\n---\nB.\n")}
	fsys["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{range .Site.Pages}}{{.Title}}{{.Content}}{{end}}{{end}}`)}
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Content}}{{end}}`)}
	fsys["static/x.txt"] = &fstest.MapFile{Data: []byte("x")}
	b, _ := firstBuild(t, fsys)
	tests := []struct {
		name, path, text string
		changed          []string // output files whose bytes change
	}{
		{"a page's text: the page and the home page, which shows it", "content/a.md", "---\ntitle: A\n---\nA again.\n", []string{"a/index.html", "index.html"}},
		{"a page's title: the page and the home page, which lists it", "content/b.md", "---\ntitle: Bee\n---\nB.\n", []string{"b/index.html", "index.html"}},
		{"a static file: itself", "static/x.txt", "y", []string{"x.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys[tt.path] = &fstest.MapFile{Data: []byte(tt.text)}
			res, err := b.Build([]string{tt.path})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Changed) != len(tt.changed) {
				t.Fatalf("changed %q, want %q", res.Changed, tt.changed)
			}
			for i := range tt.changed {
				if res.Changed[i] != tt.changed[i] {
					t.Fatalf("changed %q, want %q", res.Changed, tt.changed)
				}
			}
		})
	}
}
