package site

import (
	"bytes"
	"errors"
	"path"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"

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
	// JSON files; not JSON-LD in pages, which json.Marshal already wrote compact.
	m.AddFunc("application/json", json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// minifiedTypes are the static files that are minified on the way out.
var minifiedTypes = map[string]string{
	".css": "text/css",
	".js":  "application/javascript",
	".svg": "image/svg+xml",
}

// minifyStatic returns the published bytes of the static file p: CSS, JS
// and SVG minified, everything else as it is.
func minifyStatic(m *minify.M, p string, b []byte) ([]byte, error) {
	mt, ok := minifiedTypes[path.Ext(p)]
	if !ok {
		return b, nil
	}
	var buf bytes.Buffer
	if err := m.Minify(mt, &buf, bytes.NewReader(b)); err != nil {
		var pe *parse.Error
		if errors.As(err, &pe) {
			return nil, &diag.Error{Path: p, Line: pe.Line, Col: pe.Column, Msg: pe.Message + "; fix it, or remove the file"}
		}
		return nil, diag.Errorf(p, 0, "%v", err)
	}
	return buf.Bytes(), nil
}
