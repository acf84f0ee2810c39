// Package preview serves a site from memory while it is being edited, and
// makes open pages follow every rebuild.
//
// The server sends only the files of the last good build. HTML pages get a
// small script, added as they are sent and never written to the output
// folder, that listens to /_rollout/events (server-sent events): after a
// rebuild that changed only stylesheets it swaps them in place; after any
// other rebuild it reloads the page; when a build fails it shows the error
// over the page, and the next good build clears it. A good build's
// warnings are listed in a small notice at the bottom of the page, which
// the reader can dismiss (until the warnings change) and which goes away
// when the warnings do. The notice is drawn in a shadow root, so that the
// page's styles do not reach it, nor its styles the page.
//
// It is meant for the editor's own machine: it answers only requests whose
// Host names the address it is bound to (so that a web page cannot reach it
// through DNS rebinding), the events endpoint refuses other origins, and it
// sends no Access-Control-Allow-Origin header. Unknown paths get the site's
// 404.html with status 404.
//
// It answers only GET and HEAD (other methods get 405 with an Allow
// header), and HEAD gets the headers GET would, with no body. Request paths
// are decoded once, by net/url, and never again. A path that cannot name a
// file without guessing (an encoded slash, a backslash, a control character
// such as NUL or a tab, invalid UTF-8, or ".." above the root) gets 404; a
// path with empty, "." or ".." segments is redirected to its clean
// spelling, and a folder to its name with a final slash. Every redirect is
// a path on the same origin: "/" alone, or "/" then a character other than
// "/" and "\", so that no request can send a browser to another site.
package preview

import (
	"bytes"
	"fmt"
	"html"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
)

// EventsPath is where pages listen for rebuilds.
const EventsPath = "/_rollout/events"

// Server serves the latest good build. It is safe for concurrent use.
type Server struct {
	basePath string          // the site's base path, such as "/" or "/repo/"
	hosts    map[string]bool // Host header values to accept; nil accepts any

	mu       sync.Mutex
	files    map[string][]byte
	errText  string // the failed build's message, or ""
	warnText string // the last good build's warnings, one a line, or ""
	clients  map[chan event]bool
}

type event struct{ name, data string }

// New returns a server for a site published under basePath, listening on
// addr (host:port). basePath is cleaned and given a final slash; "" means
// "/". When addr's host is a loopback address, only requests for it,
// localhost or another loopback name are answered.
func New(basePath, addr string) *Server {
	if basePath = path.Clean("/" + basePath); basePath != "/" {
		basePath += "/"
	}
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

// Update publishes a good build: changed lists its changed files, and
// warnings its warnings, each as "path:line: message", all of them. Open
// pages reload, or only swap their stylesheets when nothing else changed,
// and list the warnings, or stop listing them.
func (s *Server) Update(files map[string][]byte, changed []string, warnings []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	wasBroken := s.errText != ""
	warnText := strings.Join(warnings, "\n")
	s.files, s.errText = files, ""
	cssOnly := len(changed) > 0
	for _, c := range changed {
		cssOnly = cssOnly && path.Ext(c) == ".css"
	}
	if warnText != s.warnText {
		s.warnText = warnText
		s.broadcast(event{"warnings", warnText})
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
	if r.Method == http.MethodHead {
		w = headWriter{w}
	}
	if s.hosts != nil && !s.hosts[r.Host] {
		http.Error(w, "unknown host", http.StatusMisdirectedRequest)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.mu.Lock()
	files, errText := s.files, s.errText
	s.mu.Unlock()
	p, ok := requestPath(r.URL)
	inSite := strings.HasPrefix(p, s.basePath) || p+"/" == s.basePath || p == EventsPath
	switch {
	case !ok || !inSite:
		notFound(w, r, files)
	case p != r.URL.Path && r.URL.Path != "":
		redirect(w, r, files, p)
	case p == EventsPath:
		s.events(w, r)
	case p+"/" == s.basePath:
		redirect(w, r, files, s.basePath)
	case files == nil:
		// No build has succeeded yet: show the error on every page.
		h.Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Build failed</title></head><body><h1>The site could not be built</h1><pre>%s</pre><p>Fix the problem and save: this page reloads.</p>%s</body></html>", html.EscapeString(errText), script)
	default:
		s.serveFile(w, r, files, p)
	}
}

// serveFile sends the file that p, a clean path under the base path,
// names; a folder without its final slash is redirected to have one.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, files map[string][]byte, p string) {
	name := strings.TrimPrefix(p, s.basePath)
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			notFound(w, r, files)
			return
		}
	}
	data, found := files[name]
	if !found {
		if _, dir := files[name+"/index.html"]; dir {
			redirect(w, r, files, p+"/")
			return
		}
		notFound(w, r, files)
		return
	}
	send(w, name, data, http.StatusOK)
}

