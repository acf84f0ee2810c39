// Package preview serves a site from memory while it is being edited, and
// makes open pages follow every rebuild.
//
// The server sends only the files of the last good build. HTML pages get a
// small script, added as they are sent and never written to the output
// folder, that listens to /_rollout/events (server-sent events): after a
// rebuild that changed only stylesheets it swaps them in place; after any
// other rebuild it reloads the page; when a build fails it shows the error
// over the page, and the next good build clears it.
//
// It is meant for the editor's own machine: it answers only requests whose
// Host names the address it is bound to (so that a web page cannot reach it
// through DNS rebinding), the events endpoint refuses other origins, and it
// sends no Access-Control-Allow-Origin header. Unknown paths get the site's
// 404.html with status 404.
package preview

import (
	"bytes"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
)

// EventsPath is where pages listen for rebuilds.
const EventsPath = "/_rollout/events"

// Server serves the latest good build. It is safe for concurrent use.
type Server struct {
	basePath string          // the site's base path, such as "/" or "/repo/"
	hosts    map[string]bool // Host header values to accept; nil accepts any

	mu      sync.Mutex
	files   map[string][]byte
	errText string // the failed build's message, or ""
	clients map[chan event]bool
}

type event struct{ name, data string }

// New returns a server for a site published under basePath, listening on
// addr (host:port). When addr's host is a loopback address, only requests
// for it, localhost or another loopback name are answered.
func New(basePath, addr string) *Server {
	s := &Server{basePath: basePath, clients: map[chan event]bool{}}
	host, port, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err == nil && (host == "localhost" || ip != nil && ip.IsLoopback()) {
		s.hosts = map[string]bool{}
		for _, h := range []string{host, "localhost", "127.0.0.1", "[::1]"} {
			if strings.Contains(h, ":") && !strings.HasPrefix(h, "[") {
				h = "[" + h + "]"
			}
			s.hosts[h+":"+port] = true
		}
	}
	return s
}

// Update publishes a good build: changed lists its changed files. Open pages
// reload, or only swap their stylesheets when nothing else changed.
func (s *Server) Update(files map[string][]byte, changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	wasBroken := s.errText != ""
	s.files, s.errText = files, ""
	cssOnly := len(changed) > 0
	for _, c := range changed {
		cssOnly = cssOnly && path.Ext(c) == ".css"
	}
	switch {
	case cssOnly && !wasBroken:
		s.broadcast(event{"css", ""})
	case len(changed) > 0 || wasBroken:
		s.broadcast(event{"reload", ""})
	}
}

// Fail shows a failed build's message over every open page.
func (s *Server) Fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.errText = err.Error()
	s.broadcast(event{"builderror", s.errText})
}

// broadcast sends ev to every listening page; s.mu is held.
func (s *Server) broadcast(ev event) {
	for c := range s.clients {
		select {
		case c <- ev:
		default: // a slow page misses one event; it still gets the next
		}
	}
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.hosts != nil && !s.hosts[r.Host] {
		http.Error(w, "unknown host", http.StatusMisdirectedRequest)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if r.URL.Path == EventsPath {
		s.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.URL.Path+"/" == s.basePath {
		http.Redirect(w, r, s.basePath, http.StatusMovedPermanently)
		return
	}
	s.mu.Lock()
	files, errText := s.files, s.errText
	s.mu.Unlock()
	if files == nil {
		// No build has succeeded yet: show the error on every page.
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Build failed</title></head><body><h1>The site could not be built</h1><pre>%s</pre><p>Fix the problem and save: this page reloads.</p>%s</body></html>", html.EscapeString(errText), script)
		return
	}
	name, ok := s.resolve(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	data, found := files[name]
	status := http.StatusOK
	if !found {
		if _, dir := files[name+"/index.html"]; dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		name, status = "404.html", http.StatusNotFound
		if data, found = files[name]; !found {
			http.NotFound(w, r)
			return
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	h.Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		data = withScript(data)
	}
	h.Set("Content-Length", fmt.Sprint(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// resolve maps a request path to a file name of the site.
func (s *Server) resolve(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, s.basePath)
	if !ok {
		return "", false
	}
	name := strings.TrimPrefix(path.Clean("/"+rest), "/")
	if name == "" || strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return "", false
		}
	}
	return name, true
}

// withScript adds the live-reload script before </body>, or at the end.
func withScript(page []byte) []byte {
	out := make([]byte, 0, len(page)+len(script))
	if i := bytes.LastIndex(page, []byte("</body>")); i >= 0 {
		out = append(out, page[:i]...)
		out = append(out, script...)
		return append(out, page[i:]...)
	}
	return append(append(out, page...), script...)
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
		http.Error(w, "forbidden origin", http.StatusForbidden)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	c := make(chan event, 8)
	s.mu.Lock()
	s.clients[c] = true
	if s.errText != "" {
		c <- event{"builderror", s.errText}
	}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.clients, c)
		s.mu.Unlock()
	}()
	fmt.Fprint(w, "retry: 500\n\n")
	flusher.Flush()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev := <-c:
			fmt.Fprintf(w, "event: %s\n", ev.name)
			for _, line := range strings.Split(ev.data, "\n") {
				fmt.Fprintf(w, "data: %s\n", line)
			}
			fmt.Fprint(w, "\n")
			flusher.Flush()
		}
	}
}

// script follows rebuilds. It builds the error overlay with textContent, so
// an error message can never become markup.
const script = `<script>(()=>{const s=new EventSource("` + EventsPath + `");let o;
s.addEventListener("reload",()=>location.reload());
s.addEventListener("css",()=>{for(const l of document.querySelectorAll('link[rel="stylesheet"]')){const u=new URL(l.href);u.searchParams.set("v",Date.now());l.href=u.href}});
s.addEventListener("builderror",e=>{if(!o){o=document.createElement("div");o.id="rollout-error";o.setAttribute("role","alert");o.style.cssText="position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;background:#7a0019;color:#fff;font:15px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;white-space:pre-wrap;box-shadow:0 4px 12px #0006";document.body.append(o)}o.textContent="The last save could not be built; this page shows the last good build.\n\n"+e.data})})()</script>`
