package markdown

import (
	"fmt"
	"strings"
	"testing"

	"rollout/internal/schedule"
)

// citeSchedule is a schedule of two waves and a separate rollout known by
// a unit, an alias and a translation.
const citeSchedule = `- month: 2018-02
  areas:
    - name: Office of the VP for Research
      includes: [CSAIL]
- month: 2018-05
  areas: [MIT Police]
- separate: Lincoln Laboratory
  aliases: [LL]
  translations: {es: Laboratorio Lincoln}
  includes:
    - MIT Lincoln Laboratory
    - Lincoln Lab
  note: Lincoln Laboratory runs its own rollout.
`

// TestCitations: what a page's citations become, and the error each
// citation that cannot be published gets at its line. The body starts at
// line 3 of p.md.
func TestCitations(t *testing.T) {
	sched, err := schedule.Parse("s.yaml", []byte(citeSchedule))
	if err != nil {
		t.Fatal(err)
	}
	const form = "a citation of the schedule is written {month of NAME}, {first month} or {last month}; fix it, or write the text without braces"
	const unclosed = `has no closing "}" on its line: a citation of the schedule is written on one line, as {month of NAME}, {first month} or {last month}; close it, or write the text without braces`
	for _, tt := range []struct {
		name string
		md   string
		opts []Option
		html string   // what the page's HTML contains, when it has no errors
		errs []string // without "p.md:"
	}{
		// 1. The words of a citation in any case.
		{"as written", "In {month of CSAIL}, from {first month} to {last month}.\n", nil, "In February, from February to May.", nil},
		{"capitals", "{Month of CSAIL} first. {MONTH OF csail}, {First Month} to {LAST MONTH}, {Month Of MIT Police}.\n", nil,
			"February first. February, February to May, May.", nil},
		{"spaces", "{ month  of CSAIL }, {first   month} to { last month }.\n", nil, "February, February to May.", nil},
		{"in a heading", "## When does {Month of CSAIL} start?\n", nil, "When does February start?", nil},

		// 2. Near misses are errors at their line.
		{"other preposition", "Text.\n\n{month for CSAIL} and {month CSAIL}.\n", nil, "",
			[]string{"5: {month for CSAIL}: " + form, "5: {month CSAIL}: " + form}},
		{"plural", "{months of CSAIL}\n{last months}\n{First Months}\n", nil, "",
			[]string{"3: {months of CSAIL}: " + form, "4: {last months}: " + form, "5: {First Months}: " + form}},
		{"joined", "{first-month}, {lastmonth}, {monthof CSAIL}, {month-of CSAIL}.\n", nil, "",
			[]string{"3: {first-month}: " + form, "3: {lastmonth}: " + form, "3: {monthof CSAIL}: " + form, "3: {month-of CSAIL}: " + form}},
		{"no name", "{month of} and {month of }.\n", nil, "",
			[]string{"3: {month of}: " + form, "3: {month of }: " + form}},
		{"placeholders", "Dates read {Month} {Day}, {Year}, or {month/day/year}; start in {Month 1}; {monthly} and {month}.\n", nil, "Dates read {Month} {Day}, {Year}, or {month/day/year}; start in {Month 1}; {monthly} and {month}.", nil},
		{"placeholders beside names", "Subject: Training – {Month Year}. Date: {Month DD, YYYY}; {month number}; {Month Day}; {First Month of Term}; {Last Month Reviewed}; {Month and year of hire}.\n", nil,
			"Subject: Training – {Month Year}. Date: {Month DD, YYYY}; {month number}; {Month Day}; {First Month of Term}; {Last Month Reviewed}; {Month and year of hire}.", nil},
		{"left open before more braces", "CSAIL in {month of CSAIL, and more in {month of CSAIL}. From {first month, to {last month}.\n", nil, "",
			[]string{`3: "{month of CSAIL, and more in " ` + unclosed, `3: "{first month, to " ` + unclosed}},
		{"more words", "{first month of CSAIL}\n", nil, "", []string{"3: {first month of CSAIL}: " + form}},
		{"not closed", "Text.\nIn {month of CSAIL, as planned.\n", nil, "", []string{`4: "{month of CSAIL, as planned." ` + unclosed}},
		{"cut by a line break", "In {month of\nCSAIL}.\n", nil, "", []string{`3: "{month of" ` + unclosed}},
		{"first month not closed", "From {First month to May.\n", nil, "", []string{`3: "{First month to May." ` + unclosed}},
		{"near miss without a schedule", "{month for CSAIL}\n", nil, "", nil}, // a near miss names a place of the schedule

		// Other text in braces stays as it is.
		{"other braces", "Braces {like these}, {.class}, {#id}, {firstly}, {lastly, monthly}, {the month of CSAIL}, {month of {x}}, {month of {.\n", nil,
			"Braces {like these}, {.class}, {#id}, {firstly}, {lastly, monthly}, {the month of CSAIL}, {month of {x}}, {month of {.", nil},
		{"in code", "`{month for CSAIL}`\n\n    {months of CSAIL}\n", nil, "<code>{month for CSAIL}</code>", nil},

		// 3. A separate rollout has no month.
		{"separate", "{month of Lincoln Laboratory}\n{month of Lincoln Lab}\n{month of ll}\n{Month of Laboratorio Lincoln}\n", nil, "", []string{
			"3: {month of Lincoln Laboratory}: Lincoln Laboratory has a separate rollout, with no month in the schedule; write about it without citing a month",
			"4: {month of Lincoln Lab}: Lincoln Laboratory has a separate rollout, with no month in the schedule; write about it without citing a month",
			"5: {month of ll}: Lincoln Laboratory has a separate rollout, with no month in the schedule; write about it without citing a month",
			"6: {Month of Laboratorio Lincoln}: Lincoln Laboratory has a separate rollout, with no month in the schedule; write about it without citing a month"}},
		{"separate in another language", "{month of Lincoln Lab}\n", []Option{In("es")}, "",
			[]string{"3: {month of Lincoln Lab}: Laboratorio Lincoln has a separate rollout, with no month in the schedule; write about it without citing a month"}},
		{"not in the schedule", "{month of Lincoln}\n", nil, "",
			[]string{`3: {month of Lincoln}: there is no area or unit "Lincoln" in content/schedule.yaml; use a name listed there`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := sched
			if strings.Contains(tt.name, "without a schedule") {
				s = nil
			}
			r, err := New().Convert("p.md", "/p/", []byte(tt.md), 3, "/", s, tt.opts...)
			var have []string
			if err != nil {
				for _, line := range strings.Split(err.Error(), "\n") {
					have = append(have, strings.TrimPrefix(line, "p.md:"))
				}
			}
			if fmt.Sprint(have) != fmt.Sprint(tt.errs) {
				t.Errorf("errors:\nhave %q\nwant %q", have, tt.errs)
			}
			if err == nil && !strings.Contains(string(r.HTML), tt.html) {
				t.Errorf("have %s\nwant it to contain %s", r.HTML, tt.html)
			}
			if len(r.Warnings) > 0 {
				t.Errorf("warnings: %q", r.Warnings)
			}
		})
	}
}

