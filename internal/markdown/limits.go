package markdown

import (
	"bytes"

	"rollout/internal/diag"
)

// Limits that keep one page from taking the build down. goldmark, like
// every CommonMark parser, slows down more than in proportion on some
// inputs: containers nested very deep, or many thousands of unclosed link
// brackets. Pages past these limits fail with a message instead of
// stalling the build or the preview server; real pages are far below them.
//
// goldmark's typographic quotes read, at every ' or ", the whole run of
// the same mark that starts there: a line of many thousands of quotation
// marks in a row took minutes. maxQuoteRun bounds that work to a few
// passes over the page.
//
// Each heading costs far more memory than a paragraph (its id, and goldmark
// makes room for ten attributes), and each question of a FAQ page more
// again: a page of nothing but headings took over 300 MB. maxHeadings, which
// Convert checks after parsing, where every heading is known, bounds that.
const (
	maxNesting  = 32    // quotes and lists inside each other
	maxBrackets = 5000  // '[' in one page
	maxQuoteRun = 100   // ' or " in a row
	maxHeadings = 2000  // headings in one page
	maxEmphasis = 20000 // '*' and '_' in one page: each may open or close emphasis, which costs memory
)

// Check reports text that is not UTF-8, what would make a page's
// Markdown too slow to convert, and code blocks that are never closed.
func Check(p string, body []byte, bodyLine int) error {
	var errs diag.List
	errs.Add(diag.CheckUTF8(p, body, bodyLine))
	if n := bytes.Count(body, []byte("[")); n > maxBrackets {
		errs.Add(diag.Errorf(p, bodyLine, "the page has %d '[' characters, more than the %d that can be converted quickly; split it into several pages", n, maxBrackets))
	}
	if n := bytes.Count(body, []byte("*")) + bytes.Count(body, []byte("_")); n > maxEmphasis {
		errs.Add(diag.Errorf(p, bodyLine, "the page has %d '*' and '_' characters, more than the %d that can be converted within the memory a page may take; split it into several pages", n, maxEmphasis))
	}
	var fence []byte // the open code fence, or nil
	fenceLine := 0
	for i, line := range bytes.Split(body, []byte("\n")) {
		trimmed := bytes.TrimLeft(line, " ")
		if indent := len(line) - len(trimmed); indent < 4 {
			if f := fenceOf(trimmed); f != nil {
				switch {
				case fence == nil:
					fence, fenceLine = f, bodyLine+i
				case f[0] == fence[0] && len(f) >= len(fence) && len(bytes.TrimSpace(trimmed[len(f):])) == 0:
					fence = nil
				}
				continue
			}
		}
		if fence != nil {
			continue
		}
		if q, n := quoteRun(line); n > maxQuoteRun {
			errs.Add(diag.Errorf(p, bodyLine+i, "this line has %d quotation marks (%c) in a row, more than the %d that can be converted quickly; remove most of them", n, q, maxQuoteRun))
			break
		}
		if d := nesting(line); d > maxNesting {
			errs.Add(diag.Errorf(p, bodyLine+i, "this line is nested %d levels deep (quotes or lists inside each other), more than the %d allowed; flatten it", d, maxNesting))
			break
		}
	}
	if fence != nil {
		errs.Add(diag.Errorf(p, fenceLine, "this code block (%s) is never closed, so the rest of the page would show as code; add a line with %s where it ends", fence, fence))
	}
	return errs.Err()
}

// fenceOf returns the code fence a line starts with: three or more ` or ~.
func fenceOf(line []byte) []byte {
	if len(line) < 3 || (line[0] != '`' && line[0] != '~') {
		return nil
	}
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	if n < 3 || (line[0] == '`' && bytes.IndexByte(line[n:], '`') >= 0) {
		return nil
	}
	return line[:n]
}

// nesting estimates how many containers a line is inside: each '>' and
// each list marker, and every two spaces of indentation before them.
func nesting(line []byte) int {
	depth, spaces, afterMarker := 0, 0, false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ' && afterMarker: // the space that follows a marker
			afterMarker = false
		case c == ' ':
			spaces++
		case c == '\t':
			spaces += 4
		case c == '>', (c == '-' || c == '*' || c == '+') && i+1 < len(line) && line[i+1] == ' ':
			depth++
			afterMarker = true
		default:
			return depth + spaces/2
		}
	}
	return depth + spaces/2
}

// quoteRun returns the quotation mark (' or ") of the longest run of one
// of them in line, and its length.
func quoteRun(line []byte) (byte, int) {
	var q byte
	longest := 0
	for i := 0; i < len(line); {
		c := line[i]
		if c != '\'' && c != '"' {
			i++
			continue
		}
		j := i
		for j < len(line) && line[j] == c {
			j++
		}
		if j-i > longest {
			q, longest = c, j-i
		}
		i = j
	}
	return q, longest
}
