// Package frontmatter reads the front matter of a page: YAML between
// "---" lines or TOML between "+++" lines at the top of a Markdown file,
// decoded strictly into [Meta].
//
// Every key is declared once, in metaKeys (keys.go): its name, its type,
// whether only the home page may set it, and its meaning. The YAML and the
// TOML decoder both check every key against that table, so the two give
// the same messages at the same lines: an unknown key with the known key
// it most resembles, a key given twice, a value of the wrong type, a site
// setting on a page other than the home page. A key whose value is a list
// of entries (languages) has each problem of an entry at the entry's or
// its key's line. Lines count from the top of the file. Adding a key is
// one field of Meta and one line of metaKeys.
//
// A syntax error says what to write, with the line as it should be: in
// YAML see package yamldoc; in TOML, text without quotes, a YAML "key:
// value" line, a quote never closed, a quote inside text in the same
// quotes (tomlSyntax).
package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	adrg "github.com/adrg/frontmatter"

	"rollout/internal/diag"
)

// maxMetaProblems is how many problems one front matter reports; a page
// with more is not front matter gone slightly wrong, and finding where each
// TOML key is written costs a pass over the whole front matter.
const maxMetaProblems = 20

// metaDecoder fills a Meta from the keys of one front matter, whichever
// its syntax, and collects the problems.
type metaDecoder struct {
	path  string
	home  bool // the home page, which may set the site's settings
	toml  bool
	m     *Meta
	errs  diag.List
	extra bool // problems beyond maxMetaProblems were left out
}

