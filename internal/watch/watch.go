// Package watch reports which files of a site's source folder changed, as
// editors save them.
//
// fsnotify is not recursive, so every folder under content/, layouts/ and
// static/ is watched, and folders are added as they appear. Events are
// collected until the folder has been quiet for a moment, so that a burst
// of saves (an editor's write-to-temp-then-rename, a git checkout, a script
// writing 200 files) ends in one batch. Chmod events and editors' scratch
// files are ignored. When the kernel's event queue overflows, the batch is
// nil: everything may have changed. Where inotify's watch limit is reached,
// Watch says how to raise it and polls the folders instead.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options configure Watch. The zero value is usable.
type Options struct {
	Dirs    []string             // the folders of root that are watched; default content, layouts and static, a site's sources
	Quiet   time.Duration        // how long the folder must be quiet before a batch; default 10ms
	Poll    time.Duration        // how often to look when polling; default 300ms
	Ignored func(string) bool    // names of files and folders to ignore
	Logf    func(string, ...any) // where to say that Watch fell back to polling, or that the event queue overflowed

	// Faults is for tests: Watch handles each error received from it as if
	// fsnotify had reported it, so that a test can overflow the kernel's
	// event queue (fsnotify.ErrEventOverflow) without changing the
	// system's limits. Any other error ends Watch, as from fsnotify. Nil,
	// the default, injects nothing; a closed channel is no longer read.
	// Polling ignores it.
	Faults <-chan error

	// Initial: call fn(nil) once the folders are watched, before any
	// batch, so that a first build run there misses no save made while
	// it runs.
	Initial bool
}

// Watch calls fn with each batch of changed paths under root: slash-
// separated, relative to root, files or folders, created, written, removed
// or renamed. A nil batch means everything may have changed. fn runs on
// Watch's goroutine, one batch at a time; changes made meanwhile are
// collected for the next batch and never lost. Watch returns when ctx is
// done, or on an error it cannot recover from.
func Watch(ctx context.Context, root string, opt Options, fn func(changed []string)) error {
	w := &watcher{root: root, opt: opt.withDefaults(), pending: map[string]bool{}}
	opt = w.opt
	fsw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return w.poll(ctx, fn, err)
	}
	defer fsw.Close()
	w.fsw = fsw
	if err := w.addAll(); err != nil {
		if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
			fsw.Close()
			return w.poll(ctx, fn, err)
		}
		return err
	}
	if opt.Initial {
		fn(nil)
	}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	faults := opt.Faults
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fsw.Events:
			if !ok {
				return nil
			}
			if w.event(ev) {
				timer.Reset(opt.Quiet)
			}
		case err, ok := <-fsw.Errors:
			if !ok {
				return nil
			}
			if err := w.failed(err); err != nil {
				return err
			}
			timer.Reset(opt.Quiet)
		case err, ok := <-faults:
			if !ok {
				faults = nil
				continue
			}
			if err := w.failed(err); err != nil {
				return err
			}
			timer.Reset(opt.Quiet)
		case <-timer.C:
			if w.all {
				// Folders may have come and gone unseen: watch them anew.
				if err := w.addAll(); err != nil {
					return err
				}
			}
			if batch, ok := w.take(); ok {
				fn(batch)
			}
		}
	}
}

// withDefaults returns opt with its zero fields set to their defaults.
func (opt Options) withDefaults() Options {
	if opt.Dirs == nil {
		opt.Dirs = []string{"content", "layouts", "static"}
	}
	if opt.Quiet == 0 {
		opt.Quiet = 10 * time.Millisecond
	}
	if opt.Poll == 0 {
		opt.Poll = 300 * time.Millisecond
	}
	if opt.Ignored == nil {
		opt.Ignored = func(string) bool { return false }
	}
	if opt.Logf == nil {
		opt.Logf = func(string, ...any) {}
	}
	return opt
}

type watcher struct {
	root    string
	opt     Options
	fsw     *fsnotify.Watcher
	pending map[string]bool
	all     bool // everything may have changed
}

// failed handles an error reported by fsnotify. When the kernel's event
// queue overflowed, events were lost: the next batch is nil, for everything
// may have changed. Any other error is returned.
func (w *watcher) failed(err error) error {
	if !errors.Is(err, fsnotify.ErrEventOverflow) {
		return err
	}
	if !w.all {
		w.opt.Logf("too many changes at once for the system to report each; reading every file again")
	}
	w.all = true
	return nil
}

