package yamldoc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// splitYAMLError returns the line (0 when none) and the message of an
// error of yaml.Unmarshal.
func splitYAMLError(err error) (int, string) {
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return line, m[2]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// syntaxError returns the line of data (counting from 1) where the YAML
// parser's error err lies, and advice on what to write instead.
//
// yaml.v3 often names another line than the one with the mistake: the
// line where the list or mapping around it began, a line before it, or no
// line at all. The line is found again by parsing ever shorter beginnings
// of data: the mistake is on the last line of the shortest beginning that
// fails with the same message. A message about the end of the text (a
// quote never closed) keeps the parser's line, since every shorter
// beginning ends early too.
func syntaxError(data []byte, first int, err error) (int, string) {
	line, msg := splitYAMLError(err)
	lines := splitLines(string(data))
	if !strings.Contains(msg, "end of stream") {
		line = firstFailing(data, msg)
	}
	line = max(1, min(line, len(lines)))
	return advise(lines, line, first, msg)
}

// firstFailing returns the number of lines of the shortest beginning of
// data that YAML fails to read with the message msg, by bisection.
func firstFailing(data []byte, msg string) int {
	var ends []int // ends[i] is the offset just after line i+1
	for i, b := range data {
		if b == '\n' {
			ends = append(ends, i+1)
		}
	}
	ends = append(ends, len(data))
	fails := func(k int) bool {
		var n yaml.Node
		err := yaml.Unmarshal(data[:ends[k-1]], &n)
		if err == nil {
			return false
		}
		_, m := splitYAMLError(err)
		return m == msg
	}
	lo, hi := 0, len(ends) // lines 1..lo read fine, or with another message; 1..hi fail
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// shape is how a line of block YAML is laid out.
type shape struct {
	indent   int    // spaces before the first "- " or key
	tab      bool   // a tab in the indentation or after a "- "
	dashes   []int  // columns (from 0) of the "- " that start the line
	key      string // the key, for a "key:" or "key: value" line
	keyCol   int
	before   string // the line up to its value
	value    string // the value after "key: ", or the text after the dashes
	content  bool   // not blank, nor only a comment
	quoteEnd string // text right after a closing quote at the start of the value
}

func shapeOf(line string) shape {
	var s shape
	i := 0
	for i < len(line) {
		switch {
		case line[i] == ' ':
			i++
			continue
		case line[i] == '\t':
			s.tab = true
			i++
			continue
		case line[i] == '-' && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			s.dashes = append(s.dashes, i)
			i++
			continue
		}
		break
	}
	if len(s.dashes) > 0 {
		s.indent = s.dashes[0]
	} else {
		s.indent = i
	}
	body := strings.TrimRight(line[i:], " \t")
	s.content = body != "" && body[0] != '#'
	s.before, s.value = line[:i], body
	if body != "" && !strings.ContainsRune("\"'[{#&*!|>%@`", rune(body[0])) {
		if k, v, ok := strings.Cut(body, ": "); ok && !strings.Contains(k, " #") {
			s.key, s.keyCol, s.value = k, i, strings.TrimLeft(v, " ")
			s.before = line[:i+len(k)+2]
		} else if strings.HasSuffix(body, ":") {
			s.key, s.keyCol, s.value = strings.TrimSuffix(body, ":"), i, ""
		}
	}
	if v := s.value; v != "" && (v[0] == '"' || v[0] == '\'') {
		if end := closingQuote(v); end > 0 {
			s.quoteEnd = strings.TrimSpace(v[end:])
		}
	}
	return s
}

// closingQuote returns the offset just after the quote that closes the
// quoted text at the start of v, or 0 if v does not close it.
func closingQuote(v string) int {
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return i + 1
		}
	}
	return 0
}

// flowEnd returns the offset just after the bracket or brace that closes
// the one v starts with, or 0 if v does not start with one or does not
// close it. Quotes inside are skipped.
func flowEnd(v string) int {
	if v == "" || (v[0] != '[' && v[0] != '{') {
		return 0
	}
	depth := 0
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i + 1
			}
		case '"', '\'':
			if end := closingQuote(v[i:]); end > 0 {
				i += end - 1
			}
		}
	}
	return 0
}

// textAfterFlow reports whether v is a list in brackets or keys in
// braces followed by more text: "[x] Lab".
func textAfterFlow(v string) bool {
	e := flowEnd(v)
	if e == 0 {
		return false
	}
	rest := strings.TrimSpace(v[e:])
	return rest != "" && !strings.ContainsRune("#:,]}", rune(rest[0]))
}

