package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"rollout/internal/diag"
	"rollout/internal/schedule"
)

// Build loads the site in fsys, whose root is the source folder (holding
// content/, layouts/ and static/), and renders every file of it into memory.
// It reports every problem it finds, joined; on error the Result is nil.
func Build(fsys fs.FS, opt Options) (*Result, error) {
	b, err := NewBuilder(fsys, opt)
	if err != nil {
		return nil, err
	}
	return b.Build(nil)
}

// A Builder builds a site and rebuilds it after changes to some of its
// files, reusing what did not change: a page whose file is unchanged is not
// read or converted again, and a page is rendered again only when its own
// file changed, when it showed a page that changed, or when something all
// pages share changed (a layout, the schedule, or any page's title, order,
// menu label or description, which lists and menus show). A Builder is not
// safe for concurrent use.
type Builder struct {
	fsys  fs.FS
	opt   Options
	base  string
	links links
	md    markdown
	min   *minify.M
	bufs  sync.Pool // *bytes.Buffer that layouts are executed and pages minified into, reused

	pages     map[string]*source // content/**/*.md and other files in content/, by path
	schedule  *source            // content/schedule.yaml
	static    map[string]*source // static/**, by path
	layouts   map[string]*template.Template
	layoutErr error

	// State of the last good build.
	files   map[string][]byte          // every output file
	assets  map[string]string          // site path of a fingerprinted file -> its published path
	statics map[string][]byte          // the static and hosting files among files
	hosting map[string][]byte          // the last hosting files, made again when all pages are
	shows   map[string][]string        // page source -> site paths of the pages its layout showed
	shownBy map[string]map[string]bool // site path -> sources of the pages whose layout showed it
	site    *Site                      // the last good build's site
	index   map[string]int             // source path -> index in site.Pages
	prev    map[string]string          // listing keys of sources replaced in this Build
	todo    map[string]bool            // pages to render again, by source path
	full    bool                       // render everything next time
}

// source is one source file as last read, and what was made of it.
type source struct {
	cites    bool               // the Markdown may cite the schedule
	page     *Page              // for a Markdown page
	sched    *schedule.Schedule // for the schedule
	out      []byte             // for a static file
	err      error
	warnings []error
}

// NewBuilder returns a Builder for the site in fsys. It reads nothing yet.
func NewBuilder(fsys fs.FS, opt Options) (*Builder, error) {
	if opt.BaseURL != "" {
		if _, _, _, err := parseBaseURL(opt.BaseURL); err != nil {
			return nil, err
		}
	}
	return &Builder{
		fsys: fsys, opt: opt,
		md: newMarkdown(), min: newMinifier(),
		pages: map[string]*source{}, static: map[string]*source{},
		todo: map[string]bool{}, prev: map[string]string{}, full: true,
	}, nil
}

