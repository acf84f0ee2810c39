package site

import (
	"testing"

	"rollout/internal/schedule"
)

func TestFrontMatterErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty file", "", "p.md:1: the file is empty; a page starts with front matter:\n---\ntitle: Page title\n---\nand then its text in Markdown"},
		{"no front matter", "# Title\n\nText.\n", "p.md:1: the page has no front matter; start the file with three lines:\n---\ntitle: Page title\n---"},
		{"unclosed yaml", "\n---\ntitle: A\n\nText.\n", "p.md:2: the front matter that starts here is never closed; add a line with --- after its last key"},
		{"unclosed toml", "+++\ntitle = 'A'\n", "p.md:1: the front matter that starts here is never closed; add a line with +++ after its last key"},
		{"missing title", "---\ndescription: x\n---\n", `p.md:1: the page has no title; add a line "title: ..." to its front matter`},
		{"empty front matter", "---\n---\nText\n", "p.md:1: the front matter is empty; it needs at least a title (title: Page title)"},
		{"misspelt key", "---\ntitle: A\nwieght: 3\n---\n", `p.md:3:1: unknown key "wieght" in front matter; did you mean "weight"?`},
		{"unknown key far from all", "---\ntitle: A\nzzzzzzzzzz: 3\n---\n", `p.md:3:1: unknown key "zzzzzzzzzz" in front matter; known keys are title, description, weight, draft, date, layout, menu, baseURL, cname, contact`},
		{"site setting on another page", "---\ntitle: A\ncontact: a@b.org\n---\n", "p.md:3:10: contact is a setting of the whole site; set it in content/_index.md"},
		{"toml site setting on another page", "+++\ntitle = 'A'\ncname = 'x.org'\n+++\n", "p.md:3: cname is a setting of the whole site; set it in content/_index.md"},
		{"duplicate key", "---\ntitle: A\ntitle: B\n---\n", `p.md:3:1: "title" is given twice (first on line 2); keep one`},
		{"wrong type", "---\ntitle: A\nweight: heavy\n---\n", `p.md:3:9: weight must be a whole number, like 10, not "heavy"`},
		{"bad draft", "---\ntitle: A\ndraft: yes\n---\n", `p.md:3:8: draft must be true or false, not "yes"`},
		{"bad date", "---\ntitle: A\ndate: 31/01/2018\n---\n", `p.md:3:7: date: "31/01/2018" is not a date written YYYY-MM-DD, like 2018-01-31`},
		{"colon in title on first line", "---\ntitle: Training: what to expect\n---\n", `p.md:2: a value contains a colon followed by a space; put the whole value in quotes ("...")`},
		{"colon after blank lines", "\n\n---\ndescription: x\ntitle: a: b\n---\n", `p.md:5: a value contains a colon followed by a space; put the whole value in quotes ("...")`},
		{"tab indentation", "---\ntitle: A\n\tweight: 1\n---\n", "p.md:3: a tab is used for indentation here; indent with spaces only"},
		{"title is a list", "---\ntitle: [a, b]\n---\n", "p.md:2:8: title must be a single line of text"},
		{"not a mapping", "---\n- a\n---\n", `p.md:2:1: front matter must be a set of "key: value" lines`},
		{"toml syntax", "+++\ntitle = 'A'\nweight = \n+++\n", "p.md:3: expected value but found '\\n' instead"},
		{"toml unknown key", "+++\ntitle = 'A'\nlayotu = 'x'\n+++\n", `p.md:3: unknown key "layotu" in front matter; did you mean "layout"?`},
		{"toml wrong type", "+++\ntitle = 'A'\nweight = 'heavy'\n+++\n", "p.md:3: weight must be a whole number, like 10"},
		{"toml duplicate key", "+++\ntitle = 'A'\ntitle = 'B'\n+++\n", "p.md:3: Key 'title' has already been defined."},
		{"all problems at once", "---\ntitel: A\nweight: x\ndraft: 2\n---\n",
			"p.md:2:1: unknown key \"titel\" in front matter; did you mean \"title\"?\np.md:3:9: weight must be a whole number, like 10, not \"x\"\np.md:4:8: draft must be true or false, not \"2\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := parseFrontMatter("p.md", []byte(tt.src))
			if err == nil {
				t.Fatalf("no error; want\n%s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("have error\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}

func TestHomeSettings(t *testing.T) {
	tests := []struct{ src, want string }{
		{"---\ntitle: H\nbaseURL: https://org.github.io/repo/\ncname: training.example.edu\ncontact: training@mit.edu\n---\n", ""},
		{"---\ntitle: H\nbaseURL: repo/\n---\n", `content/_index.md:1: baseURL: base URL "repo/" must be a path such as /repo/ or an http(s) URL such as https://example.org/repo/`},
		{"---\ntitle: H\ncontact: training at mit\n---\n", `content/_index.md:1: contact: "training at mit" is not an e-mail address like training@mit.edu`},
		{"---\ntitle: H\ncname: https://x.org/\n---\n", `content/_index.md:1: cname: "https://x.org/" is not a domain name like training.example.edu`},
	}
	for _, tt := range tests {
		m, _, _, err := parseFrontMatter("content/_index.md", []byte(tt.src))
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%q: %v", tt.src, err)
		case tt.want == "" && (m.BaseURL != "https://org.github.io/repo/" || m.CNAME != "training.example.edu" || m.Contact != "training@mit.edu"):
			t.Errorf("settings %+v", m)
		case tt.want != "" && (err == nil || err.Error() != tt.want):
			t.Errorf("have error %v\nwant %s", err, tt.want)
		}
	}
}

func TestFrontMatter(t *testing.T) {
	date, _ := schedule.ParseDate("2018-01-31")
	want := Meta{Title: "NO", Description: "0755", Weight: 3, Draft: true, Date: date, Layout: "page", Menu: "FAQ"}
	tests := []struct{ name, src string }{
		{"yaml", "---\ntitle: NO\ndescription: 0755\nweight: 3\ndraft: true\ndate: 2018-01-31\nlayout: page\nmenu: FAQ\n---\n\nBody\nmore\n"},
		{"toml", "+++\ntitle = 'NO'\ndescription = \"0755\"\nweight = 3\ndraft = true\ndate = 2018-01-31\nlayout = 'page'\nmenu = 'FAQ'\n+++\n\nBody\nmore\n"},
		{"toml date as text", "+++\ntitle = 'NO'\ndescription = \"0755\"\nweight = 3\ndraft = true\ndate = '2018-01-31'\nlayout = 'page'\nmenu = 'FAQ'\n+++\n\nBody\nmore\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, body, line, err := parseFrontMatter("p.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if m != want {
				t.Errorf("have %+v\nwant %+v", m, want)
			}
			if string(body) != "\nBody\nmore\n" || line != 10 {
				t.Errorf("body %q at line %d, want %q at line 10", body, line, "\nBody\nmore\n")
			}
		})
	}
}
