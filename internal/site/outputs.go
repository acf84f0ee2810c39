package site

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"

	"rollout/internal/diag"
)

// Stage 4, site-wide outputs: the files made from the whole site rather
// than one page (see siteOutputs in rebuild.go): the hosting files
// (hosting.go), the schedule to take away (feeds.go), and the static
// files, CSS and JS under names that carry a hash of their content.

// fingerprinted are the static files whose published names carry a hash of
// their content when Options.Fingerprint is set.
var fingerprinted = map[string]bool{".css": true, ".js": true}

// fingerprint names each stylesheet and script after its content, so that
// a browser never uses an old copy: static/style.css is published as
// /style.1a2b3c4d5e.css, and layouts that write {{url "/style.css"}} get
// that name.
func (b *Builder) fingerprint() {
	b.assets = map[string]string{}
	if !b.opt.Fingerprint {
		return
	}
	for p, src := range b.static {
		ext := path.Ext(p)
		if !fingerprinted[ext] || src.err != nil {
			continue
		}
		sum := sha256.Sum256(src.out)
		name := strings.TrimPrefix(p, "static")
		b.assets[name] = strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	}
}

// asset returns the published site path of the file at site path p.
func (b *Builder) asset(p string) string {
	if a, ok := b.assets[p]; ok {
		return a
	}
	return p
}

// urlOf returns the site path at which an output file is a page's.
func urlOf(name string) string {
	switch {
	case name == "index.html":
		return "/"
	case strings.HasSuffix(name, "/index.html"):
		return "/" + strings.TrimSuffix(name, "index.html")
	}
	return "/" + name
}

// staticFiles returns the published static files, checking that none is
// where a page of s or a file made is.
func (b *Builder) staticFiles(s *Site, made map[string][]byte) (map[string][]byte, error) {
	var errs diag.List
	out := make(map[string][]byte, len(b.static))
	for _, p := range sortedKeys(b.static) {
		src := b.static[p]
		if src.err != nil {
			errs.Add(src.err)
			continue
		}
		name := strings.TrimPrefix(p, "static/")
		if a, ok := b.assets["/"+name]; ok {
			name = strings.TrimPrefix(a, "/")
		}
		if s.byURL[urlOf(name)] != nil {
			errs.Add(diag.Errorf(p, 0, "a page is already published at /%s; rename this file", name))
			continue
		}
		if _, ok := made[name]; ok {
			errs.Add(diag.Errorf(p, 0, "rollout writes /%s itself; remove this file (see the README's Publishing section)", name))
			continue
		}
		out[name] = src.out
	}
	return out, errs.Err()
}
