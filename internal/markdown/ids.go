package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Heading ids. Every heading gets an id, unique within its page and
// never one of the ids its layout writes (Converter's reserved ids):
//
//   - "## Question {#duration}" (or {id=duration}) fixes it by hand: a word
//     of letters, digits, - and _. An id taken by the layout or by an
//     earlier heading of the page gets -1, -2, ... and a warning.
//   - Otherwise it is made from the heading's words, as goldmark makes it
//     ("What if I don’t see my area listed?" becomes
//     what-if-i-dont-see-my-area-listed), so that anchors stay what they
//     have always been. Words in other scripts than Latin's ASCII letters
//     (Chinese, Cyrillic, accented letters...) keep their letters and
//     digits, lower-cased, with single hyphens between words; a heading
//     with no letter or digit at all is section-N, N its place among the
//     page's headings. A repeated id gets -1, -2, ..., silently.
//
// Headings publish no other attribute: goldmark's attribute syntax would
// let a page write class, style, hidden, event handlers and the like.
// Each one is dropped with a warning. Headings are the only Markdown that
// goldmark reads attributes for.
//
// goldmark's own automatic ids (parser.WithAutoHeadingID) are not used:
// they type-assert an id such as {id=2018} or {id=true}, which is not
// text, and panic.

// DefaultReserved returns the ids that the shipped layouts write on every
// page or on the pages that show other pages' Markdown (the home page
// shows the FAQ's questions and the schedule page's text): New reserves
// them when it is given no ids of its own.
func DefaultReserved() []string {
	// main: base.html; process, schedule, learn-more: home.html; by-month:
	// schedule.html; toc-h: faq.html; the rest: partials/schedule.html,
	// and content, which layouts often use for their main part.
	return []string{
		"main", "content", "process", "schedule", "learn-more", "by-month", "toc-h",
		"finder", "find", "find-hint", "find-result", "separate", "separate-h",
	}
}

var idName = []byte("id")

// headingIDs gives one page's headings their ids, in document order.
type headingIDs struct {
	reserved map[string]bool // the layouts' ids; shared and read only
	taken    map[string]int  // id -> line of the heading that has it
	next     map[string]int  // id -> the last suffix given for it, as goldmark keeps
	n        int             // headings so far
}

// assign sets h's id, and removes its other attributes with a warning.
// src is the page's body, line h's line in the file (0 when unknown);
// warn reports a problem at a line.
func (ids *headingIDs) assign(h *ast.Heading, src []byte, line int, warn func(line int, format string, args ...any)) string {
	ids.n++
	if ids.taken == nil {
		ids.taken = make(map[string]int, 8)
	}
	explicit, hasExplicit := "", false
	badID, hasBadID := "", false // an id that is text but not a word
	badValue := false            // an id that is not text: {id=[1]} or {id={a=b}}
	for _, a := range h.Attributes() {
		if string(a.Name) != "id" {
			warn(line, "the attribute %s is not published; only a heading's {#id} is", a.Name)
			continue
		}
		switch s, ok := attrText(a.Value); {
		case !ok:
			badValue = true
		case !validID(s):
			badID, hasBadID = s, true
		default:
			explicit, hasExplicit = s, true
		}
	}
	if h.Attributes() != nil {
		h.RemoveAttributes()
	}
	var id string
	if !hasExplicit {
		var last []byte
		if l := h.Lines(); l.Len() > 0 {
			seg := l.At(l.Len() - 1)
			last = seg.Value(src)
		}
		id = ids.unique(autoID(last, ids.n))
		switch {
		case badValue:
			warn(line, "the id of this heading is not published: it must be a word such as {#duration}, of letters, digits, - and _; this heading is published as #%s", id)
		case hasBadID:
			warn(line, "the id %q is not published: a heading's {#id} is letters, digits, - and _; this heading is published as #%s", badID, id)
		}
	} else {
		id = ids.unique(explicit)
		switch {
		case id == explicit:
		case ids.reserved[explicit]:
			warn(line, "the id #%s is one the page's layout uses; this heading is published as #%s; choose another {#id}", explicit, id)
		default:
			warn(line, "the id #%s is already the id of the heading at line %d; this heading is published as #%s; choose another {#id}", explicit, ids.taken[explicit], id)
		}
	}
	ids.taken[id] = line
	// The id's bytes are never written to again: share them.
	h.SetAttribute(idName, util.StringToReadOnlyBytes(id))
	return id
}

