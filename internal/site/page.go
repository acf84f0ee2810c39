package site

import (
	"encoding/json"
	"fmt"
	"html/template"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"rollout/internal/diag"
	"rollout/internal/frontmatter"
	"rollout/internal/markdown"
	"rollout/internal/schedule"
)

// Page is one Markdown file of content/, ready for its layout. Pages are
// not modified after Build has loaded them.
type Page struct {
	// From the front matter; see [frontmatter.Meta].
	Title       string
	Description string
	Weight      int
	Draft       bool
	Date        schedule.Date
	Layout      string
	Menu        string

	Path      string              // source file, such as "content/faq/_index.md"
	URL       string              // site path, such as "/faq/"; see URL below
	Out       string              // output file, such as "faq/index.html"
	Content   template.HTML       // the Markdown body, rendered
	Questions []markdown.Question // "##" headings, on FAQ pages only
	Intro     template.HTML       // on FAQ pages, the content before the first question
	QA        template.HTML       // on FAQ pages, the content from the first question on

	// Site is the site as the page's layout sees it, set only on the copy
	// of the page that is being rendered: inside {{with}} or {{range}}
	// over other pages, layouts write $.Site.
	Site *Site
	// faq, on that copy too, holds its FAQSchema once made: the link
	// check reads it again from the output.
	faq *faqMemo

	meta     frontmatter.Meta                 // as decoded, with the home page's site settings
	relative map[string]markdown.RelativeLink // the Markdown's relative links, by the URL they lead to
	site     *Site
	parent   string // URL of the folder's page, or of the home page for a folder without one; "" for the home page
	// imageLine is the line of the image key in the source, when it is set.
	imageLine int
	base      string // the content path of the page p translates, or of p (see splitLang)
	key       string // see Key
	lang      string // the code of p's language, or "" for the default language
}

// A Picture is the picture link previews show for a page.
type Picture struct {
	URL string // its site path, such as "/og.png": a file of static/
	Alt string // what it shows, for people who cannot see it
}

// Picture returns the picture of p's link previews: its own image, or
// else the home page's, or nil.
func (p *Page) Picture() *Picture {
	for _, q := range []*Page{p, p.site.view(p.Lang()).Home, p.site.Home} {
		if q != nil && q.meta.Image != "" {
			return &Picture{URL: q.meta.Image, Alt: q.meta.ImageAlt}
		}
	}
	return nil
}

// IsHome reports whether p is the home page, in any language.
func (p *Page) IsHome() bool { return p.Key() == "/" }

// Key is p's site path in the site's default language, the same for all
// its translations: "/faq/" for /faq/ and /es/faq/. Layouts compare it
// to say "the schedule's page, in whichever language".
func (p *Page) Key() string { return p.key }

// Lang is the code of p's language, such as "en".
func (p *Page) Lang() string {
	if p.lang != "" {
		return p.lang
	}
	return p.site.defaultLang()
}

// Translations returns p in every language it is published in, p too, in
// the order of the site's languages; nil on a site of one language.
func (p *Page) Translations() []*Page { return p.site.translations[p.base] }

// IsFAQ reports whether p is under content/faq/.
func (p *Page) IsFAQ() bool { return strings.HasPrefix(p.Path, "content/faq/") }

// Pages returns the pages directly inside p's folder, when p is a folder's
// _index.md, in order of weight, then title.
func (p *Page) Pages() []*Page { return p.site.children[p.URL] }

// Parent returns the page of the folder p is in (the home page for a
// folder without _index.md), or nil for the home page.
func (p *Page) Parent() *Page { return p.site.byURL[p.parent] }

