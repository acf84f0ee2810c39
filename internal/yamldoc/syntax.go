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
	if s.tab || strings.Contains(msg, "tab character") {
		return line, "a tab is used for indentation here; indent with spaces only"
	}
	// A "key:value" line, or plain text under a "key: value" line, is
	// read as the start of a key whose colon never comes, or as text that
	// a key cannot follow; the mistake is on the line the parser stops
	// at or on the one before.
	colonInValue := s.key != "" && (strings.Contains(s.value, ": ") || strings.HasSuffix(s.value, ":"))
	if keyExpected(msg) {
		near := []int{line}
		if p := previous(lines, line); p > 0 && !colonInValue {
			near = append(near, p)
		}
		for _, l := range near {
			if t := shapeOf(lines[l-1]); t.key == "" && t.content {
				if k, v, ok := noSpace(t.value); ok {
					return l, spaceAfterColon(t.before, k, v)
				}
			}
		}
		for _, l := range near {
			if k, ok := wrapped(lines, l); ok {
				return l, fmt.Sprintf("this line has no \"key:\"; if it continues the line above, join the two lines, or indent it further than %q", k)
			}
		}
	}
	switch {
	case strings.Contains(msg, "cannot start any token"), strings.HasPrefix(msg, "unknown anchor"),
		strings.Contains(msg, "expected alphabetic or numeric character"), strings.Contains(msg, "tag handle"),
		strings.Contains(msg, "tag URI"), strings.Contains(msg, "URI escaped octet"):
		if s.value != "" && strings.ContainsRune("@`%*&!", rune(s.value[0])) {
			what := ""
			switch s.value[0] {
			case '*':
				what = " (YAML reads it as a reference to an anchor)"
			case '&':
				what = " (YAML reads it as an anchor)"
			case '!':
				what = " (YAML reads it as a tag)"
			}
			return line, fmt.Sprintf("a value cannot start with %q%s; put the whole value in quotes: %s", s.value[:1], what, quoted(s.before, s.value))
		}
		if strings.Contains(msg, "cannot start any token") {
			return line, msg + " (indent with spaces, not tabs, and quote values that start with @ or `)"
		}
		return line, msg

	case s.quoteEnd != "" && s.quoteEnd[0] != '#' && s.quoteEnd[0] != ':' && s.quoteEnd[0] != ',':
		if text, ok := inside(s.value); ok {
			return line, fmt.Sprintf("the text has a %c of its own, which ends the quotes early; put the text in %s: %s", s.value[0], quoteHow(text), quoted(s.before, text))
		}
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
		if colonInValue {
			return line, fmt.Sprintf("the value of %q contains \": \" (a colon and a space); put the whole value in quotes: %s", s.key, quoted(s.before, s.value))
		}
		if l, m, ok := underName(lines, line, first, s); ok {
			return l, m
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

// keyExpected reports whether the parser's message msg may be about a
// line that YAML reads as the start of a key or as text where a key
// belongs.
func keyExpected(msg string) bool {
	return strings.Contains(msg, "could not find expected ':'") || strings.Contains(msg, "mapping values are not allowed")
}

// spaceAfterColon is the advice for a key written with no space after
// its colon, on a line that starts with before.
func spaceAfterColon(before, key, value string) string {
	if plainUnsafe(value) {
		value = quote(value)
	}
	return "put a space after the colon: " + spaced(before, key, value)
}

// plainUnsafe reports whether YAML would not read value, written after
// "key: " without quotes, as that text: it starts with a character that
// starts something else (a quote, a reference...) or holds ": " or " #".
// A whole list or set of keys ("[EHS]", "{es: x}") is meant as one.
func plainUnsafe(value string) bool {
	if n := len(value); n > 1 && (value[0] == '[' && value[n-1] == ']' || value[0] == '{' && value[n-1] == '}') {
		return false
	}
	return value != "" && strings.ContainsRune("\"'[]{}#&*!|>%@`-,?", rune(value[0])) ||
		strings.Contains(value, ": ") || strings.Contains(value, " #")
}

// inside returns the text that v, a value in quotes followed by more
// text, was meant to hold, when v also ends with the quote it starts
// with: the writer put the text in quotes, but the text has that quote
// of its own ('MIT's training').
func inside(v string) (string, bool) {
	q := v[0]
	if len(v) < 3 || v[len(v)-1] != q {
		return "", false
	}
	text := v[1 : len(v)-1]
	if q == '\'' {
		text = strings.ReplaceAll(text, "''", "'")
	} else {
		text = strings.ReplaceAll(text, `\"`, `"`)
	}
	return text, true
}

// wrapped reports whether line is plain text without a "key:", right
// below a "key: value" line at the same indentation: a value wrapped onto
// a second line that is not indented further than its key. It returns
// that key.
func wrapped(lines []string, line int) (key string, ok bool) {
	s := shapeOf(lines[line-1])
	if !s.content || s.key != "" || len(s.dashes) > 0 || s.value == "" || strings.ContainsRune("\"'[{&*!|>%@`", rune(s.value[0])) {
		return "", false
	}
	p := previous(lines, line)
	if p == 0 {
		return "", false
	}
	ps := shapeOf(lines[p-1])
	if ps.key == "" || ps.keyCol != s.indent || ps.value == "" || strings.ContainsRune("\"'[{&*!|>", rune(ps.value[0])) {
		return "", false
	}
	return ps.key, true
}

// underName finds, for a "key: value" line (of shape s) that YAML reads
// as more of the text of a "- name" item above it (the line is indented
// further than the "- "), what the line belongs to, and says how to
// write it: as a key of the item before, or under the name written as a
// key, as the items of the same list write theirs. ok is false for any
// other line.
func underName(lines []string, line, first int, s shape) (int, string, bool) {
	p := previous(lines, line)
	if s.key == "" || len(s.dashes) > 0 || p == 0 {
		return 0, "", false
	}
	ps := shapeOf(lines[p-1])
	if ps.key != "" || len(ps.dashes) == 0 || ps.value == "" || strings.ContainsRune("\"'[{&*!|>%@`#", rune(ps.value[0])) ||
		s.indent <= ps.dashes[len(ps.dashes)-1] {
		return 0, "", false
	}
	dash := ps.dashes[len(ps.dashes)-1]
	// The key above that s's key lines up with, within the list.
	owner := 0
	for q := p - 1; q >= 1 && q >= p-500; q-- {
		qs := shapeOf(lines[q-1])
		if !qs.content {
			continue
		}
		if qs.indent < dash {
			break
		}
		if qs.key != "" && qs.keyCol == s.indent {
			owner = q
			break
		}
	}
	// The key that the nearest item of the list written as keys starts
	// with: "name" of "- name: ...".
	nameKey := ""
	for d := 1; d <= 500 && nameKey == "" && (p-d >= 1 || p+d <= len(lines)); d++ {
		for _, q := range []int{p - d, p + d} {
			if q < 1 || q > len(lines) || q == line {
				continue
			}
			if qs := shapeOf(lines[q-1]); qs.key != "" && len(qs.dashes) > 0 && qs.dashes[len(qs.dashes)-1] == dash {
				nameKey = qs.key
				break
			}
		}
	}
	msg := fmt.Sprintf("%q follows %q (line %d), which is a name on its own and cannot have keys", s.key+":", strings.TrimSpace(lines[p-1]), p+first-1)
	if owner > 0 {
		msg += fmt.Sprintf("; if %q belongs to %q on line %d, move line %d below that item's lines", s.key+":", shapeOf(lines[owner-1]).key+":", owner+first-1, p+first-1)
	}
	if nameKey != "" {
		msg += fmt.Sprintf("; to give %q keys of its own, write line %d as: %s", ps.value, p+first-1, spaced(ps.before, nameKey, ps.value))
	}
	return line, msg, true
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
