package yamldoc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// source is the text of a document, line by line, for the checks that
// yaml.v3's nodes cannot answer alone: where a plain scalar ends, and what
// follows it on its line.
type source struct {
	lines []string // without their line breaks
	first int      // the file line of lines[0]
}

func newSource(data []byte, first int) source {
	return source{lines: splitLines(string(data)), first: first}
}

// splitLines splits s at the line breaks YAML knows: LF, CRLF, CR, NEL and
// the Unicode line and paragraph separators.
func splitLines(s string) []string {
	var lines []string
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '\n', '\u0085', '\u2028', '\u2029':
			lines = append(lines, s[start:i])
			start = i + size
		case '\r':
			lines = append(lines, s[start:i])
			if i+1 < len(s) && s[i+1] == '\n' {
				size++
			}
			start = i + size
		}
		i += size
	}
	return append(lines, s[start:])
}

// line returns file line n, or false if the document does not have it.
func (s source) line(n int) (string, bool) {
	i := n - s.first
	if i < 0 || i >= len(s.lines) {
		return "", false
	}
	return s.lines[i], true
}

// at returns n's line split at n's column: the text before n, and n's
// text with what follows it on the line.
func (s source) at(n *yaml.Node) (before, rest string, ok bool) {
	line, ok := s.line(n.Line)
	if !ok || n.Column < 1 {
		return "", "", false
	}
	// yaml.v3 counts columns in characters, not bytes.
	off := 0
	for range n.Column - 1 {
		if off >= len(line) {
			return "", "", false
		}
		_, size := utf8.DecodeRuneInString(line[off:])
		off += size
	}
	return line[:off], line[off:], true
}

// plain reports whether n is a plain scalar: text written without quotes.
func plain(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Style&^yaml.TaggedStyle == 0 && n.Value != ""
}

// comment returns what follows plain scalar n on its line when that is a
// comment, which YAML cuts from the value: " # Safety" after "Office of
// Health". ok is false when nothing, or no comment, follows n.
func (s source) comment(n *yaml.Node) (after string, ok bool) {
	if !plain(n) {
		return "", false
	}
	_, rest, ok := s.at(n)
	if !ok || !strings.HasPrefix(rest, n.Value) {
		return "", false
	}
	after = strings.TrimRight(rest[len(n.Value):], " \t")
	if t := strings.TrimLeft(after, " \t"); t == after || !strings.HasPrefix(t, "#") {
		return "", false
	}
	return after, true
}

// continued returns the line on which plain scalar n goes on, when YAML
// built n by joining that line to the one n starts on (a line indented
// further than the key or "- " above it continues its text), and the part
// of n that is written on its first line.
func (s source) continued(n *yaml.Node) (line int, head string, ok bool) {
	if !plain(n) {
		return 0, "", false
	}
	_, rest, ok := s.at(n)
	head = strings.TrimRight(rest, " \t")
	if !ok || strings.HasPrefix(head, n.Value) || !strings.HasPrefix(n.Value, head) {
		return 0, "", false
	}
	for l := n.Line + 1; ; l++ {
		text, ok := s.line(l)
		if !ok {
			return 0, "", false
		}
		if strings.TrimSpace(text) != "" {
			return l, head, true
		}
	}
}

// quote writes text as a YAML quoted scalar: in double quotes, or in
// single quotes when it has double quotes or backslashes of its own; text
// with both kinds of quotes goes in double quotes, with a backslash before
// each double quote and backslash of its own.
func quote(text string) string {
	switch {
	case !strings.ContainsAny(text, "\"\\"):
		return `"` + text + `"`
	case !strings.Contains(text, "'"):
		return "'" + text + "'"
	}
	return `"` + escaper.Replace(text) + `"`
}

var escaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// quoteHow says how quote writes text, for advice: "double quotes".
func quoteHow(text string) string {
	q := quote(text)
	switch {
	case q[0] == '\'':
		return "single quotes"
	case q[1:len(q)-1] != text:
		return `double quotes, with a \ before each " inside`
	}
	return "double quotes"
}

// spaced is the line that starts with before (its indentation dropped)
// and then has key, a colon and a space, and value: "- name: MIT Press".
// Where before is not a list item's "- ", it is only key and value.
func spaced(before, key, value string) string {
	b := ""
	if t := strings.TrimSpace(before); strings.HasSuffix(t, "-") {
		b = t + " "
	}
	return b + key + ": " + value
}

// keyWord reports whether k may be a key that lacks the space after its
// colon: a word of letters, digits, "_" and "-", starting with a letter.
func keyWord(k string) bool {
	for i, r := range k {
		if !unicode.IsLetter(r) && (i == 0 || !unicode.IsDigit(r) && r != '_' && r != '-') {
			return false
		}
	}
	return k != ""
}

// noSpace splits text that reads "key:value", a key and its value with
// no space after the colon, such as "description:About the training".
// A web address ("https://...") is no such text.
func noSpace(text string) (key, value string, ok bool) {
	key, value, ok = strings.Cut(text, ":")
	if !ok || !keyWord(key) || value == "" || value[0] == ' ' || value[0] == '\t' || strings.HasPrefix(value, "//") {
		return "", "", false
	}
	return key, value, true
}

// quoted is the line that starts with before (its indentation dropped)
// and then has text in quotes: `- "Office of Health # Safety"`. Where
// before is not a list item's "- " or a key, it is only the quoted text.
func quoted(before, text string) string {
	b := strings.TrimLeft(before, " \t")
	if t := strings.TrimRight(b, " \t"); strings.HasSuffix(t, "-") || strings.HasSuffix(t, ":") {
		return t + " " + quote(text)
	}
	return quote(text)
}
