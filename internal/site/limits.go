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
