package frontmatter

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzFrontMatter: any file either decodes into a page with a title or
// fails with a path:line message; it never panics.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: A\n---\nBody\n",
		"+++\ntitle = 'A'\nweight = 3\n+++\n",
		"+++\ntitle = 'A'\nmenu.x = 1\n[params]\nx = 1\n[[a]]\n+++\n",
		"+++\ntitle = 'A'\ndate = 2018-01-31\ntitle = 'B'\n+++\n",
		"---\ntitle: a: b\n---\n",
		"\uFEFF---\r\ntitle: A\r\n---\r\n",
		"---\n- x\n---\n",
		"---\ntitle: &a A\nmenu: *a\n---\n",
		"---\n",
		"",
		// Inputs whose cost grew faster than their size (issue #14).
		"+++\ntitle = 'A'\na = " + strings.Repeat("{b = ", 2000) + "1" + strings.Repeat("}", 2000) + "\n+++\n",
		"+++\ntitle = 'A'\na = " + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + "\n+++\n",
		"+++\ntitle = '[{'\nb = \"\"\"\n[{\\\"\"\"\"\" # [{\nc = '''[{'''\n+++\n",
		"+++\ntitle = 'A'\n" + strings.Repeat("k = 1\nk2 = 2\n", 200) + strings.Repeat("a", 3000) + " = 1\n+++\n",
		"---\ntitle: A\na: " + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + "\n---\n",
		"---\ntitle: A\na: " + strings.Repeat("{a: ", 500) + "1" + strings.Repeat("}", 500) + "\n---\n",
		"---\ntitle: A\n" + strings.Repeat("k: 1\n", 500) + strings.Repeat("a", 3000) + ": 1\n---\n",
		"---\ntitle: A\na: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, body, line, err := Parse("p.md", normalized(src))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "p.md") {
				t.Fatalf("error without the file's name: %v", err)
			}
			return
		}
		if strings.TrimSpace(m.Title) == "" {
			t.Fatalf("decoded without a title: %q", src)
		}
		if line < 1 || !bytes.HasSuffix(src, body) && len(body) > 0 {
			t.Fatalf("body %q at line %d of %q", body, line, src)
		}
	})
}

// normalized is src as the build hands it over: without a byte-order mark,
// with LF line ends.
func normalized(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	return bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
}
