package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
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

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
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

func TestUpdate(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	all := files("index.html", "one", "faq/index.html", "q", "faq/x/index.html", "x", "style.css", "s")
	if err := Write(out, filepath.Join(root, "src"), all); err != nil {
		t.Fatal(err)
	}
	all["index.html"] = []byte("two")
	all["new/index.html"] = []byte("n")
	delete(all, "faq/x/index.html")
	if err := Update(out, all, []string{"index.html", "new/index.html"}, []string{"faq/x/index.html"}); err != nil {
		t.Fatal(err)
	}
	sameTree(t, out, map[string]string{"index.html": "two", "faq/index.html": "q", "new/index.html": "n", "style.css": "s", Marker: markerText})
	if _, err := os.Stat(filepath.Join(out, "faq", "x")); !os.IsNotExist(err) {
		t.Errorf("the emptied folder faq/x is still there")
	}
	foreign := filepath.Join(root, "foreign")
	os.MkdirAll(foreign, 0o755)
	if err := Update(foreign, all, []string{"index.html"}, nil); err == nil {
		t.Errorf("Update wrote into a folder rollout did not make")
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
