package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"rollout/internal/diag"
	"rollout/internal/frontmatter"
	"rollout/internal/markdown"
	"rollout/internal/schedule"
)

// Stage 1, sources: find the files of content/ and static/, read each one
// (a plain file within the size limits, or an error naming it) and convert
// it as far as it can be on its own: a page's front matter and Markdown
// (page.go), the schedule, a minified static file. A rebuild reads again
// only what changed, and notes which inputs (rebuild.go) that touched.

// source is one source file as last read, and what was made of it.
type source struct {
	cites    bool               // the Markdown may cite the schedule
	page     *Page              // for a Markdown page
	sched    *schedule.Schedule // for the schedule
	out      []byte             // for a static file
	err      error
	warnings []error
}

// scanAll forgets every source and reads the whole tree again.
func (b *Builder) scanAll() {
	// The home page's front matter may set the base URL, which every
	// page's links are written under: read it first.
	// So may its languages, which the layouts' texts are read in.
	home, ok := b.homeMeta()
	b.base = b.baseURL(home.BaseURL)
	b.loadTexts(home, ok)
	_, origin, basePath, _ := frontmatter.ParseBaseURL(b.base)
	b.links = links{Origin: origin, basePath: basePath}

	b.pages, b.static, b.schedule = map[string]*source{}, map[string]*source{}, nil
	b.layouts, b.layoutErr = nil, nil
	b.changed = inAll
	b.folderErrs = nil
	for _, top := range []string{"content", "layouts", "static"} {
		if fi, err := fs.Lstat(b.fsys, top); err == nil && !fi.IsDir() {
			b.folderErrs = append(b.folderErrs, diag.Errorf(top, 0, "%s/ must be a folder of the site, not a link or a file; put the folder itself here", top))
		}
	}
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
			if base, _, _, err := frontmatter.ParseBaseURL(u); err == nil {
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
		if p != dir { // rescan checked dir itself
			if err := checkName(p); err != nil {
				b.put(p, &source{err: err}) // a folder's one error stands for all in it
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
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

// checkName returns an error when the last name of path p, a file or
// folder under content/ or static/, cannot be published: a name that is
// not UTF-8; a control character, which cannot be seen (C0, DEL, C1, and
// the bidirectional overrides and isolates, which make text read
// backwards); "#", "?", "%" or a backslash, which mean something else in
// addresses and on Windows; and, under content/, a space, which a page's
// address would show as %20. Any other name is published percent-encoded
// where it must be (/caf%C3%A9/, /Training%20Guide.pdf).
func checkName(p string) error {
	name := path.Base(p)
	page := strings.HasPrefix(p, "content/")
	bad := func(r rune) bool {
		return control(r) || strings.ContainsRune(`#?%\`, r) || page && unicode.IsSpace(r)
	}
	var what string
	if !utf8.ValidString(name) {
		what = "the name is not valid UTF-8 text"
	} else if i := strings.IndexFunc(name, bad); i >= 0 {
		switch r, _ := utf8.DecodeRuneInString(name[i:]); {
		case control(r):
			q := strconv.QuoteRune(r)
			what = "the name has a control character (" + q[1:len(q)-1] + "), which cannot be seen"
		case unicode.IsSpace(r):
			what = "a name in content/ cannot have spaces, as page addresses would show them as %20"
		default:
			what = `the name has "` + string(r) + `", which cannot be in a web address as it is`
		}
	} else {
		return nil
	}
	what += "; rename it using letters, digits, hyphens (-) and underscores (_)"
	if s := hyphenated(name, bad); s != "" && s[0] != '.' {
		what += fmt.Sprintf(", such as %q", s)
	}
	return diag.Errorf(p, 0, "%s", what)
}

// control reports whether r is a control character: C0, DEL, C1, or a
// bidirectional override or isolate, which can make text read backwards.
func control(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// hyphenated returns name with each run of characters that are bad or
// not UTF-8 made one hyphen, or nothing next to a dot or an end:
// "Training Guide.md" becomes "Training-Guide.md", "why?.md" "why.md".
func hyphenated(name string, bad func(rune) bool) string {
	var b strings.Builder
	gap := false
	for _, r := range strings.ToValidUTF8(name, "\uFFFD") {
		if r == utf8.RuneError || bad(r) {
			gap = true
			continue
		}
		if gap && b.Len() > 0 && r != '.' && !strings.HasSuffix(b.String(), ".") {
			b.WriteByte('-')
		}
		gap = false
		b.WriteRune(r)
	}
	return b.String()
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
	if p == "content" || p == "layouts" || p == "static" || p == "." {
		b.scanAll() // a whole source folder came, went or was replaced
		return
	}
	b.changed |= changes(p)
	top, _, _ := strings.Cut(p, "/")
	if top == "layouts" {
		b.layouts, b.layoutErr = nil, nil
		if strings.HasPrefix(p+"/", "layouts/i18n/") || strings.HasPrefix("layouts/i18n/", p+"/") {
			b.textsChanged()
		}
		return
	}
	if top != "content" && top != "static" {
		return
	}
	// Forget everything at or under p, then read what is there now. A page
	// that is gone changes the listing: see Build.
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
			b.changed |= b.assetChange(k)
		}
	}
	if strings.HasPrefix("content/schedule.yaml/", p+"/") {
		b.schedule = nil
		defer b.recite()
	}
	if strings.HasPrefix("content/_index.md/", p+"/") {
		defer b.homeChanged() // its languages may have changed, or gone with it
	}
	var paths []string
	parts := strings.Split(p, "/")
	for _, dir := range parts[1:] {
		if Ignored(dir) {
			return
		}
	}
	// A folder with a bad name is one error, which its files do not add
	// to: as in walk, which does not go into it.
	for i := 2; i < len(parts); i++ {
		if checkName(strings.Join(parts[:i], "/")) != nil {
			return
		}
	}
	fi, err := fs.Lstat(b.fsys, p)
	nameErr := checkName(p)
	switch {
	case err != nil:
		return // gone
	case nameErr != nil:
		b.put(p, &source{err: nameErr}) // walk's error, for a file or a folder
	case fi.IsDir():
		paths = b.walk(p)
	case !fi.Mode().IsRegular():
		b.put(p, &source{err: notPlain(p)})
	default:
		paths = []string{p}
	}
	for _, q := range paths {
		b.changed |= b.assetChange(q)
	}
	b.readAll(paths)
}

// assetChange returns inAssets when p is a static file published under a
// fingerprinted name, whose name pages write: a new, changed or removed
// one changes what they link to.
func (b *Builder) assetChange(p string) input {
	if b.opt.Fingerprint && strings.HasPrefix(p, "static/") && fingerprinted[path.Ext(p)] {
		return inAssets
	}
	return 0
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
		src.sched, src.err = ParseSchedule(p, raw)
	case !strings.HasSuffix(p, ".md"):
		src.err = notContent(p)
	case path.Base(p) == "index.md":
		src.err = diag.Errorf(p, 0, "name a folder's own page _index.md, not index.md")
	default:
		src.cites = markdown.MayCite(raw)
		src.page, src.warnings, src.err = b.loadPage(p, diag.Normalize(raw))
	}
	return src
}

// notContent is the problem of the file p in content/, which is neither a
// Markdown page nor the schedule. A page or schedule named in another way
// (.markdown, .MD, schedule.yml) is to be renamed, not moved to static/,
// which would publish its source.
func notContent(p string) error {
	dir, name := path.Split(p)
	ext := path.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	switch {
	case dir == "content/" && strings.EqualFold(stem, "schedule") && (strings.EqualFold(ext, ".yml") || strings.EqualFold(ext, ".yaml")):
		return diag.Errorf(p, 0, "the schedule must be named schedule.yaml: rename this file content/schedule.yaml")
	case strings.EqualFold(ext, ".md") || strings.EqualFold(ext, ".markdown") || strings.EqualFold(ext, ".mdown") || strings.EqualFold(ext, ".mkd"):
		return diag.Errorf(p, 0, "a page's name ends in .md: rename this file %s%s.md", dir, stem)
	}
	return diag.Errorf(p, 0, "only Markdown pages (.md) and schedule.yaml belong in content/; put other files in static/")
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

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
