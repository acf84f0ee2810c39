package preview

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hostSite is a site with a folder named like a host, the bait for an open
// redirect: /evil.example is a real folder, so a server that redirects it by
// appending "/" to what it was sent turns //evil.example into
// Location: //evil.example/.
func hostSite() map[string][]byte {
	files := site()
	files["evil.example/index.html"] = []byte("<!doctype html><html><body>a folder</body></html>")
	files["x/index.html"] = []byte("<!doctype html><html><body>x</body></html>")
	return files
}

// sameOrigin checks a Location header on its own terms (not with the
// server's code): it must be "/" or "/" and a character that is not "/" or
// "\", have nothing a browser drops or reads as a separator, and resolve to
// the origin the request was for.
func sameOrigin(loc string) error {
	if loc != "/" && (len(loc) < 2 || loc[0] != '/' || loc[1] == '/' || loc[1] == '\\') {
		return fmt.Errorf("Location %q does not start with one / and a path character", loc)
	}
	if i := strings.IndexFunc(loc, func(r rune) bool { return r <= ' ' || r >= 0x7f || r == '\\' }); i >= 0 {
		return fmt.Errorf("Location %q has %q at %d", loc, loc[i], i)
	}
	u, err := url.Parse(loc)
	if err != nil {
		return fmt.Errorf("Location %q: %v", loc, err)
	}
	from, _ := url.Parse("http://localhost:1313/a/b")
	if to := from.ResolveReference(u); to.Scheme != "http" || to.Host != "localhost:1313" {
		return fmt.Errorf("Location %q leads to %s", loc, to)
	}
	return nil
}

