package frontmatter

import (
	"strings"
	"testing"
)

// TestYAMLQuietRepairs: in YAML front matter, text that YAML would cut at
// a "#" or join from the next, further indented line is refused at its
// line, saying what to write instead; a description may go on over
// several lines, and a comment after a number or on its own line is fine.
func TestYAMLQuietRepairs(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"# in a title", "---\ntitle: Q&A #1\n---\n",
			`p.md:2:8: the title stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the title, put it in quotes: title: "Q&A #1"; to keep a comment, put it on its own line`},
		{"# in a menu label", "---\ntitle: A\nmenu: FAQ # short\n---\n",
			`p.md:3:7: the menu stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the menu, put it in quotes: menu: "FAQ # short"; to keep a comment, put it on its own line`},
		{"# in a description", "---\ntitle: A\ndescription: Step #2 of the training.\n---\n",
			`p.md:3:14: the description stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the description, put it in quotes: description: "Step #2 of the training."; to keep a comment, put it on its own line`},
		{"a title continued on the next line", "---\ntitle: Rollout\n  Process\nweight: 2\n---\n",
			`p.md:3: this line continues the title on line 2 ("Rollout"), because it is indented further; write the title on one line, or start this line at the same indentation as line 2`},
		{"a key indented under the title", "---\ntitle: Rollout\n  weight: 2\n---\n",
			`p.md:3: this line is indented further than the lines around it; line up "weight:" with "title:" on line 2, with spaces`},
		{"a colon in the title", "\n---\ntitle: Training: what to expect\n---\n",
			`p.md:3: the value of "title" contains ": " (a colon and a space); put the whole value in quotes: title: "Training: what to expect"`},
		{"a title starting with @", "---\nweight: 1\ntitle: @MIT\n---\n",
			`p.md:3: a value cannot start with "@"; put the whole value in quotes: title: "@MIT"`},
		{"text after a quoted title", "---\ntitle: \"Rollout\" Process\n---\n",
			`p.md:2: text follows the closing quote; put all of the text in quotes: title: '"Rollout" Process'`},
		// A key with no space after its colon, on any line.
		{"no space after description:", "---\ntitle: A\ndescription:About the training\n---\n",
			`p.md:3: put a space after the colon: description: About the training`},
		{"no space after menu:", "---\ntitle: A\nmenu:About\nweight: 3\n---\n",
			`p.md:3: put a space after the colon: menu: About`},
		{"no space after weight:", "---\ntitle: A\nweight:30\n---\n",
			`p.md:3: put a space after the colon: weight: 30`},
		{"no space after title:, alone", "---\ntitle:About\n---\n",
			`p.md:2:1: "title:About": put a space after the colon: title: About`},
		{"no space after title:, then a key", "---\ntitle:About\nweight: 3\n---\n",
			`p.md:2: put a space after the colon: title: About`},
		// A quote of the text's own in the same quotes.
		{"an apostrophe in a single-quoted title", "---\ntitle: 'MIT's training'\n---\n",
			`p.md:2: the text has a ' of its own, which ends the quotes early; put the text in double quotes: title: "MIT's training"`},
		{"double quotes in a double-quoted title", "---\ntitle: \"The \"Haven\" program\"\n---\n",
			`p.md:2: the text has a " of its own, which ends the quotes early; put the text in single quotes: title: 'The "Haven" program'`},
		{"both kinds of quotes in a title", "---\ntitle: \"The \"Haven\" isn't\"\n---\n",
			`p.md:2: the text has a " of its own, which ends the quotes early; put the text in double quotes, with a \ before each " inside: title: "The \"Haven\" isn't"`},
		// A description wrapped at the indentation of its key.
		{"a description wrapped under its key", "---\ntitle: A\ndescription: What to expect when\nyou take the training.\nweight: 3\n---\n",
			`p.md:4: this line has no "key:"; if it continues the line above, join the two lines, or indent it further than "description"`},
		{"a title starting with *", "---\ntitle: *New* training\n---\n",
			`p.md:2: a value cannot start with "*" (YAML reads it as a reference to an anchor); put the whole value in quotes: title: "*New* training"`},
		{"a title starting with &", "---\ntitle: & more\n---\n",
			`p.md:2: a value cannot start with "&" (YAML reads it as an anchor); put the whole value in quotes: title: "& more"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := Parse("p.md", []byte(tt.src))
			if have := errString(err); have != tt.want {
				t.Errorf("%s\nhave error %q\nwant error %q", tt.src, have, tt.want)
			}
		})
	}
}

func TestYAMLAccepts(t *testing.T) {
	src := "---\n# the page\ntitle: \"Q&A #1\" # a comment\ndescription: One sentence\n  on two lines.\nweight: 10 # first\ndate: 2018-01-31 # launch\n---\nText.\n"
	m, _, _, err := Parse("p.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if m.Title != "Q&A #1" || m.Description != "One sentence on two lines." || m.Weight != 10 {
		t.Errorf("have %+v", m)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestTOMLSyntaxMessages: the mistakes people make in TOML front matter
// are reported at their line with the line as it should be, which TOML
// reads as the text that was meant.
func TestTOMLSyntaxMessages(t *testing.T) {
	tests := []struct {
		name, src, want string
		text            string // what the suggested line's title reads as; "" for no check
	}{
		{"text without quotes", "+++\ntitle = Learn More\n+++\n",
			`p.md:2: text must be in quotes: title = 'Learn More'`, "Learn More"},
		{"text with an apostrophe without quotes", "+++\nweight = 2\ntitle = MIT's training\n+++\n",
			`p.md:3: text must be in quotes: title = "MIT's training"`, "MIT's training"},
		{"a word for a number", "+++\ntitle = 'A'\nweight = ten\n+++\n",
			`p.md:3: weight must be a whole number, like 10, not "ten"`, ""},
		{"yes for true or false", "+++\ntitle = 'A'\ndraft = yes\n+++\n",
			`p.md:3: draft must be true or false, not "yes"`, ""},
		{"a date in another order", "+++\ntitle = 'A'\ndate = 31/01/2018\n+++\n",
			`p.md:3: date: "31/01/2018" is not a date written YYYY-MM-DD, like 2018-01-31`, ""},
		{"a YAML line", "+++\ntitle: \"Learn More\"\n+++\n",
			`p.md:2: front matter between +++ lines is TOML, which writes "key = value", not "key: value": title = "Learn More"`, "Learn More"},
		{"a YAML line without quotes", "+++\ntitle: Learn More\n+++\n",
			`p.md:2: front matter between +++ lines is TOML, which writes "key = value", not "key: value": title = 'Learn More'`, "Learn More"},
		{"a quote never closed", "+++\ntitle = \"Learn More\nweight = 3\n+++\n",
			`p.md:2: the quote that starts here is never closed; end the text with " on this line: title = "Learn More"`, "Learn More"},
		{"a single quote never closed", "+++\ntitle = 'Learn More\n+++\n",
			`p.md:2: the quote that starts here is never closed; end the text with ' on this line: title = 'Learn More'`, "Learn More"},
		{"an apostrophe in single quotes", "+++\ntitle = 'MIT's training'\n+++\n",
			`p.md:2: the text has a ' of its own, which ends the quotes early; put the text in double quotes: title = "MIT's training"`, "MIT's training"},
		{"double quotes in double quotes", "+++\ntitle = \"The \"Haven\" program\"\n+++\n",
			`p.md:2: the text has a " of its own, which ends the quotes early; put the text in single quotes: title = 'The "Haven" program'`, `The "Haven" program`},
		{"both kinds of quotes", "+++\ntitle = 'The \"Haven\" isn't'\n+++\n",
			`p.md:2: the text has a ' of its own, which ends the quotes early; put the text in double quotes, with a \ before each " inside: title = "The \"Haven\" isn't"`, `The "Haven" isn't`},
		{"text after the closing quote", "+++\ntitle = \"Rollout\" Process\n+++\n",
			`p.md:2: text follows the closing quote; put all of the text in quotes: title = '"Rollout" Process'`, `"Rollout" Process`},
		// What it cannot mend stays package toml's message.
		{"a value missing", "+++\ntitle = 'A'\nweight = \n+++\n", "p.md:3: expected value but found '\\n' instead", ""},
		{"a word inside a list", "+++\ntitle = 'A'\nlanguages = [{code = en}]\n+++\n", `p.md:3: expected value but found "en" instead`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := Parse("p.md", []byte(tt.src))
			have := errString(err)
			if have != tt.want {
				t.Errorf("%s\nhave error %q\nwant error %q", tt.src, have, tt.want)
			}
			if tt.text == "" {
				return
			}
			i := strings.LastIndex(have, ": title = ")
			if i < 0 {
				t.Fatalf("no line suggested in %q", have)
			}
			m, _, _, err := Parse("p.md", []byte("+++\n"+have[i+2:]+"\n+++\n"))
			if err != nil || m.Title != tt.text {
				t.Errorf("the suggested %q reads as %q, %v; want %q", have[i+2:], m.Title, err, tt.text)
			}
		})
	}
}
