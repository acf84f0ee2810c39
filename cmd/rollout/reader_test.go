package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"rollout/internal/browsertest"
	"rollout/internal/sitetest"
)

// publishedSite builds the fixture site as the Pages workflow does, for the
// schedule's state on 2018-03-15, and serves it.
func publishedSite(t *testing.T) (url, out string) {
	t.Helper()
	out = filepath.Join(t.TempDir(), "public")
	if code, _, stderr := rollout(t, "build", "-source", copySite(t), "-out", out, "-now", "2018-03-15"); code != 0 {
		t.Fatal(stderr)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return srv.URL, out
}

// axeSource is axe-core's script, which .ci/run installs with npm.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sitetest.Root(t), ".ci", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("axe-core is not installed: %v (.ci/run installs it with npm)", err)
		}
		t.Skip("axe-core is not installed; run: npm install --prefix .ci")
	}
	return string(b)
}

func evalAsync(expr string, res any) chromedp.Action {
	return chromedp.Evaluate(expr, res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })
}

// TestAccessibility runs axe-core, WCAG 2.1 A and AA and best practices, on
// every page in light and dark colour schemes.
func TestAccessibility(t *testing.T) {
	ctx := browsertest.New(t)
	axe := axeSource(t)
	url, _ := publishedSite(t)
	for _, scheme := range []string{"light", "dark"} {
		for _, page := range []string{"/", "/faq/", "/schedule/", "/learn-more/", "/404.html"} {
			t.Run(scheme+page, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
				defer cancel()
				var violations []struct {
					ID, Help string
					Nodes    []struct{ Target []any }
				}
				err := chromedp.Run(ctx,
					emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}),
					chromedp.Navigate(url+page),
					chromedp.Evaluate(axe, nil),
					evalAsync(`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}).then(r => r.violations)`, &violations),
				)
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range violations {
					var where []string
					for _, n := range v.Nodes {
						where = append(where, fmt.Sprint(n.Target...))
					}
					t.Errorf("%s: %s (%s)", v.ID, v.Help, strings.Join(where, "; "))
				}
			})
		}
	}
}

// visibleAreas returns the schedule's areas that show, each with the
// heading of its wave.
const visibleAreas = `[...document.querySelectorAll(".schedule li")].filter(li => li.offsetParent !== null).map(li => li.closest("section").querySelector("h3").firstChild.textContent.trim() + " | " + li.textContent)`

// clearFinder empties the search box, as selecting its text and deleting it would.
const clearFinder = `(() => { const i = document.getElementById("find"); i.value = ""; i.dispatchEvent(new Event("input")); })()`