// do sends a request for target (a request-target as on the wire, parsed by
// net/http's own parser) to s and returns the response.
func do(t *testing.T, s http.Handler, method, target string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	r.Host = "localhost:1313"
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

func TestPaths(t *testing.T) {
	type want struct {
		status   int
		location string // "" for none
	}
	tests := []struct {
		base string
		name string
		have string // the request-target
		want want
	}{
		{"/", "home", "/", want{200, ""}},
		{"/", "folder gets a slash", "/faq", want{301, "/faq/"}},
		{"/", "host-named folder gets a slash", "/evil.example", want{301, "/evil.example/"}},
		{"/", "protocol-relative", "//evil.example", want{301, "/evil.example"}},
		{"/", "protocol-relative folder", "//evil.example/", want{301, "/evil.example/"}},
		{"/", "protocol-relative dot-dot", "//evil.example/..", want{301, "/"}},
		{"/", "protocol-relative dot-dot to a folder", "//evil.example/../faq", want{301, "/faq"}},
		{"/", "three slashes", "///evil.example", want{301, "/evil.example"}},
		{"/", "absolute form", "http://localhost:1313//evil.example/", want{301, "/evil.example/"}},
		{"/", "backslash", `/\evil.example`, want{404, ""}},
		{"/", "backslashes", `/\\evil.example/`, want{404, ""}},
		{"/", "slash backslash", `//\evil.example`, want{404, ""}},
		{"/", "encoded slashes", "/%2F%2Fevil.example", want{404, ""}},
		{"/", "encoded slashes lower case", "/%2f%2fevil.example/", want{404, ""}},
		{"/", "encoded backslashes", "/%5C%5Cevil", want{404, ""}},
		{"/", "dot segments", "/./x/../", want{301, "/"}},
		{"/", "dot segments to a folder", "/./x/../faq", want{301, "/faq"}},
		{"/", "encoded slash dot-dot", "/x%2F..%2F", want{404, ""}},
		{"/", "encoded slash dot-dot to a host", "/x%2F..%2F%2Fevil.example", want{404, ""}},
		{"/", "encoded dot-dot", "/faq/%2e%2e/", want{301, "/"}},
		{"/", "NUL", "/faq%00", want{404, ""}},
		{"/", "NUL before a host", "/%00/evil.example", want{404, ""}},
		{"/", "double-encoded slashes", "/%252F%252Fevil.example", want{404, ""}},
		{"/", "double-encoded slash after a folder", "/evil.example%252F", want{404, ""}},
		{"/", "double-encoded dot-dot", "/x/%252e%252e/faq", want{404, ""}},
		{"/", "trailing dot", "/faq.", want{404, ""}},
		{"/", "trailing dot on a host", "//evil.example./", want{301, "/evil.example./"}},
		{"/", "trailing dot segment", "/faq/.", want{301, "/faq/"}},
		{"/", "trailing dot-dot segment", "/faq/..", want{301, "/"}},
		{"/", "tab", "/%09/evil.example", want{404, ""}},
		{"/", "newline", "/%0A/evil.example", want{404, ""}},
		{"/", "header injection", "/faq%0D%0ALocation:%20//evil.example", want{404, ""}},
		{"/", "dot-dot above the root", "/../faq/", want{404, ""}},
		{"/", "encoded dot-dot above the root", "/%2e%2e/faq/", want{404, ""}},
		{"/", "invalid UTF-8", "/%ff", want{404, ""}},
		{"/", "asterisk", "*", want{404, ""}},
		{"/", "query is not kept", "/faq?next=//evil.example", want{301, "/faq/"}},
		{"/", "escaped letter", "/f%61q/", want{200, ""}},
		{"/", "escaped space in a redirect", "/a%20b/../faq", want{301, "/faq"}},
		{"/", "percent in a redirect", "/%25/../x/./", want{301, "/x/"}},
		{"/", "dotfile", "/.git/config", want{404, ""}},
		{"/", "events spelt with a dot", "/_rollout/./events", want{301, EventsPath}},

		{"/repo/", "home", "/repo/", want{200, ""}},
		{"/repo/", "base path gets a slash", "/repo", want{301, "/repo/"}},
		{"/repo/", "folder gets a slash", "/repo/faq", want{301, "/repo/faq/"}},
		{"/repo/", "outside the base path", "/faq/", want{404, ""}},
		{"/repo/", "protocol-relative base", "//repo", want{301, "/repo"}},
		{"/repo/", "protocol-relative inside", "/repo//evil.example", want{301, "/repo/evil.example"}},
		{"/repo/", "dot-dot out of the base path", "/repo/../faq/", want{404, ""}},
		{"/repo/", "dot-dot out to a host", "/repo/..//evil.example/", want{404, ""}},
		{"/repo/", "dot-dot to the base path", "/repo/..", want{404, ""}},
		{"/repo/", "dot-dot above the root", "/repo/../../faq/", want{404, ""}},
		{"/repo/", "dot segments", "/repo/./faq/", want{301, "/repo/faq/"}},
		{"/repo/", "trailing dot-dot segment", "/repo/faq/..", want{301, "/repo/"}},
		{"/repo/", "encoded slashes", "/repo/%2F%2Fevil.example", want{404, ""}},
		{"/repo/", "encoded slash after the base", "/repo%2F", want{404, ""}},
		{"/repo/", "backslash", `/repo/\evil.example`, want{404, ""}},
		{"/repo/", "encoded backslash", "/repo%5C", want{404, ""}},
		{"/repo/", "NUL", "/repo/%00", want{404, ""}},
		{"/repo/", "tab", "/repo/%09/evil.example/", want{404, ""}},
		{"/repo/", "double-encoded slash", "/repo%252F", want{404, ""}},
		{"/repo/", "trailing dot", "/repo./", want{404, ""}},
	}
	servers := map[string]*Server{}
	for _, base := range []string{"/", "/repo/"} {
		servers[base] = New(base, "127.0.0.1:1313")
		servers[base].Update(hostSite(), nil, nil)
	}
	for _, tt := range tests {
		for _, method := range []string{"GET", "HEAD"} {
			t.Run(tt.base+"/"+tt.name+"/"+method, func(t *testing.T) {
				w := do(t, servers[tt.base], method, tt.have)
				have := want{w.Code, w.Header().Get("Location")}
				if have != tt.want {
					t.Errorf("%s %s: have %+v, want %+v", method, tt.have, have, tt.want)
				}
				if have.location != "" {
					if err := sameOrigin(have.location); err != nil {
						t.Error(err)
					}
				}
				if method == "HEAD" && w.Body.Len() > 0 {
					t.Errorf("HEAD %s: body %q, want none", tt.have, w.Body)
				}
			})
		}
	}
}

// TestBasePathCleaned: a base path is cleaned, so that the redirect to it
// stays on this origin however it was written.
func TestBasePathCleaned(t *testing.T) {
	tests := []struct{ have, want string }{
		{"", "/"},
		{"/", "/"},
		{"/repo", "/repo/"},
		{"//repo//", "/repo/"},
		{"/a/../repo/", "/repo/"},
	}
	for _, tt := range tests {
		t.Run(tt.have, func(t *testing.T) {
			if have := New(tt.have, "127.0.0.1:1313").basePath; have != tt.want {
				t.Errorf("New(%q): base path %q, want %q", tt.have, have, tt.want)
			}
		})
	}
}

func TestMethods(t *testing.T) {
	s := New("/", "127.0.0.1:1313")
	s.Update(site(), nil, nil)
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "get"} {
		for _, target := range []string{"/", "/faq/", "/nope", "//evil.example/..", EventsPath} {
			t.Run(method+" "+target, func(t *testing.T) {
				w := do(t, s, method, target)
				if w.Code != http.StatusMethodNotAllowed {
					t.Errorf("status %d, want 405", w.Code)
				}
				if have, want := w.Header().Get("Allow"), "GET, HEAD"; have != want {
					t.Errorf("Allow %q, want %q", have, want)
				}
				if loc := w.Header().Get("Location"); loc != "" {
					t.Errorf("Location %q, want none", loc)
				}
			})
		}
	}
	t.Run("OPTIONS *", func(t *testing.T) {
		if w := do(t, s, "OPTIONS", "*"); w.Code != http.StatusMethodNotAllowed {
			t.Errorf("status %d, want 405", w.Code)
		}
	})
}

