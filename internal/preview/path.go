package preview

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// This file holds how a request path becomes a file of the site, and which
// redirects the server may make.
//
// net/url has already decoded the path once (and net/http has answered
// 400 to an invalid percent-encoding); nothing here decodes it again, so
// %252F stays the three characters %2F. A path is refused, with 404, when
// it cannot name a file without guessing: it holds an encoded slash (%2F),
// a backslash, a control character (NUL, tab, newline, ...), or invalid
// UTF-8, or its ".." segments climb above the root. Empty, "." and ".."
// segments are otherwise cleaned, and the server redirects to the clean
// spelling; every redirect goes through localRedirect, which allows only
// paths of the same origin.

// requestPath returns the clean form of u's path: it starts with "/", has
// no empty, "." or ".." segment, and ends in "/" when u's path names a
// folder (ends in "/", "/." or "/.."). ok is false when the path is
// refused.
func requestPath(u *url.URL) (clean string, ok bool) {
	p := u.Path
	if p == "" && u.Opaque == "" {
		p = "/" // an absolute-form request such as GET http://localhost:1313
	}
	if !strings.HasPrefix(p, "/") || !utf8.ValidString(p) || hasEncodedSlash(u.EscapedPath()) {
		return "", false
	}
	for i := 0; i < len(p); i++ {
		if c := p[i]; c < ' ' || c == 0x7f || c == '\\' {
			return "", false
		}
	}
	parts := strings.Split(p[1:], "/")
	segs := make([]string, 0, len(parts))
	for _, part := range parts {
		switch part {
		case "", ".":
		case "..":
			if len(segs) == 0 {
				return "", false
			}
			segs = segs[:len(segs)-1]
		default:
			segs = append(segs, part)
		}
	}
	clean = "/" + strings.Join(segs, "/")
	switch parts[len(parts)-1] {
	case "", ".", "..":
		if len(segs) > 0 {
			clean += "/"
		}
	}
	return clean, true
}

// hasEncodedSlash reports whether an escaped path holds %2F: a slash that
// could be read as part of a name or as a separator.
func hasEncodedSlash(escaped string) bool {
	return strings.Contains(strings.ToUpper(escaped), "%2F")
}

// location returns the Location header value for a clean path: the path,
// percent-encoded where needed, or "" when it would not surely stay on
// this origin.
func location(clean string) string {
	loc := (&url.URL{Path: clean}).EscapedPath()
	if !localRedirect(loc) {
		return ""
	}
	return loc
}

// localRedirect reports whether loc, a Location header value, can only
// lead to a path of the origin the request was sent to: it is "/", or "/"
// then a character other than "/" and "\" (which browsers read as the
// start of a host), and it holds only printable ASCII without "\" (browsers
// drop tabs and newlines, which could join two slashes).
func localRedirect(loc string) bool {
	if loc != "/" && (len(loc) < 2 || loc[0] != '/' || loc[1] == '/' || loc[1] == '\\') {
		return false
	}
	for i := 0; i < len(loc); i++ {
		if c := loc[i]; c <= ' ' || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}
