package site

import (
	"bytes"
	"io"
	"io/fs"

	"rollout/internal/diag"
)

// Limits that keep one page from taking the build down. goldmark, like
// every CommonMark parser, slows down more than in proportion on some
// inputs: containers nested very deep, or many thousands of unclosed link
// brackets. Pages past these limits fail with a message instead of
// stalling the build or the preview server; real pages are far below them.
const (
	maxSourceSize = 1 << 20  // bytes in a page, the schedule or a layout
	maxStaticSize = 20 << 20 // bytes in a static file
	maxNesting    = 32       // quotes and lists inside each other
	maxBrackets   = 5000     // '[' in one page
)

// readFile reads the source file p: a plain file (a link, even one within
// the site, is refused, so nothing outside the source folder is read) of at
// most limit bytes.
func readFile(fsys fs.FS, p string, limit int64) ([]byte, error) {
	fi, err := fs.Lstat(fsys, p)
	switch {
	case err != nil:
		return nil, diag.Errorf(p, 0, "cannot read: %v", cause(err))
	case !fi.Mode().IsRegular():
		return nil, notPlain(p)
	}
	return readListed(fsys, p, limit)
}

// readListed is readFile for a file that a folder listing or an Lstat has
// just shown to be a plain file, not a link: it skips the Lstat, whose
// lookup of the path costs as much as reading a page.
func readListed(fsys fs.FS, p string, limit int64) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, diag.Errorf(p, 0, "cannot read: %v", cause(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, diag.Errorf(p, 0, "cannot read: %v", cause(err))
	case !fi.Mode().IsRegular():
		return nil, notPlain(p)
	case fi.Size() > limit:
		return nil, tooBig(p, fi.Size(), limit)
	}
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, diag.Errorf(p, 0, "cannot read: %v", cause(err))
	}
	if int64(buf.Len()) > limit { // it grew since the Stat
		return nil, tooBig(p, int64(buf.Len()), limit)
	}
	return buf.Bytes(), nil
}

func tooBig(p string, size, limit int64) error {
	return diag.Errorf(p, 0, "the file is %.1f MB, over the limit of %d MB; split it into smaller files", float64(size)/(1<<20), limit>>20)
}

// notPlain is the error for a link or special file where a file belongs.
func notPlain(p string) error {
	return diag.Errorf(p, 0, "only plain files can be published; replace this link or special file with the file itself")
}

// checkMarkdown reports what would make a page's Markdown too slow to
// convert, and code blocks that are never closed.
func checkMarkdown(p string, body []byte, bodyLine int) error {
	var errs diag.List
	if n := bytes.Count(body, []byte("[")); n > maxBrackets {
		errs.Add(diag.Errorf(p, bodyLine, "the page has %d '[' characters, more than the %d that can be converted quickly; split it into several pages", n, maxBrackets))
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
