package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// tree returns every file under dir with its contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTree checks that the folder dir holds exactly want.
func sameTree(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	have := tree(t, dir)
	if len(have) != len(want) {
		t.Errorf("%s holds %v, want %v", dir, have, want)
	}
	for k, v := range want {
		if have[k] != v {
			t.Errorf("%s = %q, want %q", k, have[k], v)
		}
	}
}

func files(kv ...string) map[string][]byte {
	m := map[string][]byte{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = []byte(kv[i+1])
	}
	return m
}

// names lists every file, folder and link under dir, without following
// links.
func names(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		names = append(names, p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return names
}

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		if !strings.HasSuffix(e.Name(), ".rollout-lock") { // the lock stays
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

func TestWriteReplacesWhole(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	out := filepath.Join(src, "public")
	if err := Write(out, src, files("index.html", "one", "old/index.html", "gone soon")); err != nil {
		t.Fatal(err)
	}
	if err := Write(out, src, files("index.html", "two", "faq/index.html", "q")); err != nil {
		t.Fatal(err)
	}
	sameTree(t, out, map[string]string{"index.html": "two", "faq/index.html": "q", Marker: markerText})
	if names := entries(t, src); strings.Join(names, " ") != "public" {
		t.Errorf("beside the output: %v, want only public (no staging folders left)", names)
	}
}

func TestWriteRefuses(t *testing.T) {
	root := t.TempDir()
	foreign := filepath.Join(root, "docs")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	aFile := filepath.Join(root, "file")
	os.WriteFile(aFile, []byte("x"), 0o644)

	tests := []struct{ name, out, src, want string }{
		{"foreign folder", foreign, root, foreign + ": this folder was not made by rollout (it has no .rollout-build file) and is not empty; move it away or choose another -out"},
		{"the source itself", root, root, root + ": the output folder may not be the source folder or hold it; choose another -out"},
		{"a parent of the source", root, filepath.Join(root, "site"), root + ": the output folder may not be the source folder or hold it; choose another -out"},
		{"inside content/", filepath.Join(root, "site", "content", "public"), filepath.Join(root, "site"), filepath.Join(root, "site", "content", "public") + ": the output folder may not be inside content/, where it would be read as a source; choose another -out"},
		{"a file", aFile, filepath.Join(root, "site"), aFile + ": exists and is not a folder; move it away or choose another -out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Write(tt.out, tt.src, files("index.html", "x"))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("have error %v\nwant %s", err, tt.want)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, "notes.txt")); string(b) != "mine" {
		t.Errorf("the foreign folder was changed")
	}
	if names := entries(t, foreign); len(names) != 1 {
		t.Errorf("foreign folder holds %v", names)
	}
	if err := Write(filepath.Join(root, "empty"), root+"/site", files("a", "b")); err != nil {
		t.Errorf("an empty or missing folder may be used: %v", err)
	}
}

func TestWriteFailureLeavesOutput(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if err := Write(out, filepath.Join(root, "src"), files("index.html", "good", "a/b.css", "x")); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	// This build cannot be written: "x" is both a file and a folder.
	err := Write(out, filepath.Join(root, "src"), files("index.html", "bad", "x", "file", "x/y", "under a file"))
	if err == nil {
		t.Fatal("Write succeeded with a file and a folder of one name")
	}
	sameTree(t, out, before)
	if names := entries(t, root); strings.Join(names, " ") != "public" {
		t.Errorf("beside the output: %v", names)
	}
}

func TestWriteRemovesLeftovers(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	// A build killed while writing leaves its staging folder.
	stale := filepath.Join(root, stagePrefix("public")+"123")
	os.MkdirAll(filepath.Join(stale, "faq"), 0o755)
	if err := Write(out, filepath.Join(root, "src"), files("index.html", "x")); err != nil {
		t.Fatal(err)
	}
	if names := entries(t, root); strings.Join(names, " ") != "public" {
		t.Errorf("beside the output: %v, want the stale staging folder gone", names)
	}
}

func TestWriteRefusesEscapes(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"../x", "/etc/x", ""} {
		if err := Write(filepath.Join(root, "public"), root+"/src", files(name, "x")); err == nil {
			t.Errorf("Write accepted the file name %q", name)
		}
	}
}

// TestClaim: a watch's claim writes the output whole the first time, then
// only what changed, and refuses a folder rollout did not make.
func TestClaim(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	c, err := Hold(out, filepath.Join(root, "src"), "rollout watch")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Release()
	all := files("index.html", "one", "faq/index.html", "q", "faq/x/index.html", "x", "style.css", "s")
	if err := c.Publish(context.Background(), all, []string{"index.html"}, nil); err != nil {
		t.Fatal(err)
	}
	sameTree(t, out, map[string]string{"index.html": "one", "faq/index.html": "q", "faq/x/index.html": "x", "style.css": "s", Marker: markerText})
	all["index.html"] = []byte("two")
	all["new/deep/index.html"] = []byte("n")
	delete(all, "faq/x/index.html")
	if err := c.Publish(context.Background(), all, []string{"index.html", "new/deep/index.html"}, []string{"faq/x/index.html"}); err != nil {
		t.Fatal(err)
	}
	sameTree(t, out, map[string]string{"index.html": "two", "faq/index.html": "q", "new/deep/index.html": "n", "style.css": "s", Marker: markerText})
	if _, err := os.Stat(filepath.Join(out, "faq", "x")); !os.IsNotExist(err) {
		t.Errorf("the emptied folder faq/x is still there")
	}

	foreign := filepath.Join(root, "foreign")
	os.MkdirAll(foreign, 0o755)
	os.WriteFile(filepath.Join(foreign, "notes.txt"), []byte("mine"), 0o644)
	f, err := Hold(foreign, filepath.Join(root, "src"), "rollout watch")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Release()
	if err := f.Publish(context.Background(), all, nil, nil); err == nil || !strings.Contains(err.Error(), "was not made by rollout") {
		t.Errorf("publishing into a folder rollout did not make: %v", err)
	}
	sameTree(t, foreign, map[string]string{"notes.txt": "mine"})
}

// TestClaimAllOrNothing: an update that fails halfway (the disk fills up at
// the second file) or is stopped leaves the previous site exactly as it
// was, with no new file or folder in it; the next Publish writes it whole.
func TestClaimAllOrNothing(t *testing.T) {
	for _, tt := range []struct {
		name string
		left int  // bytes the disk has room for
		stop bool // the context is done
		want string
	}{
		{"disk full", 3, false, "writing b/new/index.html: no space left on device"},
		{"stopped", 1 << 20, true, "context canceled"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			c, err := Hold(out, filepath.Join(root, "src"), "rollout serve")
			if err != nil {
				t.Fatal(err)
			}
			defer c.Release()
			all := files("a/index.html", "a1", "b/index.html", "b1", "c/index.html", "c1")
			if err := c.Publish(context.Background(), all, nil, nil); err != nil {
				t.Fatal(err)
			}
			before := tree(t, out)
			next := files("a/index.html", "a2", "b/new/index.html", "b2", "c/index.html", "c2")
			c.WriteFileFunc = (&smallDisk{left: tt.left}).WriteFile
			ctx, cancel := context.WithCancel(context.Background())
			if tt.stop {
				cancel()
			}
			defer cancel()
			err = c.Publish(ctx, next, []string{"a/index.html", "b/new/index.html", "c/index.html"}, []string{"b/index.html"})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("have error %v, want one with %q", err, tt.want)
			}
			sameTree(t, out, before)
			if _, err := os.Stat(filepath.Join(out, "b", "new")); !os.IsNotExist(err) {
				t.Errorf("the folder b/new made for the failed update is still there")
			}
			// The next update is written whole, though it names one file.
			c.WriteFileFunc = nil
			next["a/index.html"] = []byte("a3")
			if err := c.Publish(context.Background(), next, []string{"a/index.html"}, nil); err != nil {
				t.Fatal(err)
			}
			sameTree(t, out, map[string]string{"a/index.html": "a3", "b/new/index.html": "b2", "c/index.html": "c2", Marker: markerText})
		})
	}
}

