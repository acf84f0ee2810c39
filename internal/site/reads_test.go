package site

import (
	"html/template"
	"testing"
)

func TestReadsText(t *testing.T) {
	tests := []struct {
		name, main string
		want       bool
	}{
		{"own content", `{{.Content}}{{range .Questions}}{{.Text}}{{.Answer}}{{end}}{{$.FAQSchema}}`, false},
		{"listing of children", `{{range .Pages}}<a href="{{url .URL}}">{{.Title}}</a>{{.Description}}{{end}}`, false},
		{"menu and home's title", `{{range .Site.Menu}}{{.Menu}}{{end}}{{.Site.Home.Title}}`, false},
		{"children's text", `{{range .Pages}}{{.Intro}}{{end}}`, true},
		{"a named page's questions", `{{with .Site.Page "/faq/"}}{{range .Questions}}{{.Text}}{{end}}{{end}}`, true},
		{"a chain to the home page's text", `{{.Site.Home.Content}}`, true},
		{"the parent's text", `{{with .Parent}}{{.Content}}{{end}}`, true},
		{"through a variable", `{{range $i, $p := .Site.Pages}}{{$p.QA}}{{end}}`, true},
		{"through a partial", `{{template "layouts/partials/p.html" .Site.Home}}`, true},
		{"own text through a partial", `{{template "layouts/partials/p.html" .}}`, false},
		{"$ inside range is the page", `{{range .Pages}}{{$.Content}}{{end}}`, false},
		{"a method's result", `{{(.Site.Page "/x/").Content}}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := template.Must(template.New(baseName).Funcs(template.FuncMap{"url": func(s string) string { return s }}).Parse(`{{template "main" .}}`))
			template.Must(root.New("layouts/partials/p.html").Parse(`{{.Content}}`))
			template.Must(root.New("layouts/x.html").Parse(`{{define "main"}}` + tt.main + `{{end}}`))
			if have := readsText(root); have != tt.want {
				t.Errorf("readsText = %v, want %v", have, tt.want)
			}
		})
	}
}
