package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/yuin/goldmark"

	"rollout/internal/diag"
	"rollout/internal/schedule"
)

// Options are the settings of one build. The zero value builds for the
// site root "/" as of the zero date; callers set Now.
type Options struct {
	BaseURL string        // where the site is published: "/", "/repo/", "https://example.org/repo/"
	Now     schedule.Date // the day the schedule's status is computed for
	Drafts  bool          // include pages with draft: true
}

// Site is what layouts see as .Site.
type Site struct {
	Title    string             // the home page's title
	BaseURL  string             // as given in Options, always ending in "/"
	Now      schedule.Date      // the build's day
	Pages    []*Page            // all pages, ordered by weight, then title, then path
	Schedule *schedule.Schedule // content/schedule.yaml
	Home     *Page

	Origin string // scheme and host of BaseURL, such as "https://example.org", or ""

	byURL    map[string]*Page
	basePath string // path part of BaseURL, "/" or "/repo/"
}

// Page returns the page at site path u, such as "/faq/". A missing page is
// an error, so a layout that names a page that was renamed fails the build.
func (s *Site) Page(u string) (*Page, error) {
	if p := s.byURL[u]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("no page has the URL %q", u)
}

// Menu returns the pages that set a menu label, in order.
func (s *Site) Menu() []*Page {
	var out []*Page
	for _, p := range s.Pages {
		if p.Menu != "" {
			out = append(out, p)
		}
	}
	return out
}

// URL turns a site path, such as "/faq/" or "/style.css", into the URL to
// write in a page: the path under the base URL's path ("/repo/faq/").
func (s *Site) URL(sitePath string) string {
	return strings.TrimSuffix(s.basePath, "/") + "/" + strings.TrimPrefix(sitePath, "/")
}

// AbsURL is URL with the base URL's scheme and host in front, when the base
// URL has them; layouts check .Site.Origin before writing what must be
// absolute, such as a canonical link.
func (s *Site) AbsURL(sitePath string) string { return s.Origin + s.URL(sitePath) }

// Result is the output of a build: every file of the site, by its slash-
// separated path under the output folder, and warnings that did not stop it.
type Result struct {
	Files    map[string][]byte
	Warnings []error
}

// parseBaseURL checks a base URL and splits it into origin and path.
func parseBaseURL(s string) (base, origin, basePath string, err error) {
	if s == "" {
		s = "/"
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme != "") != (u.Host != "") || u.RawQuery != "" || u.Fragment != "" || !strings.HasPrefix(u.Path+"/", "/") {
		return "", "", "", fmt.Errorf("base URL %q must be a path such as /repo/ or an http(s) URL such as https://example.org/repo/", s)
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if u.Host != "" {
		origin = u.Scheme + "://" + u.Host
	}
	return origin + p, origin, p, nil
}

// Build loads the site in fsys, whose root is the source folder (holding
// content/, layouts/ and static/), and renders every file of it into memory.
// It reports every problem it finds, joined; on error the Result is nil.
func Build(fsys fs.FS, opt Options) (*Result, error) {
	base, origin, basePath, err := parseBaseURL(opt.BaseURL)
	if err != nil {
		return nil, err
	}
	s := &Site{BaseURL: base, Now: opt.Now, byURL: map[string]*Page{}, basePath: basePath, Origin: origin}
	var errs diag.List
	res := &Result{Files: map[string][]byte{}}

	md := newMarkdown()
	errs.Add(s.loadContent(fsys, md, opt.Drafts, res))
	layouts, err := loadLayouts(fsys, s)
	errs.Add(err)
	if err := errs.Err(); err != nil {
		return nil, err
	}

	min := newMinifier()
	for _, p := range s.Pages {
		errs.Add(s.renderPage(p, layouts, min, res.Files))
	}
	errs.Add(copyStatic(fsys, min, res.Files))
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// loadContent reads content/: every page and the schedule.
func (s *Site) loadContent(fsys fs.FS, md goldmark.Markdown, drafts bool, res *Result) error {
	var errs diag.List
	type claim struct{ url, src string }
	claims := map[string]claim{} // lower-cased output path -> first source
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "content" && errors.Is(err, fs.ErrNotExist) {
				return diag.Errorf("content", 0, "there is no content folder; run rollout in the site's folder or give -source")
			}
			return diag.Errorf(p, 0, "cannot read: %v", errors.Unwrap(err))
		}
		if Ignored(d.Name()) && p != "content" {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		switch {
		case p == "content/schedule.yaml":
			src, err := readSource(fsys, p)
			if err != nil {
				errs.Add(err)
				return nil
			}
			s.Schedule, err = schedule.Parse(p, src)
			errs.Add(err)
			return nil
		case !strings.HasSuffix(p, ".md"):
			errs.Add(diag.Errorf(p, 0, "only Markdown pages (.md) and schedule.yaml belong in content/; put other files in static/"))
			return nil
		case path.Base(p) == "index.md":
			errs.Add(diag.Errorf(p, 0, "name a folder's own page _index.md, not index.md"))
			return nil
		}
		page, err := s.loadPage(fsys, md, p, res)
		errs.Add(err)
		if page == nil || (page.Draft && !drafts) {
			return nil
		}
		k := strings.ToLower(page.Out)
		if c, ok := claims[k]; ok {
			errs.Add(diag.Errorf(p, 0, "this page would be published at %s, where %s already is; rename one of them", page.URL, c.src))
			return nil
		}
		claims[k] = claim{page.URL, p}
		s.Pages = append(s.Pages, page)
		s.byURL[page.URL] = page
		return nil
	})
	errs.Add(err)
	if s.Schedule == nil && err == nil && len(errs) == 0 {
		errs.Add(diag.Errorf("content/schedule.yaml", 0, "the schedule file is missing; create it with the rollout's waves"))
	}
	s.Home = s.byURL["/"]
	if s.Home == nil && len(errs) == 0 {
		errs.Add(diag.Errorf("content/_index.md", 0, "the home page is missing; create it with a title"))
	}
	if s.Home != nil {
		s.Title = s.Home.Title
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
		if p.parent != "" && s.byURL[p.parent] == nil {
			p.parent = "/" // a folder without _index.md belongs to the home page
		}
	}
	return errs.Err()
}

// readSource reads a text file, dropping a UTF-8 byte-order mark and
// turning CRLF line ends into LF, so both give the same output.
func readSource(fsys fs.FS, p string) ([]byte, error) {
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, diag.Errorf(p, 0, "cannot read: %v", errors.Unwrap(err))
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), nil
}

func (s *Site) loadPage(fsys fs.FS, md goldmark.Markdown, p string, res *Result) (*Page, error) {
	src, err := readSource(fsys, p)
	if err != nil {
		return nil, err
	}
	meta, body, bodyLine, err := parseFrontMatter(p, src)
	if err != nil {
		return nil, err
	}
	page := &Page{Meta: meta, Path: p, Site: s}
	page.URL, page.Out, page.parent = pageURL(p)
	r, err := renderMarkdown(md, p, body, bodyLine, s.basePath)
	if err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, r.warnings...)
	page.Content = r.html
	if page.IsFAQ() {
		page.Questions, page.Intro = r.questions, r.intro
	}
	return page, nil
}

// Ignored reports whether a file or folder name is left out of the site:
// hidden files and the scratch files editors write while saving.
func Ignored(name string) bool {
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"),
		strings.HasSuffix(name, "~"), name == "4913":
		return true
	}
	switch path.Ext(name) {
	case ".swp", ".swx", ".swo", ".tmp", ".bak", ".orig":
		return true
	}
	return false
}
