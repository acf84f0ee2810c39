package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rollout/internal/frontmatter"
	"rollout/internal/markdown"
	"rollout/internal/sitegen"
	"rollout/internal/sitetest"
)

// benchSite writes a synthetic site of n pages once per benchmark run.
func benchSite(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	if err := sitegen.Write(dir, sitetest.Root(b), n, false); err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "rollout")
}

// BenchmarkBuild is a cold build of a whole site in memory, without writing.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			fsys := os.DirFS(benchSite(b, n))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Build(fsys, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkColdBuild is a cold build as rollout build makes it (BuildTo), each file
// handed on as soon as it is made, and dropped here.
func BenchmarkColdBuild(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) {
			fsys := os.DirFS(benchSite(b, n))
			b.ReportAllocs()
			for b.Loop() {
				builder, err := NewBuilder(fsys, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := builder.BuildTo(func(string, []byte) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuildOnePage is a watch-mode rebuild after one page's body changed.
func BenchmarkRebuildOnePage(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("pages=%d", n), func(b *testing.B) { benchRebuild(b, n) })
	}
}

// BenchmarkRebuildNewAnchor is a watch-mode rebuild after one page's
// question got another anchor: every page's links are looked up again.
func BenchmarkRebuildNewAnchor(b *testing.B) {
	b.Run("pages=10000", func(b *testing.B) {
		benchRebuildWith(b, 10000, func(i int) string {
			return strings.Replace(sitegen.Page(500, 10000), "{#q5}", fmt.Sprintf("{#q5-%d}", i), 1)
		})
	})
}

func benchRebuild(b *testing.B, n int) {
	benchRebuildWith(b, n, func(i int) string { return sitegen.Page(500, n) + fmt.Sprintf("\nEdit %d.\n", i) })
}

// benchRebuildWith times rebuilds after writing edit(i) to page 500, i
// counting from 1.
func benchRebuildWith(b *testing.B, n int, edit func(i int) string) {
	dir := benchSite(b, n)
	builder, err := NewBuilder(os.DirFS(dir), Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := builder.Build(nil); err != nil {
		b.Fatal(err)
	}
	page := filepath.Join(dir, "content", "faq", "p00500.md")
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		i++
		if err := os.WriteFile(page, []byte(edit(i)), 0o644); err != nil {
			b.Fatal(err)
		}
		if _, err := builder.Build([]string{"content/faq/p00500.md"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanOutput is the link check's scan of one built FAQ page.
func BenchmarkScanOutput(b *testing.B) {
	builder, err := NewBuilder(os.DirFS(benchSite(b, 100)), Options{})
	if err != nil {
		b.Fatal(err)
	}
	res, err := builder.Build(nil)
	if err != nil {
		b.Fatal(err)
	}
	p := builder.site.byURL["/faq/p00050/"]
	page, schema := res.Files[p.Out], p.FAQSchema()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		scanOutput(p, page, schema)
	}
}

// The per-page pipeline, step by step.
func BenchmarkPage(b *testing.B) {
	src := []byte(sitegen.Page(1, 1000))
	md := markdown.New()
	b.Run("frontmatter", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, _, _, err := frontmatter.Parse("p.md", src); err != nil {
				b.Fatal(err)
			}
		}
	})
	_, body, line, _ := frontmatter.Parse("p.md", src)
	b.Run("markdown", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, err := md.Convert("p.md", "/p/", body, line, "/", nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	// A page with an e-mail address is converted with Linkify.
	withAddress := append(slices.Clip(body), "\nWrite to training@mit.edu.\n"...)
	b.Run("markdown-with-address", func(b *testing.B) {
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			if _, err := md.Convert("p.md", "/p/", withAddress, line, "/", nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("render+minify", func(b *testing.B) {
		builder, err := NewBuilder(os.DirFS(sitetest.Copy(b)), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := builder.Build(nil); err != nil {
			b.Fatal(err)
		}
		s, err := builder.assemble()
		if err != nil {
			b.Fatal(err)
		}
		p, _, err := builder.loadPage("content/faq/p.md", src)
		if err != nil {
			b.Fatal(err)
		}
		p.site = s
		b.SetBytes(int64(len(src)))
		for b.Loop() {
			var out bytes.Buffer
			if _, err := builder.render(s, p, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
}