// TestCiteProblemLimit: a page reports maxCiteProblems wrong citations,
// then that there are more, of every kind.
func TestCiteProblemLimit(t *testing.T) {
	sched, err := schedule.Parse("s.yaml", []byte(citeSchedule))
	if err != nil {
		t.Fatal(err)
	}
	md := strings.Repeat("{month of Nowhere} {month for CSAIL}\n", maxCiteProblems)
	_, err = New().Convert("p.md", "/p/", []byte(md), 1, "/", sched)
	lines := strings.Split(fmt.Sprint(err), "\n")
	if len(lines) != maxCiteProblems+1 || lines[maxCiteProblems] != fmt.Sprintf("p.md:%d: the page has more citations of the schedule to fix from here on; fix the ones above first", maxCiteProblems/2+1) {
		t.Errorf("have %d errors, the last %q", len(lines), lines[len(lines)-1])
	}
}

// TestMayCite: every source that has a citation, a near miss or a
// separate rollout's, in any case, may cite the schedule.
func TestMayCite(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{"In {month of CSAIL}.", true},
		{"{Month of CSAIL}", true},
		{"{ month of CSAIL}", true},
		{"{FIRST MONTH}", true},
		{"{Last Month}", true},
		{"{months of CSAIL}", true},
		{"{like these} {#id} {", false},
		{"no braces, month of May", false},
	} {
		if have := MayCite([]byte(tt.src)); have != tt.want {
			t.Errorf("MayCite(%q) = %v, want %v", tt.src, have, tt.want)
		}
	}
}
