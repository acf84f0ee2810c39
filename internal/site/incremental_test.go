package site

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"rollout/internal/schedule"
)

// FuzzIncremental checks that a Builder's incremental builds equal clean
// ones. Its input is a small program: every three bytes are one operation
// on a site in a real folder (write, delete or rename a page, a layout, a
// static file, the schedule or a whole folder; save a file again
// unchanged; write an editor's scratch file; or build everything) and its
// two arguments. After each operation one long-lived Builder builds again
// with the paths the operation touched, as the file watcher reports them
// (both names of a renamed file or folder, a removed folder's own path),
// and the result must equal a clean build of the same folder: the same
// files with the same bytes, or the same error. Result.Changed and
// Result.Removed must be exactly what differs from the previous good
// build, and a scratch file must change nothing. An operation that breaks
// the site is followed by putting back the files of the last good build
// (see op.keep). Every program runs with each of incrementalOptions.
//
// go test runs the seeds below; go test -fuzz FuzzIncremental explores.
// A failure names the options, the operations that led to it, step by
// step, and each output file that differs: missing, extra, or stale
// (unchanged since the previous build) or wrong, with where it differs.
func FuzzIncremental(f *testing.F) {
	for _, s := range incrementalSeeds {
		f.Add(encodeOps(s.ops))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ops := decodeOps(data)
		for _, opt := range incrementalOptions {
			if fail := runIncremental(t.TempDir(), ops, opt); fail != nil {
				if name := seedName(data); name != "" {
					t.Errorf("seed %q: %s", name, fail)
				} else {
					t.Error(fail)
				}
			}
		}
	})
}

// incrementalOptions are the options every program is run with; the last
// takes the base URL from the home page, which may set one (vBaseURL).
var incrementalOptions = []Options{
	{BaseURL: "https://org.github.io/repo/", Now: incNow, Fingerprint: true},
	{BaseURL: "https://org.github.io/repo/", Now: incNow},
	{Now: incNow, Fingerprint: true},
}

// maxOps keeps each run of the fuzz target short.
const maxOps = 20

// An op is one step of a program: its kind and two arguments, each taken
// modulo the size of the list it picks from. When an op breaks the site (a
// clean build fails), the next step puts back the files of the last good
// build, unless keep is set: then up to two more ops run on the broken site
// first, and may fix it by themselves.
type op struct {
	kind opKind
	a, b byte
	keep bool // encoded as the high bit of the kind's byte
}

type opKind byte

const (
	opWritePage      opKind = iota // write pagePaths[a] as pageVariants[b]: a new page, or an edit
	opDeletePage                   // delete pagePaths[a]
	opRenamePage                   // rename pagePaths[a] to pagePaths[b]
	opWriteSchedule                // write content/schedule.yaml as scheduleVariants[a]
	opDeleteSchedule               // delete content/schedule.yaml
	opWriteLayout                  // write layoutFiles[a] as its variant b
	opDeleteLayout                 // delete layoutFiles[a]
	opWriteStatic                  // write staticPaths[a] as variant b of its type
	opDeleteStatic                 // delete staticPaths[a]
	opRenameStatic                 // rename staticPaths[a] to staticPaths[b]
	opDeleteFolder                 // delete the folder of folderPairs[a] that exists
	opRenameFolder                 // rename the folder of folderPairs[a] that exists to the pair's other name
	opTouch                        // save the a-th source file again, unchanged
	opScratch                      // write scratchPaths[a], an editor's scratch file, which changes nothing
	opBuildAll                     // change nothing, and Build(nil), as after the watcher's queue overflowed
	numOps
)

func encodeOps(ops []op) []byte {
	var b []byte
	for _, o := range ops {
		k := byte(o.kind)
		if o.keep {
			k |= 0x80
		}
		b = append(b, k, o.a, o.b)
	}
	return b
}

func decodeOps(data []byte) []op {
	var ops []op
	for len(data) >= 3 && len(ops) < maxOps {
		ops = append(ops, op{opKind(data[0]&0x7f) % numOps, data[1], data[2], data[0]&0x80 != 0})
		data = data[3:]
	}
	return ops
}

// maxBroken is how many steps in a row may leave the site broken before
// the files of the last good build are put back.
const maxBroken = 3

// Pages. Every page's title comes from its path, so that a page keeps its
// place in lists when only its body changes.
const (
	pHome = iota
	pAbout
	p404
	pFAQ
	pFAQMore
	pFAQDraft
	pGuide
	pStep
	pDeep
	pLeaf
	pLoose
	pNews
	pAboutDir   // the URL of content/about.md
	pAboutUpper // a URL that differs from content/about.md's only in case
	pNotes      // not Markdown: an error
	pHomeES     // translations into Spanish, which the home page may list
	pFAQES
	pAboutES
	numPages
)

var pagePaths = [numPages]string{
	pHome:       "content/_index.md",
	pAbout:      "content/about.md",
	p404:        "content/404.md",
	pFAQ:        "content/faq/_index.md",
	pFAQMore:    "content/faq/more.md",
	pFAQDraft:   "content/faq/draft.md",
	pGuide:      "content/guide/_index.md",
	pStep:       "content/guide/step.md",
	pDeep:       "content/guide/deep/_index.md",
	pLeaf:       "content/guide/deep/leaf.md",
	pLoose:      "content/loose/x.md",
	pNews:       "content/news.md",
	pAboutDir:   "content/about/_index.md",
	pAboutUpper: "content/About.md",
	pNotes:      "content/notes.txt",
	pHomeES:     "content/_index.es.md",
	pFAQES:      "content/faq/_index.es.md",
	pAboutES:    "content/about.es.md",
}

const (
	vPlain           = iota
	vNewText         // the same front matter as vPlain, another body
	vRetitled        // another title
	vQuestions       // an intro and two questions
	vOtherQuestions  // an intro, one question changed, one answer changed
	vMenu            // vPlain with a menu label and a weight
	vMenuNewText     // vMenu with another body
	vWeight          // vPlain with a weight
	vDescription     // vPlain with a description
	vDraft           // draft: true
	vDraftNewText    // vDraft with another body
	vCites           // cites the schedule: CSAIL, MIT Libraries, first and last month
	vCitesLIDS       // cites LIDS, a unit only some schedules have
	vRelative        // relative links
	vLayoutPlain     // layout: plain
	vTOML            // TOML front matter
	vSiteSettings    // contact and cname: valid on the home page only
	vSiteSettings2   // vSiteSettings with another body
	vBaseURL         // a base URL: valid on the home page only, used when Options.BaseURL is ""
	vDate            // vPlain with a date
	vCRLF            // vPlain with a byte-order mark and CRLF line ends: the same output
	vBrokenFront     // a misspelt key
	vNoTitle         // no title
	vMissingLayout   // layout: wide, which does not exist
	vLanguages       // the site's languages, English and Spanish (on the home page)
	vLanguagesFR     // English and French
	vLanguagesBroken // English and Spanish, and a misspelt key
	numPageVariants
)

func pageFront(lines ...string) string { return "---\n" + strings.Join(lines, "\n") + "\n---\n\n" }