// TestHoldRefusesBuilds: while a watch or serve holds the output folder, a
// build into it and a second watch are refused with a message naming the
// holder; once it stops, both may write it.
func TestHoldRefusesBuilds(t *testing.T) {
	root := t.TempDir()
	out, src := filepath.Join(root, "public"), filepath.Join(root, "src")
	c, err := Hold(out, src, "rollout serve")
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("%s: rollout serve (process %d) is keeping this folder up to date; stop it (Ctrl-C where it runs) before building, or build into another folder with -out", out, os.Getpid())
	if _, err := Begin(out, src); err == nil || err.Error() != want {
		t.Errorf("build while served:\nhave %v\nwant %s", err, want)
	}
	if _, err := Hold(out, src, "rollout watch"); err == nil || err.Error() != want {
		t.Errorf("second watch:\nhave %v\nwant %s", err, want)
	}
	c.Release()
	if err := Write(out, src, files("index.html", "x")); err != nil {
		t.Errorf("build after the serve stopped: %v", err)
	}
	if names := entries(t, root); strings.Join(names, " ") != "public" {
		t.Errorf("beside the output: %v, want only public", names)
	}
}

// TestHoldWaitsForBuild: a watch started during a build waits for it to
// end, then holds the folder.
func TestHoldWaitsForBuild(t *testing.T) {
	root := t.TempDir()
	out, src := filepath.Join(root, "public"), filepath.Join(root, "src")
	st, err := Begin(out, src)
	if err != nil {
		t.Fatal(err)
	}
	held := make(chan error, 1)
	go func() {
		c, err := Hold(out, src, "rollout watch")
		if err == nil {
			c.Release()
		}
		held <- err
	}()
	if err := st.WriteFile("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := <-held; err != nil {
		t.Errorf("watch after a build: %v", err)
	}
}

