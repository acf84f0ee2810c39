package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"
	htmlparse "github.com/tdewolff/parse/v2/html"

	"rollout/internal/diag"
)

// newMinifier returns the minifier of a build. It is safe for concurrent use.
func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", &pageMinifier{html.Minifier{
		KeepDocumentTags: true, // <html>, <head> and <body> stay, as readers' tools expect
		KeepEndTags:      true, // no implied end tags: simpler for every parser
	}})
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
	if err := diag.CheckUTF8(p, b, 1); err != nil {
		return nil, err
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

// pageMinifier is the HTML minifier with its character references
// (&quot;, &ldquo;, &#39; ...) replaced beforehand. The minifier replaces
// each one where it stands and moves the rest of its text along, which
// costs as much as the text is long: minutes for a paragraph of many
// thousands of quotation marks, which the Markdown makes into &ldquo; and
// &rdquo;. Replacing them beforehand, the same way, into a new buffer
// costs one pass, and leaves the minifier nothing to replace.
type pageMinifier struct{ html.Minifier }

func (p *pageMinifier) Minify(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	// A page comes in a bytes.Buffer, whose bytes are read in place, here
	// and by the minifier, rather than copied.
	var src []byte
	if buf, ok := r.(*bytes.Buffer); ok {
		src = buf.Bytes()
	} else {
		var err error
		if src, err = io.ReadAll(r); err != nil {
			return err
		}
	}
	// The minifier's own cost is at most one move of the page per
	// reference: below the bound, replacing beforehand costs more than it
	// saves (a second lexing of every page).
	if n := bytes.Count(src, []byte("&")); n > 0 && n*len(src) > maxMinifyMoves {
		var err error
		if src, err = replaceReferences(src); err != nil {
			return err
		}
	}
	return p.Minifier.Minify(m, w, bytes.NewBuffer(src), params)
}

// Bounds on the work left to the minifier once the references are
// replaced. A replacement can spell out a new reference (&am&#112;;
// becomes &amp;), so replacing is repeated, up to maxReferencePasses
// times; what then remains costs the minifier a move of the rest of its
// text, and must stay under maxMinifyMoves bytes moved.
const (
	maxReferencePasses = 4
	maxMinifyMoves     = 1 << 27
)

// replaceReferences returns the page src with the character references in
// its text and attribute values replaced as the HTML minifier (v2.24) would
// replace them: the text outside <pre>, <script>, <style>, <textarea> and
// <iframe>, which the minifier leaves as written, and every attribute
// value, which is written again in the quotes that need escaping least.
func replaceReferences(src []byte) ([]byte, error) {
	out := make([]byte, 0, len(src))
	l := htmlparse.NewLexer(parse.NewInputBytes(src))
	raw, inPre := false, false // as the minifier's rawTagHash and inPre
	for {
		tt, data := l.Next()
		switch tt {
		case htmlparse.ErrorToken:
			if l.Err() != io.EOF {
				return src, nil // the minifier reports it
			}
			return out, nil
		case htmlparse.StartTagToken, htmlparse.EndTagToken:
			name := string(bytes.ToLower(l.Text()))
			raw = tt == htmlparse.StartTagToken && (name == "script" || name == "style" || name == "textarea" || name == "iframe")
			if name == "pre" {
				inPre = tt == htmlparse.StartTagToken
			}
		case htmlparse.TextToken:
			if !raw && !inPre && bytes.IndexByte(data, '&') >= 0 {
				text, left := replaceAll(data, textRevEntities)
				if left*len(text) > maxMinifyMoves {
					return nil, tooManyReferences(len(text))
				}
				out = append(out, text...)
				continue
			}
		case htmlparse.AttributeToken:
			val := l.AttrVal()
			if bytes.IndexByte(val, '&') >= 0 && bytes.HasSuffix(data, val) {
				out = append(out, data[:len(data)-len(val)]...)
				v, err := attrValue(val)
				if err != nil {
					return nil, err
				}
				out = append(out, v...)
				continue
			}
		}
		out = append(out, data...)
	}
}

// textRevEntities is the minifier's html.TextRevEntitiesMap: the
// characters that text keeps as references.
var textRevEntities = map[byte][]byte{'<': []byte("&lt;")}

// attrValue returns the attribute value val (in quotes, or not) with its
// references replaced, in quotes.
func attrValue(val []byte) ([]byte, error) {
	orig := byte('"')
	if len(val) > 1 && (val[0] == '"' || val[0] == '\'') && val[len(val)-1] == val[0] {
		orig, val = val[0], val[1:len(val)-1]
	}
	v, left := replaceAll(val, nil)
	// The quotes of the kind there are fewer of are written &#34; or
	// &#39;; the minifier replaces each, and writes it again. Without
	// either, the value keeps its quotes, as the minifier keeps them.
	doubles, singles := bytes.Count(v, []byte{'"'}), bytes.Count(v, []byte{'\''})
	q, esc, n := byte('"'), []byte("&#34;"), doubles
	if singles < doubles || singles == doubles && orig == '\'' {
		q, esc, n = '\'', []byte("&#39;"), singles
	}
	if (left+n)*len(v) > maxMinifyMoves {
		return nil, tooManyReferences(len(v))
	}
	out := make([]byte, 0, len(v)+2+4*n)
	out = append(out, q)
	for {
		i := bytes.IndexByte(v, q)
		if i < 0 {
			break
		}
		out = append(out, v[:i]...)
		out = append(out, esc...)
		v = v[i+1:]
	}
	out = append(out, v...)
	return append(out, q), nil
}

func tooManyReferences(n int) error {
	return fmt.Errorf("a text of %d characters on this page has too many quotation marks, ampersands (&) or character references (&...;) to be published quickly; "+
		"if it is the page's title or description, an image description or a link title, shorten it, or use fewer of both kinds of quotation marks (\" and ')", n)
}

// replaceAll replaces the references in b as the minifier would, in up
// to maxReferencePasses passes, and returns the result and how many
// references the minifier would still replace.
func replaceAll(b []byte, rev map[byte][]byte) ([]byte, int) {
	n := 0
	for range maxReferencePasses {
		if b, n = replaceEntities(b, rev); n == 0 {
			break
		}
	}
	if n > 0 {
		_, n = replaceEntities(b, rev)
	}
	return b, n
}

// replaceEntities returns b with its character references replaced as
// parse.ReplaceEntities (tdewolff/parse v2.8) replaces them with the
// minifier's html.EntitiesMap and the reverse map rev, and how many it
// replaced. It writes into a new slice, so it costs one pass over b where
// parse.ReplaceEntities moves the rest of b for each reference.
func replaceEntities(b []byte, rev map[byte][]byte) ([]byte, int) {
	out := make([]byte, 0, len(b))
	n := 0
	for i := 0; i < len(b); i++ {
		if b[i] != '&' || i+3 >= len(b) {
			out = append(out, b[i])
			continue
		}
		r, end := entity(b, i, rev)
		if r == nil {
			out = append(out, b[i:end+1]...)
		} else {
			out = append(out, r...)
			n++
		}
		i = end
	}
	return out, n
}

// entity reads the reference that starts at b[i] ('&', with three bytes
// after it) as tdewolff/parse's replaceEntities does. It returns what
// replaces it, or nil to keep it, and the offset of its last byte, after
// which reading goes on.
func entity(b []byte, i int, rev map[byte][]byte) ([]byte, int) {
	const maxEntityLength = 31 // CounterClockwiseContourIntegral
	var r []byte
	j := i + 1
	if b[j] == '#' {
		j++
		if b[j] == 'x' {
			j++
			c := 0
			// As parse's, c overflows for a long run of digits.
			for ; j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] >= 'a' && b[j] <= 'f' || b[j] >= 'A' && b[j] <= 'F'); j++ {
				if b[j] <= '9' {
					c = c<<4 + int(b[j]-'0')
				} else if b[j] <= 'F' {
					c = c<<4 + int(b[j]-'A') + 10
				} else {
					c = c<<4 + int(b[j]-'a') + 10
				}
			}
			if j <= i+3 || 10000 <= c {
				return nil, j - 1
			}
			if c < 128 {
				r = []byte{byte(c)}
			} else {
				r = strconv.AppendInt([]byte("&#"), int64(c), 10)
				r = append(r, ';')
			}
		} else {
			c := 0
			for ; j < len(b) && c < 128 && b[j] >= '0' && b[j] <= '9'; j++ {
				c = c*10 + int(b[j]-'0')
			}
			if j <= i+2 || 128 <= c {
				return nil, j - 1
			}
			r = []byte{byte(c)}
		}
	} else {
		for ; j < len(b) && j-i-1 <= maxEntityLength && b[j] != ';'; j++ {
			if !(b[j] >= '0' && b[j] <= '9' || b[j] >= 'a' && b[j] <= 'z' || b[j] >= 'A' && b[j] <= 'Z') {
				break
			}
		}
		if len(b) <= j || j == i+1 || b[j] != ';' {
			return nil, i
		}
		var ok bool
		if r, ok = html.EntitiesMap[string(b[i+1:j])]; !ok {
			return nil, j
		}
	}
	// j is at the semicolon
	if j >= len(b) || b[j] != ';' || j+1-i <= 2 {
		return nil, i
	}
	if len(r) == 1 {
		if q, ok := rev[r[0]]; ok {
			if bytes.Equal(q, b[i:j+1]) {
				return nil, j
			}
			r = q
		} else if r[0] == '&' {
			// &amp; before what could make it a reference stays
			if k := j + 1; k < len(b) && (b[k] >= '0' && b[k] <= '9' || b[k] >= 'a' && b[k] <= 'z' || b[k] >= 'A' && b[k] <= 'Z' || b[k] == '#') {
				return nil, k
			}
		}
	}
	return r, j
}
