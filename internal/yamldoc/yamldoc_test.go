package yamldoc

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"rollout/internal/diag"
)

// errText is err's message, or "" for no error.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// mustParse parses src as the YAML of path starting at line first, and
// fails the test on any error.
func mustParse(t *testing.T, path, src string, first int) *Doc {
	t.Helper()
	d, err := Parse(path, []byte(src), first)
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return d
}

// value returns the value of key in the mapping at the root of d.
func value(t *testing.T, d *Doc, key string) *yaml.Node {
	t.Helper()
	if d.Root == nil || d.Root.Kind != yaml.MappingNode {
		t.Fatalf("the document is not a mapping")
	}
	for i := 0; i+1 < len(d.Root.Content); i += 2 {
		if d.Root.Content[i].Value == key {
			return d.Root.Content[i+1]
		}
	}
	t.Fatalf("no key %q", key)
	return nil
}

// TestParseLines: node lines count from the top of the file, given the
// line the YAML starts on; columns are left as they are.
func TestParseLines(t *testing.T) {
	src := "title: Rollout Process\nweight: 10\nareas:\n  - MIT Police\n  - \"MIT Press\"\n"
	tests := []struct {
		name  string
		first int
	}{
		{"a file of YAML", 1},
		{"front matter after its --- line", 2},
		{"YAML further down a file", 40},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, "content/faq/_index.md", src, tt.first)
			if d.Path != "content/faq/_index.md" {
				t.Errorf("Path %q, want content/faq/_index.md", d.Path)
			}
			areas := value(t, d, "areas")
			for _, c := range []struct {
				what      string
				n         *yaml.Node
				line, col int
			}{
				{"the root", d.Root, 1, 1},
				{"the title key", d.Root.Content[0], 1, 1},
				{"the title", value(t, d, "title"), 1, 8},
				{"the weight", value(t, d, "weight"), 2, 9},
				{"the list of areas", areas, 4, 3},
				{"the first area", areas.Content[0], 4, 5},
				{"the second area", areas.Content[1], 5, 5},
			} {
				if want := c.line + tt.first - 1; c.n.Line != want || c.n.Column != c.col {
					t.Errorf("%s at %d:%d, want %d:%d", c.what, c.n.Line, c.n.Column, want, c.col)
				}
			}
		})
	}
}

// TestParseEmpty: a document with no value has a nil Root and is no error;
// what an empty document means is up to the caller.
func TestParseEmpty(t *testing.T) {
	for _, tt := range []struct{ name, src string }{
		{"nothing", ""},
		{"blank lines", "\n\n"},
		{"a comment", "# the schedule goes here\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, "content/schedule.yaml", tt.src, 1)
			if d.Root != nil {
				t.Errorf("Root is a node of kind %v, want nil", d.Root.Kind)
			}
		})
	}
}

