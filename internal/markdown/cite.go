package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"rollout/internal/schedule"
)

// Markdown may cite the schedule, so that prose cannot contradict it:
//
//	{month of CSAIL}   the month (or dates) of the wave an area or unit is in
//	{first month}      the month the rollout begins
//	{last month}       the month it ends
//
// Citations are replaced by text when the page is converted. "month of",
// "first month" and "last month" may be written in any case ({Month of
// CSAIL} starts a sentence), with any spaces between the words; the name
// is read as the area finder reads it (schedule.Schedule.FinderIn).
// These are errors at their line, which say what to write instead:
//
//   - citing a name that is not in content/schedule.yaml;
//   - citing an area with a separate rollout, which has no month;
//   - a near miss: "month" and a name of the schedule with other words
//     than "of" between ({month for CSAIL}, {months of CSAIL}, {monthof
//     CSAIL}), {month of} with no name, and first or last with month and
//     nothing more ({last months}, {first-month}); and a citation with no
//     closing brace before the line or the next brace ends ({month of
//     CSAIL, one cut in two by a line break).
//
// Other text in braces ({like these}, {.class}, placeholders such as
// {Month Year}, {Month 1} or {First Month of Term}) is left as it is, and
// so is a near miss with a brace in it ({month of {x}}). A brace written
// \{ is text, never a citation.
//
// The cost is linear in the page: a '{' that starts no citation is
// passed over after looking at the few bytes that follow it, and one that
// may start one is read only up to the next brace or the end of the line,
// so a line of many thousands of '{' is read once, not once for each.

// citeKey holds a conversion's *citations in goldmark's parser context.
var citeKey = parser.NewContextKey()

// maxCiteProblems is how many wrong citations one page reports.
const maxCiteProblems = 20

// citations is what one conversion cites from.
type citations struct {
	sched    *schedule.Schedule                            // nil when the schedule has errors of its own
	finder   func(string) (*schedule.Wave, *schedule.Area) // sched.FinderIn(lang), made at the first citation
	lang     string                                        // the page's language; "" for English
	problems []citeProblem
	more     bool                        // problems beyond maxCiteProblems were left out
	when     func(*schedule.Wave) string // names a wave's time; nil for English (see when)
}

// An Option changes how a page is converted.
type Option func(*citations)

// MonthsAs has citations name a wave's time with when, instead of in
// English ("May", "October 25 to December 1, 2018"): a page in another
// language names its months in that language. Where when returns "", the
// citation is in English.
func MonthsAs(when func(*schedule.Wave) string) Option {
	return func(c *citations) { c.when = when }
}

type citeProblem struct {
	offset int // in the Markdown body
	msg    string
}

// In converts a page in language lang (English without it): its
// citations read names in lang before names in the others, since a page
// in lang means the place a name has in lang, and its link texts are
// checked against lang's vague ones (see VagueLinkText).
func In(lang string) Option {
	return func(c *citations) { c.lang = lang }
}

// find returns the wave of the area or unit name, as sched.FinderIn(c.lang)
// would.
func (c *citations) find(name string) *schedule.Wave {
	if c.finder == nil {
		c.finder = c.sched.FinderIn(c.lang)
	}
	w, _ := c.finder(name)
	return w
}

