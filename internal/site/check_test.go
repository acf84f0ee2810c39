package site

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"testing/fstest"
)

// TestCheck: broken links, anchors and assets fail the build, each named
// at its Markdown line or its layout; with them fixed, a page no page links
// to is a warning of the build and a problem of Check, which lists the
// links to other sites.
func TestCheck(t *testing.T) {
	fsys := fixture()
	fsys["layouts/base.html"] = &fstest.MapFile{Data: []byte(`<!DOCTYPE html><html><head><title>{{.Title}}</title><link rel="stylesheet" href="{{url "/missing.css"}}"><link rel="icon" href="{{url "/icon.svg"}}"></head><body><a href="{{url "/"}}">home</a>{{template "main" .}}</body></html>`)}
	fsys["layouts/home.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Content}}{{with .Site.Page "/faq/"}}{{.Content}}{{end}}` + finder + `{{end}}`)}
	fsys["layouts/faq.html"] = &fstest.MapFile{Data: []byte(faqLayout)}
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
			_, err = b.Build(nil)
			want := []string{
				"content/_index.md:6: link to /nothing/ goes nowhere: there is no page or file at that address",
				"content/_index.md:6: link to /faq/#two: /faq/ has no #two on it",
				"content/faq/_index.md:9: link to nope/ goes nowhere: there is no page or file at that address",
				"layouts/base.html: link to /missing.css goes nowhere: there is no page or file at that address (on /faq/ and maybe other pages)",
			}
			if err == nil || err.Error() != strings.Join(want, "\n") {
				t.Fatalf("build error:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
			}
			// BuildTo, which keeps no page, finds the same.
			if _, err := b.BuildTo(func(string, []byte) error { return nil }); err == nil || err.Error() != strings.Join(want, "\n") {
				t.Errorf("BuildTo error:\n%v\nwant:\n%s", err, strings.Join(want, "\n"))
			}

			fixed := maps.Clone(fsys)
			fixed["layouts/base.html"] = &fstest.MapFile{Data: []byte(strings.Replace(string(fsys["layouts/base.html"].Data), "/missing.css", "/icon.svg", 1))}
			fixed["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\n---\n\nSee [the FAQ](/faq/), [a question](/faq/#one).\n\n[Elsewhere](https://example.org/x) and [mail](mailto:a@b.org).\n")}
			fixed["content/faq/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: FAQ\n---\n\n## One\n\nBack [home](/) and to [a page](page/), [up](../faq/#one).\n")}
			b, err = NewBuilder(fixed, Options{BaseURL: base})
			if err != nil {
				t.Fatal(err)
			}
			res, err := b.Build(nil)
			if err != nil {
				t.Fatal(err)
			}
			lonely := "content/lonely.md: no page links to /lonely/, so readers cannot find it; link it from another page or give it a menu label (menu: ...)"
			if have := fmt.Sprint(res.Warnings); have != "["+lonely+"]" {
				t.Errorf("warnings %s, want [%s]", have, lonely)
			}
			cr := b.Check(res)
			if have := fmt.Sprint(cr.Problems); have != "["+lonely+"]" {
				t.Errorf("problems %s, want [%s]", have, lonely)
			}
			if len(cr.External) != 1 || cr.External[0] != "https://example.org/x (in content/_index.md)" {
				t.Errorf("external: %q", cr.External)
			}
			if cr.Pages != 4 || cr.Links == 0 {
				t.Errorf("checked %d pages and %d links, want 4 pages and their links", cr.Pages, cr.Links)
			}
		})
	}
}

// finder and faqLayout keep the promises that Check verifies for any
// content: each area is in a finder, each question has its anchor and is
// in the page's FAQPage data.
const (
	finder    = `{{range .Site.Schedule.Waves}}<ul>{{range .Areas}}<li data-names="{{.Name}}{{range .Includes}}|{{.}}{{end}}">{{.Name}}</li>{{end}}</ul>{{end}}`
	faqLayout = `{{define "main"}}{{.Content}}{{with .Questions}}<script type="application/ld+json">{{$.FAQSchema}}</script>{{end}}{{end}}`
)