// TestParseSyntaxErrors: a document YAML cannot read is one error at the
// line of the file where the mistake is (yaml.v3 often names another
// line, or none), with advice for the mistakes people make most: tabs,
// unquoted colons, values starting with @, ` or *, text after a quote,
// quotes never closed, and indentation.
func TestParseSyntaxErrors(t *testing.T) {
	const (
		tab    = "a tab is used for indentation here; indent with spaces only"
		indent = "did not find expected key (check the indentation of this line and the one above)"
	)
	tests := []struct {
		name  string
		src   string
		first int
		want  string
	}{
		{"unquoted colon in a value", "title: Broken: yes\n", 1, `p.md:1: the value of "title" contains ": " (a colon and a space); put the whole value in quotes: title: "Broken: yes"`},
		{"unquoted colon, lines shifted", "title: Fine\ntitle2: Broken: yes\n", 2, `p.md:3: the value of "title2" contains ": " (a colon and a space); put the whole value in quotes: title2: "Broken: yes"`},
		{"unquoted colon in a list", "a:\n  - b: c: d\n", 1, `p.md:2: the value of "b" contains ": " (a colon and a space); put the whole value in quotes: - b: "c: d"`},
		{"unquoted colon at the end", "title: Note:\n", 1, `p.md:1: the value of "title" contains ": " (a colon and a space); put the whole value in quotes: title: "Note:"`},
		{"a key indented under a value", "a: 1\n b: 2\nc: 3\n", 1, `p.md:2: this line is indented further than the lines around it; line up "b:" with "a:" on line 1, with spaces`},
		{"a key indented, lines shifted", "a: 1\n b: 2\n", 3, `p.md:4: this line is indented further than the lines around it; line up "b:" with "a:" on line 3, with spaces`},
		{"a key indented too little", "a:\n  b: 1\n c: 2\n", 1, `p.md:3: this line is indented less than the lines around it; line up "c:" with "b:" on line 2, with spaces`},
		{"no space after a colon", "a:1\n  b: 2\n", 4, `p.md:4: put a space after the colon: a: 1`},
		{"tab indenting a key", "a: 1\n\tb: 2\n", 1, "p.md:2: " + tab},
		{"tab indenting a key, lines shifted", "a: 1\n\tb: 2\n", 5, "p.md:6: " + tab},
		{"tab indenting a nested mapping", "a:\n\tb: 2\n", 1, "p.md:2: " + tab},
		{"tab after a list dash", "a:\n  - x\n  -\ty\n", 1, "p.md:3: " + tab},
		{"value starting with @", "owner: @someone\n", 1, `p.md:1: a value cannot start with "@"; put the whole value in quotes: owner: "@someone"`},
		{"value starting with @, further down", "a: 1\nb: 2\nowner: @someone\n", 1, `p.md:3: a value cannot start with "@"; put the whole value in quotes: owner: "@someone"`},
		{"value starting with a backtick", "code: `x`\n", 3, "p.md:3: a value cannot start with \"`\"; put the whole value in quotes: code: \"`x`\""},
		{"value starting with %", "a:\n  - %x\n", 1, `p.md:2: a value cannot start with "%"; put the whole value in quotes: - "%x"`},
		{"text after a quote", "title: \"Quoted\" rest\n", 1, `p.md:1: text follows the closing quote; put all of the text in quotes: title: '"Quoted" rest'`},
		{"text after brackets", "title: [x] rest\n", 1, `p.md:1: a value cannot start with "[" unless it is a list or a set of keys; put the whole value in quotes: title: "[x] rest"`},
		{"stray closing brace", "a: {b: 1}}\n", 1, "p.md:1: " + indent},
		{"unclosed flow list", "a: [1, 2\n", 1, "p.md:1: did not find expected ',' or ']'"},
		{"unclosed quote", "a: \"never closed\n", 1, `p.md:1: the quote that starts here is never closed; end the text with " on this line`},
		{"unclosed quote, further down", "a: 1\nb: 'never closed\nc: 2\n", 3, `p.md:4: the quote that starts here is never closed; end the text with ' on this line`},
		{"mapping after a list", "- a\nb: c\n", 1, `p.md:2: a "key: value" line cannot follow the "- " items of a list at the same indentation (line 1); start it with "- " to make it an item, or indent it under the item it belongs to`},
		{"item indented too little", "a:\n  - x\n - y\n", 1, `p.md:3: this line's "- " is indented less than the one on line 2; line up the two "- ", with spaces`},
		{"key indented too little after a list", "- a: 1\n b: 2\n", 1, `p.md:2: this line is indented less than the lines around it; line up "b:" with "a:" on line 1, with spaces`},
		{"comments and blank lines between", "a:\n  b: 1\n\n  # c\n   d: 2\n", 1, `p.md:5: this line is indented further than the lines around it; line up "d:" with "b:" on line 2, with spaces`},
		// A key with no space after its colon, on any line: YAML reads
		// it as the start of a key whose colon never comes.
		{"no space after a colon, on the last line", "title: A\ndescription:About the training\n", 2, `p.md:3: put a space after the colon: description: About the training`},
		{"no space after a colon, between keys", "title: A\nweight:30\nmenu: FAQ\n", 2, `p.md:3: put a space after the colon: weight: 30`},
		{"no space after a colon, before a list", "- name: A\n  aliases:[EHS]\n", 1, `p.md:2: put a space after the colon: aliases: [EHS]`},
		{"no space after the colon of an item", "areas:\n  - name:A\n    note: x\n", 1, `p.md:2: put a space after the colon: - name: A`},
		// A quote of the text's own, in the same quotes: the text in the
		// other quotes, or, with both kinds, in double quotes with \".
		{"an apostrophe in single quotes", "title: 'MIT's training'\n", 1, `p.md:1: the text has a ' of its own, which ends the quotes early; put the text in double quotes: title: "MIT's training"`},
		{"double quotes in double quotes", "title: \"The \"Haven\" program\"\n", 1, `p.md:1: the text has a " of its own, which ends the quotes early; put the text in single quotes: title: 'The "Haven" program'`},
		{"both kinds of quotes", "title: 'The \"Haven\" isn't'\n", 1, `p.md:1: the text has a ' of its own, which ends the quotes early; put the text in double quotes, with a \ before each " inside: title: "The \"Haven\" isn't"`},
		{"an apostrophe in a quoted item", "a:\n  - 'Provost's Office'\n", 1, `p.md:2: the text has a ' of its own, which ends the quotes early; put the text in double quotes: - "Provost's Office"`},
		// A value wrapped onto a line that is not indented further.
		{"a value wrapped at the indentation of its key", "note: Includes the labs,\nsuch as CSAIL.\n", 1, `p.md:2: this line has no "key:"; if it continues the line above, join the two lines, or indent it further than "note"`},
		{"a wrapped value, then a key", "- name: Office of the VP\n  for Research\n  note: x\n", 1, `p.md:2: this line has no "key:"; if it continues the line above, join the two lines, or indent it further than "name"`},
		// A key under a "- name" alone, which YAML reads as more of the name.
		{"a key under a name alone", "- name: Electrical Engineering\n- EECS\n  aliases: [Course 6]\n", 1, `p.md:3: "aliases:" follows "- EECS" (line 2), which is a name on its own and cannot have keys; if "aliases:" belongs to "name:" on line 1, move line 2 below that item's lines; to give "EECS" keys of its own, write line 2 as: - name: EECS`},
		{"a key under the only item", "- MIT Police\n  note: x\n", 4, `p.md:5: "note:" follows "- MIT Police" (line 4), which is a name on its own and cannot have keys`},
		// Values that start with a character that YAML reads as syntax.
		{"value starting with *", "title: *New* training\n", 1, `p.md:1: a value cannot start with "*" (YAML reads it as a reference to an anchor); put the whole value in quotes: title: "*New* training"`},
		{"value starting with &", "title: & more\n", 1, `p.md:1: a value cannot start with "&" (YAML reads it as an anchor); put the whole value in quotes: title: "& more"`},
		{"value starting with !", "title: !a!b c\n", 1, `p.md:1: a value cannot start with "!" (YAML reads it as a tag); put the whole value in quotes: title: "!a!b c"`},
		// Errors the parser gives without a line are put at the first line.
		{"control character", "a: \x01\n", 7, "p.md:7: control characters are not allowed"},
		{"invalid UTF-8", "a: \xff\n", 7, "p.md:7: this line is not UTF-8 text; save the file as UTF-8 (in most editors: Save with encoding → UTF-8)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("p.md", []byte(tt.src), tt.first)
			if have := errText(err); have != tt.want {
				t.Errorf("Parse(%q, first %d):\nhave error %q\nwant error %q", tt.src, tt.first, have, tt.want)
			}
			if d != nil {
				t.Errorf("Parse returned a document along with a syntax error")
			}
			var de *diag.Error
			if !errors.As(err, &de) || de.Path != "p.md" {
				t.Errorf("have error %#v, want a *diag.Error for p.md", err)
			}
		})
	}
}