// send writes a file of the site with the given status. HTML pages get the
// live-reload script.
func send(w http.ResponseWriter, name string, data []byte, status int) {
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		data = withScript(data)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	w.Write(data)
}

// notFound sends the site's 404.html with status 404, or a plain 404 when
// there is none.
func notFound(w http.ResponseWriter, r *http.Request, files map[string][]byte) {
	if data, ok := files["404.html"]; ok {
		send(w, "404.html", data, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

// redirect sends a permanent redirect to clean, a clean path, with no
// body; a path that could leave this origin gets 404 instead.
func redirect(w http.ResponseWriter, r *http.Request, files map[string][]byte, clean string) {
	loc := location(clean)
	if loc == "" {
		notFound(w, r, files)
		return
	}
	w.Header().Set("Location", loc)
	w.WriteHeader(http.StatusMovedPermanently)
}

// headWriter answers a HEAD request: it keeps the headers and drops the
// body, so that no path through the handler can send one.
type headWriter struct{ http.ResponseWriter }

func (headWriter) Write(b []byte) (int, error) { return len(b), nil }

// Unwrap lets http.ResponseController reach the underlying writer.
func (w headWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

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
	if r.Method == http.MethodHead {
		w.Header().Set("Content-Type", "text/event-stream")
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
	if s.warnText != "" {
		c <- event{"warnings", s.warnText}
	}
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

// script follows rebuilds. It builds the error overlay and the warnings
// notice with textContent, so that a message can never become markup. The
// notice is a status region (announced politely by screen readers), fixed
// at the bottom so that it moves nothing on the page, in a shadow root
// whose styles neither reach the page nor are reached by it; its Dismiss
// button hides it until the warnings change (sessionStorage remembers
// which were dismissed across reloads).
const script = `<script>(()=>{const s=new EventSource("` + EventsPath + `");let o;
s.addEventListener("reload",()=>location.reload());
s.addEventListener("css",()=>{for(const l of document.querySelectorAll('link[rel="stylesheet"]')){const u=new URL(l.href);u.searchParams.set("v",Date.now());l.href=u.href}});
s.addEventListener("builderror",e=>{if(!o){o=document.createElement("div");o.id="rollout-error";o.setAttribute("role","alert");o.style.cssText="position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:2147483647;background:#7a0019;color:#fff;font:15px/1.5 ui-monospace,monospace;padding:1rem 1.25rem;white-space:pre-wrap;box-shadow:0 4px 12px #0006";document.body.append(o)}o.textContent="The last save could not be built; this page shows the last good build.\n\n"+e.data});
const k="rollout-warnings-dismissed";let r;const n=()=>{if(r)return r;const h=document.createElement("div");h.id="rollout-warnings";h.setAttribute("role","status");h.setAttribute("aria-live","polite");h.style.cssText="all:initial;position:fixed;left:0;right:0;bottom:0;z-index:2147483646";(document.body||document.documentElement).append(h);r=h.attachShadow({mode:"open"});r.innerHTML='<style>:host{all:initial}section{margin:.5rem;max-height:40vh;overflow:auto;background:#fff8e1;color:#3e2700;border:2px solid #8a5a00;border-radius:6px;box-shadow:0 2px 10px #0004;font:14px/1.45 system-ui,sans-serif;padding:.5rem 1rem}h2{font-size:1em;margin:.25rem 0}ul{margin:.25rem 0;padding-left:1.25rem}li{font-family:ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere}button{font:inherit;background:#3e2700;color:#fff;border:0;border-radius:4px;padding:.25rem .75rem;cursor:pointer}button:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}</style>';return r};if(document.body)n();
s.addEventListener("warnings",e=>{const r=n();for(const c of [...r.children])if(c.tagName!=="STYLE")c.remove();const t=e.data;let d;try{d=sessionStorage.getItem(k)}catch{}if(!t||d===t)return;const x=document.createElement("section"),g=document.createElement("h2"),u=document.createElement("ul"),b=document.createElement("button"),w=t.split("\n");x.setAttribute("aria-label","rollout warnings");g.textContent=w.length===1?"1 warning":w.length+" warnings";for(const l of w){const i=document.createElement("li");i.textContent=l;u.append(i)}b.type="button";b.textContent="Dismiss";b.addEventListener("click",()=>{try{sessionStorage.setItem(k,t)}catch{}x.remove()});x.append(g,u,b);r.append(x)})})()</script>`
