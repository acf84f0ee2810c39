package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLimits(t *testing.T) {
	page := func(body string) string { return "---\ntitle: X\n---\n" + body }
	buildErrors(t, []buildError{
		{"quotes nested too deep", "content/x.md", page("Intro.\n\n" + strings.Repeat("> ", 50000) + "x\n"),
			"content/x.md:6: this line is nested 50000 levels deep (quotes or lists inside each other), more than the 32 allowed; flatten it"},
		{"lists nested too deep", "content/x.md", page(func() string {
			var b strings.Builder
			for i := range 40 {
				b.WriteString(strings.Repeat("  ", i) + "- x\n")
			}
			return b.String()
		}()), "content/x.md:36: this line is nested 33 levels deep (quotes or lists inside each other), more than the 32 allowed; flatten it"},
		{"unclosed link brackets", "content/x.md", page(strings.Repeat("[a](", 50000)),
			"content/x.md:4: the page has 50000 '[' characters, more than the 5000 that can be converted quickly; split it into several pages"},
		{"emphasis everywhere", "content/x.md", page(strings.Repeat("*a* _b_ ", 6000)),
			"content/x.md:4: the page has 24000 '*' and '_' characters, more than the 20000 that can be converted within the memory a page may take; split it into several pages"},
		{"stylesheet not UTF-8", "static/s.css", "a { color: red }\n/* caf\xe9 */\n",
			"static/s.css:2: this line is not UTF-8 text; save the file as UTF-8 (in most editors: Save with encoding → UTF-8)"},
		{"unclosed code fence", "content/x.md", page("Text.\n\n```yaml\nmonth: 2018-01\n\n## Not a question\n"),
			"content/x.md:6: this code block (```) is never closed, so the rest of the page would show as code; add a line with ``` where it ends"},
		{"page too large", "content/x.md", page(strings.Repeat("word ", 220000)),
			"content/x.md: the file is 1.0 MB, over the limit of 1 MB; split it into smaller files"},
		{"schedule too large", "content/schedule.yaml", "# " + strings.Repeat("x", 1<<20) + "\n",
			"content/schedule.yaml: the file is 1.0 MB, over the limit of 1 MB; split it into smaller files"},
		{"layout too large", "layouts/page.html", `{{define "main"}}{{end}}` + strings.Repeat(" ", 1<<20),
			"layouts/page.html: the file is 1.0 MB, over the limit of 1 MB; split it into smaller files"},
		{"static file too large", "static/video.mp4", strings.Repeat("v", 21<<20),
			"static/video.mp4: the file is 21.0 MB, over the limit of 20 MB; split it into smaller files"},
	})
	// Closed fences, and fences of four backticks holding three, are fine.
	fsys := fixture()
	fsys["content/x.md"] = &fstest.MapFile{Data: []byte(page("````\n```\ninner\n```\n````\n\n~~~\ncode\n~~~\n\n- a\n  - b\n    > c\n"))}
	if _, err := Build(fsys, Options{}); err != nil {
		t.Errorf("a well-formed page failed: %v", err)
	}
}

// A buildError is a file of the fixture site that makes its build fail
// with the message want.
type buildError struct{ name, file, data, want string }

// buildErrors builds the fixture site with each case's file in place and
// checks the build's error.
func buildErrors(t *testing.T, tests []buildError) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture()
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.data)}
			_, err := Build(fsys, Options{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("have error\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}
