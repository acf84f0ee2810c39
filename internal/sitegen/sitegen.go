// Package sitegen writes synthetic sites for benchmarks: many FAQ pages of
// a few kilobytes each, a schedule of a few hundred areas, and the same
// site laid out for Hugo, so both can be timed on the same Markdown.
package sitegen

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Page returns the Markdown of synthetic FAQ page i of a site of n:
// front matter, six questions (anchors #q0 to #q5) with paragraphs, lists
// and links to questions of other pages of the site. The same i and n
// give the same text.
func Page(i, n int) string {
	r := rand.New(rand.NewPCG(uint64(i), 7))
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: \"Questions, part %d\"\ndescription: \"Answers about the rollout, part %d.\"\nweight: %d\n---\n\n", i, i, i)
	fmt.Fprintf(&b, "These questions cover part %d of the rollout. See [the schedule](/schedule/) and [the process](/faq/).\n\n", i)
	for q := range 6 {
		fmt.Fprintf(&b, "## %s %d.%d? {#q%d}\n\n", questions[r.IntN(len(questions))], i, q, q)
		for range 2 {
			for range 4 {
				b.WriteString(sentences[r.IntN(len(sentences))])
				b.WriteByte(' ')
			}
			b.WriteString("\n\n")
		}
		for k := range 3 {
			fmt.Fprintf(&b, "- %s [%s](/faq/p%05d/#q%d)\n", sentences[r.IntN(len(sentences))], "related", (i+k+1)%n, k)
		}
		b.WriteString("\n")
	}
	return b.String()
}

var questions = []string{
	"When does my area receive the training", "Who sends the email with instructions",
	"How long does the training take", "Can I stop and continue later",
	"What if I was part of the pilot", "Whom do I ask about my department",
}

var sentences = []string{
	"Releases for all schools and areas are phased and occur across the entire month.",
	"At the time of your release, you will receive an email from someone in your area.",
	"The staff rollout occurs gradually across the Spring term, in the order listed.",
	"If you do not see your area listed, please write to the training address.",
	"The program includes examples and scenarios that faculty and staff may face.",
	"You will also become familiar with existing policies and *resources*.",
	"Lincoln Laboratory is conducting a **separate** rollout of its own.",
	"The schedule lists broader areas and schools, not every department.",
}

// Schedule returns a schedule of areas areas over twelve months.
func Schedule(areas int) string {
	var b strings.Builder
	for m := range 12 {
		fmt.Fprintf(&b, "- month: 2019-%02d\n  areas:\n", m+1)
		for a := m; a < areas; a += 12 {
			fmt.Fprintf(&b, "    - name: Area %d\n      includes: [Unit %d-a, Unit %d-b]\n", a, a, a)
		}
		if m == 4 {
			b.WriteString("    - name: Office of the VP for Research\n      includes: [CSAIL]\n") // the shipped pages cite it
		}
	}
	return b.String()
}

// pages are the site's pages besides the synthetic FAQ pages: what the
// layouts name, written here so that benchmarks never depend on the
// repository's content/.
var pages = map[string]string{
	"_index.md":     "---\ntitle: Training for Faculty & Staff\ndescription: When your area gets the training.\nmenu: Home\ncontact: training@example.edu\n---\n\nAll faculty and staff will complete an online training.\n",
	"faq/_index.md": "---\ntitle: Rollout Process\nmenu: Process\nweight: 10\n---\n\n## What is the process?\n\nReleases are phased by month.\n\n## Whom do I ask?\n\nWrite to [training@example.edu](mailto:training@example.edu).\n",
	"schedule.md":   "---\ntitle: Rollout Schedule\nmenu: Schedule\nlayout: schedule\nweight: 20\n---\n\nAdministrators in CSAIL receive the training in {month of CSAIL}.\n",
	"learn-more.md": "---\ntitle: Learn More\ndescription: About the training.\nmenu: Learn more\nweight: 30\n---\n\nSee [the schedule](/schedule/).\n",
	"404.md":        "---\ntitle: Page not found\n---\n\nTry [the home page](/).\n",
}

// Write writes a site of n FAQ pages into dir/rollout (content/, and the
// layouts and static files of the repository at shipped),
// and, when hugo is true, the same pages as a Hugo site into dir/hugo.
func Write(dir, shipped string, n int, hugo bool) error {
	rollout := filepath.Join(dir, "rollout")
	for _, d := range []string{"layouts", "static"} {
		if err := os.CopyFS(filepath.Join(rollout, d), os.DirFS(filepath.Join(shipped, d))); err != nil {
			return err
		}
	}
	for f, text := range pages {
		if err := writeFile(filepath.Join(rollout, "content", f), text); err != nil {
			return err
		}
	}
	sched := Schedule(300)
	if err := writeFile(filepath.Join(rollout, "content", "schedule.yaml"), sched); err != nil {
		return err
	}
	for i := range n {
		if err := writeFile(filepath.Join(rollout, "content", "faq", fmt.Sprintf("p%05d.md", i)), Page(i, n)); err != nil {
			return err
		}
	}
	if !hugo {
		return nil
	}
	h := filepath.Join(dir, "hugo")
	files := map[string]string{
		"config.toml":                  "baseURL = \"/\"\ntitle = \"Training\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n[minify]\n  [minify.tdewolff.html]\n    keepDocumentTags = true\n    keepEndTags = true\n",
		"data/schedule.yaml":           sched,
		"layouts/_default/baseof.html": hugoBase,
		"layouts/_default/single.html": `{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}{{end}}`,
		"layouts/_default/list.html":   `{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}<ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>{{end}}`,
		"layouts/index.html":           `{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}{{range .Site.Data.schedule}}<h3>{{.month}}</h3><ul>{{range .areas}}<li>{{.name}}</li>{{end}}</ul>{{end}}{{end}}`,
		"layouts/404.html":             `{{define "main"}}<h1>Not found</h1>{{end}}`,
		"static/style.css":             "",
	}
	css, err := os.ReadFile(filepath.Join(shipped, "static", "style.css"))
	if err != nil {
		return err
	}
	files["static/style.css"] = string(css)
	for _, f := range []string{"_index.md", "faq/_index.md", "schedule.md", "learn-more.md"} {
		b, _ := os.ReadFile(filepath.Join(rollout, "content", f))
		files["content/"+f] = strings.Replace(string(b), "menu: ", "linkTitle: ", 1)
	}
	for name, data := range files {
		if err := writeFile(filepath.Join(h, name), data); err != nil {
			return err
		}
	}
	for i := range n {
		if err := writeFile(filepath.Join(h, "content", "faq", fmt.Sprintf("p%05d.md", i)), Page(i, n)); err != nil {
			return err
		}
	}
	return nil
}

const hugoBase = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{.Title}}</title>{{with .Description}}<meta name="description" content="{{.}}">{{end}}<link rel="stylesheet" href="{{"style.css" | relURL}}"></head><body><a class="skip" href="#main">Skip to main content</a><header><nav><ul>{{range .Site.Home.Pages}}{{if .LinkTitle}}<li><a href="{{.RelPermalink}}">{{.LinkTitle}}</a></li>{{end}}{{end}}</ul></nav></header><main id="main">{{block "main" .}}{{end}}</main><footer><p>Questions? <a href="mailto:training@mit.edu">training@mit.edu</a></p></footer></body></html>`

func writeFile(p, data string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(data), 0o644)
}