// pageURL maps a content path to its site path and output file, following
// the content contract: content/_index.md is /, content/x.md is /x/,
// content/dir/_index.md is /dir/, content/dir/x.md is /dir/x/, and
// content/404.md is /404.html. A translation, name.LANG.md beside its
// page (see splitLang), is published under /LANG/: content/x.es.md is
// /es/x/. The site path is in Unicode's composed form (NFC), whichever
// form the file system gave the name in: a page has one address, wherever
// it is built (see publishedName).
func pageURL(src string) (url, out, parent string) {
	base, lang := splitLang(src)
	url, parent = pageKey(base)
	if lang != "" {
		url = "/" + lang + url
		if parent != "" {
			parent = "/" + lang + parent
		}
	}
	out = strings.TrimPrefix(url, "/")
	if !strings.HasSuffix(url, ".html") {
		out += "index.html"
	}
	return url, out, parent
}

// pageKey returns the site path of the page at content path src in the
// default language, and of its folder's page ("" for the home page).
func pageKey(src string) (key, parent string) {
	rel := publishedName(strings.TrimSuffix(strings.TrimPrefix(src, "content/"), ".md"))
	dir, name := path.Split(rel)
	switch {
	case rel == "404":
		return "/404.html", ""
	case name == "_index":
		key = "/" + dir
	default:
		key = "/" + rel + "/"
	}
	if key != "/" {
		parent = path.Dir(strings.TrimSuffix(key, "/"))
		if parent != "/" {
			parent += "/"
		}
	}
	return key, parent
}

// splitLang splits the content path of a translation into the path of
// the page it translates and its language: content/faq/_index.es.md is
// content/faq/_index.md in "es". Any other path is itself, with "".
func splitLang(src string) (base, lang string) {
	stem, ok := strings.CutSuffix(src, ".md")
	i := strings.LastIndexByte(stem, '.')
	if !ok || i < 0 || !schedule.IsLanguageCode(stem[i+1:]) {
		return src, ""
	}
	return stem[:i] + ".md", stem[i+1:]
}

// FAQSchema returns the page's questions and answers as schema.org
// FAQPage data, for a layout to write as JSON-LD:
//
//	<script type="application/ld+json">{{.FAQSchema}}</script>
//
// It is JSON with <, > and & escaped, so it cannot end the script element.
func (p *Page) FAQSchema() template.JS {
	if p.faq == nil {
		return faqSchema(p.Questions)
	}
	if p.faq.js == "" {
		p.faq.js = faqSchema(p.Questions)
	}
	return p.faq.js
}

// faqMemo is a page's FAQSchema, made while its layout executes.
type faqMemo struct{ js template.JS }

// faqSchema returns the FAQPage JSON-LD of questions.
func faqSchema(questions []markdown.Question) template.JS {
	type answer struct {
		Type string `json:"@type"`
		Text string `json:"text"`
	}
	type question struct {
		Type   string `json:"@type"`
		Name   string `json:"name"`
		Answer answer `json:"acceptedAnswer"`
	}
	qs := []question{}
	for _, q := range questions {
		qs = append(qs, question{"Question", q.Text, answer{"Answer", strings.TrimSpace(string(q.Answer))}})
	}
	b, err := json.Marshal(struct { // escapes <, > and & as \u003c, \u003e, \u0026
		Context    string     `json:"@context"`
		Type       string     `json:"@type"`
		MainEntity []question `json:"mainEntity"`
	}{"https://schema.org", "FAQPage", qs})
	if err != nil {
		return ""
	}
	return template.JS(b)
}

