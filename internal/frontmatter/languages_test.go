package frontmatter

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"rollout/internal/diag"
)

// The home page lists the site's languages, the default first, as a list
// of entries with a code and a name: in YAML, in a block or on one line;
// in TOML, as [[languages]] tables or as a list of inline tables. Each
// language has the line of its entry ([[languages]] is the header's).
func TestLanguages(t *testing.T) {
	tests := []struct {
		name, src string
		want      []Language
	}{
		{"yaml", "---\ntitle: H\nlanguages:\n  - code: en\n    name: English\n  - code: es\n    name: Español\n---\n",
			[]Language{{"en", "English", 4}, {"es", "Español", 6}}},
		{"yaml on one line", "---\ntitle: H\nlanguages: [{code: pt-br, name: Português}, {name: English, code: en}]\n---\n",
			[]Language{{"pt-br", "Português", 3}, {"en", "English", 3}}},
		{"yaml with quotes and comments", "---\ntitle: H\n# the default first\nlanguages:\n  - code: \"en\" # the default\n    name: 'English'\n\n  -\n    code: es\n    name: Español\n---\n",
			[]Language{{"en", "English", 5}, {"es", "Español", 9}}},
		{"toml tables", "+++\ntitle = 'H'\n\n[[languages]]\ncode = 'en'\nname = 'English'\n\n[[languages]]\ncode = \"es\"\nname = \"Español\"\n+++\n",
			[]Language{{"en", "English", 4}, {"es", "Español", 8}}},
		{"toml list", "+++\ntitle = 'H'\nlanguages = [{code = 'en', name = 'English'}, {code = 'es', name = 'Español'}]\n+++\n",
			[]Language{{"en", "English", 3}, {"es", "Español", 3}}},
		{"toml list over lines", "+++\ntitle = 'H'\nlanguages = [\n  # the default first\n  {code = 'en', name = 'English'},\n\n  {code = 'es', name = 'Español'}, # [ and { in a comment\n]\n+++\n",
			[]Language{{"en", "English", 5}, {"es", "Español", 7}}},
		{"toml with brackets in strings", "+++\ntitle = '[{'\ndescription = \"\"\"\n[[languages]]\n\"\"\"\nlanguages = [\n  {code = 'en', name = \"En [x] {y}\"},\n  {'code' = 'es', \"name\" = '''Es\"'''},\n]\n+++\n",
			[]Language{{"en", "En [x] {y}", 7}, {"es", "Es\"", 8}}},
		{"toml tables written otherwise", "+++\ntitle = 'H'\n[[ languages ]] # the default\n  code = 'en'\n  name = 'English' # [x]\n[[ \"languages\" ]]\n'code' = 'es'\n\"name\" = 'Español'\n+++\n",
			[]Language{{"en", "English", 3}, {"es", "Español", 6}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _, _, err := Parse("content/_index.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m.Languages, tt.want) {
				t.Errorf("have %+v\nwant %+v", m.Languages, tt.want)
			}
		})
	}
}