// unique returns base, or base-1, base-2, ... when base is reserved or
// already taken: the first free one, as goldmark's automatic ids do.
func (ids *headingIDs) unique(base string) string {
	if !ids.used(base) {
		return base
	}
	if ids.next == nil {
		ids.next = map[string]int{}
	}
	for i := ids.next[base] + 1; ; i++ {
		if id := base + "-" + strconv.Itoa(i); !ids.used(id) {
			ids.next[base] = i
			return id
		}
	}
}

func (ids *headingIDs) used(id string) bool {
	_, taken := ids.taken[id]
	return taken || ids.reserved[id]
}

// attrText returns an attribute's value as the text it was written as:
// goldmark reads {id=2018} as a number, {id=true} as a boolean and
// {id=null} as nil. Lists and groups, {id=[1]} and {id={a=b}}, are not
// text.
func attrText(v any) (string, bool) {
	switch v := v.(type) {
	case []byte:
		return string(v), true
	case string:
		return v, true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(v), true
	case nil:
		return "null", true
	}
	return "", false
}

// validID reports whether s may be a heading's id: letters and digits of
// any script, - and _, with at least one letter or digit.
func validID(s string) bool {
	word := false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r):
			word = true
		case r == '-', r == '_', unicode.IsMark(r) && word:
		default:
			return false
		}
	}
	return word
}

// autoID makes an id from line, a heading's (last) line of Markdown, the
// heading being the page's nth. It is goldmark's id for a line whose only
// letters and digits are ASCII, so that the anchors of such headings are
// what they have always been; the letters and digits of every script
// otherwise; section-n when there are none.
func autoID(line []byte, n int) string {
	if latinOnly(line) {
		if id := goldmarkID(line); hasASCIIWord(id) {
			return id
		}
	} else if id := slug(line); id != "" {
		return id
	}
	return "section-" + strconv.Itoa(n)
}

// latinOnly reports whether line's non-ASCII characters, if any, are
// punctuation or spaces, such as ’ and —: goldmark's ids leave them out.
func latinOnly(line []byte) bool {
	for i := 0; i < len(line); {
		if line[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		if !unicode.IsPunct(r) && !unicode.IsSpace(r) {
			return false
		}
		i += size
	}
	return true
}

// goldmarkID is the id goldmark v1.8 (parser.ids.Generate) makes of a
// heading's line, before it makes it unique: ASCII letters and digits,
// lower-cased; each space, - and _ a hyphen; everything else left out.
func goldmarkID(value []byte) string {
	value = util.TrimRightSpace(util.TrimLeftSpace(value))
	result := make([]byte, 0, len(value))
	for i := 0; i < len(value); {
		v := value[i]
		l := util.UTF8Len(v)
		i += int(l)
		if l != 1 {
			continue
		}
		if util.IsAlphaNumeric(v) {
			if 'A' <= v && v <= 'Z' {
				v += 'a' - 'A'
			}
			result = append(result, v)
		} else if util.IsSpace(v) || v == '-' || v == '_' {
			result = append(result, '-')
		}
	}
	return util.BytesToReadOnlyString(result) // result is not written to again
}

func hasASCIIWord(id string) bool {
	for i := 0; i < len(id); i++ {
		if util.IsAlphaNumeric(id[i]) {
			return true
		}
	}
	return false
}

// slug returns the letters and digits of line in any script (with the
// marks that go with them, such as Devanagari's vowel signs), lower-cased,
// with one hyphen for each run of spaces, punctuation and symbols between
// them. Apostrophes join: "don’t" is dont, as in goldmark's ids.
func slug(line []byte) string {
	out := make([]byte, 0, len(line))
	gap := false // a hyphen is due before the next letter
	for _, r := range string(line) {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r) && !gap && len(out) > 0:
			if gap && len(out) > 0 {
				out = append(out, '-')
			}
			gap = false
			out = utf8.AppendRune(out, unicode.ToLower(r))
		case r == '\'', r == '’', r == 'ʼ':
		default:
			gap = true
		}
	}
	return string(out)
}
