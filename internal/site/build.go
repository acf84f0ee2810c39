package site

import (
	"bytes"
	"context"
	"html/template"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sync"

	"github.com/tdewolff/minify/v2"

	"rollout/internal/diag"
	"rollout/internal/frontmatter"
	"rollout/internal/markdown"
)

// Build loads the site in fsys, whose root is the source folder (holding
// content/, layouts/ and static/), and renders every file of it into memory.
// It reports every problem it finds, joined, a link within the site that
// leads to no file or to no #anchor too (see check.go); on error the
// Result is nil.
func Build(fsys fs.FS, opt Options) (*Result, error) {
	b, err := NewBuilder(fsys, opt)
	if err != nil {
		return nil, err
	}
	return b.Build(nil)
}

// A Builder builds a site and rebuilds it after changes to some of its
// files, reusing what did not change: a page whose file is unchanged is not
// read or converted again, and an output is made again only when an input
// it reads changed (see rebuild.go): a page when its own file changed, or
// its layout shows other pages' text and one changed, or something all
// pages read changed (a layout, the schedule, or any page's place in lists
// and menus). A Builder is not safe for concurrent use.
//
// A build goes through stages, each in its own file: source.go finds and
// reads the files within their limits; page.go turns a Markdown file into
// a Page (frontmatter.go, markdown.go); assemble.go puts the pages and the
// schedule together into a Site; render.go executes each page's layout
// (layout.go) and minifies it; the site-wide outputs of rebuild.go
// (hosting.go, feeds.go, outputs.go) are made last; check.go checks the
// links of what was made. Publishing the files is the caller's (package
// publish).
type Builder struct {
	fsys  fs.FS
	opt   Options
	base  string
	links links
	md    markdown.Converter
	min   *minify.M
	bufs  sync.Pool       // *bytes.Buffer that layouts are executed and pages minified into, reused
	ctx   context.Context // of the build under way: rendering stops when it is done

	pages      map[string]*source // content/**/*.md and other files in content/, by path
	schedule   *source            // content/schedule.yaml
	static     map[string]*source // static/**, by path
	layouts    map[string]*template.Template
	readsText  map[string]textReads // what each layout shows of other pages' text, by name
	asksTexts  []askedText          // the layouts' texts that the layouts ask for by name
	folderErrs []error              // content/, layouts/ or static/ that is not a folder
	layoutErr  error
	texts      texts // the layouts' texts in the site's languages (see lang.go)

	// State of the last good build.
	files  map[string][]byte   // every output file
	made   []map[string][]byte // the files of each site-wide output, as in siteOutputs
	assets map[string]string   // site path of a fingerprinted file -> its published path
	site   *Site               // the last good build's site
	index  map[string]int      // source path -> index in site.Pages
	// checked is what the link check read of each page, and found.
	checked checkState

	// What changed since the last good build.
	changed input
	todo    map[string]bool   // pages read again, by source path
	prev    map[string]string // listing keys of the pages read again, as they were
}

// NewBuilder returns a Builder for the site in fsys. It reads nothing yet.
func NewBuilder(fsys fs.FS, opt Options) (*Builder, error) {
	if opt.BaseURL != "" {
		if _, _, _, err := frontmatter.ParseBaseURL(opt.BaseURL); err != nil {
			return nil, err
		}
	}
	return &Builder{
		fsys: fsys, opt: opt, ctx: context.Background(),
		md: markdown.New(), min: newMinifier(),
		pages: map[string]*source{}, static: map[string]*source{},
		todo: map[string]bool{}, prev: map[string]string{}, changed: inAll,
	}, nil
}

// Build builds the site. changed lists the slash-separated paths, relative
// to the source folder, of files and folders that were created, written,
// removed or renamed since the previous call; nil means everything may have
// changed, and so does the first call. On error, the next Build makes
// again everything this one would have.
func (b *Builder) Build(changed []string) (*Result, error) {
	return b.BuildContext(context.Background(), changed)
}

