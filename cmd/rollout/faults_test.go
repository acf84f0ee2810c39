package main

import (
	"os"
	"os/exec"
	"path/filepath"
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
	clean := func(src string) string {
		o := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := rollout(t, "build", "-source", src, "-out", o, "-now", "2018-03-15"); code != 0 {
			t.Fatal(stderr)
		}
		return snapshot(t, o)
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
		if have := snapshot(t, out); have != wantA && have != wantB {
			t.Fatalf("round %d: the output mixes two builds", round)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// TestDiskFull builds into a file system too small for the site: the error
// names the file, the exit status is 1, and the previous output is kept.
func TestDiskFull(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to mount a small file system")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", dir).CombinedOutput(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("mount: %v %s", err, out)
		}
		t.Skipf("cannot mount a small file system: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	src := copySite(t)
	out := filepath.Join(dir, "public")
	if code, _, stderr := rollout(t, "build", "-source", src, "-out", out, "-now", "2018-03-15"); code != 0 {
		t.Fatalf("the first build does not fit: %s", stderr)
	}
	before := snapshot(t, out)
	addPages(t, src, 60, "big") // about 600 KB more than the space left
	code, _, stderr := rollout(t, "build", "-source", src, "-out", out, "-now", "2018-03-15")
	if code != 1 || !strings.Contains(stderr, "no space left on device") || !strings.Contains(stderr, "writing ") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and a message naming the file and the full disk", code, stderr)
	}
	if snapshot(t, out) != before {
		t.Errorf("a build that ran out of space changed the output")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// TestPermissionDenied runs builds as an unprivileged user: an output
// folder it may not replace, and a page it may not read, end in a message
// naming the path, exit status 1, and the output as it was.
func TestPermissionDenied(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root to run a build as another user")
	}
	// A world-readable tree: the source, the test binary, and an output
	// folder owned by root in a folder only root may write to.
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
	before := snapshot(t, out)
	asNobody := func(args ...string) (int, string) {
		cmd := exec.Command(bin, args...)
		cmd.Dir = top
		cmd.Env = append(os.Environ(), "ROLLOUT_AS_COMMAND=1", "HOME="+top)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
		b, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, string(b)
	}
	code, output := asNobody("build", "-source", src, "-out", out, "-now", "2018-03-15")
	if code != 1 || !strings.Contains(output, locked+": ") || !strings.Contains(output, "permission denied") {
		t.Errorf("output folder not writable: exit %d\n%s", code, output)
	}
	page := filepath.Join(src, "content", "learn-more.md")
	os.Chmod(page, 0o600)
	free := filepath.Join(top, "free")
	os.Mkdir(free, 0o777)
	os.Chmod(free, 0o777)
	code, output = asNobody("build", "-source", src, "-out", filepath.Join(free, "public"), "-now", "2018-03-15")
	if code != 1 || !strings.Contains(output, "content/learn-more.md: cannot read: ") || !strings.Contains(output, "permission denied") {
		t.Errorf("page not readable: exit %d\n%s", code, output)
	}
	if snapshot(t, out) != before {
		t.Errorf("a denied build changed the output")
	}
	if entries, _ := os.ReadDir(free); len(entries) != 0 {
		t.Errorf("a failed build left %v behind", entries)
	}
}
