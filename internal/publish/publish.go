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
// with a lock on a file beside it, which the kernel drops when a process
// dies, so two builds never mix their output and a killed one leaves
// nothing stuck. A watch or serve holds that lock for as long as it runs
// (Hold, in claim.go), and a build refuses to write meanwhile, naming it.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
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
	return st.writeAll(context.Background(), files)
}

// writeAll writes files into the staging folder, in the order of their
// names, and commits it; on an error, or once ctx is done, it aborts.
func (st *Staging) writeAll(ctx context.Context, files map[string][]byte) error {
	for _, name := range slices.Sorted(maps.Keys(files)) {
		err := ctx.Err()
		if err == nil {
			err = st.WriteFile(name, files[name])
		}
		if err != nil {
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
// staging folder. source is the site's source folder, which out may not
// be or contain, nor be inside its content/, layouts/ or static/, also
// through links. While a watch or serve keeps out up to date (Hold),
// Begin refuses, naming it; while another build writes out, it waits.
func Begin(out, source string) (*Staging, error) {
	out, f, err := lockOut(out, source)
	if err != nil {
		return nil, err
	}
	f.Truncate(0) // a watch's name, left by one that was killed
	st, err := stage(out)
	if err != nil {
		f.Close()
		return nil, err
	}
	st.unlock = func() { f.Close() }
	return st, nil
}

// stage makes the staging folder beside out, once the caller holds the
// lock, after removing what killed builds left.
func stage(out string) (*Staging, error) {
	if err := checkOwned(out); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	removeLeftovers(parent, base)
	dir, err := os.MkdirTemp(parent, stagePrefix(base))
	if err == nil {
		err = os.Chmod(dir, 0o755)
	}
	if err != nil {
		return nil, cannotReplace(out, err)
	}
	return &Staging{out: out, dir: dir, unlock: func() {}}, nil
}

// place returns out as an absolute path, refusing an output folder that
// is, holds or lies inside the sources (source, or its content/, layouts/
// or static/), also where links lead it there, and one that is itself a
// link, which replacing the folder would replace.
func place(out, source string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	if fi, err := os.Lstat(abs); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return "", fmt.Errorf("%s: the output folder is a link; rollout replaces the folder whole on every build, which would replace the link: give the folder it leads to as -out", out)
	}
	real, src := resolve(abs), resolve(source)
	through := ""
	if real != abs {
		through = " (through a link, it is " + real + ")"
	}
	if within(src, real) {
		return "", fmt.Errorf("%s: the output folder may not be the source folder or hold it%s; choose another -out", out, through)
	}
	for _, d := range []string{"content", "layouts", "static"} {
		if within(real, resolve(filepath.Join(source, d))) {
			return "", fmt.Errorf("%s: the output folder may not be inside %s/, where it would be read as a source%s; choose another -out", out, d, through)
		}
	}
	return abs, nil
}

// resolve returns the absolute path p with every link in it followed, as
// far as p exists.
func resolve(p string) string {
	p, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	rest := ""
	for d := p; ; d = filepath.Dir(d) {
		if r, err := filepath.EvalSymlinks(d); err == nil {
			return filepath.Join(r, rest)
		}
		if filepath.Dir(d) == d {
			return p
		}
		rest = filepath.Join(filepath.Base(d), rest)
	}
}

// cannotReplace explains why the output folder out cannot be made or
// replaced, and what to do about it.
func cannotReplace(out string, err error) error {
	parent := filepath.Dir(out)
	cause := unwrap(err)
	switch {
	case errors.Is(cause, syscall.EBUSY):
		return fmt.Errorf("%s: cannot replace the output folder: it is a mount point, or another program holds it (%w). rollout builds the new output beside it and swaps the two, so build into a folder inside it (-out %s) or into another folder", out, cause, filepath.Join(out, "site"))
	case errors.Is(cause, fs.ErrPermission):
		return fmt.Errorf("%s: cannot replace the output folder: %w. rollout builds the new output beside it, in %s, and swaps the two: make that folder writable for this user, or choose another -out", out, cause, parent)
	case errors.Is(cause, syscall.EROFS):
		return fmt.Errorf("%s: cannot replace the output folder: %w; choose an -out on a writable disk", out, cause)
	}
	return fmt.Errorf("%s: cannot replace the output folder: %w", out, cause)
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
		return cannotReplace(st.out, err)
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
		if filepath.Base(dir) != lockName(base) {
			os.RemoveAll(dir)
		}
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
