package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rollout/internal/browsertest"
	"rollout/internal/sitetest"
)

// buildTwoLanguages builds the tests' two-language site (English and
// Spanish) and returns its source and output folders.
func buildTwoLanguages(t *testing.T, args ...string) (src, out string) {
	t.Helper()
	src = sitetest.CopyTwoLanguages(t)
	out = filepath.Join(t.TempDir(), "public")
	args = append([]string{"build", "-source", src, "-out", out, "-now", "2018-03-15", "-base-url", "https://org.github.io/repo/"}, args...)
	if code, _, stderr := rollout(t, args...); code != 0 {
		t.Fatal(stderr)
	}
	return src, out
}

func readOut(t *testing.T, out, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestTwoLanguages checks a site in English and Spanish (issue #18): the
// translations under /es/, in Spanish words, with lang, hreflang links
// and a plain language switcher; the untranslated page only in English;
// the sitemap's alternates; the schedule's calendar and data per
// language, with the areas' Spanish names.
func TestTwoLanguages(t *testing.T) {
	_, out := buildTwoLanguages(t)
	for _, name := range []string{"es/learn-more/index.html", "es/404.html"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); !os.IsNotExist(err) {
			t.Errorf("%s, not translated, is published: %v", name, err)
		}
	}

	home, esHome := readOut(t, out, "index.html"), readOut(t, out, "es/index.html")
	for _, want := range []string{
		`<html lang=es>`,
		`<link rel=alternate hreflang=en href=https://org.github.io/repo/>`,
		`<link rel=alternate hreflang=es href=https://org.github.io/repo/es/>`,
		`<link rel=alternate hreflang=x-default href=https://org.github.io/repo/>`,
		`<nav class=languages aria-label=Idiomas><ul><li><a href=/repo/ hreflang=en lang=en>English</a></li></ul></nav>`,
		`<meta property="og:locale" content="es_ES">`,
		`<a class=skip href=#main>Ir al contenido principal</a>`,
		`<p class=site-title><a href=/repo/es/>Capacitación para prevenir la conducta sexual inapropiada: MIT</a>`,
		`data-when="febrero de 2018" data-status=Abierta>`,
		`<li data-names="Policía del MIT" data-aliases="a:MIT Police" data-ics=/repo/es/schedule/area-mit-police.ics>Policía del MIT</li>`,
		`(incluye Recursos Humanos)`,
		`<h2 id=process>El proceso</h2>`,
		`Última modificación el <time datetime=2018-03-05>5 de marzo de 2018</time>.`,
		`<a href=/repo/es/schedule.ics>calendario (.ics)</a>`,
		// Not translated: shown in English, and said to be; the link in
		// Spanish within it says so too.
		`<section aria-labelledby=learn-more lang=en><h2 id=learn-more>Learn More</h2>`,
		`<a href=/repo/learn-more/ lang=es>Más sobre la capacitación</a>`,
		// The schedule's headings and notes are in the default language.
		`febrero de 2018: <span lang=en>Staff rollout begins</span> <span class=status>Abierta</span>`,
		`<span class=note lang=en>Includes the labs and centers`,
		`Lincoln Laboratory: <span class=note lang=en>Lincoln Laboratory is conducting a separate rollout.`,
	} {
		if !strings.Contains(esHome, want) {
			t.Errorf("es/index.html has no %s", want)
		}
	}
	for _, want := range []string{`<html lang=en>`, `<link rel=alternate hreflang=es href=https://org.github.io/repo/es/>`, `<a href=/repo/es/ hreflang=es lang=es>Español</a>`, `data-status=Released>`} {
		if !strings.Contains(home, want) {
			t.Errorf("index.html has no %s", want)
		}
	}
	if n := strings.Count(home, " lang=en"); n != 1 {
		t.Errorf("index.html, in English, says lang=en %d times, want once (<html>)", n)
	}
	// A page in one language has no alternates and no switcher.
	if learn := readOut(t, out, "learn-more/index.html"); strings.Contains(learn, "hreflang") || strings.Contains(learn, "class=languages") {
		t.Errorf("learn-more/index.html, in English only, names other languages")
	}
	// A citation of the schedule names the month in the page's language.
	if s := readOut(t, out, "es/schedule/index.html"); !strings.Contains(s, "el personal de CSAIL la recibe en mayo.") {
		t.Errorf("es/schedule/index.html does not cite May in Spanish")
	}

	sitemap := readOut(t, out, "sitemap.xml")
	for _, want := range []string{
		`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`,
		"<url><loc>https://org.github.io/repo/es/faq/</loc>\n<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://org.github.io/repo/faq/\"/>\n<xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"https://org.github.io/repo/es/faq/\"/>\n<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://org.github.io/repo/faq/\"/>\n</url>",
		"<url><loc>https://org.github.io/repo/learn-more/</loc></url>",
	} {
		if !strings.Contains(sitemap, want) {
			t.Errorf("sitemap.xml has no %s", want)
		}
	}

	// The schedule to take away, in each language.
	ics := strings.ReplaceAll(readOut(t, out, "es/schedule.ics"), "\r\n ", "")
	for _, want := range []string{"SUMMARY:Capacitación: Policía del MIT\\, Atlas Service Center y 2 áreas más\r\n", "SOURCE;VALUE=URI:https://org.github.io/repo/es/schedule.ics\r\n", "Preguntas: training@mit.edu"} {
		if !strings.Contains(ics, want) {
			t.Errorf("es/schedule.ics has no %q", want)
		}
	}
	var doc struct {
		Title, Calendar string
		Waves           []struct {
			Label string
			Areas []struct{ Name, Calendar string }
		}
	}
	if err := json.Unmarshal([]byte(readOut(t, out, "es/schedule.json")), &doc); err != nil {
		t.Fatal(err)
	}
	if w := doc.Waves[1]; doc.Calendar != "https://org.github.io/repo/es/schedule.ics" || w.Label != "febrero de 2018" || w.Areas[0].Name != "Policía del MIT" || w.Areas[0].Calendar != "https://org.github.io/repo/es/schedule/area-mit-police.ics" {
		t.Errorf("es/schedule.json: %+v", doc)
	}
	if en := readOut(t, out, "schedule.json"); !strings.Contains(en, `"label":"February 2018"`) || !strings.Contains(en, `"name":"MIT Police"`) {
		t.Errorf("schedule.json is not in English")
	}
}

// TestLanguagesCheck: check lists what is not translated, and the
// problems of languages are errors at their file and line.
func TestLanguagesCheck(t *testing.T) {
	src := sitetest.CopyTwoLanguages(t)
	code, stdout, stderr := rollout(t, "check", "-source", src)
	if code != 0 {
		t.Fatalf("check: %d\n%s", code, stderr)
	}
	if want := "content/learn-more.md: not in es (Español): translate it as content/learn-more.es.md\n"; !strings.Contains(stdout, want) || strings.Contains(stdout, "404") {
		t.Errorf("check says:\n%s\nwant the line\n%s", stdout, want)
	}

	for _, tt := range []struct {
		name  string
		setup func(src string)
		want  []string
	}{
		{"a text missing in one language", func(src string) {
			replaceIn(t, filepath.Join(src, "layouts", "i18n", "es.yaml"), "faq_more: Más preguntas\n", "")
		}, []string{`layouts/i18n/es.yaml: no "faq_more"; add it, translated: layouts/i18n/en.yaml:`}},
		{"a text the layouts use, in no language", func(src string) {
			replaceIn(t, filepath.Join(src, "layouts", "i18n", "es.yaml"), "faq_toc: Preguntas de esta página\n", "")
			replaceIn(t, filepath.Join(src, "layouts", "i18n", "en.yaml"), "faq_toc: Questions on this page\n", "")
		}, []string{`layouts/i18n/en.yaml: no text "faq_toc"; add a line faq_toc: with its text here and in the file of each other language (layouts/faq.html:6 uses it)`}},
		{"a text with a placeholder the layout does not fill", func(src string) {
			replaceIn(t, filepath.Join(src, "layouts", "i18n", "es.yaml"), "skip_link: Ir al contenido principal\n", "skip_link: Ir a {donde}\n")
			replaceIn(t, filepath.Join(src, "layouts", "i18n", "en.yaml"), "skip_link: Skip to main content\n", "skip_link: Skip to {donde}\n")
		}, []string{`: the text of "skip_link" has {donde}, but the layout gives no value for it; give one, as in ("donde", value), or remove {donde} from the text in every language (layouts/base.html:33 uses it)
layouts/i18n/es.yaml:4: the text of "skip_link" has {donde}`}},
		{"a calendar's text without its placeholder", func(src string) {
			replaceIn(t, filepath.Join(src, "layouts", "i18n", "es.yaml"), `calendar_wave: "Capacitación: {areas}"`, `calendar_wave: "Capacitación"`)
			replaceIn(t, filepath.Join(src, "layouts", "i18n", "en.yaml"), `calendar_wave: "Training rollout: {areas}"`, `calendar_wave: "Training rollout"`)
		}, []string{"the text of \"calendar_wave\" has no {areas}; add it to the text in every language, or drop it from the layout\nlayouts/i18n/es.yaml:54: the layout gives a value for {areas}"}},
		{"a language without its texts", func(src string) {
			os.Remove(filepath.Join(src, "layouts", "i18n", "es.yaml"))
		}, []string{"layouts/i18n/es.yaml: the file is missing: copy layouts/i18n/en.yaml and translate its texts"}},
		{"a translation into a language the site does not have", func(src string) {
			for _, p := range []string{"faq/_index.fr.md", "learn-more.fr.md"} {
				if err := os.WriteFile(filepath.Join(src, "content", p), []byte("---\ntitle: Le processus\n---\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}, []string{
			// A folder's own page cannot be a page of its own.
			"content/faq/_index.fr.md: the name reads as a translation into \"fr\", which is not one of the site's languages (en, es); use one of those codes or add the language to languages: in content/_index.md\n",
			`content/learn-more.fr.md: the name reads as a translation into "fr", which is not one of the site's languages (en, es); use one of those codes or add the language to languages: in content/_index.md, or, for a page of its own, name it learn-more-fr.md`,
		}},
		{"a translation named in the default language", func(src string) {
			if err := os.Rename(filepath.Join(src, "content", "learn-more.md"), filepath.Join(src, "content", "learn-more.en.md")); err != nil {
				t.Fatal(err)
			}
		}, []string{"content/learn-more.en.md: en is the site's default language, whose pages are named without a language: rename this file learn-more.md"}},
		{"a schedule name in a language the site does not have", func(src string) {
			replaceIn(t, filepath.Join(src, "content", "schedule.yaml"), "translations: {es: Policía del MIT}", "translations: {es: Policía del MIT, fr: Police du MIT}")
		}, []string{`: "fr" is not one of the site's languages (en, es); use one of those codes, or add the language to languages: in content/_index.md`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := sitetest.CopyTwoLanguages(t)
			tt.setup(src)
			out := filepath.Join(t.TempDir(), "public")
			code, _, stderr := rollout(t, "build", "-source", src, "-out", out)
			if code != 1 {
				t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
			}
			for _, want := range tt.want {
				if n := strings.Count(stderr, want); n != 1 {
					t.Errorf("stderr says it %d times:\n%s\nwant once:\n%s", n, stderr, want)
				}
			}
		})
	}
}

// TestFinderInSpanish: the finder on the Spanish home page answers in
// Spanish, finds areas by their Spanish and their English names, and
// says so when nothing matches.
func TestFinderInSpanish(t *testing.T) {
	ctx := browsertest.New(t)
	_, out := buildTwoLanguages(t)
	// The site is built for /repo/: serve it there.
	srv := httptest.NewServer(http.StripPrefix("/repo", http.FileServer(http.Dir(out))))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/repo/es/")); err != nil {
		t.Fatal(err)
	}
	answer := func(query string) string {
		t.Helper()
		var text string
		if err := chromedp.Run(ctx,
			chromedp.Evaluate(clearFinder, nil),
			chromedp.SendKeys("#find", query, chromedp.ByID),
			chromedp.Evaluate(`document.getElementById("find-result").textContent`, &text),
		); err != nil {
			t.Fatal(err)
		}
		return text
	}
	for query, want := range map[string]string{
		"policia":           "Policía del MIT: febrero de 2018 — abierta. Ver el mes · Añadir al calendario",
		"MIT Police":        "Policía del MIT (MIT Police): febrero de 2018 — abierta.",
		"recursos humanos":  "Recursos Humanos: febrero de 2018, con Office of the Executive Vice President & Treasurer — abierta.",
		"zzzz":              "Ningún área coincide con “zzzz”. Pruebe con el nombre de su escuela o área. Si no está en el calendario, escriba a training@mit.edu.",
		"Oficina de CSAIL":  "CSAIL: mayo de 2018, con Office of the VP for Research — próximamente.",
		"departamento CSAI": "CSAIL: mayo de 2018",
	} {
		if have := answer(query); !strings.HasPrefix(have, want) {
			t.Errorf("%q: the finder says %q, want %q", query, have, want)
		}
	}

	// The Spanish pages are as accessible as the English ones.
	axe := axeSource(t)
	for _, page := range []string{"/repo/es/", "/repo/es/schedule/", "/repo/es/faq/"} {
		var violations []struct{ ID, Help string }
		if err := chromedp.Run(ctx,
			chromedp.Navigate(srv.URL+page),
			chromedp.Evaluate(axe, nil),
			evalAsync(`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}).then(r => r.violations)`, &violations),
		); err != nil {
			t.Fatal(err)
		}
		for _, v := range violations {
			t.Errorf("%s: %s: %s", page, v.ID, v.Help)
		}
	}
}