func TestFindYourArea(t *testing.T) {
	ctx := browsertest.New(t)
	url, _ := publishedSite(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	var all []string
	if err := chromedp.Run(ctx, chromedp.Navigate(url+"/"), chromedp.WaitVisible("#find", chromedp.ByID), chromedp.Evaluate(visibleAreas, &all)); err != nil {
		t.Fatal(err)
	}
	if len(all) != 30 {
		t.Fatalf("%d areas show before searching, want 30 (29 in waves and Lincoln Laboratory)", len(all))
	}
	tests := []struct {
		query  string
		areas  string // the areas that show, with their wave, joined by "\n"
		result string // what the live region says
	}{
		{"CSAIL", "May 2018 | Office of the VP for Research (includes Office of the VP of Research, VPR, CSAIL, Computer Science and Artificial Intelligence Laboratory)Includes the labs and centers that report to the VP for Research, such as CSAIL.", "1 area matches “CSAIL”"},
		{"police", "February 2018: Staff rollout begins | MIT Police", "1 area matches “police”"},
		{"  POLICE  ", "February 2018: Staff rollout begins | MIT Police", "1 area matches “POLICE”"},
		{"cognitive BRAIN sciénce", "March 2018 | School of Science (includes Biology, Brain and Cognitive Sciences, Chemistry, Earth, Atmospheric and Planetary Sciences, Mathematics, Physics)", "1 area matches"},
		{"chem", "March 2018 | School of Science (includes Biology, Brain and Cognitive Sciences, Chemistry, Earth, Atmospheric and Planetary Sciences, Mathematics, Physics)\nMarch 2018 | School of Engineering (includes Aeronautics and Astronautics, Biological Engineering, Chemical Engineering, Civil and Environmental Engineering, Electrical Engineering and Computer Science, EECS, Materials Science and Engineering, Mechanical Engineering, Nuclear Science and Engineering)", "2 areas match “chem”"},
		{"engineering school", "March 2018 | School of Engineering (includes Aeronautics and Astronautics, Biological Engineering, Chemical Engineering, Civil and Environmental Engineering, Electrical Engineering and Computer Science, EECS, Materials Science and Engineering, Mechanical Engineering, Nuclear Science and Engineering)", "1 area matches"},
		{"Lincoln", "Separate rollouts | Lincoln Laboratory: Lincoln Laboratory is conducting a separate rollout. You will hear from Lincoln Lab administration regarding this process.", "1 area matches “Lincoln”"},
		{"treasurer", "February 2018: Staff rollout begins | Office of the Executive Vice President & Treasurer\nMay 2018 | Office of the Treasurer", "2 areas match “treasurer”"},
		{"department of nothing", "", "No area matches “department of nothing”. This schedule lists broader areas and schools, not departments: try your school or area. If your area is not listed, write to training@mit.edu."},
	}
	for _, tt := range tests {
		var areas []string
		var result, mailto string
		err := chromedp.Run(ctx,
			chromedp.Evaluate(clearFinder, nil),
			chromedp.SendKeys("#find", tt.query, chromedp.ByID),
			chromedp.Evaluate(visibleAreas, &areas),
			chromedp.Text("#find-result", &result, chromedp.ByID),
			chromedp.Evaluate(`(document.querySelector("#find-result a") || {}).href || ""`, &mailto),
		)
		if err != nil {
			t.Fatal(err)
		}
		if have := strings.Join(areas, "\n"); have != tt.areas {
			t.Errorf("%q shows:\n%s\nwant:\n%s", tt.query, have, tt.areas)
		}
		if !strings.HasPrefix(result, tt.result) {
			t.Errorf("%q: the live region says %q, want %q", tt.query, result, tt.result)
		}
		if strings.HasPrefix(tt.result, "No area") && mailto != "mailto:training@mit.edu" {
			t.Errorf("%q: no contact link (have %q)", tt.query, mailto)
		}
	}
	var live string
	var areas []string
	if err := chromedp.Run(ctx,
		chromedp.AttributeValue("#find-result", "aria-live", &live, nil, chromedp.ByID),
		chromedp.Evaluate(clearFinder, nil),
		chromedp.SendKeys("#find", "x\b", chromedp.ByID), // type and erase: the box is empty
		chromedp.Evaluate(visibleAreas, &areas),
	); err != nil {
		t.Fatal(err)
	}
	if live != "polite" {
		t.Errorf("the result is not announced: aria-live=%q", live)
	}
	if len(areas) != len(all) {
		t.Errorf("an empty box shows %d areas, want all %d", len(areas), len(all))
	}
	// Printed, the page shows the whole schedule even while a search is
	// on screen, and no search box.
	var finderShown bool
	if err := chromedp.Run(ctx,
		chromedp.SendKeys("#find", "police", chromedp.ByID),
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(visibleAreas, &areas),
		chromedp.Evaluate(`document.getElementById("finder").offsetParent !== null`, &finderShown),
	); err != nil {
		t.Fatal(err)
	}
	if len(areas) != len(all) || finderShown {
		t.Errorf("printed: %d areas show (want %d), finder shown: %v", len(areas), len(all), finderShown)
	}
}

func TestWithoutJavaScript(t *testing.T) {
	ctx := browsertest.New(t)
	url, _ := publishedSite(t)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	var areas []string
	var finderShown bool
	if err := chromedp.Run(ctx,
		emulation.SetScriptExecutionDisabled(true),
		chromedp.Navigate(url+"/"),
		chromedp.WaitReady("body", chromedp.ByQuery),
		chromedp.Evaluate(`0`, nil), // evaluation still works for the test itself
	); err != nil {
		t.Fatal(err)
	}
	// With scripts disabled the page's own script did not run; read the
	// page through the DOM from the test.
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(visibleAreas, &areas),
		chromedp.Evaluate(`document.getElementById("finder").offsetParent !== null`, &finderShown),
	); err != nil {
		t.Fatal(err)
	}
	if finderShown {
		t.Errorf("the finder shows without JavaScript, where it cannot work")
	}
	if len(areas) != 30 {
		t.Errorf("%d areas show without JavaScript, want all 30", len(areas))
	}
}

// TestNarrowAndZoomed checks that no page scrolls sideways on a 320 px
// phone, or at 200% zoom of a 1280 px window.
func TestNarrowAndZoomed(t *testing.T) {
	ctx := browsertest.New(t)
	url, _ := publishedSite(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	for _, vp := range []struct {
		name          string
		width, height int64
		scale         float64
	}{{"320px phone", 320, 640, 1}, {"200% zoom", 640, 400, 2}} {
		for _, page := range []string{"/", "/faq/", "/schedule/", "/learn-more/", "/404.html"} {
			var wide bool
			var sw, cw int
			if err := chromedp.Run(ctx,
				chromedp.EmulateViewport(vp.width, vp.height, chromedp.EmulateScale(vp.scale)),
				chromedp.Navigate(url+page),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &sw),
				chromedp.Evaluate(`document.documentElement.clientWidth`, &cw),
				chromedp.Evaluate(`document.documentElement.scrollWidth > document.documentElement.clientWidth`, &wide),
			); err != nil {
				t.Fatal(err)
			}
			if wide {
				t.Errorf("%s %s scrolls sideways: %d px of content in %d", vp.name, page, sw, cw)
			}
		}
	}
}

