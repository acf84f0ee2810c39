package frontmatter

import (
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"rollout/internal/diag"
	"rollout/internal/schedule"
)

func TestFrontMatterErrors(t *testing.T) {
	known := "known keys are " + strings.Join(metaKeyNames, ", ")
	tests := []struct{ name, src, want string }{
		{"empty file", "", "p.md:1: the file is empty; a page starts with front matter:\n---\ntitle: Page title\n---\nand then its text in Markdown"},
		{"no front matter", "# Title\n\nText.\n", "p.md:1: the page has no front matter; start the file with three lines:\n---\ntitle: Page title\n---"},
		{"unclosed yaml", "\n---\ntitle: A\n\nText.\n", "p.md:2: the front matter that starts here is never closed; add a line with --- after its last key"},
		{"unclosed toml", "+++\ntitle = 'A'\n", "p.md:1: the front matter that starts here is never closed; add a line with +++ after its last key"},
		{"missing title", "---\ndescription: x\n---\n", `p.md:1: the page has no title; add a line "title: ..." to its front matter`},
		{"toml missing title", "+++\ndescription = 'x'\n+++\n", `p.md:1: the page has no title; add a line "title = '...'" to its front matter`},
		{"blank title", "---\ntitle: '  '\n---\n", `p.md:1: the page has no title; add a line "title: ..." to its front matter`},
		{"empty front matter", "---\n---\nText\n", "p.md:1: the front matter is empty; it needs at least a title (title: Page title)"},
		{"misspelt key", "---\ntitle: A\nwieght: 3\n---\n", `p.md:3:1: unknown key "wieght" in front matter; did you mean "weight"?`},
		{"unknown key far from all", "---\ntitle: A\nzzzzzzzzzz: 3\n---\n", `p.md:3:1: unknown key "zzzzzzzzzz" in front matter; ` + known},
		{"site setting on another page", "---\ntitle: A\ncontact: a@b.org\n---\n", "p.md:3:10: contact is a setting of the whole site; set it in content/_index.md"},
		{"toml site setting on another page", "+++\ntitle = 'A'\ncname = 'x.org'\n+++\n", "p.md:3: cname is a setting of the whole site; set it in content/_index.md"},
		{"duplicate key", "---\ntitle: A\ntitle: B\n---\n", `p.md:3:1: "title" is given twice (first on line 2); keep one`},
		{"duplicate unknown key", "---\ntitle: A\nfoo: 1\nfoo: 2\n---\n", "p.md:3:1: unknown key \"foo\" in front matter; " + known + "\np.md:4:1: \"foo\" is given twice (first on line 3); keep one"},
		{"wrong type", "---\ntitle: A\nweight: heavy\n---\n", `p.md:3:9: weight must be a whole number, like 10, not "heavy"`},
		{"quoted number", "---\ntitle: A\nweight: '3'\n---\n", `p.md:3:9: weight must be a whole number, like 10, not "3"`},
		{"number as a list", "---\ntitle: A\nweight: [1]\n---\n", `p.md:3:9: weight must be a whole number, like 10, not a list`},
		{"bad draft", "---\ntitle: A\ndraft: yes\n---\n", `p.md:3:8: draft must be true or false, not "yes"`},
		{"bad date", "---\ntitle: A\ndate: 31/01/2018\n---\n", `p.md:3:7: date: "31/01/2018" is not a date written YYYY-MM-DD, like 2018-01-31`},
		{"colon in title on first line", "---\ntitle: Training: what to expect\n---\n", `p.md:2: the value of "title" contains ": " (a colon and a space); put the whole value in quotes: title: "Training: what to expect"`},
		{"colon after blank lines", "\n\n---\ndescription: x\ntitle: a: b\n---\n", `p.md:5: the value of "title" contains ": " (a colon and a space); put the whole value in quotes: title: "a: b"`},
		{"tab indentation", "---\ntitle: A\n\tweight: 1\n---\n", "p.md:3: a tab is used for indentation here; indent with spaces only"},
		{"title is a list", "---\ntitle: [a, b]\n---\n", "p.md:2:8: title must be a single line of text"},
		{"not a mapping", "---\n- a\n---\n", `p.md:2:1: front matter must be a set of "key: value" lines`},
		{"toml syntax", "+++\ntitle = 'A'\nweight = \n+++\n", "p.md:3: expected value but found '\\n' instead"},
		{"toml unknown key", "+++\ntitle = 'A'\nlayotu = 'x'\n+++\n", `p.md:3: unknown key "layotu" in front matter; did you mean "layout"?`},
		// Was "weight must be a whole number, like 10": now the value too, as in YAML.
		{"toml wrong type", "+++\ntitle = 'A'\nweight = 'heavy'\n+++\n", `p.md:3: weight must be a whole number, like 10, not "heavy"`},
		{"toml number as text", "+++\ntitle = 3\n+++\n", `p.md:2: title must be text in quotes, like title = "3"`},
		// Was package toml's "Key 'title' has already been defined.".
		{"toml duplicate key", "+++\ntitle = 'A'\ntitle = 'B'\n+++\n", `p.md:3: "title" is given twice (first on line 2); keep one`},
		{"toml duplicate in an inline table", "+++\ntitle = 'A'\nx = {a = 1, a = 2}\n+++\n", `p.md:3: "x.a" is given twice; keep one`},
		{"all problems at once", "---\ntitel: A\nweight: x\ndraft: 2\n---\n",
			"p.md:2:1: unknown key \"titel\" in front matter; did you mean \"title\"?\np.md:3:9: weight must be a whole number, like 10, not \"x\"\np.md:4:8: draft must be true or false, not \"2\""},
		{"toml all problems at once", "+++\ntitel = 'A'\nweight = 'x'\ndraft = 2\n+++\n",
			"p.md:2: unknown key \"titel\" in front matter; did you mean \"title\"?\np.md:3: weight must be a whole number, like 10, not \"x\"\np.md:4: draft must be true or false, not \"2\""},
		// The line of a key is where package toml read it, never a line
		// inside a string that looks like it.
		{"toml key after a multi-line string", "+++\ntitle = 'A'\ndescription = \"\"\"\nwieght = 3\n\"\"\"\nwieght = 4\n+++\n",
			`p.md:6: unknown key "wieght" in front matter; did you mean "weight"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := Parse("p.md", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; want\n%s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("have error\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}

// TOML tables ([params]) and dotted keys (params.x = 1) are keys whose
// value is a set of keys, like a YAML mapping: reported at their line, as
// an unknown key or as a set of keys where the key wants a value.
func TestFrontMatterTOMLTables(t *testing.T) {
	known := "known keys are " + strings.Join(metaKeyNames, ", ")
	tests := []struct{ name, toml, want string }{
		{"dotted unknown key", "title = 'A'\nfoo.bar = 1", `p.md:3: unknown key "foo" in front matter; ` + known},
		{"dotted misspelt key", "title = 'A'\ntitel.x = 1", `p.md:3: unknown key "titel" in front matter; did you mean "title"?`},
		{"dotted known key", "title.x = 1", "p.md:2: title must be a single line of text"},
		{"deeply dotted known key", "title = 'A'\n\nmenu.main.weight = 3", "p.md:4: menu must be a single line of text"},
		{"dotted number", "title = 'A'\nweight.x = 3", "p.md:3: weight must be a whole number, like 10, not a set of keys"},
		{"one problem for many dotted keys", "title = 'A'\nfoo.a = 1\nfoo.b = 2", `p.md:3: unknown key "foo" in front matter; ` + known},
		{"unknown table", "title = 'A'\n[params]\nauthor = 'x'", `p.md:3: unknown key "params" in front matter; ` + known},
		{"table for text", "title = 'A'\n[menu]\nmain = 'x'\nweight = 3", "p.md:3: menu must be a single line of text"},
		{"table of tables", "title = 'A'\n[params.x]\ny = 1", `p.md:3: unknown key "params" in front matter; ` + known},
		{"array of tables", "title = 'A'\n[[menu]]\nmain = 'x'", "p.md:3: menu must be a single line of text"},
		{"inline table", "title = 'A'\nmenu = {main = 'x'}", "p.md:3: menu must be a single line of text"},
		{"site setting as a table", "title = 'A'\n[contact]\nx = 1", "p.md:3: contact is a setting of the whole site; set it in content/_index.md"},
		{"table given twice", "title = 'A'\n[params]\n[params]", `p.md:4: "params" is given twice (first on line 3); keep one`},
		{"text then dotted", "title = 'A'\nmenu = 'x'\nmenu.y = 1", `p.md:4: "menu" is given twice (first on line 3); keep one`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := Parse("p.md", []byte("+++\n"+tt.toml+"\n+++\n"))
			if err == nil || err.Error() != tt.want {
				t.Errorf("have error\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}

// The same mistake gives the same message, at the same line, in both
// syntaxes. (YAML also gives the column.)
func TestFrontMatterSameInBothSyntaxes(t *testing.T) {
	known := "known keys are " + strings.Join(metaKeyNames, ", ")
	tests := []struct {
		name, path, yaml, toml, want string
	}{
		{"unknown key", "p.md", "title: A\nwieght: 3", "title = 'A'\nwieght = 3", `p.md:3: unknown key "wieght" in front matter; did you mean "weight"?`},
		{"shortened key", "p.md", "title: A\ndesc: x", "title = 'A'\ndesc = 'x'", `p.md:3: unknown key "desc" in front matter; did you mean "description"?`},
		{"key in capitals", "p.md", "Title: A", "Title = 'A'", `p.md:2: unknown key "Title" in front matter; did you mean "title"?`},
		{"unknown key far from all", "p.md", "title: A\nzzzzzzzzzz: 3", "title = 'A'\nzzzzzzzzzz = 3", `p.md:3: unknown key "zzzzzzzzzz" in front matter; ` + known},
		{"key given twice", "p.md", "title: A\nweight: 1\ntitle: B", "title = 'A'\nweight = 1\ntitle = 'B'", `p.md:4: "title" is given twice (first on line 2); keep one`},
		{"no title", "p.md", "weight: 1", "weight = 1", ""}, // the hint is in each syntax
		{"title as a list", "p.md", "title: [a, b]", "title = ['a', 'b']", "p.md:2: title must be a single line of text"},
		{"title as a set of keys", "p.md", "title: {x: 1}", "title = {x = 1}", "p.md:2: title must be a single line of text"},
		{"weight as text", "p.md", "title: A\nweight: heavy", "title = 'A'\nweight = 'heavy'", `p.md:3: weight must be a whole number, like 10, not "heavy"`},
		{"weight quoted", "p.md", "title: A\nweight: \"10\"", "title = 'A'\nweight = \"10\"", `p.md:3: weight must be a whole number, like 10, not "10"`},
		{"weight with a fraction", "p.md", "title: A\nweight: 1.5", "title = 'A'\nweight = 1.5", `p.md:3: weight must be a whole number, like 10, not "1.5"`},
		{"weight true", "p.md", "title: A\nweight: true", "title = 'A'\nweight = true", `p.md:3: weight must be a whole number, like 10, not "true"`},
		{"weight as a list", "p.md", "title: A\nweight: [1]", "title = 'A'\nweight = [1]", "p.md:3: weight must be a whole number, like 10, not a list"},
		{"weight as a set of keys", "p.md", "title: A\nweight: {a: 1}", "title = 'A'\nweight = {a = 1}", "p.md:3: weight must be a whole number, like 10, not a set of keys"},
		{"draft yes", "p.md", "title: A\ndraft: yes", "title = 'A'\ndraft = 'yes'", `p.md:3: draft must be true or false, not "yes"`},
		{"draft quoted", "p.md", "title: A\ndraft: 'true'", "title = 'A'\ndraft = 'true'", `p.md:3: draft must be true or false, not "true"`},
		{"draft number", "p.md", "title: A\ndraft: 1", "title = 'A'\ndraft = 1", `p.md:3: draft must be true or false, not "1"`},
		{"date in another order", "p.md", "title: A\ndate: 31/01/2018", "title = 'A'\ndate = '31/01/2018'", `p.md:3: date: "31/01/2018" is not a date written YYYY-MM-DD, like 2018-01-31`},
		{"date with a time", "p.md", "title: A\ndate: 2018-01-31T10:00:00Z", "title = 'A'\ndate = 2018-01-31T10:00:00Z", `p.md:3: date: "2018-01-31T10:00:00Z" is not a date written YYYY-MM-DD, like 2018-01-31`},
		{"date not a day", "p.md", "title: A\ndate: 2018-02-30", "title = 'A'\ndate = '2018-02-30'", `p.md:3: date: day 30 of February 2018 does not exist; February 2018 has 28 days`},
		{"date number", "p.md", "title: A\ndate: 2018", "title = 'A'\ndate = 2018", `p.md:3: date: "2018" is not a date written YYYY-MM-DD, like 2018-01-31`},
		{"date as a list", "p.md", "title: A\ndate: [2018-01-31]", "title = 'A'\ndate = [2018-01-31]", "p.md:3: date must be a single line of text"},
		{"layout as a list", "p.md", "title: A\nlayout: [page]", "title = 'A'\nlayout = ['page']", "p.md:3: layout must be a single line of text"},
		{"site setting elsewhere", "p.md", "title: A\nbaseURL: /x/", "title = 'A'\nbaseURL = '/x/'", "p.md:3: baseURL is a setting of the whole site; set it in content/_index.md"},
		{"contact not an address", "content/_index.md", "title: A\ncontact: training at mit", "title = 'A'\ncontact = 'training at mit'", `content/_index.md:3: contact: "training at mit" is not an e-mail address like training@mit.edu`},
		{"cname with a scheme", "content/_index.md", "title: A\ncname: https://x.org/", "title = 'A'\ncname = 'https://x.org/'", `content/_index.md:3: cname: "https://x.org/" is not a domain name like training.example.edu`},
		{"image without a slash", "p.md", "title: A\nimage: files/a.png\nimageAlt: x", "title = 'A'\nimage = 'files/a.png'\nimageAlt = 'x'", `p.md:3: image: "files/a.png" must be the address of a file in static/, starting with /, such as /files/faq.png for static/files/faq.png`},
		{"image on another site", "p.md", "title: A\nimage: https://x.org/a.png\nimageAlt: x", "title = 'A'\nimage = 'https://x.org/a.png'\nimageAlt = 'x'", `p.md:3: image: "https://x.org/a.png" must be the address of a file in static/, starting with /, such as /files/faq.png for static/files/faq.png`},
		{"image out of static", "p.md", "title: A\nimage: /../a.png\nimageAlt: x", "title = 'A'\nimage = '/../a.png'\nimageAlt = 'x'", `p.md:3: image: "/../a.png" is not the name of a file in static/; write its address as /files/faq.png for static/files/faq.png`},
		{"image not a picture", "p.md", "title: A\nimage: /files/a.svg\nimageAlt: x", "title = 'A'\nimage = '/files/a.svg'\nimageAlt = 'x'", `p.md:3: image: "/files/a.svg" is not a PNG or JPEG picture (.png, .jpg), which every link preview can show`},
		{"image without its text", "p.md", "title: A\nimage: /files/a.png", "title = 'A'\nimage = '/files/a.png'", "p.md:3: the page sets image but not imageAlt"}, // at the image line; the hint is in each syntax
		{"baseURL relative", "content/_index.md", "title: A\nbaseURL: repo/", "title = 'A'\nbaseURL = 'repo/'", `content/_index.md:3: baseURL: base URL "repo/" must be a path such as /repo/ or an http(s) URL such as https://example.org/repo/`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { sameInBothSyntaxes(t, tt.path, tt.yaml, tt.toml, tt.want) })
	}
}

// sameInBothSyntaxes checks that the front matter yaml and toml of the
// page at path both fail with the same message, and that it is want
// (unless want is "").
func sameInBothSyntaxes(t *testing.T, path, yaml, toml, want string) {
	t.Helper()
	_, _, _, yerr := Parse(path, []byte("---\n"+yaml+"\n---\n"))
	_, _, _, terr := Parse(path, []byte("+++\n"+toml+"\n+++\n"))
	if yerr == nil || terr == nil {
		t.Fatalf("have errors %v and %v; want both", yerr, terr)
	}
	y, tm := withoutColumns(yerr), withoutColumns(terr)
	if y != tm {
		t.Errorf("YAML and TOML differ:\n%s\n%s", y, tm)
	}
	if want != "" && y != want {
		t.Errorf("have error\n%s\nwant\n%s", y, want)
	}
}

// withoutColumns is err's problems as path:line: message, with a sample
// of what to write in TOML given as YAML writes it.
func withoutColumns(err error) string {
	var lines []string
	var l diag.List
	l.Add(err)
	for _, e := range l {
		var de *diag.Error
		if !errors.As(e, &de) {
			lines = append(lines, e.Error())
			continue
		}
		c := *de
		c.Col = 0
		if strings.HasPrefix(c.Msg, "the page has no ") || strings.HasPrefix(c.Msg, "the page sets ") {
			c.Msg, _, _ = strings.Cut(c.Msg, ";")
		}
		c.Msg = tomlSamples.Replace(c.Msg)
		lines = append(lines, c.Error())
	}
	return strings.Join(lines, "\n")
}

// tomlSamples turns the samples of messages from TOML into YAML.
var tomlSamples = strings.NewReplacer(languagesTOML, languagesYAML, languageTOML, languageYAML)

// Every key of the schema, with its type's sample value, is accepted by
// both syntaxes, lands in a field of Meta of its own, and gives the same
// Meta either way: a key declared only in metaKeys needs nothing more.
func TestMetaKeysInBothSyntaxes(t *testing.T) {
	filled := map[string]string{} // Meta field → the key that fills it
	for _, k := range metaKeys {
		t.Run(k.name, func(t *testing.T) {
			path := "p.md"
			if k.home {
				path = "content/_index.md"
			}
			sample := k.value.kind.sample
			tomlSample := sample
			switch {
			case k.value.kind.tomlSample != "":
				tomlSample = k.value.kind.tomlSample
			case k.value.kind.quoted:
				tomlSample = strconv.Quote(sample)
			}
			yamlSrc, tomlSrc := "---\n", "+++\n"
			if k.name != "title" {
				yamlSrc, tomlSrc = yamlSrc+"title: T\n", tomlSrc+"title = 'T'\n"
			}
			if k.needs != "" { // the key it needs, with another text than the sample
				yamlSrc, tomlSrc = yamlSrc+k.needs+": N\n", tomlSrc+k.needs+" = 'N'\n"
			}
			yamlSrc += fmt.Sprintf("%s: %s\n---\nBody\n", k.name, sample)
			tomlSrc += fmt.Sprintf("%s = %s\n+++\nBody\n", k.name, tomlSample)

			ym, _, _, err := Parse(path, []byte(yamlSrc))
			if err != nil {
				t.Fatalf("YAML %q: %v", yamlSrc, err)
			}
			tm, _, _, err := Parse(path, []byte(tomlSrc))
			if err != nil {
				t.Fatalf("TOML %q: %v", tomlSrc, err)
			}
			if !reflect.DeepEqual(ym, tm) {
				t.Errorf("%s (a %s): YAML gives %+v\nTOML gives %+v", k.name, k.value.kind.name, ym, tm)
			}

			// Exactly one field of Meta, besides the title, holds the sample.
			var changed []string
			without := Meta{Title: "T"} // the Meta of the other keys alone
			if k.needs != "" {
				without, _, _, _ = Parse(path, []byte("---\ntitle: T\n"+k.needs+": N\n---\n"))
			}
			mv, base := reflect.ValueOf(ym), reflect.ValueOf(without)
			for i := range mv.NumField() {
				if !reflect.DeepEqual(mv.Field(i).Interface(), base.Field(i).Interface()) {
					changed = append(changed, mv.Type().Field(i).Name)
				}
			}
			if len(changed) != 1 {
				t.Fatalf("%s = %s (a %s) sets %v of Meta; want one field", k.name, sample, k.value.kind.name, changed)
			}
			if other, ok := filled[changed[0]]; ok {
				t.Errorf("%s and %s both go to Meta.%s", other, k.name, changed[0])
			}
			filled[changed[0]] = k.name
			if k.value.blank(&ym) {
				t.Errorf("blank reports %s = %s as unset", k.name, sample)
			}

			// Only the home page may set a site setting, in either syntax.
			if k.home {
				want := "p.md:2: " + k.name + " is a setting of the whole site; set it in content/_index.md"
				for _, src := range []string{"---\n" + k.name + ": " + sample + "\n---\n", "+++\n" + k.name + " = " + tomlSample + "\n+++\n"} {
					if _, _, _, err := Parse("p.md", []byte(src)); err == nil || withoutColumns(err) != want {
						t.Errorf("%q on another page: have %v, want %s", src, err, want)
					}
				}
			}

			// A list of numbers and a set of keys are no key's value,
			// and both syntaxes say so alike.
			for _, v := range [][2]string{{"[1, 2]", "[1, 2]"}, {"{a: 1}", "{a = 1}"}} {
				_, _, _, yerr := Parse(path, []byte("---\n"+k.name+": "+v[0]+"\n---\n"))
				_, _, _, terr := Parse(path, []byte("+++\n"+k.name+" = "+v[1]+"\n+++\n"))
				if yerr == nil || terr == nil || withoutColumns(yerr) != withoutColumns(terr) {
					t.Errorf("%s = %s: YAML gives %v, TOML gives %v", k.name, v[0], yerr, terr)
				}
			}
		})
	}
	if n := reflect.TypeFor[Meta]().NumField(); len(filled) != n {
		t.Errorf("metaKeys fill %d of Meta's %d fields: %v", len(filled), n, filled)
	}
}

// README.md's key tables give each key the meaning that metaKeys does.
func TestMetaKeysInREADME(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, k := range metaKeys {
		row := fmt.Sprintf("| `%s` | %s |", k.name, k.doc)
		if !strings.Contains(readme, row) {
			t.Errorf("README.md has no row\n%s", row)
		}
	}
}

// A page with many problems reports the first ones, and says that more follow.
func TestFrontMatterManyProblems(t *testing.T) {
	for _, fence := range []string{"---", "+++"} {
		t.Run(fence, func(t *testing.T) {
			var b strings.Builder
			b.WriteString(fence + "\n")
			for i := range 3 * maxMetaProblems {
				if fence == "---" {
					fmt.Fprintf(&b, "zz%d: 1\n", i)
				} else {
					fmt.Fprintf(&b, "zz%d = 1\n", i)
				}
			}
			b.WriteString(fence + "\n")
			_, _, _, err := Parse("p.md", []byte(b.String()))
			var l diag.List
			l.Add(err)
			if len(l) != maxMetaProblems+1 {
				t.Fatalf("have %d problems, want %d", len(l), maxMetaProblems+1)
			}
			last := withoutColumns(l[len(l)-1])
			want := fmt.Sprintf("p.md:%d: the front matter has more problems from here on; fix the ones above first", maxMetaProblems+2)
			if last != want {
				t.Errorf("have last problem\n%s\nwant\n%s", last, want)
			}
		})
	}
}

func TestHomeSettings(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"yaml", "---\ntitle: H\nbaseURL: https://org.github.io/repo/\ncname: training.example.edu\ncontact: training@mit.edu\n---\n", ""},
		{"toml", "+++\ntitle = 'H'\nbaseURL = 'https://org.github.io/repo/'\ncname = 'training.example.edu'\ncontact = 'training@mit.edu'\n+++\n", ""},
		// These were at the front matter's first line; now at the value.
		{"bad baseURL", "---\ntitle: H\nbaseURL: repo/\n---\n", `content/_index.md:3:10: baseURL: base URL "repo/" must be a path such as /repo/ or an http(s) URL such as https://example.org/repo/`},
		{"bad contact", "---\ntitle: H\ncontact: training at mit\n---\n", `content/_index.md:3:10: contact: "training at mit" is not an e-mail address like training@mit.edu`},
		{"bad cname", "---\ntitle: H\ncname: https://x.org/\n---\n", `content/_index.md:3:8: cname: "https://x.org/" is not a domain name like training.example.edu`},
		{"toml bad cname", "+++\ntitle = 'H'\ncname = 'https://x.org/'\n+++\n", `content/_index.md:3: cname: "https://x.org/" is not a domain name like training.example.edu`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, _, err := Parse("content/_index.md", []byte(tt.src))
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("have error %v", err)
			case tt.want == "" && (m.BaseURL != "https://org.github.io/repo/" || m.CNAME != "training.example.edu" || m.Contact != "training@mit.edu"):
				t.Errorf("have settings %+v", m)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Errorf("have error %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestFrontMatter(t *testing.T) {
	date, _ := schedule.ParseDate("2018-01-31")
	want := Meta{Title: "NO", Description: "0755", Weight: 3, Draft: true, Date: date, Layout: "page", Menu: "FAQ"}
	tests := []struct{ name, src string }{
		{"yaml", "---\ntitle: NO\ndescription: 0755\nweight: 3\ndraft: true\ndate: 2018-01-31\nlayout: page\nmenu: FAQ\n---\n\nBody\nmore\n"},
		{"toml", "+++\ntitle = 'NO'\ndescription = \"0755\"\nweight = 3\ndraft = true\ndate = 2018-01-31\nlayout = 'page'\nmenu = 'FAQ'\n+++\n\nBody\nmore\n"},
		{"toml date as text", "+++\ntitle = 'NO'\ndescription = \"0755\"\nweight = 3\ndraft = true\ndate = '2018-01-31'\nlayout = 'page'\nmenu = 'FAQ'\n+++\n\nBody\nmore\n"},
		{"toml quoted keys", "+++\n\"title\" = 'NO'\n'description' = \"0755\"\nweight = 3\ndraft = true\ndate = 2018-01-31\nlayout = 'page'\nmenu = 'FAQ'\n+++\n\nBody\nmore\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, body, line, err := Parse("p.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m, want) {
				t.Errorf("have %+v\nwant %+v", m, want)
			}
			if string(body) != "\nBody\nmore\n" || line != 10 {
				t.Errorf("body %q at line %d, want %q at line 10", body, line, "\nBody\nmore\n")
			}
		})
	}
}

// BenchmarkFrontMatterTOML is BenchmarkPage/frontmatter with TOML front matter.
func BenchmarkFrontMatterTOML(b *testing.B) {
	src := []byte("+++\ntitle = \"Questions, part 1\"\ndescription = \"Answers about the rollout, part 1.\"\nweight = 1\n+++\n\nThese questions cover part 1 of the rollout.\n")
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, _, _, err := Parse("p.md", src); err != nil {
			b.Fatal(err)
		}
	}
}
