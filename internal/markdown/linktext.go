package markdown

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// vagueLinkTexts are link texts that say nothing of where a link leads:
// screen readers list a page's links by their text alone, and search
// engines read the text as what the page linked to is about (Lighthouse's
// link-text audit, which costs a page its SEO score of 100, lists these).
var vagueLinkTexts = map[string]bool{
	"click here": true, "click this": true, "go": true, "here": true, "information": true,
	"learn more": true, "more": true, "more info": true, "more information": true,
	"right here": true, "read more": true, "see more": true, "start": true, "this": true,
}

// VagueLinkText reports whether a link's text says nothing of where it
// leads, such as "Learn more" or "here".
func VagueLinkText(text string) bool {
	return vagueLinkTexts[strings.ToLower(strings.Join(strings.Fields(text), " "))]
}

// vagueLink says, when link n's text says nothing of where it leads, what
// to do; or "". Links to another part of the same page and to e-mail
// addresses are left alone, as Lighthouse leaves them.
func vagueLink(n *ast.Link, src []byte) string {
	dest := string(n.Destination)
	if strings.HasPrefix(dest, "#") || strings.HasPrefix(strings.ToLower(dest), "mailto:") {
		return ""
	}
	text := plainText(n, src)
	if !VagueLinkText(text) {
		return ""
	}
	return fmt.Sprintf("the link text %q says nothing of where it leads, to people who hear a page's links read out and to search engines; write what the reader finds there, as in [the rollout schedule](/schedule/)", text)
}
