package frontmatter

import (
	"bytes"
	"strings"
	"testing"

	"rollout/internal/diag"
	"rollout/internal/schedule"
)

// FuzzFrontMatter: any file either decodes into a page with a title (and,
// on the home page, languages each with a code, a name and a line, no
// code twice) or fails with a path:line message; it never panics.
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
		// The site's languages, a list of entries (issue #18).
		"---\ntitle: A\nlanguages:\n  - code: en\n    name: English\n  - {code: es, name: Español}\n---\n",
		"---\ntitle: A\nlanguages:\n  - code: EN\n    name: English # x\n  - {code: es, nmae: x, code: es}\n  - [x]\n  -\n  - code: es\n    name: Es\n      pañol\n---\n",
		"+++\ntitle = 'A'\n[[languages]]\ncode = 'en'\nname = 'English'\n\n[[ \"languages\" ]] # x\n'code' = 'pt-br'\nname = \"[{\"\n+++\n",
		"+++\ntitle = 'A'\nlanguages = [\n  {code = 'en', name = 'English'}, # [\n  'x', [1, {a = 2}],\n  {code = 'en', name.x = 1},\n]\n+++\n",
		"+++\ntitle = 'A'\n[[languages]]\ncode = 'en'\n[languages.x]\ny = 1\n[[languages]]\ncode = 'es'\ncode = 'es'\n+++\n",
		"+++\ntitle = 'A'\nlanguages = [" + strings.Repeat("{a = [", 15) + strings.Repeat("]}", 15) + "]\n+++\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, path := range []string{"p.md", "content/_index.md"} {
			norm := diag.Normalize(src) // as the build hands it over
			m, body, line, err := Parse(path, norm)
			if err != nil {
				if !strings.HasPrefix(err.Error(), path+":") {
					t.Fatalf("error without the file's name: %v", err)
				}
				continue
			}
			if strings.TrimSpace(m.Title) == "" {
				t.Fatalf("decoded without a title: %q", src)
			}
			if line < 1 || !bytes.HasSuffix(norm, body) && len(body) > 0 {
				t.Fatalf("body %q at line %d of %q", body, line, src)
			}
			codes := map[string]bool{}
			for _, l := range m.Languages {
				if !schedule.IsLanguageCode(l.Code) || strings.TrimSpace(l.Name) == "" || l.Line < 1 || codes[l.Code] {
					t.Fatalf("language %+v decoded from %q", l, src)
				}
				codes[l.Code] = true
			}
		}
	})
}
