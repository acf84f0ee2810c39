package site

import (
	"html/template"
	"maps"
	"slices"
	"strings"
	"testing"
)

func TestReadsText(t *testing.T) {
	tests := []struct {
		name, main string
		want       string // "any", the named site paths, or ""
	}{
		{"own content", `{{.Content}}{{range .Questions}}{{.Text}}{{.Answer}}{{end}}{{$.FAQSchema}}`, ""},
		{"listing of children", `{{range .Pages}}<a href="{{url .URL}}">{{.Title}}</a>{{.Description}}{{end}}`, ""},
		{"menu and home's title", `{{range .Site.Menu}}{{.Menu}}{{end}}{{.Site.Home.Title}}`, ""},
		{"children's text", `{{range .Pages}}{{.Intro}}{{end}}`, "any"},
		{"a named page's questions", `{{with .Site.Page "/faq/"}}{{range .Questions}}{{.Text}}{{end}}{{end}}`, "/faq/"},
		{"named pages, through $ and a partial", `{{with $.Site.Page "/a/"}}{{template "layouts/partials/p.html" .}}{{end}}{{(.Site.Page "/b/").Intro}}`, "/a/ /b/"},
		{"a named page's children", `{{with .Site.Page "/faq/"}}{{range .Pages}}{{.Content}}{{end}}{{end}}`, "any"},
		{"a named page's title", `{{with .Site.Page "/faq/"}}{{.Title}}{{end}}`, ""},
		{"a chain to the home page's text", `{{.Site.Home.Content}}`, "any"},
		{"the parent's text", `{{with .Parent}}{{.Content}}{{end}}`, "any"},
		{"the translations' text", `{{range .Translations}}{{if ne .Lang $.Lang}}{{.Content}}{{end}}{{end}}`, "any"},
		{"the translations' names", `{{range .Translations}}<a href="{{url .URL}}" hreflang="{{.Lang}}">{{.Language.Name}}</a>{{end}}`, ""},
		{"through a variable", `{{range $i, $p := .Site.Pages}}{{$p.QA}}{{end}}`, "any"},
		{"through a partial", `{{template "layouts/partials/p.html" .Site.Home}}`, "any"},
		{"own text through a partial", `{{template "layouts/partials/p.html" .}}`, ""},
		{"$ inside range is the page", `{{range .Pages}}{{$.Content}}{{end}}`, ""},
		{"a computed page", `{{(.Site.Page (printf "/%s/" "x")).Content}}`, "any"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := template.Must(template.New(baseName).Funcs(template.FuncMap{"url": func(s string) string { return s }}).Parse(`{{template "main" .}}`))
			template.Must(root.New("layouts/partials/p.html").Parse(`{{.Content}}`))
			template.Must(root.New("layouts/x.html").Parse(`{{define "main"}}` + tt.main + `{{end}}`))
			r := readsText(root)
			have := slices.Sorted(maps.Keys(r.named))
			if r.any {
				have = []string{"any"}
			}
			if strings.Join(have, " ") != tt.want {
				t.Errorf("readsText = %q, want %q", strings.Join(have, " "), tt.want)
			}
		})
	}
}

// TestAskedTexts: the texts a layout asks for by name, wherever they are,
// with where each is first asked for.
func TestAskedTexts(t *testing.T) {
	root := template.Must(template.New(baseName).Parse(`{{.Site.T "title"}}{{template "main" .}}`))
	template.Must(root.New("layouts/partials/p.html").Parse(`{{.T "in_partial"}}{{$site := .}}{{$site.Raw "raw"}}`))
	template.Must(root.New("layouts/x.html").Parse("{{define \"main\"}}\n{{with .Pages}}{{$.Site.T \"more\"}}{{end}}{{.Site.T \"with_values\" \"n\" .Title}}{{.Site.T (print \"status_\" .Title)}}{{.Site.T \"title\"}}{{end}}"))
	var have []string
	for _, a := range askedTexts(map[string]*template.Template{"layouts/x.html": root}) {
		have = append(have, a.key+"@"+a.at)
	}
	want := "in_partial@layouts/partials/p.html:1 more@layouts/x.html:2 raw@layouts/partials/p.html:1 title@layouts/base.html:1 with_values@layouts/x.html:2"
	if strings.Join(have, " ") != want {
		t.Errorf("askedTexts:\n%s\nwant\n%s", strings.Join(have, " "), want)
	}
}
