package site

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // link-preview pictures are PNG or JPEG
	_ "image/png"
	"strings"

	"rollout/internal/diag"
)

// Link previews (Facebook, LinkedIn, Slack, Teams, X) show a picture of
// at least this size in full, and a small one or none below it.
const minPictureWidth, minPictureHeight = 1200, 630

// pictureProblems checks the picture each of pages sets (its image key):
// a file of static/ that is published, a PNG or JPEG, large enough for
// link previews. The problems are said at the page's image line.
func (b *Builder) pictureProblems(pages []*Page) []error {
	var problems []error
	for _, p := range pages {
		if p.meta.Image == "" {
			continue
		}
		if problem := b.pictureProblem(p.meta.Image); problem != "" {
			problems = append(problems, diag.Errorf(p.Path, p.imageLine, "image: %s", problem))
		}
	}
	return problems
}

// pictureProblem says what is wrong with the picture at site path u, or
// "". The picture is one of the static files the builder has read; a
// static file with a problem of its own (a link, too large) is reported
// as such, not here.
func (b *Builder) pictureProblem(u string) string {
	name := "static" + u
	for _, part := range strings.Split(strings.TrimPrefix(u, "/"), "/") {
		if Ignored(part) {
			return fmt.Sprintf("%s is not published (names starting with a dot and editors' scratch files are left out); rename it", name)
		}
	}
	src := b.static[name]
	switch {
	case src == nil:
		return fmt.Sprintf("there is no file %s; put the picture there, or write the address of one that is", name)
	case src.err != nil:
		return ""
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(src.out))
	switch {
	case err != nil:
		return fmt.Sprintf("%s is not a PNG or JPEG picture that can be read; save it again as PNG or JPEG", name)
	case cfg.Width < minPictureWidth || cfg.Height < minPictureHeight:
		return fmt.Sprintf("%s is %d x %d pixels; link previews show a picture in full from %d x %d: use a larger one", name, cfg.Width, cfg.Height, minPictureWidth, minPictureHeight)
	}
	return ""
}
