package markdown

import (
	"bytes"
	"fmt"
	"strings"
)

// Markdown that its author meant as markup but that goldmark reads as
// text, and publishes as it was typed, with no error of its own. Convert
// warns at its line:
//
//   - "##Why will some areas...", a heading without the space that
//     CommonMark needs after its #s, at the start of a paragraph's line:
//     it becomes part of the paragraph before it. A #hashtag within a
//     sentence is not one, nor "#1 in...", nor anything in code.
//   - "[the guide](/files/Training Guide.pdf)" and "[rollout
//     schedule](/schedule/": a link that was not made, found as a "](" left
//     in a paragraph's text (not in code): its address has a space, or
//     lacks its closing ")" on the line.
//
// Both look at a few bytes of each line or text; only a warning reads
// the rest of its line.

// unspacedHeading returns how many '#' line, a paragraph's line, starts
// with when they are 1 to 6 followed by text with no space between: a
// heading written without its space. Otherwise, and for a number such
// as "#1", it returns 0.
func unspacedHeading(line []byte) int {
	line = bytes.TrimLeft(line, " \t")
	n := 0
	for n < len(line) && n <= 6 && line[n] == '#' {
		n++
	}
	// One '#' is a hashtag ("#MITcommunity", at the start of a wrapped
	// line) or a number ("#1 in the rankings") as often as a title, which
	// a page takes from its front matter anyway.
	if n < 2 || n > 6 || n == len(line) {
		return 0
	}
	switch line[n] {
	case ' ', '\t', '\r', '\n':
		return 0
	}
	return n
}

// unspacedHeadingMessage says what to do about line, which starts with n
// '#' and no space after them.
func unspacedHeadingMessage(line []byte, n int) string {
	words := strings.Fields(string(line))
	start := words[0]
	if len(words) > 1 {
		start += " " + words[1]
	}
	if len(words) > 2 {
		start += "..."
	}
	hashes := strings.Repeat("#", n)
	switch n {
	case 2:
		return fmt.Sprintf("%q is not a heading: put a space after ## to make it one (on a FAQ page, a question)", excerpt(start))
	}
	return fmt.Sprintf("%q is not a heading: put a space after %s to make it one", excerpt(start), hashes)
}

// unmadeLink returns where "](" is in src[start:stop], the text of an
// ast.Text, or straddles its end (goldmark may end a text at the "]"):
// the offset of its ']', or -1. A "\](" is written to be text.
func unmadeLink(src []byte, start, stop int) int {
	end := min(stop+1, len(src))
	for i := start; i < end; {
		j := bytes.Index(src[i:end], []byte("]("))
		if j < 0 {
			return -1
		}
		at := i + j
		if at == 0 || src[at-1] != '\\' {
			return at
		}
		i = at + 2
	}
	return -1
}

// unmadeLinkMessage says what is wrong with the link (or image) whose
// "](" is at at in src, as the line it is on shows it from its "[" (or,
// with none, from the line's start or the end of the link before it); or
// "" when it starts with "\[", written to be text.
func unmadeLinkMessage(src []byte, at int) string {
	from := bytes.LastIndexByte(src[:at], '\n') + 1
	lineEnd := len(src)
	if i := bytes.IndexByte(src[at:], '\n'); i >= 0 {
		lineEnd = at + i
	}
	if i := bytes.LastIndex(src[from:at], []byte("](")); i >= 0 {
		from += i + 2
	}
	open, bang, hasOpen := from, "", false
	if i := bytes.LastIndexByte(src[from:at], '['); i < 0 {
		open += bytes.LastIndexAny(src[from:at], " \t") + 1 // the word before "]("
	} else {
		open, hasOpen = from+i, true
		switch {
		case open > 0 && src[open-1] == '\\':
			return ""
		case open > from && src[open-1] == '!':
			open, bang = open-1, "!"
		}
	}
	linkText := string(bytes.TrimSpace(bytes.TrimPrefix(src[open+len(bang):at], []byte("["))))
	rest := src[at+2 : lineEnd]
	dest, shown := rest, bytes.TrimSpace(src[open:lineEnd])
	closed := false
	if i := bytes.IndexByte(rest, ')'); i >= 0 {
		dest, shown, closed = rest[:i], bytes.TrimSpace(src[open:at+2+i+1]), true
	}
	dest = bytes.TrimSpace(dest)
	title := ""
	switch {
	case !closed:
		// Where the address ends is not known: up to the first space.
		if i := bytes.IndexAny(dest, " \t"); i >= 0 {
			dest = dest[:i]
		}
	case len(dest) > 1 && (dest[len(dest)-1] == '"' || dest[len(dest)-1] == '\''):
		// [text](address "title"): the title is no part of the address.
		if i := bytes.LastIndex(dest[:len(dest)-1], []byte{' ', dest[len(dest)-1]}); i > 0 {
			dest, title = bytes.TrimSpace(dest[:i]), string(dest[i:])
		}
	}
	dest = bytes.TrimSuffix(bytes.TrimPrefix(dest, []byte("<")), []byte(">"))
	spaced := bytes.ContainsAny(dest, " \t")
	what := "a link that was not made"
	if bang != "" {
		what = "an image that was not shown"
	}
	quoted := fmt.Sprintf("the text %q looks like %s", excerpt(string(shown)), what)
	made, fixed := "", ""
	if hasOpen {
		made = fmt.Sprintf(": %s[%s](<%s>%s)", bang, excerpt(linkText), excerpt(string(dest)), title)
		fixed = fmt.Sprintf(": %s[%s](%s)", bang, excerpt(linkText), excerpt(string(dest)))
	}
	switch {
	case spaced:
		return fmt.Sprintf("%s: an address cannot contain spaces; write <...> around it%s", quoted, made)
	case !closed && bytes.ContainsAny(bytes.TrimSpace(rest), " \t"):
		return fmt.Sprintf("%s: it needs its closing \")\" on the same line, after the address (an address with spaces needs <...> around it, as in [the guide](</files/Training Guide.pdf>))", quoted)
	case !closed:
		return fmt.Sprintf("%s: it needs its closing \")\" on the same line%s", quoted, fixed)
	}
	return quoted + "; write it as [text](address), with no spaces in the address"
}