// TestParseRefusesAnchorsAndAliases: every anchor (&) and alias (*) is an
// error at its own line and column, all of them reported at once, and
// nothing is ever expanded, so that an alias bomb costs nothing.
func TestParseRefusesAnchorsAndAliases(t *testing.T) {
	const msg = ": anchors and aliases (& and *) are not supported; write the value out in full"
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'i'; i++ {
		bomb += fmt.Sprintf("%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	tests := []struct {
		name  string
		src   string
		first int
		want  []string
	}{
		{"anchor and alias of a scalar", "a: &x 1\nb: *x\n", 1, []string{"s.yaml:1:4" + msg, "s.yaml:2:4" + msg}},
		{"lines shifted", "a: &x 1\nb: *x\n", 3, []string{"s.yaml:3:4" + msg, "s.yaml:4:4" + msg}},
		{"anchor of a mapping, reported once", "a: 1\nb: &m\n  c: 1\n  d: 2\ne: *m\n", 1, []string{"s.yaml:2:4" + msg, "s.yaml:5:4" + msg}},
		{"anchor in a list", "areas:\n  - &p MIT Police\n  - MIT Press\n", 1, []string{"s.yaml:2:5" + msg}},
		{"merge key", "base: &b {x: 1}\nother:\n  <<: *b\n", 1, []string{"s.yaml:1:7" + msg, "s.yaml:3:7" + msg}},
		// What an anchor holds is not looked into: each list is one error.
		{"alias bomb", bomb, 1, func() []string {
			var w []string
			for line := 1; line <= 9; line++ {
				w = append(w, fmt.Sprintf("s.yaml:%d:4%s", line, msg))
			}
			return w
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse("s.yaml", []byte(tt.src), tt.first)
			if took := time.Since(start); took > time.Second {
				t.Errorf("Parse took %v", took)
			}
			if have, want := errText(err), strings.Join(tt.want, "\n"); have != want {
				t.Errorf("Parse(%q):\nhave errors:\n%s\nwant:\n%s", tt.src, have, want)
			}
		})
	}
	// An alias of an anchor that was never set is refused as well, with
	// the parser's own message.
	const noAnchor = `s.yaml:2: a value cannot start with "*" (YAML reads it as a reference to an anchor); put the whole value in quotes: a: "*x"`
	if _, err := Parse("s.yaml", []byte("b: 1\na: *x\n"), 1); errText(err) != noAnchor {
		t.Errorf("an alias with no anchor: have error %v, want %s", err, noAnchor)
	}
	// A tag is refused as well.
	const tag = `s.yaml:1:4: "!important" is a YAML tag, which is not supported; if it is part of the text, put the whole value in quotes`
	if _, err := Parse("s.yaml", []byte("a: !important x\n"), 1); errText(err) != tag {
		t.Errorf("a tag: have error %v, want %s", err, tag)
	}
}

// TestScalarsAreText: values are read as the text written, not as YAML
// 1.1 booleans, octal numbers or floats.
func TestScalarsAreText(t *testing.T) {
	for _, tt := range []struct{ src, want string }{
		{"v: NO", "NO"},
		{"v: yes", "yes"},
		{"v: off", "off"},
		{"v: 0755", "0755"},
		{"v: 1.10", "1.10"},
		{"v: 2018-03-01", "2018-03-01"},
		{"v: 1e3", "1e3"},
	} {
		t.Run(tt.src, func(t *testing.T) {
			d := mustParse(t, "p.md", tt.src+"\n", 1)
			have, err := d.String(value(t, d, "v"), "v")
			if err != nil || have != tt.want {
				t.Errorf("String: have %q, %v; want %q", have, err, tt.want)
			}
		})
	}
}

func TestErrorf(t *testing.T) {
	d := mustParse(t, "content/faq/_index.md", "title: x\nweight: heavy\n", 2)
	err := d.Errorf(value(t, d, "weight"), "%s must be a whole number, not %q", "weight", "heavy")
	want := &diag.Error{Path: "content/faq/_index.md", Line: 3, Col: 9, Msg: `weight must be a whole number, not "heavy"`}
	if *err != *want {
		t.Errorf("have %#v\nwant %#v", err, want)
	}
	if have := err.Error(); have != `content/faq/_index.md:3:9: weight must be a whole number, not "heavy"` {
		t.Errorf("have message %q", have)
	}
}

// TestFields: fn is called for each known key, in order; unknown keys
// (with a suggestion where one is near), keys given twice, and a value
// that is not a mapping are reported, all at once, with fn's own errors.
func TestFields(t *testing.T) {
	known := []string{"title", "weight", "draft", "description"}
	tests := []struct {
		name  string
		src   string
		calls []string // the keys fn is called with
		want  string   // the error
	}{
		{"known keys, in order", "weight: 2\ntitle: x\ndraft: false\n", []string{"weight", "title", "draft"}, ""},
		{"no keys", "{}\n", nil, ""},
		{"misspelt key", "title: x\nwieght: 2\n", []string{"title"}, `f.md:3:1: unknown key "wieght" in front matter; did you mean "weight"?`},
		{"shortened key", "desc: x\n", nil, `f.md:2:1: unknown key "desc" in front matter; did you mean "description"?`},
		{"key near nothing", "colour: red\n", nil, `f.md:2:1: unknown key "colour" in front matter; known keys are title, weight, draft, description`},
		{"key given twice", "title: a\nweight: 1\ntitle: b\n", []string{"title", "weight"}, `f.md:4:1: "title" is given twice (first on line 2); keep one`},
		{"a list", "- title\n", nil, `f.md:2:1: front matter must be a set of "key: value" lines`},
		{"a scalar", "just text\n", nil, `f.md:2:1: front matter must be a set of "key: value" lines`},
		{"every problem at once, by line", "titel: a\ntitle: b\nweight: x\ntitle: c\nsize: 3\n", []string{"title", "weight"}, strings.Join([]string{
			`f.md:2:1: unknown key "titel" in front matter; did you mean "title"?`,
			`f.md:4:9: weight is not a number`,
			`f.md:5:1: "title" is given twice (first on line 3); keep one`,
			`f.md:6:1: unknown key "size" in front matter; known keys are title, weight, draft, description`,
		}, "\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, "f.md", tt.src, 2)
			var calls []string
			err := d.Fields(d.Root, "front matter", known, func(key string, val *yaml.Node) error {
				calls = append(calls, key)
				if key == "weight" && val.Value == "x" {
					return d.Errorf(val, "weight is not a number")
				}
				return nil
			})
			if have := errText(err); have != tt.want {
				t.Errorf("have error:\n%s\nwant:\n%s", have, tt.want)
			}
			if !slices.Equal(calls, tt.calls) {
				t.Errorf("fn called with %q, want %q", calls, tt.calls)
			}
		})
	}
}

// TestFieldsValues: fn receives each key's own value node.
func TestFieldsValues(t *testing.T) {
	d := mustParse(t, "f.md", "title: Home\nweight: 3\n", 1)
	got := map[string]string{}
	err := d.Fields(d.Root, "front matter", []string{"title", "weight"}, func(key string, val *yaml.Node) error {
		got[key] = fmt.Sprintf("%s@%d", val.Value, val.Line)
		return nil
	})
	if err != nil || got["title"] != "Home@1" || got["weight"] != "3@2" {
		t.Errorf("have %v, %v; want title Home@1, weight 3@2", got, err)
	}
}

// decodeTest is one value for String, Int, Bool or Strings, written as
// the YAML "v: <src>" on line 4 of f.md.
type decodeTest[T any] struct {
	name string
	src  string
	want T
	err  string // the error, or "" for none
}

// runDecode runs tests through decode, one of Doc's methods for values.
func runDecode[T any](t *testing.T, tests []decodeTest[T], decode func(d *Doc, n *yaml.Node, key string) (T, error), equal func(a, b T) bool) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, "f.md", "v: "+tt.src+"\n", 4)
			have, err := decode(d, value(t, d, "v"), "v")
			if errText(err) != tt.err {
				t.Errorf("v: %s\nhave error %q\nwant error %q", tt.src, errText(err), tt.err)
			}
			if err == nil && !equal(have, tt.want) {
				t.Errorf("v: %s\nhave %#v\nwant %#v", tt.src, have, tt.want)
			}
		})
	}
}

