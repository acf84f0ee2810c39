package site

import "strings"

// What an edit invalidates, written down once. Every output of a site is
// made from some kinds of input; a build records which inputs changed
// since the last good build, and makes again exactly the outputs that read
// one of them. A full build changes every input, so the full and the
// incremental build go through the same table and cannot disagree.
//
// The link check follows the outputs (see check.go): a page is scanned
// again when its output changed, its links are looked up again when it
// was rendered, or when it links to an output file that came or went or
// to a page whose ids changed.

// input is a kind of source that outputs are made from.
type input uint

const (
	inLayouts  input = 1 << iota // layouts/: the base, partials and layouts
	inSchedule                   // content/schedule.yaml
	// inListing is which pages exist and what lists, menus and the site's
	// settings take from them: each page's URL, title, description,
	// weight, menu label, date, draft and layout, and the home page's
	// contact and cname (see listingKey).
	inListing
	inText   // any page's converted Markdown: its content and questions
	inStatic // static/: the files' bytes
	inAssets // the published names of fingerprinted stylesheets and scripts

	inAll = inLayouts | inSchedule | inListing | inText | inStatic | inAssets
)

// pageReads is what every page's output reads besides its own file. A page
// whose layout shows the text of other pages (see readsText) reads inText
// too.
const pageReads = inLayouts | inSchedule | inListing | inAssets

// siteOutput is a group of files made from the whole site rather than
// from one page.
type siteOutput struct {
	what  string
	reads input
	// make returns the files; made holds the files of the groups before
	// it in siteOutputs, which it may not overwrite.
	make func(b *Builder, s *Site, made map[string][]byte) (map[string][]byte, error)
}

// siteOutputs are the site-wide outputs, each with what it reads. The
// static files come last: a static file may not take the place of a page
// or of a file made before it.
var siteOutputs = [...]siteOutput{
	{"hosting files: .nojekyll, robots.txt, sitemap.xml, CNAME", inListing, func(_ *Builder, s *Site, _ map[string][]byte) (map[string][]byte, error) {
		return hostingFiles(s), nil
	}},
	{"the schedule to take away: schedule.ics, schedule.json, in each language", inSchedule | inListing | inLayouts, func(_ *Builder, s *Site, _ map[string][]byte) (map[string][]byte, error) {
		return scheduleFiles(s)
	}},
	{"static files, CSS and JS under fingerprinted names", inStatic | inAssets | inListing | inSchedule, (*Builder).staticFiles},
}

// toRender returns the pages of s whose output must be made again: all of
// them when something every page reads changed; else the pages read again,
// the pages whose layout shows the text of one of them (see readsText),
// and any page with no output yet.
func (b *Builder) toRender(s *Site) []*Page {
	if b.changed&pageReads != 0 {
		return s.Pages
	}
	texts := map[string]bool{} // site paths of the pages whose text changed
	for p := range b.todo {
		if src := b.pages[p]; src != nil && src.page != nil {
			// A layout names a page by its key, which is its URL in
			// the default language, and shows it in the page's.
			texts[src.page.URL] = true
			texts[src.page.Key()] = true
		}
	}
	shows := map[string]bool{} // by layout name
	someShow := false
	for name, r := range b.readsText {
		shows[name] = r.shows(texts)
		someShow = someShow || shows[name]
	}
	var render []*Page
	if !someShow { // only the pages read again: no need to look at every page
		for p := range b.todo {
			if i, ok := b.index[p]; ok && s.Pages[i].Path == p {
				render = append(render, s.Pages[i])
			}
		}
		return render
	}
	for _, p := range s.Pages {
		if b.todo[p.Path] || shows[p.layoutName()] || b.files[p.Out] == nil {
			render = append(render, p)
		}
	}
	return render
}

// changes returns the inputs that a change to the source at path p
// touches, as far as its path tells: whether a page's listing changed is
// known only once it has been read again, and which fingerprinted files a
// folder held only from the files (see assetChange).
func changes(p string) input {
	top, _, _ := strings.Cut(p, "/")
	switch {
	case top == "layouts":
		return inLayouts
	case strings.HasPrefix("content/schedule.yaml/", p+"/"):
		return inSchedule | inText // pages cite the schedule
	case top == "content":
		return inText
	case top == "static":
		return inStatic
	}
	return 0
}
