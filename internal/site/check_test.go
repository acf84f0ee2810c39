package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestCheck(t *testing.T) {
	fsys := fixture()
	fsys["layouts/base.html"] = &fstest.MapFile{Data: []byte(`<!DOCTYPE html><html><head><title>{{.Title}}</title><link rel="stylesheet" href="{{url "/missing.css"}}"><link rel="icon" href="{{url "/icon.svg"}}"></head><body><a href="{{url "/"}}">home</a>{{template "main" .}}</body></html>`)}
	fsys["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Content}}{{with .Site.Page "/faq/"}}{{.Content}}{{end}}{{end}}`)}
	fsys["static/icon.svg"] = &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`)}
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\n---\n\nSee [the FAQ](/faq/), [a question](/faq/#one),\n[nothing](/nothing/) and [no anchor](/faq/#two).\n\n[Elsewhere](https://example.org/x) and [mail](mailto:a@b.org).\n")}
	// Relative links lead where they do on the page itself, also where the
	// home page shows its text.
	fsys["content/faq/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: FAQ\n---\n\n## One\n\nBack [home](/) and to [a page](page/), [up](../faq/#one).\n\n[Broken relative](nope/)\n")}
	fsys["content/faq/page.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Page\n---\n\nText.\n")}
	fsys["content/lonely.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Lonely\n---\n\nNobody links here.\n")}
	for _, base := range []string{"/", "https://org.github.io/repo/"} {
		t.Run(base, func(t *testing.T) {
			b, err := NewBuilder(fsys, Options{BaseURL: base})
			if err != nil {
				t.Fatal(err)
			}
			res, err := b.Build(nil)
			if err != nil {
				t.Fatal(err)
			}
			cr := b.Check(res)
			var have []string
			for _, p := range cr.Problems {
				have = append(have, p.Error())
			}
			want := []string{
				"content/_index.md:6: link to /nothing/ goes nowhere: there is no page or file at that address",
				"content/_index.md:6: link to /faq/#two: /faq/ has no #two on it",
				"content/faq/_index.md:9: link to nope/ goes nowhere: there is no page or file at that address",
				"content/lonely.md: no page links to /lonely/, so readers cannot find it; link it from another page or give it a menu label (menu: ...)",
				"layouts/base.html: link to /missing.css goes nowhere: there is no page or file at that address (on /faq/ and maybe other pages)",
			}
			if strings.Join(have, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
			}
			if len(cr.External) != 1 || cr.External[0] != "https://example.org/x (in content/_index.md)" {
				t.Errorf("external: %q", cr.External)
			}
		})
	}
}
