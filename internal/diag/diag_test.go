package diag

import (
	"errors"
	"testing"
)

func TestSuggest(t *testing.T) {
	known := []string{"title", "description", "weight", "draft", "date", "layout", "baseURL"}
	for _, tt := range []struct{ in, want string }{
		{"titel", "title"}, {"Title", "title"}, {"wieght", "weight"}, {"desc", "description"}, {"de", ""}, {"lay", "layout"}, {"dat", "date"}, {"descripton", "description"},
		{"zzzzzzzz", ""}, {"drafts", "draft"}, {"baseurl", "baseURL"}, {"base_url", "baseURL"},
	} {
		if have := Suggest(tt.in, known); have != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, have, tt.want)
		}
	}
}

func TestListOrder(t *testing.T) {
	var l List
	l.Add(nil)
	l.Add(errors.New("other"))
	l.Add(errors.Join(Errorf("b.md", 2, "two"), &Error{Path: "a.md", Line: 9, Col: 3, Msg: "nine"}))
	l.Add(Errorf("a.md", 0, "whole file"))
	l.Add(Errorf("b.md", 2, "two")) // said once
	l.Add(Errorf("b.md", 2, "too"))
	want := "a.md: whole file\na.md:9:3: nine\nb.md:2: two\nb.md:2: too\nother"
	if have := l.Err().Error(); have != want {
		t.Errorf("have\n%s\nwant\n%s", have, want)
	}
	if (List{}).Err() != nil {
		t.Error("an empty List has an error")
	}
}

// TestPrintable: text from files cannot act on the terminal that shows a
// message.
func TestPrintable(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"plain", "content/a.md", "content/a.md"},
		{"line breaks and tabs stay", "one\n\ttwo", "one\n\ttwo"},
		{"escape sequence", "a\x1b[2Jb", `a\x1b[2Jb`},
		{"carriage return", "ok\rFAKE", `ok\rFAKE`},
		{"bell and DEL", "\a\x7f", `\a\x7f`},
		{"C1 control", "a\u009bb", `a\u009bb`},
		{"bidirectional override", "abc\u202edcba", `abc\u202edcba`},
		{"accents and quotes stay", "Qu’est-ce que l’été", "Qu’est-ce que l’été"},
		{"a byte that is not UTF-8", "a\x9b2Jb", `a\x9b2Jb`},
		{"a replacement character stays", "a\ufffdb", "a\ufffdb"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if have := Printable(tt.in); have != tt.want {
				t.Errorf("Printable(%q) = %q, want %q", tt.in, have, tt.want)
			}
		})
	}
	e := &Error{Path: "content/\x1b[31mred.md", Line: 2, Msg: "unknown key \"\x1b]0;title\a\""}
	if have, want := e.Error(), `content/\x1b[31mred.md:2: unknown key "\x1b]0;title\a"`; have != want {
		t.Errorf("have %s\nwant %s", have, want)
	}
}

// TestPathOnOneLine: a path with a line break or a tab in it is shown
// escaped, so that "path:line: message" stays one line a tool can read.
func TestPathOnOneLine(t *testing.T) {
	err := Errorf("content/a\nb\tc\x1b.md", 0, "bad name")
	if have, want := err.Error(), `content/a\nb\tc\x1b.md: bad name`; have != want {
		t.Errorf("have %q, want %q", have, want)
	}
}
