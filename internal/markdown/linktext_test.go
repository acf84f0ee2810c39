package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// A link whose text says nothing of where it leads is a warning at its
// line; links within the page and to e-mail addresses are not.
func TestVagueLinkText(t *testing.T) {
	md := "Intro.\n\nRead about it [here](/faq/).\n\n[Learn  *more*](https://example.org/) and [the schedule](/schedule/).\n\n[more](#top), [click here](mailto:a@b.org), [More](/x/ \"title\").\n"
	r, err := New().Convert("content/p.md", "/p/", []byte(md), 5, "/", nil)
	if err != nil {
		t.Fatal(err)
	}
	var have []string
	for _, w := range r.Warnings {
		have = append(have, fmt.Sprint(w))
	}
	want := []string{
		`content/p.md:7: the link text "here" says nothing of where it leads`,
		`content/p.md:9: the link text "Learn  more" says nothing of where it leads`,
		`content/p.md:11: the link text "More" says nothing of where it leads`,
	}
	if len(have) != len(want) {
		t.Fatalf("warnings:\n%s\nwant\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(have[i], want[i]) {
			t.Errorf("warning %d:\n%s\nwant\n%s...", i, have[i], want[i])
		}
	}
}

// A link text is vague in the page's language: the first part of its code
// picks the list, and English is the language without one given.
func TestVagueLinkTextInLanguage(t *testing.T) {
	md := "[aquí](/a/), [Más  INFORMACIÓN](/b/), [here](/c/), [mais](/d/).\n"
	for _, tt := range []struct {
		opts []Option
		want []string
	}{
		{nil, []string{"here"}},
		{[]Option{In("en")}, []string{"here"}},
		{[]Option{In("es")}, []string{"aquí", "Más  INFORMACIÓN"}},
		{[]Option{In("pt-br")}, []string{"mais"}},
		{[]Option{In("nl")}, nil}, // no list: nothing is vague
	} {
		r, err := New().Convert("content/p.md", "/p/", []byte(md), 1, "/", nil, tt.opts...)
		if err != nil {
			t.Fatal(err)
		}
		var have []string
		for _, w := range r.Warnings {
			if _, text, ok := strings.Cut(fmt.Sprint(w), "the link text "); ok {
				q, _, _ := strings.Cut(text[1:], `"`)
				have = append(have, q)
			}
		}
		if strings.Join(have, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%d options: vague %q, want %q", len(tt.opts), have, tt.want)
		}
	}
}