func eq[T comparable](a, b T) bool { return a == b }

// at is where the value of "v: ..." on line 4 is; atEmpty, where an empty
// one is, just after the colon.
const at, atEmpty = "f.md:4:4: ", "f.md:4:3: "

func TestString(t *testing.T) {
	runDecode(t, []decodeTest[string]{
		{"plain", "Rollout Process", "Rollout Process", ""},
		{"double quoted", `"Broken: yes"`, "Broken: yes", ""},
		{"single quoted", `'it''s'`, "it's", ""},
		{"surrounding spaces dropped", "text   ", "text", ""},
		{"yes stays text", "yes", "yes", ""},
		{"leading zero kept", "0755", "0755", ""},
		{"nothing", "", "", ""},
		{"null", "null", "", ""},
		{"tilde", "~", "", ""},
		{"quoted null is text", `"null"`, "null", ""},
		{"empty quotes", `""`, "", ""},
		{"a list", "[a, b]", "", at + "v must be a single line of text"},
		{"a mapping", "{a: b}", "", at + "v must be a single line of text"},
	}, (*Doc).String, eq)
}

func TestInt(t *testing.T) {
	runDecode(t, []decodeTest[int]{
		{"a number", "10", 10, ""},
		{"zero", "0", 0, ""},
		{"negative", "-3", -3, ""},
		{"quoted", `"10"`, 0, at + `v must be a whole number, like 10, not "10"`},
		{"single quoted", `'10'`, 0, at + `v must be a whole number, like 10, not "10"`},
		{"a fraction", "2.5", 0, at + `v must be a whole number, like 10, not "2.5"`},
		{"a word", "ten", 0, at + `v must be a whole number, like 10, not "ten"`},
		{"nothing", "", 0, atEmpty + `v must be a whole number, like 10, not ""`},
		{"a list", "[1]", 0, at + `v must be a whole number, like 10, not ""`},
	}, (*Doc).Int, eq)
}

