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
