package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// lockName is the file beside the output folder base that builds, watches
// and serves lock while they write it, and in which a watch or serve
// writes what it is while it runs.
func lockName(base string) string { return "." + base + ".rollout-lock" }

// take locks the output folder out for one writer and returns the locked
// file. While a build holds the lock it waits; while a watch or serve
// holds it, it refuses, naming it. A watch writes its name into the file
// just after taking the lock, so a lock held by a file without one is a
// build's, or a watch's that has not written it yet: both are waited for.
func take(out string) (*os.File, error) {
	p := filepath.Join(filepath.Dir(out), lockName(filepath.Base(out)))
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		// A lock needs no more than reading, where one may not write.
		if f, err = os.Open(p); err != nil {
			return nil, cannotReplace(out, err)
		}
	}
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: cannot lock: %w", p, unwrap(err))
		}
		if ok {
			return f, nil
		}
		if who, _ := io.ReadAll(io.NewSectionReader(f, 0, 1<<10)); len(bytes.TrimSpace(who)) > 0 {
			f.Close()
			return nil, fmt.Errorf("%s: %s is keeping this folder up to date; stop it (Ctrl-C where it runs) before building, or build into another folder with -out", out, bytes.TrimSpace(who))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// lockOut checks that the output folder out may be written (place),
// makes its parent folder, and takes its lock (take). It returns out as
// an absolute path and the locked file.
func lockOut(out, source string) (string, *os.File, error) {
	out, err := place(out, source)
	if err != nil {
		return "", nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return "", nil, cannotReplace(out, err)
	}
	f, err := take(out)
	if err != nil {
		return "", nil, err
	}
	return out, f, nil
}

// A Claim is an output folder kept up to date by one long-running process,
// a watch or a serve, for as long as it holds it. Builds into the same
// folder meanwhile are refused with a message naming the holder.
type Claim struct {
	// WriteFileFunc, for tests, writes each file as Staging.WriteFileFunc
	// does; nil means os.WriteFile.
	WriteFileFunc func(path string, data []byte, perm fs.FileMode) error

	out   string
	lock  *os.File // locked, holding who holds it
	whole bool     // out holds the build last published, complete
}

// Hold claims the output folder out, which may not be or hold the site's
// source folder, for the process described by who (such as "rollout
// serve"). It waits for a build in progress and refuses while another
// watch or serve holds out.
func Hold(out, source, who string) (*Claim, error) {
	out, f, err := lockOut(out, source)
	if err != nil {
		return nil, err
	}
	desc := who + " (process " + strconv.Itoa(os.Getpid()) + ")\n"
	err = f.Truncate(0)
	if err == nil {
		_, err = f.WriteAt([]byte(desc), 0)
	}
	if err != nil {
		f.Close()
		return nil, cannotReplace(out, err)
	}
	return &Claim{out: out, lock: f}, nil
}

// Release gives up the claim.
func (c *Claim) Release() {
	c.lock.Truncate(0)
	c.lock.Close()
}

// Publish brings the output folder up to date with files, all or nothing:
// on any error, or when ctx is done first, out is left as it was. The first
// time, and after an error, it writes out whole, as Write does; then it
// writes only the files in changed and deletes those in removed, the
// names a rebuild gives, because the rest are as last published.
func (c *Claim) Publish(ctx context.Context, files map[string][]byte, changed, removed []string) error {
	if !c.whole {
		return c.write(ctx, files)
	}
	c.whole = false // until this update is complete
	if err := c.update(ctx, files, changed, removed); err != nil {
		return err
	}
	c.whole = true
	return nil
}

// write replaces out whole with files.
func (c *Claim) write(ctx context.Context, files map[string][]byte) error {
	st, err := stage(c.out)
	if err != nil {
		return err
	}
	st.WriteFileFunc = c.WriteFileFunc
	if err := st.writeAll(ctx, files); err != nil {
		return err
	}
	c.whole = true
	return nil
}

// update writes the files named in changed beside their places, and only
// when all are written renames each into its place and removes the files
// in removed, so that a write that fails, a full disk say, leaves the
// previous site whole. Renames within a folder do not fail for want of
// space; should one fail anyway, out is incomplete until the next
// Publish writes it whole.
func (c *Claim) update(ctx context.Context, files map[string][]byte, changed, removed []string) error {
	if _, err := os.Lstat(filepath.Join(c.out, Marker)); err != nil {
		return fmt.Errorf("%s: the output folder is not one rollout made (no %s file): %w", c.out, Marker, unwrap(err))
	}
	for _, name := range slices.Concat(changed, removed) {
		if name == "" || !filepath.IsLocal(filepath.FromSlash(name)) || name == Marker {
			return fmt.Errorf("%s: refusing to write outside the output folder", name)
		}
	}
	var made, temps []string // folders made and files written, to undo
	undo := func() {
		for _, t := range temps {
			os.Remove(t)
		}
		for _, d := range slices.Backward(made) {
			os.Remove(d)
		}
	}
	for _, name := range changed {
		if err := ctx.Err(); err != nil {
			undo()
			return err
		}
		tmp, err := c.writeBeside(filepath.Join(c.out, filepath.FromSlash(name)), files[name], &made)
		if tmp != "" {
			temps = append(temps, tmp)
		}
		if err != nil {
			undo()
			return fmt.Errorf("writing %s: %w", name, unwrap(err))
		}
	}
	if err := ctx.Err(); err != nil {
		undo()
		return err
	}
	for i, name := range changed {
		if err := os.Rename(temps[i], filepath.Join(c.out, filepath.FromSlash(name))); err != nil {
			undo()
			return fmt.Errorf("writing %s: %w", name, unwrap(err))
		}
	}
	for _, name := range removed {
		p := filepath.Join(c.out, filepath.FromSlash(name))
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("removing %s: %w", name, unwrap(err))
		}
		// Remove folders left empty, up to the output folder.
		for d := filepath.Dir(p); d != c.out && strings.HasPrefix(d, c.out); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	return nil
}

// writeBeside writes data into a new file in the folder of p, making the
// folders it needs and adding them to made, and returns the new file's
// name (also when writing it failed, so that it can be removed).
func (c *Claim) writeBeside(p string, data []byte, made *[]string) (string, error) {
	dir := filepath.Dir(p)
	var missing []string
	for d := dir; d != c.out; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		missing = append(missing, d)
	}
	for _, d := range slices.Backward(missing) {
		if err := os.Mkdir(d, 0o755); err != nil {
			return "", err
		}
		*made = append(*made, d)
	}
	f, err := os.CreateTemp(dir, ".rollout-*")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	if err := f.Close(); err != nil {
		return tmp, err
	}
	write := os.WriteFile
	if c.WriteFileFunc != nil {
		write = c.WriteFileFunc
	}
	if err := write(tmp, data, 0o644); err != nil {
		return tmp, err
	}
	return tmp, os.Chmod(tmp, 0o644)
}
