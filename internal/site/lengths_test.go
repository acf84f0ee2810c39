package site

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLengthWarnings: a title over 60 characters or a description over
// 160, which search results and link previews cut, gets a warning at its
// line, in YAML and TOML front matter; shorter ones get none.
func TestLengthWarnings(t *testing.T) {
	long := strings.Repeat("é", 61)
	desc := strings.Repeat("d", 161)
	fsys := fixture()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Content}}{{end}}`)}
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + long + "\ndescription: " + desc + "\n---\nText.\n")}
	fsys["content/b.md"] = &fstest.MapFile{Data: []byte("+++\ndescription = '" + desc + "'\ntitle = '" + long + "'\n+++\nText.\n")}
	fsys["content/c.md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + strings.Repeat("é", 60) + "\ndescription: " + desc[:160] + "\n---\nText.\n")}
	res, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, w := range res.Warnings {
		if s := w.Error(); strings.Contains(s, "search results") {
			have = append(have, s)
		}
	}
	want := []string{
		"content/a.md:2: the title is 61 characters; search results and link previews show about 60: shorten it",
		"content/a.md:3: the description is 161 characters; search results and link previews show about 160: shorten it",
		"content/b.md:2: the description is 161 characters; search results and link previews show about 160: shorten it",
		"content/b.md:3: the title is 61 characters; search results and link previews show about 60: shorten it",
	}
	if fmt.Sprint(have) != fmt.Sprint(want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
}
