// Command rollout-bench measures rollout against Hugo and against a floor,
// on synthetic sites of many FAQ pages, and prints a table.
//
// Usage:
//
//	go run ./cmd/rollout-bench [-pages 1000,10000,50000] [-runs 5] [-edits 20] [-dir /dev/shm]
//
// For each size it generates a site (and the same pages as a Hugo site)
// into a temporary folder under -dir, then times cold builds, alternating
// the three contenders run by run, and reports the median wall time and
// peak memory (RSS) of each, and for rollout and Hugo both divided by the
// number of pages, which should not grow with the site:
//
//   - rollout: rollout build, as published;
//   - hugo: hugo --minify on the same Markdown (skipped when hugo is not
//     installed);
//   - floor: the least any generator on this stack must do: read each file,
//     parse its front matter, convert its Markdown with the same goldmark
//     settings (Linkify only where it may find a link, as rollout does),
//     minify the HTML and write it, on every core;
//   - markdown: the floor without the minifier: only reading, front matter,
//     goldmark and writing. No generator that converts these pages with
//     goldmark can be faster than this; hugo / markdown is the most any
//     such generator can be ahead of Hugo here.
//
// On the largest site it then runs rollout watch, edits one page -edits
// times, and reports the median and worst time from the save to the
// updated file in public/.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/fsnotify/fsnotify"
	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"rollout/internal/sitegen"
)

