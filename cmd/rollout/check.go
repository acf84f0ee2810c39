package main

import (
	"context"
	"errors"
	"fmt"

	"rollout/internal/diag"
)

func runCheck(ctx context.Context, e *env, args []string) error {
	var b buildFlags
	fs := newFlagSet(e, "check", "[flags]", `Check builds the site as build does, without writing it, and verifies every
link, #anchor and asset reference within it, and that every page can be
reached from the home page. Each problem names the Markdown or layout file
it comes from. Links to other sites are not visited; -external lists them.`)
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
	if len(cr.Problems) > 0 {
		return errors.Join(cr.Problems...)
	}
	fmt.Fprintf(e.stdout, "checked %d pages and %d links: every link, anchor and asset is there, every page can be reached, and every question and area can be found\n", cr.Pages, cr.Links)
	return nil
}
