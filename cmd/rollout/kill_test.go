package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as the rollout command, so that tests
// can run it as a separate process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("ROLLOUT_AS_COMMAND") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// addPages writes n FAQ pages into the site at src, each with text.
func addPages(t *testing.T, src string, n int, text string) {
	t.Helper()
	dir := filepath.Join(src, "content", "faq", "more")
	os.MkdirAll(dir, 0o755)
	body := strings.Repeat("Some answer text with a [link](/faq/) and *emphasis*.\n\n", 20)
	for i := range n {
		page := fmt.Sprintf("---\ntitle: Page %d %s\n---\n\n## Question %d?\n\n%s", i, text, i, body)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%04d.md", i)), []byte(page), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestKilledBuildLeavesOutput kills builds at random moments: public/ is
// always either the previous build or the next one, whole, and a later
// build succeeds with nothing left behind.
func TestKilledBuildLeavesOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site many times")
	}
	src := copySite(t)
	addPages(t, src, 600, "old")
	out := filepath.Join(src, "public")
	build := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "build", "-source", src, "-now", "2018-03-15")
		cmd.Env = append(os.Environ(), "ROLLOUT_AS_COMMAND=1")
		return cmd
	}
	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	before := readTree(out)
	addPages(t, src, 600, "new")
	start := time.Now()
	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	took := time.Since(start)
	after := readTree(out)
	// Put the old build back by building the old pages again.
	addPages(t, src, 600, "old")
	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("rebuilding the old pages: %v\n%s", err, b)
	}
	if d := readTree(out).diff(before); d != "" {
		t.Fatalf("rebuilding the old pages made other output: %s", d)
	}
	addPages(t, src, 600, "new")

	sawOld, sawNew := 0, 0
	for i := range 10 {
		cmd := build()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Not a wait for something to happen: the moment of the kill is
		// what is tested, drawn at random over a build's length, so that
		// the kills land in every stage of a build, the swap included.
		time.Sleep(time.Duration(rand.Int64N(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		have := readTree(out)
		dOld, dNew := have.diff(before), have.diff(after)
		switch {
		case dOld == "":
			sawOld++
		case dNew == "":
			sawNew++
			// Go back to the old output for the next round.
			addPages(t, src, 600, "old")
			if b, err := build().CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, b)
			}
			addPages(t, src, 600, "new")
		default:
			t.Fatalf("kill %d: public/ is neither the previous build nor the next one\nagainst the previous: %s\nagainst the next: %s", i, dOld, dNew)
		}
	}
	t.Logf("killed 10 builds: %d left the previous output, %d had finished", sawOld, sawNew)
	if b, err := build().CombinedOutput(); err != nil {
		t.Fatalf("the build after the kills failed: %v\n%s", err, b)
	}
	if d := readTree(out).diff(after); d != "" {
		t.Errorf("the build after the kills differs from a clean build: %s", d)
	}
	for _, name := range leftovers(src) {
		if strings.HasPrefix(name, ".") {
			t.Errorf("left behind: %s", name)
		}
	}
}