// Each mistake in the languages is reported at the line of the entry or
// key it is about, in the same words in both syntaxes; a sample of what
// to write is in the file's own syntax (here, YAML's). YAML also gives the
// column.
func TestLanguagesErrors(t *testing.T) {
	const (
		list = "like [{code: en, name: English}, {code: es, name: Español}]"
		one  = "like {code: en, name: English}"
	)
	tests := []struct {
		name, path, yaml, toml, want string
	}{
		{"text", "content/_index.md",
			"title: H\nlanguages: en",
			"title = 'H'\nlanguages = 'en'",
			`content/_index.md:3: languages must be a list of languages, each with a code and a name, ` + list + `, not "en"`},
		{"a set of keys", "content/_index.md",
			"title: H\nlanguages: {code: en, name: English}",
			"title = 'H'\nlanguages = {code = 'en', name = 'English'}",
			`content/_index.md:3: languages must be a list of languages, each with a code and a name, ` + list + `, not a set of keys`},
		{"empty", "content/_index.md",
			"title: H\nlanguages: []",
			"title = 'H'\nlanguages = []",
			`content/_index.md:3: languages is an empty list; list the site's languages, the default first, ` + list + `, or remove languages`},
		{"codes alone", "content/_index.md",
			"title: H\nlanguages:\n  - en\n  - [es]",
			"title = 'H'\nlanguages = [\n  'en',\n  ['es'],\n]",
			"content/_index.md:4: each language must be written with its code and name, " + one + ", not \"en\"\n" +
				"content/_index.md:5: each language must be written with its code and name, " + one + ", not a list"},
		{"no code", "content/_index.md",
			"title: H\nlanguages:\n  - {code: en, name: English}\n  - {name: Español}",
			"title = 'H'\nlanguages = [\n  {code = 'en', name = 'English'},\n  {name = 'Español'},\n]",
			"content/_index.md:5: this language has no code; add one, such as en, es or pt-br"},
		{"empty code", "content/_index.md",
			"title: H\nlanguages: [{code: '', name: English}]",
			"title = 'H'\nlanguages = [{code = '', name = 'English'}]",
			"content/_index.md:3: this language has no code; add one, such as en, es or pt-br"},
		{"no name", "content/_index.md",
			"title: H\nlanguages: [{code: en}]",
			"title = 'H'\nlanguages = [{code = 'en'}]",
			"content/_index.md:3: this language has no name; add the name its readers know it by, such as English or Español"},
		{"misspelt key", "content/_index.md",
			"title: H\nlanguages:\n  - {code: en, name: English}\n  - {code: es, nmae: Español}",
			"title = 'H'\nlanguages = [\n  {code = 'en', name = 'English'},\n  {code = 'es', nmae = 'Español'},\n]",
			"content/_index.md:5: this language has no name; add the name its readers know it by, such as English or Español\n" +
				`content/_index.md:5: unknown key "nmae" in a language; did you mean "name"?`},
		{"another key", "content/_index.md",
			"title: H\nlanguages: [{code: en, name: English, flag: uk}]",
			"title = 'H'\nlanguages = [{code = 'en', name = 'English', flag = 'uk'}]",
			`content/_index.md:3: unknown key "flag" in a language; known keys are code, name`},
		{"code in capitals", "content/_index.md",
			"title: H\nlanguages: [{code: EN, name: English}]",
			"title = 'H'\nlanguages = [{code = 'EN', name = 'English'}]",
			`content/_index.md:3: code "EN" is not a language code such as en, es or pt-br; did you mean "en"?`},
		{"code with _", "content/_index.md",
			"title: H\nlanguages: [{code: en_US, name: English}]",
			"title = 'H'\nlanguages = [{code = 'en_US', name = 'English'}]",
			`content/_index.md:3: code "en_US" is not a language code such as en, es or pt-br; did you mean "en-us"?`},
		{"a name for a code", "content/_index.md",
			"title: H\nlanguages: [{code: English, name: English}]",
			"title = 'H'\nlanguages = [{code = 'English', name = 'English'}]",
			`content/_index.md:3: code "English" is not a language code such as en, es or pt-br`},
		{"not a code", "content/_index.md",
			"title: H\nlanguages: [{code: e, name: English}]",
			"title = 'H'\nlanguages = [{code = 'e', name = 'English'}]",
			`content/_index.md:3: code "e" is not a language code such as en, es or pt-br`},
		{"code as a list", "content/_index.md",
			"title: H\nlanguages: [{code: [en], name: English}]",
			"title = 'H'\nlanguages = [{code = ['en'], name = 'English'}]",
			"content/_index.md:3: code must be a single line of text"},
		{"code given twice", "content/_index.md",
			"title: H\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n  - {code: en, name: Inglés}",
			"title = 'H'\nlanguages = [\n  {code = 'en', name = 'English'},\n  {code = 'es', name = 'Español'},\n  {code = 'en', name = 'Inglés'},\n]",
			`content/_index.md:6: code "en" is given twice (first on line 4); list each language once`},
		{"key given twice in a language", "content/_index.md",
			"title: H\nlanguages: [{code: en, name: English, code: es}]",
			"title = 'H'\nlanguages = [{code = 'en', name = 'English', code = 'es'}]",
			`content/_index.md:3: "languages.code" is given twice; keep one`},
		{"a long key", "content/_index.md",
			"title: H\nlanguages:\n  - code: en\n    name: English\n    " + strings.Repeat("a", 200) + ": 1",
			"title = 'H'\n[[languages]]\ncode = 'en'\nname = 'English'\n" + strings.Repeat("a", 200) + " = 1",
			`content/_index.md:6: unknown key "` + strings.Repeat("a", maxNameShown) + `..." in a language; known keys are code, name`},
		{"elsewhere", "p.md",
			"title: A\nlanguages: [{code: en, name: English}]",
			"title = 'A'\nlanguages = [{code = 'en', name = 'English'}]",
			"p.md:3: languages is a setting of the whole site; set it in content/_index.md"},
		{"wrong elsewhere", "p.md",
			"title: A\nlanguages: EN",
			"title = 'A'\nlanguages = 'EN'",
			"p.md:3: languages is a setting of the whole site; set it in content/_index.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { sameInBothSyntaxes(t, tt.path, tt.yaml, tt.toml, tt.want) })
	}
}

// Messages as each syntax gives them: YAML with columns and its own
// checks of text, TOML with its samples, its literals and its tables.
func TestLanguagesErrorsInOneSyntax(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"yaml not a list", "---\ntitle: H\nlanguages: en\n---\n",
			`content/_index.md:3:12: languages must be a list of languages, each with a code and a name, like [{code: en, name: English}, {code: es, name: Español}], not "en"`},
		{"yaml nothing", "---\ntitle: H\nlanguages:\n---\n",
			`content/_index.md:3:11: languages is an empty list; list the site's languages, the default first, like [{code: en, name: English}, {code: es, name: Español}], or remove languages`},
		{"yaml block", "---\ntitle: H\nlanguages:\n  - code: EN\n    name: English\n  - name: Español\n  - code: en\n    nmae: Inglés\n---\n",
			`content/_index.md:4:11: code "EN" is not a language code such as en, es or pt-br; did you mean "en"?` + "\n" +
				"content/_index.md:6:5: this language has no code; add one, such as en, es or pt-br\n" +
				"content/_index.md:7:5: this language has no name; add the name its readers know it by, such as English or Español\n" +
				`content/_index.md:8:5: unknown key "nmae" in a language; did you mean "name"?`},
		{"yaml code given twice", "---\ntitle: H\nlanguages:\n  - code: en\n    name: English\n  - name: Inglés\n    code: en\n---\n",
			`content/_index.md:7:11: code "en" is given twice (first on line 4); list each language once`},
		{"yaml key given twice", "---\ntitle: H\nlanguages:\n  - code: en\n    name: English\n    code: es\n---\n",
			`content/_index.md:6:5: "languages.code" is given twice (first on line 4); keep one`},
		{"yaml # in a name", "---\ntitle: H\nlanguages:\n  - code: en\n    name: English # the default\n---\n",
			`content/_index.md:5:11: the name stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the name, put it in quotes: name: "English # the default"; to keep a comment, put it on its own line`},
		{"yaml name on two lines", "---\ntitle: H\nlanguages:\n  - code: pt-br\n    name: Português\n      do Brasil\n---\n",
			`content/_index.md:6: this line continues the name on line 5 ("Português"), because it is indented further; write the name on one line, or start this line at the same indentation as line 5`},
		{"yaml elsewhere", "---\ntitle: A\nlanguages:\n  - code: en\n    name: English\n---\n",
			"p.md:4:3: languages is a setting of the whole site; set it in content/_index.md"},
		{"toml not a list", "+++\ntitle = 'H'\nlanguages = 'en'\n+++\n",
			`content/_index.md:3: languages must be a list of languages, each with a code and a name, like [{code = "en", name = "English"}, {code = "es", name = "Español"}], not "en"`},
		{"toml table", "+++\ntitle = 'H'\n[languages]\ncode = 'en'\nname = 'English'\n+++\n",
			`content/_index.md:3: languages must be a list of languages, each with a code and a name, like [{code = "en", name = "English"}, {code = "es", name = "Español"}], not a set of keys`},
		{"toml code alone", "+++\ntitle = 'H'\nlanguages = ['en']\n+++\n",
			`content/_index.md:3: each language must be written with its code and name, like {code = "en", name = "English"}, not "en"`},
		{"toml number", "+++\ntitle = 'H'\n[[languages]]\ncode = 1\nname = 'English'\n+++\n",
			`content/_index.md:4: code must be text in quotes, like code = "1"`},
		{"toml tables", "+++\ntitle = 'H'\n\n[[languages]]\ncode = 'en'\nname = 'English'\n\n[[languages]]\nname = 'Español'\n\n[[languages]]\ncode = 'EN'\nnmae = 'Inglés'\n[languages.x]\ny = 1\n+++\n",
			"content/_index.md:8: this language has no code; add one, such as en, es or pt-br\n" +
				"content/_index.md:11: this language has no name; add the name its readers know it by, such as English or Español\n" +
				`content/_index.md:12: code "EN" is not a language code such as en, es or pt-br; did you mean "en"?` + "\n" +
				`content/_index.md:13: unknown key "nmae" in a language; did you mean "name"?` + "\n" +
				`content/_index.md:14: unknown key "x" in a language; known keys are code, name`},
		{"toml code given twice", "+++\ntitle = 'H'\n[[languages]]\ncode = 'en'\nname = 'English'\n[[languages]]\nname = 'Inglés'\ncode = 'en'\n+++\n",
			`content/_index.md:8: code "en" is given twice (first on line 4); list each language once`},
		{"toml key given twice", "+++\ntitle = 'H'\n[[languages]]\ncode = 'en'\nname = 'English'\ncode = 'es'\n+++\n",
			`content/_index.md:6: "languages.code" is given twice (first on line 4); keep one`},
		{"toml key given twice in the second table", "+++\ntitle = 'H'\n[[languages]]\ncode = 'en'\nname = 'English'\n[[languages]]\ncode = 'es'\nname = 'Español'\ncode = 'es'\n+++\n",
			`content/_index.md:9: "languages.code" is given twice (first on line 7); keep one`},
		{"toml elsewhere", "+++\ntitle = 'A'\n[[languages]]\ncode = 'en'\nname = 'English'\n+++\n",
			"p.md:3: languages is a setting of the whole site; set it in content/_index.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := "content/_index.md"
			if tt.want[:5] == "p.md:" {
				path = "p.md"
			}
			_, _, _, err := Parse(path, []byte(tt.src))
			if have := errString(err); have != tt.want {
				t.Errorf("%s\nhave error\n%s\nwant\n%s", tt.src, have, tt.want)
			}
		})
	}
}

// A long list of mistaken languages reports the first problems, and says
// that more follow, as the front matter's keys do.
func TestLanguagesManyProblems(t *testing.T) {
	for _, syntax := range []struct{ name, head, item, tail string }{
		{"yaml", "---\ntitle: H\nlanguages:\n", "  - code: %d\n", "---\n"},
		{"toml", "+++\ntitle = 'H'\n", "[[languages]]\ncode = '%d'\n", "+++\n"},
	} {
		t.Run(syntax.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString(syntax.head)
			for i := range 10 * maxMetaProblems {
				fmt.Fprintf(&b, syntax.item, i)
			}
			b.WriteString(syntax.tail)
			_, _, _, err := Parse("content/_index.md", []byte(b.String()))
			var l diag.List
			l.Add(err)
			if len(l) != maxMetaProblems+1 {
				t.Fatalf("have %d problems, want %d", len(l), maxMetaProblems+1)
			}
			if last := withoutColumns(l[len(l)-1]); !strings.HasSuffix(last, ": the front matter has more problems from here on; fix the ones above first") {
				t.Errorf("have last problem\n%s", last)
			}
		})
	}
}
