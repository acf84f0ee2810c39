package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"rollout/internal/site"
)

func runNew(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "new", "[-source DIR] PATH \"Title\"", `New starts a page at content/PATH from a template, with the given title.
PATH ends in .md; pages under faq/ start with a sample question. The page
is a draft (draft: true), not published, with guidance text to replace;
rollout serve -drafts shows it. Remove draft: true to publish it.
An existing file is never overwritten. The site's folder must hold content/,
or be empty.

Example:

	rollout new faq/taking-the-training.md "Taking the training"`)
	source := fs.String("source", ".", "the site's folder, holding content/ (an empty folder starts a new site)")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return usageError{`new takes a path and a title, like: rollout new faq/taking-the-training.md "Taking the training"`}
	}
	rel := strings.TrimPrefix(filepath.ToSlash(fs.Arg(0)), "content/")
	title := strings.TrimSpace(fs.Arg(1))
	switch {
	case !strings.HasSuffix(rel, ".md"):
		return usageError{fmt.Sprintf("new: %q must end in .md", rel)}
	case !filepath.IsLocal(filepath.FromSlash(rel)):
		return usageError{fmt.Sprintf("new: %q must be a path inside content/, such as faq/page.md", rel)}
	case path.Base(rel) == "index.md":
		return usageError{"new: name a folder's own page _index.md"}
	case title == "":
		return usageError{"new: the title is empty"}
	}
	// Run from the wrong folder, new would start a content/ folder there
	// and the page would never be published; only an empty folder is a
	// site yet to be started.
	if err := needSite(*source); err != nil {
		if entries, rerr := os.ReadDir(*source); rerr != nil || len(entries) > 0 {
			return err
		}
	}
	file := filepath.Join(*source, "content", filepath.FromSlash(rel))
	// Write only into the site's own folders, never through a link: the
	// build would refuse the page, and a link may lead anywhere.
	dir := *source
	for _, part := range strings.Split(path.Dir("content/"+rel), "/") {
		dir = filepath.Join(dir, part)
		if fi, err := os.Lstat(dir); err == nil && !fi.IsDir() {
			return fmt.Errorf("%s: is a link or a file, not a folder; rollout new writes only into the site's own folders, so put the folder itself there or choose another path", dir)
		}
	}
	root, err := os.OpenRoot(*source)
	if err != nil {
		return fmt.Errorf("%s: cannot open the site's folder: %w", *source, err)
	}
	defer root.Close()
	name := path.Join("content", rel)
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		return fmt.Errorf("%s: already exists; rollout new never overwrites a page, so edit it or choose another name", file)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(pageTemplate(rel, title)); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	serve := "rollout serve -drafts -open"
	if *source != "." {
		serve += " -source " + *source
	}
	fmt.Fprintf(e.stdout, "created %s, a draft: not published yet\n", file)
	fmt.Fprintf(e.stdout, "  write:   replace its guidance text with the page's own, and fill in its description\n")
	fmt.Fprintf(e.stdout, "  preview: %s (a draft shows only with -drafts)\n", serve)
	fmt.Fprintf(e.stdout, "  publish: remove draft: true from its top, then commit it; the workflow publishes it\n")
	return nil
}

// pageTemplate is the text of a new page: a draft, with the guidance
// sentences of package site, which every build reports while they are
// still there.
func pageTemplate(rel, title string) string {
	head := "---\ntitle: " + strconv.Quote(title) + "\ndescription: \"\"\nweight: 10\ndraft: true\n---\n\n"
	body := site.GuidanceText + "\n"
	if strings.HasPrefix(rel, "faq/") {
		body = site.GuidanceIntro + "\n\n## " + site.GuidanceQuestion + "\n\n" + site.GuidanceAnswer + "\n"
	}
	return head + body + "\n" + site.GuidancePublish + "\n"
}

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "version", "", `Version prints rollout's version and the Go version it was built with. The
version is the module's, or the git commit it was built from and that
commit's date, with "+ local changes" when files differed from it; a binary
built with -buildvcs=false, or by go run, has neither.`)
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"version takes no arguments"}
	}
	bi, _ := debug.ReadBuildInfo()
	fmt.Fprintln(e.stdout, versionLine(bi))
	return nil
}

// pseudoVersion matches the versions go build makes up from a commit
// (v0.0.0-20240501123456-0123456789ab, maybe +dirty), which the commit and
// its date say better.
var pseudoVersion = regexp.MustCompile(`\d{14}-[0-9a-f]{12}(\+dirty)?$`)

// versionLine says which rollout bi describes: its module version when it
// has one, else its git commit and the commit's date, and the Go version.
// bi may be nil (a binary without build information).
func versionLine(bi *debug.BuildInfo) string {
	goVersion := runtime.Version()
	if bi == nil {
		return "rollout (no version recorded), " + goVersion
	}
	if bi.GoVersion != "" {
		goVersion = bi.GoVersion
	}
	vcs := map[string]string{}
	for _, s := range bi.Settings {
		vcs[s.Key] = s.Value
	}
	local := ""
	if vcs["vcs.modified"] == "true" {
		local = " + local changes"
	}
	v := bi.Main.Version
	switch rev := vcs["vcs.revision"]; {
	case v != "" && v != "(devel)" && !(rev != "" && pseudoVersion.MatchString(v)):
		if strings.HasSuffix(v, "+dirty") {
			v, local = strings.TrimSuffix(v, "+dirty"), " + local changes"
		}
	case rev != "":
		v = rev[:min(12, len(rev))]
		if t, err := time.Parse(time.RFC3339, vcs["vcs.time"]); err == nil {
			v += " (" + t.UTC().Format("2006-01-02") + ")"
		}
	default:
		v = "(no version recorded: install it with go install -buildvcs=true ./cmd/rollout in a git clone)"
	}
	return "rollout " + v + local + ", " + goVersion
}
