package schedule

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	// base is the schedule each test starts from; a test changes it with
	// strings.Replace, or gives a schedule of its own.
	const base = `- month: 2018-01
  heading: Faculty
  areas:
    - All faculty
- month: 2018-05
  areas:
    - MIT Medical
    - name: Office of the VP for Research
      includes: [VPR, CSAIL]
      note: Labs too.
    - Facilities
- start: 2018-10-25
  end: 2018-12-01
  areas:
    - MIT Press
- separate: Lincoln Laboratory
  includes: [Lincoln Lab]
  note: Its own rollout.
`
	edit := func(pairs ...string) string { return strings.NewReplacer(pairs...).Replace(base) }
	tests := []struct {
		name     string
		from, to string // from "" is a schedule that does not exist
		want     []string
	}{
		{"no changes", base, base, nil},
		{"comments, order within a wave and case", base,
			"# The schedule.\n" + edit("    - MIT Medical\n", "", "    - Facilities\n", "    - facilities\n    - MIT Medical\n"), nil},
		{"area added", base, edit("    - Facilities\n", "    - Facilities\n    - Resource Development\n"),
			[]string{"Areas added: Resource Development (May 2018)"}},
		{"area with units added", base, edit("    - MIT Press\n", "    - MIT Press\n    - name: Sloan\n      includes: [MIT Sloan, Sloan School]\n"),
			[]string{"Areas added: Sloan (October 25 to December 1, 2018), including MIT Sloan, Sloan School"}},
		{"area removed", base, edit("    - MIT Medical\n", ""),
			[]string{"Areas removed: MIT Medical (May 2018)"}},
		{"area with units removed", base, edit("    - name: Office of the VP for Research\n      includes: [VPR, CSAIL]\n      note: Labs too.\n", ""),
			[]string{"Areas removed: Office of the VP for Research (May 2018), including VPR, CSAIL"}},
		{"area moved, its units along", base,
			edit("    - name: Office of the VP for Research\n      includes: [VPR, CSAIL]\n      note: Labs too.\n", "",
				"    - MIT Press\n", "    - MIT Press\n    - name: Office of the VP for Research\n      includes: [VPR, CSAIL]\n      note: Labs too.\n"),
			[]string{"Areas moved: Office of the VP for Research: May 2018 → October 25 to December 1, 2018"}},
		{"areas moved in schedule order", base,
			edit("    - All faculty\n", "    - All faculty\n    - MIT Press\n    - Facilities\n", "    - Facilities\n", "", "    - MIT Press\n", "    - MIT Medical\n", "    - MIT Medical\n", ""),
			[]string{
				"Areas moved: MIT Press: October 25 to December 1, 2018 → January 2018",
				"Areas moved: Facilities: May 2018 → January 2018",
				"Areas moved: MIT Medical: May 2018 → October 25 to December 1, 2018",
			}},
		{"month added", base, edit("- start: 2018-10-25\n", "- month: 2018-06\n  areas:\n    - MIT Libraries\n- start: 2018-10-25\n"),
			[]string{"Months added: June 2018", "Areas added: MIT Libraries (June 2018)"}},
		{"month added, an area moved into it", base, edit("    - Facilities\n", "- month: 2018-06\n  areas:\n    - Facilities\n"),
			[]string{"Months added: June 2018", "Areas moved: Facilities: May 2018 → June 2018"}},
		{"month removed", base, edit("- start: 2018-10-25\n  end: 2018-12-01\n  areas:\n    - MIT Press\n", ""),
			[]string{"Months removed: October 25 to December 1, 2018", "Areas removed: MIT Press (October 25 to December 1, 2018)"}},
		{"month replaced", base, edit("- month: 2018-01\n", "- month: 2017-12\n"),
			[]string{"Months added: December 2017", "Months removed: January 2018", "Areas moved: All faculty: January 2018 → December 2017"}},
		{"new dates", base, edit("  end: 2018-12-01\n", "  end: 2018-12-15\n", "- month: 2018-05\n", "- start: 2018-05-01\n  end: 2018-05-15\n"),
			[]string{"Months with new dates: May 2018 → May 1 to May 15, 2018", "Months with new dates: October 25 to December 1, 2018 → October 25 to December 15, 2018"}},
		{"unit added", base, edit("[VPR, CSAIL]", "[VPR, CSAIL, LIDS]"),
			[]string{"Units added: LIDS in Office of the VP for Research (May 2018)"}},
		{"unit removed", base, edit("[VPR, CSAIL]", "[VPR]"),
			[]string{"Units removed: CSAIL from Office of the VP for Research (May 2018)"}},
		{"unit moved to another area", base, edit("[VPR, CSAIL]", "[VPR]", "    - MIT Press\n", "    - name: MIT Press\n      includes: [CSAIL]\n"),
			[]string{"Units moved: CSAIL: May 2018 (in Office of the VP for Research) → October 25 to December 1, 2018 (in MIT Press)"}},
		{"area moved, one unit left behind", base,
			edit("    - name: Office of the VP for Research\n      includes: [VPR, CSAIL]\n      note: Labs too.\n", "    - CSAIL\n",
				"    - MIT Press\n", "    - MIT Press\n    - name: Office of the VP for Research\n      includes: [VPR]\n      note: Labs too.\n"),
			[]string{
				"Areas moved: CSAIL: May 2018 (in Office of the VP for Research) → May 2018",
				"Areas moved: Office of the VP for Research: May 2018 → October 25 to December 1, 2018",
			}},
		{"unit becomes an area", base, edit("[VPR, CSAIL]", "[VPR]", "    - MIT Press\n", "    - MIT Press\n    - CSAIL\n"),
			[]string{"Areas moved: CSAIL: May 2018 (in Office of the VP for Research) → October 25 to December 1, 2018"}},
		{"area becomes a unit", base, edit("    - MIT Medical\n", "", "[VPR, CSAIL]", "[VPR, CSAIL, MIT Medical]"),
			[]string{"Units moved: MIT Medical: May 2018 → May 2018 (in Office of the VP for Research)"}},
		{"separate added", base, edit("- separate: Lincoln Laboratory\n", "- separate: Haystack\n  note: Its own.\n- separate: Lincoln Laboratory\n"),
			[]string{"Separate rollouts added: Haystack"}},
		{"separate removed", base, edit("- separate: Lincoln Laboratory\n  includes: [Lincoln Lab]\n  note: Its own rollout.\n", ""),
			[]string{"Separate rollouts removed: Lincoln Laboratory, including Lincoln Lab"}},
		{"area becomes a separate rollout", base, edit("    - MIT Medical\n", "", "- separate: Lincoln Laboratory\n", "- separate: MIT Medical\n  note: Its own.\n- separate: Lincoln Laboratory\n"),
			[]string{"Areas moved: MIT Medical: May 2018 → a separate rollout"}},
		{"separate unit added", base, edit("[Lincoln Lab]", "[Lincoln Lab, MIT LL]"),
			[]string{"Units added: MIT LL in Lincoln Laboratory (a separate rollout)"}},
		{"headings and notes", base, edit("  heading: Faculty\n", "  heading: All faculty\n  note: Releases\n    run all month.\n", "note: Labs too.", "note: Labs and centers.", "note: Its own rollout.", "note: Separate.", "- start: 2018-10-25\n", "- start: 2018-10-25\n  heading: Later\n"),
			[]string{
				"Headings and notes changed: January 2018: heading changed to “All faculty”",
				"Headings and notes changed: January 2018: note added: “Releases run all month.”",
				"Headings and notes changed: Office of the VP for Research: note changed to “Labs and centers.”",
				"Headings and notes changed: October 25 to December 1, 2018: heading added: “Later”",
				"Headings and notes changed: Lincoln Laboratory: note changed to “Separate.”",
			}},
		{"other names", base, edit("    - MIT Medical\n", "    - name: MIT Medical\n      aliases: [Medical, MedLinks]\n", "[VPR, CSAIL]", "\n        - VPR\n        - name: CSAIL\n          aliases: [Computer Science Lab]\n"),
			[]string{"Other names changed: MIT Medical: other names added: Medical, MedLinks", "Other names changed: CSAIL: other names added: Computer Science Lab"}},
		{"other names, changed and removed", edit("    - MIT Medical\n", "    - name: MIT Medical\n      aliases: [Medical, MedLinks]\n"),
			edit("    - MIT Medical\n", "    - name: MIT Medical\n      aliases: [medlinks, Health]\n"),
			[]string{"Other names changed: MIT Medical: other names added: Health; other names removed: Medical"}},
		{"other names move along", edit("    - MIT Medical\n", "    - name: MIT Medical\n      aliases: [Medical]\n"),
			edit("    - MIT Medical\n", "", "    - MIT Press\n", "    - MIT Press\n    - name: MIT Medical\n      aliases: [Medical]\n"),
			[]string{"Areas moved: MIT Medical: May 2018 → October 25 to December 1, 2018"}},
		{"translations added", base,
			edit("    - MIT Medical\n", "    - name: MIT Medical\n      translations: {es: Servicios Médicos del MIT}\n",
				"[VPR, CSAIL]", "\n        - VPR\n        - name: CSAIL\n          translations: {es: Laboratorio de Informática}\n",
				"  includes: [Lincoln Lab]\n", "  includes: [Lincoln Lab]\n  translations:\n    es: Laboratorio Lincoln\n    fr: Laboratoire Lincoln\n"),
			[]string{
				`Translations changed: MIT Medical: es "Servicios Médicos del MIT" added`,
				`Translations changed: CSAIL: es "Laboratorio de Informática" added`,
				`Translations changed: Lincoln Laboratory: es "Laboratorio Lincoln" added; fr "Laboratoire Lincoln" added`,
			}},
		{"translations changed and removed, before notes", edit("    - MIT Medical\n", "    - name: MIT Medical\n      translations:\n        es: Servicios Médicos del MIT\n        fr: Services médicaux du MIT\n"),
			edit("    - MIT Medical\n", "    - name: MIT Medical\n      translations:\n        es: Servicios médicos del MIT\n", "note: Labs too.", "note: Labs."),
			[]string{
				`Translations changed: MIT Medical: es "Servicios Médicos del MIT" → "Servicios médicos del MIT"; fr "Services médicaux du MIT" removed`,
				"Headings and notes changed: Office of the VP for Research: note changed to “Labs.”",
			}},
		{"translations move along", edit("    - MIT Medical\n", "    - name: MIT Medical\n      translations: {es: Servicios Médicos del MIT}\n"),
			edit("    - MIT Medical\n", "", "    - MIT Press\n", "    - MIT Press\n    - name: MIT Medical\n      translations: {es: Servicios Médicos del MIT}\n"),
			[]string{"Areas moved: MIT Medical: May 2018 → October 25 to December 1, 2018"}},
		{"note removed", base, edit("      note: Labs too.\n", ""),
			[]string{"Headings and notes changed: Office of the VP for Research: note removed"}},
		{"no schedule before", "", base,
			[]string{
				"Months added: January 2018",
				"Months added: May 2018",
				"Months added: October 25 to December 1, 2018",
				"Areas added: All faculty (January 2018)",
				"Areas added: MIT Medical (May 2018)",
				"Areas added: Office of the VP for Research (May 2018), including VPR, CSAIL",
				"Areas added: Facilities (May 2018)",
				"Areas added: MIT Press (October 25 to December 1, 2018)",
				"Separate rollouts added: Lincoln Laboratory, including Lincoln Lab",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var from *Schedule
			if tt.from != "" {
				from = parse(t, "from", tt.from)
			}
			to := parse(t, "to", tt.to)
			var have []string
			for _, c := range Diff(from, to) {
				have = append(have, c.Kind.String()+": "+c.Text)
			}
			if strings.Join(have, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("have\n\t%s\nwant\n\t%s", strings.Join(have, "\n\t"), strings.Join(tt.want, "\n\t"))
			}
			// Diff is deterministic.
			for range 5 {
				var again []string
				for _, c := range Diff(from, to) {
					again = append(again, c.Kind.String()+": "+c.Text)
				}
				if strings.Join(again, "\n") != strings.Join(have, "\n") {
					t.Fatalf("a second Diff differs:\n\t%s\nfirst\n\t%s", strings.Join(again, "\n\t"), strings.Join(have, "\n\t"))
				}
			}
		})
	}
}

func parse(t *testing.T, name, src string) *Schedule {
	t.Helper()
	s, err := Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("the %s schedule: %v\n%s", name, err, src)
	}
	return s
}
