package site

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"

	"rollout/internal/diag"
	"rollout/internal/frontmatter"
	"rollout/internal/i18n"
	"rollout/internal/markdown"
	"rollout/internal/schedule"
)

// A site in more than one language. The home page lists the languages
// (languages: in content/_index.md), the first being the default. A
// translation sits beside its page as name.LANG.md (see splitLang) and is
// published under /LANG/; the default language stays at the site's root.
// A page without a translation is not published in that language.
//
// The Site that Build assembles holds every page of every language: the
// outputs, the link check and the sitemap see them all. A layout sees its
// page's language only: Site.view gives a Site whose pages, menu, home
// page and title are the language's, whose Page finds the language's page
// by its key (its path in the default language), and whose T, Date and
// WaveLabel speak it, from layouts/i18n/CODE.yaml (see package i18n).

// A Language is one of the site's languages.
type Language struct {
	Code string // such as "es"
	Name string // the language's name in its own words, such as "Español"
}

// defaultLanguage is the language of a site whose home page lists none.
var defaultLanguage = Language{Code: "en", Name: "English"}

// languagesOf returns the languages the home page's front matter m lists,
// or the default language alone.
func languagesOf(m frontmatter.Meta) []Language {
	if len(m.Languages) == 0 {
		return []Language{defaultLanguage}
	}
	langs := make([]Language, len(m.Languages))
	for i, l := range m.Languages {
		langs[i] = Language{l.Code, l.Name}
	}
	return langs
}

// texts are the site's languages and the layouts' texts in them, read
// with the sources, before the pages: a page that cites the schedule
// names its months in its language.
type texts struct {
	langs   []Language
	catalog *i18n.Catalog // nil when err is not
	err     error
	// unsure is set when the home page is missing or its front matter
	// has problems, so that its languages may be read wrongly: what
	// depends on them is not judged until the home page's own problems
	// are fixed.
	unsure bool
}

// loadTexts reads the layouts' texts in the languages that the home
// page's front matter m lists; ok tells whether m was read without
// problems (see homeMeta).
func (b *Builder) loadTexts(m frontmatter.Meta, ok bool) {
	langs := languagesOf(m)
	c, err := i18n.Load(b.fsys, codes(langs))
	b.texts = texts{langs, c, err, !ok}
}

// translationProblems reports each translation in the schedule into a
// language the site does not have, or into its default language, at its
// line.
func translationProblems(sched *schedule.Schedule, langs []Language) []error {
	var problems []error
	check := func(ts []schedule.Translation) {
		for _, t := range ts {
			switch {
			case t.Lang == langs[0].Code:
				problems = append(problems, diag.Errorf("content/schedule.yaml", t.Line, "%s is the site's default language, in which names are written as they are: remove this translation", t.Lang))
			case !slices.Contains(codes(langs), t.Lang):
				problems = append(problems, diag.Errorf("content/schedule.yaml", t.Line, "%q is not one of the site's languages (%s); use one of those codes, or add the language to languages: in content/_index.md", t.Lang, strings.Join(codes(langs), ", ")))
			}
		}
	}
	for _, a := range sched.Areas() {
		check(a.Translations)
		for _, u := range a.Includes {
			check(a.UnitTranslations[u])
		}
	}
	return problems
}

// homeMeta reads the home page's front matter as far as it can be read,
// even when it has problems (which the page's own build reports): its
// base URL and languages hold for the whole site. It reads it as any
// source is read: a link or an oversized file is not read. ok is false
// when the home page could not be read or its front matter has problems.
func (b *Builder) homeMeta() (m frontmatter.Meta, ok bool) {
	src, err := readSource(b.fsys, "content/_index.md")
	if err != nil {
		return m, false
	}
	m, _, _, err = frontmatter.Parse("content/_index.md", src)
	return m, err == nil
}

// homeChanged reads everything again when the home page's languages
// changed: every page's address and language may have.
func (b *Builder) homeChanged() {
	m, ok := b.homeMeta()
	if !slices.Equal(languagesOf(m), b.texts.langs) {
		b.scanAll()
	}
	b.texts.unsure = !ok
}

// textsChanged reads the layouts' texts again, after a change in
// layouts/i18n, and converts again the pages that cite the schedule,
// whose months are named from them.
func (b *Builder) textsChanged() {
	b.loadTexts(b.homeMeta())
	b.recite()
}

// langCode is the code of a page's language lang, which is "" for the
// site's default language.
func (b *Builder) langCode(lang string) string {
	if lang == "" && len(b.texts.langs) > 0 {
		return b.texts.langs[0].Code
	}
	return lang
}