// TestOutputThroughLinks: an output folder that links lead into or over
// the sources, or that is itself a link, is refused before anything is
// written.
func TestOutputThroughLinks(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "site")
	for _, d := range []string{"content", "static", "layouts"} {
		os.MkdirAll(filepath.Join(src, d), 0o755)
	}
	os.WriteFile(filepath.Join(src, "content", "_index.md"), []byte("home"), 0o644)
	os.Symlink(src, filepath.Join(root, "to-site"))
	os.Symlink(filepath.Join(src, "static"), filepath.Join(root, "to-static"))
	os.Mkdir(filepath.Join(root, "elsewhere"), 0o755)
	os.Symlink(filepath.Join(root, "elsewhere"), filepath.Join(root, "linked-out"))
	for _, tt := range []struct{ out, want string }{
		{filepath.Join(root, "to-site"), "the output folder is a link"},
		{filepath.Join(root, "to-site", "content", "public"), "may not be inside content/"},
		{filepath.Join(root, "to-static", "public"), "may not be inside static/"},
		{filepath.Join(root, "to-site", "..", "site"), "may not be the source folder"},
		{filepath.Join(root, "linked-out"), "the output folder is a link"},
	} {
		before := names(t, root)
		if err := Write(tt.out, src, files("index.html", "x")); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("-out %s: have %v, want an error with %q", tt.out, err, tt.want)
		}
		if _, err := Hold(tt.out, src, "rollout watch"); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("watch -out %s: have %v, want an error with %q", tt.out, err, tt.want)
		}
		if after := names(t, root); !slices.Equal(after, before) {
			t.Errorf("-out %s: files were written: %v", tt.out, after)
		}
	}
	// Through a link that leads elsewhere, the output is fine.
	if err := Write(filepath.Join(root, "linked-out", "public"), src, files("index.html", "x")); err != nil {
		t.Errorf("an output inside a linked folder outside the sources: %v", err)
	}
}

// TestCannotReplace: each reason the output folder cannot be replaced
// gets a message that says what to do.
func TestCannotReplace(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&os.LinkError{Op: "renameat2", Err: syscall.EBUSY}, "/srv/public: cannot replace the output folder: it is a mount point, or another program holds it (device or resource busy). rollout builds the new output beside it and swaps the two, so build into a folder inside it (-out /srv/public/site) or into another folder"},
		{&os.PathError{Op: "mkdirtemp", Err: syscall.EACCES}, "/srv/public: cannot replace the output folder: permission denied. rollout builds the new output beside it, in /srv, and swaps the two: make that folder writable for this user, or choose another -out"},
		{&os.PathError{Op: "mkdirtemp", Err: syscall.EROFS}, "/srv/public: cannot replace the output folder: read-only file system; choose an -out on a writable disk"},
		{&os.PathError{Op: "mkdirtemp", Err: syscall.ENOSPC}, "/srv/public: cannot replace the output folder: no space left on device"},
	} {
		err := cannotReplace("/srv/public", tt.err)
		if err.Error() != tt.want {
			t.Errorf("have %v\nwant %s", err, tt.want)
		}
		if !errors.Is(err, unwrap(tt.err)) {
			t.Errorf("%v does not wrap its cause", err)
		}
	}
}

// smallDisk stands for a disk with room for only left more bytes. Like
// os.WriteFile on a full disk, a write that does not fit writes what fits
// and fails with ENOSPC.
type smallDisk struct {
	mu   sync.Mutex
	left int
}

func (d *smallDisk) WriteFile(p string, data []byte, perm fs.FileMode) error {
	d.mu.Lock()
	n := min(len(data), d.left)
	d.left -= n
	d.mu.Unlock()
	if err := os.WriteFile(p, data[:n], perm); err != nil {
		return err
	}
	if n < len(data) {
		return &os.PathError{Op: "write", Path: p, Err: syscall.ENOSPC}
	}
	return nil
}

// TestNoSpace: a disk that fills up during a build, at a page or at the
// marker Commit writes last, ends in an error naming the file, the old
// output as it was and no staging folder left.
func TestNoSpace(t *testing.T) {
	for _, tt := range []struct {
		name string
		left int    // bytes that fit
		want string // the error
	}{
		{"a page", 12, "writing b/index.html: no space left on device"},
		{"the marker", 16, ": cannot replace the output folder: no space left on device"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			out, src := filepath.Join(root, "public"), filepath.Join(root, "src")
			if err := Write(out, src, files("index.html", "good", "old/index.html", "old")); err != nil {
				t.Fatal(err)
			}
			before := tree(t, out)
			st, err := Begin(out, src)
			if err != nil {
				t.Fatal(err)
			}
			st.WriteFileFunc = (&smallDisk{left: tt.left}).WriteFile
			err = st.WriteFile("a/index.html", []byte("12345678"))
			if err == nil {
				err = st.WriteFile("b/index.html", []byte("12345678"))
			}
			if err == nil {
				err = st.Commit()
			} else {
				st.Abort()
			}
			if err == nil || !strings.HasSuffix(err.Error(), tt.want) || !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("have error %v\nwant one ending %q", err, tt.want)
			}
			sameTree(t, out, before)
			if names := entries(t, root); strings.Join(names, " ") != "public" {
				t.Errorf("beside the output: %v, want only public (the staging folder removed)", names)
			}
		})
	}
}