// CitationIn returns the first citation of the schedule in s ("{first
// month}"), text outside a page's Markdown such as its title, where
// citations are not read; or "".
func CitationIn(s string) string {
	for i := strings.IndexByte(s, '{'); i >= 0; {
		end := strings.IndexAny(s[i+1:], "{}")
		if end < 0 {
			break
		}
		if inner := s[i+1 : i+1+end]; s[i+1+end] == '}' {
			if kind, _ := citationOf(inner, nil); kind != notCitation && kind != nearMiss {
				return "{" + inner + "}"
			}
		}
		next := strings.IndexByte(s[i+1:], '{')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return ""
}

// names returns a function that tells whether text names a place of the
// schedule, in a wave or with a separate rollout; nil without a schedule.
func (c *citations) names() func(string) bool {
	if c == nil || c.sched == nil {
		return nil
	}
	return func(s string) bool {
		s = strings.TrimSpace(s)
		return s != "" && (c.find(s) != nil || c.findSeparate(s) != nil)
	}
}

// findSeparate returns the separate rollout that name is, or one of its
// units or aliases is, found as the finder finds a wave's areas; or nil.
func (c *citations) findSeparate(name string) *schedule.Area {
	if len(c.sched.Separate) == 0 {
		return nil
	}
	return c.sched.SeparateIn(c.lang)(name)
}

// MayCite reports whether a Markdown source may cite the schedule, so
// that it is converted again when the schedule changes: whether a '{' is
// followed by "month", "first" or "last", in any case.
func MayCite(src []byte) bool {
	for i := 0; i < len(src); i++ {
		j := bytes.IndexByte(src[i:], '{')
		if j < 0 {
			break
		}
		i += j
		if w := citeWordAt(src[i+1:]); w != "" {
			return true
		}
	}
	return false
}

// citeWordAt returns "month", "first" or "last" when b, what follows a
// '{', starts with one of them in any case, after spaces; or "". It looks
// at no more than the spaces and five bytes that follow.
func citeWordAt(b []byte) string {
	b = bytes.TrimLeft(b, " \t")
	for _, w := range [...]string{"month", "first", "last"} {
		if len(b) >= len(w) && strings.EqualFold(string(b[:len(w)]), w) {
			return w
		}
	}
	return ""
}

// The kinds of text in braces.
const (
	notCitation = iota // other text, left as it is
	citeMonthOf        // {month of NAME}
	citeFirst          // {first month}
	citeLast           // {last month}
	nearMiss           // not a citation, though it looks like one was meant
)

// citationOf reads inner, the text between braces, as a citation: its
// kind, and the name a {month of NAME} cites. names tells whether text
// names a place of the schedule (nil without one): text in braces that
// starts with "month" is a near miss only when the rest names one
// ({month for CSAIL}, {months of CSAIL}, {monthof CSAIL}), and otherwise
// a placeholder ({Month Year}, {month number}).
func citationOf(inner string, names func(string) bool) (kind int, name string) {
	s := strings.TrimSpace(inner)
	word, rest := firstWord(s)
	second, rest2 := firstWord(rest)
	switch {
	case strings.EqualFold(word, "month") && strings.EqualFold(second, "of"):
		if rest2 == "" {
			return nearMiss, "" // {month of}: no name
		}
		return citeMonthOf, rest2
	case strings.EqualFold(second, "month") && rest2 == "" && strings.EqualFold(word, "first"):
		return citeFirst, ""
	case strings.EqualFold(second, "month") && rest2 == "" && strings.EqualFold(word, "last"):
		return citeLast, ""
	}
	// {last months}, {first-month}, {Lastmonth}: first or last and month,
	// and nothing more.
	switch lettersOf(s, len("firstmonths")+1) {
	case "firstmonth", "firstmonths", "lastmonth", "lastmonths":
		return nearMiss, ""
	}
	if names == nil || rest == "" {
		return notCitation, ""
	}
	switch {
	case strings.HasPrefix(lettersOf(word, len("month")), "month") && (names(rest) || names(rest2)):
		return nearMiss, ""
	case (strings.EqualFold(word, "first") || strings.EqualFold(word, "last")) && strings.EqualFold(second, "month"):
		// {first month of CSAIL}
		if _, of := firstWord(rest2); names(rest2) || names(of) {
			return nearMiss, ""
		}
	}
	return notCitation, ""
}

// startsFirstOrLast reports whether s starts with the words "first month"
// or "last month", in any case, the second perhaps followed by
// punctuation ({first month, to ...).
func startsFirstOrLast(s string) bool {
	word, rest := firstWord(strings.TrimSpace(s))
	second, _ := firstWord(rest)
	return (strings.EqualFold(word, "first") || strings.EqualFold(word, "last")) &&
		strings.EqualFold(strings.TrimRight(second, ",.;:!?"), "month")
}

// lettersOf returns the first n ASCII letters of s, in lower case, with
// whatever is between them left out.
func lettersOf(s string, n int) string {
	var letters []byte
	for i := 0; i < len(s) && len(letters) < n; i++ {
		if c := s[i] | 0x20; 'a' <= c && c <= 'z' {
			letters = append(letters, c)
		}
	}
	return string(letters)
}

// firstWord splits s, which starts with no space, at its first space:
// the word before it, and the rest without the spaces that follow.
func firstWord(s string) (word, rest string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeftFunc(s[i:], unicode.IsSpace)
}

type citeParser struct{}

func (citeParser) Trigger() []byte { return []byte{'{'} }

func (citeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 2 || citeWordAt(line[1:]) == "" {
		return nil
	}
	end := bytes.IndexAny(line[1:], "{}\r\n")
	if end < 0 {
		end = len(line) - 1
	}
	inner := string(line[1 : 1+end])
	closed := 1+end < len(line) && line[1+end] == '}'
	c, _ := pc.Get(citeKey).(*citations)
	kind, name := citationOf(inner, c.names())
	switch {
	case closed:
	case kind == notCitation && startsFirstOrLast(inner):
		kind = citeFirst // {first month, to May: left open
	case kind == nearMiss && 1+end < len(line) && line[1+end] == '{':
		// Another brace before this one closed, after a near miss: text
		// in braces, or a name with a brace in it ({month of {x}}),
		// left as it is.
		return nil
	}
	switch {
	case kind == notCitation, c == nil:
		return nil
	case !closed:
		c.problem(seg.Start, fmt.Sprintf("%q has no closing \"}\" on its line: a citation of the schedule is written on one line, as {month of NAME}, {first month} or {last month}; close it, or write the text without braces", "{"+excerpt(inner)))
		block.Advance(1 + len(inner))
		return ast.NewString([]byte("{" + inner))
	case kind == nearMiss:
		c.problem(seg.Start, fmt.Sprintf("{%s}: a citation of the schedule is written {month of NAME}, {first month} or {last month}; fix it, or write the text without braces", excerpt(inner)))
		block.Advance(len(inner) + 2)
		return ast.NewString([]byte("{" + inner + "}"))
	}
	block.Advance(len(inner) + 2)
	if c.sched == nil || len(c.sched.Waves) == 0 {
		return ast.NewString([]byte("{" + inner + "}"))
	}
	var w *schedule.Wave
	switch kind {
	case citeFirst:
		w = c.sched.Waves[0]
	case citeLast:
		w = c.sched.Waves[len(c.sched.Waves)-1]
	default:
		if w = c.find(name); w == nil {
			if a := c.findSeparate(name); a != nil {
				c.problem(seg.Start, fmt.Sprintf("{%s}: %s has a separate rollout, with no month in the schedule; write about it without citing a month", inner, a.NameIn(c.lang)))
			} else {
				c.problem(seg.Start, fmt.Sprintf("{%s}: there is no area or unit %q in content/schedule.yaml; use a name listed there", inner, name))
			}
			return ast.NewString([]byte("{" + inner + "}"))
		}
	}
	t := ""
	if c.when != nil {
		t = c.when(w)
	}
	if t == "" {
		t = when(w)
	}
	return ast.NewString([]byte(t))
}

// excerpt returns s, or its start and "..." when it is long, for a message.
func excerpt(s string) string {
	const most = 60 // characters
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	i := 0
	for n := 0; n < most; n++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "..."
}

// problem adds msg, the problem of the citation at offset.
func (c *citations) problem(offset int, msg string) {
	switch {
	case len(c.problems) < maxCiteProblems:
		c.problems = append(c.problems, citeProblem{offset, msg})
	case !c.more:
		c.more = true
		c.problems = append(c.problems, citeProblem{offset, "the page has more citations of the schedule to fix from here on; fix the ones above first"})
	}
}

// when names a wave's time in prose: "May" for a month, "October 25 to
// December 1, 2018" for a range of days.
func when(w *schedule.Wave) string {
	if w.ByMonth {
		return w.Start.Format("January")
	}
	return w.Label()
}