// Build builds the site. changed lists the slash-separated paths, relative
// to the source folder, of files and folders that were created, written,
// removed or renamed since the previous call; nil means everything may have
// changed, and so does the first call. On error, the next Build renders
// again everything this one would have.
func (b *Builder) Build(changed []string) (*Result, error) {
	if changed == nil || b.files == nil {
		b.scanAll()
	} else {
		for _, p := range changed {
			b.rescan(path.Clean(p))
		}
		if home := b.pages["content/_index.md"]; home != nil && home.page != nil && b.baseURL(home.page.meta.BaseURL) != b.base {
			b.scanAll() // every link is written under the base URL
		}
	}
	// A page that appeared, went, or changed what lists and menus show of
	// it changes every page that lists it.
	for k, before := range b.prev {
		if listingKey(b.pages[k]) != before {
			b.full = true
		}
	}
	b.prev = map[string]string{}
	s, warnings, ok := b.assembleChanged()
	if !ok {
		var err error
		if s, warnings, err = b.assemble(); err != nil {
			return nil, err
		}
	}

	// Pick the pages to render: all, or those read again and those whose
	// layout showed one of them.
	var render []*Page
	if b.full {
		render = s.Pages
	} else {
		again := map[string]bool{}
		for p := range b.todo {
			if src := b.pages[p]; src != nil && src.page != nil {
				again[p] = true
				for shower := range b.shownBy[src.page.URL] {
					again[shower] = true
				}
			}
		}
		for p := range again {
			if i, ok := b.index[p]; ok {
				render = append(render, s.Pages[i])
			}
		}
	}

	outs, shown, err := b.renderAll(s, render, nil)
	if err != nil {
		return nil, err
	}
	if b.full || b.hosting == nil {
		b.hosting = hostingFiles(s)
	}
	statics, err := b.staticFiles(s, b.hosting)
	if err != nil {
		return nil, err
	}

	// The new file set is the last one with what was made again.
	var files map[string][]byte
	if b.full {
		files = make(map[string][]byte, len(outs)+len(statics))
	} else {
		files = maps.Clone(b.files)
		for name := range b.statics {
			delete(files, name)
		}
	}
	res := &Result{Warnings: warnings}
	for _, m := range []map[string][]byte{outs, statics} {
		for name, data := range m {
			files[name] = data
			if old, ok := b.files[name]; !ok || !bytes.Equal(old, data) {
				res.Changed = append(res.Changed, name)
			}
		}
	}
	for name := range b.files {
		if _, ok := files[name]; !ok {
			res.Removed = append(res.Removed, name)
		}
	}
	res.Files = files
	sort.Strings(res.Changed)
	sort.Strings(res.Removed)

	// Note which pages each page's layout showed.
	if b.full {
		b.shows, b.shownBy = map[string][]string{}, map[string]map[string]bool{}
	}
	for _, p := range render {
		for _, u := range b.shows[p.Path] {
			delete(b.shownBy[u], p.Path)
		}
		b.shows[p.Path] = shown[p.Path]
		for _, u := range shown[p.Path] {
			if b.shownBy[u] == nil {
				b.shownBy[u] = map[string]bool{}
			}
			b.shownBy[u][p.Path] = true
		}
	}
	b.files, b.site, b.statics = files, s, statics
	b.todo, b.full = map[string]bool{}, false
	return res, nil
}

