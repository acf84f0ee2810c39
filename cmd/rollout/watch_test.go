package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// syncBuffer is a bytes.Buffer safe for a command writing while a test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startWatch runs "rollout args..." in the background until the test ends.
func startWatch(t *testing.T, args ...string) (stdout, stderr *syncBuffer) {
	t.Helper()
	return startWatchFaults(t, nil, args...)
}

// startWatchFaults is startWatch with faults handed to the watcher as if
// fsnotify had reported them.
func startWatchFaults(t *testing.T, faults <-chan error, args ...string) (stdout, stderr *syncBuffer) {
	t.Helper()
	return startWatchEnv(t, func(e *env) { e.faults.watch = faults }, args...)
}

// startWatchEnv is startWatch with the env set up by setup first.
func startWatchEnv(t *testing.T, setup func(*env), args ...string) (stdout, stderr *syncBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	e := &env{stdout: stdout, stderr: stderr}
	setup(e)
	done := make(chan int)
	go func() { done <- run(ctx, e, args) }()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("%v exited %d: %s", args, code, stderr)
			}
		case <-time.After(5 * time.Second):
			t.Errorf("%v did not stop on cancel", args)
		}
	})
	return stdout, stderr
}

// eventually polls cond every 20ms until it holds or timeout passes, and
// says whether it held. The caller fails the test when it did not, with
// what it waited for and what it saw, which only the caller knows.
func eventually(timeout time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(timeout); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			return false
		}
	}
	return true
}

// cleanBuild builds src from scratch into a temporary folder, as watch
// builds it, and returns what it wrote.
func cleanBuild(t *testing.T, src string) tree {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := rollout(t, "build", "-source", src, "-out", out, "-now", "2018-03-15", "-fingerprint=false")
	if code != 0 {
		t.Fatalf("a clean build of the source failed: exit %d\n%s", code, stderr)
	}
	return readTree(out)
}

// converge waits until src/public is what a clean build of src writes,
// and fails the test, naming the first file that differs, if it is not
// within 10s. The source must not change meanwhile.
func converge(t *testing.T, src, what string) {
	t.Helper()
	want := cleanBuild(t, src)
	var d string
	if !eventually(10*time.Second, func() bool {
		d = readTree(filepath.Join(src, "public")).diff(want)
		return d == ""
	}) {
		t.Fatalf("%s: public/ differs from a clean build after 10s: %s", what, d)
	}
}

// settle saves a new page into src and waits for the line of stdout that
// reports its build. A watcher builds one batch of saves at a time, in the
// order they were made, so by then every save made before settle has been
// built and reported, and the watcher is watching: it starts only after
// its first build, and a save made before that goes unseen, so settle
// saves the page again every 2s until its build is reported. The page's
// name sorts first, so that the line names it even if earlier saves were
// built with it. settle returns how many lines of stdout come before the
// first line that names the page.
func settle(t *testing.T, src string, stdout *syncBuffer) int {
	t.Helper()
	name := ""
	for i := 0; name == ""; i++ {
		name = fmt.Sprintf("content/0-settle-%d.md", i)
		if _, err := os.Stat(filepath.Join(src, name)); err == nil {
			name = ""
		}
	}
	saves, saved, before := 0, time.Time{}, -1
	if !eventually(15*time.Second, func() bool {
		lines := strings.SplitAfter(stdout.String(), "\n")
		before = slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, " "+name+": ") })
		if before < 0 && (saves == 0 || time.Since(saved) > 2*time.Second) {
			saves++
			write(t, filepath.Join(src, name), fmt.Sprintf("---\ntitle: Settle %d\ndraft: true\n---\n", saves)) // a draft: no warning that no page links to it
			saved = time.Now()
		}
		return before >= 0
	}) {
		t.Fatalf("no build of %s reported within 15s of %d saves; stdout:\n%s", name, saves, stdout)
	}
	return before
}

