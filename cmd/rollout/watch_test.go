package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
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
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr = &syncBuffer{}, &syncBuffer{}
	e := &env{stdout: stdout, stderr: stderr}
	e.faults.watch = faults
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

// cleanBuild builds src from scratch into a temporary folder and returns
// its snapshot, or the build's error output.
func cleanBuild(t *testing.T, src string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := rollout(t, "build", "-source", src, "-out", out, "-now", "2018-03-15", "-fingerprint=false")
	if code != 0 {
		return "error: " + stderr
	}
	return snapshot(t, out)
}

// converge waits until src/public equals a clean build of src.
func converge(t *testing.T, src, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		want := cleanBuild(t, src)
		have := snapshot(t, filepath.Join(src, "public"))
		if have == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: public/ does not match a clean build after 10s\nhave:\n%.2000s\nwant:\n%.2000s", what, have, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
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
	before := strings.Count(stdout.String(), "\n")
	for i := range 200 {
		write(t, c("learn-more.md"), page("Learn More", fmt.Sprintf("Save number %d.", i)))
	}
	converge(t, src, "a burst of saves")
	time.Sleep(100 * time.Millisecond)
	builds := strings.Count(stdout.String(), "\n") - before
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
	_, stderr := startWatch(t, "watch", "-source", src, "-now", "2018-03-15")
	converge(t, src, "first build")
	good := snapshot(t, filepath.Join(src, "public"))
	write(t, filepath.Join(src, "content", "faq", "_index.md"), "---\ntitle: Rollout Process\nwieght: 10\n---\n## Q?\n")
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stderr.String(), `content/faq/_index.md:3:1: unknown key "wieght" in front matter; did you mean "weight"?`) {
		if time.Now().After(deadline) {
			t.Fatalf("no error reported; stderr:\n%s", stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if snapshot(t, filepath.Join(src, "public")) != good {
		t.Errorf("a broken edit changed public/")
	}
	write(t, filepath.Join(src, "content", "faq", "_index.md"), "---\ntitle: Rollout Process\nweight: 10\n---\n## Q?\n\nA.\n")
	converge(t, src, "the fix")
}

func TestWatchSourceVanishes(t *testing.T) {
	src := copySite(t)
	startWatch(t, "watch", "-source", src, "-now", "2018-03-15")
	converge(t, src, "first build")
	// As a git checkout of another branch does: the folders go and come back.
	aside := t.TempDir()
	for _, d := range []string{"content", "layouts"} {
		if err := os.Rename(filepath.Join(src, d), filepath.Join(aside, d)); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(200 * time.Millisecond)
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
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stderr.String(), "too many changes at once") || strings.Count(stdout.String(), " built: ") < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("no message about too many changes, or no whole rebuild, after 10s\nstdout:\n%s\nstderr:\n%s", stdout, stderr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