// BuildTo builds the whole site as Build(nil) does, but hands each file to
// write as soon as it is made, from several goroutines at once, and keeps
// none of them: for one-off builds, where holding every page would only
// cost memory. write may not keep data after it returns: the bytes are
// reused. It returns the warnings. After BuildTo, the next Build starts
// from scratch.
func (b *Builder) BuildTo(write func(name string, data []byte) error) ([]error, error) {
	b.scanAll()
	b.files = nil
	s, warnings, err := b.assemble()
	if err != nil {
		return nil, err
	}
	statics, err := b.staticFiles(s, hostingFiles(s))
	if err != nil {
		return nil, err
	}
	var errs diag.List
	for _, name := range sortedKeys(statics) {
		errs.Add(write(name, statics[name]))
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	if _, _, err := b.renderAll(s, s.Pages, write); err != nil {
		return nil, err
	}
	return warnings, nil
}

// fingerprinted are the static files whose published names carry a hash of
// their content when Options.Fingerprint is set.
var fingerprinted = map[string]bool{".css": true, ".js": true}

// fingerprint names each stylesheet and script after its content, so that
// a browser never uses an old copy: static/style.css is published as
// /style.1a2b3c4d5e.css, and layouts that write {{url "/style.css"}} get
// that name.
func (b *Builder) fingerprint() {
	b.assets = map[string]string{}
	if !b.opt.Fingerprint {
		return
	}
	for p, src := range b.static {
		ext := path.Ext(p)
		if !fingerprinted[ext] || src.err != nil {
			continue
		}
		sum := sha256.Sum256(src.out)
		name := strings.TrimPrefix(p, "static")
		b.assets[name] = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	}
}

// asset returns the published site path of the file at site path p.
func (b *Builder) asset(p string) string {
	if a, ok := b.assets[p]; ok {
		return a
	}
	return p
}

// urlOf returns the site path at which an output file is a page's.
func urlOf(name string) string {
	switch {
	case name == "index.html":
		return "/"
	case strings.HasSuffix(name, "/index.html"):
		return "/" + strings.TrimSuffix(name, "index.html")
	}
	return "/" + name
}

// staticFiles returns the published static files and the hosting files,
// checking that no static file is where a page of s or a hosting file is.
func (b *Builder) staticFiles(s *Site, hosting map[string][]byte) (map[string][]byte, error) {
	var errs diag.List
	out := make(map[string][]byte, len(b.static)+len(hosting))
	for name, data := range hosting {
		out[name] = data
	}
	for _, p := range sortedKeys(b.static) {
		src := b.static[p]
		if src.err != nil {
			errs.Add(src.err)
			continue
		}
		name := strings.TrimPrefix(p, "static/")
		if a, ok := b.assets["/"+name]; ok {
			name = strings.TrimPrefix(a, "/")
		}
		if s.byURL[urlOf(name)] != nil {
			errs.Add(diag.Errorf(p, 0, "a page is already published at /%s; rename this file", name))
			continue
		}
		if _, ok := hosting[name]; ok {
			errs.Add(diag.Errorf(p, 0, "rollout writes /%s itself; remove this file (see the README's Publishing section)", name))
			continue
		}
		out[name] = src.out
	}
	return out, errs.Err()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// scanAll forgets every source and reads the whole tree again.
func (b *Builder) scanAll() {
	// The home page's front matter may set the base URL, which every
	// page's links are written under: read it first.
	var fromHome string
	if src, err := fs.ReadFile(b.fsys, "content/_index.md"); err == nil {
		m, _, _, _ := parseFrontMatter("content/_index.md", normalize(src))
		fromHome = m.BaseURL
	}
	b.base = b.baseURL(fromHome)
	_, origin, basePath, _ := parseBaseURL(b.base)
	b.links = links{Origin: origin, basePath: basePath}

	b.pages, b.static, b.schedule = map[string]*source{}, map[string]*source{}, nil
	b.layouts, b.layoutErr = nil, nil
	b.full = true
	var paths []string
	for _, root := range []string{"content", "static"} {
		paths = append(paths, b.walk(root)...)
	}
	// Pages may cite the schedule: read it first.
	if i := slices.Index(paths, "content/schedule.yaml"); i >= 0 {
		b.put(paths[i], b.read(paths[i]))
		paths = slices.Delete(paths, i, i+1)
	}
	b.readAll(paths)
}

// baseURL returns the base URL in force: the one the options give, else
// the home page's, else "/".
func (b *Builder) baseURL(fromHome string) string {
	for _, u := range []string{b.opt.BaseURL, fromHome} {
		if u != "" {
			if base, _, _, err := parseBaseURL(u); err == nil {
				return base
			}
		}
	}
	return "/"
}

// walk lists the files under dir, skipping ignored names. A walk error is
// kept as the source of the path where it happened.
func (b *Builder) walk(dir string) []string {
	var paths []string
	fs.WalkDir(b.fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			b.put(p, &source{err: diag.Errorf(p, 0, "cannot read: %v", cause(err))})
			return nil
		}
		if p != dir && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			b.put(p, &source{err: notPlain(p)})
			return nil
		}
		paths = append(paths, p)
		return nil
	})
	return paths
}

// put stores src as the source at path p.
func (b *Builder) put(p string, src *source) {
	switch {
	case p == "content/schedule.yaml":
		b.schedule = src
	case strings.HasPrefix(p, "content/"):
		if _, ok := b.prev[p]; !ok {
			b.prev[p] = listingKey(b.pages[p])
		}
		b.pages[p] = src
		b.todo[p] = true
	case strings.HasPrefix(p, "static/"):
		b.static[p] = src
	}
}

