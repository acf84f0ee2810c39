package site

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPictureRebuild: a rebuild finds what a full build finds about a
// page's picture, whether the page or the picture changed.
func TestPictureRebuild(t *testing.T) {
	picture := func(w, h int) *fstest.MapFile {
		var b bytes.Buffer
		if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
			t.Fatal(err)
		}
		return &fstest.MapFile{Data: b.Bytes()}
	}
	fsys := fixture()
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\n---\nHello.\n")}
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\nimage: /a.png\nimageAlt: A\n---\nA.\n")}
	fsys["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{with .Picture}}{{.URL}} {{.Alt}}{{end}}{{end}}`)}
	fsys["static/a.png"] = picture(1200, 630)
	b, res := firstBuild(t, fsys)
	if have := string(res.Files["a/index.html"]); !strings.Contains(have, "/a.png A") {
		t.Fatalf("a/index.html: %s", have)
	}
	steps := []struct {
		name, path string
		file       *fstest.MapFile // nil removes it
		want       string          // the problem, or "" for none
	}{
		{"picture too small", "static/a.png", picture(1199, 630), "content/a.md:3: image: static/a.png is 1199 x 630 pixels"},
		{"picture large again", "static/a.png", picture(2400, 1260), ""},
		{"picture gone", "static/a.png", nil, "content/a.md:3: image: there is no file static/a.png"},
		{"page names another", "content/a.md", &fstest.MapFile{Data: []byte("---\ntitle: A\nimage: /b.png\nimageAlt: A\n---\nA.\n")}, "content/a.md:3: image: there is no file static/b.png"},
		{"picture there", "static/b.png", picture(1200, 630), ""},
	}
	for _, s := range steps {
		if s.file == nil {
			delete(fsys, s.path)
		} else {
			fsys[s.path] = s.file
		}
		_, err := b.Build([]string{s.path})
		_, full := Build(fsys, Options{})
		if (err == nil) != (full == nil) {
			t.Errorf("%s: rebuild says %v, a full build %v", s.name, err, full)
		}
		switch {
		case s.want == "" && err != nil:
			t.Errorf("%s: %v", s.name, err)
		case s.want != "" && (err == nil || !strings.Contains(err.Error(), s.want)):
			t.Errorf("%s: have %v, want %s", s.name, err, s.want)
		}
	}
}
