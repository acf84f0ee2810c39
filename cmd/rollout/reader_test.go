package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

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

// finderAnswers returns the finder's answer sentences, one a line.
const finderAnswers = `[...document.querySelectorAll("#find-result .answer")].map(a => a.textContent).join("\n")`

// layoutShift resolves to the page's cumulative layout shift so far, not
// counting shifts that follow the reader's input.
const layoutShift = `new Promise(resolve => {
	let cls = 0;
	const add = (entries) => { for (const e of entries) if (!e.hadRecentInput) cls += e.value; };
	const po = new PerformanceObserver((list) => add(list.getEntries()));
	po.observe({type: "layout-shift", buffered: true});
	requestAnimationFrame(() => requestAnimationFrame(() => { add(po.takeRecords()); po.disconnect(); resolve(cls); }));
})`

// finderPlace is where the finder and what follows it are on the page.
const finderPlace = `JSON.stringify(["#finder", "#find", "#find-result", "h1", ".schedule", "footer"].map(s => { const r = document.querySelector(s).getBoundingClientRect(); return [s, r.top, r.left, r.width, r.height]; }))`

// TestFindYourArea: the finder comes first, above the fold of a 375x667
// phone, and answers in one sentence how staff name their area: filler
// words, case, accents and punctuation aside, by alias or acronym, with
// one typo in a long word. It moves nothing as its script starts, is
// announced, and works by keyboard alone.
func TestFindYourArea(t *testing.T) {
	ctx := browsertest.New(t)
	url, out := publishedSite(t)
	// The same site without the finder's script: the page as it is before
	// the script runs.
	noScript := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "finder") && strings.HasSuffix(r.URL.Path, ".js") {
			http.NotFound(w, r)
			return
		}
		http.FileServer(http.Dir(out)).ServeHTTP(w, r)
	}))
	t.Cleanup(noScript.Close)
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(375, 667)); err != nil {
		t.Fatal(err)
	}

	for _, page := range []string{"/", "/schedule/"} {
		var bottom, scrollY, cls float64
		var before, after string
		err := chromedp.Run(ctx,
			chromedp.Navigate(noScript.URL+page),
			chromedp.Evaluate(finderPlace, &before),
			chromedp.Navigate(url+page),
			chromedp.WaitVisible("#find", chromedp.ByID),
			chromedp.Evaluate(finderPlace, &after),
			chromedp.Evaluate(`document.getElementById("finder").getBoundingClientRect().bottom`, &bottom),
			chromedp.Evaluate(`window.scrollY`, &scrollY),
			evalAsync(layoutShift, &cls),
		)
		if err != nil {
			t.Fatal(err)
		}
		if bottom > 667 || scrollY != 0 {
			t.Errorf("%s: the finder ends %.0f px down a 667 px screen (scrolled %.0f px); it must show without scrolling", page, bottom, scrollY)
		}
		if before != after {
			t.Errorf("%s: the finder's script moves the page:\nbefore %s\nafter  %s", page, before, after)
		}
		if cls != 0 {
			t.Errorf("%s: layout shift %v, want 0", page, cls)
		}
	}

	// The fixture's schedule on 2018-03-15: February released, March
	// releasing, May upcoming.
	const (
		physics = "Physics: March 2018, with the School of Science — releasing now."
		hr      = "Human Resources (HR): February 2018, with the Office of the Executive Vice President & Treasurer — released."
		ehs     = "Office of Environment, Health & Safety (EHS): May 2018 — upcoming."
	)
	tests := []struct {
		query   string
		answers string // the answer sentences, one a line; "" for none
		result  string // the start of what the live region says, when there is no answer
	}{
		{"Physics dept", physics, ""},
		{"Department of Physics", physics, ""},
		{"physics", physics, ""},
		{"phyiscs", physics, ""}, // two letters swapped
		{"physic", physics, ""},  // a letter missing
		{"physicss", physics, ""},
		{"HR", hr, ""},
		{"hr", hr, ""},
		{"Course 6", "Electrical Engineering and Computer Science (Course 6): March 2018, with the School of Engineering — releasing now.", ""},
		{"course 1", "Civil and Environmental Engineering (Course 1): March 2018, with the School of Engineering — releasing now.", ""},
		{"EHS", ehs, ""},
		{"E.H.S.", ehs, ""},
		{"Environment, Health and Safety", "Office of Environment, Health & Safety: May 2018 — upcoming.", ""},
		{"office of the president and administrative areas", "Office of the President & Administrative Areas: February 2018 — released.", ""},
		{"ÉCONÓMICS", "Economics: March 2018, with the School of Humanities, Arts, & Social Sciences — releasing now.", ""},
		{"CSAIL", "CSAIL: May 2018, with the Office of the VP for Research — upcoming.", ""},
		{"  POLICE  ", "MIT Police: February 2018 — released.", ""},
		{"engineering", "School of Engineering: March 2018 — releasing now.", ""},
		{"treasurer", "Office of the Treasurer: May 2018 — upcoming.", ""}, // the whole name of one, part of another
		{"vice president", "Office of the Executive Vice President & Treasurer: February 2018 — released.\nExecutive Vice President Administrative Areas: May 2018 — upcoming.", ""},
		{"chem", "Chemistry: March 2018, with the School of Science — releasing now.\nChemical Engineering: March 2018, with the School of Engineering — releasing now.", ""},
		{"science", "School of Science: March 2018 — releasing now.\nPolitical Science: March 2018, with the School of Humanities, Arts, & Social Sciences — releasing now.\nElectrical Engineering and Computer Science, Materials Science and Engineering, Nuclear Science and Engineering: March 2018, with the School of Engineering — releasing now.\nComputer Science and Artificial Intelligence Laboratory: May 2018, with the Office of the VP for Research — upcoming.", ""},
		{"Lincoln Lab", "Lincoln Lab: a separate rollout, with Lincoln Laboratory.", ""},
		{"phsyic", "", "No area matches “phsyic”."}, // two typos
		{"department of nothing", "", "No area matches “department of nothing”. Try the name of your school or area. If it is not in the schedule, write to training@mit.edu."},
	}
	for _, tt := range tests {
		var answers, result, mailto string
		err := chromedp.Run(ctx,
			chromedp.Evaluate(clearFinder, nil),
			chromedp.SendKeys("#find", tt.query, chromedp.ByID),
			chromedp.Evaluate(finderAnswers, &answers),
			chromedp.Text("#find-result", &result, chromedp.ByID),
			chromedp.Evaluate(`(document.querySelector("#find-result a[href^=mailto]") || {}).href || ""`, &mailto),
		)
		if err != nil {
			t.Fatal(err)
		}
		if answers != tt.answers {
			t.Errorf("%q answers:\n%s\nwant:\n%s", tt.query, answers, tt.answers)
		}
		if !strings.HasPrefix(result, tt.result) {
			t.Errorf("%q: the live region says %q, want %q", tt.query, result, tt.result)
		}
		if strings.HasPrefix(tt.result, "No area") && mailto != "mailto:training@mit.edu" {
			t.Errorf("%q: no contact link (have %q)", tt.query, mailto)
		}
	}

	// Each answer links to its wave on the page and to the area's calendar.
	var links []string
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(clearFinder, nil),
		chromedp.SendKeys("#find", "HR", chromedp.ByID),
		chromedp.Evaluate(`[...document.querySelectorAll("#find-result a")].map(a => a.getAttribute("href"))`, &links),
	); err != nil {
		t.Fatal(err)
	}
	if have, want := strings.Join(links, " "), "#wave-2018-02 /schedule/area-office-of-the-executive-vice-president-treasurer.ics"; have != want {
		t.Errorf("the answer for HR links %s, want %s", have, want)
	}

	// The answer is announced, and the whole schedule stays.
	var live, role string
	var all []string
	if err := chromedp.Run(ctx,
		chromedp.AttributeValue("#find-result", "aria-live", &live, nil, chromedp.ByID),
		chromedp.AttributeValue("#find-result", "role", &role, nil, chromedp.ByID),
		chromedp.Evaluate(visibleAreas, &all),
	); err != nil {
		t.Fatal(err)
	}
	if live != "polite" || role != "status" {
		t.Errorf("the answer is not announced: aria-live=%q role=%q", live, role)
	}
	if len(all) != 30 {
		t.Errorf("%d areas show while the finder answers, want all 30 (29 in waves and Lincoln Laboratory)", len(all))
	}

	// The live region is on the page before the first answer, so that the
	// first is read out; one or two letters that match nothing say
	// nothing; and typing on in a name already found does not change what
	// was said, which would be read out again.
	var display, early, typed string
	var changes int
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(clearFinder, nil),
		chromedp.Evaluate(`getComputedStyle(document.getElementById("find-result")).display`, &display),
		chromedp.SendKeys("#find", "Ph", chromedp.ByID),
		chromedp.Evaluate(`document.getElementById("find-result").textContent`, &early),
		chromedp.Evaluate(`window.changes = 0; new MutationObserver(() => window.changes++).observe(document.getElementById("find-result"), {childList: true, subtree: true, characterData: true}); 0`, nil),
		chromedp.SendKeys("#find", "ysics", chromedp.ByID),
		chromedp.Evaluate(finderAnswers, &typed),
		chromedp.Evaluate(`window.changes`, &changes),
	); err != nil {
		t.Fatal(err)
	}
	if display == "none" {
		t.Errorf("the empty live region is display: none, out of the accessibility tree until its first answer")
	}
	if early != "" {
		t.Errorf("after two letters the live region says %q, want nothing yet", early)
	}
	if !strings.HasPrefix(typed, physics) || changes != 1 {
		t.Errorf("typing Physics: the live region changed %d times, want once (answer %q)", changes, typed)
	}

	// By keyboard alone: Tab to the box, type, Tab to the answer's link,
	// Enter follows it.
	var focused, answers, hash string
	if err := chromedp.Run(ctx, chromedp.Navigate(url+"/"), chromedp.WaitVisible("#find", chromedp.ByID)); err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Tab), chromedp.Evaluate(`document.activeElement.id`, &focused)); err != nil {
			t.Fatal(err)
		}
		if focused == "find" {
			break
		}
	}
	if focused != "find" {
		t.Fatal("Tab never reaches the finder's box")
	}
	var answerBottom float64
	if err := chromedp.Run(ctx,
		chromedp.KeyEvent("Course 6"),
		chromedp.Evaluate(finderAnswers, &answers),
		chromedp.Evaluate(`document.querySelector("#find-result p").getBoundingClientRect().bottom`, &answerBottom),
		chromedp.KeyEvent(kb.Tab),
		chromedp.Evaluate(`document.activeElement.textContent`, &focused),
		chromedp.KeyEvent(kb.Enter),
		chromedp.Poll(`location.hash`, &hash, chromedp.WithPollingTimeout(5*time.Second)),
	); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(answers, "Electrical Engineering and Computer Science (Course 6): March 2018") || focused != "See the month" || hash != "#wave-2018-03" {
		t.Errorf("by keyboard: answer %q, Tab reaches %q, Enter leads to %q", answers, focused, hash)
	}
	if answerBottom > 667 {
		t.Errorf("the home page's answer ends %.0f px down a 667 px screen; it must show without scrolling", answerBottom)
	}

	// Printed, the page shows the whole schedule and no search box.
	var areas []string
	var finderShown bool
	if err := chromedp.Run(ctx,
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(visibleAreas, &areas),
		chromedp.Evaluate(`document.getElementById("finder").offsetParent !== null`, &finderShown),
		emulation.SetEmulatedMedia().WithMedia(""),
	); err != nil {
		t.Fatal(err)
	}
	if len(areas) != 30 || finderShown {
		t.Errorf("printed: %d areas show (want 30), finder shown: %v", len(areas), finderShown)
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
	if bytes.Count(ics, []byte("BEGIN:VEVENT\r\n")) != 6 || !bytes.HasPrefix(ics, []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")) {
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

var updateImage = flag.Bool("update-image", false, "redraw static/og.png, the site's link-preview image")

// TestSiteImage keeps static/og.png, the image that link previews show
// (og:image), what siteImage draws: 1200 x 630 pixels, the size that
// every service shows large. It is drawn from code rather than from a
// font, so that it is the same on every machine. To change it, change
// siteImage and run go test ./cmd/rollout -run TestSiteImage -update-image.
func TestSiteImage(t *testing.T) {
	p := filepath.Join(sitetest.Root(t), "static", "og.png")
	want := siteImage()
	if *updateImage {
		var buf bytes.Buffer
		enc := png.Encoder{CompressionLevel: png.BestCompression}
		if err := enc.Encode(&buf, want); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 60<<10 {
		t.Errorf("static/og.png is %d bytes, over 60 KB", len(b))
	}
	have, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("static/og.png: %v", err)
	}
	if have.Bounds() != want.Bounds() {
		t.Fatalf("static/og.png is %v, want %v", have.Bounds().Size(), want.Bounds().Size())
	}
	for y := range want.Bounds().Dy() {
		for x := range want.Bounds().Dx() {
			r1, g1, b1, a1 := have.At(x, y).RGBA()
			r2, g2, b2, a2 := want.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				t.Fatalf("static/og.png differs from siteImage at (%d, %d); run go test ./cmd/rollout -run TestSiteImage -update-image", x, y)
			}
		}
	}
}

// siteImage draws the site's link-preview image: a calendar of the
// rollout, on the accent colour of style.css, with five months of areas,
// released (dark), releasing now (accent) and upcoming (light).
func siteImage() *image.Paletted {
	var (
		accent   = color.RGBA{0xa3, 0x1f, 0x34, 0xff} // style.css --accent
		text     = color.RGBA{0x1a, 0x1a, 0x1a, 0xff} // --text
		released = color.RGBA{0x4a, 0x4a, 0x4a, 0xff} // --muted
		upcoming = color.RGBA{0xc9, 0xcc, 0xd1, 0xff} // --line
		panel    = color.RGBA{0xf3, 0xf4, 0xf6, 0xff} // --panel
		white    = color.RGBA{0xff, 0xff, 0xff, 0xff}
	)
	img := image.NewPaletted(image.Rect(0, 0, 1200, 630), color.Palette{accent, text, released, upcoming, panel, white})
	fill := func(x0, y0, x1, y1 int, c color.Color) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), image.NewUniform(c), image.Point{}, draw.Src)
	}
	fill(0, 0, 1200, 630, accent)
	fill(150, 120, 1050, 540, white) // the calendar's page
	fill(150, 120, 1050, 190, text)  // its top
	for _, x := range []int{290, 880} {
		fill(x, 90, x+30, 150, panel) // its rings
	}
	// Five months, each a column of areas of different lengths.
	lengths := [][]int{{130, 90, 150, 110}, {150, 120, 100, 140, 80}, {110, 150, 130, 90, 150, 120}, {140, 100, 120}, {90, 150, 110, 130}}
	for m, col := range lengths {
		c := upcoming
		switch {
		case m < 2:
			c = released
		case m == 2:
			c = accent
		}
		x := 190 + m*170
		fill(x, 215, x+150, 225, c) // the month's heading rule
		for i, n := range col {
			y := 250 + i*45
			fill(x, y, x+n, y+24, c)
		}
	}
	return img
}