func TestBool(t *testing.T) {
	runDecode(t, []decodeTest[bool]{
		{"true", "true", true, ""},
		{"false", "false", false, ""},
		{"yes", "yes", false, at + `v must be true or false, not "yes"`},
		{"no", "no", false, at + `v must be true or false, not "no"`},
		{"capitalised", "True", false, at + `v must be true or false, not "True"`},
		{"quoted", `"true"`, false, at + `v must be true or false, not "true"`},
		{"a number", "1", false, at + `v must be true or false, not "1"`},
		{"nothing", "", false, atEmpty + `v must be true or false, not ""`},
		{"a list", "[true]", false, at + `v must be true or false, not ""`},
	}, (*Doc).Bool, eq)
}

func TestStrings(t *testing.T) {
	runDecode(t, []decodeTest[[]string]{
		{"flow list", "[MIT Police, 'MIT Press', 0755]", []string{"MIT Police", "MIT Press", "0755"}, ""},
		{"block list", "\n  - MIT Police\n  - \"Tech: Review\"", []string{"MIT Police", "Tech: Review"}, ""},
		{"empty list", "[]", nil, ""},
		{"a scalar", "MIT Police", nil, at + `v must be a list, one "- item" per line`},
		{"a mapping", "{a: b}", nil, at + `v must be a list, one "- item" per line`},
	}, (*Doc).Strings, slices.Equal)

	// Each item that is not text is reported, at its own line.
	d := mustParse(t, "f.md", "v:\n  - MIT Police\n  - [a, b]\n  - MIT Press\n  - {a: b}\n", 1)
	have, err := d.Strings(value(t, d, "v"), "areas")
	want := "f.md:3:5: each item of areas must be a single line of text\nf.md:5:5: each item of areas must be a single line of text"
	if errText(err) != want {
		t.Errorf("have error:\n%v\nwant:\n%s", err, want)
	}
	if !slices.Equal(have, []string{"MIT Police", "MIT Press"}) {
		t.Errorf("have %q, want the items that are text", have)
	}
}

