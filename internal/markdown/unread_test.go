package markdown

import (
	"slices"
	"strings"
	"testing"
)

// TestUnread: Markdown meant as markup that goldmark reads as text gets a
// warning at its line, in a body that starts at line 3 of p.md; text that
// is what it looks like gets none.
func TestUnread(t *testing.T) {
	const question = `is not a heading: put a space after ## to make it one (on a FAQ page, a question)`
	const spaces = `looks like a link that was not made: an address cannot contain spaces; write <...> around it: `
	for _, tt := range []struct {
		name     string
		md       string
		warnings []string // without "p.md:"
	}{
		// 4. Headings without their space.
		{"question after a blank line", "Answer.\n\n##Why will some areas wait?\n\nBecause.\n", []string{`5: "##Why will..." ` + question}},
		{"question in the answer", "Answer.\n##Why will some areas wait?\nBecause.\n", []string{`4: "##Why will..." ` + question}},
		{"short", "Text,\nmore text.\n\n##Why?\n", []string{`6: "##Why?" ` + question}},
		{"every level but one", "#Title\n\n###Details here\n\n######Six\n", []string{
			`5: "###Details here" is not a heading: put a space after ### to make it one`,
			`7: "######Six" is not a heading: put a space after ###### to make it one`}},
		{"in a quote and a list", "> Quoted.\n> ##Why not?\n\n- ##Why so?\n- b\n", []string{`4: "##Why not?" ` + question, `6: "##Why so?" ` + question}},
		{"indented", "Text.\n   ##Why?\n", []string{`4: "##Why?" ` + question}},
		{"headings", "## Why?\n\n#\n\n##\n\n# #hashtag\n", nil},
		{"hashtag in a sentence", "Follow #MITtraining and ##twice, or C#.\n", nil},
		{"hashtag at the start of a wrapped line", "Colleagues shared the news with\n#MITcommunity and #HavenTraining.\n\n- Share it with\n  #MITcommunity today.\n", nil},
		{"seven", "#######Seven\n", nil},
		{"number", "#1 in the rankings.\n", nil},
		{"numbered question", "##2018 or later?\n", []string{`3: "##2018 or..." ` + question}},
		{"escaped", "\\##Why?\n", nil},
		{"in code", "```\n##Why?\n```\n\n    ##Why?\n\n`##Why?`\n", nil},

		// 6. Links that were not made.
		{"space in the address", "See [the guide](/files/Training Guide.pdf).\n", []string{
			`3: the text "[the guide](/files/Training Guide.pdf)" ` + spaces + `[the guide](</files/Training Guide.pdf>)`}},
		{"no closing parenthesis", "Text.\n\nSee the [rollout schedule](/schedule/\nfor your month.\n", []string{
			`5: the text "[rollout schedule](/schedule/" looks like a link that was not made: it needs its closing ")" on the same line: [rollout schedule](/schedule/)`}},
		{"no closing parenthesis, more words", "See [rollout schedule](/schedule/ and more.\n", []string{
			`3: the text "[rollout schedule](/schedule/ and more." looks like a link that was not made: it needs its closing ")" on the same line, after the address (an address with spaces needs <...> around it, as in [the guide](</files/Training Guide.pdf>))`}},
		{"a title", "See [the guide](/files/Training Guide.pdf \"The guide\").\n", []string{
			`3: the text "[the guide](/files/Training Guide.pdf \"The guide\")" ` + spaces + `[the guide](</files/Training Guide.pdf> "The guide")`}},
		{"emphasis in the text", "- [*the* guide](/a b)\n", []string{`3: the text "[*the* guide](/a b)" ` + spaces + `[*the* guide](</a b>)`}},
		{"one warning a line", "[a](/a b) and [b](/c d)\n[e](/e f)\n", []string{
			`3: the text "[a](/a b)" ` + spaces + `[a](</a b>)`, `4: the text "[e](/e f)" ` + spaces + `[e](</e f>)`}},
		{"in a heading", "## See [the guide](/a b)\n", []string{`3: the text "[the guide](/a b)" ` + spaces + `[the guide](</a b>)`}},
		{"links", "[a](/a) [b](</b c>) [c](/c \"title\") ![d](/d.png) [e](<f>) [g\\](h)](/i) [[j]](/k) [l [m] n](/o) <https://x.org/](y> [p]( /q )\n\n[r]: /r\n\n[s][r] [r]\n", nil},
		{"escaped", "\\[a](/a b) and [c\\](d e)\n", nil},
		{"in code", "`[a](/a b)`\n\n```\n[a](/a b)\n```\n\n    [a](/b c\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := New().Convert("p.md", "/p/", []byte(tt.md), 3, "/", nil)
			if err != nil {
				t.Fatal(err)
			}
			var have []string
			for _, w := range r.Warnings {
				have = append(have, strings.TrimPrefix(w.Error(), "p.md:"))
			}
			if !slices.Equal(have, tt.warnings) {
				t.Errorf("warnings:\nhave %q\nwant %q\n%s", have, tt.warnings, r.HTML)
			}
		})
	}
}
