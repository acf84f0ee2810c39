package site

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"rollout/internal/diag"
)

// newMinifier returns the minifier of a build. It is safe for concurrent use.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags: true, // <html>, <head> and <body> stay, as readers' tools expect
		KeepEndTags:      true, // no implied end tags: simpler for every parser
	})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify) // includes JSON-LD
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// minifiedTypes are the static files that are minified on the way out.
var minifiedTypes = map[string]string{
	".css": "text/css",
	".js":  "application/javascript",
	".svg": "image/svg+xml",
}

// copyStatic copies static/ to the output's root, minifying CSS, JS and SVG.
// A missing static/ is fine.
func copyStatic(fsys fs.FS, m *minify.M, files map[string][]byte) error {
	var errs diag.List
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "static" && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return diag.Errorf(p, 0, "cannot read: %v", errors.Unwrap(err))
		}
		if p != "static" && Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() {
			errs.Add(diag.Errorf(p, 0, "only plain files can be published; replace this link or special file with the file itself"))
			return nil
		}
		out := strings.TrimPrefix(p, "static/")
		if _, ok := files[out]; ok {
			errs.Add(diag.Errorf(p, 0, "a page is already published at /%s; rename this file", out))
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(diag.Errorf(p, 0, "cannot read: %v", errors.Unwrap(err)))
			return nil
		}
		if mt, ok := minifiedTypes[path.Ext(p)]; ok {
			var buf bytes.Buffer
			if err := m.Minify(mt, &buf, bytes.NewReader(b)); err != nil {
				errs.Add(diag.Errorf(p, 0, "%v", err))
				return nil
			}
			b = buf.Bytes()
		}
		files[out] = b
		return nil
	})
	errs.Add(err)
	return errs.Err()
}