// TestNameAndText: a name is one line of text as written; what YAML
// joined from two lines, cut at a "#", or read as a key and value or as
// a list is refused at its line with what to write instead. Text (a
// note) may go on over several lines but is not cut at a "#" either.
func TestNameAndText(t *testing.T) {
	tests := []struct {
		name, src string
		item      string // "" for the value of v, or what the items of v's list are
		text      bool   // read with Text rather than Name
		want, err string
	}{
		{"a name", "v: MIT Police", "", false, "MIT Police", ""},
		{"a quoted name with # and a colon", `v: "Room #5: B"`, "", false, "Room #5: B", ""},
		{"a comment on its own line", "# about v\nv: MIT Police\n# after", "", false, "MIT Police", ""},
		{"a name cut at #", "v: Q&A #1", "", false, "", `f.md:4:4: the v stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the v, put it in quotes: v: "Q&A #1"; to keep a comment, put it on its own line`},
		{"a name joined", "v: Rollout\n  Process", "", false, "", `f.md:5: this line continues the v on line 4 ("Rollout"), because it is indented further; write the v on one line, or start this line at the same indentation as line 4`},
		{"an item joined", "v:\n  - MIT Police\n    Atlas", "area", false, "", `f.md:6: this line continues the name on line 5 ("MIT Police"), because it is indented further; to list it as its own area, start it with "- " at the same indentation as line 5`},
		{"an item joined after characters of two bytes", "v: [Café, Media\n  Lab]", "unit", false, "", `f.md:5: this line continues the name on line 4 ("Media"), because it is indented further; write the name on one line, or start this line at the same indentation as line 4`},
		{"an item cut after characters of two bytes", "v:\n  - Café Ünïcode # 2", "unit", false, "", `f.md:5:5: the name stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the name, put it in quotes: - "Café Ünïcode # 2"; to keep a comment, put it on its own line`},
		{"an item with a colon", "v:\n  - Research: Lab # x", "unit", false, "", `f.md:5:5: "Research: Lab" has a colon and a space, so YAML reads it as a key and a value; put the name in quotes: - "Research: Lab"`},
		{"an item in brackets", "v:\n  - [x]", "unit", false, "", `f.md:5:5: a name cannot start with "[", which starts a list or a set of keys in YAML; if it is part of the name, put the name in quotes: - "[x]"`},
		{"a block of lines", "v: |\n  a\n  b", "", false, "", `f.md:4:4: the v must be a single line of text`},
		{"null is no name", "v: ~", "", false, "", ""},
		{"text over two lines", "v: Releases run\n  all month.", "", true, "Releases run all month.", ""},
		{"text cut at #", "v: Room #5", "", true, "", `f.md:4:4: the v stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the v, put it in quotes: v: "Room #5"; to keep a comment, put it on its own line`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, "f.md", tt.src+"\n", 4)
			v := value(t, d, "v")
			var have string
			var err error
			switch {
			case tt.text:
				have, err = d.Text(v, "v")
			case tt.item != "":
				var names []string
				names, err = d.Names(v, "v", tt.item)
				have = strings.Join(names, "|")
			default:
				have, err = d.Name(v, "v", "")
			}
			if errText(err) != tt.err {
				t.Errorf("%s\nhave error %q\nwant error %q", tt.src, errText(err), tt.err)
			}
			if err == nil && have != tt.want {
				t.Errorf("%s\nhave %q, want %q", tt.src, have, tt.want)
			}
		})
	}
}