// BuildContext is Build, ending early with ctx's error once ctx is done:
// a watch that is stopped does not finish its rebuild first.
func (b *Builder) BuildContext(ctx context.Context, changed []string) (*Result, error) {
	b.ctx = ctx
	defer func() { b.ctx = context.Background() }()
	if changed == nil || b.files == nil {
		b.scanAll()
		b.checked = checkState{}
	} else {
		for _, p := range changed {
			b.rescan(path.Clean(p))
		}
		if home := b.pages["content/_index.md"]; home != nil && home.page != nil && b.baseURL(home.page.meta.BaseURL) != b.base {
			b.scanAll() // every link is written under the base URL
			b.checked = checkState{}
		}
	}
	for k, before := range b.prev {
		if listingKey(b.pages[k]) != before {
			b.changed |= inListing
		}
	}
	b.prev = map[string]string{}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s, ok := b.assembleChanged()
	if !ok {
		var err error
		if s, err = b.assemble(); err != nil {
			return nil, err
		}
	}
	rendered := b.toRender(s)
	outs, scanned, err := b.renderAll(s, rendered, nil)
	if err != nil {
		return nil, err
	}
	made := make([]map[string][]byte, len(siteOutputs))
	all := map[string][]byte{}
	for i, o := range siteOutputs {
		if b.made != nil {
			made[i] = b.made[i]
		}
		if b.changed&o.reads != 0 || made[i] == nil {
			if made[i], err = o.make(b, s, all); err != nil {
				return nil, err
			}
		}
		maps.Copy(all, made[i])
	}

	// The new file set: every page's output, made now or kept, and the
	// site-wide outputs. While the list of pages is the same, only what
	// was made again can differ from the last build's.
	var files map[string][]byte
	var candidates []string // the names that may have changed or gone
	if b.changed&inListing != 0 || b.files == nil {
		files = make(map[string][]byte, len(s.Pages)+len(all))
		for _, p := range s.Pages {
			if data, ok := outs[p.Out]; ok {
				files[p.Out] = data
			} else {
				files[p.Out] = b.files[p.Out]
			}
		}
		maps.Copy(files, all)
		candidates = slices.AppendSeq(slices.Collect(maps.Keys(files)), maps.Keys(b.files))
	} else {
		files = maps.Clone(b.files)
		for i := range b.made {
			for name := range b.made[i] {
				delete(files, name)
				candidates = append(candidates, name)
			}
		}
		maps.Copy(files, outs)
		maps.Copy(files, all)
		candidates = slices.AppendSeq(slices.AppendSeq(candidates, maps.Keys(outs)), maps.Keys(all))
	}
	res := &Result{Files: files}
	slices.Sort(candidates)
	var added []string // files that the last good build did not have
	for _, name := range slices.Compact(candidates) {
		data, now := files[name]
		old, before := b.files[name]
		switch {
		case now && (!before || !bytes.Equal(old, data)):
			res.Changed = append(res.Changed, name)
			if !before {
				added = append(added, name)
			}
		case before && !now:
			res.Removed = append(res.Removed, name)
		}
	}

	// The link check: renderAll scanned the pages whose output is new;
	// look up their links, or everyone's.
	has := func(name string) bool { _, ok := files[name]; return ok }
	checkWarnings, keep, linkErr := b.checkBuild(s, has, rendered, scanned, added, res.Removed)
	if linkErr != nil {
		return nil, linkErr // what changed is made and checked again next time
	}
	keep()
	res.Warnings = b.warnings(checkWarnings)
	b.files, b.site, b.made = files, s, made
	b.todo, b.changed = map[string]bool{}, 0
	return res, nil
}

// warnings returns every warning of the site as it is now, sorted by
// file and line: those of each page, and checks, the link check's.
func (b *Builder) warnings(checks []error) []error {
	warnings := slices.Clone(checks)
	for _, src := range b.pages {
		warnings = append(warnings, src.warnings...)
	}
	sortProblems(warnings)
	return warnings
}

// BuildTo builds the whole site as Build(nil) does, but hands each file to
// write as soon as it is made, from several goroutines at once, and keeps
// none of them: for one-off builds, where holding every page would only
// cost memory: of each page it keeps only what the link check reads (its
// ids and links) until the end. write may not keep data after it returns:
// the bytes are reused. It checks the links as Build does, and fails on a
// broken one after every file has been handed to write: the caller
// publishes the files only when BuildTo returns no error. It returns the
// warnings. After BuildTo, the next Build starts from scratch.
func (b *Builder) BuildTo(write func(name string, data []byte) error) ([]error, error) {
	b.scanAll()
	b.files, b.checked = nil, checkState{}
	s, err := b.assemble()
	if err != nil {
		return nil, err
	}
	all := map[string][]byte{}
	for _, o := range siteOutputs {
		files, err := o.make(b, s, all)
		if err != nil {
			return nil, err
		}
		maps.Copy(all, files)
	}
	var errs diag.List
	for _, name := range sortedKeys(all) {
		errs.Add(write(name, all[name]))
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	b.changed = inAll // nothing of this build is kept

	// The pages, each scanned for the link check as it is made.
	_, scanned, err := b.renderAll(s, s.Pages, write)
	if err != nil {
		return nil, err
	}
	has := func(name string) bool {
		_, ok := all[name]
		return ok || scanned[name] != nil
	}
	checkWarnings, _, linkErr := b.checkBuild(s, has, s.Pages, scanned, nil, nil)
	if linkErr != nil {
		return nil, linkErr
	}
	return b.warnings(checkWarnings), nil
}