// TestHead: HEAD gets GET's status and headers, with no body.
func TestHead(t *testing.T) {
	s := New("/", "127.0.0.1:1313")
	s.Update(site(), nil, nil)
	for _, target := range []string{"/", "/faq/", "/style.css", "/faq", "/nope/", "/%00"} {
		t.Run(target, func(t *testing.T) {
			get, head := do(t, s, "GET", target), do(t, s, "HEAD", target)
			if head.Code != get.Code {
				t.Errorf("status %d, want GET's %d", head.Code, get.Code)
			}
			for _, k := range []string{"Content-Type", "Content-Length", "Location", "Cache-Control"} {
				if have, want := head.Header().Get(k), get.Header().Get(k); have != want {
					t.Errorf("%s %q, want GET's %q", k, have, want)
				}
			}
			if cl := get.Header().Get("Content-Length"); cl != "" && cl != strconv.Itoa(get.Body.Len()) {
				t.Errorf("GET Content-Length %s, body %d bytes", cl, get.Body.Len())
			}
			if head.Body.Len() > 0 {
				t.Errorf("body %q, want none", head.Body)
			}
		})
	}
	t.Run("events", func(t *testing.T) {
		done := make(chan *httptest.ResponseRecorder)
		go func() { done <- do(t, s, "HEAD", EventsPath) }()
		select {
		case w := <-done:
			if w.Code != 200 || w.Header().Get("Content-Type") != "text/event-stream" || w.Body.Len() > 0 {
				t.Errorf("status %d, Content-Type %q, body %q", w.Code, w.Header().Get("Content-Type"), w.Body)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("HEAD of the events endpoint did not return")
		}
	})
}

// TestBadEncodingOverHTTP: an invalid percent-encoding never reaches the
// handler; net/http answers 400 itself, without a Location.
func TestBadEncodingOverHTTP(t *testing.T) {
	ts := httptest.NewUnstartedServer(nil)
	s := New("/", ts.Listener.Addr().String())
	s.Update(hostSite(), nil, nil)
	ts.Config.Handler = s
	ts.Start()
	defer ts.Close()
	tests := []struct {
		name, have string
		want       int
	}{
		{"good", "/faq/", 200},
		{"bad escape", "/%zz", 400},
		{"lone percent", "/faq%", 400},
		{"bad escape before a host", "/%/evil.example/", 400},
		{"NUL", "/%00", 404},
		{"protocol-relative", "//evil.example/..", 301},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr := ts.Listener.Addr().String()
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", tt.have, addr)
			resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.want)
			}
			if loc := resp.Header.Get("Location"); loc != "" {
				if err := sameOrigin(loc); err != nil {
					t.Error(err)
				}
			}
		})
	}
}

// FuzzPath sends arbitrary request-targets, and arbitrary paths set
// directly on the request, to servers under / and /repo/: the handler must
// not panic, never answer 500, and redirect only within its origin.
func FuzzPath(f *testing.F) {
	for _, seed := range []string{
		"/", "/faq", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example",
		"/%5C%5Cevil", "/./x/../", "/x%2F..%2F", "/faq%00", "/%252F%252Fevil.example",
		"/faq.", "//evil.example./", "/%09/evil.example", "/%0A/evil.example",
		"/repo", "/repo//evil.example", "/repo/../..//evil.example", "http://evil.example/",
		"*", "", "evil.example", "/%ff", EventsPath, "/_rollout/./events",
	} {
		f.Add(seed)
	}
	var servers []*Server
	for _, base := range []string{"/", "/repo/"} {
		s := New(base, "127.0.0.1:1313")
		s.Update(hostSite(), nil, nil)
		servers = append(servers, s)
	}
	// The events endpoint streams until the request is done: end it at once.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	check := func(t *testing.T, s *Server, r *http.Request) {
		t.Helper()
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r.WithContext(ctx))
		if w.Code == http.StatusInternalServerError {
			t.Errorf("%s %q (path %q): status 500", r.Method, r.RequestURI, r.URL.Path)
		}
		loc := w.Header().Get("Location")
		if w.Code >= 300 && w.Code < 400 && loc == "" {
			t.Errorf("%s %q (path %q): status %d without a Location", r.Method, r.RequestURI, r.URL.Path, w.Code)
		}
		if loc != "" {
			if err := sameOrigin(loc); err != nil {
				t.Errorf("%s %q (path %q): %v", r.Method, r.RequestURI, r.URL.Path, err)
			}
		}
	}
	f.Fuzz(func(t *testing.T, target string) {
		for _, s := range servers {
			for _, method := range []string{"GET", "HEAD"} {
				// As the server reads it off the wire; what it cannot
				// parse, net/http answers with 400 before the handler.
				raw := method + " " + target + " HTTP/1.1\r\nHost: localhost:1313\r\n\r\n"
				if r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw))); err == nil {
					check(t, s, r)
				}
				// As a program might build it, path set directly.
				r := httptest.NewRequest(method, "/", nil)
				r.Host = "localhost:1313"
				r.URL.Path = target
				check(t, s, r)
				if p, err := url.PathUnescape(target); err == nil {
					r := httptest.NewRequest(method, "/", nil)
					r.Host = "localhost:1313"
					r.URL.Path, r.URL.RawPath = p, target
					check(t, s, r)
				}
			}
		}
	})
}
