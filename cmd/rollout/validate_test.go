package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"rollout/internal/sitetest"
)

// everything is a FAQ page with each kind of Markdown a page may hold, so
// that the validator sees what the Markdown renderer writes, not only the
// layouts.
const everything = `---
title: Everything
description: Every kind of Markdown.
menu: Everything
weight: 90
---

Some *emphasis*, **strong**, ` + "`code`" + `, a [link](/faq/ "With a title"),
an [address](https://example.org/a?b=1&c=2), a line  
break, and an e-mail: <training@mit.edu>.

## A question with a table? {#table}

| Area | Month |
| --- | ---: |
| CSAIL | May 2018 |
| HR & Payroll | June 2018 |

## A question with lists and a quote

1. First
2. Second
   - nested *one*
   - nested two

> A quote, with a [link](/schedule/).

---

### A smaller heading

` + "```" + `
code <block> & more
` + "```" + `

![The rollout calendar](/og.png)
`

// TestHTMLValid runs the Nu Html Checker (vnu, the W3C's validator) on
// every page, stylesheet and SVG of the fixture site, built for a full
// address and for a path, with a page of every kind of Markdown, and the
// two-language site: no errors and no warnings. .ci/run installs Java and the checker (npm's
// vnu-jar); GitHub's runners come with Java.
func TestHTMLValid(t *testing.T) {
	jar := filepath.Join(sitetest.Root(t), ".ci", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	java, err := exec.LookPath("java")
	if err == nil {
		_, err = os.Stat(jar)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the HTML checker cannot run: %v (.ci/run installs Java and, with npm, vnu-jar)", err)
		}
		t.Skip("the HTML checker is not installed; install Java 17 or later and run: npm install --prefix .ci")
	}
	src := copySite(t)
	if err := os.WriteFile(filepath.Join(src, "content", "faq", "everything.md"), []byte(everything), 0o644); err != nil {
		t.Fatal(err)
	}
	two := sitetest.CopyTwoLanguages(t)
	for _, site := range []struct{ name, src, base string }{
		{"full address", src, "https://org.github.io/repo/"},
		{"path", src, "/repo/"},
		{"two languages", two, "https://org.github.io/repo/"},
	} {
		t.Run(site.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if code, _, stderr := rollout(t, "build", "-source", site.src, "-out", out, "-base-url", site.base, "-now", "2018-05-15"); code != 0 {
				t.Fatal(stderr)
			}
			var files []string
			err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				switch filepath.Ext(p) {
				case ".html", ".css", ".svg":
					files = append(files, p)
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(files) < 7 {
				t.Fatalf("only %d files to check: %v", len(files), files)
			}
			cmd := exec.Command(java, append([]string{"-jar", jar, "--also-check-css", "--also-check-svg", "--format", "json", "--stdout", "--exit-zero-always"}, files...)...)
			cmd.Stderr = os.Stderr
			b, err := cmd.Output()
			if err != nil {
				t.Fatalf("vnu: %v", err)
			}
			var report struct {
				Messages []struct {
					Type, SubType, URL, Message, Extract string
					LastLine                             int
				}
			}
			if err := json.Unmarshal(b, &report); err != nil {
				t.Fatalf("vnu's report: %v\n%s", err, b)
			}
			for _, m := range report.Messages {
				if m.Type == "info" && m.SubType != "warning" {
					continue
				}
				name, _ := filepath.Rel(out, strings.TrimPrefix(m.URL, "file:"))
				t.Errorf("%s:%d: %s: %s (in %q)", name, m.LastLine, strings.TrimSpace(m.Type+" "+m.SubType), m.Message, m.Extract)
			}
		})
	}
}