func main() {
	if len(os.Args) == 4 && (os.Args[1] == "-floor" || os.Args[1] == "-markdown") {
		if err := floor(os.Args[2], os.Args[3], os.Args[1] == "-floor"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	pages := flag.String("pages", "1000,10000", "site sizes to measure, comma-separated")
	runs := flag.Int("runs", 5, "cold builds of each contender per size")
	edits := flag.Int("edits", 20, "page edits timed in watch mode on the largest site")
	dir := flag.String("dir", "/dev/shm", "where to generate the sites (tmpfs keeps the disk's noise out)")
	flag.Parse()
	if err := run(*pages, *runs, *edits, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "rollout-bench:", err)
		os.Exit(1)
	}
}

type result struct {
	wall []time.Duration
	rss  []int64 // KiB
}

func (r *result) median() (time.Duration, int64) {
	w := slices.Clone(r.wall)
	m := slices.Clone(r.rss)
	slices.Sort(w)
	slices.Sort(m)
	return w[len(w)/2], m[len(m)/2]
}

func run(pageList string, runs, edits int, dir string) error {
	if _, err := os.Stat(dir); err != nil {
		dir = os.TempDir()
	}
	work, err := os.MkdirTemp(dir, "rollout-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	bin := filepath.Join(work, "rollout")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/rollout").CombinedOutput(); err != nil {
		return fmt.Errorf("building rollout (run from the repository's root): %v\n%s", err, out)
	}
	hugo, _ := exec.LookPath("hugo")
	if hugo == "" {
		fmt.Println("hugo is not installed (apt-get install hugo): measuring rollout and the floor only")
	} else if v, err := exec.Command(hugo, "version").Output(); err == nil {
		fmt.Printf("hugo: %s", v)
	}
	fmt.Printf("machine: %d cores, %s; %d cold builds each, alternating; medians\n\n", runtime.NumCPU(), runtime.Version(), runs)

	var sizes []int
	for _, s := range strings.Split(pageList, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			return fmt.Errorf("-pages: %q is not a page count", s)
		}
		sizes = append(sizes, n)
	}
	fmt.Println("| pages | rollout | floor | markdown | hugo | rollout / floor | hugo / rollout | hugo / markdown | rollout RSS | floor RSS | hugo RSS | hugo RSS / rollout RSS | rollout per page | hugo per page | rollout RSS per page | hugo RSS per page |")
	fmt.Println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	var last string
	for _, n := range sizes {
		site := filepath.Join(work, fmt.Sprintf("site-%d", n))
		if err := sitegen.Write(site, ".", n, hugo != ""); err != nil {
			return err
		}
		src := filepath.Join(site, "rollout")
		contenders := []struct {
			name string
			cmd  func(out string) *exec.Cmd
		}{
			{"rollout", func(out string) *exec.Cmd {
				return exec.Command(bin, "build", "-source", src, "-out", out, "-now", "2019-06-15")
			}},
			{"floor", func(out string) *exec.Cmd { return exec.Command(self, "-floor", src, out) }},
			{"markdown", func(out string) *exec.Cmd { return exec.Command(self, "-markdown", src, out) }},
		}
		if hugo != "" {
			contenders = append(contenders, struct {
				name string
				cmd  func(out string) *exec.Cmd
			}{"hugo", func(out string) *exec.Cmd {
				return exec.Command(hugo, "--minify", "--quiet", "-s", filepath.Join(site, "hugo"), "-d", out)
			}})
		}
		results := map[string]*result{}
		for i := range runs {
			for j := range contenders {
				c := contenders[(i+j)%len(contenders)]
				out := filepath.Join(site, "out-"+c.name)
				os.RemoveAll(out)
				cmd := c.cmd(out)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				start := time.Now()
				if err := cmd.Run(); err != nil {
					return fmt.Errorf("%s on %d pages: %v\n%s", c.name, n, err, stderr.String())
				}
				wall := time.Since(start)
				r := results[c.name]
				if r == nil {
					r = &result{}
					results[c.name] = r
				}
				r.wall = append(r.wall, wall)
				r.rss = append(r.rss, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
			}
		}
		rw, rm := results["rollout"].median()
		fw, fm := results["floor"].median()
		mw, _ := results["markdown"].median()
		hugoTime, hugoRatio, hugoBound, hugoRSS, hugoRSSRatio, hugoPage, hugoRSSPage := "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a"
		if h := results["hugo"]; h != nil {
			hw, hm := h.median()
			hugoTime, hugoRatio = secs(hw), fmt.Sprintf("%.1fx", float64(hw)/float64(rw))
			hugoBound = fmt.Sprintf("%.1fx", float64(hw)/float64(mw))
			hugoRSS, hugoRSSRatio = mib(hm), fmt.Sprintf("%.1fx", float64(hm)/float64(rm))
			hugoPage, hugoRSSPage = perPage(hw, n), kibPerPage(hm, n)
		}
		fmt.Printf("| %d | %s | %s | %s | %s | %.2fx | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", n, secs(rw), secs(fw), secs(mw), hugoTime,
			float64(rw)/float64(fw), hugoRatio, hugoBound, mib(rm), mib(fm), hugoRSS, hugoRSSRatio,
			perPage(rw, n), hugoPage, kibPerPage(rm, n), hugoRSSPage)
		last = src
	}
	if edits > 0 && last != "" {
		shipped := filepath.Join(work, "shipped")
		for _, d := range []string{"content", "layouts", "static"} {
			if err := os.CopyFS(filepath.Join(shipped, d), os.DirFS(d)); err != nil {
				return err
			}
		}
		fmt.Printf("\nrollout watch, one page edited %d times, from the save to the updated file in public/:\n\n", edits)
		fmt.Println("| site | median | worst |")
		fmt.Println("| --- | ---: | ---: |")
		for _, w := range []struct{ name, src, page string }{
			{"the shipped site", shipped, "learn-more.md"},
			{fmt.Sprintf("%d pages", sizes[len(sizes)-1]), last, ""},
		} {
			med, worst, err := watchLatency(bin, w.src, w.page, edits)
			if err != nil {
				return err
			}
			fmt.Printf("| %s | %s | %s |\n", w.name, ms(med), ms(worst))
		}
	}
	return nil
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2f s", d.Seconds()) }
func ms(d time.Duration) string   { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
func mib(kib int64) string        { return fmt.Sprintf("%d MiB", kib/1024) }

// perPage and kibPerPage divide a build's time and peak memory by its
// pages: what a page costs, which must not grow with the site.
func perPage(d time.Duration, n int) string {
	return fmt.Sprintf("%.0f µs", float64(d.Microseconds())/float64(n))
}
func kibPerPage(kib int64, n int) string { return fmt.Sprintf("%.1f KiB", float64(kib)/float64(n)) }

// watchLatency runs rollout watch on src and times edits of one page, from
// the save to the renamed-in output file holding the edit.
func watchLatency(bin, src, name string, edits int) (median, worst time.Duration, err error) {
	cmd := exec.Command(bin, "watch", "-source", src, "-now", "2019-06-15")
	stdout := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = stdout, stdout
	if err := cmd.Start(); err != nil {
		return 0, 0, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	for deadline := time.Now().Add(2 * time.Minute); !strings.Contains(stdout.String(), "changed"); {
		if time.Now().After(deadline) {
			return 0, 0, fmt.Errorf("rollout watch did not build: %s", stdout)
		}
		time.Sleep(10 * time.Millisecond)
	}
	page := filepath.Join(src, "content", name)
	if name == "" {
		entries, _ := os.ReadDir(filepath.Join(src, "content", "faq"))
		name = filepath.Join("faq", entries[len(entries)/2].Name())
		page = filepath.Join(src, "content", name)
	}
	outDir := filepath.Join(src, "public", strings.TrimSuffix(name, ".md"))
	outFile := filepath.Join(outDir, "index.html")
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return 0, 0, err
	}
	defer w.Close()
	if err := w.Add(outDir); err != nil {
		return 0, 0, err
	}
	orig, err := os.ReadFile(page)
	if err != nil {
		return 0, 0, err
	}
	var times []time.Duration
	for i := range edits {
		token := fmt.Sprintf("Edit number %d of this page.", i)
		time.Sleep(100 * time.Millisecond) // let the previous rebuild settle
		start := time.Now()
		if err := os.WriteFile(page, append(slices.Clone(orig), "\n"+token+"\n"...), 0o644); err != nil {
			return 0, 0, err
		}
		for done := false; !done; {
			select {
			case ev := <-w.Events:
				if ev.Name == outFile && ev.Has(fsnotify.Create) {
					b, _ := os.ReadFile(outFile)
					done = bytes.Contains(b, []byte(token))
				}
			case err := <-w.Errors:
				return 0, 0, err
			case <-time.After(30 * time.Second):
				return 0, 0, fmt.Errorf("edit %d never reached %s: %s", i, outFile, stdout)
			}
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times[len(times)/2], times[len(times)-1], nil
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// floor does the least a generator on this stack must: for every Markdown
// file under src/content, read it, parse its front matter, convert the
// Markdown with rollout's goldmark settings (Linkify only where it may find
// a link), minify the page (when minified) and write it under out, on
// every core, holding nothing.
func floor(src, out string, minified bool) error {
	var files []string
	err := filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	// Linkify only ever links text with "http", "ftp:", "www." or an @ in
	// it; without them it is left out, as rollout does.
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	)
	noLinks := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	)
	converter := func(body []byte) goldmark.Markdown {
		for _, s := range []string{"@", "http", "ftp:", "www."} {
			if bytes.Contains(body, []byte(s)) {
				return md
			}
		}
		return noLinks
	}
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true})
	next := make(chan string)
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var page, min bytes.Buffer
			for p := range next {
				f, err := os.Open(p)
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					continue
				}
				var meta struct {
					Title       string `yaml:"title"`
					Description string `yaml:"description"`
				}
				body, err := frontmatter.Parse(f, &meta)
				f.Close()
				page.Reset()
				fmt.Fprintf(&page, "<!DOCTYPE html><html lang=\"en\"><head><title>%s</title></head><body><main>", meta.Title)
				if err == nil {
					err = converter(body).Convert(body, &page)
				}
				page.WriteString("</main></body></html>")
				min.Reset()
				if err == nil && minified {
					err = m.Minify("text/html", &min, &page)
				} else if err == nil {
					min.Write(page.Bytes())
				}
				rel, _ := filepath.Rel(filepath.Join(src, "content"), p)
				dst := filepath.Join(out, strings.TrimSuffix(rel, ".md"), "index.html")
				if err == nil {
					err = os.MkdirAll(filepath.Dir(dst), 0o755)
				}
				if err == nil {
					err = os.WriteFile(dst, min.Bytes(), 0o644)
				}
				if err != nil {
					select {
					case errs <- fmt.Errorf("%s: %v", p, err):
					default:
					}
				}
			}
		}()
	}
	for _, p := range files {
		next <- p
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		return err
	default:
		return nil
	}
}
