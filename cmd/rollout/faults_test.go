package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// TestSymlinksOutOfTheSource: a link in content/, layouts/ or static/ that
// leads outside the source folder is an error naming the link, and nothing
// of its target is published.
func TestSymlinksOutOfTheSource(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("TOP SECRET"), 0o644)
	secretDir := filepath.Dir(secret)
	for _, tt := range []struct{ link, want string }{
		{"content/faq/leak.md", "content/faq/leak.md: only plain files can be published; replace this link or special file with the file itself"},
		{"static/leak.txt", "static/leak.txt: only plain files can be published; replace this link or special file with the file itself"},
		{"static/dir", "static/dir: only plain files can be published; replace this link or special file with the file itself"},
		{"layouts/partials/leak.html", "layouts/partials/leak.html: only plain files can be published; replace this link or special file with the file itself"},
	} {
		t.Run(tt.link, func(t *testing.T) {
			src := copySite(t)
			target := secret
			if strings.HasSuffix(tt.link, "dir") {
				target = secretDir
			}
			if err := os.Symlink(target, filepath.Join(src, tt.link)); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			code, _, stderr := rollout(t, "build", "-source", src, "-out", out)
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, tt.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the output folder was written")
			}
		})
	}
}

// TestConcurrentBuilds runs builds of two different sites into one output
// folder at once: the output is always one whole build, never a mix.
func TestConcurrentBuilds(t *testing.T) {
	a, b := copySite(t), copySite(t)
	write(t, filepath.Join(b, "content", "learn-more.md"), "---\ntitle: Learn More\n---\n\nThe other site.\n")
	out := filepath.Join(t.TempDir(), "public")
	clean := func(src string) tree {
		o := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := rollout(t, "build", "-source", src, "-out", o, "-now", "2018-03-15"); code != 0 {
			t.Fatal(stderr)
		}
		return readTree(o)
	}
	wantA, wantB := clean(a), clean(b)
	for round := range 10 {
		var wg sync.WaitGroup
		for _, src := range []string{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cmd := exec.Command(os.Args[0], "build", "-source", src, "-out", out, "-now", "2018-03-15")
				cmd.Env = append(os.Environ(), "ROLLOUT_AS_COMMAND=1")
				if b, err := cmd.CombinedOutput(); err != nil {
					t.Errorf("%v\n%s", err, b)
				}
			}()
		}
		wg.Wait()
		have := readTree(out)
		if dA, dB := have.diff(wantA), have.diff(wantB); dA != "" && dB != "" {
			t.Fatalf("round %d: the output mixes two builds\nagainst site a: %s\nagainst site b: %s", round, dA, dB)
		}
	}
	if names := leftovers(filepath.Dir(out), "public"); len(names) != 0 {
		t.Errorf("left beside the output: %v", names)
	}
}

// smallDisk stands for a disk with room for only left more bytes. Like
// os.WriteFile on a full disk, a write that does not fit writes what fits
// and fails with ENOSPC; failed holds the paths of such writes. It is safe
// for concurrent use, as a build writes files concurrently.
type smallDisk struct {
	mu     sync.Mutex
	left   int
	failed []string
}

func (d *smallDisk) writeFile(p string, data []byte, perm os.FileMode) error {
	d.mu.Lock()
	n := min(len(data), d.left)
	d.left -= n
	if n < len(data) {
		d.failed = append(d.failed, p)
	}
	d.mu.Unlock()
	if err := os.WriteFile(p, data[:n], perm); err != nil {
		return err
	}
	if n < len(data) {
		return &os.PathError{Op: "write", Path: p, Err: syscall.ENOSPC}
	}
	return nil
}

// TestDiskFull: a build that runs out of disk space while writing (its
// writes go to a smallDisk, which fails them as a full disk does) ends in a
// message naming the file, exit status 1, the previous output exactly as it
// was, and nothing left beside it.
func TestDiskFull(t *testing.T) {
	src := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := rollout(t, "build", "-source", src, "-out", out, "-now", "2018-03-15"); code != 0 {
		t.Fatalf("the first build: %s", stderr)
	}
	before := readTree(out)
	addPages(t, src, 60, "big") // about 600 KB
	disk := &smallDisk{left: 64 << 10}
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr}
	e.faults.writeFile = disk.writeFile
	code := run(context.Background(), e, []string{"build", "-source", src, "-out", out, "-now", "2018-03-15"})
	disk.mu.Lock()
	failed := disk.failed
	disk.mu.Unlock()
	if len(failed) == 0 {
		t.Fatalf("the build fitted in the small disk, so the test proved nothing; exit %d\n%s", code, &stderr)
	}
	// The message names a file whose write failed, relative to the output.
	m := regexp.MustCompile(`writing (\S+): no space left on device`).FindStringSubmatch(stderr.String())
	named := m != nil && slices.ContainsFunc(failed, func(p string) bool {
		return strings.HasSuffix(filepath.ToSlash(p), "/"+m[1])
	})
	if code != 1 || !named {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and \"writing NAME: no space left on device\" naming one of %d files that did not fit", code, &stderr, len(failed))
	}
	if d := readTree(out).diff(before); d != "" {
		t.Errorf("a build that ran out of space changed the output: %s", d)
	}
	if names := leftovers(filepath.Dir(out), "public"); len(names) != 0 {
		t.Errorf("left beside the output: %v", names)
	}
}