// TestCheckPromises: layouts that lose a question's anchor, leave out the
// FAQPage data or an area of the finder fail the check, naming the line a
// reader would look at.
func TestCheckPromises(t *testing.T) {
	sched := "- month: 2018-01\n  areas:\n    - All faculty\n    - name: Research\n      includes: [CSAIL]\n- separate: Lincoln Laboratory\n  note: Its own rollout.\n"
	faq := "---\ntitle: FAQ\n---\n\n## One?\n\nYes.\n\n## Two? {#second}\n\nNo.\n"
	tests := []struct {
		name       string
		home, faqs string // layouts
		want       []string
	}{
		{"kept", `{{define "main"}}` + finder + `{{range .Site.Schedule.Separate}}<p data-names="{{.Name}}">{{.Name}}</p>{{end}}{{end}}`, faqLayout, nil},
		{"no separate rollouts", `{{define "main"}}` + finder + `{{end}}`, faqLayout, []string{
			"content/schedule.yaml:6: Lincoln Laboratory is not in the area finder on /",
		}},
		{"no units", `{{define "main"}}{{range .Site.Schedule.Waves}}{{range .Areas}}<p data-names="{{.Name}}">{{end}}{{end}}{{range .Site.Schedule.Separate}}<p data-names="{{.Name}}">{{end}}{{end}}`, faqLayout, []string{
			"content/schedule.yaml:4: CSAIL is not in the area finder on /",
		}},
		{"no finder", `{{define "main"}}{{end}}`, faqLayout, []string{
			"content/schedule.yaml: no page has the area finder, so readers cannot search the schedule; a layout must list the areas with data-names",
		}},
		{"no FAQPage data", `{{define "main"}}` + finder + `{{range .Site.Schedule.Separate}}<p data-names="{{.Name}}">{{end}}{{end}}`, `{{define "main"}}{{.Content}}{{end}}`, []string{
			"content/faq/_index.md:5: /faq/ has no FAQPage data for search engines; its layout must write .FAQSchema in a script of type application/ld+json",
		}},
		{"an id twice", `{{define "main"}}<h2 id="one">Here</h2>` + finder + `{{range .Site.Schedule.Separate}}<p data-names="{{.Name}}">{{end}}{{with .Site.Page "/faq/"}}{{.Content}}{{end}}{{end}}`, faqLayout, []string{
			"content/_index.md: the id #one is on / more than once, so a link to it may lead to the wrong place; give one of the headings another {#id}, or rename the layout's",
		}},
		{"no anchors", `{{define "main"}}` + finder + `{{range .Site.Schedule.Separate}}<p data-names="{{.Name}}">{{end}}{{end}}`, `{{define "main"}}{{range .Questions}}<h2>{{.Text}}</h2>{{end}}<script type="application/ld+json">{{.FAQSchema}}</script>{{end}}`, []string{
			"content/faq/_index.md:5: question \"One?\" has no anchor #one on /faq/; its layout must write each question's id",
			"content/faq/_index.md:9: question \"Two?\" has no anchor #second on /faq/; its layout must write each question's id",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fixture()
			fsys["content/schedule.yaml"] = &fstest.MapFile{Data: []byte(sched)}
			fsys["content/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Home\nmenu: Home\n---\n\n[FAQ](/faq/)\n")}
			fsys["content/faq/_index.md"] = &fstest.MapFile{Data: []byte(faq)}
			// Every home page links the FAQ, so that it can be reached.
			home := strings.Replace(tt.home, `{{define "main"}}`, `{{define "main"}}{{.Content}}`, 1)
			fsys["layouts/home.html"] = &fstest.MapFile{Data: []byte(home)}
			fsys["layouts/faq.html"] = &fstest.MapFile{Data: []byte(tt.faqs)}
			b, res := firstBuild(t, fsys)
			var have, warned []string
			for _, p := range b.Check(res).Problems {
				have = append(have, p.Error())
			}
			if strings.Join(have, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(tt.want, "\n"))
			}
			// The build warns of the same.
			for _, w := range res.Warnings {
				warned = append(warned, w.Error())
			}
			if strings.Join(warned, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warned, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
