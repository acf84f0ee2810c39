package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"rollout/internal/diag"
	"rollout/internal/preview"
	"rollout/internal/publish"
	"rollout/internal/site"
	"rollout/internal/watch"
)

func runWatch(ctx context.Context, e *env, args []string) error {
	var b buildFlags
	fs := newFlagSet(e, "watch", "[flags]", "Watch builds the site, then rebuilds it on every save. A broken save leaves the\nlast good build in place. Stop it with Ctrl-C.")
	b.register(fs)
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if err := b.check(fs); err != nil {
		return err
	}
	return b.watch(ctx, e, nil)
}

func runServe(ctx context.Context, e *env, args []string) error {
	var b buildFlags
	fs := newFlagSet(e, "serve", "[flags]", "Serve builds the site, serves it, and rebuilds it on every save; open pages\nreload by themselves. Stop it with Ctrl-C.")
	b.register(fs)
	bind := fs.String("bind", "127.0.0.1", "the address to listen on; anything but a loopback address lets other machines see the site")
	port := fs.Int("port", 1313, "the port to listen on")
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if err := b.check(fs); err != nil {
		return err
	}
	if *port < 0 || *port > 65535 {
		return usageError{fmt.Sprintf("serve: -port %d is not a port number", *port)}
	}
	if b.baseURL == "" {
		b.baseURL = "/" // the preview is served from this machine's root
	}
	_, basePath, err := site.SplitBaseURL(b.baseURL)
	if err != nil {
		return usageError{err.Error()}
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		return fmt.Errorf("cannot listen on %s port %d: %v", *bind, *port, err)
	}
	addr := ln.Addr().String()
	srv := preview.New(basePath, addr)
	if ip := net.ParseIP(*bind); *bind != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(e.stderr, "warning: serving on %s, which other machines can reach; use -bind 127.0.0.1 to keep the preview to this one\n", *bind)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, DisableGeneralOptionsHandler: true}
	go hs.Serve(ln)
	defer hs.Close()
	host := addr
	if strings.HasPrefix(addr, "127.0.0.1:") {
		host = "localhost:" + strings.TrimPrefix(addr, "127.0.0.1:")
	}
	fmt.Fprintf(e.stdout, "serving on http://%s%s\n", host, basePath)
	return b.watch(ctx, e, srv)
}

// watch builds, publishes and serves the site, then does it again after
// every batch of changes until ctx is done.
func (b *buildFlags) watch(ctx context.Context, e *env, srv *preview.Server) error {
	b.preview = true
	builder, root, err := b.newBuilder()
	if err != nil {
		return err
	}
	defer root.Close()
	out := b.outDir()
	who := "rollout watch"
	if srv != nil {
		who = "rollout serve"
	}
	// Builds into out wait for this one, or are refused while it runs.
	claim, err := publish.Hold(out, b.source, who)
	if err != nil {
		return err
	}
	defer claim.Release()
	claim.WriteFileFunc = e.faults.writeFile
	rebuild := func(changed []string) {
		start := time.Now()
		res, err := builder.BuildContext(ctx, changed)
		if err == nil {
			for _, w := range res.Warnings {
				e.warn(w)
			}
			err = claim.Publish(ctx, res.Files, res.Changed, res.Removed)
		}
		if ctx.Err() != nil {
			return // stopped: out is as it was
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "%s\n%s keeps the last good build; fix the problem and save again.\n", diag.Printable(err.Error()), out)
			if srv != nil {
				srv.Fail(err)
			}
			return
		}
		if srv != nil {
			srv.Update(res.Files, res.Changed)
		}
		fmt.Fprintf(e.stdout, "%s %s: %s in %v\n", time.Now().Format("15:04:05"), describe(changed),
			plural(len(res.Changed), "file")+" changed"+removed(len(res.Removed)),
			time.Since(start).Round(100*time.Microsecond))
	}
	// The first build runs once the folders are watched, so that a save
	// made while it runs is built next.
	err = watch.Watch(ctx, b.source, watch.Options{
		Initial: true,
		Ignored: site.Ignored,
		Logf:    func(f string, a ...any) { fmt.Fprintf(e.stderr, f+"\n", a...) },
		Faults:  e.faults.watch,
	}, rebuild)
	if errors.Is(err, context.Canceled) {
		err = nil
	}
	fmt.Fprintln(e.stdout, "stopped")
	return err
}

// plural says n of a thing: "1 file", "3 files".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// removed says how many files a rebuild removed, when it removed any.
func removed(n int) string {
	if n == 0 {
		return ""
	}
	return ", " + plural(n, "file") + " removed"
}

// describe names what changed in a rebuild's one line.
func describe(changed []string) string {
	switch len(changed) {
	case 0:
		return "built"
	case 1:
		return changed[0]
	}
	return fmt.Sprintf("%s and %d more", changed[0], len(changed)-1)
}
