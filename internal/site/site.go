package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"strings"

	"rollout/internal/diag"
	"rollout/internal/frontmatter"
	"rollout/internal/i18n"
	"rollout/internal/schedule"
)

// Options are the settings of one build. The zero value builds for the
// site root "/" as of the zero date; callers set Now.
type Options struct {
	BaseURL string        // where the site is published: "/repo/", "https://example.org/repo/"; "" takes the home page's baseURL, or "/"
	Now     schedule.Date // the day the schedule's status is computed for
	Drafts  bool          // include pages with draft: true
	// Fingerprint publishes stylesheets and scripts under names that carry
	// a hash of their content, so that browsers never use a stale copy.
	Fingerprint bool
}

// Site is what layouts see as .Site.
type Site struct {
	Title       string             // the home page's title
	Description string             // the home page's description
	Contact     string             // the e-mail address readers write to, from the home page
	CNAME       string             // the custom domain, from the home page
	BaseURL     string             // the base URL in force, always ending in "/"
	Now         schedule.Date      // the build's day
	Updated     schedule.Date      // the day the content last changed: the newest date of the pages, or none
	Pages       []*Page            // all pages, ordered by weight, then title, then path
	Schedule    *schedule.Schedule // content/schedule.yaml
	Home        *Page
	Menu        []*Page // the pages that set a menu label, in order

	links

	// The site's languages, the default first; and the language of the
	// pages the layout at hand shows (see view).
	Languages []Language
	Lang      string

	byURL        map[string]*Page
	children     map[string][]*Page        // the pages in each folder's page, by its URL, in order
	areaUIDs     map[*schedule.Area]string // see areaUIDs
	translations map[string][]*Page        // each page in every language, by the content path of its page in the default language
	views        map[string]*Site          // each language's view of the site, when it has more than one
	byKey        map[string]*Page          // in a language's view, its pages by Page.Key
	catalog      *i18n.Catalog             // the layouts' texts
	textProblems *diag.List                // where say reports a text it cannot fill, while the schedule's files are made
}

// links turns site paths into URLs under the base URL.
type links struct {
	Origin   string // scheme and host of the base URL, such as "https://example.org", or ""
	basePath string // path part of the base URL, "/" or "/repo/"
}

// Page returns the page at site path u, such as "/faq/": in a language's
// view, its translation into the language when there is one. A missing
// page is an error, so a layout that names a page that was renamed fails
// the build.
func (s *Site) Page(u string) (*Page, error) {
	if p := s.byKey[u]; p != nil {
		return p, nil
	}
	if p := s.byURL[u]; p != nil {
		return p, nil
	}
	return nil, fmt.Errorf("this layout shows the page %s, which does not exist: create %s, or take that part out of the layout", u, sourceOf(u))
}

// sourceOf names the Markdown file that is published at site path u.
func sourceOf(u string) string {
	switch u = strings.Trim(u, "/"); {
	case u == "":
		return "content/_index.md"
	case u == "404.html":
		return "content/404.md"
	}
	return "content/" + u + ".md"
}

// URL turns a site path, such as "/faq/" or "/style.css", into the URL to
// write in a page: the path under the base URL's path ("/repo/faq/"),
// percent-encoded where it must be ("/repo/caf%C3%A9/" for "/café/",
// "/Training%20Guide.pdf"). A site path is a file's name as it is, not
// encoded; what follows a "?" or "#" in it is left as it is.
func (s links) URL(sitePath string) string {
	p := s.path(sitePath)
	i := strings.IndexAny(p, "?#") // never in a file's name: see checkName
	if i < 0 {
		i = len(p)
	}
	return (&url.URL{Path: p[:i]}).EscapedPath() + p[i:]
}

// path returns a site path under the base URL's path, not encoded.
func (s links) path(sitePath string) string {
	return strings.TrimSuffix(s.basePath, "/") + "/" + strings.TrimPrefix(sitePath, "/")
}

// AbsURL is URL with the base URL's scheme and host in front, when the base
// URL has them; layouts check .Site.Origin before writing what must be
// absolute, such as a canonical link.
func (s links) AbsURL(sitePath string) string { return s.Origin + s.URL(sitePath) }

// Result is the output of a build: every file of the site, by its slash-
// separated path under the output folder, what changed since the builder's
// previous good build, and warnings that did not stop it.
type Result struct {
	Files   map[string][]byte
	Changed []string // files new or different since the previous build, sorted
	Removed []string // files of the previous build that are gone, sorted
	// Warnings are all the site's warnings, sorted by file and line, after
	// an incremental build as after a clean one: each source's (raw HTML
	// left out, ...) and the link check's (a page no page links to, a
	// promise a layout does not keep; see Builder.Check).
	Warnings []error
}

// SplitBaseURL checks a base URL and returns its scheme and host (or "")
// and its path, which ends in "/".
func SplitBaseURL(s string) (origin, basePath string, err error) {
	_, origin, basePath, err = frontmatter.ParseBaseURL(s)
	return origin, basePath, err
}

// readSource reads a text file, dropping a UTF-8 byte-order mark and
// turning CRLF line ends into LF, so both give the same output.
func readSource(fsys fs.FS, p string) ([]byte, error) {
	b, err := readFile(fsys, p, maxSourceSize)
	return diag.Normalize(b), err
}

// ReadSchedule reads and checks the schedule of the site in fsys,
// content/schedule.yaml, as a build does.
func ReadSchedule(fsys fs.FS) (*schedule.Schedule, error) {
	const p = "content/schedule.yaml"
	if _, err := fs.Lstat(fsys, p); errors.Is(err, fs.ErrNotExist) {
		return nil, noSchedule()
	}
	b, err := readFile(fsys, p, maxSourceSize)
	if err != nil {
		return nil, err
	}
	return ParseSchedule(p, b)
}

// noSchedule is the error for a site without content/schedule.yaml.
func noSchedule() error {
	return diag.Errorf("content/schedule.yaml", 0, "the schedule file is missing; create it with the rollout's waves")
}

// ParseSchedule checks a schedule's text as a build does; name is where
// its problems are said to be.
func ParseSchedule(name string, b []byte) (*schedule.Schedule, error) {
	if len(b) > maxSourceSize {
		return nil, tooBig(name, int64(len(b)), maxSourceSize)
	}
	return schedule.Parse(name, diag.Normalize(b))
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
