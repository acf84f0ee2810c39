package main

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var linkRE = regexp.MustCompile(`(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s>]+))`)

// TestServedUnderSubPath builds the fixture site for /repo/, serves public/
// there as GitHub Pages serves a project site, and follows every link and
// #anchor from the home page: every one must lead somewhere, and every
// page must be reached.
func TestServedUnderSubPath(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := rollout(t, "build", "-source", copySite(t), "-out", out, "-base-url", "/repo/", "-now", "2018-03-15"); code != 0 {
		t.Fatal(stderr)
	}
	mux := http.NewServeMux()
	mux.Handle("/repo/", http.StripPrefix("/repo/", http.FileServer(http.Dir(out))))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	type page struct {
		status int
		body   string
	}
	fetched := map[string]page{}
	fetch := func(u string) page {
		if p, ok := fetched[u]; ok {
			return p
		}
		resp, err := http.Get(srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		p := page{resp.StatusCode, string(b)}
		fetched[u] = p
		return p
	}
	queue := []string{"/repo/"}
	seen := map[string]bool{"/repo/": true}
	links := 0
	for len(queue) > 0 {
		from := queue[0]
		queue = queue[1:]
		p := fetch(from)
		if p.status != 200 {
			t.Errorf("%s: status %d", from, p.status)
			continue
		}
		if !strings.Contains(p.body, "<html") {
			continue
		}
		for _, m := range linkRE.FindAllStringSubmatch(p.body, -1) {
			raw := html.UnescapeString(m[1] + m[2] + m[3])
			u, err := url.Parse(raw)
			if err != nil || u.Scheme == "mailto" || u.Host != "" {
				continue
			}
			links++
			target := (&url.URL{Path: from}).ResolveReference(u)
			if !strings.HasPrefix(target.Path, "/repo/") {
				t.Errorf("%s: link %q leaves /repo/", from, raw)
				continue
			}
			tp := fetch(target.Path)
			if tp.status != 200 {
				t.Errorf("%s: link %q: status %d", from, raw, tp.status)
				continue
			}
			if target.Fragment != "" && !regexp.MustCompile(`\bid=("?)`+regexp.QuoteMeta(target.Fragment)+`("|[\s>])`).MatchString(tp.body) {
				t.Errorf("%s: link %q: no #%s on %s", from, raw, target.Fragment, target.Path)
			}
			if !seen[target.Path] {
				seen[target.Path] = true
				queue = append(queue, target.Path)
			}
		}
	}
	// Every page in public/ was reached.
	published := readTree(out)
	if published.err != nil {
		t.Fatal(published.err)
	}
	for p := range published.files {
		if strings.HasSuffix(p, ".html") && p != "404.html" {
			if u := "/repo/" + strings.TrimSuffix(p, "index.html"); !seen[u] {
				t.Errorf("%s is not reached from the home page", u)
			}
		}
	}
	if links < 20 {
		t.Errorf("followed only %d links", links)
	}
	// The 404 page works from any depth: its links are not relative.
	nf := fetch("/repo/404.html")
	for _, m := range linkRE.FindAllStringSubmatch(nf.body, -1) {
		raw := m[1] + m[2] + m[3]
		if !strings.HasPrefix(raw, "/repo/") && !strings.HasPrefix(raw, "mailto:") && !strings.HasPrefix(raw, "#") {
			t.Errorf("404.html links to %q, which breaks when it is shown at another depth", raw)
		}
	}
}

func TestCheckFixtureSite(t *testing.T) {
	for _, base := range []string{"/", "/repo/", "https://org.github.io/repo/"} {
		code, stdout, stderr := rollout(t, "check", "-source", copySite(t), "-base-url", base, "-now", "2018-03-15")
		if code != 0 || !strings.Contains(stdout, "every link, anchor and asset is there") {
			t.Errorf("check -base-url %s: exit %d\n%s%s", base, code, stdout, stderr)
		}
	}
}

// TestCheckWarns: check prints the build's warnings too, as build does,
// and they do not make it fail.
func TestCheckWarns(t *testing.T) {
	src := copySite(t)
	replaceIn(t, filepath.Join(src, "content", "learn-more.md"), "[rollout schedule](/schedule/)", "[here](/schedule/)")
	code, stdout, stderr := rollout(t, "check", "-source", src)
	want := "warning: content/learn-more.md:26: the link text \"here\" says nothing of where it leads"
	if code != 0 || !strings.HasPrefix(stderr, want) || strings.Count(stderr, "\n") != 1 || !strings.Contains(stdout, "every link, anchor and asset is there") {
		t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s\nwant exit 0 and one warning:\n%s...", code, stdout, stderr, want)
	}
}

func TestCheckFindsBrokenLink(t *testing.T) {
	src := copySite(t)
	replaceIn(t, filepath.Join(src, "content", "learn-more.md"), "[rollout schedule](/schedule/)", "[rollout schedule](/schedules/)")
	code, _, stderr := rollout(t, "check", "-source", src)
	want := "content/learn-more.md:26: link to /schedules/ goes nowhere: there is no page or file at that address\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
}

func TestHostingFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := rollout(t, "build", "-source", copySite(t), "-out", out, "-base-url", "https://org.github.io/repo/"); code != 0 {
		t.Fatal(stderr)
	}
	for name, want := range map[string]string{
		".nojekyll":   "",
		"robots.txt":  "Sitemap: https://org.github.io/repo/sitemap.xml",
		"sitemap.xml": "<loc>https://org.github.io/repo/faq/</loc>",
		"favicon.svg": "<svg",
		"index.html":  `<meta property="og:url" content="https://org.github.io/repo/">`,
	} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !strings.Contains(string(b), want) {
			t.Errorf("%s: %v, lacks %q", name, err, want)
		}
	}
	for _, f := range []string{"index.html", "faq/index.html", "schedule/index.html", "learn-more/index.html", "404.html"} {
		b, _ := os.ReadFile(filepath.Join(out, f))
		for _, tag := range []string{`rel=canonical href=https://org.github.io/repo/`, `property="og:title"`, `property="og:description"`, `property="og:url" content="https://org.github.io/repo/`, `property="og:type"`} {
			if !strings.Contains(string(b), tag) {
				t.Errorf("%s lacks %s", f, tag)
			}
		}
	}
	// No symlinks in the output.
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type()&os.ModeSymlink != 0 {
			t.Errorf("%s is a symlink", p)
		}
		return nil
	})
}
