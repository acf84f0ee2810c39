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
		name := publishedName(strings.TrimPrefix(p, "static"))
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
// where a page of s, another static file or a file made is.
func (b *Builder) staticFiles(s *Site, made map[string][]byte) (map[string][]byte, error) {
	names, errs := b.staticNames(s)
	if len(errs) > 0 {
		// As a full build reports them, from assemble, where it stops.
		return nil, errs.Err()
	}
	out := make(map[string][]byte, len(names))
	for _, p := range sortedKeys(names) {
		name := names[p]
		if _, ok := made[name]; ok {
			errs.Add(diag.Errorf(p, 0, "rollout writes /%s itself; remove this file (see the README's Publishing section)", name))
			continue
		}
		out[name] = b.static[p].out
	}
	return out, errs.Err()
}

// staticNames returns the output file of each static file that can be
// published, by source path, and the problems of the others: their own
// (name, size, syntax), a name that is another's in other Unicode
// characters (see unicodeTwins), or an output file that a page of s or
// another static file already is, capitals aside: the file systems of
// macOS and Windows do not tell a.pdf from A.pdf.
func (b *Builder) staticNames(s *Site) (map[string]string, diag.List) {
	type claim struct{ src, url string }
	claims := map[string]claim{} // by lower-cased output file
	for _, p := range s.Pages {
		claims[strings.ToLower(p.Out)] = claim{p.Path, p.URL}
	}
	paths := sortedKeys(b.static)
	twins, twin := unicodeTwins(paths)
	errs := diag.List(twins)
	names := map[string]string{}
	for _, p := range paths {
		src := b.static[p]
		if src.err != nil {
			errs.Add(src.err)
			continue
		}
		if twin(p) {
			continue
		}
		name := publishedName(strings.TrimPrefix(p, "static/"))
		if a, ok := b.assets["/"+name]; ok {
			name = strings.TrimPrefix(a, "/")
		}
		key := strings.ToLower(name)
		if c, ok := claims[key]; ok {
			msg := "%s is already published at %s; rename or remove one of them"
			if c.url != urlOf(name) {
				msg = "%s is already published at %s, which differs only in capitals; rename or remove one of them"
			}
			errs.Add(diag.Errorf(p, 0, msg, c.src, c.url))
			continue
		}
		claims[key] = claim{p, urlOf(name)}
		names[p] = name
	}
	return names, errs
}