// TestPermissionDenied runs builds that may not write the output folder's
// parent, or read a page: they end in a message naming the path, exit
// status 1, and the output as it was. As root, which may read and write
// anything, the builds run as the user nobody (uid 65534), on files root
// owns; as another user, they run as that user, on files whose modes shut
// their owner out.
func TestPermissionDenied(t *testing.T) {
	asRoot := os.Getuid() == 0
	// A world-readable tree: the source, the test binary, and the output
	// folder in a folder the build may not write to.
	top, err := os.MkdirTemp("", "rollout-perm-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(top) })
	os.Chmod(top, 0o755)
	src := filepath.Join(top, "site")
	if err := os.CopyFS(src, os.DirFS(copySite(t))); err != nil {
		t.Fatal(err)
	}
	filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if d.IsDir() {
			os.Chmod(p, 0o755)
		} else {
			os.Chmod(p, 0o644)
		}
		return nil
	})
	bin := filepath.Join(top, "rollout.test")
	self, _ := os.ReadFile(os.Args[0])
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(top, "locked")
	os.Mkdir(locked, 0o755)
	out := filepath.Join(locked, "public")
	if code, _, stderr := rollout(t, "build", "-source", src, "-out", out, "-now", "2018-03-15"); code != 0 {
		t.Fatal(stderr)
	}
	before := readTree(out)
	page := filepath.Join(src, "content", "learn-more.md")
	free := filepath.Join(top, "free")
	os.Mkdir(free, 0o777)
	os.Chmod(free, 0o777)
	// Shut the build out: root's own files are closed to nobody; a user's
	// own need modes that close them to their owner.
	lockedMode, pageMode := os.FileMode(0o755), os.FileMode(0o600)
	if !asRoot {
		lockedMode, pageMode = 0o555, 0o000
	}
	// Put the modes back first, so that the folder can be removed.
	t.Cleanup(func() {
		os.Chmod(locked, 0o755)
		os.Chmod(page, 0o644)
	})
	build := func(args ...string) (int, string) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = top
		cmd.Env = append(os.Environ(), "ROLLOUT_AS_COMMAND=1", "HOME="+top)
		if asRoot {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		}
		b, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, string(b)
	}
	if err := os.Chmod(locked, lockedMode); err != nil {
		t.Fatal(err)
	}
	code, output := build("build", "-source", src, "-out", out, "-now", "2018-03-15")
	want := out + ": cannot replace the output folder: permission denied. rollout builds the new output beside it, in " + locked + ", and swaps the two: make that folder writable for this user, or choose another -out"
	if code != 1 || !strings.Contains(output, want) {
		t.Errorf("output folder not writable: exit %d\n%s", code, output)
	}
	if err := os.Chmod(page, pageMode); err != nil {
		t.Fatal(err)
	}
	code, output = build("build", "-source", src, "-out", filepath.Join(free, "public"), "-now", "2018-03-15")
	if code != 1 || !strings.Contains(output, "content/learn-more.md: cannot read: ") || !strings.Contains(output, "permission denied") {
		t.Errorf("page not readable: exit %d\n%s", code, output)
	}
	if d := readTree(out).diff(before); d != "" {
		t.Errorf("a denied build changed the output: %s", d)
	}
	if names := leftovers(free); len(names) != 0 {
		t.Errorf("a failed build left %v behind", names)
	}
	if names := leftovers(locked, "public"); len(names) != 0 {
		t.Errorf("a failed build left %v beside the output", names)
	}
}

// TestSourceFoldersAsLinks: content/, layouts/ or static/ given as a link
// is an error naming it, never a site built without it.
func TestSourceFoldersAsLinks(t *testing.T) {
	for _, dir := range []string{"content", "layouts", "static"} {
		t.Run(dir, func(t *testing.T) {
			src := copySite(t)
			aside := filepath.Join(t.TempDir(), dir)
			if err := os.Rename(filepath.Join(src, dir), aside); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(aside, filepath.Join(src, dir)); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			code, _, stderr := rollout(t, "build", "-source", src, "-out", out)
			want := dir + ": " + dir + "/ must be a folder of the site, not a link or a file; put the folder itself here"
			if code != 1 || !strings.Contains(stderr, want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the output folder was written")
			}
		})
	}
}