// errorf adds a problem at line:col (col 0 when unknown).
func (d *metaDecoder) errorf(line, col int, format string, args ...any) {
	if len(d.errs) >= maxMetaProblems {
		if !d.extra {
			d.extra = true
			d.errs = append(d.errs, &diag.Error{Path: d.path, Line: line, Col: col, Msg: "the front matter has more problems from here on; fix the ones above first"})
		}
		return
	}
	d.errs = append(d.errs, &diag.Error{Path: d.path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// unknown adds the problem of a key that metaKeys does not have.
func (d *metaDecoder) unknown(line, col int, name string) {
	d.errorf(line, col, "%s", unknownKey(name, "front matter", metaKeyNames))
}

// unknownKey is the problem of the key name, which is not one of the
// known keys of what ("front matter", "a language"). A name much longer
// than every known key is no misspelling of one, and is quoted only in
// part.
func unknownKey(name, what string, known []string) string {
	s := ""
	if len(name) <= maxNameShown {
		s = diag.Suggest(name, known)
	}
	if s != "" {
		return fmt.Sprintf("unknown key %q in %s; did you mean %q?", name, what, s)
	}
	return fmt.Sprintf("unknown key %q in %s; known keys are %s", shortName(name), what, strings.Join(known, ", "))
}

// twice adds the problem of a key given a second time.
func (d *metaDecoder) twice(line, col int, name string, firstLine int) {
	d.errorf(line, col, "%s", givenTwice(name, firstLine))
}

// givenTwice is the problem of the key name given a second time, first on
// firstLine (0 when unknown).
func givenTwice(name string, firstLine int) string {
	name = shortName(name)
	if firstLine > 0 {
		return fmt.Sprintf("%q is given twice (first on line %d); keep one", name, firstLine)
	}
	return fmt.Sprintf("%q is given twice; keep one", name)
}

// field decodes the value v of the known key k into Meta and returns what
// is wrong with it.
func (d *metaDecoder) field(k *metaKey, v value) []problem {
	if k.home && !d.home {
		return []problem{{msg: k.name + " is a setting of the whole site; set it in content/_index.md"}}
	}
	return k.value.set(d.m, k.name, v)
}

// report adds problems with the value of a key, which is at line:col.
func (d *metaDecoder) report(line, col int, problems []problem) {
	for _, p := range problems {
		if p.line > 0 {
			d.errorf(p.line, p.col, "%s", p.msg)
		} else {
			d.errorf(line, col, "%s", p.msg)
		}
	}
}

// sampleLine is a line setting key, in the front matter's syntax.
func (d *metaDecoder) sampleLine(key string) string {
	if d.toml {
		return key + " = '...'"
	}
	return key + ": ..."
}

// done checks what only the whole front matter shows, once every key is
// decoded, and returns the problems. keyLine tells the line of a key the
// front matter sets.
func (d *metaDecoder) done(fenceLine int, keyLine func(name string) int) error {
	if len(d.errs) == 0 {
		for _, k := range metaKeys {
			if k.required && k.value.blank(d.m) {
				d.errorf(fenceLine, 0, "the page has no %s; add a line %q to its front matter", k.name, d.sampleLine(k.name))
			}
		}
		for _, k := range metaKeys {
			if k.needs == "" || k.value.blank(d.m) {
				continue
			}
			if n := lookupMetaKey(k.needs); n.value.blank(d.m) {
				d.errorf(keyLine(k.name), 0, "the page sets %s but not %s; add a line %q: %s", k.name, n.name, d.sampleLine(n.name), strings.ReplaceAll(n.doc, "`", "")) // doc is Markdown
			}
		}
	}
	return d.errs.Err()
}

// block is the front matter as found in the file, before decoding.
type block struct {
	format string // "yaml" or "toml"
	data   []byte
}

func capture(format string) adrg.UnmarshalFunc {
	return func(data []byte, v any) error {
		b := v.(*block)
		b.format, b.data = format, data
		return nil
	}
}

var formats = []*adrg.Format{
	adrg.NewFormat("---", "---", capture("yaml")),
	adrg.NewFormat("+++", "+++", capture("toml")),
}

// parseFrontMatter splits src into its front matter, decoded into Meta, and
// the Markdown body, which starts at line bodyLine of the file. src must
// already have LF line ends and no byte-order mark. Meta holds what could
// be decoded even when err is not nil. It is safe for concurrent use.
func Parse(path string, src []byte) (m Meta, body []byte, bodyLine int, err error) {
	// The fence is the first line that is not blank.
	fence, fenceLine := "", 0
	for i, rest := 0, src; len(rest) > 0; i++ {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			fence, fenceLine = string(t), i+1
			break
		}
		rest = after
	}
	if fenceLine == 0 {
		return m, nil, 0, diag.Errorf(path, 1, "the file is empty; a page starts with front matter:\n---\ntitle: Page title\n---\nand then its text in Markdown")
	}
	// adrg/frontmatter copies whatever follows the front matter; it is
	// given only the lines up to the closing fence (the first later line
	// that is the fence alone), and the body is the rest of src.
	head := src
	if end := closingFence(src, fenceLine, fence); end > 0 {
		head = src[:end]
	}
	var b block
	body, err = adrg.MustParse(bytes.NewReader(head), &b, formats...)
	if errors.Is(err, adrg.ErrNotFound) {
		if fence == "---" || fence == "+++" {
			return m, nil, 0, diag.Errorf(path, fenceLine, "the front matter that starts here is never closed; add a line with %s after its last key", fence)
		}
		return m, nil, 0, diag.Errorf(path, fenceLine, "the page has no front matter; start the file with three lines:\n---\ntitle: Page title\n---")
	}
	if err != nil {
		return m, nil, 0, diag.Errorf(path, 0, "%v", err)
	}
	body = src[len(head)-len(body):]
	bodyLine = bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1
	d := metaDecoder{path: path, home: path == "content/_index.md", toml: b.format == "toml", m: &m}
	if d.toml {
		err = d.decodeTOML(b.data, fenceLine+1, fenceLine)
	} else {
		err = d.decodeYAML(b.data, fenceLine+1, fenceLine)
	}
	return m, body, bodyLine, err
}

// closingFence returns the offset just after the line that closes the
// front matter opened by fence on line fenceLine, or 0 if none does.
func closingFence(src []byte, fenceLine int, fence string) int {
	off := 0
	for i := 1; off < len(src); i++ {
		line, _, _ := bytes.Cut(src[off:], []byte("\n"))
		off += len(line) + 1
		if i > fenceLine && string(bytes.TrimSpace(line)) == fence {
			return min(off, len(src))
		}
	}
	return 0
}
