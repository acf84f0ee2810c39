package site

import (
	"encoding/json"
	"strings"

	"rollout/internal/diag"
	"rollout/internal/schedule"
)

// published is what the link check reads of a built page.
type published struct {
	ids       map[string]bool // every id on the page, and every <a name>
	links     []string        // every link and asset reference, as written in the page, unescaped
	twice     []string        // ids on the page more than once, in order
	faqSchema map[string]bool // the question names in its FAQPage JSON-LD; nil when it has none
	finder    map[string]bool // the names the area finder searches (data-names); nil when it has no finder
}

// promises checks what a site must do for any valid content, on page p,
// whose output is pub: no id is on it twice (the home page shows the text
// of several pages), and on a FAQ page every question has its anchor and
// is in the page's FAQPage data for search engines, and every area, unit
// and separate rollout of the schedule can be found with each area finder
// (see noFinder for a site without one). A problem names the question's or
// the area's line, where a reader would look for it.
func promises(s *Site, p *Page, pub published) []error {
	var problems []error
	for _, id := range pub.twice {
		problems = append(problems, diag.Errorf(p.Path, 0, "the id #%s is on %s more than once, so a link to it may lead to the wrong place; give one of the headings another {#id}, or rename the layout's", id, p.URL))
	}
	if p.IsFAQ() && len(p.Questions) > 0 {
		if pub.faqSchema == nil {
			problems = append(problems, diag.Errorf(p.Path, p.Questions[0].Line, "%s has no FAQPage data for search engines; its layout must write .FAQSchema in a script of type application/ld+json", p.URL))
		}
		for _, q := range p.Questions {
			if !pub.ids[q.ID] {
				problems = append(problems, diag.Errorf(p.Path, q.Line, "question %q has no anchor #%s on %s; its layout must write each question's id", q.Text, q.ID, p.URL))
			}
			if pub.faqSchema != nil && !pub.faqSchema[q.Text] {
				problems = append(problems, diag.Errorf(p.Path, q.Line, "question %q is not in the FAQPage data of %s", q.Text, p.URL))
			}
		}
	}
	if pub.finder != nil && s.Schedule != nil {
		problems = append(problems, findable(s.view(p.Lang()), pub.finder, p.URL)...)
	}
	return problems
}

// noFinder is the problem of a site where no page has the area finder,
// finders being the number of pages that have one; or nil.
func noFinder(s *Site, finders int) error {
	if finders == 0 && s.Schedule != nil && (len(s.Schedule.Waves) > 0 || len(s.Schedule.Separate) > 0) {
		return diag.Errorf("content/schedule.yaml", 0, "no page has the area finder, so readers cannot search the schedule; a layout must list the areas with data-names")
	}
	return nil
}

// findable reports each area, unit and separate rollout of v's schedule
// that the finder on page url, in v's language, cannot find by its name
// in that language.
func findable(v *Site, finder map[string]bool, url string) []error {
	var problems []error
	sched := v.Schedule
	check := func(a *schedule.Area) {
		for _, name := range strings.Split(v.FinderNames(a), "|") {
			if !finder[name] {
				problems = append(problems, diag.Errorf("content/schedule.yaml", a.Line, "%s is not in the area finder on %s", name, url))
			}
		}
	}
	for _, w := range sched.Waves {
		for _, a := range w.Areas {
			check(a)
		}
	}
	for _, a := range sched.Separate {
		check(a)
	}
	return problems
}

// addFAQNames adds the question names of data to pub.faqSchema when data
// is FAQPage JSON-LD.
func addFAQNames(pub *published, data []byte) {
	var ld struct {
		Type       string `json:"@type"`
		MainEntity []struct {
			Name string `json:"name"`
		} `json:"mainEntity"`
	}
	if err := json.Unmarshal(data, &ld); err != nil || ld.Type != "FAQPage" {
		return
	}
	if pub.faqSchema == nil {
		pub.faqSchema = map[string]bool{}
	}
	for _, q := range ld.MainEntity {
		pub.faqSchema[q.Name] = true
	}
}
