package markdown

import (
	"bytes"
	"fmt"
	"strings"

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
// Citations are replaced by text when the page is converted. Citing a name
// that is not in content/schedule.yaml is an error. Other text in braces
// is left as it is, and so is a name with a brace in it.
//
// The cost is linear in the page: a '{' that starts no citation is
// passed over after looking at the few bytes that follow it, and a
// {month of ...} is read only up to the next brace, so a line of many
// thousands of '{' is read once, not once for each.

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

// MayCite reports whether a Markdown source may cite the schedule, so
// that it is converted again when the schedule changes.
func MayCite(src []byte) bool {
	return bytes.Contains(src, []byte("{month of ")) || bytes.Contains(src, []byte("{first month}")) || bytes.Contains(src, []byte("{last month}"))
}

var (
	monthOf    = []byte("{month of ")
	firstMonth = []byte("{first month}")
	lastMonth  = []byte("{last month}")
)

type citeParser struct{}

func (citeParser) Trigger() []byte { return []byte{'{'} }

func (citeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	var inner string // what is between the braces
	switch {
	case bytes.HasPrefix(line, firstMonth), bytes.HasPrefix(line, lastMonth):
		end := bytes.IndexByte(line, '}')
		inner = string(line[1:end])
	case bytes.HasPrefix(line, monthOf):
		rest := line[len(monthOf):]
		end := bytes.IndexAny(rest, "{}")
		if end < 0 || rest[end] != '}' {
			return nil
		}
		inner = string(line[1 : len(monthOf)+end])
	default:
		return nil
	}
	block.Advance(len(inner) + 2)
	c, _ := pc.Get(citeKey).(*citations)
	if c == nil || c.sched == nil || len(c.sched.Waves) == 0 {
		return ast.NewString([]byte("{" + inner + "}"))
	}
	var w *schedule.Wave
	switch inner {
	case "first month":
		w = c.sched.Waves[0]
	case "last month":
		w = c.sched.Waves[len(c.sched.Waves)-1]
	default:
		name := strings.TrimSpace(strings.TrimPrefix(inner, "month of "))
		if w = c.find(name); w == nil {
			c.problem(seg.Start, name)
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

// problem adds the problem of a citation of name, which the schedule
// does not have, at offset.
func (c *citations) problem(offset int, name string) {
	switch {
	case len(c.problems) < maxCiteProblems:
		c.problems = append(c.problems, citeProblem{offset, fmt.Sprintf(
			"{month of %s}: there is no area or unit %q in content/schedule.yaml; use a name listed there", name, name)})
	case !c.more:
		c.more = true
		c.problems = append(c.problems, citeProblem{offset, "the page cites more names that are not in content/schedule.yaml from here on; fix the ones above first"})
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
