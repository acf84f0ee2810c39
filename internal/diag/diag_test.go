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
	want := "a.md: whole file\na.md:9:3: nine\nb.md:2: two\nother"
	if have := l.Err().Error(); have != want {
		t.Errorf("have\n%s\nwant\n%s", have, want)
	}
	if (List{}).Err() != nil {
		t.Error("an empty List has an error")
	}
}