// take returns the pending batch and clears it.
func (w *watcher) take() ([]string, bool) {
	if w.all {
		w.all, w.pending = false, map[string]bool{}
		return nil, true
	}
	if len(w.pending) == 0 {
		return nil, false
	}
	batch := make([]string, 0, len(w.pending))
	for p := range w.pending {
		batch = append(batch, p)
	}
	slices.Sort(batch)
	w.pending = map[string]bool{}
	return batch, true
}

// rel returns p relative to the root, slash-separated, and whether it is in
// one of the watched folders and not ignored.
func (w *watcher) rel(p string) (string, bool) {
	r, err := filepath.Rel(w.root, p)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	parts := strings.Split(r, "/")
	if !slices.Contains(w.opt.Dirs, parts[0]) {
		return "", false
	}
	for _, part := range parts[1:] {
		if w.opt.Ignored(part) {
			return "", false
		}
	}
	return r, true
}

// event notes one fsnotify event and reports whether it is worth a batch.
func (w *watcher) event(ev fsnotify.Event) bool {
	if ev.Op == fsnotify.Chmod {
		return false
	}
	r, ok := w.rel(ev.Name)
	if !ok {
		return false
	}
	switch {
	case ev.Has(fsnotify.Create):
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			// Files written into it before its watch was added are found
			// when the builder reads the whole folder.
			w.addTree(ev.Name)
		}
	case ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove):
		// A renamed folder's watch would go on reporting the old name.
		for _, p := range w.fsw.WatchList() {
			if p == ev.Name || strings.HasPrefix(p, ev.Name+string(filepath.Separator)) {
				w.fsw.Remove(p)
			}
		}
	}
	w.pending[r] = true
	return true
}

// addAll watches the root and every folder under the watched folders.
func (w *watcher) addAll() error {
	if err := w.fsw.Add(w.root); err != nil {
		return err
	}
	for _, d := range w.opt.Dirs {
		if err := w.addTree(filepath.Join(w.root, d)); err != nil {
			return err
		}
	}
	return nil
}

// addTree watches dir and the folders under it; a missing dir is fine.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // gone meanwhile, or unreadable: the build says so
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && w.opt.Ignored(d.Name()) {
			return filepath.SkipDir
		}
		return w.fsw.Add(p)
	})
}

// poll looks at the folders every opt.Poll and reports what changed, for
// systems where watching is not possible.
func (w *watcher) poll(ctx context.Context, fn func([]string), why error) error {
	msg := fmt.Sprintf("cannot watch the folders (%v); looking for changes every %v instead", why, w.opt.Poll)
	if errors.Is(why, syscall.ENOSPC) {
		limit, _ := os.ReadFile("/proc/sys/fs/inotify/max_user_watches")
		msg += fmt.Sprintf(".\nThe system's limit of watched folders (fs.inotify.max_user_watches = %s) is reached. To raise it:\n\tsudo sysctl fs.inotify.max_user_watches=524288", strings.TrimSpace(string(limit)))
	}
	w.opt.Logf("%s", msg)
	last := w.snapshot()
	if w.opt.Initial {
		fn(nil)
	}
	tick := time.NewTicker(w.opt.Poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			now := w.snapshot()
			var batch []string
			for p, st := range now {
				if last[p] != st {
					batch = append(batch, p)
				}
			}
			for p := range last {
				if _, ok := now[p]; !ok {
					batch = append(batch, p)
				}
			}
			last = now
			if len(batch) > 0 {
				slices.Sort(batch)
				fn(batch)
			}
		}
	}
}

type stamp struct {
	size    int64
	modTime time.Time
	dir     bool
}

// snapshot returns the size and time of every file under the watched folders.
func (w *watcher) snapshot() map[string]stamp {
	m := map[string]stamp{}
	for _, d := range w.opt.Dirs {
		filepath.WalkDir(filepath.Join(w.root, d), func(p string, de fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			r, ok := w.rel(p)
			if !ok {
				if de.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if fi, err := de.Info(); err == nil {
				m[r] = stamp{fi.Size(), fi.ModTime(), de.IsDir()}
			}
			return nil
		})
	}
	return m
}
