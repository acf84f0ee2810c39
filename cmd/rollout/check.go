package main

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"rollout/internal/diag"
	"rollout/internal/site"
)

func runCheck(ctx context.Context, e *env, args []string) error {
	var b buildFlags
	fs := newFlagSet(e, "check", "[flags]", `Check builds the site as build does, without writing it, and verifies every
link, #anchor and asset reference within it, and that every page can be
reached from the home page. Each problem names the Markdown or layout file
it comes from. Links to other sites are not visited; -external lists them.
A page that still has the guidance text of rollout new is a problem unless
it is a draft; drafts are listed, as they are not published. On a site in
more than one language, the pages not translated into each are listed.`)
	b.register(fs, false)
	ext := fs.Bool("external", false, "list the links to other sites")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if err := b.check(fs); err != nil {
		return err
	}
	e.source = b.source
	builder, root, err := b.newBuilder()
	if err != nil {
		return err
	}
	defer root.Close()
	res, err := builder.Build(nil)
	if err != nil {
		return err
	}
	cr := builder.Check(res)
	if *ext {
		for _, x := range cr.External {
			fmt.Fprintf(e.stdout, "external: %s\n", diag.Printable(x))
		}
	}
	guidance, drafts := unfinished(builder, res)
	problems := append(cr.Problems, guidance...)
	// The build's other warnings, as build prints them; build, which the
	// workflow runs after check, marks them on the files.
	said := map[string]bool{}
	for _, p := range problems {
		said[p.Error()] = true
	}
	for _, w := range res.Warnings {
		if !said[w.Error()] && !site.IsGuidanceLeft(w) {
			e.printWarning(w)
		}
	}
	if len(problems) == 0 {
		fmt.Fprintf(e.stdout, "checked %d pages and %d links: every link, anchor and asset is there, every page can be reached, and every question and area can be found\n", cr.Pages, cr.Links)
	}
	for _, d := range append(drafts, builder.Untranslated()...) {
		fmt.Fprintln(e.stdout, d)
		if e.annotate {
			annotation(e.stderr, "notice", e.source, d)
		}
	}
	return errors.Join(problems...)
}

// unfinished returns the pages that still have the guidance text of
// rollout new, as problems, where they are not drafts: that text would
// tell every reader how to write the page. It returns the draft pages, as
// information, since they are not published: each draft, and where a draft
// still has guidance text.
func unfinished(builder *site.Builder, res *site.Result) (problems, drafts []error) {
	left := map[string]error{} // the guidance warnings of drafts, by path
	ds := builder.Drafts()
	for _, w := range res.Warnings {
		var d *diag.Error
		if !site.IsGuidanceLeft(w) || !errors.As(w, &d) {
			continue
		}
		if slices.Contains(ds, d.Path) {
			left[d.Path] = w
		} else {
			problems = append(problems, w)
		}
	}
	for _, p := range ds {
		drafts = append(drafts, diag.Errorf(p, 0, "draft, not published; remove draft: true to publish it"))
		if w := left[p]; w != nil {
			drafts = append(drafts, w)
		}
	}
	return problems, drafts
}