var pageVariants = [numPageVariants]struct {
	name string
	text func(title string) string
}{
	vPlain: {"plain", func(t string) string { return pageFront("title: "+t) + "Text of " + t + ".\n" }},
	vNewText: {"new text", func(t string) string {
		return pageFront("title: "+t) + "New text of " + t + ", with a [link](/about/).\n"
	}},
	vRetitled: {"retitled", func(t string) string { return pageFront("title: "+t+" revised") + "Text of " + t + ".\n" }},
	vQuestions: {"questions", func(t string) string {
		return pageFront("title: "+t) + "Intro to " + t + ".\n\n## What is " + t + "?\n\nIt is " + t + ".\n\n## When does it start? {#when}\n\nSoon.\n"
	}},
	vOtherQuestions: {"other questions", func(t string) string {
		return pageFront("title: "+t) + "New intro to " + t + ".\n\n## What is " + t + "?\n\nStill " + t + ".\n\n## Who takes it?\n\nEveryone.\n"
	}},
	vMenu: {"menu label", func(t string) string {
		return pageFront("title: "+t, "menu: "+t+" menu", "weight: 2") + "Text of " + t + ".\n"
	}},
	vMenuNewText: {"menu label, other text", func(t string) string {
		return pageFront("title: "+t, "menu: "+t+" menu", "weight: 2") + "New text of " + t + ".\n"
	}},
	vWeight: {"weight", func(t string) string { return pageFront("title: "+t, "weight: -3") + "Text of " + t + ".\n" }},
	vDescription: {"description", func(t string) string {
		return pageFront("title: "+t, `description: "All about `+t+`."`) + "Text of " + t + ".\n"
	}},
	vDraft: {"draft", func(t string) string { return pageFront("title: "+t, "draft: true") + "Not ready.\n" }},
	vDraftNewText: {"draft, other text", func(t string) string {
		return pageFront("title: "+t, "draft: true") + "Still not ready.\n"
	}},
	vCites: {"cites the schedule", func(t string) string {
		return pageFront("title: "+t) + "Research starts in {month of CSAIL}; the rollout runs from {first month} to {last month}. Libraries: {month of MIT Libraries}.\n"
	}},
	vCitesLIDS: {"cites LIDS", func(t string) string { return pageFront("title: "+t) + "LIDS starts in {month of LIDS}.\n" }},
	vRelative: {"relative links", func(t string) string {
		return pageFront("title: "+t) + "See [when](../../faq/#when), [up](../) and [home](/).\n"
	}},
	vLayoutPlain: {"layout plain", func(t string) string { return pageFront("title: "+t, "layout: plain") + "Plain text of " + t + ".\n" }},
	vTOML: {"TOML", func(t string) string {
		return "+++\ntitle = \"" + t + "\"\nweight = 1\n+++\n\nTOML text of " + t + ".\n"
	}},
	vSiteSettings: {"site settings", func(t string) string {
		return pageFront("title: "+t, "description: The training rollout.", "contact: training@example.org", "cname: training.example.edu") + "Welcome to " + t + ".\n"
	}},
	vSiteSettings2: {"site settings, other text", func(t string) string {
		return pageFront("title: "+t, "description: The training rollout.", "contact: training@example.org", "cname: training.example.edu") + "Welcome again to " + t + ".\n"
	}},
	vBaseURL: {"base URL", func(t string) string {
		return pageFront("title: "+t, "baseURL: https://training.example.edu/docs/") + "Text of " + t + ".\n"
	}},
	vDate: {"date", func(t string) string { return pageFront("title: "+t, "date: 2018-02-01") + "Text of " + t + ".\n" }},
	vCRLF: {"plain, with CRLF", func(t string) string {
		return "\uFEFF" + strings.ReplaceAll(pageFront("title: "+t)+"Text of "+t+".\n", "\n", "\r\n")
	}},
	vBrokenFront:   {"broken front matter", func(t string) string { return pageFront("title: "+t, "wieght: 1") + "Text of " + t + ".\n" }},
	vNoTitle:       {"no title", func(t string) string { return pageFront("description: Untitled.") + "Text.\n" }},
	vMissingLayout: {"missing layout", func(t string) string { return pageFront("title: "+t, "layout: wide") + "Text of " + t + ".\n" }},
	vLanguages: {"languages", func(t string) string {
		return pageFront("title: "+t, "languages:", "  - {code: en, name: English}", "  - {code: es, name: Español}") + "Text of " + t + " in {month of CSAIL}.\n"
	}},
	vLanguagesBroken: {"languages, and a misspelt key", func(t string) string {
		return pageFront("title: "+t, "wieght: 1", "languages:", "  - {code: en, name: English}", "  - {code: es, name: Español}") + "Text of " + t + ".\n"
	}},
	vLanguagesFR: {"other languages", func(t string) string {
		return pageFront("title: "+t, "languages:", "  - {code: en, name: English}", "  - {code: fr, name: Français}") + "Text of " + t + ".\n"
	}},
}

