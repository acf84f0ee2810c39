package frontmatter

import "testing"

// TestParseBaseURL: the base URL, of the -base-url flag or the home page's
// baseURL key, is written into every page: what no reader can see or read
// is refused, as written and as percent-escapes, in the host and the path.
func TestParseBaseURL(t *testing.T) {
	const shape = "must be a path such as /repo/ or an http(s) URL such as https://example.org/repo/"
	tests := []struct {
		name, in       string
		origin, path   string // when it is accepted
		wantErrMessage string // otherwise
	}{
		{"none", "", "", "/", ""},
		{"path", "/repo", "", "/repo/", ""},
		{"url", "https://org.github.io/repo/", "https://org.github.io", "/repo/", ""},
		{"escaped letter", "/caf%C3%A9/", "", "/café/", ""},
		{"letter", "https://café.example/été/", "https://café.example", "/été/", ""},
		{"escaped space", "/my%20repo/", "", "/my repo/", ""},
		{"escaped percent", "/100%25/", "", "/100%/", ""},

		{"escape not UTF-8", "/%92/", "", "", `base URL "/%92/" has %92, which is not UTF-8 text; write the character itself, or its UTF-8 escapes (é is %C3%A9)`},
		{"escapes cut short", "/caf%C3/", "", "", `base URL "/caf%C3/" has %C3, which is not UTF-8 text; write the character itself, or its UTF-8 escapes (é is %C3%A9)`},
		{"escaped percent then not UTF-8", "/%25C3%A9/", "", "", `base URL "/%25C3%A9/" has %A9, which is not UTF-8 text; write the character itself, or its UTF-8 escapes (é is %C3%A9)`},
		{"escape not UTF-8 in the host", "https://ex%E9.org/", "", "", `base URL "https://ex%E9.org/" has %E9, which is not UTF-8 text; write the character itself, or its UTF-8 escapes (é is %C3%A9)`},
		{"escaped line break", "https://a.org/%0A/", "", "", `base URL "https://a.org/%0A/" has %0A, an escaped control character (\n), which cannot be seen; remove it`},
		{"escaped escape", "/%1B[2J/", "", "", `base URL "/%1B[2J/" has %1B, an escaped control character (\x1b), which cannot be seen; remove it`},
		{"escaped C1", "/%C2%85/", "", "", `base URL "/%C2%85/" has %C2%85, an escaped control character (\u0085), which cannot be seen; remove it`},
		{"escaped override", "/a%E2%80%AEb/", "", "", `base URL "/a%E2%80%AEb/" has %E2%80%AE, an escaped control character (\u202e), which cannot be seen; remove it`},
		{"not UTF-8", "/caf\xe9/", "", "", `base URL "/caf\xe9/" is not UTF-8 text; type it again, as UTF-8`},
		{"not UTF-8 in the host", "https://ex\xe9.org/", "", "", `base URL "https://ex\xe9.org/" is not UTF-8 text; type it again, as UTF-8`},
		{"control character", "/a\x1b[2J/", "", "", `base URL "/a\x1b[2J/" has a control character (\x1b), which cannot be seen; remove it`},
		{"control character in the host", "https://a\u0085.org/", "", "", `base URL "https://a\u0085.org/" has a control character (\u0085), which cannot be seen; remove it`},
		{"two slashes", "https://a.org//", "", "", `base URL "https://a.org//" has two slashes in a row (//) in its path, which browsers can read as the start of another site's address; write one / between folders, as in /repo/ or https://example.org/repo/`},
		{"escaped slash", "/%2Fevil.org/", "", "", `base URL "/%2Fevil.org/" has two slashes in a row (//) in its path, which browsers can read as the start of another site's address; write one / between folders, as in /repo/ or https://example.org/repo/`},
		{"relative", "repo/", "", "", `base URL "repo/" ` + shape},
		{"bad escape", "/%zz/", "", "", `base URL "/%zz/" ` + shape},
		{"another scheme", "ftp://a.org/", "", "", `base URL "ftp://a.org/" ` + shape},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, origin, path, err := ParseBaseURL(tt.in)
			switch {
			case tt.wantErrMessage == "" && err != nil:
				t.Fatalf("have error %v", err)
			case tt.wantErrMessage == "" && (origin != tt.origin || path != tt.path || base != origin+path):
				t.Errorf("have %q, %q, %q; want origin %q and path %q", base, origin, path, tt.origin, tt.path)
			case tt.wantErrMessage != "" && (err == nil || err.Error() != tt.wantErrMessage):
				t.Errorf("have error\n%v\nwant\n%s", err, tt.wantErrMessage)
			}
		})
	}
}

// TestBaseURLKey: the home page's baseURL is checked as -base-url is,
// and a problem is at its line.
func TestBaseURLKey(t *testing.T) {
	for _, tt := range []struct{ name, src, want string }{
		{"yaml", "---\ntitle: H\nbaseURL: /%92/\n---\n", `content/_index.md:3:10: baseURL: base URL "/%92/" has %92, which is not UTF-8 text; write the character itself, or its UTF-8 escapes (é is %C3%A9)`},
		{"toml", "+++\ntitle = 'H'\n\nbaseURL = \"/a\\u001b/\"\n+++\n", `content/_index.md:4: baseURL: base URL "/a\x1b/" has a control character (\x1b), which cannot be seen; remove it`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, _, err := Parse("content/_index.md", []byte(tt.src))
			if err == nil || err.Error() != tt.want {
				t.Errorf("have error\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}

// TestFrontMatterNotUTF8: front matter that is not UTF-8, YAML or TOML, is
// an error at the line of the first bad byte, in the project's words
// rather than the parser's.
func TestFrontMatterNotUTF8(t *testing.T) {
	const want = "p.md:3: this line is not UTF-8 text; save the file as UTF-8 (in most editors: Save with encoding → UTF-8)"
	for _, src := range []string{
		"---\ntitle: A\ndescription: caf\xe9\n---\n",
		"+++\ntitle = 'A'\ndescription = 'caf\xe9'\n+++\n",
	} {
		if _, _, _, err := Parse("p.md", []byte(src)); err == nil || err.Error() != want {
			t.Errorf("%q: have %v\nwant %s", src, err, want)
		}
	}
}
