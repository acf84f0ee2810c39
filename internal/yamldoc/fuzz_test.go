package yamldoc

import (
	"errors"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"rollout/internal/diag"
)

// FuzzYamldoc: any text parses into a tree of nodes, without anchors or
// aliases, at lines that count from first and that the text has, or
// fails with p.yaml:line messages at such lines; reading any node as any
// kind of value gives a value or an error at such a line; nothing panics.
func FuzzYamldoc(f *testing.F) {
	for _, s := range []string{
		"title: Rollout Process\nweight: 10\ndraft: false\nareas:\n  - MIT Police\n  - \"MIT Press\"\n",
		"- month: 2018-01\n  areas: [A, {name: B, includes: [C]}]\n",
		"title: a: b\n",
		"title:\tx\n\tweight: 1\n",
		"a: 1\na: 2\n",
		"NO: yes\n0755: 1e3\n~: null\n",
		// Anchors, aliases, merge keys and a small alias bomb.
		"a: &x 1\nb: *x\n",
		"a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n",
		"base: &b {k: 1}\nderived:\n  <<: *b\n",
		"a: *nope\n",
		"&a a: &b [*a, *b]\n",
		// Nesting a few hundred levels deep, in flow and block style.
		strings.Repeat("[", 300) + strings.Repeat("]", 300) + "\n",
		strings.Repeat("{a: ", 300) + "1" + strings.Repeat("}", 300) + "\n",
		strings.Repeat("- ", 300) + "x\n",
		nestedMapping(300),
		strings.Repeat("{", 2000) + "\n",
		// Quotes, escapes, control characters, line ends and marks.
		strings.Repeat(`"'`, 1000) + "\n",
		"t: \"\\e[31mred\\e[0m \\u202e \\x07 \\0\"\n",
		"t: \x1b[31m\n",
		"\uFEFFt: x\r\nu: y\r\n",
		"t: |\n  block\n\n  text\nu: >-\n  folded\n",
		"--- a\n--- b\n",
		"%YAML 1.1\n---\n!!binary x: !custom y\n",
		"t: \xff\xfe\n",
		"",
		"# only a comment\n",
	} {
		f.Add([]byte(s), uint16(1))
	}
	f.Add([]byte("title: x\nweight: heavy\n"), uint16(2))
	f.Add([]byte("a: [\n"), uint16(40))
	f.Fuzz(func(t *testing.T, src []byte, first uint16) {
		if len(src) > 64<<10 {
			t.Skip("larger than front matter or a schedule may be")
		}
		start := int(first)%1000 + 1
		last := start + lineBreaks(src)
		d, err := Parse("p.yaml", src, start)
		if err := atLines(err, start, last); err != "" {
			t.Fatalf("%s\ninput (from line %d): %q", err, start, src)
		}
		if d == nil && err == nil {
			t.Fatalf("no document and no error from %q", src)
		}
		if err != nil || d.Root == nil {
			return // callers read no document that has errors
		}
		var walk func(n *yaml.Node, depth int)
		walk = func(n *yaml.Node, depth int) {
			if n.Kind == yaml.AliasNode || n.Anchor != "" || n.Alias != nil {
				t.Fatalf("an anchor or alias is left at line %d of %q", n.Line, src)
			}
			if n.Line < start || n.Line > last {
				t.Fatalf("a node at line %d; the text has lines %d to %d: %q", n.Line, start, last, src)
			}
			if depth > len(src)+1 {
				t.Fatalf("nodes nested deeper than the text is long: %q", src)
			}
			for _, read := range []func() error{
				func() error { _, err := d.String(n, "v"); return err },
				func() error { _, err := d.Int(n, "v"); return err },
				func() error { _, err := d.Bool(n, "v"); return err },
				func() error { _, err := d.Strings(n, "v"); return err },
				func() error {
					return d.Fields(n, "v", []string{"title", "weight"}, func(string, *yaml.Node) error { return nil })
				},
			} {
				if msg := atLines(read(), start, last); msg != "" {
					t.Fatalf("reading a value: %s\ninput: %q", msg, src)
				}
			}
			for _, c := range n.Content {
				walk(c, depth+1)
			}
		}
		walk(d.Root, 0)
	})
}

// atLines returns what is wrong with err, or "": each problem it joins
// must be a *diag.Error in p.yaml with a message, at a line from first to
// last.
func atLines(err error, first, last int) string {
	if err == nil {
		return ""
	}
	var all diag.List
	all.Add(err)
	for _, e := range all {
		var d *diag.Error
		switch {
		case !errors.As(e, &d):
			return "not a diag.Error: " + e.Error()
		case d.Path != "p.yaml" || strings.TrimSpace(d.Msg) == "":
			return "not about p.yaml, or without a message: " + e.Error()
		case d.Line < first || d.Line > last:
			return "at a line the text does not have: " + e.Error()
		}
	}
	return ""
}

// lineBreaks counts the line breaks in src, as YAML reads them: LF, CR,
// CRLF, NEL, and the Unicode line and paragraph separators.
func lineBreaks(src []byte) int {
	n := 0
	for i, r := range string(src) {
		switch r {
		case '\n', '\u0085', '\u2028', '\u2029':
			n++
		case '\r':
			if i+1 >= len(src) || src[i+1] != '\n' {
				n++
			}
		}
	}
	return n
}

// nestedMapping is a block mapping depth levels deep, one level a line.
func nestedMapping(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat(" ", i) + "k:\n")
	}
	b.WriteString(strings.Repeat(" ", depth) + "v: 1\n")
	return b.String()
}
