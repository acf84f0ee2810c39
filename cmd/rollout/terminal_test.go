package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMessagesCannotRewriteTheTerminal: a file name or a value with
// control characters is shown escaped in messages, so no file can clear,
// recolour or retitle the terminal of the person who builds the site.
func TestMessagesCannotRewriteTheTerminal(t *testing.T) {
	src := copySite(t)
	write(t, filepath.Join(src, "content", "faq", "x\x1b[2J.md"), "---\ntitle: X\n---\n")
	write(t, filepath.Join(src, "content", "faq", "y.md"), "---\ntitle: \"A\x1b]0;owned\x07\"\nwieght: 1\n---\n")
	write(t, filepath.Join(src, "content", "learn-more.md"), "---\ntitle: Learn More\nmenu: Learn more\n---\n\nIn {month of Nobody\x1b[31m}.\n")
	code, _, stderr := rollout(t, "build", "-source", src, "-out", filepath.Join(t.TempDir(), "public"))
	if code != 1 {
		t.Fatalf("exit %d, want 1:\n%s", code, stderr)
	}
	if strings.ContainsAny(stderr, "\x1b\x07") {
		t.Errorf("control characters reach the terminal: %q", stderr)
	}
	for _, want := range []string{`content/faq/x\x1b[2J.md: the name has a control character (\x1b)`, `content/faq/y.md:2: control characters are not allowed`, `Nobody\x1b[31m`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %s:\n%s", want, stderr)
		}
	}
}
