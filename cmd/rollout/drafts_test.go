package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// newDraft starts content/faq/x.md with rollout new in a copy of the
// fixture site and returns the site's folder and the page's file. The
// page's guidance starts at line 8: after the six lines of front matter
// and a blank line.
func newDraft(t *testing.T) (src, file string) {
	t.Helper()
	src = copySite(t)
	if code, _, stderr := rollout(t, "new", "-source", src, "faq/x.md", "X"); code != 0 {
		t.Fatal(stderr)
	}
	return src, filepath.Join(src, "content", "faq", "x.md")
}

// edit rewrites file with f applied to its text.
func edit(t *testing.T, file string, f func(string) string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(f(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
}

const (
	draftLine    = "content/faq/x.md: draft, not published; remove draft: true to publish it\n"
	guidanceLine = ": still has the guidance text of rollout new: replace it with the page's own text (also on lines "
)

// TestCheckListsDrafts: check lists a draft and its guidance text as
// information, after its checks, and succeeds.
func TestCheckListsDrafts(t *testing.T) {
	src, _ := newDraft(t)
	code, stdout, stderr := rollout(t, "check", "-source", src)
	want := draftLine + "content/faq/x.md:8" + guidanceLine + "10, 12 and 14)\n"
	if code != 0 || !strings.HasSuffix(stdout, want) || !strings.Contains(stdout, "every link, anchor and asset is there") {
		t.Errorf("check: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0, and stdout ending in:\n%s", code, stdout, stderr, want)
	}
}

// TestBuildWarnsOfGuidance: every build warns of the guidance text left,
// at its line, in a draft too; not once it is replaced.
func TestBuildWarnsOfGuidance(t *testing.T) {
	src, file := newDraft(t)
	code, _, stderr := rollout(t, "build", "-source", src)
	want := "warning: content/faq/x.md:8" + guidanceLine + "10, 12 and 14)\n"
	if code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("build: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
	edit(t, file, func(s string) string {
		return strings.Replace(s, "## What is the first question?", "## How long does it take?", 1)
	})
	code, _, stderr = rollout(t, "build", "-source", src)
	want = "warning: content/faq/x.md:8" + guidanceLine + "12 and 14)\n"
	if code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("build after one edit: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

// TestPublishNewPage: a page that is no longer a draft but still has the
// guidance text fails check, at its line, as it would tell every reader
// how to write it; with its own text, it is checked, built and published
// without a word.
func TestPublishNewPage(t *testing.T) {
	src, file := newDraft(t)
	edit(t, file, func(s string) string { return strings.Replace(s, "draft: true\n", "", 1) })
	code, stdout, stderr := rollout(t, "check", "-source", src)
	want := "content/faq/x.md:7" + guidanceLine + "9, 11 and 13)\n"
	if code != 1 || stderr != want || strings.Contains(stdout, "draft") {
		t.Errorf("check with guidance left: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 1 and:\n%s", code, stdout, stderr, want)
	}

	edit(t, file, func(s string) string {
		head, _, _ := strings.Cut(strings.TrimPrefix(s, "---\n"), "---\n")
		return "---\n" + head + "---\n\nWhat to expect.\n\n## How long does it take?\n\nAbout an hour.\n"
	})
	code, stdout, stderr = rollout(t, "check", "-source", src)
	if code != 0 || stderr != "" || strings.Contains(stdout, "draft") || strings.Contains(stdout, "guidance") {
		t.Errorf("check of the finished page: exit %d, stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	out := t.TempDir()
	code, _, stderr = rollout(t, "build", "-source", src, "-out", out)
	if code != 0 || strings.Contains(stderr, "warning") {
		t.Errorf("build of the finished page: exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "faq", "x", "index.html")); err != nil {
		t.Errorf("the finished page is not published: %v", err)
	}
}

// TestCheckDraftsInWorkflow: in a workflow, drafts are notices, not
// errors or warnings.
func TestCheckDraftsInWorkflow(t *testing.T) {
	src, _ := newDraft(t)
	code, stderr := inWorkflow(t, src, "check")
	for _, want := range []string{
		"::notice file=content/faq/x.md,title=rollout::draft, not published; remove draft: true to publish it\n",
		"::notice file=content/faq/x.md,line=8,title=rollout::still has the guidance text",
	} {
		if code != 0 || !strings.Contains(stderr, want) {
			t.Errorf("check in a workflow: exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
		}
	}
}