// loadPage turns the Markdown file p, whose text is src, into a Page. Its
// warnings are those of the Markdown (raw HTML left out) and, when the
// page still has the guidance text of rollout new, one for that.
func (b *Builder) loadPage(p string, src []byte) (*Page, []error, error) {
	meta, body, bodyLine, err := frontmatter.Parse(p, src)
	if err != nil {
		return nil, nil, err
	}
	if err := markdown.Check(p, body, bodyLine); err != nil {
		return nil, nil, err
	}
	page := &Page{
		Title: meta.Title, Description: meta.Description, Weight: meta.Weight, Draft: meta.Draft,
		Date: meta.Date, Layout: meta.Layout, Menu: meta.Menu, Path: p, meta: meta,
	}
	page.URL, page.Out, page.parent = pageURL(p)
	page.base, page.lang = splitLang(p)
	page.key, _ = pageKey(page.base)
	var sched *schedule.Schedule
	if b.schedule != nil {
		sched = b.schedule.sched
	}
	r, err := b.md.Convert(p, page.URL, body, bodyLine, b.links.basePath, sched, b.citeOptions(page.lang)...)
	if err != nil {
		return nil, nil, err
	}
	page.Content, page.relative = r.HTML, r.Relative
	if page.IsFAQ() {
		page.Questions, page.Intro = r.Questions, r.Intro
		page.QA = r.HTML[len(r.Intro):]
	}
	warnings := r.Warnings
	if w := guidanceLeft(p, body, bodyLine); w != nil {
		warnings = append(warnings, w)
	}
	warnings = append(warnings, lengthWarnings(p, src, meta)...)
	for _, f := range []struct{ key, value string }{{"title", meta.Title}, {"description", meta.Description}, {"menu", meta.Menu}} {
		if c := markdown.CitationIn(f.value); c != "" {
			warnings = append(warnings, diag.Errorf(p, keyLine(src, f.key), "the %s has %s, which is published as typed: citations of the schedule are read in the page's text only; write the month itself here", f.key, c))
		}
	}
	if lang := b.langCode(page.lang); markdown.VagueLinkText(meta.Menu, lang) {
		such := ""
		if !markdown.VagueLinkText(meta.Title, lang) {
			such = fmt.Sprintf(", such as %q", meta.Title)
		}
		warnings = append(warnings, diag.Errorf(p, keyLine(src, "menu"), "the menu label %q says nothing of where it leads, to people who hear a page's links read out and to search engines; name what the page is about instead%s", meta.Menu, such))
	}
	if meta.Image != "" {
		page.imageLine = keyLine(src, "image")
	}
	return page, warnings, nil
}

// Search results and link previews cut a title after about 60 characters
// and a description after about 160.
const (
	maxTitle       = 60
	maxDescription = 160
)

// lengthWarnings warns, at its line of src, of a title or description
// longer than search results and link previews show.
func lengthWarnings(p string, src []byte, meta frontmatter.Meta) []error {
	var warnings []error
	for _, k := range []struct {
		key, text string
		max       int
	}{{"title", meta.Title, maxTitle}, {"description", meta.Description, maxDescription}} {
		if n := utf8.RuneCountInString(k.text); n > k.max {
			warnings = append(warnings, diag.Errorf(p, keyLine(src, k.key), "the %s is %d characters; search results and link previews show about %d: shorten it", k.key, n, k.max))
		}
	}
	return warnings
}

// keyLine returns the line of src where front-matter key is set, in YAML
// (key:) or TOML (key =), or 0.
func keyLine(src []byte, key string) int {
	for i, line := range strings.Split(string(src), "\n") {
		rest, ok := strings.CutPrefix(line, key)
		if ok && (strings.HasPrefix(strings.TrimLeft(rest, " \t"), ":") || strings.HasPrefix(strings.TrimLeft(rest, " \t"), "=")) {
			return i + 1
		}
	}
	return 0
}

// listingKey returns what lists, menus and titles may show of a page: when
// it changes, every page is rendered again.
func listingKey(src *source) string {
	switch {
	case src == nil:
		return "\x00absent"
	case src.page == nil:
		return "\x00not a page"
	}
	p := src.page
	return strings.Join([]string{p.URL, p.Title, p.Description, p.Menu, p.Layout, p.Date.String(),
		strconv.Itoa(p.Weight), strconv.FormatBool(p.Draft), p.meta.Contact, p.meta.CNAME, p.meta.SiteID,
		p.meta.Image, p.meta.ImageAlt, fmt.Sprint(p.meta.Languages)}, "\x00")
}