// TestFrame checks what every page shares (issue #16): the site's name
// at the top and the contact address, the schedule to take away and the
// day the content last changed at the foot, all from content/_index.md,
// never from the build's clock; link previews with absolute addresses;
// and, on the pages that show the schedule, links to its calendar and
// data for browsers and feed readers.
func TestFrame(t *testing.T) {
	pages := []string{"index.html", "faq/index.html", "schedule/index.html", "learn-more/index.html", "404.html"}
	build := func(t *testing.T, src, now string) map[string]string {
		t.Helper()
		out := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := rollout(t, "build", "-source", src, "-out", out, "-now", now, "-base-url", "https://org.github.io/repo/"); code != 0 {
			t.Fatal(stderr)
		}
		files := map[string]string{}
		for _, p := range pages {
			b, err := os.ReadFile(filepath.Join(out, p))
			if err != nil {
				t.Fatal(err)
			}
			files[p] = string(b)
		}
		return files
	}
	footer := regexp.MustCompile(`(?s)<footer class=site>.*</footer>`)

	src := copySite(t)
	march, june := build(t, src, "2018-03-15"), build(t, src, "2019-06-01")
	for _, p := range pages {
		t.Run(p, func(t *testing.T) {
			page := march[p]
			for _, want := range []string{
				`<a class=skip href=#main>`,
				`<p class=site-title><a href=/repo/>Sexual Misconduct Prevention Training: MIT Faculty & Staff</a></p>`,
				`<a href=mailto:training@mit.edu>training@mit.edu</a>`,
				`<a href=/repo/schedule.ics>`, `<a href=/repo/schedule.json>`,
				`Last changed <time datetime=2018-03-01>March 1, 2018</time>`,
				`<meta property="og:site_name" content="Sexual Misconduct Prevention Training: MIT Faculty & Staff">`,
				`<meta property="og:locale" content="en_US">`,
				`<meta property="og:image" content="https://org.github.io/repo/og.png">`,
				`<meta property="og:image:alt" content="A calendar of the rollout, month by month">`,
				`<meta name=twitter:card content="summary_large_image">`,
			} {
				if !strings.Contains(page, want) {
					t.Errorf("no %s", want)
				}
			}
			if m := regexp.MustCompile(`property="og:url" content="([^"]*)"`).FindStringSubmatch(page); m == nil || !strings.HasPrefix(m[1], "https://org.github.io/repo/") {
				t.Errorf("og:url is not absolute: %v", m)
			}
			// The schedule's page and the home page show the schedule.
			shows := p == "index.html" || p == "schedule/index.html"
			for _, link := range []string{`<link rel=alternate type=text/calendar href=/repo/schedule.ics`, `<link rel=alternate type=application/json href=/repo/schedule.json`} {
				if strings.Contains(page, link) != shows {
					t.Errorf("%s: present %v, want %v", link, !shows, shows)
				}
			}
			if have, want := footer.FindString(june[p]), footer.FindString(page); have == "" || have != want {
				t.Errorf("the footer changes with the day of the build:\n%s\nwant\n%s", have, want)
			}
		})
	}

	// The name and the day are the content's: change them, and every
	// page follows. The day is the newest of any page's.
	replaceIn(t, filepath.Join(src, "content", "_index.md"),
		`title: "Sexual Misconduct Prevention Training: MIT Faculty & Staff"`, "title: Training Rollout",
		"date: 2018-03-01", "date: 2018-04-02")
	for p, page := range build(t, src, "2018-03-15") {
		for _, want := range []string{`<p class=site-title><a href=/repo/>Training Rollout</a></p>`, `Last changed <time datetime=2018-04-02>April 2, 2018</time>`, `<meta property="og:site_name" content="Training Rollout">`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s, after content/_index.md changed: no %s", p, want)
			}
		}
	}
	replaceIn(t, filepath.Join(src, "content", "faq", "_index.md"), "weight: 10\n", "weight: 10\ndate: 2018-04-20\n")
	for p, page := range build(t, src, "2018-03-15") {
		if want := `Last changed <time datetime=2018-04-20>April 20, 2018</time>`; !strings.Contains(page, want) {
			t.Errorf("%s, after the FAQ page's date: no %s", p, want)
		}
	}

	// A page's own picture takes the place of the site's on that page.
	writePicture(t, filepath.Join(src, "static", "files", "faq.png"), 1200, 630)
	replaceIn(t, filepath.Join(src, "content", "faq", "_index.md"), "weight: 10\n", "weight: 10\nimage: /files/faq.png\nimageAlt: Staff at a desk\n")
	for p, page := range build(t, src, "2018-03-15") {
		want := []string{`<meta property="og:image" content="https://org.github.io/repo/og.png">`, `content="A calendar of the rollout, month by month">`}
		if p == "faq/index.html" {
			want = []string{`<meta property="og:image" content="https://org.github.io/repo/files/faq.png">`, `<meta property="og:image:alt" content="Staff at a desk">`}
		}
		for _, w := range want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: no %s", p, w)
			}
		}
	}

	// Without a picture, link previews get the small card, and no image.
	replaceIn(t, filepath.Join(src, "content", "_index.md"), "image: /og.png\nimageAlt: A calendar of the rollout, month by month\n", "")
	page := build(t, src, "2018-03-15")["learn-more/index.html"]
	if strings.Contains(page, "og:image") || !strings.Contains(page, `<meta name=twitter:card content="summary">`) {
		t.Errorf("a site without a picture: %s", regexp.MustCompile(`<meta[^>]*(og:image|twitter)[^>]*>`).FindAllString(page, -1))
	}
}