// citeOptions converts a page in language lang: it reads the names it
// cites in lang first, checks its link texts in lang, and names the months
// it cites from the layouts' texts, when they have them.
func (b *Builder) citeOptions(lang string) []markdown.Option {
	lang = b.langCode(lang)
	c := b.texts.catalog
	if c == nil {
		return []markdown.Option{markdown.In(lang)}
	}
	return []markdown.Option{markdown.In(lang), markdown.MonthsAs(func(w *schedule.Wave) string {
		var t string
		if w.ByMonth {
			t, _ = c.Month(lang, w.Start)
		} else {
			t, _ = c.WaveLabel(lang, w)
		}
		return t // "" when the texts have none: in English
	})}
}

// codes returns the codes of langs.
func codes(langs []Language) []string {
	cs := make([]string, len(langs))
	for i, l := range langs {
		cs[i] = l.Code
	}
	return cs
}

// langProblem says what is wrong with the language of the page at content
// path p, given the site's languages, or returns nil.
func langProblem(p string, langs []Language) error {
	base, lang := splitLang(p)
	if lang == "" {
		return miswrittenLang(p, langs)
	}
	name := strings.TrimPrefix(base, "content/")
	if lang == langs[0].Code {
		return diag.Errorf(p, 0, "%s is the site's default language, whose pages are named without a language: rename this file %s", lang, name)
	}
	if slices.Contains(codes(langs), lang) {
		return nil
	}
	// A page of its own is the other reading of the name, except for a
	// folder's own page or the 404 page, of which there is one.
	own := ""
	if b := strings.TrimSuffix(path.Base(base), ".md"); b != "_index" && b != "404" {
		own = ", or, for a page of its own, name it " + strings.TrimSuffix(name, ".md") + "-" + lang + ".md"
	}
	if len(langs) == 1 {
		return diag.Errorf(p, 0, "the name reads as a translation into %q, but the site has one language (%s); to publish translations, list the languages in content/_index.md (languages:)%s", lang, langs[0].Code, own)
	}
	return diag.Errorf(p, 0, "the name reads as a translation into %q, which is not one of the site's languages (%s); use one of those codes or add the language to languages: in content/_index.md%s", lang, strings.Join(codes(langs), ", "), own)
}

// miswrittenLang says how to rename the page at content path p whose name
// ends in one of the site's languages written otherwise than the site
// lists it (faq.ES.md, faq.es_ES.md, faq.es-ES.md for "es"), which would
// publish a page of its own in the default language; or returns nil.
func miswrittenLang(p string, langs []Language) error {
	stem, ok := strings.CutSuffix(p, ".md")
	i := strings.LastIndexByte(stem, '.')
	if !ok || i < 0 || strings.Contains(stem[i:], "/") {
		return nil
	}
	meant := schedule.MeantLanguageCode(stem[i+1:])
	if primary, _, _ := strings.Cut(meant, "-"); meant != "" && !slices.Contains(codes(langs), meant) && len(langs) > 1 && slices.Contains(codes(langs), primary) {
		meant = primary
	}
	if meant == "" || !slices.Contains(codes(langs), meant) {
		return nil
	}
	name := strings.TrimPrefix(stem[:i], "content/")
	if meant == langs[0].Code {
		return diag.Errorf(p, 0, "the name reads as a translation into %s, the site's default language, whose pages are named without a language: rename this file %s.md", meant, name)
	}
	return diag.Errorf(p, 0, "the name reads as a translation into %s, but the site writes that language %s, in lower case: rename this file %s.%s.md", meant, meant, name, meant)
}

// defaultLang returns the code of the site's default language.
func (s *Site) defaultLang() string {
	if len(s.Languages) == 0 {
		return defaultLanguage.Code
	}
	return s.Languages[0].Code
}

// view returns the site as the layouts of pages in language lang see it:
// s itself when the site has one language.
func (s *Site) view(lang string) *Site {
	if v := s.views[lang]; v != nil {
		return v
	}
	return s
}

// makeViews sets the pages' translations and makes each language's view
// of s (see view), when the site has more than one language. It is run
// after every assemble, as the pages it lists may have been read again.
func (s *Site) makeViews() {
	s.translations, s.views = nil, nil
	if len(s.Languages) < 2 {
		return
	}
	s.translations = map[string][]*Page{}
	for _, l := range s.Languages {
		for _, p := range s.Pages {
			if p.Lang() == l.Code {
				s.translations[p.base] = append(s.translations[p.base], p)
			}
		}
	}
	s.views = map[string]*Site{}
	for _, l := range s.Languages {
		v := *s
		v.Lang = l.Code
		v.Pages, v.Menu = nil, nil
		v.byKey = map[string]*Page{}
		for _, p := range s.Pages {
			if p.Lang() == l.Code {
				v.Pages = append(v.Pages, p)
				v.byKey[p.Key()] = p
			}
		}
		for _, p := range s.Menu {
			if p.Lang() == l.Code {
				v.Menu = append(v.Menu, p)
			}
		}
		if h := v.byKey["/"]; h != nil {
			v.Home = h
			v.Title, v.Description = h.Title, h.Description
		}
		s.views[l.Code] = &v // v.views is s.views, made above
	}
}

