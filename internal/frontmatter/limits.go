package frontmatter

import (
	"rollout/internal/diag"
)

// Limits that keep one front matter from taking the build down. Package
// toml needs memory that grows with the square of how deep lists and
// tables are nested inside each other (a page of "a = {b = {c = ..." took
// gigabytes), so the nesting is counted first, in one pass; no key of the
// front matter takes values nested more than two deep (languages, a list
// of tables of text). The places of a list's items (tomlLists) are found
// only after this check, in one more pass.
const (
	maxTOMLNesting = 32 // [ and { inside each other
	maxNameShown   = 60 // bytes of a key that a message quotes
)

// tomlNesting returns the first line of the TOML data (counted from 1)
// whose lists and inline tables are nested deeper than maxTOMLNesting, or
// 0 when none is. Brackets in strings and comments do not count. It reads
// data once.
func tomlNesting(data []byte) int {
	line, depth := 1, 0
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case '\n':
			line++
		case '#': // a comment, to the end of the line
			for i+1 < len(data) && data[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			i, line = skipTOMLString(data, i, line)
		case '[', '{':
			if depth++; depth > maxTOMLNesting {
				return line
			}
		case ']', '}':
			depth = max(depth-1, 0)
		}
	}
	return 0
}

// skipTOMLString returns the offset of the last byte of the string that
// starts at data[i] (a quote), and the line that byte is on. A string
// that is not closed ends at the end of its line, or of data.
func skipTOMLString(data []byte, i, line int) (int, int) {
	q := data[i]
	multi := i+2 < len(data) && data[i+1] == q && data[i+2] == q
	if multi {
		i += 2
	}
	for i++; i < len(data); i++ {
		switch c := data[i]; {
		case c == '\\' && q == '"' && i+1 < len(data):
			i++
			if data[i] == '\n' {
				line++
			}
		case c == '\n' && !multi:
			return i - 1, line // the newline is counted by the caller
		case c == '\n':
			line++
		case c == q && !multi:
			return i, line
		case c == q && i+2 < len(data) && data[i+1] == q && data[i+2] == q:
			// A closing """ may be followed by up to two more quotes,
			// which belong to the string.
			for i+3 < len(data) && data[i+3] == q {
				i++
			}
			return i + 2, line
		}
	}
	return len(data), line
}

// shortName is a key as a message quotes it: cut after maxNameShown
// bytes, at a character's start.
func shortName(s string) string {
	if len(s) <= maxNameShown {
		return s
	}
	n := maxNameShown
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "..."
}

// nestingError is the problem of TOML nested too deep at line.
func nestingError(path string, line int) error {
	return diag.Errorf(path, line, "the values here are nested more than %d levels deep ([ and { inside each other); no front-matter key takes a list or a set of keys: write each key on its own line, key = value", maxTOMLNesting)
}