// TestQuoteAdviceParses: the line that advice on quotes suggests reads,
// in YAML, as the text that was meant.
func TestQuoteAdviceParses(t *testing.T) {
	advised := 0
	for _, text := range []string{
		"MIT's training", `The "Haven" program`, `The "Haven" isn't`, `C:\temp`, `C:\Bob's "x"`,
		"Q&A #1", "Research: Lab", "café's ünï", `"Quoted" rest`, "it's 'quoted'",
	} {
		// The text without quotes, or in either quotes as it is.
		for _, src := range []string{"v: " + text, "v: '" + text + "'", `v: "` + text + `"`} {
			_, err := Parse("p.md", []byte(src+"\n"), 1)
			if err == nil {
				continue // read as some text, right or wrong, with no advice
			}
			msg := errText(err)
			i := strings.LastIndex(msg, ": v: ")
			if i < 0 {
				t.Errorf("%s: no line suggested: %s", src, msg)
				continue
			}
			fixed := msg[i+2:]
			advised++
			var have struct{ V string }
			if err := yaml.Unmarshal([]byte(fixed), &have); err != nil || have.V != text {
				t.Errorf("%s: advice %q reads as %q, %v; want %q", src, fixed, have.V, err, text)
			}
		}
		var have struct{ V string }
		if err := yaml.Unmarshal([]byte("v: "+quote(text)), &have); err != nil || have.V != text {
			t.Errorf("quote(%q) = %s reads as %q, %v", text, quote(text), have.V, err)
		}
	}
	if advised < 8 {
		t.Errorf("advice on %d lines; want at least 8", advised)
	}
}