// Language returns p's language.
func (p *Page) Language() Language {
	for _, l := range p.site.Languages {
		if l.Code == p.Lang() {
			return l
		}
	}
	return Language{Code: p.Lang()}
}

// ScheduleLang is the language the schedule's headings and notes are
// written in, the site's default, on a page in another language, for a
// lang attribute around them; "" on a page in the default language.
func (s *Site) ScheduleLang() string {
	if d := s.defaultLang(); s.Lang != d {
		return d
	}
	return ""
}

// T returns the text of key in the site's language, from
// layouts/i18n/CODE.yaml, with each {name} in it replaced by the value
// after name in pairs: {{.Site.T "found" "area" .Name}}.
func (s *Site) T(key string, pairs ...string) (string, error) {
	if s.catalog == nil {
		return "", fmt.Errorf("this layout asks for the text %q of layouts/i18n/%s.yaml, which could not be read: see its problems", key, s.Lang)
	}
	return s.catalog.Text(s.Lang, key, pairs...)
}

// Raw is the text of key in the site's language with its {placeholders}
// as written, for a script to fill in.
func (s *Site) Raw(key string) (string, error) {
	if s.catalog == nil {
		return s.T(key)
	}
	return s.catalog.Raw(s.Lang, key)
}

// Date writes day d in the site's language: "January 2, 2006" in English.
func (s *Site) Date(d schedule.Date) string {
	if s.catalog != nil {
		if t, err := s.catalog.Date(s.Lang, d); err == nil {
			return t
		}
	}
	return d.Format("January 2, 2006")
}

// WaveLabel is w's time in the site's language: "January 2018",
// "October 25 to December 1, 2018" in English.
func (s *Site) WaveLabel(w *schedule.Wave) string {
	if s.catalog != nil {
		if t, err := s.catalog.WaveLabel(s.Lang, w); err == nil {
			return t
		}
	}
	return w.Label()
}

// AreaName is area a's name in the site's language.
func (s *Site) AreaName(a *schedule.Area) string { return a.NameIn(s.Lang) }

// UnitName is the name of unit, one of a's includes, in the site's language.
func (s *Site) UnitName(a *schedule.Area, unit string) string { return a.UnitIn(unit, s.Lang) }

// LangPath puts site path p in the folder of the site's language: the
// schedule's calendar, published once per language, is "/schedule.ics"
// in the default language and "/es/schedule.ics" in Spanish.
func (s *Site) LangPath(p string) string {
	if s.Lang == "" || s.Lang == s.defaultLang() {
		return p
	}
	return "/" + s.Lang + "/" + strings.TrimPrefix(p, "/")
}

// FinderNames is what the area finder lists for area a (data-names): its
// name and its units' names in the site's language, separated by "|".
func (s *Site) FinderNames(a *schedule.Area) string {
	names := []string{s.AreaName(a)}
	for _, u := range a.Includes {
		names = append(names, s.UnitName(a, u))
	}
	return strings.Join(names, "|")
}

// FinderAliases is what the area finder also finds area a by (data-
// aliases), separated by "|": "a:NAME" for the area's own other names,
// "i:NAME" for those of its unit i (counted from 0 in Includes). In a
// language other than the default, the names in the default language
// are other names too.
func (s *Site) FinderAliases(a *schedule.Area) string {
	var aliases []string
	add := func(who, name string) { aliases = append(aliases, who+":"+name) }
	for _, n := range a.Aliases {
		add("a", n)
	}
	other := s.Lang != s.defaultLang()
	if other && a.NameIn(s.Lang) != a.Name {
		add("a", a.Name)
	}
	for i, u := range a.Includes {
		for _, n := range a.AliasesOf(u) {
			add(strconv.Itoa(i), n)
		}
		if other && a.UnitIn(u, s.Lang) != u {
			add(strconv.Itoa(i), u)
		}
	}
	return strings.Join(aliases, "|")
}

// Untranslated returns, as of the last good Build, a line for each page
// of the default language (but the 404 page, which hosts serve for every
// address) and each other language it is not translated into, such as
// "content/faq/_index.md: not in es (Español): translate it as
// content/faq/_index.es.md"; none on a site of one language.
func (b *Builder) Untranslated() []error {
	s := b.site
	if s == nil || len(s.Languages) < 2 {
		return nil
	}
	var lines []error
	for _, p := range s.Pages {
		if p.lang != "" || p.Key() == "/404.html" { // hosts serve the one 404 page
			continue
		}
		for _, l := range s.Languages[1:] {
			if !slices.ContainsFunc(p.Translations(), func(t *Page) bool { return t.Lang() == l.Code }) {
				name := strings.TrimSuffix(p.Path, ".md") + "." + l.Code + ".md"
				lines = append(lines, diag.Errorf(p.Path, 0, "not in %s (%s): translate it as %s", l.Code, l.Name, name))
			}
		}
	}
	sortProblems(lines)
	return lines
}
