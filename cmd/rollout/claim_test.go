package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestBuildWhileWatching: while watch or serve keeps an output folder up
// to date, a build into it and a second watch are refused with a message
// naming the one running; once it stops, a build may write the folder.
func TestBuildWhileWatching(t *testing.T) {
	for _, cmd := range []string{"watch", "serve"} {
		t.Run(cmd, func(t *testing.T) {
			src := copySite(t)
			out := filepath.Join(src, "public")
			args := []string{cmd, "-source", src, "-now", "2018-03-15"}
			if cmd == "serve" {
				args = append(args, "-port", "0")
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			stdout, stderr := &syncBuffer{}, &syncBuffer{}
			done := make(chan int, 1)
			go func() { done <- run(ctx, &env{stdout: stdout, stderr: stderr}, args) }()
			converge(t, src, "first build")
			before := readTree(out)

			want := fmt.Sprintf("%s: rollout %s (process %d) is keeping this folder up to date; stop it (Ctrl-C where it runs) before building, or build into another folder with -out", out, cmd, os.Getpid())
			code, _, errs := rollout(t, "build", "-source", src, "-now", "2018-03-15")
			if code != 1 || !strings.Contains(errs, want) {
				t.Errorf("build while %s runs: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", cmd, code, errs, want)
			}
			code, _, errs = rollout(t, "watch", "-source", src, "-now", "2018-03-15")
			if code != 1 || !strings.Contains(errs, want) {
				t.Errorf("a second watch: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, errs, want)
			}
			if d := readTree(out).diff(before); d != "" {
				t.Errorf("a refused build changed the output: %s", d)
			}
			cancel()
			if code := <-done; code != 0 {
				t.Fatalf("%s exited %d: %s", cmd, code, stderr)
			}
			if code, _, errs := rollout(t, "build", "-source", src, "-now", "2018-03-15"); code != 0 {
				t.Errorf("build after %s stopped: exit %d\n%s", cmd, code, errs)
			}
		})
	}
}

// TestWatchWriteFailure: a rebuild whose writing fails halfway (the disk
// fills up) leaves the last complete site in public/, no part of the new
// one; the next save after room is made publishes the whole new site.
func TestWatchWriteFailure(t *testing.T) {
	src := copySite(t)
	var full atomic.Bool
	writes := atomic.Int64{}
	stdout, stderr := startWatchEnv(t, func(e *env) {
		e.faults.writeFile = func(p string, data []byte, perm os.FileMode) error {
			if full.Load() && writes.Add(1) > 1 { // the second file does not fit
				os.WriteFile(p, data[:len(data)/2], perm)
				return &os.PathError{Op: "write", Path: p, Err: syscall.ENOSPC}
			}
			return os.WriteFile(p, data, perm)
		}
	}, "watch", "-source", src, "-now", "2018-03-15", "-fingerprint=false")
	converge(t, src, "first build")
	settle(t, src, stdout)
	good := readTree(filepath.Join(src, "public"))
	full.Store(true)
	// A new menu entry changes every page.
	write(t, filepath.Join(src, "content", "contact.md"), "---\ntitle: Contact\nmenu: Contact\nweight: 5\n---\nWrite to us.\n")
	if !eventually(10*time.Second, func() bool {
		return strings.Contains(stderr.String(), "no space left on device") && strings.Contains(stderr.String(), "keeps the last good build")
	}) {
		t.Fatalf("no failed write reported within 10s (%d writes); stderr:\n%s\nstdout:\n%s", writes.Load(), stderr, stdout)
	}
	if writes.Load() < 2 {
		t.Fatalf("the rebuild wrote %d files, so no write failed halfway", writes.Load())
	}
	if d := readTree(filepath.Join(src, "public")).diff(good); d != "" {
		t.Errorf("a rebuild that ran out of space changed public/: %s", d)
	}
	full.Store(false)
	write(t, filepath.Join(src, "content", "learn-more.md"), "---\ntitle: Learn More\n---\nMore, now.\n")
	converge(t, src, "the save after room was made")
}

// TestWatchStoppedWhilePublishing: Ctrl-C that arrives while a rebuild is
// being written stops watch at once, with public/ as it was before the
// rebuild and nothing of the rebuild left in it or beside it.
func TestWatchStoppedWhilePublishing(t *testing.T) {
	src := copySite(t)
	out := filepath.Join(src, "public")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stopping atomic.Bool
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	e := &env{stdout: stdout, stderr: stderr}
	e.faults.writeFile = func(p string, data []byte, perm os.FileMode) error {
		if stopping.Load() {
			cancel() // Ctrl-C, as this file is written
		}
		return os.WriteFile(p, data, perm)
	}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, e, []string{"watch", "-source", src, "-now", "2018-03-15", "-fingerprint=false"})
	}()
	converge(t, src, "first build")
	settle(t, src, stdout)
	before := readTree(out)
	stopping.Store(true)
	write(t, filepath.Join(src, "content", "contact.md"), "---\ntitle: Contact\nmenu: Contact\nweight: 5\n---\nWrite to us.\n")
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("watch exited %d: %s", code, stderr)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("watch did not stop")
	}
	if d := readTree(out).diff(before); d != "" {
		t.Errorf("a watch stopped while writing changed public/: %s", d)
	}
	if names := leftovers(src, "content", "layouts", "static", "public"); len(names) != 0 {
		t.Errorf("left beside the output: %v", names)
	}
}

// TestSIGTERMStopsServe: serve, as a process, stops on SIGTERM and on
// Ctrl-C (SIGINT) with exit status 0, leaving public/ whole and the
// folder free for a build.
func TestSIGTERMStopsServe(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			src := copySite(t)
			cmd := exec.Command(os.Args[0], "serve", "-source", src, "-port", "0", "-now", "2018-03-15")
			cmd.Env = append(os.Environ(), "ROLLOUT_AS_COMMAND=1")
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			defer cmd.Process.Kill()
			// A serve whose first build fails keeps running: give up on it.
			timer := time.AfterFunc(30*time.Second, func() { cmd.Process.Kill() })
			defer timer.Stop()
			built := false
			for lines := bufio.NewScanner(stdout); !built && lines.Scan(); {
				built = strings.Contains(lines.Text(), " built: ")
			}
			if !built {
				cmd.Wait()
				t.Fatalf("serve never reported its first build; stderr:\n%s", stderr.String())
			}
			cmd.Process.Signal(sig)
			rest, _ := io.ReadAll(stdout)
			if err := cmd.Wait(); err != nil || !strings.Contains(string(rest), "stopped") {
				t.Fatalf("after %v: %v, stdout after the build:\n%s\nstderr:\n%s", sig, err, rest, stderr.String())
			}
			if d := readTree(filepath.Join(src, "public")).diff(cleanBuild(t, src)); d != "" {
				t.Errorf("public/ is not the whole site: %s", d)
			}
			if code, _, errs := rollout(t, "build", "-source", src, "-now", "2018-03-15"); code != 0 {
				t.Errorf("build after serve stopped: exit %d\n%s", code, errs)
			}
		})
	}
}
