package site

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"

	"rollout/internal/diag"
	"rollout/internal/schedule"
	"rollout/internal/yamldoc"
)

// Meta is a page's front matter.
type Meta struct {
	Title       string        // required
	Description string        // one sentence for search engines and link previews
	Weight      int           // order among siblings, smaller first; then by title
	Draft       bool          // left out of the build unless -drafts is given
	Date        schedule.Date // optional, YYYY-MM-DD
	Layout      string        // layouts/<layout>.html instead of the default
	Menu        string        // label in the site's navigation; empty keeps the page out of it

	// Settings of the whole site, only in the home page's front matter.
	BaseURL string // where the site is published, unless -base-url says otherwise
	CNAME   string // a custom domain for GitHub Pages, written to the CNAME file
	Contact string // the e-mail address readers write to
}

var (
	metaKeys = []string{"title", "description", "weight", "draft", "date", "layout", "menu", "baseURL", "cname", "contact"}
	siteKeys = []string{"baseURL", "cname", "contact"}
)

// texts returns where each front matter key that holds text is decoded to.
func (m *Meta) texts() map[string]*string {
	return map[string]*string{
		"title": &m.Title, "description": &m.Description, "layout": &m.Layout, "menu": &m.Menu,
		"baseURL": &m.BaseURL, "cname": &m.CNAME, "contact": &m.Contact,
	}
}

// siteKeyError is the error for a site setting outside the home page.
func siteKeyError(key string) string {
	return fmt.Sprintf("%s is a setting of the whole site; set it in content/_index.md", key)
}

// block is the front matter as found in the file, before decoding.
type block struct {
	format string // "yaml" or "toml"
	data   []byte
}

func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		b := v.(*block)
		b.format, b.data = format, data
		return nil
	}
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture("yaml")),
	frontmatter.NewFormat("+++", "+++", capture("toml")),
}

// parseFrontMatter splits src into its front matter, decoded into Meta, and
// the Markdown body, which starts at line bodyLine of the file. src must
// already have LF line ends and no byte-order mark.
func parseFrontMatter(path string, src []byte) (m Meta, body []byte, bodyLine int, err error) {
	home := path == "content/_index.md"
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
	body, err = frontmatter.MustParse(bytes.NewReader(head), &b, formats...)
	if errors.Is(err, frontmatter.ErrNotFound) {
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
	first := fenceLine + 1
	if b.format == "yaml" {
		err = decodeYAML(path, b.data, first, fenceLine, home, &m)
	} else {
		err = decodeTOML(path, b.data, first, fenceLine, home, &m)
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

func decodeYAML(path string, data []byte, first, fenceLine int, home bool, m *Meta) error {
	doc, err := yamldoc.Parse(path, data, first)
	if err != nil {
		return err
	}
	if doc.Root == nil {
		return diag.Errorf(path, fenceLine, "the front matter is empty; it needs at least a title (title: Page title)")
	}
	texts := m.texts()
	err = doc.Fields(doc.Root, "front matter", metaKeys, func(k string, v *yaml.Node) (err error) {
		if !home && slices.Contains(siteKeys, k) {
			return doc.Errorf(v, "%s", siteKeyError(k))
		}
		if p, ok := texts[k]; ok {
			*p, err = doc.String(v, k)
			return err
		}
		switch k {
		case "weight":
			m.Weight, err = doc.Int(v, k)
		case "draft":
			m.Draft, err = doc.Bool(v, k)
		case "date":
			var s string
			if s, err = doc.String(v, k); err == nil {
				if m.Date, err = schedule.ParseDate(s); err != nil {
					err = doc.Errorf(v, "date: %v", err)
				}
			}
		}
		return err
	})
	return checkMeta(path, fenceLine, m, err)
}

func checkMeta(path string, fenceLine int, m *Meta, err error) error {
	var errs diag.List
	errs.Add(err)
	if err == nil && strings.TrimSpace(m.Title) == "" {
		errs.Add(diag.Errorf(path, fenceLine, "the page has no title; add a line \"title: ...\" to its front matter"))
	}
	if m.BaseURL != "" {
		if _, _, _, err := parseBaseURL(m.BaseURL); err != nil {
			errs.Add(diag.Errorf(path, fenceLine, "baseURL: %v", err))
		}
	}
	if m.Contact != "" && (strings.ContainsAny(m.Contact, " <>\"") || !strings.Contains(m.Contact, "@")) {
		errs.Add(diag.Errorf(path, fenceLine, "contact: %q is not an e-mail address like training@mit.edu", m.Contact))
	}
	if m.CNAME != "" && (strings.ContainsAny(m.CNAME, " /:") || !strings.Contains(m.CNAME, ".")) {
		errs.Add(diag.Errorf(path, fenceLine, "cname: %q is not a domain name like training.example.edu", m.CNAME))
	}
	return errs.Err()
}

func decodeTOML(path string, data []byte, first, fenceLine int, home bool, m *Meta) error {
	var raw map[string]toml.Primitive
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return diag.Errorf(path, pe.Position.Line+first-1, "%s", pe.Message)
		}
		return diag.Errorf(path, fenceLine, "%v", err)
	}
	lineOf := func(key string) int {
		re := regexp.MustCompile(`^\s*["']?` + regexp.QuoteMeta(key) + `["']?\s*=`)
		for i, l := range strings.Split(string(data), "\n") {
			if re.MatchString(l) {
				return first + i
			}
		}
		return fenceLine
	}
	var errs diag.List
	texts := m.texts()
	for _, k := range md.Keys() {
		if len(k) != 1 {
			continue // inside a table: reported with the table's key
		}
		key := k[0]
		line := lineOf(key)
		if !slices.Contains(metaKeys, key) {
			msg := fmt.Sprintf("unknown key %q in front matter", key)
			if s := diag.Suggest(key, metaKeys); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			errs.Add(diag.Errorf(path, line, "%s", msg))
			continue
		}
		if !home && slices.Contains(siteKeys, key) {
			errs.Add(diag.Errorf(path, line, "%s", siteKeyError(key)))
			continue
		}
		v := raw[key]
		var target any
		var want string
		p, isText := texts[key]
		switch {
		case isText:
			target, want = p, "text in quotes"
		case key == "weight":
			target, want = &m.Weight, "a whole number, like 10"
		case key == "draft":
			target, want = &m.Draft, "true or false"
		case key == "date":
			var t time.Time
			var s string
			if md.PrimitiveDecode(v, &t) == nil {
				m.Date = schedule.DateOf(t)
			} else if md.PrimitiveDecode(v, &s) == nil {
				if m.Date, err = schedule.ParseDate(s); err != nil {
					errs.Add(diag.Errorf(path, line, "date: %v", err))
				}
			} else {
				errs.Add(diag.Errorf(path, line, "date must be a day written YYYY-MM-DD"))
			}
			continue
		}
		if md.PrimitiveDecode(v, target) != nil {
			errs.Add(diag.Errorf(path, line, "%s must be %s", key, want))
		}
	}
	return checkMeta(path, fenceLine, m, errs.Err())
}