// TestPictureProblems checks that a page's image is a picture link
// previews can show, said at the image line, and that the build then
// leaves the published site as it was.
func TestPictureProblems(t *testing.T) {
	src := copySite(t)
	writePicture(t, filepath.Join(src, "static", "small.png"), 600, 315)
	if err := os.WriteFile(filepath.Join(src, "static", "text.png"), []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ image, want string }{
		{"/files/none.png", "content/learn-more.md:6: image: there is no file static/files/none.png; put the picture there, or write the address of one that is"},
		{"/small.png", "content/learn-more.md:6: image: static/small.png is 600 x 315 pixels; link previews show a picture in full from 1200 x 630: use a larger one"},
		{"/text.png", "content/learn-more.md:6: image: static/text.png is not a PNG or JPEG picture that can be read; save it again as PNG or JPEG"},
		{"/.hidden.png", "content/learn-more.md:6: image: static/.hidden.png is not published (names starting with a dot and editors' scratch files are left out); rename it"},
	} {
		t.Run(tt.image, func(t *testing.T) {
			page := filepath.Join(src, "content", "learn-more.md")
			before, err := os.ReadFile(page)
			if err != nil {
				t.Fatal(err)
			}
			defer os.WriteFile(page, before, 0o644)
			replaceIn(t, page, "weight: 30\n", "weight: 30\nimage: "+tt.image+"\nimageAlt: A picture\n")
			out := filepath.Join(t.TempDir(), "public")
			code, _, stderr := rollout(t, "build", "-source", src, "-out", out)
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, tt.want)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the output folder was written: %v", err)
			}
		})
	}
}

