package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
)

func runNew(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "new", "[-source DIR] PATH \"Title\"", `New starts a page at content/PATH from a template, with the given title.
PATH ends in .md; pages under faq/ start with a sample question.
An existing file is never overwritten.

Example:

	rollout new faq/taking-the-training.md "Taking the training"`)
	source := fs.String("source", ".", "the site's folder, holding content/")
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
	fmt.Fprintf(e.stdout, "created %s\n", file)
	return nil
}

// pageTemplate is the text of a new page.
func pageTemplate(rel, title string) string {
	head := "---\ntitle: " + strconv.Quote(title) + "\ndescription: \"\"\nweight: 10\ndraft: false\n---\n\n"
	if strings.HasPrefix(rel, "faq/") {
		return head + "A sentence or two about what these questions cover.\n\n" +
			"## What is the first question?\n\nIts answer, in a paragraph or a list. Every \"##\" heading on this page is a\nquestion, and the text under it is the answer.\n"
	}
	return head + "Write the page here, in Markdown.\n"
}

func runVersion(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "version", "", "Version prints rollout's version and the Go version it was built with.")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{"version takes no arguments"}
	}
	v, rev := "(devel)", ""
	goVersion := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
		if bi.Main.Version != "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				rev = " " + s.Value[:12]
			}
		}
	}
	fmt.Fprintf(e.stdout, "rollout %s%s %s\n", v, rev, goVersion)
	return nil
}
