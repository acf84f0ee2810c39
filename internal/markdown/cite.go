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
// is left as it is.

// citeKey holds a conversion's *citations in goldmark's parser context.
var citeKey = parser.NewContextKey()

// citations is what one conversion cites from.
type citations struct {
	sched    *schedule.Schedule // nil when the schedule has errors of its own
	problems []citeProblem
}

type citeProblem struct {
	offset int // in the Markdown body
	msg    string
}

// MayCite reports whether a Markdown source may cite the schedule, so
// that it is converted again when the schedule changes.
func MayCite(src []byte) bool {
	return bytes.Contains(src, []byte("{month of ")) || bytes.Contains(src, []byte("{first month}")) || bytes.Contains(src, []byte("{last month}"))
}

type citeParser struct{}

func (citeParser) Trigger() []byte { return []byte{'{'} }

func (citeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	end := bytes.IndexByte(line, '}')
	if end < 0 {
		return nil
	}
	inner := string(line[1:end])
	name, isMonthOf := strings.CutPrefix(inner, "month of ")
	if !isMonthOf && inner != "first month" && inner != "last month" {
		return nil
	}
	block.Advance(end + 1)
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
		name = strings.TrimSpace(name)
		if w, _ = c.sched.Find(name); w == nil {
			c.problems = append(c.problems, citeProblem{seg.Start, fmt.Sprintf(
				"{month of %s}: there is no area or unit %q in content/schedule.yaml; use a name listed there", name, name)})
			return ast.NewString([]byte("{" + inner + "}"))
		}
	}
	return ast.NewString([]byte(when(w)))
}

// when names a wave's time in prose: "May" for a month, "October 25 to
// December 1, 2018" for a range of days.
func when(w *schedule.Wave) string {
	if w.ByMonth {
		return w.Start.Format("January")
	}
	return w.Label()
}
