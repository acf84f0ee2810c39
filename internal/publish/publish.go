// Package publish puts a built site into its output folder, all or nothing.
//
// Write renders nothing itself: it takes every file of the site, already in
// memory, writes them into a new folder beside the output folder, and swaps
// that folder in with one atomic exchange of the two names. A failed or
// killed build therefore leaves the previous output exactly as it was, and a
// file whose source was deleted does not survive the next build. Staging
// folders left by a killed build are removed by the next one.
//
// The output folder carries a marker file, so that Write never replaces a
// folder it did not make. Builds into one output folder are serialised
// with a lock on its parent folder, which the kernel drops when a process
// dies, so two builds never mix their output and a killed one leaves
// nothing stuck.
package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// Marker is the file in the output folder that shows rollout made it.
const Marker = ".rollout-build"

const markerText = "This folder is made by rollout build, which replaces it whole on every build.\n"

// Write replaces the folder out with exactly files (slash-separated paths
// relative to out). source is the site's source folder, which out may not
// be or contain. Write is safe to call from several processes at once.
func Write(out, source string, files map[string][]byte) error {
	st, err := Begin(out, source)
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := st.WriteFile(name, files[name]); err != nil {
			st.Abort()
			return err
		}
	}
	return st.Commit()
}

// Staging is a new output folder being written beside the old one. Its
// WriteFile is safe for concurrent use; Commit or Abort ends it.
type Staging struct {
	// WriteFileFunc writes each file into the staging folder, given the
	// file's full path; nil, the default, means os.WriteFile. It is for
	// tests, to make a write fail as the system would (a full disk:
	// syscall.ENOSPC) where the system cannot be made to. Set it before
	// the first WriteFile; it must be safe for concurrent use.
	WriteFileFunc func(path string, data []byte, perm fs.FileMode) error

	out, dir string
	unlock   func()
	made     sync.Map // folders already created
}

// Begin starts replacing the folder out: it checks that out may be
// replaced, takes the lock, removes what killed builds left, and makes the
// staging folder. source is the site's source folder, which out may not be
// or contain, nor be inside its content/, layouts/ or static/.
func Begin(out, source string) (*Staging, error) {
	out, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	src, err := filepath.Abs(source)
	if err != nil {
		return nil, err
	}
	if within(src, out) {
		return nil, fmt.Errorf("%s: the output folder may not be the source folder or hold it; choose another -out", out)
	}
	for _, d := range []string{"content", "layouts", "static"} {
		if within(out, filepath.Join(src, d)) {
			return nil, fmt.Errorf("%s: the output folder may not be inside %s/, where it would be read as a source; choose another -out", out, d)
		}
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("%s: cannot create the output's folder: %w", parent, unwrap(err))
	}
	unlock, err := lock(parent)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot lock: %w", parent, unwrap(err))
	}
	if err := checkOwned(out); err != nil {
		unlock()
		return nil, err
	}
	removeLeftovers(parent, base)
	dir, err := os.MkdirTemp(parent, stagePrefix(base))
	if err == nil {
		err = os.Chmod(dir, 0o755)
	}
	if err != nil {
		unlock()
		return nil, fmt.Errorf("%s: cannot create a folder beside the output: %w", parent, unwrap(err))
	}
	return &Staging{out: out, dir: dir, unlock: unlock}, nil
}

// WriteFile writes one file of the new output; name is slash-separated and
// relative to the output folder.
func (st *Staging) WriteFile(name string, data []byte) error {
	if name == "" || !filepath.IsLocal(filepath.FromSlash(name)) || name == Marker {
		return fmt.Errorf("%s: refusing to write outside the output folder", name)
	}
	p := filepath.Join(st.dir, filepath.FromSlash(name))
	if d := filepath.Dir(p); d != st.dir {
		if _, ok := st.made.Load(d); !ok {
			// Most folders' parents exist: one mkdir, without MkdirAll's stat.
			if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
				if err := os.MkdirAll(d, 0o755); err != nil {
					return fmt.Errorf("writing %s: %w", name, unwrap(err))
				}
			}
			st.made.Store(d, true)
		}
	}
	if err := st.writeFile(p, data); err != nil {
		return fmt.Errorf("writing %s: %w", name, unwrap(err))
	}
	return nil
}

