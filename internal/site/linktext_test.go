package site

import (
	"fmt"
	"testing"
	"testing/fstest"
)

// A menu label that says nothing of where it leads is a warning at its
// line, with the page's title as a better label when the title is one.
func TestVagueMenuLabel(t *testing.T) {
	for _, tt := range []struct{ title, menu, want string }{
		{"Learn about the training", "Learn  MORE", `content/a.md:3: the menu label "Learn  MORE" says nothing of where it leads, to people who hear a page's links read out and to search engines; name what the page is about instead, such as "Learn about the training"`},
		{"Read more", "read more", `content/a.md:3: the menu label "read more" says nothing of where it leads, to people who hear a page's links read out and to search engines; name what the page is about instead`},
		{"Learn more", "About the training", ""},
	} {
		fsys := fixture()
		fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + tt.title + "\nmenu: " + tt.menu + "\n---\nA.\n")}
		res, err := Build(fsys, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var have string
		for _, w := range res.Warnings {
			if s := fmt.Sprint(w); len(s) > 15 && s[:15] == "content/a.md:3:" {
				have = s
			}
		}
		if have != tt.want {
			t.Errorf("menu %q: have warning\n%s\nwant\n%s", tt.menu, have, tt.want)
		}
	}
}
