package site

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"rollout/internal/diag"
)

// The guidance text of a new page: rollout new writes these sentences into
// the page it starts, each on a line of its own, for its author to replace
// with the page's own text. They are written down here alone, so that what
// rollout new writes and what the build looks for cannot drift apart: a
// page that still has one of them, even wrapped over several lines, gets a
// warning from every build (see guidanceLeft), which rollout check turns
// into a problem for a page that is not a draft.
const (
	// GuidanceIntro starts a new FAQ page.
	GuidanceIntro = "Replace this line with a sentence or two on what these questions cover."
	// GuidanceQuestion is the sample question of a new FAQ page, written
	// after "## ".
	GuidanceQuestion = "What is the first question?"
	// GuidanceAnswer is the sample question's answer.
	GuidanceAnswer = `Replace this line with its answer, in a paragraph or a list; each question is a "##" heading, and its answer is the text under it.`
	// GuidanceText is the text of any other new page.
	GuidanceText = "Replace this line with the page's own text, in Markdown."
	// GuidancePublish ends every new page, which starts as a draft.
	GuidancePublish = "Remove `draft: true` above, and this line, when the page is ready to be published."
)

// guidanceMsg is what the warning for guidance text says.
const guidanceMsg = "still has the guidance text of rollout new: replace it with the page's own text"

// guidanceWarning is the warning for a page that still has guidance text;
// it is a *diag.Error to errors.As.
type guidanceWarning struct{ err *diag.Error }

func (w guidanceWarning) Error() string { return w.err.Error() }
func (w guidanceWarning) Unwrap() error { return w.err }

// IsGuidanceLeft reports whether err, one of [Result.Warnings], is the
// warning for a page that still has the guidance text of rollout new.
func IsGuidanceLeft(err error) bool {
	var w guidanceWarning
	return errors.As(err, &w)
}

// guidanceLeft returns the warning for the page p whose Markdown body
// starts at line bodyLine, when the body still has one of the guidance
// sentences, at the line of the first one (naming the lines of the others),
// or nil. A sentence is found whatever whitespace and line breaks separate
// its words, as an editor may have wrapped it. It is safe for concurrent
// use.
func guidanceLeft(p string, body []byte, bodyLine int) error {
	var at []int // the lines where a sentence begins
	for _, s := range [...]string{GuidanceIntro, GuidanceQuestion, GuidanceAnswer, GuidanceText, GuidancePublish} {
		first, _, _ := strings.Cut(s, " ") // a word, which no wrapping splits
		for i := 0; ; i += len(first) {
			j := bytes.Index(body[i:], []byte(first))
			if j < 0 {
				break
			}
			i += j
			if sameWords(body[i:], s) {
				at = append(at, bodyLine+bytes.Count(body[:i], []byte("\n")))
			}
		}
	}
	if len(at) == 0 {
		return nil
	}
	slices.Sort(at)
	at = slices.Compact(at)
	msg := guidanceMsg
	switch {
	case len(at) == 2:
		msg += fmt.Sprintf(" (also on line %d)", at[1])
	case len(at) > 2:
		msg += " (also on lines " + andList(at[1:]) + ")"
	}
	return guidanceWarning{diag.Errorf(p, at[0], "%s", msg)}
}

// sameWords reports whether text starts with the sentence s, each space of
// s matching one or more whitespace characters (a line break too).
func sameWords(text []byte, s string) bool {
	for s != "" {
		if s[0] != ' ' {
			if len(text) == 0 || text[0] != s[0] {
				return false
			}
			text, s = text[1:], s[1:]
			continue
		}
		n := len(text) - len(bytes.TrimLeftFunc(text, unicode.IsSpace))
		if n == 0 {
			return false
		}
		text, s = text[n:], s[1:]
	}
	return true
}

// andList writes two or more numbers as "3 and 5" or "3, 5 and 7".
func andList(a []int) string {
	s := make([]string, len(a))
	for i, n := range a {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}