func write(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatchSeesEveryKindOfSave(t *testing.T) {
	src := copySite(t)
	stdout, _ := startWatch(t, "watch", "-source", src, "-now", "2018-03-15")
	converge(t, src, "first build")
	settle(t, src, stdout) // the watcher watches
	c := func(p ...string) string { return filepath.Join(append([]string{src, "content"}, p...)...) }
	page := func(title, text string) string { return fmt.Sprintf("---\ntitle: %s\n---\n\n%s\n", title, text) }

	steps := []struct {
		name string
		do   func()
	}{
		{"plain write", func() { write(t, c("learn-more.md"), page("Learn More", "Plain write.")) }},
		{"write to a temp file, then rename (VS Code, JetBrains)", func() {
			write(t, c("learn-more.md.tmp"), page("Learn More", "Renamed into place."))
			os.Rename(c("learn-more.md.tmp"), c("learn-more.md"))
		}},
		{"move away, then write (vim)", func() {
			os.Rename(c("learn-more.md"), c("learn-more.md~"))
			write(t, c("4913"), "")
			os.Remove(c("4913"))
			write(t, c("learn-more.md"), page("Learn More", "Written by vim."))
			os.Remove(c("learn-more.md~"))
		}},
		{"a new folder with pages", func() {
			write(t, c("guide", "a", "b", "_index.md"), page("Deep", "Deep page."))
			write(t, c("guide", "a", "b", "two.md"), page("Two", "Second."))
		}},
		{"a page added to the new folder", func() { write(t, c("guide", "a", "b", "three.md"), page("Three", "Third.")) }},
		{"a renamed folder", func() { os.Rename(c("guide"), c("guides")) }},
		{"a page in the renamed folder", func() { write(t, c("guides", "a", "b", "four.md"), page("Four", "Fourth.")) }},
		{"a deleted folder", func() { os.RemoveAll(c("guides")) }},
		{"a new FAQ page", func() { write(t, c("faq", "extra.md"), page("Extra", "## Extra question?\n\nYes.")) }},
		{"a deleted page", func() { os.Remove(c("faq", "extra.md")) }},
		{"a layout", func() {
			p := filepath.Join(src, "layouts", "page.html")
			b, _ := os.ReadFile(p)
			write(t, p, strings.Replace(string(b), "<h1>", `<h1 class="changed">`, 1))
		}},
		{"a stylesheet", func() { write(t, filepath.Join(src, "static", "style.css"), "body { color: #111111; }\n") }},
		{"the schedule", func() {
			p := c("schedule.yaml")
			b, _ := os.ReadFile(p)
			write(t, p, strings.Replace(string(b), "    - MIT Libraries\n", "", 1)+"    - MIT Libraries\n")
		}},
		{"scratch files only", func() {
			write(t, c(".learn-more.md.swp"), "x")
			write(t, c("learn-more.md~"), "x")
			write(t, c("#learn-more.md#"), "x")
		}},
	}
	for _, st := range steps {
		st.do()
		converge(t, src, st.name)
	}

	// A burst of 200 saves ends in few builds, of the last state.
	before := settle(t, src, stdout) + 1 // the lines so far, settle's own too
	for i := range 200 {
		write(t, c("learn-more.md"), page("Learn More", fmt.Sprintf("Save number %d.", i)))
	}
	converge(t, src, "a burst of saves")
	builds := settle(t, src, stdout) - before
	t.Logf("200 saves: %d builds", builds)
	if builds > 20 {
		t.Errorf("200 saves made %d builds; want them debounced into a few", builds)
	}
	b, _ := os.ReadFile(filepath.Join(src, "public", "learn-more", "index.html"))
	if !strings.Contains(string(b), "Save number 199.") {
		t.Errorf("public/learn-more/ does not show the last save")
	}
}

func TestWatchBrokenEditThenFix(t *testing.T) {
	src := copySite(t)
	stdout, stderr := startWatch(t, "watch", "-source", src, "-now", "2018-03-15")
	converge(t, src, "first build")
	settle(t, src, stdout) // the watcher watches
	good := readTree(filepath.Join(src, "public"))
	write(t, filepath.Join(src, "content", "faq", "_index.md"), "---\ntitle: Rollout Process\nwieght: 10\n---\n## Q?\n")
	if !eventually(10*time.Second, func() bool {
		return strings.Contains(stderr.String(), `content/faq/_index.md:3:1: unknown key "wieght" in front matter; did you mean "weight"?`)
	}) {
		t.Fatalf("no error reported within 10s; stderr:\n%s", stderr)
	}
	if d := readTree(filepath.Join(src, "public")).diff(good); d != "" {
		t.Errorf("a broken edit changed public/: %s", d)
	}
	write(t, filepath.Join(src, "content", "faq", "_index.md"), "---\ntitle: Rollout Process\nweight: 10\n---\n## Q?\n\nA.\n")
	converge(t, src, "the fix")
}

func TestWatchSourceVanishes(t *testing.T) {
	src := copySite(t)
	stdout, stderr := startWatch(t, "watch", "-source", src, "-now", "2018-03-15")
	converge(t, src, "first build")
	settle(t, src, stdout) // the watcher watches
	// As a git checkout of another branch does: the folders go, the
	// watcher builds without them and fails, and they come back.
	aside := t.TempDir()
	for _, d := range []string{"content", "layouts"} {
		if err := os.Rename(filepath.Join(src, d), filepath.Join(aside, d)); err != nil {
			t.Fatal(err)
		}
	}
	if !eventually(10*time.Second, func() bool { return strings.Contains(stderr.String(), "keeps the last good build") }) {
		t.Fatalf("no failed build reported within 10s of the folders going; stderr:\n%s", stderr)
	}
	for _, d := range []string{"content", "layouts"} {
		if err := os.Rename(filepath.Join(aside, d), filepath.Join(src, d)); err != nil {
			t.Fatal(err)
		}
	}
	write(t, filepath.Join(src, "content", "learn-more.md"), "---\ntitle: Back\n---\nBack again.\n")
	converge(t, src, "folders back")
}

// TestWatchQueueOverflow: when thousands of files change at once, as in a
// git checkout, the kernel's event queue overflows and changes go
// unreported; the watcher then reads every file again and public/ ends
// equal to a clean build. Here the pages change behind the watcher's back,
// written through hard links from outside the source folder (inotify
// reports a change only to the folder it was made through), and the
// overflow is handed to the watcher as fsnotify reports it.
func TestWatchQueueOverflow(t *testing.T) {
	src := copySite(t)
	aside := t.TempDir()
	addPages(t, aside, 50, "before")
	from, to := filepath.Join(aside, "content", "faq", "more"), filepath.Join(src, "content", "faq", "more")
	pages, err := os.ReadDir(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if err := os.Link(filepath.Join(from, p.Name()), filepath.Join(to, p.Name())); err != nil {
			t.Fatal(err)
		}
	}
	faults := make(chan error)
	stdout, stderr := startWatchFaults(t, faults, "watch", "-source", src, "-now", "2018-03-15")
	converge(t, src, "first build")
	addPages(t, aside, 50, "behind the watcher's back")
	select {
	case faults <- fsnotify.ErrEventOverflow:
	case <-time.After(10 * time.Second):
		t.Fatalf("the watcher did not take the overflow within 10s; stderr:\n%s", stderr)
	}
	converge(t, src, "an overflow after 50 unreported changes")
	// A nil batch: the rebuild is described as a whole build, like the first.
	if !eventually(10*time.Second, func() bool {
		return strings.Contains(stderr.String(), "too many changes at once") && strings.Count(stdout.String(), " built: ") >= 2
	}) {
		t.Fatalf("no message about too many changes, or no whole rebuild, after 10s\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
	}
}
