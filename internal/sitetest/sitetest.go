// Package sitetest gives tests a site of their own to build: the fixture
// content in testdata/content, which belongs to the tests, with the
// repository's layouts/ and static/, which belong to the tool.
//
// Tests never read the repository's content/: it belongs to the people
// who edit the site, and their next edit must not turn a test red. The
// fixture's text, questions and schedule are fixed, so tests may name them.
package sitetest

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Root is the repository's root folder, which holds layouts/ and static/.
func Root(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("sitetest: cannot find its own source file")
	}
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Copy writes the fixture site into a new temporary folder and returns the
// folder: content/ from the fixture, layouts/ and static/ from the
// repository. The test may change it as it likes.
func Copy(t testing.TB) string {
	t.Helper()
	root := Root(t)
	dst := t.TempDir()
	for dir, from := range map[string]string{
		"content": filepath.Join(root, "internal", "sitetest", "testdata", "content"),
		"layouts": filepath.Join(root, "layouts"),
		"static":  filepath.Join(root, "static"),
	} {
		if err := os.CopyFS(filepath.Join(dst, dir), os.DirFS(from)); err != nil {
			t.Fatalf("sitetest: copying %s: %v", dir, err)
		}
	}
	return dst
}

// CopyTwoLanguages writes the fixture site in two languages, English and
// Spanish, into a new temporary folder and returns it: Copy's site with
// the home page listing both, translations of the home page, the FAQ and
// the schedule's page (not of the other pages), Spanish names for some
// areas and units, and layouts/i18n/es.yaml; all from
// testdata/two-languages.
func CopyTwoLanguages(t testing.TB) string {
	t.Helper()
	dst := Copy(t)
	if err := os.CopyFS(dst, os.DirFS(filepath.Join(Root(t), "internal", "sitetest", "testdata", "two-languages"))); err != nil {
		t.Fatalf("sitetest: copying the translations: %v", err)
	}
	patch(t, filepath.Join(dst, "content", "_index.md"), "date: 2018-03-01\n",
		"date: 2018-03-01\nlanguages:\n  - code: en\n    name: English\n  - code: es\n    name: Español\n")
	patch(t, filepath.Join(dst, "content", "schedule.yaml"), "    - MIT Police\n",
		"    - name: MIT Police\n      translations: {es: Policía del MIT}\n")
	patch(t, filepath.Join(dst, "content", "schedule.yaml"), "          aliases: [HR]\n",
		"          aliases: [HR]\n          translations:\n            es: Recursos Humanos\n")
	return dst
}

// patch replaces the text old, which must be there, with new in file p.
func patch(t testing.TB, p, old, new string) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil || !strings.Contains(string(b), old) {
		t.Fatalf("sitetest: %s has no %q (%v)", p, old, err)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
