package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rollout/internal/diag"
)

// inWorkflow runs the command as it runs in a GitHub workflow, from the
// folder dir.
func inWorkflow(t *testing.T, dir string, args ...string) (code int, stderr string) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code = run(context.Background(), &env{stdout: &out, stderr: &errb, annotate: true}, args)
	return code, errb.String()
}

// TestWorkflowAnnotations: in a workflow, build and check print every
// problem as path:line: message and as a workflow command naming the file
// from the repository's root, so that it shows on the file's line.
func TestWorkflowAnnotations(t *testing.T) {
	repo := t.TempDir()
	src := filepath.Join(repo, "site")
	if err := os.CopyFS(src, os.DirFS(copySite(t))); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(src, "content", "faq", "broken.md"), "---\ntitle: Broken: yes\n---\n")
	write(t, filepath.Join(src, "content", "faq", "raw.md"), "---\ntitle: Raw\n---\n\n<div>raw, with 100% of it</div>\n")
	write(t, filepath.Join(src, "content", "learn-more.md"), "---\ntitle: Learn More\nmenu: Learn more\n---\n\n[Nowhere](/nowhere/)\n")

	code, stderr := inWorkflow(t, repo, "build", "-source", "site", "-out", filepath.Join(t.TempDir(), "public"))
	want := []string{
		`content/faq/broken.md:2: the value of "title" contains ": " (a colon and a space); put the whole value in quotes: title: "Broken: yes"`,
		`::error file=site/content/faq/broken.md,line=2,title=rollout::the value of "title" contains ": " (a colon and a space); put the whole value in quotes: title: "Broken: yes"`,
	}
	if code != 1 || strings.TrimSpace(stderr) != strings.Join(want, "\n") {
		t.Errorf("build: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, strings.Join(want, "\n"))
	}

	// A broken link fails the build too, on its Markdown file and line,
	// and the output folder is left as it was.
	os.Remove(filepath.Join(src, "content", "faq", "broken.md"))
	out := filepath.Join(t.TempDir(), "public")
	code, stderr = inWorkflow(t, src, "build", "-out", out)
	want = []string{
		"content/learn-more.md:6: link to /nowhere/ goes nowhere: there is no page or file at that address",
		"::error file=content/learn-more.md,line=6,title=rollout::link to /nowhere/ goes nowhere: there is no page or file at that address",
	}
	if code != 1 || strings.TrimSpace(stderr) != strings.Join(want, "\n") {
		t.Errorf("build with a broken link: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, strings.Join(want, "\n"))
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a build with a broken link made %s: %v", out, err)
	}

	learnMore := filepath.Join(src, "content", "learn-more.md")
	write(t, learnMore, "---\ntitle: Learn More\nmenu: Learn more\n---\n\n[The FAQ](/faq/)\n")
	code, stderr = inWorkflow(t, src, "build", "-out", out)
	for _, w := range []string{
		"warning: content/faq/raw.md:5: raw HTML is not published",
		"::warning file=content/faq/raw.md,line=5,title=rollout::raw HTML is not published",
	} {
		if code != 0 || !strings.Contains(stderr, w) {
			t.Errorf("build with a warning: exit %d, stderr:\n%s\nwant exit 0 and %q", code, stderr, w)
		}
	}

	write(t, learnMore, "---\ntitle: Learn More\nmenu: Learn more\n---\n\n[Nowhere](/nowhere/)\n")
	code, stderr = inWorkflow(t, src, "check")
	w := "::error file=content/learn-more.md,line=6,title=rollout::link to /nowhere/ goes nowhere: there is no page or file at that address"
	if code != 1 || !strings.Contains(stderr, "\n"+w+"\n") || !strings.Contains(stderr, "content/learn-more.md:6: link to /nowhere/ goes nowhere") {
		t.Errorf("check: exit %d, stderr:\n%s\nwant exit 1 and %q", code, stderr, w)
	}

	// Outside a workflow, only path:line: message.
	if _, _, stderr := rollout(t, "check", "-source", src); strings.Contains(stderr, "::") {
		t.Errorf("workflow commands outside a workflow:\n%s", stderr)
	}
}

func TestAnnotationEscaping(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"message", diag.Errorf("content/a.md", 3, "100%% sure\nsecond line\r"), "::error file=content/a.md,line=3,title=rollout::100%25 sure%0Asecond line%0D\n"},
		{"property", &diag.Error{Path: "content/a,b:c%.md", Line: 2, Col: 7, Msg: "m: x, y"}, "::error file=content/a%2Cb%3Ac%25.md,line=2,col=7,title=rollout::m: x, y\n"},
		{"whole file", diag.Errorf("content/a.md", 0, "m"), "::error file=content/a.md,title=rollout::m\n"},
		{"no file", errors.New("writing x: no space left on device"), "::error title=rollout::writing x: no space left on device\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			annotation(&b, "error", ".", tt.err)
			if b.String() != tt.want {
				t.Errorf("have %q\nwant %q", b.String(), tt.want)
			}
		})
	}
}
