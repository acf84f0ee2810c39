package site

import (
	"strings"
	"testing"
	"testing/fstest"

	"rollout/internal/diag"
)

// TestLayoutErrors: every problem of a layout is an error at the file,
// and line, that has it, in words that say what to do, whichever
// template html/template was executing when it found it.
func TestLayoutErrors(t *testing.T) {
	const (
		utf8Msg = ": this line is not UTF-8 text; save the file as UTF-8 (in most editors: Save with encoding → UTF-8)"
		page    = "---\ntitle: P\n---\n"
		nav     = `<!DOCTYPE html><html><head><title>{{.Title}}</title></head><body>{{template "layouts/partials/nav.html" .}}{{template "main" .}}</body></html>`
	)
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		// Parsing.
		{"parse error", map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{.Title}\n{{end}}"},
			`layouts/page.html:2: bad character U+007D '}'`},
		{"parse error in a partial", map[string]string{"layouts/partials/nav.html": "<nav>\n\n{{if}}</nav>"},
			`layouts/partials/nav.html:3: missing value for if`},
		{"parse error in the base", map[string]string{"layouts/base.html": "<html>\n{{template \"main\" .}\n</html>"},
			`layouts/base.html:2: bad character U+007D '}'`},
		{"end of nothing", map[string]string{"layouts/page.html": "{{define \"main\"}}x{{end}}\n{{end}}"},
			`layouts/page.html:2: unexpected {{end}}; it belongs to no {{if}}, {{range}}, {{with}} or {{define}}: take it out, or add what it belongs to`},
		{"never ended", map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{if .Title}}x\n"},
			`layouts/page.html:3: unexpected EOF; an {{if}}, {{range}}, {{with}} or {{define}} is never closed: add its {{end}}`},
		{"action never closed", map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{.Title"},
			`layouts/page.html:2: unclosed action; a {{ is never closed: end it with }}`},
		{"comment never closed", map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{/* note\n{{end}}"},
			`layouts/page.html:2: unclosed comment; a {{/* is never closed: end it with */}}`},
		{"unknown function", map[string]string{"layouts/page.html": "{{define \"main\"}}{{markdownify .Title}}{{end}}"},
			`layouts/page.html:1: function "markdownify" not defined; a layout may use url and absURL, and the functions of Go's templates (and, or, not, len, index, eq, ne, lt, le, gt, ge, printf, slice)`},

		// Escaping: html/template names the base, executed, for what a
		// layout or a partial left unfinished.
		{"attribute quote never closed", map[string]string{"layouts/page.html": `{{define "main"}}<a href='{{.URL}}>x</a>{{end}}`, "content/p.md": page},
			`layouts/page.html:1: the HTML of {{define "main"}} ends unfinished: an attribute's quote (') is never closed; close it`},
		{"double quote never closed", map[string]string{"layouts/page.html": "{{define \"main\"}}\n<p title=\"{{.Title}}>x</p>{{end}}"},
			`layouts/page.html:1: the HTML of {{define "main"}} ends unfinished: an attribute's quote (") is never closed; close it`},
		{"tag never closed", map[string]string{"layouts/page.html": "{{define \"main\"}}\n<div{{end}}"},
			`layouts/page.html:1: the HTML of {{define "main"}} ends unfinished: a tag is never closed with >; close it`},
		{"comment never closed", map[string]string{"layouts/page.html": "{{define \"main\"}}<!-- x {{end}}"},
			`layouts/page.html:1: the HTML of {{define "main"}} ends unfinished: a comment (<!--) is never closed with -->; close it`},
		{"script never closed", map[string]string{"layouts/page.html": "{{define \"main\"}}<script>var x = 1{{end}}"},
			`layouts/page.html:1: the HTML of {{define "main"}} ends unfinished: a <script> element, or a string or comment in it, is never closed; close it with </script>`},
		{"main defined further down", map[string]string{"layouts/page.html": "{{/* a page */}}\n\n{{define \"main\"}}<a title=\"{{end}}"},
			`layouts/page.html:3: the HTML of {{define "main"}} ends unfinished: an attribute's quote (") is never closed; close it`},
		{"the base's own, once for all its layouts", map[string]string{"layouts/base.html": "<html>\n<body title='{{template \"main\" .}}</body></html>"},
			`layouts/base.html:1: the HTML of this file ends unfinished: an attribute's quote (') is never closed; close it`},
		{"a partial's", map[string]string{"layouts/base.html": nav, "layouts/partials/nav.html": "\n<nav><a href=\"/\">Home</a"},
			`layouts/partials/nav.html:1: the HTML of this file ends unfinished: a tag is never closed with >; close it`},
		{"a layout's define of a partial", map[string]string{"layouts/base.html": nav, "layouts/partials/nav.html": "<nav></nav>",
			"layouts/page.html": "{{define \"main\"}}{{.Content}}{{end}}\n{{define \"layouts/partials/nav.html\"}}<a title=\"{{end}}"},
			`layouts/page.html:2: the HTML of {{define "layouts/partials/nav.html"}} ends unfinished: an attribute's quote (") is never closed; close it`},
		{"broken tag", map[string]string{"layouts/page.html": "{{define \"main\"}}\n<p>{{.Title}}</p>\n<a \"x\">{{.Title}}</a>{{end}}"},
			`layouts/page.html:3: this HTML is broken ("\"" in attribute name: " \"x\">"); check the quotes, = and > of the tag`},
		{"no such partial", map[string]string{"layouts/partials/nav.html": "<nav></nav>", "layouts/partials/foot.html": "<footer></footer>",
			"layouts/page.html": "{{define \"main\"}}\n{{template \"layouts/partials/nope.html\" .}}{{end}}"},
			`layouts/page.html:2:11: there is no partial named "layouts/partials/nope.html"; the partials are "layouts/partials/foot.html", "layouts/partials/nav.html"`},
		{"no such template", map[string]string{"layouts/page.html": "{{define \"main\"}}{{template \"aside\" .}}{{end}}"},
			`layouts/page.html:1:28: there is no template named "aside"; define it with {{define "aside"}} ... {{end}}, or show a partial: there are no partials in layouts/partials/`},
		{"if branches", map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{if .Title}}<a href=\"{{end}}x\">{{end}}"},
			`layouts/page.html:2:5: the parts of this {{if}} ... {{else}} ... {{end}} leave the HTML in different states (one opens a tag, a quote or a comment that another does not); make each part close what it opens`},
		{"range turns", map[string]string{"layouts/page.html": "{{define \"main\"}}\n{{range .Site.Pages}}<a href=\"{{.URL}}{{end}}\">{{end}}"},
			`layouts/page.html:2:8: each turn of this {{range}} must close the tags, quotes and comments it opens, and leave the HTML as it found it; close them inside the {{range}}`},

		// Executing.
		{"a template that shows itself", map[string]string{"layouts/page.html": `{{define "main"}}{{template "main" .}}{{end}}`, "content/p.md": page},
			`layouts/page.html:1:28: exceeded maximum template depth (100000); a template shows itself, directly or through others: take out the {{template}} that does (while rendering content/p.md)`},

		// Text that is not UTF-8, and names that cannot be seen.
		{"layout not UTF-8", map[string]string{"layouts/page.html": "{{define \"main\"}}\n<p>caf\xe9</p>{{end}}"}, "layouts/page.html:2" + utf8Msg},
		{"partial not UTF-8", map[string]string{"layouts/partials/nav.html": "\xff"}, "layouts/partials/nav.html:1" + utf8Msg},
		{"base not UTF-8", map[string]string{"layouts/base.html": "<html>\n\n<body>\x92{{template \"main\" .}}</body></html>"}, "layouts/base.html:3" + utf8Msg},
		{"control character in a layout's name", map[string]string{"layouts/\x1b[2J.html": "{{end}}"},
			`layouts/\x1b[2J.html: the name has a control character (\x1b), which cannot be seen; rename it using letters, digits, hyphens (-) and underscores (_), such as "[2J.html"`},
		{"control character in a partial's name", map[string]string{"layouts/partials/a\u202eb.html": "x"},
			`layouts/partials/a\u202eb.html: the name has a control character (\u202e), which cannot be seen; rename it using letters, digits, hyphens (-) and underscores (_), such as "a-b.html"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture()
			for k, v := range tt.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			_, err := Build(fsys, Options{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("have error\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}

// TestLayoutErrorPaths: an error about a layout carries its real path,
// which diag.Error shows escaped; never a path escaped twice.
func TestLayoutErrorPaths(t *testing.T) {
	for _, name := range []string{"layouts/\x1b[2J.html", "layouts/partials/\x07.html"} {
		fsys := fixture()
		fsys[name] = &fstest.MapFile{Data: []byte("x")}
		_, err := Build(fsys, Options{})
		var all diag.List
		all.Add(err)
		var found bool
		for _, p := range all {
			e, ok := p.(*diag.Error)
			if !ok {
				t.Errorf("%q: not a *diag.Error: %v", name, p)
				continue
			}
			if e.Path == name {
				found = true
			}
			if strings.Contains(e.Path, `\x`) {
				t.Errorf("%q: a path escaped before it is shown: %q", name, e.Path)
			}
		}
		if !found {
			t.Errorf("%q: no error at that path: %v", name, err)
		}
	}
}
