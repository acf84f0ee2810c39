package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStoppedBuild: a build whose command is stopped (Ctrl-C, SIGTERM)
// writes nothing: the output is as it was and nothing is left beside it.
func TestStoppedBuild(t *testing.T) {
	src := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := rollout(t, "build", "-source", src, "-out", out); code != 0 {
		t.Fatal(stderr)
	}
	before := readTree(out)
	write(t, filepath.Join(src, "content", "learn-more.md"), "---\ntitle: Changed\n---\nChanged.\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr syncBuffer
	code := run(ctx, &env{stdout: &stdout, stderr: &stderr}, []string{"build", "-source", src, "-out", out})
	want := "stopped before the build was complete; " + out + " is as it was\n"
	if code != 1 || stderr.String() != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr.String(), want)
	}
	if d := readTree(out).diff(before); d != "" {
		t.Errorf("a stopped build changed the output: %s", d)
	}
	if names := leftovers(filepath.Dir(out), "public"); len(names) != 0 {
		t.Errorf("left beside the output: %v", names)
	}
}

// TestSIGTERM: rollout build stops on SIGTERM, as a CI runner or a
// process manager sends it, the same way as on Ctrl-C.
func TestSIGTERM(t *testing.T) {
	src := copySite(t)
	addPages(t, src, 600, "many")
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := rollout(t, "build", "-source", src, "-out", out); code != 0 {
		t.Fatal(stderr)
	}
	before := readTree(out)
	addPages(t, src, 600, "changed")
	cmd := exec.Command(os.Args[0], "build", "-source", src, "-out", out)
	cmd.Env = append(os.Environ(), "ROLLOUT_AS_COMMAND=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Once the new output is being written beside the old one, stop it.
	staging := func() bool {
		m, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.rollout-[0-9]*"))
		return len(m) > 0
	}
	if !eventually(30*time.Second, func() bool { return staging() || cmd.ProcessState != nil }) {
		t.Fatal("the build never began writing")
	}
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	switch {
	case err == nil:
		t.Fatalf("exit 0 after SIGTERM: the build finished before the signal arrived, or ignored it")
	case !strings.Contains(stderr.String(), "stopped before the build was complete"):
		t.Errorf("%v, stderr:\n%s", err, stderr.String())
	}
	if d := readTree(out).diff(before); d != "" {
		t.Errorf("a stopped build changed the output: %s", d)
	}
	if names := leftovers(filepath.Dir(out), "public"); len(names) != 0 {
		t.Errorf("left beside the output: %v", names)
	}
}
