package site

import (
	"strings"
	"testing"
	"testing/fstest"
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
		// A language written otherwise than the site lists it.
		{"content/faq.ES.md", two, "content/faq.ES.md: the name reads as a translation into es, but the site writes that language es, in lower case: rename this file faq.es.md"},
		{"content/faq/x.es_ES.md", two, "content/faq/x.es_ES.md: the name reads as a translation into es, but the site writes that language es, in lower case: rename this file faq/x.es.md"},
		{"content/faq.es-ES.md", two, "content/faq.es-ES.md: the name reads as a translation into es, but the site writes that language es, in lower case: rename this file faq.es.md"},
		{"content/faq.EN.md", two, "content/faq.EN.md: the name reads as a translation into en, the site's default language, whose pages are named without a language: rename this file faq.md"},
		{"content/notes.ES.md", one, ""}, // a site of one language: a page of its own
		{"content/Dr.Who.md", two, ""},
		{"content/v1.2.md", two, ""},
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

// TestHomeProblemAlone: a mistake in the home page's front matter, where
// the site's languages are set, is reported alone: not also as a missing
// home page, nor as translations, texts and schedule names in languages
// the site seems not to have. Fixed, the build is good.
func TestHomeProblemAlone(t *testing.T) {
	const home = "---\ntitle: Home\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n---\nHello.\n"
	fsys := fixture()
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte(home)}
	fsys["content/_index.es.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Inicio\n---\nHola.\n")}
	fsys["content/schedule.yaml"] = &fstest.MapFile{Data: []byte("- month: 2018-01\n  areas:\n    - name: All faculty\n      translations: {es: Todo el profesorado}\n")}
	fsys["layouts/i18n/en.yaml"] = &fstest.MapFile{Data: []byte("locale: en_US\n")}
	fsys["layouts/i18n/es.yaml"] = &fstest.MapFile{Data: []byte("locale: es_ES\n")}
	b, err := NewBuilder(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		t.Fatalf("the good site: %v", err)
	}
	for _, bad := range []string{
		strings.Replace(home, "title: Home", "title: Home: start", 1),
		strings.Replace(home, "title: Home", "title: Home\ntitle: Again", 1),
		strings.Replace(home, "name: Español}", "name: Español", 1),
	} {
		fsys["content/_index.md"] = &fstest.MapFile{Data: []byte(bad)}
		for _, build := range []func() error{
			func() error { _, err := b.Build([]string{"content/_index.md"}); return err },
			func() error { _, err := Build(fsys, Options{}); return err },
		} {
			err := build()
			var lines []string
			if err != nil {
				lines = strings.Split(err.Error(), "\n")
			}
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "content/_index.md:") {
				t.Errorf("home page\n%s\ngives\n%v\nwant one problem, at its line", bad, err)
			}
		}
	}
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte(home)}
	if _, err := b.Build([]string{"content/_index.md"}); err != nil {
		t.Errorf("fixed: %v", err)
	}
}

// TestTranslationsTextRebuilt: a layout that shows a page's translations'
// text is run again on the page when a translation's text changes.
func TestTranslationsTextRebuilt(t *testing.T) {
	fsys := fixture()
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\nlanguages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n---\nHello.\n")}
	fsys["layouts/i18n/en.yaml"] = &fstest.MapFile{Data: []byte("locale: en_US\n")}
	fsys["layouts/i18n/es.yaml"] = &fstest.MapFile{Data: []byte("locale: es_ES\n")}
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Content}}{{range .Translations}}{{if ne .Lang $.Lang}}<aside lang="{{.Lang}}">{{.Content}}</aside>{{end}}{{end}}{{end}}`)}
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nOne.\n")}
	fsys["content/a.es.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nUno.\n")}
	b, _ := firstBuild(t, fsys)
	fsys["content/a.es.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nDos.\n")}
	res, err := b.Build([]string{"content/a.es.md"})
	if err != nil {
		t.Fatal(err)
	}
	if page := string(res.Files["a/index.html"]); !strings.Contains(page, "Dos.") {
		t.Errorf("a/index.html after its translation changed:\n%s", page)
	}
}

// TestTextAskedButNotShown: a text a layout asks for is checked in every
// language even when no page shows it yet, at the line of a misspelt name.
func TestTextAskedButNotShown(t *testing.T) {
	fsys := fixture()
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}{{.Content}}\n{{with .Pages}}<h2>{{$.Site.T \"faq_more\"}}</h2>{{end}}{{end}}")}
	fsys["layouts/i18n/en.yaml"] = &fstest.MapFile{Data: []byte("locale: en_US\nfaq_mroe: More questions\n")}
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nNo pages under it.\n")}
	_, err := Build(fsys, Options{})
	want := `layouts/i18n/en.yaml:2: no text "faq_more", which a layout asks for, but this line has "faq_mroe": make the two names the same (correct the misspelt one, here or in the layout), or add a line faq_more: with its text (layouts/page.html:2 uses it)`
	if err == nil || err.Error() != want {
		t.Errorf("have %v\nwant %s", err, want)
	}
}
