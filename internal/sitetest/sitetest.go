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
