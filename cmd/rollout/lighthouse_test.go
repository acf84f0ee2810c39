package main

import (
	"compress/gzip"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"rollout/internal/browsertest"
	"rollout/internal/sitetest"
)

// TestLighthouse runs Lighthouse, as a reader's browser would judge the
// pages, on the home page, the schedule and the FAQ of the fixture site,
// on a phone and (the home page) on a desktop: accessibility, best
// practices and SEO score 100, no layout shift, and performance 100.
// Lighthouse simulates a slow phone from what it measured, so on a busy
// machine its performance score can dip below what a reader sees; below
// 90 is a failure, as is an audit of the performance category that is
// not about time (sizes, minifying, compression) failing. .ci/run
// installs Lighthouse with npm.
func TestLighthouse(t *testing.T) {
	cli := filepath.Join(sitetest.Root(t), ".ci", "node_modules", "lighthouse", "cli", "index.js")
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(cli)
	}
	chrome := browsertest.Path()
	if err == nil && chrome == "" {
		err = exec.ErrNotFound
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("Lighthouse cannot run: %v (.ci/run installs Node, Chromium and, with npm, Lighthouse)", err)
		}
		t.Skip("Lighthouse is not installed; install Node and Chromium and run: npm install --prefix .ci")
	}
	// Served compressed, as GitHub Pages serves it.
	_, out := publishedSite(t)
	srv := httptest.NewServer(gzipped(http.FileServer(http.Dir(out))))
	defer srv.Close()
	url := srv.URL
	for _, tt := range []struct{ page, form string }{
		{"/", "mobile"}, {"/", "desktop"}, {"/schedule/", "mobile"}, {"/faq/", "mobile"},
	} {
		t.Run(tt.form+tt.page, func(t *testing.T) {
			// Not t.TempDir: Chromium may still be writing its profile as
			// Lighthouse ends, and a failed removal would fail the test.
			profile, err := os.MkdirTemp("", "rollout-lighthouse-")
			if err != nil {
				t.Fatal(err)
			}
			defer os.RemoveAll(profile)
			args := []string{cli, url + tt.page, "--quiet", "--output=json", "--output-path=stdout",
				"--only-categories=performance,accessibility,best-practices,seo",
				"--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage --user-data-dir=" + profile}
			if tt.form == "desktop" {
				args = append(args, "--preset=desktop")
			}
			cmd := exec.Command(node, args...)
			cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("lighthouse: %v\n%s", err, stderr.String())
			}
			var report struct {
				Categories map[string]struct {
					Score     *float64
					AuditRefs []struct{ ID string }
				}
				Audits map[string]struct {
					Title            string
					Score            *float64
					ScoreDisplayMode string
					NumericValue     float64
				}
				RuntimeError *struct{ Code, Message string }
			}
			if err := json.Unmarshal(out, &report); err != nil {
				t.Fatalf("Lighthouse's report: %v", err)
			}
			if report.RuntimeError != nil {
				t.Fatalf("Lighthouse: %s: %s", report.RuntimeError.Code, report.RuntimeError.Message)
			}
			scores := map[string]float64{}
			for name, c := range report.Categories {
				if c.Score == nil {
					t.Fatalf("%s has no score", name)
				}
				scores[name] = *c.Score
			}
			t.Logf("scores: %v", scores)
			for _, name := range []string{"accessibility", "best-practices", "seo"} {
				s, ok := scores[name]
				if !ok {
					t.Errorf("no %s score", name)
				}
				if s == 1 {
					continue
				}
				for _, ref := range report.Categories[name].AuditRefs {
					if a := report.Audits[ref.ID]; a.Score != nil && *a.Score < 1 && a.ScoreDisplayMode == "binary" {
						t.Errorf("%s %.0f: %s fails", name, 100*s, a.Title)
					}
				}
				t.Errorf("%s scores %.0f", name, 100*s)
			}
			if s := scores["performance"]; s < 0.9 {
				t.Errorf("performance scores %.0f", 100*s)
			}
			if cls := report.Audits["cumulative-layout-shift"]; cls.NumericValue != 0 {
				t.Errorf("layout shift %v, want 0", cls.NumericValue)
			}
			for _, id := range []string{"document-latency-insight", "total-byte-weight", "unminified-css", "unminified-javascript", "unused-javascript", "uses-text-compression"} {
				if a, ok := report.Audits[id]; ok && a.Score != nil && *a.Score < 0.9 && a.ScoreDisplayMode != "informative" {
					t.Errorf("%s (%s) scores %.0f", a.Title, id, 100**a.Score)
				}
			}
		})
	}
}

// gzipped serves what h serves compressed to clients that accept gzip.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		z := gzip.NewWriter(w)
		defer z.Close()
		h.ServeHTTP(gzipWriter{w, z}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	z *gzip.Writer
}

func (g gzipWriter) WriteHeader(code int) {
	g.Header().Del("Content-Length") // of the file, not of what is sent
	g.Header().Set("Content-Encoding", "gzip")
	g.Header().Add("Vary", "Accept-Encoding")
	g.ResponseWriter.WriteHeader(code)
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.z.Write(b) }
