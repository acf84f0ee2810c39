// Package diag holds the one error type that rollout reports to the people
// who edit content: a problem at a place in a source file.
//
// Every message reads "path:line:col: message" (line and column only when
// known), with the path relative to the site's source folder, so that
// editors and terminals can jump to it. A run collects all problems it finds
// and returns them together with errors.Join.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
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
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
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

// Err returns the problems sorted by file and line, joined with
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
	return errors.Join(s...)
}

// Suggest returns the word in known that is nearest to s, or "" when none
// is near enough to be a likely misspelling.
func Suggest(s string, known []string) string {
	best, bestDist := "", len(s)/2+2
	for _, k := range known {
		if d := distance(strings.ToLower(s), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// distance is the Levenshtein edit distance between a and b.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
