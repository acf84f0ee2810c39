package site

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	for _, in := range []string{
		"SUMMARY:short",
		"DESCRIPTION:" + strings.Repeat("a", 200),
		"DESCRIPTION:" + strings.Repeat("é", 100), // two octets each
		"DESCRIPTION:" + strings.Repeat("x", 62) + "—" + strings.Repeat("y", 80),
	} {
		var b bytes.Buffer
		fold(&b, in)
		out := b.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Errorf("%q: not ended by CRLF", out)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		var joined strings.Builder
		for i, l := range lines {
			if len(l) > 75 {
				t.Errorf("line %d is %d octets: %q", i, len(l), l)
			}
			if !utf8.ValidString(l) {
				t.Errorf("line %d splits a character: %q", i, l)
			}
			if i > 0 {
				if !strings.HasPrefix(l, " ") {
					t.Errorf("continuation line %d does not start with a space", i)
				}
				l = l[1:]
			}
			joined.WriteString(l)
		}
		if joined.String() != in {
			t.Errorf("unfolded %q, want %q", joined.String(), in)
		}
	}
	if have := icsText("a, b; c\\d\ne"); have != `a\, b\; c\\d\ne` {
		t.Errorf("icsText = %q", have)
	}
}
