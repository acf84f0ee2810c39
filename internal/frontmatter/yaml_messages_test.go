package frontmatter

import "testing"

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