// TestWeightBudget keeps the home page within one round trip: its HTML,
// CSS and JS at most 14 KB gzipped, no web fonts, nothing from other sites.
func TestWeightBudget(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := rollout(t, "build", "-source", copySite(t), "-out", out, "-base-url", "https://org.github.io/repo/"); code != 0 {
		t.Fatal(stderr)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	total := gzipSize(home)
	sub := regexp.MustCompile(`<(?:link rel=stylesheet|script)[^>]*?(?:href|src)=([^\s>]+)`)
	assets := sub.FindAllSubmatch(home, -1)
	if len(assets) != 2 {
		t.Errorf("the home page loads %d stylesheets and scripts, want 2", len(assets))
	}
	for _, m := range assets {
		ref := strings.Trim(string(m[1]), `"'`)
		if !strings.HasPrefix(ref, "/repo/") {
			t.Errorf("the home page loads %s, which is not on the site", ref)
			continue
		}
		if !regexp.MustCompile(`\.[0-9a-f]{10}\.(css|js)$`).MatchString(ref) {
			t.Errorf("%s has no content hash in its name", ref)
		}
		b, err := os.ReadFile(filepath.Join(out, strings.TrimPrefix(ref, "/repo/")))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("@font-face")) || bytes.Contains(b, []byte("@import")) {
			t.Errorf("%s loads fonts or other stylesheets", ref)
		}
		total += gzipSize(b)
	}
	// Nothing that a browser fetches points at another site.
	for _, m := range regexp.MustCompile(`(?:src|srcset)=([^\s>]+)`).FindAllSubmatch(home, -1) {
		if ref := strings.Trim(string(m[1]), `"'`); strings.Contains(ref, "//") {
			t.Errorf("the home page fetches %s", ref)
		}
	}
	t.Logf("home page HTML + CSS + JS: %d bytes gzipped", total)
	if total > 14*1024 {
		t.Errorf("home page HTML + CSS + JS is %d bytes gzipped, over the 14 KB budget", total)
	}
}

func gzipSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// TestFAQStructure checks the FAQ page's anchors, table of contents and
// JSON-LD, which must hold every question and answer of the Markdown.
func TestFAQStructure(t *testing.T) {
	_, out := publishedSite(t)
	b, err := os.ReadFile(filepath.Join(out, "faq", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	m := regexp.MustCompile(`<script type=application/ld\+json>(.*?)</script>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no JSON-LD on /faq/")
	}
	var ld struct {
		Context    string `json:"@context"`
		Type       string `json:"@type"`
		MainEntity []struct {
			Type   string `json:"@type"`
			Name   string `json:"name"`
			Answer struct {
				Type string `json:"@type"`
				Text string `json:"text"`
			} `json:"acceptedAnswer"`
		} `json:"mainEntity"`
	}
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, m[1])
	}
	if ld.Context != "https://schema.org" || ld.Type != "FAQPage" || len(ld.MainEntity) != len(fixtureQuestions) {
		t.Fatalf("JSON-LD: %+v", ld)
	}
	for i, q := range ld.MainEntity {
		if q.Name != fixtureQuestions[i] || q.Type != "Question" || q.Answer.Type != "Answer" || q.Answer.Text == "" {
			t.Errorf("question %d: %+v", i, q)
		}
	}
	if !strings.Contains(ld.MainEntity[3].Answer.Text, "mailto:training@mit.edu") {
		t.Errorf("the last answer lacks the contact link: %s", ld.MainEntity[3].Answer.Text)
	}
	for _, id := range []string{"what-is-the-process", "why-will-some-areas-receive-access-before-others", "for-each-month-of-the-rollout-is-access-provided-on-the-1st-of-the-month", "what-if-i-dont-see-my-area-listed"} {
		if !strings.Contains(page, "<h2 id="+id+"><a class=self href=#"+id+">") {
			t.Errorf("/faq/ has no linked heading #%s", id)
		}
		if !strings.Contains(page, `<li><a href=#`+id+`>`) {
			t.Errorf("/faq/'s table of contents lacks #%s", id)
		}
	}
}

func TestScheduleFiles(t *testing.T) {
	_, out := publishedSite(t)
	ics, err := os.ReadFile(filepath.Join(out, "schedule.ics"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Count(ics, []byte("BEGIN:VEVENT\r\n")) != 5 || !bytes.HasPrefix(ics, []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")) {
		t.Errorf("schedule.ics:\n%s", ics)
	}
	for _, line := range bytes.Split(ics, []byte("\r\n")) {
		if len(line) > 75 || bytes.Contains(line, []byte("\n")) {
			t.Errorf("schedule.ics line of %d octets or a bare LF: %q", len(line), line)
		}
	}
	var data struct {
		Waves []struct {
			Label, Status string
			Areas         []struct{ Name string }
		}
		Separate []struct{ Name, Note string }
	}
	b, _ := os.ReadFile(filepath.Join(out, "schedule.json"))
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, w := range data.Waves {
		n += len(w.Areas)
	}
	if len(data.Waves) != 5 || n != 29 || data.Waves[2].Status != "releasing" || data.Waves[0].Status != "released" || data.Waves[4].Status != "upcoming" || len(data.Separate) != 1 {
		t.Errorf("schedule.json: %s", b)
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	for _, link := range []string{"href=/schedule.ics", "href=/schedule.json"} {
		if !bytes.Contains(home, []byte(link)) {
			t.Errorf("the home page does not link %s", link)
		}
	}
}
