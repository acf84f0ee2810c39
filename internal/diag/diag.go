// Package diag holds the one error type that rollout reports to the people
// who edit content: a problem at a place in a source file.
//
// Every message reads "path:line:col: message" (line and column only when
// known), with the path relative to the site's source folder, so that
// editors and terminals can jump to it. A run collects all problems it finds
// and returns them together with errors.Join.
package diag

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a problem in one source file.
type Error struct {
	Path string // slash-separated, relative to the source folder
	Line int    // 1-based; 0 when the problem concerns the whole file
	Col  int    // 1-based; 0 when unknown
	Msg  string // lower-case, says what is wrong and what to do
}

func (e *Error) Error() string {
	var b strings.Builder
	// A path is one line: its line breaks and tabs are escaped too.
	b.WriteString(Printable(strings.NewReplacer("\n", `\n`, "\t", `\t`).Replace(e.Path)))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(Printable(e.Msg))
	return b.String()
}

// Printable returns s with every control character but line breaks and
// tabs written as an escape such as \x1b, so that no text from a file
// (a name, a bad value quoted in a message) can move the cursor, recolour
// or rewrite the terminal that shows it. Text without them is returned as
// it is.
func Printable(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r == utf8.RuneError && size == 1: // a byte that is not UTF-8
			fmt.Fprintf(&b, `\x%02x`, s[0])
		case unprintable(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[:size])
		}
		s = s[size:]
	}
	return b.String()
}

// unprintable reports whether r would act on a terminal rather than show:
// C0 and C1 control characters and DEL, but not line breaks and tabs, and
// the bidirectional overrides that can make text read backwards.
func unprintable(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Errorf returns an *Error at path:line with a formatted message.
func Errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// List collects problems. The zero value is ready to use; a List is not
// safe for concurrent use.
type List []error

// Add appends err unless it is nil. An error made by errors.Join is
// flattened, so that Err reports each problem once, on its own line.
func (l *List) Add(err error) {
	if err == nil {
		return
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			l.Add(e)
		}
		return
	}
	*l = append(*l, err)
}

// Err returns the problems sorted by file and line, each said once (a
// mistake of a layout is the same on every page it renders), joined with
// errors.Join, or nil when there are none.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	s := append(List(nil), l...)
	sort.SliceStable(s, func(i, j int) bool {
		a, aok := s[i].(*Error)
		b, bok := s[j].(*Error)
		switch {
		case aok && bok:
			if a.Path != b.Path {
				return a.Path < b.Path
			}
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Col < b.Col
		case aok != bok:
			return aok
		}
		return false
	})
	said := make(map[string]bool, len(s))
	once := s[:0]
	for _, e := range s {
		if !said[e.Error()] {
			said[e.Error()] = true
			once = append(once, e)
		}
	}
	return errors.Join(once...)
}

// Suggest returns the word in known that s is most likely a misspelling or
// a shortening of, or "" when none is near enough.
func Suggest(s string, known []string) string {
	s = strings.ToLower(s)
	best, bestDist := "", max(1, len(s)/3)+1
	for _, k := range known {
		lk := strings.ToLower(k)
		if len(s) >= 3 && strings.HasPrefix(lk, s) {
			return k
		}
		if d := Distance(s, lk); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// Distance is the edit distance between a and b, in characters, counting
// an insertion, a deletion, a substitution or a swap of two neighbours as
// one edit (optimal string alignment).
func Distance(as, bs string) int {
	a, b := []rune(as), []rune(bs)
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// CheckUTF8 returns an error at the line of the first byte of text that is
// not UTF-8, text starting at line firstLine of file p, or nil. Such a byte
// would reach the published page as it is, where browsers show it as a
// replacement character (or worse, read the whole page in another
// encoding); files saved as Latin-1 or Windows-1252 have them.
func CheckUTF8(p string, text []byte, firstLine int) error {
	if utf8.Valid(text) {
		return nil
	}
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size == 1 {
			break
		}
		i += size
	}
	line := firstLine + bytes.Count(text[:i], []byte("\n"))
	return Errorf(p, line, "this line is not UTF-8 text; save the file as UTF-8 (in most editors: Save with encoding → UTF-8)")
}

// Normalize drops a UTF-8 byte-order mark and turns CRLF line ends into
// LF, so that a source file gives the same output, and its problems the
// same lines, whichever way an editor saved it.
func Normalize(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if bytes.Contains(b, []byte("\r\n")) {
		b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	}
	return b
}
