package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestBuildFailsOnBrokenLink: a link to a page that is not there, or to an
// anchor a page does not have, fails build at its Markdown line, and the
// output folder stays exactly as the last good build left it.
func TestBuildFailsOnBrokenLink(t *testing.T) {
	src := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := rollout(t, "build", "-source", src, "-out", out); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	before := readTree(out)
	page := filepath.Join(src, "content", "learn-more.md")
	text, _ := os.ReadFile(page)
	lines := strings.Count(string(text), "\n")
	write(t, page, string(text)+"\nSee [the steps](/steps/) and [the process](/faq/#the-process).\n")
	code, _, stderr := rollout(t, "build", "-source", src, "-out", out)
	want := strings.Join([]string{
		"content/learn-more.md:" + itoa(lines+2) + ": link to /steps/ goes nowhere: there is no page or file at that address",
		"content/learn-more.md:" + itoa(lines+2) + ": link to /faq/#the-process: /faq/ has no #the-process on it",
	}, "\n")
	if code != 1 || strings.TrimSpace(stderr) != want {
		t.Errorf("build: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	if d := readTree(out).diff(before); d != "" {
		t.Errorf("a failed build changed the output folder: %s", d)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestWatchReportsLinksAndWarnings: watch fails a save with a broken link
// as build does, naming its line, and keeps the last good build; it prints
// the site's warnings, all of them, when they change, and not again while
// they stay the same.
func TestWatchReportsLinksAndWarnings(t *testing.T) {
	src := copySite(t)
	out := filepath.Join(t.TempDir(), "public")
	stdout, stderr := startWatch(t, "watch", "-source", src, "-out", out)
	if !eventually(10*time.Second, func() bool { return strings.Contains(stdout.String(), "changed") }) {
		t.Fatalf("no first build within 10s: %s %s", stdout, stderr)
	}
	page := filepath.Join(src, "content", "learn-more.md")
	text, _ := os.ReadFile(page)
	lines := strings.Count(string(text), "\n")

	write(t, page, string(text)+"\nSee [the steps](/steps/).\n")
	want := "content/learn-more.md:" + itoa(lines+2) + ": link to /steps/ goes nowhere: there is no page or file at that address\n" + out + " keeps the last good build"
	if !eventually(10*time.Second, func() bool { return strings.Contains(stderr.String(), want) }) {
		t.Fatalf("no error for the broken link within 10s; stderr:\n%s", stderr)
	}

	// Two warnings, on two pages: both listed, in order of file and line.
	write(t, page, string(text)+"\n<div>raw</div>\n")
	faq := filepath.Join(src, "content", "faq", "_index.md")
	faqText, _ := os.ReadFile(faq)
	write(t, faq, string(faqText)+"\n<p>raw</p>\n")
	warnFAQ := "warning: content/faq/_index.md:" + itoa(strings.Count(string(faqText), "\n")+2) + ": raw HTML is not published"
	warnPage := "warning: content/learn-more.md:" + itoa(lines+2) + ": raw HTML is not published"
	if !eventually(10*time.Second, func() bool {
		s := stderr.String()
		i := strings.LastIndex(s, warnFAQ)
		return i >= 0 && strings.Contains(s[i:], warnPage)
	}) {
		t.Fatalf("no list of both warnings within 10s; stderr:\n%s", stderr)
	}
	// A save that changes no warning prints none.
	printed := strings.Count(stderr.String(), warnPage)
	n := strings.Count(stdout.String(), "\n")
	write(t, page, string(text)+"\nMore text.\n\n<div>raw</div>\n")
	warnMoved := "warning: content/learn-more.md:" + itoa(lines+4) + ": raw HTML is not published"
	if !eventually(10*time.Second, func() bool {
		return strings.Contains(stderr.String(), warnMoved) && strings.Count(stdout.String(), "\n") > n
	}) {
		t.Fatalf("the warning's new line was not printed within 10s; stderr:\n%s", stderr)
	}
	n = strings.Count(stdout.String(), "\n")
	write(t, page, string(text)+"\nMore words.\n\n<div>raw</div>\n")
	if !eventually(10*time.Second, func() bool { return strings.Count(stdout.String(), "\n") > n }) {
		t.Fatalf("no rebuild within 10s; stdout:\n%s", stdout)
	}
	if c := strings.Count(stderr.String(), warnMoved); c != 1 || strings.Count(stderr.String(), warnPage) != printed {
		t.Errorf("the same warnings were printed again; stderr:\n%s", stderr)
	}
	write(t, page, string(text))
	write(t, faq, string(faqText))
	if !eventually(10*time.Second, func() bool { return strings.HasSuffix(stderr.String(), "no warnings now\n") }) {
		t.Fatalf("no word that the warnings are gone within 10s; stderr:\n%s", stderr)
	}
}
