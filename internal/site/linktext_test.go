package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// A menu label that says nothing of where it leads is a warning at its
// line, with the page's title as a better label when the title is one. It
// is vague in the page's language.
func TestVagueMenuLabel(t *testing.T) {
	const spanishFirst = "languages:\n  - {code: es, name: Español}\n  - {code: en, name: English}\n"
	for _, tt := range []struct{ home, file, title, menu, want string }{
		{"", "content/a.md", "Learn about the training", "Learn  MORE", `content/a.md:3: the menu label "Learn  MORE" says nothing of where it leads, to people who hear a page's links read out and to search engines; name what the page is about instead, such as "Learn about the training"`},
		{"", "content/a.md", "Read more", "read more", `content/a.md:3: the menu label "read more" says nothing of where it leads, to people who hear a page's links read out and to search engines; name what the page is about instead`},
		{"", "content/a.md", "Learn more", "About the training", ""},
		// The default language is the first: a.md is in Spanish.
		{spanishFirst, "content/a.md", "La formación", "Más  información", `content/a.md:3: the menu label "Más  información" says nothing of where it leads, to people who hear a page's links read out and to search engines; name what the page is about instead, such as "La formación"`},
		{spanishFirst, "content/a.md", "La formación", "Read more", ""},
		{spanishFirst, "content/a.en.md", "The training", "Read more", `content/a.en.md:3: the menu label "Read more" says nothing of where it leads, to people who hear a page's links read out and to search engines; name what the page is about instead, such as "The training"`},
	} {
		fsys := fixture()
		fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\n" + tt.home + "---\nHello.\n")}
		fsys[tt.file] = &fstest.MapFile{Data: []byte("---\ntitle: " + tt.title + "\nmenu: " + tt.menu + "\n---\nA.\n")}
		res, err := Build(fsys, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var have string
		for _, w := range res.Warnings {
			if s := fmt.Sprint(w); strings.HasPrefix(s, tt.file+":3:") {
				have = s
			}
		}
		if have != tt.want {
			t.Errorf("menu %q: have warning\n%s\nwant\n%s", tt.menu, have, tt.want)
		}
	}
}