// replaceIn replaces, in the file at p, each old text of pairs with the
// new one after it; each old text must be there.
func replaceIn(t *testing.T, p string, pairs ...string) {
	t.Helper()
	edit(t, p, func(s string) string {
		for i := 0; i < len(pairs); i += 2 {
			if !strings.Contains(s, pairs[i]) {
				t.Fatalf("%s has no %q", p, pairs[i])
			}
			s = strings.Replace(s, pairs[i], pairs[i+1], 1)
		}
		return s
	})
}

// writePicture writes a PNG of w x h pixels at p.
func writePicture(t *testing.T, p string, w, h int) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPrint checks the handout that printing the home page or the
// schedule gives: no navigation, skip link or finder, the addresses of
// links written out, and one or two pages on Letter and A4 paper.
func TestPrint(t *testing.T) {
	ctx := browsertest.New(t)
	url, _ := publishedSite(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	// pdfPage is a page object of the PDFs Chromium writes.
	pdfPage := regexp.MustCompile(`/Type\s*/Page[^s]`)
	for _, page := range []string{"/", "/schedule/"} {
		t.Run(page, func(t *testing.T) {
			var hidden []string
			var after string
			err := chromedp.Run(ctx,
				chromedp.Navigate(url+page),
				emulation.SetEmulatedMedia().WithMedia("print"),
				chromedp.Evaluate(`["header.site nav", ".skip", "#finder", "footer .feeds"].filter(s => { const e = document.querySelector(s); return e && getComputedStyle(e).display !== "none"; })`, &hidden),
				chromedp.Evaluate(`getComputedStyle(document.querySelector("main a[href^='/']:not(.self)"), "::after").content`, &after),
				emulation.SetEmulatedMedia().WithMedia(""),
			)
			if err != nil {
				t.Fatal(err)
			}
			if len(hidden) > 0 {
				t.Errorf("printed, these show: %v", hidden)
			}
			if !strings.Contains(after, "attr(href)") && !strings.Contains(after, "/") {
				t.Errorf("printed, a link does not show its address: ::after is %s", after)
			}
			for _, paper := range []struct {
				name string
				w, h float64 // inches
			}{{"Letter", 8.5, 11}, {"A4", 8.27, 11.69}} {
				var pdf []byte
				if err := chromedp.Run(ctx, chromedp.ActionFunc(func(ctx context.Context) error {
					var err error
					pdf, _, err = cdppage.PrintToPDF().WithPaperWidth(paper.w).WithPaperHeight(paper.h).Do(ctx)
					return err
				})); err != nil {
					t.Fatal(err)
				}
				if n := len(pdfPage.FindAll(pdf, -1)); n < 1 || n > 2 {
					t.Errorf("printed on %s, %s is %d pages, want one or two", paper.name, page, n)
				}
			}
		})
	}
}
