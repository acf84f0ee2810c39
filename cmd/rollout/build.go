package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"rollout/internal/publish"
	"rollout/internal/schedule"
	"rollout/internal/site"
)

// buildFlags are the flags of build and of every command that builds.
type buildFlags struct {
	source, out, baseURL, now string
	drafts, fingerprint       bool
	preview                   bool // watch and serve: stylesheets keep their names, to be swapped in place
}

// register defines the build flags on fs; a preview (watch, serve) never
// fingerprints, and its help says so.
func (b *buildFlags) register(fs *flag.FlagSet, preview bool) {
	b.preview = preview
	fs.StringVar(&b.source, "source", ".", "the site's folder, holding content/, layouts/ and static/")
	fs.StringVar(&b.out, "out", "", "the output folder, replaced whole by each build (default: public inside -source)")
	fs.StringVar(&b.baseURL, "base-url", "", "where the site is published: a path such as /repo/ or a URL such as https://example.org/repo/ (default: baseURL in content/_index.md, or /)")
	fs.StringVar(&b.now, "now", "", "the day the schedule's status is shown for, YYYY-MM-DD (default today)")
	fs.BoolVar(&b.drafts, "drafts", false, "include pages marked draft: true")
	if preview {
		fs.BoolVar(&b.fingerprint, "fingerprint", false, "always off here: CSS and JS files keep their names, so that a changed stylesheet is swapped in place (only -fingerprint=false is accepted; build fingerprints by default)")
	} else {
		fs.BoolVar(&b.fingerprint, "fingerprint", true, "name CSS and JS files after a hash of their content, so browsers never use a stale copy")
	}
}

// check rejects arguments after the flags, -fingerprint in a preview, a
// bad -now, and then a source folder that is not a site's.
func (b *buildFlags) check(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))}
	}
	if b.preview && b.fingerprint {
		return usageError{fmt.Sprintf("%s: -fingerprint is always off in watch and serve, so that a changed stylesheet can be swapped in place; only build fingerprints", fs.Name())}
	}
	if _, err := b.options(); err != nil {
		return err
	}
	return needSite(b.source)
}

// needSite returns an error unless source is a site's folder, one holding
// content/: run from another folder, a command would otherwise report
// every file of a site as missing, or wait for files that never come.
// A source folder that cannot be read at all says so.
func needSite(source string) error {
	if fi, err := os.Stat(source); err != nil {
		return fmt.Errorf("%s: cannot open the source folder: %v", source, err)
	} else if !fi.IsDir() {
		return fmt.Errorf("%s: is a file, not a folder; run rollout in the site's folder, or pass -source DIR", source)
	}
	fi, err := os.Stat(filepath.Join(source, "content"))
	if err == nil && fi.IsDir() {
		return nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: cannot read the source folder: %v", source, err)
	}
	where := "here"
	if filepath.Clean(source) != "." {
		where = "in " + source
	}
	return fmt.Errorf("no content/ folder %s: run rollout in the site's folder, or pass -source DIR", where)
}

// options checks the flags and turns them into build options.
func (b *buildFlags) options() (site.Options, error) {
	opt := site.Options{BaseURL: b.baseURL, Drafts: b.drafts, Now: schedule.DateOf(time.Now()), Fingerprint: b.fingerprint && !b.preview}
	if b.now != "" {
		d, err := schedule.ParseDate(b.now)
		if err != nil {
			return opt, usageError{"-now: " + err.Error()}
		}
		opt.Now = d
	}
	return opt, nil
}

// outDir is the output folder: -out, or public inside -source.
func (b *buildFlags) outDir() string {
	if b.out == "" {
		return filepath.Join(b.source, "public")
	}
	return b.out
}

// build builds the site straight into a new output folder and swaps it in
// when everything succeeded, printing warnings to stderr. It returns the
// number of files written.
func (b *buildFlags) build(ctx context.Context, e *env) (int, error) {
	builder, root, err := b.newBuilder()
	if err != nil {
		return 0, err
	}
	defer root.Close()
	st, err := publish.Begin(b.outDir(), b.source)
	if err != nil {
		return 0, err
	}
	st.WriteFileFunc = e.faults.writeFile
	var files atomic.Int64
	stopped := fmt.Errorf("stopped before the build was complete; %s is as it was", b.outDir())
	warnings, err := builder.BuildTo(func(name string, data []byte) error {
		if ctx.Err() != nil {
			return stopped
		}
		files.Add(1)
		return st.WriteFile(name, data)
	})
	if ctx.Err() != nil {
		err = stopped // one line, not one for each file not written
	}
	if err != nil {
		st.Abort()
		return 0, err
	}
	for _, w := range warnings {
		e.warn(w)
	}
	return int(files.Load()), st.Commit()
}

// newBuilder opens the source folder, through which alone the build reads
// (a link out of it is an error), and returns a builder for it.
func (b *buildFlags) newBuilder() (*site.Builder, *os.Root, error) {
	opt, err := b.options()
	if err != nil {
		return nil, nil, err
	}
	root, err := os.OpenRoot(b.source)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: cannot open the source folder: %v", b.source, err)
	}
	builder, err := site.NewBuilder(root.FS(), opt)
	if err != nil {
		root.Close()
		return nil, nil, usageError{err.Error()}
	}
	return builder, root, nil
}

func runBuild(ctx context.Context, e *env, args []string) error {
	var b buildFlags
	fs := newFlagSet(e, "build", "[flags]", "Build renders the site into the output folder, all or nothing: on any error\nthe previous output is left exactly as it was.")
	b.register(fs, false)
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if err := b.check(fs); err != nil {
		return err
	}
	e.source = b.source
	start := time.Now()
	n, err := b.build(ctx, e)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "built %d files into %s in %v\n", n, b.outDir(), time.Since(start).Round(time.Millisecond))
	return nil
}
