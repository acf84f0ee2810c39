package site

import (
	"html/template"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"rollout/internal/diag"
)

// Stage 2, the site: put the pages that were read, the schedule and the
// layouts together into a Site: pages in order, each folder's pages, the
// menu, the site's settings from the home page. Every problem of every
// source is reported here, at once.

// assemble puts the loaded sources together into a Site, and loads the
// layouts if they are not loaded.
func (b *Builder) assemble() (*Site, error) {
	b.fingerprint()
	var errs diag.List
	s := &Site{BaseURL: b.base, Now: b.opt.Now, links: b.links, byURL: map[string]*Page{}}
	claims := map[string]string{} // lower-cased output path -> source
	paths := sortedKeys(b.pages)
	twins, twin := unicodeTwins(paths)
	errs = append(errs, twins...)
	langs := b.texts.langs
	for _, p := range paths {
		src := b.pages[p]
		errs.Add(src.err)
		pg := src.page
		if pg == nil || (pg.Draft && !b.opt.Drafts) || twin(p) {
			continue
		}
		if err := langProblem(p, langs); err != nil {
			if !b.texts.unsure {
				errs.Add(err)
			}
			continue
		}
		k := strings.ToLower(pg.Out)
		if first, ok := claims[k]; ok {
			errs.Add(diag.Errorf(p, 0, "this page would be published at %s, where %s already is; rename one of them", pg.URL, first))
			continue
		}
		claims[k] = p
		pg.site = s
		s.Pages = append(s.Pages, pg)
		s.byURL[pg.URL] = pg
	}
	switch {
	case b.schedule == nil:
		errs.Add(noSchedule())
	case b.schedule.err != nil:
		errs.Add(b.schedule.err)
	default:
		s.Schedule = b.schedule.sched
		s.areaUIDs = areaUIDs(s.Schedule)
		if !b.texts.unsure {
			errs = append(errs, translationProblems(s.Schedule, langs)...)
		}
	}
	s.Languages, s.Lang = langs, langs[0].Code
	s.Home = s.byURL["/"]
	if s.Home == nil {
		// Unless it is there with problems of its own, said above.
		if home := b.pages["content/_index.md"]; home == nil || home.err == nil {
			errs.Add(diag.Errorf("content/_index.md", 0, "the home page is missing; create it with a title"))
		}
	} else {
		s.Title, s.Description = s.Home.Title, s.Home.Description
		s.Contact, s.CNAME = s.Home.meta.Contact, s.Home.meta.CNAME
	}
	sort.SliceStable(s.Pages, func(i, j int) bool {
		a, b := s.Pages[i], s.Pages[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.Path < b.Path
	})
	for _, p := range s.Pages {
		if p.Date.After(s.Updated) {
			s.Updated = p.Date
		}
	}
	b.index = make(map[string]int, len(s.Pages))
	s.children = map[string][]*Page{}
	for i, p := range s.Pages {
		b.index[p.Path] = i
		_, _, p.parent = pageURL(p.Path)
		if p.parent != "" && s.byURL[p.parent] == nil {
			// A folder without _index.md belongs to the home page, of
			// its language if there is one.
			p.parent = "/"
			if h := "/" + p.lang + "/"; p.lang != "" && s.byURL[h] != nil {
				p.parent = h
			}
		}
		if p.parent != "" {
			s.children[p.parent] = append(s.children[p.parent], p)
		}
		if p.Menu != "" {
			s.Menu = append(s.Menu, p)
		}
	}
	if b.layouts == nil && b.layoutErr == nil {
		b.layouts, b.layoutErr = loadLayouts(b.fsys, template.FuncMap{
			"url":    func(p string) string { return b.links.URL(b.asset(p)) },
			"absURL": func(p string) string { return b.links.AbsURL(b.asset(p)) },
		})
		b.readsText = map[string]textReads{}
		for name, t := range b.layouts {
			b.readsText[name] = readsText(t)
		}
		b.asksTexts = askedTexts(b.layouts)
	}
	s.catalog = b.texts.catalog
	if !b.texts.unsure {
		errs.Add(b.texts.err)
		// Every text a layout asks for, in every language, whether or
		// not a page shows it yet.
		if c := b.texts.catalog; c != nil {
			for _, l := range langs {
				for _, t := range b.asksTexts {
					if _, err := c.Raw(l.Code, t.key); err != nil {
						errs.Add(usedAt(err, t.at))
					}
				}
			}
		}
	}
	s.makeViews()
	// The static files' problems too, so that one run reports them all.
	_, staticErrs := b.staticNames(s)
	errs = append(errs, staticErrs...)
	errs = append(errs, b.pictureProblems(s.Pages)...)
	errs.Add(b.layoutErr)
	for _, err := range b.folderErrs {
		errs.Add(err)
	}
	return s, errs.Err()
}

// Drafts returns the source paths of the pages marked draft: true, such as
// "content/faq/x.md", sorted, as of the last Build: whether or not
// Options.Drafts published them, and whether or not that build succeeded.
func (b *Builder) Drafts() []string {
	var drafts []string
	for _, p := range sortedKeys(b.pages) {
		if pg := b.pages[p].page; pg != nil && pg.Draft {
			drafts = append(drafts, p)
		}
	}
	return drafts
}

// assembleChanged updates the last good build's site with the pages read
// again, when only their bodies changed: their place in every list is the
// same. It reports false when a full assemble is needed.
func (b *Builder) assembleChanged() (*Site, bool) {
	s := b.site
	if s == nil || b.changed&^(inText|inStatic) != 0 || b.layouts == nil {
		return nil, false
	}
	for p := range b.todo {
		src := b.pages[p]
		if src == nil || src.err != nil || src.page == nil {
			return nil, false
		}
		if i, ok := b.index[p]; !ok || s.Pages[i].Path != p {
			return nil, false
		}
	}
	// A picture a page names may have changed, or gone with static/: the
	// full assemble says where.
	var pictured []*Page // the pages with a picture, as they are now
	for _, p := range s.Pages {
		if b.todo[p.Path] {
			p = b.pages[p.Path].page
		}
		if p.meta.Image != "" {
			pictured = append(pictured, p)
		}
	}
	if len(b.pictureProblems(pictured)) > 0 {
		return nil, false
	}
	for p := range b.todo {
		pg, old := b.pages[p].page, s.Pages[b.index[p]]
		pg.site, pg.parent = s, old.parent
		s.Pages[b.index[p]] = pg
		s.byURL[pg.URL] = pg
		siblings := s.children[pg.parent]
		if i := slices.Index(siblings, old); i >= 0 {
			siblings[i] = pg
		}
		if i := slices.Index(s.Menu, old); i >= 0 {
			s.Menu[i] = pg
		}
		if pg.URL == "/" {
			s.Home = pg
		}
	}
	s.makeViews()
	return s, true
}

// publishedName returns the name a source file or folder is published
// under: its own, in Unicode's composed form (NFC). Tools on macOS and on
// Linux may write an "é" of a name as one character or as an "e" and an
// accent, and the addresses people type are composed; published as the
// file system gives them, one page could move between two addresses, by
// who built the site. Two names of one form are an error: see
// unicodeTwins.
func publishedName(name string) string { return norm.NFC.String(name) }

// unicodeTwins returns an error for each file or folder of paths, which
// are sorted, whose path is that of one before it written in other Unicode
// characters (see publishedName), and which paths are at or under one of
// them: they are left out of the site.
func unicodeTwins(paths []string) ([]error, func(p string) bool) {
	var errs []error
	first := map[string]string{} // path in composed form -> the first path written so
	twins := map[string]bool{}
	for _, p := range paths {
		parts := strings.Split(p, "/")
		for i := 2; i <= len(parts); i++ { // each folder below content/ or static/, then p
			q := strings.Join(parts[:i], "/")
			n := publishedName(q)
			f, ok := first[n]
			if !ok {
				first[n] = q
			}
			if !ok || f == q {
				continue
			}
			if !twins[q] {
				twins[q] = true
				errs = append(errs, diag.Errorf(q, 0, "%s has the same name written in other Unicode characters (%s here, %s there), so both would be published at one address; rename or remove one of them",
					f, strconv.QuoteToASCII(path.Base(q)), strconv.QuoteToASCII(path.Base(f))))
			}
			break // what is under q is left out with it
		}
	}
	return errs, func(p string) bool {
		for q := p; strings.Contains(q, "/"); q = path.Dir(q) {
			if twins[q] {
				return true
			}
		}
		return false
	}
}