// advise returns the line of a syntax error and what to do about it,
// given the parser's message msg and the line it was found at. Lines
// count from 1 at the top of lines; lines named in the advice count from
// first, as in the file.
func advise(lines []string, line, first int, msg string) (int, string) {
	s := shapeOf(lines[line-1])
	switch {
	case s.tab || strings.Contains(msg, "tab character"):
		return line, "a tab is used for indentation here; indent with spaces only"

	case strings.Contains(msg, "cannot start any token"), strings.HasPrefix(msg, "unknown anchor"):
		if s.value != "" && strings.ContainsRune("@`%*", rune(s.value[0])) {
			what := ""
			if s.value[0] == '*' {
				what = " (YAML reads it as a reference to an anchor)"
			}
			return line, fmt.Sprintf("a value cannot start with %q%s; put the whole value in quotes: %s", s.value[:1], what, quoted(s.before, s.value))
		}
		if strings.HasPrefix(msg, "unknown anchor") {
			return line, msg
		}
		return line, msg + " (indent with spaces, not tabs, and quote values that start with @ or `)"

	case s.quoteEnd != "" && s.quoteEnd[0] != '#' && s.quoteEnd[0] != ':' && s.quoteEnd[0] != ',':
		return line, fmt.Sprintf("text follows the closing quote; put all of the text in quotes: %s", quoted(s.before, s.value))

	case textAfterFlow(s.value):
		return line, fmt.Sprintf("a value cannot start with %q unless it is a list or a set of keys; put the whole value in quotes: %s", s.value[:1], quoted(s.before, s.value))

	case strings.Contains(msg, "end of stream") && strings.Contains(msg, "found unexpected end"):
		for i, l := range lines {
			if t := shapeOf(l); t.value != "" && (t.value[0] == '"' || t.value[0] == '\'') && closingQuote(t.value) == 0 {
				return i + 1, fmt.Sprintf("the quote that starts here is never closed; end the text with %c on this line", t.value[0])
			}
		}
		return line, msg

	case strings.Contains(msg, "mapping values are not allowed"):
		if s.key != "" && (strings.Contains(s.value, ": ") || strings.HasSuffix(s.value, ":")) {
			return line, fmt.Sprintf("the value of %q contains \": \" (a colon and a space); put the whole value in quotes: %s", s.key, quoted(s.before, s.value))
		}
		if p := previous(lines, line); p > 0 {
			ps := shapeOf(lines[p-1])
			if k, v, ok := strings.Cut(ps.value, ":"); ps.key == "" && ok && v != "" && v[0] != ' ' && !strings.ContainsAny(k, " \"'") {
				return p, fmt.Sprintf("put a space after the colon: %s", strings.TrimLeft(ps.before, " ")+k+": "+v)
			}
		}
		if l, m, ok := lineUp(lines, line, first, s); ok {
			return l, m
		}
		return line, `a value contains a colon followed by a space; put the whole value in quotes ("...")`

	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-' indicator"),
		strings.Contains(msg, "block sequence entries are not allowed"), strings.Contains(msg, "did not find expected node content"):
		if l, m, ok := lineUp(lines, line, first, s); ok {
			return l, m
		}
		return line, msg + " (check the indentation of this line and the one above)"
	}
	return line, msg
}

// previous returns the line of the nearest line above line that is not
// blank or a comment, or 0.
func previous(lines []string, line int) int {
	for p := line - 1; p >= 1; p-- {
		if shapeOf(lines[p-1]).content {
			return p
		}
	}
	return 0
}

// lineUp finds, above line, the "- " or key that the "- " or key of line
// (of shape s) most likely belongs with, and says to line the two up.
// ok is false when line is already in line with the nearest of them.
func lineUp(lines []string, line, first int, s shape) (int, string, bool) {
	if !s.content || (len(s.dashes) == 0 && s.key == "") {
		return 0, "", false
	}
	best, bestLine, bestCol := -1, 0, 0
	for p := line - 1; p >= 1 && p >= line-500; p-- {
		ps := shapeOf(lines[p-1])
		if !ps.content {
			continue
		}
		cols := ps.dashes
		if len(s.dashes) == 0 {
			cols = nil
			if ps.key != "" {
				cols = []int{ps.keyCol}
			}
		}
		for _, c := range cols {
			if d := abs(c - s.indent); best < 0 || d < best {
				best, bestLine, bestCol = d, p, c
			}
		}
	}
	if best < 0 && len(s.dashes) == 0 {
		if p := previous(lines, line); p > 0 {
			if ps := shapeOf(lines[p-1]); len(ps.dashes) > 0 && ps.dashes[0] == s.indent {
				return line, fmt.Sprintf("a \"key: value\" line cannot follow the \"- \" items of a list at the same indentation (line %d); start it with \"- \" to make it an item, or indent it under the item it belongs to", p+first-1), true
			}
		}
	}
	if best <= 0 {
		return 0, "", false
	}
	how := "further"
	if s.indent < bestCol {
		how = "less"
	}
	if len(s.dashes) > 0 {
		return line, fmt.Sprintf("this line's \"- \" is indented %s than the one on line %d; line up the two \"- \", with spaces", how, bestLine+first-1), true
	}
	ps := shapeOf(lines[bestLine-1])
	return line, fmt.Sprintf("this line is indented %s than the lines around it; line up %q with %q on line %d, with spaces", how, s.key+":", ps.key+":", bestLine+first-1), true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
