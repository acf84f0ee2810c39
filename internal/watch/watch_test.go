package watch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// collector gathers batches from a Watch of root.
type collector struct {
	root    string
	mu      sync.Mutex
	batches [][]string
	marks   int // the folders settle has made
}

func (c *collector) add(b []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.batches = append(c.batches, b)
}

// until waits for cond to hold of the batches so far and returns them. It
// is the one place where these tests wait for the watcher: it polls cond
// every few milliseconds and fails the test, naming what it waited for,
// if cond does not hold within 5s.
func (c *collector) until(t *testing.T, what string, cond func([][]string) bool) [][]string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		c.mu.Lock()
		batches := append([][]string(nil), c.batches...)
		c.mu.Unlock()
		if cond(batches) {
			return batches
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 5s; batches: %q", what, batches)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// wait returns the batches once want appears in one of them.
func (c *collector) wait(t *testing.T, want string) [][]string {
	t.Helper()
	return c.until(t, want+" reported", func(batches [][]string) bool { return reported(batches, want) })
}

// reported says whether p is in one of batches.
func reported(batches [][]string, p string) bool {
	for _, b := range batches {
		if slices.Contains(b, p) {
			return true
		}
	}
	return false
}

// settle returns once the watcher has handled every change made before the
// call, and returns the batches reported since the last settle, which it
// clears. It makes a new folder under content/ and waits for a batch that
// names it: inotify reports changes in the order they were made, and a
// poll sees all of them at once, so every earlier change is in that batch
// or an earlier one. The folders are left out of what settle returns. A
// folder made before the watcher took its first look goes unseen, so
// while none is reported settle makes another every 100ms.
func (c *collector) settle(t *testing.T) [][]string {
	t.Helper()
	var mark string
	var made time.Time
	var marks []string
	c.until(t, "a new folder under content/ reported", func(batches [][]string) bool {
		if mark != "" && reported(batches, mark) {
			return true
		}
		if mark == "" || time.Since(made) > 100*time.Millisecond {
			c.marks++
			mark = fmt.Sprintf("content/settle-%d", c.marks)
			marks = append(marks, mark)
			if err := os.Mkdir(filepath.Join(c.root, mark), 0o755); err != nil {
				t.Fatal(err)
			}
			made = time.Now()
		}
		return false
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	var out [][]string
	for _, b := range c.batches {
		b = slices.DeleteFunc(slices.Clone(b), func(p string) bool { return slices.Contains(marks, p) })
		if len(b) > 0 {
			out = append(out, b)
		}
	}
	c.batches = nil
	return out
}

// start runs a watcher of root until the test ends, and returns once it
// is watching.
func start(t *testing.T, root string, run func(context.Context, func([]string))) *collector {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	c := &collector{root: root}
	done := make(chan struct{})
	go func() { run(ctx, c.add); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	c.settle(t)
	return c
}

func ignored(name string) bool {
	return strings.HasSuffix(name, ".swp") || strings.HasPrefix(name, ".")
}

func TestBurstIsOneBatch(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	c := start(t, root, func(ctx context.Context, fn func([]string)) {
		Watch(ctx, root, Options{Quiet: 50 * time.Millisecond, Ignored: ignored}, fn)
	})
	for i := range 200 {
		os.WriteFile(filepath.Join(root, "content", "a.md"), []byte{byte(i)}, 0o644)
	}
	os.WriteFile(filepath.Join(root, "content", ".a.md.swp"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(root, "README.md"), []byte("x"), 0o644)
	c.wait(t, "content/a.md")
	// Any change of the burst that came late is reported by the time
	// settle returns, in a batch of its own or with settle's folder. On a
	// loaded machine the writer may pause for longer than the quiet
	// moment, which splits the burst: a few batches, never one a save.
	batches := c.settle(t)
	for _, b := range batches {
		if strings.Join(b, " ") != "content/a.md" {
			t.Errorf("batch %q, want content/a.md alone (scratch files and files outside the watched folders left out)", b)
		}
	}
	if len(batches) == 0 || len(batches) > 10 {
		t.Errorf("200 saves in %d batches, want one or a few", len(batches))
	}
}

func TestNewFoldersAreWatched(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	c := start(t, root, func(ctx context.Context, fn func([]string)) {
		Watch(ctx, root, Options{Ignored: ignored}, fn)
	})
	os.MkdirAll(filepath.Join(root, "content", "a", "b", "c"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "a", "b", "c", "x.md"), []byte("x"), 0o644)
	c.wait(t, "content/a")
	c.settle(t) // the watcher has seen content/a/b/c, and watches it
	os.WriteFile(filepath.Join(root, "content", "a", "b", "c", "y.md"), []byte("y"), 0o644)
	c.wait(t, "content/a/b/c/y.md")
	// A folder created while nothing watched it yet: static/ itself.
	os.MkdirAll(filepath.Join(root, "static", "img"), 0o755)
	c.wait(t, "static")
	c.settle(t)
	os.WriteFile(filepath.Join(root, "static", "img", "a.svg"), []byte("x"), 0o644)
	c.wait(t, "static/img/a.svg")
}

// TestPolling is the fallback where inotify's watch limit is reached: it
// says how to raise the limit and still sees every change.
func TestPolling(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.WriteFile(filepath.Join(root, "content", "old.md"), []byte("x"), 0o644)
	var logged string
	var mu sync.Mutex
	c := start(t, root, func(ctx context.Context, fn func([]string)) {
		w := &watcher{root: root, opt: Options{Poll: 20 * time.Millisecond, Ignored: ignored, Logf: func(f string, a ...any) {
			mu.Lock()
			logged = f
			if len(a) > 0 {
				logged = a[0].(string)
			}
			mu.Unlock()
		}}.withDefaults(), pending: map[string]bool{}}
		w.poll(ctx, fn, syscall.ENOSPC)
	})
	os.WriteFile(filepath.Join(root, "content", "new.md"), []byte("x"), 0o644)
	c.wait(t, "content/new.md")
	os.Remove(filepath.Join(root, "content", "old.md"))
	c.wait(t, "content/old.md")
	mu.Lock()
	defer mu.Unlock()
	if !strings.Contains(logged, "fs.inotify.max_user_watches") || !strings.Contains(logged, "sudo sysctl fs.inotify.max_user_watches=") {
		t.Errorf("the fallback says %q; want the limit and how to raise it", logged)
	}
}

// inject hands err to a watcher as if fsnotify had reported it. Faults is
// unbuffered, so once inject returns the watcher is watching.
func inject(t *testing.T, faults chan<- error, err error) {
	t.Helper()
	select {
	case faults <- err:
	case <-time.After(5 * time.Second):
		t.Fatalf("the watcher did not take %v within 5s", err)
	}
}

// TestOverflow: when the kernel's event queue overflows, events are lost,
// so the watcher says so once and reports a nil batch (everything may have
// changed); then it reports each change again. The overflow is injected
// through Options.Faults, as fsnotify would report it.
func TestOverflow(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	faults := make(chan error)
	var mu sync.Mutex
	var logged []string
	logf := func(f string, a ...any) {
		mu.Lock()
		defer mu.Unlock()
		logged = append(logged, fmt.Sprintf(f, a...))
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &collector{}
	done := make(chan error, 1)
	go func() { done <- Watch(ctx, root, Options{Ignored: ignored, Logf: logf, Faults: faults}, c.add) }()
	t.Cleanup(func() { cancel(); <-done })

	inject(t, faults, fsnotify.ErrEventOverflow)
	c.until(t, "a batch after the overflow", func(b [][]string) bool { return len(b) > 0 })
	// A closed Faults is no longer read, and the watcher goes on.
	close(faults)
	os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("x"), 0o644)
	batches := c.wait(t, "content/a.md")
	if batches[0] != nil {
		t.Errorf("first batch %q after an overflow, want nil", batches[0])
	}
	for _, b := range batches[1:] {
		if b == nil {
			t.Errorf("batches %q: another nil batch after the overflow was handled", batches)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(logged) != 1 || !strings.Contains(logged[0], "too many changes at once") {
		t.Errorf("logged %q, want one message saying there were too many changes at once", logged)
	}
}

// TestOtherErrorEndsWatch: an error from fsnotify other than an overflow
// ends Watch with that error.
func TestOtherErrorEndsWatch(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	faults := make(chan error)
	done := make(chan error, 1)
	go func() { done <- Watch(context.Background(), root, Options{Faults: faults}, func([]string) {}) }()
	boom := errors.New("boom")
	inject(t, faults, boom)
	select {
	case err := <-done:
		if !errors.Is(err, boom) {
			t.Errorf("Watch returned %v after fsnotify reported %v, want that error", err, boom)
		}
	case <-time.After(5 * time.Second):
		t.Fatalf("Watch did not return within 5s after fsnotify reported %v", boom)
	}
}

// TestInitial: with Initial, the first batch is nil and comes once the
// folders are watched, so a save made while it is handled is the next
// batch.
func TestInitial(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	ctx, cancel := context.WithCancel(context.Background())
	batches := make(chan []string, 10)
	done := make(chan error)
	first := true
	go func() {
		done <- Watch(ctx, root, Options{Initial: true}, func(b []string) {
			if first {
				first = false
				os.WriteFile(filepath.Join(root, "content", "a.md"), []byte("x"), 0o644)
			}
			batches <- b
		})
	}()
	defer func() { cancel(); <-done }()
	if b := <-batches; b != nil {
		t.Fatalf("first batch %q, want nil", b)
	}
	select {
	case b := <-batches:
		if !slices.Contains(b, "content/a.md") {
			t.Errorf("second batch %q, want content/a.md", b)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the save made while the first batch was handled was never reported")
	}
}
