package preview

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func site() map[string][]byte {
	return map[string][]byte{
		"index.html":     []byte("<!doctype html><html><body><h1>Home</h1></body></html>"),
		"faq/index.html": []byte("<!doctype html><html><body>FAQ</body></html>"),
		"404.html":       []byte("<!doctype html><html><body>Not here</body></html>"),
		"style.css":      []byte("body{color:red}"),
	}
}

func TestServe(t *testing.T) {
	s := New("/", "127.0.0.1:1313")
	s.Update(site(), nil, nil)
	tests := []struct {
		name, host, path string
		status           int
		body, ctype      string
	}{
		{"home", "127.0.0.1:1313", "/", 200, "<h1>Home</h1><script>", "text/html; charset=utf-8"},
		{"localhost", "localhost:1313", "/faq/", 200, "FAQ<script>", "text/html; charset=utf-8"},
		{"css has no script", "localhost:1313", "/style.css", 200, "body{color:red}", "text/css; charset=utf-8"},
		{"folder without slash", "localhost:1313", "/faq", 301, "", ""},
		{"unknown path", "localhost:1313", "/nope/", 404, "Not here<script>", "text/html; charset=utf-8"},
		{"dot-dot", "localhost:1313", "/../../etc/passwd", 404, "Not here", ""},
		{"encoded dot-dot", "localhost:1313", "/%2e%2e/%2e%2e/etc/passwd", 404, "Not here", ""},
		{"dotfile", "localhost:1313", "/.rollout-build", 404, "", ""},
		{"other host", "evil.example:1313", "/", 421, "unknown host", ""},
		{"other port", "localhost:9999", "/", 421, "unknown host", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "http://x"+tt.path, nil)
			r.Host = tt.host
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			if !strings.Contains(w.Body.String(), tt.body) {
				t.Errorf("body %q does not contain %q", w.Body, tt.body)
			}
			if tt.ctype != "" && w.Header().Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type %q, want %q", w.Header().Get("Content-Type"), tt.ctype)
			}
			if w.Header().Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("sent Access-Control-Allow-Origin")
			}
		})
	}
}

func TestServeUnderBasePath(t *testing.T) {
	s := New("/repo/", "127.0.0.1:1313")
	s.Update(site(), nil, nil)
	for path, status := range map[string]int{"/repo/": 200, "/repo/faq/": 200, "/repo": 301, "/": 404, "/faq/": 404} {
		r := httptest.NewRequest("GET", "http://localhost:1313"+path, nil)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != status {
			t.Errorf("%s: status %d, want %d", path, w.Code, status)
		}
	}
}

func TestServeBeforeFirstGoodBuild(t *testing.T) {
	s := New("/", "127.0.0.1:1313")
	s.Fail(errors.New("content/x.md:2: <b>bad</b>"))
	r := httptest.NewRequest("GET", "http://localhost:1313/", nil)
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != 500 || !strings.Contains(w.Body.String(), "content/x.md:2: &lt;b&gt;bad&lt;/b&gt;") {
		t.Errorf("status %d, body %s", w.Code, w.Body)
	}
}

// readEvent reads one server-sent event's name and data.
func readEvent(t *testing.T, r *bufio.Reader) (name, data string) {
	t.Helper()
	var lines []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("reading events: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "" && name != "":
			return name, strings.Join(lines, "\n")
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			lines = append(lines, strings.TrimPrefix(line, "data: "))
		}
	}
}

func TestEvents(t *testing.T) {
	s := New("/", "127.0.0.1:0")
	s.hosts = nil // httptest picks the port
	s.Update(site(), nil, nil)
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+EventsPath, nil)
	req.Header.Set("Origin", "http://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("events from another origin: status %d, want 403", resp.StatusCode)
	}

	req, _ = http.NewRequestWithContext(ctx, "GET", ts.URL+EventsPath, nil)
	req.Header.Set("Origin", ts.URL)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	r.ReadString('\n') // retry:
	r.ReadString('\n')

	steps := []struct {
		do         func()
		name, data string
	}{
		{func() { s.Update(site(), []string{"style.css"}, nil) }, "css", ""},
		{func() { s.Update(site(), []string{"style.css", "index.html"}, nil) }, "reload", ""},
		{func() { s.Fail(errors.New("content/a.md:3: one\ncontent/b.md:1: two")) }, "builderror", "content/a.md:3: one\ncontent/b.md:1: two"},
		{func() { s.Update(site(), nil, nil) }, "reload", ""}, // a fix that changes no file still clears the error
		// Warnings: listed when they change, with or without a reload;
		// an empty list takes the notice away.
		{func() {
			s.Update(site(), nil, []string{"content/a.md:3: raw HTML", "content/b.md: no page links to /b/"})
		}, "warnings", "content/a.md:3: raw HTML\ncontent/b.md: no page links to /b/"},
		{func() {
			s.Update(site(), []string{"index.html"}, []string{"content/a.md:3: raw HTML", "content/b.md: no page links to /b/"})
		}, "reload", ""},
		{func() { s.Update(site(), []string{"index.html"}, nil) }, "warnings", ""},
	}
	for _, st := range steps {
		st.do()
		name, data := readEvent(t, r)
		if name != st.name || data != st.data {
			t.Errorf("event %q %q, want %q %q", name, data, st.name, st.data)
		}
	}
}

// TestWarningsOnConnect: a page that (re)loads gets the current warnings
// first, so that the notice survives the reload that a rebuild causes.
func TestWarningsOnConnect(t *testing.T) {
	s := New("/", "127.0.0.1:0")
	s.hosts = nil
	s.Update(site(), []string{"index.html"}, []string{"content/a.md:3: <b>raw</b> HTML"})
	ts := httptest.NewServer(s)
	defer ts.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	r.ReadString('\n') // retry:
	r.ReadString('\n')
	if name, data := readEvent(t, r); name != "warnings" || data != "content/a.md:3: <b>raw</b> HTML" {
		t.Errorf("event %q %q, want the warnings", name, data)
	}
}

// TestNoticeScript: the notice is accessible and cannot turn a message
// into markup.
func TestNoticeScript(t *testing.T) {
	for _, want := range []string{`"role","status"`, `"aria-live","polite"`, `createElement("button")`, `b.type="button"`, `:focus-visible`, `position:fixed`, `attachShadow`, `i.textContent=l`} {
		if !strings.Contains(script, want) {
			t.Errorf("the script has no %s", want)
		}
	}
	if strings.Contains(script, "innerHTML=e") || strings.Contains(script, "innerHTML=t") {
		t.Errorf("the script writes a message as markup")
	}
}
