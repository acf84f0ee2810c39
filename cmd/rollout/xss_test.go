package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rollout/internal/browsertest"
)

// TestNoAuthorScriptRuns puts script payloads in Markdown, front matter and
// the schedule, builds and minifies the site, and checks in Chromium that
// none of them runs and no link can run script.
func TestNoAuthorScriptRuns(t *testing.T) {
	ctx := browsertest.New(t)
	src := copySite(t)
	const run = "window.__pwned=1"
	payloads := filepath.Join(src, "content", "faq", "payloads.md")
	write(t, payloads, `---
title: "</title><script>`+run+`</script>"
description: "\"><script>`+run+`</script><meta x=\""
menu: "<img src=x onerror=`+run+`>"
weight: 99
---

<script>`+run+`</script>

<img src=x onerror="`+run+`">

<a href="javascript:`+run+`">raw link</a>

[a](javascript:`+run+`) [b](JaVaScRiPt:`+run+`) [c](&#106;avascript:`+run+`)
[d](java%0Ascript:`+run+`) [e](data:text/html,<script>`+run+`</script>)
[f](vbscript:`+run+`) <javascript:`+run+`> [g]( javascript:`+run+`)

![i](javascript:`+run+`)

## </script><script>`+run+`</script> is this a question?

An answer with </script><script>`+run+`</script> in it and "quotes" and <!-- comments -->.
`)
	sched := filepath.Join(src, "content", "schedule.yaml")
	b, _ := os.ReadFile(sched)
	write(t, sched, string(b)+`
- month: 2018-06
  heading: "</h3><script>`+run+`</script>"
  note: "</script><script>`+run+`</script>"
  areas:
    - "<script>`+run+`</script>"
    - name: "\"><img src=x onerror=`+run+`>"
      includes: ["' onmouseover='`+run+`", "</script><script>`+run+`</script>"]
      note: "javascript:`+run+`"
`)
	out := filepath.Join(t.TempDir(), "public")
	// Two of the links go nowhere, or are no address: the build refuses
	// them. Without them, it publishes the rest.
	code, _, stderr := rollout(t, "build", "-source", src, "-out", out, "-now", "2018-03-15")
	for _, w := range []string{
		"content/faq/payloads.md: link to /faq/payloads/javascript:window.__pwned=1 goes nowhere",
		`content/faq/payloads.md:15: link "java%0Ascript:window.__pwned=1" is not a valid address`,
	} {
		if code != 1 || !strings.Contains(stderr, w) {
			t.Errorf("build: exit %d, want 1 and %q in:\n%s", code, w, stderr)
		}
	}
	text, _ := os.ReadFile(payloads)
	write(t, payloads, strings.NewReplacer("[c](&#106;avascript:"+run+")", "", "[d](java%0Ascript:"+run+")", "").Replace(string(text)))
	code, _, stderr = rollout(t, "build", "-source", src, "-out", out, "-now", "2018-03-15")
	if code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	if n := strings.Count(stderr, "payloads.md:22:"); n != 1 {
		t.Errorf("%d warnings for line 22, want one per line", n)
	}
	for _, w := range []string{"content/faq/payloads.md:8: raw HTML is not published", "content/faq/payloads.md:10: raw HTML is not published", "content/faq/payloads.md:12: raw HTML is not published"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("no warning %q in:\n%s", w, stderr)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	for _, page := range []string{"/", "/faq/", "/faq/payloads/", "/schedule/", "/learn-more/", "/404.html"} {
		var pwned bool
		var badLinks []string
		var title string
		err := chromedp.Run(ctx,
			chromedp.Navigate(srv.URL+page),
			chromedp.Sleep(100*time.Millisecond),
			chromedp.Evaluate(`!!window.__pwned`, &pwned),
			chromedp.Evaluate(`[...document.querySelectorAll("[href],[src],[action],[formaction]")].map(e => e.href || e.src || e.action || "").filter(u => /^(javascript|vbscript|data):/i.test(u.trim()))`, &badLinks),
			chromedp.Title(&title),
		)
		if err != nil {
			t.Fatal(err)
		}
		if pwned {
			t.Errorf("%s: an author's script ran", page)
		}
		if len(badLinks) > 0 {
			t.Errorf("%s: links that could run script: %q", page, badLinks)
		}
		if page == "/faq/payloads/" && !strings.HasPrefix(title, "</title><script>") {
			t.Errorf("the title was not kept as text: %q", title)
		}
	}
	// Typing a payload into the finder shows it as text.
	var pwned bool
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.WaitVisible("#find", chromedp.ByID),
		chromedp.SendKeys("#find", `<img src=x onerror=`+run+`>`, chromedp.ByID),
		chromedp.Sleep(100*time.Millisecond),
		chromedp.Evaluate(`!!window.__pwned`, &pwned),
	); err != nil {
		t.Fatal(err)
	}
	if pwned {
		t.Errorf("a search for a payload ran it")
	}
}