// rescan updates what the builder knows after path p changed: p may be a
// file or a folder, new, changed or gone.
func (b *Builder) rescan(p string) {
	top, _, _ := strings.Cut(p, "/")
	if top == "layouts" {
		b.layouts, b.layoutErr = nil, nil
		b.full = true
		return
	}
	if top != "content" && top != "static" {
		return
	}
	// Forget everything at or under p, then read what is there now.
	for k, src := range b.pages {
		if k == p || strings.HasPrefix(k, p+"/") {
			if _, ok := b.prev[k]; !ok {
				b.prev[k] = listingKey(src)
			}
			delete(b.pages, k)
		}
	}
	for k := range b.static {
		if k == p || strings.HasPrefix(k, p+"/") {
			delete(b.static, k)
		}
	}
	if top == "static" && b.opt.Fingerprint && (fingerprinted[path.Ext(p)] || path.Ext(p) == "") {
		b.full = true // pages name fingerprinted files
	}
	if strings.HasPrefix("content/schedule.yaml/", p+"/") {
		b.schedule = nil
		b.full = true
		defer b.recite()
	}
	// A removed page changes the listing, which renders every page again.
	var paths []string
	for _, dir := range strings.Split(p, "/")[1:] {
		if Ignored(dir) {
			return
		}
	}
	fi, err := fs.Lstat(b.fsys, p)
	switch {
	case err != nil:
		return // gone
	case fi.IsDir():
		paths = b.walk(p)
	case !fi.Mode().IsRegular():
		b.put(p, &source{err: notPlain(p)})
	default:
		paths = []string{p}
	}
	b.readAll(paths)
}

