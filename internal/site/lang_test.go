package site

import (
	"strings"
	"testing"
)

// TestLangProblem: a name that reads as a translation the site cannot
// publish says how to rename it, and offers "a page of its own" only where
// a page of that name could be one.
func TestLangProblem(t *testing.T) {
	one := []Language{{Code: "en", Name: "English"}}
	two := []Language{{Code: "en", Name: "English"}, {Code: "es", Name: "Español"}}
	for _, tt := range []struct {
		path  string
		langs []Language
		want  string // "" for no problem
	}{
		{"content/faq.md", two, ""},
		{"content/faq.es.md", two, ""},
		{"content/v1.2.md", one, ""},
		{"content/faq.en.md", two, "content/faq.en.md: en is the site's default language, whose pages are named without a language: rename this file faq.md"},
		{"content/faq.fr.md", two, `content/faq.fr.md: the name reads as a translation into "fr", which is not one of the site's languages (en, es); use one of those codes or add the language to languages: in content/_index.md, or, for a page of its own, name it faq-fr.md`},
		{"content/faq/_index.fr.md", two, `content/faq/_index.fr.md: the name reads as a translation into "fr", which is not one of the site's languages (en, es); use one of those codes or add the language to languages: in content/_index.md`},
		{"content/404.de.md", two, `content/404.de.md: the name reads as a translation into "de", which is not one of the site's languages (en, es); use one of those codes or add the language to languages: in content/_index.md`},
		{"content/notes.es.md", one, `content/notes.es.md: the name reads as a translation into "es", but the site has one language (en); to publish translations, list the languages in content/_index.md (languages:), or, for a page of its own, name it notes-es.md`},
		{"content/_index.es.md", one, `content/_index.es.md: the name reads as a translation into "es", but the site has one language (en); to publish translations, list the languages in content/_index.md (languages:)`},
	} {
		got := ""
		if err := langProblem(tt.path, tt.langs); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("langProblem(%q):\n got %s\nwant %s", tt.path, got, tt.want)
		}
		if strings.Contains(got, "_index-") {
			t.Errorf("langProblem(%q) suggests a page named _index-: %s", tt.path, got)
		}
	}
}