// writeFile writes the file at path p, through WriteFileFunc if it is set.
func (st *Staging) writeFile(p string, data []byte) error {
	if st.WriteFileFunc != nil {
		return st.WriteFileFunc(p, data, 0o644)
	}
	return os.WriteFile(p, data, 0o644)
}

// Commit puts the new output in the old one's place, in one step.
func (st *Staging) Commit() error {
	defer st.unlock()
	err := st.writeFile(filepath.Join(st.dir, Marker), []byte(markerText))
	if err == nil {
		err = swap(st.dir, st.out)
	}
	if err != nil {
		os.RemoveAll(st.dir)
		return fmt.Errorf("%s: cannot replace the output folder: %w", st.out, unwrap(err))
	}
	// The staging folder now holds the previous output, or nothing.
	return os.RemoveAll(st.dir)
}

// Abort drops the new output and leaves the old one as it was.
func (st *Staging) Abort() {
	os.RemoveAll(st.dir)
	st.unlock()
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && filepath.IsLocal(rel) || rel == "."
}

func stagePrefix(base string) string { return "." + base + ".rollout-" }

// checkOwned refuses an output folder that exists, is not empty, and has no
// marker: rollout did not make it, so it may hold someone's files.
func checkOwned(out string) error {
	fi, err := os.Lstat(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", out, unwrap(err))
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s: exists and is not a folder; move it away or choose another -out", out)
	}
	if _, err := os.Lstat(filepath.Join(out, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("%s: %w", out, unwrap(err))
	}
	if len(entries) > 0 {
		return fmt.Errorf("%s: this folder was not made by rollout (it has no %s file) and is not empty; move it away or choose another -out", out, Marker)
	}
	return nil
}

// removeLeftovers deletes staging folders of builds that were killed.
func removeLeftovers(parent, base string) {
	old, _ := filepath.Glob(filepath.Join(parent, stagePrefix(base)+"*"))
	for _, dir := range old {
		os.RemoveAll(dir)
	}
}

// unwrap returns the cause of a *PathError or *LinkError, whose own message
// repeats a path the caller already names.
func unwrap(err error) error {
	var pe *os.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

// Update brings the folder out, which Write made, up to date with files
// after a rebuild: it writes the files named in changed and deletes those
// in removed, leaving the rest alone. Each file is written beside its place
// and renamed into it, so a reader never sees half a file. Update is for
// previews, where a rebuild changes a few of many files; publishing uses
// Write.
func Update(out string, files map[string][]byte, changed, removed []string) error {
	if _, err := os.Lstat(filepath.Join(out, Marker)); err != nil {
		return fmt.Errorf("%s: the output folder is not one rollout made (no %s file): %w", out, Marker, unwrap(err))
	}
	for _, name := range append(append([]string(nil), changed...), removed...) {
		if name == "" || !filepath.IsLocal(filepath.FromSlash(name)) {
			return fmt.Errorf("%s: refusing to write outside the output folder", name)
		}
	}
	for _, name := range changed {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("writing %s: %w", name, unwrap(err))
		}
		tmp, err := os.CreateTemp(filepath.Dir(p), ".rollout-*")
		if err != nil {
			return fmt.Errorf("writing %s: %w", name, unwrap(err))
		}
		_, err = tmp.Write(files[name])
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Chmod(tmp.Name(), 0o644)
		}
		if err == nil {
			err = os.Rename(tmp.Name(), p)
		}
		if err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("writing %s: %w", name, unwrap(err))
		}
	}
	for _, name := range removed {
		p := filepath.Join(out, filepath.FromSlash(name))
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("removing %s: %w", name, unwrap(err))
		}
		// Remove folders left empty, up to the output folder.
		for d := filepath.Dir(p); d != out && strings.HasPrefix(d, out); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	return nil
}
