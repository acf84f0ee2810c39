package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"rollout/internal/browsertest"
)

// serveURL starts rollout serve on a free port and returns its address.
func serveURL(t *testing.T, src string) string {
	t.Helper()
	stdout, _ := startWatch(t, "serve", "-source", src, "-port", "0", "-now", "2018-03-15")
	re := regexp.MustCompile(`serving on (http://\S+)`)
	var m []string
	if !eventually(10*time.Second, func() bool {
		m = re.FindStringSubmatch(stdout.String())
		return m != nil && strings.Contains(stdout.String(), "changed")
	}) {
		t.Fatalf("serve did not start and build within 10s: %s", stdout)
	}
	return m[1]
}

// TestLiveReload opens a served page, saves a change to its Markdown, and
// sees the page update with no action in the browser; then a broken save
// shows an error over the page, and the fix clears it.
func TestLiveReload(t *testing.T) {
	ctx := browsertest.New(t)
	src := copySite(t)
	url := serveURL(t, src)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	var h1 string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(url+"learn-more/"),
		chromedp.Text("h1", &h1),
	); err != nil {
		t.Fatal(err)
	}
	if h1 != "Learn More" {
		t.Fatalf("h1 %q", h1)
	}
	// The page connects to the events endpoint once it has loaded; a save
	// made before that is not seen, so save again until the page follows.
	page := filepath.Join(src, "content", "learn-more.md")
	b, _ := os.ReadFile(page)
	reloaded := false
	for try := 0; try < 5 && !reloaded; try++ {
		os.WriteFile(page, []byte(strings.Replace(string(b), "title: Learn More", fmt.Sprintf("title: Learn More %d", try), 1)), 0o644)
		wctx, wcancel := context.WithTimeout(ctx, 3*time.Second)
		reloaded = chromedp.Run(wctx, chromedp.WaitVisible(fmt.Sprintf(`//h1[text()="Learn More %d"]`, try), chromedp.BySearch)) == nil
		wcancel()
	}
	if !reloaded {
		t.Fatalf("the page did not reload after five saves")
	}

	os.WriteFile(page, []byte("---\ntitle: Broken: page\n---\n"), 0o644)
	var overlay string
	if err := chromedp.Run(ctx,
		chromedp.WaitVisible("#rollout-error", chromedp.ByID),
		chromedp.Text("#rollout-error", &overlay, chromedp.ByID),
	); err != nil {
		t.Fatalf("no error shown over the page: %v", err)
	}
	if !strings.Contains(overlay, `content/learn-more.md:2: the value of "title" contains ": "`) {
		t.Errorf("overlay says %q", overlay)
	}
	os.WriteFile(page, b, 0o644)
	if err := chromedp.Run(ctx,
		chromedp.WaitVisible(`//h1[text()="Learn More"]`, chromedp.BySearch),
		chromedp.WaitNotPresent("#rollout-error", chromedp.ByID),
	); err != nil {
		t.Fatalf("the fix did not clear the error: %v", err)
	}
}

// TestServeWarnsOffLoopback: serving on an address other machines can reach
// says so.
func TestServeWarnsOffLoopback(t *testing.T) {
	src := copySite(t)
	_, stderr := startWatch(t, "serve", "-source", src, "-port", "0", "-bind", "0.0.0.0")
	if !eventually(5*time.Second, func() bool {
		return strings.Contains(stderr.String(), "warning: serving on 0.0.0.0, which other machines can reach")
	}) {
		t.Fatalf("no warning within 5s; stderr: %s", stderr)
	}
	// The warning comes before "serving on": once that is out, a warning
	// would have been too.
	stdout, stderr := startWatch(t, "serve", "-source", copySite(t), "-port", "0")
	if !eventually(5*time.Second, func() bool { return strings.Contains(stdout.String(), "serving on ") }) {
		t.Fatalf("serve did not start within 5s; stdout: %s", stdout)
	}
	if strings.Contains(stderr.String(), "warning") {
		t.Errorf("a warning on loopback: %s", stderr)
	}
}

// TestWarningsNotice: a save with a warning lists it, as path:line and
// advice, in a notice at the bottom of the open page that moves nothing
// on it; Dismiss takes it away, and so does a save without the warning.
func TestWarningsNotice(t *testing.T) {
	ctx := browsertest.New(t)
	src := copySite(t)
	url := serveURL(t, src)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	var top float64
	if err := chromedp.Run(ctx,
		chromedp.Navigate(url+"learn-more/"),
		chromedp.WaitVisible("h1", chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector("h1").getBoundingClientRect().top`, &top),
	); err != nil {
		t.Fatal(err)
	}
	const notice = `(()=>{const h=document.getElementById("rollout-warnings");const r=h&&h.shadowRoot;const x=r&&r.querySelector("section");return x?h.getAttribute("role")+" "+h.getAttribute("aria-live")+" | "+[...x.querySelectorAll("li")].map(l=>l.textContent).join(" / ")+" | "+x.querySelector("button").textContent:""})()`
	page := filepath.Join(src, "content", "learn-more.md")
	b, _ := os.ReadFile(page)
	write(t, page, string(b)+"\n<div>raw</div>\n")
	line := strings.Count(string(b)+"\n", "\n") + 1
	want := fmt.Sprintf("status polite | content/learn-more.md:%d: raw HTML is not published; write it in Markdown instead | Dismiss", line)
	var have string
	if err := chromedp.Run(ctx, chromedp.Poll(notice+`!==""`, nil, chromedp.WithPollingTimeout(10*time.Second)), chromedp.Evaluate(notice, &have)); err != nil {
		t.Fatalf("no notice of the warning: %v", err)
	}
	if have != want {
		t.Errorf("notice:\n%s\nwant:\n%s", have, want)
	}
	var after float64
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector("h1").getBoundingClientRect().top`, &after)); err != nil || after != top {
		t.Errorf("the page's heading moved from %v to %v with the notice (%v)", top, after, err)
	}

	// Dismissed with its button, by keyboard.
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.getElementById("rollout-warnings").shadowRoot.querySelector("button").focus()`, nil),
		chromedp.KeyEvent("\r"),
		chromedp.Poll(notice+`===""`, nil, chromedp.WithPollingTimeout(5*time.Second)),
	); err != nil {
		t.Fatalf("Dismiss did not take the notice away: %v", err)
	}

	// Another warning shows again; a save without warnings takes it away.
	write(t, page, string(b)+"\n<div>raw</div>\n\n<p>more</p>\n")
	if err := chromedp.Run(ctx, chromedp.Poll(notice+`.includes(" / ")`, nil, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no notice of the new warnings: %v", err)
	}
	write(t, page, string(b))
	if err := chromedp.Run(ctx, chromedp.Poll(notice+`===""`, nil, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the notice stayed after the warnings went: %v", err)
	}
}
