package site

import "strings"

// vagueLinkTexts are link texts that say nothing of where a link leads:
// screen readers list a page's links by their text alone, and search
// engines read the text as what the page linked to is about (Lighthouse's
// link-text audit, which costs a page its SEO score of 100, lists these).
var vagueLinkTexts = map[string]bool{
	"click here": true, "click this": true, "go": true, "here": true, "information": true,
	"learn more": true, "more": true, "more info": true, "more information": true,
	"right here": true, "read more": true, "see more": true, "start": true, "this": true,
}

// vagueLinkText reports whether a link's text says nothing of where it
// leads, such as "Learn more" or "here".
func vagueLinkText(text string) bool {
	return vagueLinkTexts[strings.ToLower(strings.Join(strings.Fields(text), " "))]
}
