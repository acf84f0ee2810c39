package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"slices"
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
	fs := newFlagSet(e, "watch", "[flags]", "Watch builds the site into the output folder, then rebuilds it on every save\nin content/, layouts/ or static/. A broken save leaves the last good build in\nplace. Stop it with Ctrl-C.")
	b.register(fs, true)
	if err := parseFlags(e, fs, args); err != nil {
		return err
	}
	if err := b.check(fs); err != nil {
		return err
	}
	return b.watch(ctx, e, nil, nil)
}

func runServe(ctx context.Context, e *env, args []string) error {
	var b buildFlags
	fs := newFlagSet(e, "serve", "[flags]", `Serve builds the site into the output folder, serves it on this machine, and
rebuilds it on every save in content/, layouts/ or static/; open pages reload
by themselves, and a broken save shows its problem over the page. It serves
the site at the root of its address (http://localhost:1313/), whatever
baseURL content/_index.md gives, unless -base-url says otherwise. Stop it
with Ctrl-C.`)
	b.register(fs, true)
	// Serve's own -base-url: the build flag's variable, with serve's meaning.
	fs.Lookup("base-url").Usage = "the path to serve the site under, such as /repo/, or a URL such as https://example.org/repo/, whose path it is served under and which canonical and sitemap addresses name (default /, not baseURL in content/_index.md)"
	bind := fs.String("bind", "127.0.0.1", "the address to listen on; anything but a loopback address lets other machines see the site")
	port := fs.Int("port", 1313, "the port to listen on; 0 picks a free one")
	open := fs.Bool("open", false, "open the site in the browser once it is built")
	if err := parseFlags(e, fs, args); err != nil {
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
	if err := b.check(fs); err != nil {
		return err
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
	url := "http://" + host + basePath
	fmt.Fprintf(e.stdout, "serving on %s\n", url)
	var built func()
	if *open {
		built = func() {
			if e.openBrowser == nil {
				fmt.Fprintf(e.stderr, "open %s in your browser\n", url)
			} else if err := e.openBrowser(url); err != nil {
				fmt.Fprintf(e.stderr, "cannot open a browser (%v); open %s in yours\n", err, url)
			}
		}
	}
	return b.watch(ctx, e, srv, built)
}

// openBrowser asks the system to open url in the user's browser. It does
// not wait for the browser, which may run until the user quits it; if the
// launcher fails later, it says so on stderr with the address to open.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	var said bytes.Buffer
	cmd.Stdout, cmd.Stderr = &said, &said
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		if err := cmd.Wait(); err != nil {
			lines := strings.Split(strings.TrimSpace(said.String()), "\n")
			if last := lines[len(lines)-1]; last != "" {
				err = errors.New(last)
			}
			fmt.Fprintf(os.Stderr, "cannot open a browser (%s); open %s in yours\n", diag.Printable(err.Error()), url)
		}
	}()
	return nil
}

// watch builds, publishes and serves the site, then does it again after
// every batch of changes until ctx is done. built, if not nil, is called
// once, after the first build is published or has failed (the preview then
// shows the problem, and reloads once it is fixed).
func (b *buildFlags) watch(ctx context.Context, e *env, srv *preview.Server, built func()) error {
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
	// Every build's warnings are the site's complete list. The terminal
	// gets it when it differs from the list it got last: the same list
	// after every save would bury the one line that says what each save
	// did, and the last list printed is always the one in force.
	var shown []string // the warnings last printed
	rebuild := func(changed []string) {
		start := time.Now()
		res, err := builder.BuildContext(ctx, changed)
		var warnings []string
		if err == nil {
			warnings = make([]string, len(res.Warnings))
			for i, w := range res.Warnings {
				warnings[i] = w.Error()
			}
			if !slices.Equal(warnings, shown) {
				for _, w := range res.Warnings {
					e.warn(w)
				}
				if len(warnings) == 0 {
					fmt.Fprintln(e.stderr, "no warnings now")
				}
				shown = warnings
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
		} else {
			if srv != nil {
				srv.Update(res.Files, res.Changed, warnings)
			}
			fmt.Fprintf(e.stdout, "%s %s: %s in %v\n", time.Now().Format("15:04:05"), describe(changed),
				plural(len(res.Changed), "file")+" changed"+removed(len(res.Removed)),
				time.Since(start).Round(100*time.Microsecond))
		}
		if built != nil {
			built()
			built = nil
		}
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