// TestNoSpace: text that is a key and its value with no space after the
// colon is refused at its line, with the line as it should be; other
// text with a colon, a web address, or a key not asked about is not.
func TestNoSpace(t *testing.T) {
	keys := []string{"name", "note"}
	tests := []struct {
		name, src string
		keys      []string
		want      string
	}{
		{"an item", "v:\n  - name:MIT Press", keys, `f.md:5:5: "name:MIT Press": put a space after the colon: - name: MIT Press`},
		{"an item in brackets", "v: [note:x]", keys, `f.md:4:5: "note:x": put a space after the colon: note: x`},
		{"an item with a colon and a space", "v:\n  - name:Research: Lab", keys, `f.md:5:5: "name:Research: Lab": put a space after the colon: - name: "Research: Lab"`},
		{"an item joined to the next line", "v:\n  - name:MIT\n    Press", keys, `f.md:5:5: "name:MIT": put a space after the colon: - name: MIT`},
		{"any word", "v:\n  - title:About", nil, `f.md:5:5: "title:About": put a space after the colon: - title: About`},
		{"not one of the keys", "v:\n  - title:About", keys, ""},
		{"a web address", "v:\n  - https://example.org", nil, ""},
		{"a colon in a word", "v:\n  - MIT Lab:5", nil, ""},
		{"quoted", "v:\n  - 'name:x'", keys, ""},
		// The line advised must read as the text: quoted where YAML would
		// read it as something else; a whole list kept as one.
		{"starts with @", "v:\n  - name:@MIT", keys, `f.md:5:5: "name:@MIT": put a space after the colon: - name: "@MIT"`},
		{"starts with *", "v:\n  - name:*New* x", keys, `f.md:5:5: "name:*New* x": put a space after the colon: - name: "*New* x"`},
		{"starts with a bracket", "v:\n  - name:[draft] notes", keys, `f.md:5:5: "name:[draft] notes": put a space after the colon: - name: "[draft] notes"`},
		{"a list", "v:\n  - name:[EHS]", keys, `f.md:5:5: "name:[EHS]": put a space after the colon: - name: [EHS]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, "f.md", tt.src+"\n", 4)
			v := value(t, d, "v")
			var errs diag.List
			for _, c := range v.Content {
				if e := d.NoSpace(c, tt.keys); e != nil {
					errs.Add(e)
				}
			}
			if have := errText(errs.Err()); have != tt.want {
				t.Errorf("%s\nhave error %q\nwant error %q", tt.src, have, tt.want)
			}
		})
	}
}
