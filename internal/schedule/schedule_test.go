package schedule

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"empty", "", "schedule.yaml:1: the schedule is empty; list the waves as \"- month: YYYY-MM\" entries with their areas"},
		{"not a list", "month: 2018-01\n", "schedule.yaml:1:1: the schedule must be a list of waves, each starting with \"- month: YYYY-MM\""},
		{"bad month", "- month: 2018-13\n  areas: [A]\n", "schedule.yaml:1:10: month 13 of 2018 does not exist; write the month as YYYY-MM, such as 2018-12"},
		{"month as words", "- month: Feb 2018\n  areas: [A]\n", `schedule.yaml:1:10: "Feb 2018" is not a month written YYYY-MM, like 2018-02`},
		{"bad date", "- start: 2018-02-30\n  end: 2018-03-01\n  areas: [A]\n", "schedule.yaml:1:10: start: day 30 of February 2018 does not exist; February 2018 has 28 days"},
		{"end before start", "- start: 2018-03-01\n  end: 2018-02-01\n  areas: [A]\n", "schedule.yaml:2:8: the end, 2018-02-01, is before the start, 2018-03-01; swap them"},
		{"start without end", "- start: 2018-03-01\n  areas: [A]\n", "schedule.yaml:1:10: a wave with a start needs an end too (end: YYYY-MM-DD)"},
		{"month and range", "- month: 2018-03\n  start: 2018-03-01\n  end: 2018-03-02\n  areas: [A]\n", "schedule.yaml:1:3: a wave has either a month or a start and an end, not both"},
		{"no time", "- heading: X\n  areas: [A]\n", "schedule.yaml:1:3: a wave needs a month (month: YYYY-MM) or a start and an end (YYYY-MM-DD)"},
		{"empty wave", "- month: 2018-01\n  areas: []\n", `schedule.yaml:1:3: this wave has no areas; list them under "areas:", one "- name" per line`},
		{"no areas key", "- month: 2018-01\n", `schedule.yaml:1:3: this wave has no areas; list them under "areas:", one "- name" per line`},
		{"area in two waves", "- month: 2018-01\n  areas: [MIT Police]\n- month: 2018-02\n  areas:\n    - mit  police\n",
			`schedule.yaml:5: area "mit  police" is already listed in the wave of January 2018 (line 2); each area and unit belongs in one place`},
		// At the unit's own line, naming the first unit's own line;
		// was each at its area's line.
		{"unit listed twice", "- month: 2018-01\n  areas:\n    - name: A\n      includes: [CSAIL]\n    - name: B\n      includes: [csail]\n",
			`schedule.yaml:6: unit "csail" is already listed in the wave of January 2018 (line 4); each area and unit belongs in one place`},
		{"unit listed twice, under an area with more units", "- month: 2018-04\n  areas:\n    - name: School of Architecture and Planning\n      includes:\n        - SA+P\n        - Media Lab\n- month: 2018-05\n  areas:\n    - name: Office of the VP for Research\n      includes:\n        - VPR\n        - CSAIL\n        - media lab\n        - csail\n",
			"schedule.yaml:13: unit \"media lab\" is already listed in the wave of April 2018 (line 6); each area and unit belongs in one place\n" +
				`schedule.yaml:14: unit "csail" is already listed in the wave of May 2018 (line 12); each area and unit belongs in one place`},
		{"unit of a separate rollout listed twice", "- separate: Lincoln Laboratory\n  includes:\n    - Lincoln Lab\n  note: x\n- month: 2018-01\n  areas:\n    - name: A\n      includes:\n        - B\n        - lincoln lab\n",
			`schedule.yaml:10: unit "lincoln lab" is already listed as a separate rollout (line 3); each area and unit belongs in one place`},
		{"unknown wave key", "- month: 2018-01\n  area: [A]\n", "schedule.yaml:1:3: this wave has no areas; list them under \"areas:\", one \"- name\" per line\n" +
			`schedule.yaml:2:3: unknown key "area" in a wave; did you mean "areas"?`},
		{"unknown area key", "- month: 2018-01\n  areas:\n    - name: A\n      include: [B]\n", `schedule.yaml:4:7: unknown key "include" in an area; did you mean "includes"?`},
		{"duplicate key", "- month: 2018-01\n  month: 2018-02\n  areas: [A]\n", `schedule.yaml:2:3: "month" is given twice (first on line 1); keep one`},
		{"out of order", "- month: 2018-03\n  areas: [A]\n- month: 2018-02\n  areas: [B]\n",
			"schedule.yaml:3: waves must be in date order: February 2018 comes before March 2018 (line 1); move this wave above it"},
		{"overlap", "- month: 2018-03\n  areas: [A]\n- start: 2018-03-20\n  end: 2018-04-02\n  areas: [B]\n",
			"schedule.yaml:3: March 20 to April 2, 2018 overlaps March 2018 (line 1); a wave must begin after the one above ends"},
		{"area without name", "- month: 2018-01\n  areas:\n    - note: x\n", "schedule.yaml:3:7: an area needs a name (name: ...)"},
		{"includes not a list", "- month: 2018-01\n  areas:\n    - name: A\n      includes: B\n", `schedule.yaml:4:17: includes must be a list, one "- item" per line`},
		{"alias", "- month: 2018-01\n  areas: &a [A]\n- month: 2018-02\n  areas: *a\n", "schedule.yaml:2:10: anchors and aliases (& and *) are not supported; write the value out in full\nschedule.yaml:4:10: anchors and aliases (& and *) are not supported; write the value out in full"},
		{"tab indentation", "- month: 2018-01\n\tareas: [A]\n", "schedule.yaml:2: a tab is used for indentation here; indent with spaces only"},
		{"separate without note", "- separate: Lincoln Laboratory\n", "schedule.yaml:1:3: say how Lincoln Laboratory's separate rollout works in a note (note: ...)"},
		{"separate also in a wave", "- month: 2018-01\n  areas: [Lincoln Laboratory]\n- separate: lincoln laboratory\n  note: x\n",
			`schedule.yaml:3: "lincoln laboratory" is already listed in the wave of January 2018 (line 2); each area and unit belongs in one place`},
		{"separate with a month", "- separate: L\n  note: x\n  month: 2018-01\n", `schedule.yaml:3:3: unknown key "month" in a separate rollout; known keys are separate, aliases, translations, includes, note`},
		{"alias of a unit is another unit", "- month: 2018-01\n  areas:\n    - name: A\n      includes: [Physics]\n    - name: B\n      aliases:\n        - physics\n",
			`schedule.yaml:7: alias "physics" is already the unit "Physics" of A (line 4); an alias must lead to one place: remove it or change it`},
		{"alias twice, punctuation and accents aside", "- month: 2018-01\n  areas:\n    - name: Office of Environment, Health & Safety\n      aliases: [EHS]\n- month: 2018-02\n  areas:\n    - name: B\n      includes:\n        - name: Human Resources\n          aliases: [HR, \"e.h.s.\"]\n",
			`schedule.yaml:10: alias "e.h.s." is already an alias of "Office of Environment, Health & Safety" (line 4); an alias must lead to one place: remove it or change it`},
		{"alias is an area's name", "- month: 2018-01\n  areas:\n    - Office of Health and Safety\n    - name: B\n      includes:\n        - name: C\n          aliases: [office of health & safety]\n",
			`schedule.yaml:7: alias "office of health & safety" is already the area "Office of Health and Safety" (line 3); an alias must lead to one place: remove it or change it`},
		{"alias of a separate rollout", "- month: 2018-01\n  areas:\n    - name: A\n      aliases: [LL]\n- separate: Lincoln Laboratory\n  aliases: [ll]\n  note: x\n",
			`schedule.yaml:6: alias "ll" is already an alias of "A" (line 4); an alias must lead to one place: remove it or change it`},
		{"alias of itself", "- month: 2018-01\n  areas:\n    - name: MIT Police\n      aliases: [mit police]\n",
			`schedule.yaml:4: alias "mit police" is already the area "MIT Police" (line 3); an alias must lead to one place: remove it or change it`},
		{"aliases not a list", "- month: 2018-01\n  areas:\n    - name: A\n      aliases: B\n", `schedule.yaml:4:16: aliases must be a list, one "- alias" per line, or [A, B]`},
		{"empty alias", "- month: 2018-01\n  areas:\n    - name: A\n      aliases: [\" \"]\n", `schedule.yaml:4:17: an alias cannot be empty`},
		{"unit without name", "- month: 2018-01\n  areas:\n    - name: A\n      includes:\n        - aliases: [HR]\n", `schedule.yaml:5:11: a unit needs a name (name: ...)`},
		{"unknown unit key", "- month: 2018-01\n  areas:\n    - name: A\n      includes:\n        - name: B\n          alias: [HR]\n", `schedule.yaml:6:11: unknown key "alias" in a unit; did you mean "aliases"?`},
		{"unit mapping listed twice", "- month: 2018-01\n  areas:\n    - name: A\n      includes: [CSAIL]\n    - name: B\n      includes:\n        - name: csail\n",
			`schedule.yaml:7: unit "csail" is already listed in the wave of January 2018 (line 4); each area and unit belongs in one place`},
		{"all problems at once", "- month: 2018-13\n  areas: [A]\n- month: 2018-02\n  areas: []\n",
			"schedule.yaml:1:10: month 13 of 2018 does not exist; write the month as YYYY-MM, such as 2018-12\nschedule.yaml:3:3: this wave has no areas; list them under \"areas:\", one \"- name\" per line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("schedule.yaml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded with %d waves; want error\n%s", len(s.Waves), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("have error\n%s\nwant\n%s", err, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	src := `# comment
- month: 2018-01
  heading: Faculty
  areas:
    - All faculty
- start: 2018-10-25
  end: 2018-12-01
  note: Later release.
  areas:
    - NO
    - name: Office of the VP for Research
      includes: [CSAIL, "0755"]
      note: Labs too.
- separate: Lincoln Laboratory
  includes: [MIT LL]
  note: Its own rollout.
`
	s, err := Parse("schedule.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Waves) != 2 {
		t.Fatalf("have %d waves, want 2", len(s.Waves))
	}
	w0, w1 := s.Waves[0], s.Waves[1]
	checks := []struct{ name, have, want string }{
		{"label 0", w0.Label(), "January 2018"},
		{"id 0", w0.ID(), "2018-01"},
		{"range 0", w0.Start.String() + ".." + w0.End.String(), "2018-01-01..2018-01-31"},
		{"heading 0", w0.Heading, "Faculty"},
		{"label 1", w1.Label(), "October 25 to December 1, 2018"},
		{"id 1", w1.ID(), "2018-10-25"},
		{"note 1", w1.Note, "Later release."},
		{"NO stays text", w1.Areas[0].Name, "NO"},
		{"includes", strings.Join(w1.Areas[1].Includes, "|"), "CSAIL|0755"},
		{"area note", w1.Areas[1].Note, "Labs too."},
		{"area line", string(rune('0' + w1.Areas[1].Line)), string(rune('0' + 11))},
	}
	for _, c := range checks {
		if c.have != c.want {
			t.Errorf("%s: have %q, want %q", c.name, c.have, c.want)
		}
	}
	for _, q := range []struct{ name, area string }{{"csail", "Office of the VP for Research"}, {"  All   FACULTY ", "All faculty"}} {
		_, a := s.Find(q.name)
		if a == nil || a.Name != q.area {
			t.Errorf("Find(%q) = %v, want %q", q.name, a, q.area)
		}
	}
	if w, a := s.Find("Lincoln"); w != nil || a != nil {
		t.Errorf("Find(Lincoln) found %v", a)
	}
	if len(s.Separate) != 1 || s.Separate[0].Name != "Lincoln Laboratory" || s.Separate[0].Note != "Its own rollout." || s.Separate[0].Includes[0] != "MIT LL" {
		t.Errorf("separate: %+v", s.Separate)
	}
}

func TestStatus(t *testing.T) {
	s, err := Parse("s.yaml", []byte("- month: 2018-03\n  areas: [A]\n"))
	if err != nil {
		t.Fatal(err)
	}
	w := s.Waves[0]
	for _, tt := range []struct {
		day  string
		want Status
	}{
		{"2018-02-28", Upcoming}, {"2018-03-01", Releasing}, {"2018-03-31", Releasing}, {"2018-04-01", Released},
	} {
		d, err := ParseDate(tt.day)
		if err != nil {
			t.Fatal(err)
		}
		if have := w.Status(d); have != tt.want {
			t.Errorf("Status(%s) = %s, want %s", tt.day, have, tt.want)
		}
	}
}

// TestAliases: areas, units and separate rollouts may have aliases; a
// unit with aliases is a mapping, and bare units keep working beside it.
func TestAliases(t *testing.T) {
	src := `- month: 2018-02
  areas:
    - name: Office of the Executive Vice President & Treasurer
      aliases: [EVPT]
      includes:
        - Atlas
        - name: Human Resources
          aliases: [HR]
        - name: "Research: Lab"
- separate: Lincoln Laboratory
  aliases: [Lincoln Lab]
  note: Its own rollout.
`
	s, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := s.Waves[0].Areas[0]
	checks := []struct{ name, have, want string }{
		{"aliases", strings.Join(a.Aliases, "|"), "EVPT"},
		{"includes", strings.Join(a.Includes, "|"), "Atlas|Human Resources|Research: Lab"},
		{"unit aliases", strings.Join(a.AliasesOf("Human Resources"), "|"), "HR"},
		{"bare unit", strings.Join(a.AliasesOf("Atlas"), "|"), ""},
		{"separate", strings.Join(s.Separate[0].Aliases, "|"), "Lincoln Lab"},
	}
	for _, c := range checks {
		if c.have != c.want {
			t.Errorf("%s: have %q, want %q", c.name, c.have, c.want)
		}
	}
	for _, q := range []string{"hr", "H.R.", "evpt", "Human  resources"} {
		if _, found := s.Find(q); found != a {
			t.Errorf("Find(%q) = %v, want %q", q, found, a.Name)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"Office of Environment, Health & Safety", "office of environment health and safety"},
		{"  Économie  ", "economie"},
		{"SA+P", "sa p"},
		{"Provost’s Office", "provosts office"},
	} {
		if have := AliasKey(tt.in); have != tt.want {
			t.Errorf("AliasKey(%q) = %q, want %q", tt.in, have, tt.want)
		}
	}
}

// TestFindLoosely: a name is found with its punctuation typed otherwise,
// as the area finder finds it: a curly apostrophe for a straight one,
// "and" for "&", accents left out; an exact match comes first.
func TestFindLoosely(t *testing.T) {
	s, err := Parse("s.yaml", []byte("- month: 2018-01\n  areas:\n    - \"MIT's Office of Minority Education\"\n    - name: Office of Environment, Health & Safety\n      includes: [Génie civil]\n- month: 2018-02\n  areas:\n    - name: Health and Safety\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, want string }{
		{"MIT’s Office of Minority Education", "MIT's Office of Minority Education"},
		{"mits office of minority education", "MIT's Office of Minority Education"},
		{"Office of Environment, Health and Safety", "Office of Environment, Health & Safety"},
		{"genie civil", "Office of Environment, Health & Safety"},
		{"Health and Safety", "Health and Safety"},
		{"Health & Safety", "Health and Safety"}, // loosely: the one whose key it is
		{"Minority", ""},
	} {
		_, a := s.Find(tt.name)
		if have := areaName(a); have != tt.want {
			t.Errorf("Find(%q) = %q, want %q", tt.name, have, tt.want)
		}
	}
}