// pageTitle names the page at content path p: "About" for
// content/about.md, "Guide" for content/guide/_index.md.
func pageTitle(p string) string {
	switch p {
	case "content/_index.md":
		return "Home"
	case "content/404.md":
		return "Not found"
	}
	name := strings.TrimSuffix(path.Base(p), ".md")
	if name == "_index" {
		name = path.Base(path.Dir(p))
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

const (
	sBase          = iota
	sMoveLibraries // MIT Libraries moved from March to May
	sAddUnit       // LIDS added to Research's includes
	sSeparate      // a separate rollout with a note
	sRange         // a wave given as a range of days
	sBrokenMonth   // invalid: month 2018-13
	sDuplicate     // invalid: an area listed twice
	sTranslated    // MIT Libraries and CSAIL named in Spanish
	numSchedules
)

const scheduleBase = `- month: 2018-01
  heading: Faculty
  areas:
    - All faculty
- month: 2018-03
  areas:
    - name: Research
      includes: [CSAIL]
      note: Labs too.
    - MIT Libraries
- month: 2018-05
  areas:
    - MIT Police
`

var scheduleVariants = [numSchedules]struct{ name, text string }{
	sBase:          {"base", scheduleBase},
	sMoveLibraries: {"MIT Libraries moved to May", strings.Replace(strings.Replace(scheduleBase, "    - MIT Libraries\n", "", 1), "    - MIT Police\n", "    - MIT Police\n    - MIT Libraries\n", 1)},
	sAddUnit:       {"LIDS added under includes", strings.Replace(scheduleBase, "[CSAIL]", "[CSAIL, LIDS]", 1)},
	sSeparate:      {"a separate rollout", scheduleBase + "- separate: Lincoln Laboratory\n  note: Lincoln Laboratory is conducting a separate rollout.\n"},
	sRange:         {"a range of days", scheduleBase + "- start: 2018-10-25\n  end: 2018-12-01\n  note: The last wave.\n  areas:\n    - Later area\n"},
	sBrokenMonth:   {"broken: month 2018-13", strings.Replace(scheduleBase, "2018-05", "2018-13", 1)},
	sDuplicate:     {"broken: an area listed twice", scheduleBase + "    - MIT Libraries\n"},
	sTranslated: {"names in Spanish", strings.Replace(strings.Replace(scheduleBase, "    - MIT Libraries\n", "    - name: MIT Libraries\n      translations: {es: Bibliotecas del MIT}\n", 1),
		"[CSAIL]", "\n        - name: CSAIL\n          translations: {es: Laboratorio CSAIL}\n", 1)},
}

// Layouts, each with its variants; the first is the starting one.
const (
	lBase = iota
	lHome
	lSection
	lFAQ
	lPage
	l404
	lPlain
	lFooter
	lExtra
	lTextsEN // the layouts' words (layouts/i18n), which only the "words" variant of the base uses
	lTextsES
	numLayouts
)

type incVariant struct{ name, text string }

var layoutFiles = [numLayouts]struct {
	path     string
	variants []incVariant
}{
	lBase: {"layouts/base.html", []incVariant{
		{"full", `<!DOCTYPE html><html lang="en"><head><title>{{.Title}} | {{.Site.Title}}</title><link rel="stylesheet" href="{{url "/style.css"}}"><script src="{{url "/js/app.js"}}"></script><script src="{{url "/vendor/lib-1.0/lib.js"}}"></script>{{if .Site.Origin}}<link rel="canonical" href="{{absURL .URL}}">{{end}}</head><body><nav>{{range .Site.Menu}}<a href="{{url .URL}}">{{.Menu}}</a> {{end}}</nav><main>{{template "main" .}}</main>{{template "layouts/partials/footer.html" .}}</body></html>`},
		{"minimal", `<!DOCTYPE html><html><head><title>{{.Title}}</title></head><body>{{template "main" .}}</body></html>`},
		{"description, contact and the extra partial", `<!DOCTYPE html><html><head><title>{{.Title}}</title><meta name="description" content="{{.Description}}"><link rel="stylesheet" href="{{url "/css/extra.css"}}"></head><body>{{template "main" .}}{{template "layouts/partials/extra.html" .}}<p>{{.Site.Contact}}</p></body></html>`},
		{"broken", `<!DOCTYPE html><html><body>{{template "main" .}</body></html>`},
		{"words and languages", `<!DOCTYPE html><html lang="{{.Lang}}"><head><title>{{.Title}}</title>{{range .Translations}}<link rel="alternate" hreflang="{{.Lang}}" href="{{absURL .URL}}">{{end}}</head><body><nav>{{range .Site.Menu}}<a href="{{url .URL}}">{{.Menu}}</a> {{end}}{{range .Translations}}<a href="{{url .URL}}">{{.Language.Name}}</a> {{end}}</nav><main>{{template "main" .}}</main><p>{{.Site.T "more"}} {{.Site.Date .Date}}{{with .Site.Schedule}}{{range .Waves}} {{$.Site.WaveLabel .}}:{{range .Areas}} {{$.Site.AreaName .}}{{end}}{{end}}{{end}} <a href="{{url (.Site.LangPath "/schedule.ics")}}">ics</a></p></body></html>`},
		{"the translations' text", `<!DOCTYPE html><html lang="{{.Lang}}"><head><title>{{.Title}}</title></head><body><main>{{template "main" .}}</main>{{range .Translations}}{{if ne .Lang $.Lang}}<aside lang="{{.Lang}}">{{.Content}}</aside>{{end}}{{end}}</body></html>`},
	}},
	lHome: {"layouts/home.html", []incVariant{
		{"FAQ questions, site pages and schedule", `{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}{{with .Site.Page "/faq/"}}{{range .Questions}}<h3 id="{{.ID}}">{{.Text}}</h3>{{end}}{{end}}<ul>{{range .Site.Pages}}<li><a href="{{url .URL}}">{{.Title}}</a></li>{{end}}</ul>{{range .Site.Schedule.Waves}}<h2 id="{{.ID}}">{{.Label}} ({{.Status $.Site.Now}})</h2><p>{{range .Areas}}{{.Name}}{{range .Includes}}, {{.}}{{end}}; {{end}}</p>{{end}}{{range .Site.Schedule.Separate}}<p>{{.Name}}: {{.Note}}</p>{{end}}{{end}}`},
		{"site pages' questions", `{{define "main"}}{{.Content}}{{range .Site.Pages}}<h2>{{.Title}}</h2>{{range .Questions}}<h3>{{.Text}}</h3>{{end}}{{end}}{{end}}`},
		{"content only", `{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}{{end}}`},
		{"site pages' content", `{{define "main"}}{{range .Site.Pages}}<section><h2>{{.Title}}</h2>{{.Content}}</section>{{end}}{{end}}`},
		{"the guide's pages", `{{define "main"}}{{.Content}}{{with .Site.Page "/guide/"}}{{range .Pages}}<a href="{{url .URL}}">{{.Title}}</a>{{end}}{{end}}{{end}}`},
		{"the guide's pages' content", `{{define "main"}}{{.Content}}{{with .Site.Page "/guide/"}}{{range .Pages}}<section>{{.Content}}</section>{{end}}{{end}}{{end}}`},
		{"the FAQ's intro through a partial", `{{define "main"}}{{.Content}}{{template "layouts/partials/extra.html" (.Site.Page "/faq/")}}{{end}}`},
		{"a step's parent's text", `{{define "main"}}{{.Content}}{{with .Site.Page "/guide/step/"}}<p>{{.Title}}</p>{{.Parent.Content}}{{end}}{{end}}`},
		{"broken: no main", `<p>{{.Title}}</p>`},
	}},
	lSection: {"layouts/section.html", []incVariant{
		{"links to its pages", `{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}{{range .Pages}}<a href="{{url .URL}}">{{.Title}}</a>{{end}}{{end}}`},
		{"its pages' content", `{{define "main"}}{{.Content}}{{range .Pages}}<h2>{{.Title}}</h2>{{.Content}}{{end}}{{end}}`},
		{"content only", `{{define "main"}}{{.Content}}{{end}}`},
		{"descriptions and parent", `{{define "main"}}{{range .Pages}}<p>{{.Title}}: {{.Description}}</p>{{end}}{{with .Parent}}<a href="{{url .URL}}">{{.Title}}</a>{{end}}{{end}}`},
	}},
	lFAQ: {"layouts/faq.html", []incVariant{
		{"questions and links to its pages", `{{define "main"}}<h1>{{.Title}}</h1>{{.Intro}}{{range .Questions}}<h2 id="{{.ID}}">{{.Text}}</h2>{{.Answer}}{{end}}<script type="application/ld+json">{{.FAQSchema}}</script>{{range .Pages}}<a href="{{url .URL}}">{{.Title}}</a>{{end}}{{end}}`},
		{"its pages' questions", `{{define "main"}}{{.Content}}{{range .Pages}}<h2>{{.Title}}</h2><ul>{{range .Questions}}<li>{{.Text}}</li>{{end}}</ul>{{end}}{{end}}`},
		{"content only", `{{define "main"}}{{.Content}}{{end}}`},
	}},
	lPage: {"layouts/page.html", []incVariant{
		{"link to parent", `{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}{{with .Parent}}<a href="{{url .URL}}">{{.Title}}</a>{{end}}{{end}}`},
		{"parent's content", `{{define "main"}}{{.Content}}{{with .Parent}}<aside>{{.Content}}</aside>{{end}}{{end}}`},
		{"the about page", `{{define "main"}}{{.Content}}{{with .Site.Page "/about/"}}<aside>{{.Title}}: {{.Content}}</aside>{{end}}{{end}}`},
		{"the FAQ's answers from inside a range", `{{define "main"}}{{.Content}}{{range .Site.Menu}}{{with $.Site.Page "/faq/"}}<aside>{{.QA}}</aside>{{end}}{{end}}{{end}}`},
	}},
	l404: {"layouts/404.html", []incVariant{
		{"content", `{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}{{end}}`},
		{"links to every page", `{{define "main"}}{{.Content}}<ul>{{range .Site.Pages}}<li><a href="{{url .URL}}">{{.Title}}</a></li>{{end}}</ul>{{end}}`},
	}},
	lPlain: {"layouts/plain.html", []incVariant{
		{"article", `{{define "main"}}<article>{{.Content}}</article>{{end}}`},
	}},
	lFooter: {"layouts/partials/footer.html", []incVariant{
		{"path and day", `<footer>{{.Path}} built for {{.Site.Now}}</footer>`},
		{"site title and count", `<footer>{{.Site.Title}}: {{len .Site.Pages}} pages{{with .Site.Contact}}, {{.}}{{end}}</footer>`},
		{"the home page's text", `<footer>{{with .Site.Home}}{{.Content}}{{end}}</footer>`},
		{"broken", `<footer>{{.Path</footer>`},
	}},
	lExtra: {"layouts/partials/extra.html", []incVariant{
		{"title and intro", `<aside>{{.Title}}: {{.Intro}}</aside>`},
		{"title and text", `<aside>{{.Title}}: {{.Content}}</aside>`},
	}},
	lTextsEN: {"layouts/i18n/en.yaml", []incVariant{
		{"English", incMonths("more: More\ndate: \"{month} {day}, {year}\"\nmonth_year: \"{month} {year}\"\nrange_within_year: \"{start_month} {start_day} to {end_month} {end_day}, {year}\"\nrange: \"{start} to {end}\"\n", "January February March April May June July August September October November December")},
		{"other words", incMonths("more: Further\ndate: \"{day} {month} {year}\"\nmonth_year: \"{month} {year}\"\nrange_within_year: \"{start_day} {start_month} to {end_day} {end_month} {year}\"\nrange: \"{start} to {end}\"\n", "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")},
		{"broken: a key twice", "more: More\nmore: Again\n"},
	}},
	lTextsES: {"layouts/i18n/es.yaml", []incVariant{
		{"Spanish", incMonths("more: Más\ndate: \"{day} de {month} de {year}\"\nmonth_year: \"{month} de {year}\"\nrange_within_year: \"{start_day} de {start_month} al {end_day} de {end_month} de {year}\"\nrange: \"{start} al {end}\"\n", "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre")},
		{"a text missing", "more: Más\n"},
	}},
}

// incMonths is texts with the months' keys, month_1 to month_12, named
// as in names.
func incMonths(texts, names string) string {
	for i, n := range strings.Fields(names) {
		texts += fmt.Sprintf("month_%d: %s\n", i+1, n)
	}
	return texts
}

// Static files, with variants by type.
const (
	stStyle = iota
	stApp
	stLogo
	stNotes
	stExtraCSS
	stSiteCSS
	stMainJS
	stReadme
	stRobots // rollout writes robots.txt itself: an error
	st404    // where content/404.md is published: an error while it exists
	stCNAME  // rollout writes CNAME itself while the home page sets cname
	stLib    // a script in a folder whose name has a dot
	stAbout  // where content/about.md is published: an error while it exists
	numStatics
)

var staticPaths = [numStatics]string{
	stStyle:    "static/style.css",
	stApp:      "static/js/app.js",
	stLogo:     "static/logo.svg",
	stNotes:    "static/notes.txt",
	stExtraCSS: "static/css/extra.css",
	stSiteCSS:  "static/site.css",
	stMainJS:   "static/js/main.js",
	stReadme:   "static/readme.txt",
	stRobots:   "static/robots.txt",
	st404:      "static/404.html",
	stCNAME:    "static/CNAME",
	stLib:      "static/vendor/lib-1.0/lib.js",
	stAbout:    "static/about/index.html",
}

var staticVariants = map[string][]string{
	".css":  {"/* comment */\nbody {\n  color: #000000;\n  margin: 0px;\n}\n", "body { color: red }\n", "body{color:#000;margin:0}"},
	".js":   {"// comment\nfunction hello ( name ) {\n  return \"hello \" + name ;\n}\n", "console.log( 1 + 2 );\n", "let broken = ;\n"},
	".svg":  {`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#ff0000"/></svg>`, `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"> <circle cx="5" cy="5" r="4"/> </svg>`},
	".txt":  {"not minified\n", "Other notes.\n"},
	".html": {"<!DOCTYPE html><title>Lost</title><p>Not here.</p>\n"},
	"":      {"training.example.edu\n"},
}

// Folders that operations delete or rename, in pairs: a rename moves the
// one that exists to the other name.
const (
	fFAQ = iota
	fGuide
	fDeep
	fLoose
	fJS
	fStatic
	fPartials
	fLib
	numFolders
)

var folderPairs = [numFolders][2]string{
	fFAQ:      {"content/faq", "content/help"},
	fGuide:    {"content/guide", "content/manual"},
	fDeep:     {"content/guide/deep", "content/deep"},
	fLoose:    {"content/loose", "content/guide/loose"},
	fJS:       {"static/js", "static/scripts"},
	fStatic:   {"static", "assets"},
	fPartials: {"layouts/partials", "layouts/parts"},
	fLib:      {"static/vendor/lib-1.0", "static/vendor/lib-2.0"},
}

// scratchPaths are files that editors write beside the ones they save:
// every build ignores them.
var scratchPaths = []string{
	"content/.about.md.swp",
	"content/faq/more.md~",
	"content/4913",
	"layouts/.home.html.swp",
	"layouts/partials/.#footer.html",
	"layouts/#page.html#",
	"static/style.css.tmp",
	"static/js/.#app.js",
}

// The starting site.
var (
	startPages = map[int]int{
		pHome: vSiteSettings, pAbout: vMenu, p404: vPlain, pFAQ: vQuestions, pFAQMore: vOtherQuestions,
		pFAQDraft: vDraft, pGuide: vPlain, pStep: vRelative, pNews: vCites,
	}
	startStatics = []int{stStyle, stApp, stLogo, stNotes, stLib}
	incNow, _    = schedule.ParseDate("2018-03-15")
)

// Helpers that make seeds readable.
func writePage(p, v int) op        { return op{kind: opWritePage, a: byte(p), b: byte(v)} }
func deletePage(p int) op          { return op{kind: opDeletePage, a: byte(p)} }
func renamePage(from, to int) op   { return op{kind: opRenamePage, a: byte(from), b: byte(to)} }
func writeSchedule(v int) op       { return op{kind: opWriteSchedule, a: byte(v)} }
func deleteSchedule() op           { return op{kind: opDeleteSchedule, a: 0} }
func deleteLayout(l int) op        { return op{kind: opDeleteLayout, a: byte(l)} }
func writeStatic(s, v int) op      { return op{kind: opWriteStatic, a: byte(s), b: byte(v)} }
func deleteStatic(s int) op        { return op{kind: opDeleteStatic, a: byte(s)} }
func renameStatic(from, to int) op { return op{kind: opRenameStatic, a: byte(from), b: byte(to)} }
func deleteFolder(pair int) op     { return op{kind: opDeleteFolder, a: byte(pair)} }
func renameFolder(pair int) op     { return op{kind: opRenameFolder, a: byte(pair)} }
func touch(i int) op               { return op{kind: opTouch, a: byte(i)} }

// scratch writes the scratch file p, one of scratchPaths.
func scratch(p string) op {
	i := slices.Index(scratchPaths, p)
	if i < 0 {
		panic("no scratch file " + p)
	}
	return op{kind: opScratch, a: byte(i)}
}
func buildAll() op { return op{kind: opBuildAll} }

// writeLayout writes layout l as its variant with the given name.
func writeLayout(l int, name string) op {
	for i, v := range layoutFiles[l].variants {
		if v.name == name {
			return op{kind: opWriteLayout, a: byte(l), b: byte(i)}
		}
	}
	panic("no variant " + name + " of " + layoutFiles[l].path)
}

type incrementalSeed struct {
	name string
	ops  []op
}

// incrementalSeeds cover every kind of operation, and are the regression
// tests of what the incremental build got wrong, each the shortest program
// that showed its problem.
var incrementalSeeds = []incrementalSeed{
	{"nothing changes", nil},
	{"a second language, its pages, words and names", []op{
		writeLayout(lBase, "words and languages"), keepBroken(writePage(pHome, vLanguages)), writeLayout(lTextsES, "Spanish"),
		writePage(pHomeES, vPlain), writePage(pFAQES, vQuestions), writePage(pAboutES, vCites), writeSchedule(sTranslated),
		writePage(pFAQES, vOtherQuestions), writeLayout(lTextsEN, "other words"), keepBroken(writeLayout(lTextsES, "a text missing")),
		writeLayout(lTextsES, "Spanish"), deletePage(pFAQES), renamePage(pAboutES, pFAQES), writePage(pHome, vPlain),
	}},
	{"languages changed under the translations", []op{
		writeLayout(lBase, "words and languages"), keepBroken(writePage(pHome, vLanguages)), writeLayout(lTextsES, "Spanish"),
		writePage(pAboutES, vMenu), keepBroken(writePage(pHome, vLanguagesFR)), writePage(pHome, vLanguages), deleteLayout(lTextsES),
	}},
	{"the layouts' texts edited while the home page of two languages is broken", []op{
		writeLayout(lBase, "words and languages"), keepBroken(writePage(pHome, vLanguages)), writeLayout(lTextsES, "Spanish"),
		keepBroken(writePage(pHome, vLanguagesBroken)), keepBroken(writeLayout(lTextsES, "a text missing")), writeLayout(lTextsES, "Spanish"), writePage(pHome, vLanguages),
	}},
	{"the home page of two languages gone and back", []op{
		writeLayout(lBase, "words and languages"), keepBroken(writePage(pHome, vLanguages)), writeLayout(lTextsES, "Spanish"),
		writePage(pFAQES, vPlain), keepBroken(deletePage(pHome)), writePage(pHome, vLanguages),
	}},
	{"page body edited, then saved again", []op{writePage(pAbout, vNewText), touch(0)}},
	{"pages added in new nested folders", []op{writePage(pLeaf, vPlain), writePage(pDeep, vPlain), writePage(pLoose, vWeight)}},
	{"page deleted and re-added", []op{deletePage(pStep), writePage(pStep, vPlain)}},
	{"page renamed into another folder and back", []op{renamePage(pNews, pLoose), renamePage(pLoose, pNews)}},
	{"FAQ questions edited", []op{writePage(pFAQ, vOtherQuestions), writePage(pFAQMore, vQuestions)}},
	{"menu label, weight, title and description", []op{writePage(pStep, vMenu), writePage(pGuide, vWeight), writePage(pAbout, vRetitled), writePage(pNews, vDescription)}},
	{"draft on and off", []op{writePage(pAbout, vDraft), writePage(pFAQDraft, vPlain), writePage(pFAQDraft, vDraft)}},
	{"section _index.md added and removed", []op{writePage(pLoose, vPlain), writePage(pDeep, vPlain), deletePage(pGuide)}},
	{"home page site settings", []op{writePage(pHome, vPlain), writePage(pHome, vSiteSettings)}},
	{"TOML, relative links and layout plain", []op{writePage(pStep, vTOML), writePage(pAbout, vRelative), writePage(pNews, vLayoutPlain)}},
	{"schedule variants", []op{writeSchedule(sMoveLibraries), writeSchedule(sAddUnit), writeSchedule(sSeparate), writeSchedule(sRange), writeSchedule(sBase)}},
	{"schedule deleted and re-added", []op{keepBroken(deleteSchedule()), writeSchedule(sAddUnit)}},
	{"a citation of a unit, then the unit added, then removed", []op{keepBroken(writePage(pNews, vCitesLIDS)), writeSchedule(sAddUnit), writeSchedule(sBase), writePage(pNews, vCites)}},
	{"broken front matter, then fixed", []op{keepBroken(writePage(pAbout, vBrokenFront)), writePage(pAbout, vPlain)}},
	{"page without a title, then fixed", []op{keepBroken(writePage(pGuide, vNoTitle)), writePage(pGuide, vPlain)}},
	{"page naming a missing layout, then fixed", []op{keepBroken(writePage(pStep, vMissingLayout)), writePage(pStep, vPlain)}},
	{"broken schedules, then fixed", []op{keepBroken(writeSchedule(sBrokenMonth)), keepBroken(writeSchedule(sDuplicate)), writeSchedule(sMoveLibraries)}},
	{"site settings outside the home page, then fixed", []op{keepBroken(writePage(pAbout, vSiteSettings)), writePage(pAbout, vPlain)}},
	{"a broken page put back by the test", []op{writePage(pAbout, vBrokenFront), writePage(pAbout, vNewText)}},
	{"site broken for a few steps, then fixed by another edit", []op{keepBroken(writeSchedule(sBrokenMonth)), keepBroken(writePage(pAbout, vNewText)), writeSchedule(sAddUnit)}},
	{"two problems at once, then both fixed", []op{keepBroken(writePage(pStep, vBrokenFront)), keepBroken(writeLayout(lFooter, "broken")), keepBroken(writePage(pStep, vPlain)), writeLayout(lFooter, "site title and count")}},
	{"layouts edited", []op{writeLayout(lSection, "descriptions and parent"), writeLayout(lHome, "the guide's pages"), writeLayout(lBase, "minimal"), writeLayout(l404, "links to every page")}},
	{"partials edited, deleted, re-added", []op{writeLayout(lFooter, "site title and count"), deleteLayout(lExtra), keepBroken(writeLayout(lBase, "description, contact and the extra partial")), writeLayout(lExtra, "title and text")}},
	{"broken layouts, then fixed", []op{keepBroken(writeLayout(lBase, "broken")), writeLayout(lBase, "full"), keepBroken(writeLayout(lHome, "broken: no main")), writeLayout(lHome, "content only"), keepBroken(writeLayout(lFooter, "broken")), writeLayout(lFooter, "path and day")}},
	{"layout deleted, then re-added", []op{keepBroken(deleteLayout(lSection)), writeLayout(lSection, "links to its pages"), deleteLayout(lPlain), keepBroken(writePage(pAbout, vLayoutPlain)), writeLayout(lPlain, "article")}},
	{"static files written", []op{writeStatic(stStyle, 1), writeStatic(stApp, 1), writeStatic(stLogo, 1), writeStatic(stNotes, 1), writeStatic(stExtraCSS, 0), writeStatic(stStyle, 2)}},
	{"static files deleted and renamed", []op{renameStatic(stStyle, stSiteCSS), renameStatic(stApp, stMainJS), renameStatic(stNotes, stReadme), deleteStatic(stLogo), renameStatic(stSiteCSS, stStyle)}},
	{"a script that does not parse, then fixed", []op{keepBroken(writeStatic(stApp, 2)), writeStatic(stApp, 1), writeStatic(stMainJS, 2)}},
	{"robots.txt in static, then removed", []op{keepBroken(writeStatic(stRobots, 0)), deleteStatic(stRobots)}},
	{"404.html in static while content/404.md exists, and while it does not", []op{writeStatic(st404, 0), deletePage(p404), writeStatic(st404, 0), writePage(p404, vPlain)}},
	{"CNAME in static while the home page sets cname, and while it does not", []op{writeStatic(stCNAME, 0), writePage(pHome, vPlain), writeStatic(stCNAME, 0), writePage(pHome, vSiteSettings)}},
	{"folders deleted", []op{writePage(pLeaf, vPlain), deleteFolder(fDeep), deleteFolder(fJS), deleteFolder(fGuide), deleteFolder(fStatic)}},
	{"folders renamed", []op{writePage(pLeaf, vPlain), renameFolder(fDeep), renameFolder(fGuide), renameFolder(fJS), renameFolder(fJS), renameFolder(fDeep), renameFolder(fStatic), renameFolder(fStatic)}},
	{"FAQ folder renamed while the home page shows it, and while it does not", []op{renameFolder(fFAQ), writeLayout(lHome, "content only"), renameFolder(fFAQ), renameFolder(fFAQ)}},
	{"partials folder renamed away and back", []op{renameFolder(fPartials), writeLayout(lBase, "minimal"), renameFolder(fPartials), renameFolder(fPartials)}},
	{"scratch files in content and static", []op{scratch("content/.about.md.swp"), scratch("content/faq/more.md~"), scratch("content/4913"), scratch("static/style.css.tmp"), scratch("static/js/.#app.js")}},
	{"scratch files in layouts", []op{scratch("layouts/.home.html.swp"), scratch("layouts/#page.html#")}},
	{"a page renamed to the folder page of the same URL, and back", []op{renamePage(pAbout, pAboutDir), renamePage(pAboutDir, pAbout)}},
	{"two pages at one URL, by folder and by case, then one removed", []op{keepBroken(writePage(pAboutDir, vPlain)), keepBroken(writePage(pAboutUpper, vPlain)), deletePage(pAbout), deletePage(pAboutUpper)}},
	{"a file other than Markdown in content, then removed", []op{keepBroken(writePage(pNotes, vPlain)), deletePage(pNotes)}},
	{"a static file where a page is published, then the page moved", []op{keepBroken(writeStatic(stAbout, 0)), renamePage(pAbout, pLoose)}},
	{"saved with CRLF and a byte-order mark, then a date", []op{writePage(pGuide, vCRLF), writePage(pGuide, vPlain), writePage(pGuide, vDate)}},
	{"a base URL on the home page, then none", []op{writePage(pHome, vBaseURL), writePage(pHome, vPlain), writePage(pHome, vSiteSettings)}},
	{"the home page deleted, then written again", []op{keepBroken(deletePage(pHome)), writePage(pHome, vPlain)}},
	{"a draft's text and a menu page's text edited", []op{writePage(pFAQDraft, vDraftNewText), writePage(pAbout, vMenuNewText)}},
	{"a full build in between", []op{writePage(pStep, vNewText), buildAll(), writePage(pStep, vPlain), keepBroken(writePage(pAbout, vNoTitle)), buildAll(), writePage(pAbout, vPlain)}},

	// What lists show of a page, and a page shown through .Site.Page.
	{"a FAQ page shown through .Site.Page changes", []op{writePage(pFAQ, vOtherQuestions)}},
	{"a page shown through .Site.Page changes", []op{writeLayout(lPage, "the about page"), writePage(pAbout, vPlain), writePage(pAbout, vNewText)}},
	{"lists show titles; titles change", []op{writeLayout(lHome, "the guide's pages"), writeLayout(l404, "links to every page"), writePage(pStep, vRetitled), writePage(pGuide, vRetitled)}},

	// Failed before 4ea2476, which reads the layouts for what they show: a
	// layout that lists pages and shows what their Markdown makes
	// (Content, Questions, Intro, QA, FAQSchema) was not rendered again when
	// only that Markdown changed. The builder rendered again only the pages
	// it saw shown through .Site.Page, and took lists to show titles,
	// order, menu labels and descriptions only.
	{".Site.Pages lists questions; a FAQ page's questions change", []op{writeLayout(lHome, "site pages' questions"), writePage(pFAQ, vOtherQuestions)}},
	{".Site.Pages shows content; a page's text changes", []op{writeLayout(lHome, "site pages' content"), writePage(pNews, vNewText)}},
	{"a section's .Pages shows content; a page in it changes", []op{writeLayout(lSection, "its pages' content"), writePage(pStep, vNewText)}},
	{"the FAQ's .Pages lists questions; a FAQ page's questions change", []op{writeLayout(lFAQ, "its pages' questions"), writePage(pFAQMore, vQuestions)}},
	{".Parent shows content; the parent's text changes", []op{writeLayout(lPage, "parent's content"), writePage(pGuide, vNewText)}},
	{".Site.Page then .Pages shows content; a page in it changes", []op{writeLayout(lHome, "the guide's pages' content"), writePage(pStep, vNewText)}},
	{"a page named through .Site.Page, passed to a partial, changes", []op{writeLayout(lHome, "the FAQ's intro through a partial"), writePage(pFAQ, vOtherQuestions), writeLayout(lExtra, "title and text"), writePage(pFAQ, vQuestions)}},
	{"$.Site.Page inside a range; the named page changes", []op{writePage(pStep, vMenu), writeLayout(lPage, "the FAQ's answers from inside a range"), writePage(pFAQ, vOtherQuestions)}},
	{"a named page's parent's text changes", []op{writeLayout(lHome, "a step's parent's text"), writePage(pGuide, vNewText)}},
	{".Site.Home shows content on every page; the home page's text changes", []op{writeLayout(lFooter, "the home page's text"), writePage(pHome, vSiteSettings2)}},

	// Failed before 340451b, with Fingerprint: a folder whose name has a
	// dot was taken for a file that is not fingerprinted (by its
	// path.Ext), so after renaming or deleting it the pages kept linking to
	// the scripts in it under their fingerprinted names, and the renamed
	// script was published under its plain name.
	{"a folder with a dot in its name, holding a script, renamed", []op{renameFolder(fLib)}},
	{"a folder with a dot in its name, holding a script, deleted", []op{deleteFolder(fLib)}},

	// Failed before 340451b, in clean builds too: an editor's scratch file
	// in layouts/partials was read as a partial.
	{"a scratch file in layouts/partials", []op{scratch("layouts/partials/.#footer.html")}},
}

// seedName returns the name of the seed whose program data is, or "".
func seedName(data []byte) string {
	for _, s := range incrementalSeeds {
		if bytes.Equal(encodeOps(s.ops), data) {
			return s.name
		}
	}
	return ""
}

// incSite is the site folder that a program edits, and what it holds.
type incSite struct {
	dir string
	incTree
	err error // the first error of the file system, which ends the run
}

// An incTree is the source files and folders of a site, by slash-separated path.
type incTree struct {
	files map[string]string
	dirs  map[string]bool
}

func newIncSite(dir string) *incSite {
	return &incSite{dir: dir, incTree: incTree{files: map[string]string{}, dirs: map[string]bool{}}}
}

func (t incTree) clone() incTree { return incTree{maps.Clone(t.files), maps.Clone(t.dirs)} }

func (s *incSite) abs(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

func (s *incSite) exists(rel string) bool {
	_, ok := s.files[rel]
	return ok || s.dirs[rel]
}

func (s *incSite) keep(err error) {
	if s.err == nil {
		s.err = err
	}
}

// mkdirs creates the folder dir and the ones above it, and returns the
// topmost folder it created, or nil.
func (s *incSite) mkdirs(dir string) []string {
	top := ""
	for d := dir; d != "." && !s.exists(d); d = path.Dir(d) {
		s.dirs[d] = true
		top = d
	}
	if top == "" {
		return nil
	}
	s.keep(os.MkdirAll(s.abs(dir), 0o755))
	return []string{top}
}

// write writes a file and returns the paths the watcher reports: the
// topmost folder it created, if any, and the file.
func (s *incSite) write(rel, data string) []string {
	changed := s.mkdirs(path.Dir(rel))
	s.keep(os.WriteFile(s.abs(rel), []byte(data), 0o644))
	s.files[rel] = data
	return append(changed, rel)
}

// under reports whether p is at or under rel.
func atOrUnder(p, rel string) bool { return p == rel || strings.HasPrefix(p, rel+"/") }

// remove removes a file or folder and returns its path.
func (s *incSite) remove(rel string) []string {
	s.keep(os.RemoveAll(s.abs(rel)))
	maps.DeleteFunc(s.files, func(p, _ string) bool { return atOrUnder(p, rel) })
	maps.DeleteFunc(s.dirs, func(p string, _ bool) bool { return atOrUnder(p, rel) })
	return []string{rel}
}

// delete removes the file rel, when there is one.
func (s *incSite) delete(rel string) (desc string, changed []string, ok bool) {
	if !s.exists(rel) {
		return "delete " + rel, nil, false
	}
	return "delete " + rel, s.remove(rel), true
}

// rename moves a file or folder and returns both names, and the topmost
// folder it created for the new one.
func (s *incSite) rename(from, to string) []string {
	changed := append([]string{from}, s.mkdirs(path.Dir(to))...)
	s.keep(os.Rename(s.abs(from), s.abs(to)))
	for p, data := range s.clone().files {
		if atOrUnder(p, from) {
			delete(s.files, p)
			s.files[to+strings.TrimPrefix(p, from)] = data
		}
	}
	for p := range s.clone().dirs {
		if atOrUnder(p, from) {
			delete(s.dirs, p)
			s.dirs[to+strings.TrimPrefix(p, from)] = true
		}
	}
	return append(changed, to)
}

// restore puts the site back as it was in t, and returns the paths the
// watcher reports: each folder removed or created (the topmost one), and
// each file removed or written outside them.
func (s *incSite) restore(t incTree) (desc string, changed []string) {
	gone := func(p string) bool { // at or under a folder already removed
		return slices.ContainsFunc(changed, func(c string) bool { return atOrUnder(p, c) })
	}
	for _, d := range sortedKeys(s.dirs) {
		if !t.dirs[d] && !gone(d) {
			changed = append(changed, s.remove(d)...)
		}
	}
	for _, f := range sortedKeys(s.files) {
		if _, ok := t.files[f]; !ok && !gone(f) {
			changed = append(changed, s.remove(f)...)
		}
	}
	for _, f := range sortedKeys(t.files) {
		if data, ok := s.files[f]; !ok || data != t.files[f] {
			for _, c := range s.write(f, t.files[f]) {
				if !slices.Contains(changed, c) {
					changed = append(changed, c)
				}
			}
		}
	}
	return "put back the files of the last good build", changed
}

// start writes the starting site.
func (s *incSite) start() {
	for p, v := range startPages {
		s.write(pagePaths[p], pageVariants[v].text(pageTitle(pagePaths[p])))
	}
	s.write("content/schedule.yaml", scheduleVariants[sBase].text)
	for i, l := range layoutFiles {
		if i != lTextsES { // the site starts in one language
			s.write(l.path, l.variants[0].text)
		}
	}
	for _, st := range startStatics {
		p := staticPaths[st]
		s.write(p, staticVariants[path.Ext(p)][0])
	}
}

// apply carries out o and returns what it did and the paths it changed;
// ok is false when o does nothing here, such as deleting a missing file.
func (s *incSite) apply(o op) (desc string, changed []string, ok bool) {
	a, b := int(o.a), int(o.b)
	switch o.kind {
	case opWritePage:
		p, v := pagePaths[a%numPages], pageVariants[b%numPageVariants]
		return fmt.Sprintf("write %s [%s]", p, v.name), s.write(p, v.text(pageTitle(p))), true
	case opDeletePage:
		return s.delete(pagePaths[a%numPages])
	case opRenamePage:
		from, to := pagePaths[a%numPages], pagePaths[b%numPages]
		if !s.exists(from) || s.exists(to) {
			return "rename " + from + " to " + to, nil, false
		}
		return "rename " + from + " to " + to, s.rename(from, to), true
	case opWriteSchedule:
		v := scheduleVariants[a%numSchedules]
		return fmt.Sprintf("write content/schedule.yaml [%s]", v.name), s.write("content/schedule.yaml", v.text), true
	case opDeleteSchedule:
		return s.delete("content/schedule.yaml")
	case opWriteLayout:
		l := layoutFiles[a%numLayouts]
		v := l.variants[b%len(l.variants)]
		return fmt.Sprintf("write %s [%s]", l.path, v.name), s.write(l.path, v.text), true
	case opDeleteLayout:
		return s.delete(layoutFiles[a%numLayouts].path)
	case opWriteStatic:
		p := staticPaths[a%numStatics]
		vs := staticVariants[path.Ext(p)]
		i := b % len(vs)
		return fmt.Sprintf("write %s [variant %d]", p, i), s.write(p, vs[i]), true
	case opDeleteStatic:
		return s.delete(staticPaths[a%numStatics])
	case opRenameStatic:
		from, to := staticPaths[a%numStatics], staticPaths[b%numStatics]
		if !s.exists(from) || s.exists(to) {
			return "rename " + from + " to " + to, nil, false
		}
		return "rename " + from + " to " + to, s.rename(from, to), true
	case opDeleteFolder:
		for _, d := range folderPairs[a%len(folderPairs)] {
			if s.exists(d) {
				return "delete folder " + d, s.remove(d), true
			}
		}
		return "delete folder " + folderPairs[a%len(folderPairs)][0], nil, false
	case opRenameFolder:
		pair := folderPairs[a%len(folderPairs)]
		for i, d := range pair {
			if other := pair[1-i]; s.exists(d) && !s.exists(other) {
				return "rename folder " + d + " to " + other, s.rename(d, other), true
			}
		}
		return "rename folder " + pair[0] + " to " + pair[1], nil, false
	case opTouch:
		files := sortedKeys(s.files)
		if len(files) == 0 {
			return "save a file again", nil, false
		}
		p := files[a%len(files)]
		return "save " + p + " again, unchanged", s.write(p, s.files[p]), true
	case opBuildAll:
		return "change nothing, build everything", nil, true
	case opScratch:
		p := scratchPaths[a%len(scratchPaths)]
		return "write the scratch file " + p, s.write(p, "{{ scratch"), true
	}
	panic(fmt.Sprintf("unknown op %d", o.kind))
}

// incFailure is where an incremental build first differed from a clean one.
type incFailure struct {
	opt      Options
	steps    []string // what each operation did, up to the failing one
	problems []string
	ops      []op // the operations done, up to the failing one
}

func (f *incFailure) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "with Options{BaseURL: %q, Now: %v, Fingerprint: %v, Drafts: %v}, after these operations:\n", f.opt.BaseURL, f.opt.Now, f.opt.Fingerprint, f.opt.Drafts)
	for _, s := range f.steps {
		fmt.Fprintf(&b, "\t%s\n", s)
	}
	b.WriteString("the incremental build differs from a clean build:\n")
	for _, p := range f.problems {
		fmt.Fprintf(&b, "\t%s\n", strings.ReplaceAll(p, "\n", "\n\t\t"))
	}
	fmt.Fprintf(&b, "program: %v", f.ops)
	return b.String()
}

func (o op) String() string {
	if o.keep {
		return fmt.Sprintf("{%d %d %d keep}", o.kind, o.a, o.b)
	}
	return fmt.Sprintf("{%d %d %d}", o.kind, o.a, o.b)
}

// keepBroken returns o with keep set.
func keepBroken(o op) op {
	o.keep = true
	return o
}

// runIncremental runs the program ops on a site in dir and returns the
// first step at which the incremental build differs from a clean build, or
// nil.
func runIncremental(dir string, ops []op, opt Options) *incFailure {
	s := newIncSite(dir)
	s.start()
	fsys := os.DirFS(dir)
	fail := &incFailure{opt: opt}
	b, err := NewBuilder(fsys, opt)
	if err != nil {
		fail.problems = []string{"NewBuilder: " + err.Error()}
		return fail
	}
	res, err := b.Build(nil)
	if s.err != nil || err != nil {
		fail.problems = []string{fmt.Sprintf("the starting site does not build: %v", errorsOf(s.err, err))}
		return fail
	}
	last, lastCopy := res, copyFiles(res.Files) // the last good incremental build
	good := s.clone()                           // the files of the last good build
	broken := 0                                 // steps in a row that left the site broken
	// step builds after an operation and compares; it reports whether the
	// site builds. An editor's scratch file, written to a site that builds,
	// must change nothing, in a clean build too.
	step := func(desc string, changed []string, scratch bool) (builds bool) {
		call := "Build(nil)"
		if changed != nil {
			call = fmt.Sprintf("Build(%q)", changed)
		}
		fail.steps = append(fail.steps, fmt.Sprintf("%2d. %s; %s", len(fail.steps)+1, desc, call))
		res, err := b.Build(changed)
		cb, cerr := NewBuilder(fsys, opt)
		if cerr != nil {
			fail.problems = []string{"NewBuilder: " + cerr.Error()}
			return false
		}
		clean, cleanErr := cb.Build(nil)
		fail.problems = compareIncremental(res, err, clean, cleanErr, last, lastCopy)
		if scratch && broken == 0 && len(fail.problems) == 0 {
			if cleanErr != nil {
				fail.problems = []string{fmt.Sprintf("the scratch file breaks the build:\n%v", cleanErr)}
			} else if len(res.Changed)+len(res.Removed) > 0 {
				fail.problems = []string{fmt.Sprintf("the scratch file changes the site: changed %q, removed %q", res.Changed, res.Removed)}
			}
		}
		if err == nil {
			last, lastCopy = res, copyFiles(res.Files)
		}
		return cleanErr == nil
	}
	for _, o := range ops {
		desc, changed, ok := s.apply(o)
		if s.err != nil {
			fail.problems = []string{fmt.Sprintf("%s: %v", desc, s.err)}
			return fail
		}
		if !ok {
			continue // the program is shown with the steps that did something
		}
		fail.ops = append(fail.ops, o)
		builds := step(desc, changed, o.kind == opScratch)
		if len(fail.problems) > 0 {
			return fail
		}
		if builds {
			good, broken = s.clone(), 0
			continue
		}
		if broken++; o.keep && broken < maxBroken {
			continue
		}
		desc, changed = s.restore(good)
		if s.err != nil {
			fail.problems = []string{fmt.Sprintf("%s: %v", desc, s.err)}
			return fail
		}
		broken = 0
		if changed == nil {
			continue // nothing to put back: the site failed to build as it was
		}
		if step(desc, changed, false); len(fail.problems) > 0 {
			return fail
		}
	}
	return nil
}

func errorsOf(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func copyFiles(files map[string][]byte) map[string][]byte {
	c := make(map[string][]byte, len(files))
	for name, data := range files {
		c[name] = bytes.Clone(data)
	}
	return c
}

// compareIncremental lists how the incremental build (res, err) differs
// from the clean one, and whether its Changed and Removed are the
// difference from prev, the previous good incremental build, whose files
// were prevFiles when it was made.
func compareIncremental(res *Result, err error, clean *Result, cleanErr error, prev *Result, prevFiles map[string][]byte) []string {
	switch {
	case err != nil && cleanErr != nil:
		if err.Error() != cleanErr.Error() {
			return []string{fmt.Sprintf("both fail, with other errors:\nincremental: %v\nclean:       %v", err, cleanErr)}
		}
		return nil
	case err != nil:
		return []string{fmt.Sprintf("the incremental build fails, a clean build does not:\n%v", err)}
	case cleanErr != nil:
		return []string{fmt.Sprintf("the incremental build succeeds, a clean build fails:\n%v", cleanErr)}
	}
	var problems []string
	shown := 0 // files whose difference is shown; the others are named
	for _, name := range unionKeys(res.Files, clean.Files) {
		have, inc := res.Files[name]
		want, inClean := clean.Files[name]
		switch {
		case !inc:
			problems = append(problems, name+": missing: a clean build makes it, the incremental build does not")
		case !inClean:
			problems = append(problems, name+": extra: the incremental build has it, a clean build does not")
		case !bytes.Equal(have, want):
			how := "wrong"
			if old, ok := prevFiles[name]; ok && bytes.Equal(have, old) {
				how = "stale: unchanged since the previous build"
			}
			if shown++; shown <= 3 {
				how += "\n" + showDiff(have, want)
			}
			problems = append(problems, name+": "+how)
		}
	}
	var changed, removed []string
	for name, data := range res.Files {
		if old, ok := prevFiles[name]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, name)
		}
	}
	for name := range prevFiles {
		if _, ok := res.Files[name]; !ok {
			removed = append(removed, name)
		}
	}
	sort.Strings(changed)
	sort.Strings(removed)
	if !slices.Equal(res.Changed, changed) {
		problems = append(problems, fmt.Sprintf("Changed is %q; the files new or different since the previous build are %q", res.Changed, changed))
	}
	if !slices.Equal(res.Removed, removed) {
		problems = append(problems, fmt.Sprintf("Removed is %q; the files gone since the previous build are %q", res.Removed, removed))
	}
	for _, name := range unionKeys(prev.Files, prevFiles) {
		now, ok := prev.Files[name]
		if then, was := prevFiles[name]; ok != was || !bytes.Equal(now, then) {
			problems = append(problems, name+": the build changed the previous Result's Files")
			break
		}
	}
	return problems
}

func unionKeys(a, b map[string][]byte) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

// showDiff shows where have first differs from want, with some context.
func showDiff(have, want []byte) string {
	i := 0
	for i < len(have) && i < len(want) && have[i] == want[i] {
		i++
	}
	from := max(0, i-40)
	cut := func(b []byte) string {
		return fmt.Sprintf("%q", b[min(from, len(b)):min(i+80, len(b))])
	}
	return fmt.Sprintf("at byte %d\nincremental: %s\nclean:       %s", i, cut(have), cut(want))
}