// recite converts again the pages that may cite the schedule.
func (b *Builder) recite() {
	var paths []string
	for p, src := range b.pages {
		if src.cites {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	b.readAll(paths)
}

// readAll reads and converts the files at paths, on every core.
func (b *Builder) readAll(paths []string) {
	srcs := make([]*source, len(paths))
	parallel(len(paths), func(i int) { srcs[i] = b.read(paths[i]) })
	for i, p := range paths {
		b.put(p, srcs[i])
	}
}

// parallel calls fn(0) ... fn(n-1) on every core and waits for them.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// read reads one source file and converts it as far as it can be on its own.
func (b *Builder) read(p string) *source {
	limit := int64(maxSourceSize)
	if strings.HasPrefix(p, "static/") {
		limit = maxStaticSize
	}
	raw, err := readListed(b.fsys, p, limit) // walk or rescan saw a plain file
	if err != nil {
		return &source{err: err}
	}
	src := &source{}
	switch {
	case strings.HasPrefix(p, "static/"):
		src.out, src.err = minifyStatic(b.min, p, raw)
	case p == "content/schedule.yaml":
		src.sched, src.err = schedule.Parse(p, normalize(raw))
	case !strings.HasSuffix(p, ".md"):
		src.err = diag.Errorf(p, 0, "only Markdown pages (.md) and schedule.yaml belong in content/; put other files in static/")
	case path.Base(p) == "index.md":
		src.err = diag.Errorf(p, 0, "name a folder's own page _index.md, not index.md")
	default:
		src.cites = mayCite(raw)
		src.page, src.warnings, src.err = b.loadPage(p, normalize(raw))
	}
	return src
}

func (b *Builder) loadPage(p string, src []byte) (*Page, []error, error) {
	meta, body, bodyLine, err := parseFrontMatter(p, src)
	if err != nil {
		return nil, nil, err
	}
	if err := checkMarkdown(p, body, bodyLine); err != nil {
		return nil, nil, err
	}
	page := &Page{
		Title: meta.Title, Description: meta.Description, Weight: meta.Weight, Draft: meta.Draft,
		Date: meta.Date, Layout: meta.Layout, Menu: meta.Menu, Path: p, meta: meta,
	}
	page.URL, page.Out, page.parent = pageURL(p)
	var sched *schedule.Schedule
	if b.schedule != nil {
		sched = b.schedule.sched
	}
	r, err := renderMarkdown(b.md, p, body, bodyLine, b.links.basePath, sched)
	if err != nil {
		return nil, nil, err
	}
	page.Content, page.relative = r.html, r.relative
	if page.IsFAQ() {
		page.Questions, page.Intro = r.questions, r.intro
		page.QA = r.html[len(r.intro):]
	}
	return page, r.warnings, nil
}

// assemble puts the loaded sources together into a Site, and loads the
// layouts if they are not loaded.
func (b *Builder) assemble() (*Site, []error, error) {
	b.fingerprint()
	var errs diag.List
	var warnings []error
	s := &Site{BaseURL: b.base, Now: b.opt.Now, links: b.links, byURL: map[string]*Page{}}
	claims := map[string]string{} // lower-cased output path -> source
	for _, p := range sortedKeys(b.pages) {
		src := b.pages[p]
		errs.Add(src.err)
		warnings = append(warnings, src.warnings...)
		pg := src.page
		if pg == nil || (pg.Draft && !b.opt.Drafts) {
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
		errs.Add(diag.Errorf("content/schedule.yaml", 0, "the schedule file is missing; create it with the rollout's waves"))
	case b.schedule.err != nil:
		errs.Add(b.schedule.err)
	default:
		s.Schedule = b.schedule.sched
	}
	s.Home = s.byURL["/"]
	if s.Home == nil {
		errs.Add(diag.Errorf("content/_index.md", 0, "the home page is missing; create it with a title"))
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
	b.index = make(map[string]int, len(s.Pages))
	s.children = map[string][]*Page{}
	for i, p := range s.Pages {
		b.index[p.Path] = i
		_, _, p.parent = pageURL(p.Path)
		if p.parent != "" && s.byURL[p.parent] == nil {
			p.parent = "/" // a folder without _index.md belongs to the home page
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
	}
	errs.Add(b.layoutErr)
	return s, warnings, errs.Err()
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
		strconv.Itoa(p.Weight), strconv.FormatBool(p.Draft), p.meta.Contact, p.meta.CNAME}, "\x00")
}

// assembleChanged updates the last good build's site with the pages read
// again, when only their bodies changed: their place in every list is the
// same. It reports false when a full assemble is needed.
func (b *Builder) assembleChanged() (*Site, []error, bool) {
	s := b.site
	if s == nil || b.full || b.layouts == nil {
		return nil, nil, false
	}
	for p := range b.todo {
		src := b.pages[p]
		if src == nil || src.err != nil || src.page == nil {
			return nil, nil, false
		}
		if i, ok := b.index[p]; !ok || s.Pages[i].Path != p {
			return nil, nil, false
		}
	}
	var warnings []error
	for p := range b.todo {
		src := b.pages[p]
		warnings = append(warnings, src.warnings...)
		pg, old := src.page, s.Pages[b.index[p]]
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
		if pg.IsHome() {
			s.Home = pg
		}
	}
	return s, warnings, true
}

// renderAll renders pages on every core. It returns each page's output, by
// output file, and the site paths of the pages its layout showed, by
// source; with emit, it hands each output to emit instead and returns none.
func (b *Builder) renderAll(s *Site, pages []*Page, emit func(string, []byte) error) (map[string][]byte, map[string][]string, error) {
	outs := make([][]byte, len(pages))
	shown := make([][]string, len(pages))
	errs := make([]error, len(pages))
	parallel(len(pages), func(i int) {
		if emit == nil {
			var out bytes.Buffer
			shown[i], errs[i] = b.render(s, pages[i], &out)
			outs[i] = out.Bytes()
			return
		}
		// emit is done with the bytes when it returns: the buffer is reused.
		out := b.buffer()
		defer b.bufs.Put(out)
		if shown[i], errs[i] = b.render(s, pages[i], out); errs[i] == nil {
			errs[i] = emit(pages[i].Out, out.Bytes())
		}
	})
	var list diag.List
	for i := range pages {
		list.Add(errs[i])
	}
	if err := list.Err(); err != nil {
		for _, p := range pages {
			b.todo[p.Path] = true
		}
		return nil, nil, err
	}
	if emit != nil {
		return nil, nil, nil
	}
	outMap := make(map[string][]byte, len(pages))
	shownMap := make(map[string][]string, len(pages))
	for i, p := range pages {
		outMap[p.Out] = outs[i]
		if len(shown[i]) > 0 {
			shownMap[p.Path] = shown[i]
		}
	}
	return outMap, shownMap, nil
}

// cause returns the cause of a *fs.PathError, whose own message repeats the
// path the caller already names.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// normalize drops a UTF-8 byte-order mark and turns CRLF line ends into LF,
// so that both give the same output.
func normalize(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if bytes.Contains(b, []byte("\r\n")) {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	return b
}
