package schedule

import (
	"strings"
	"testing"
)

// TestParseMessages: the mistakes people make in the schedule are each
// reported at the line where they are, saying what to write instead, and
// YAML's quiet repairs (joining an indented line to the name above it,
// cutting a name at "#") are refused rather than published.
func TestParseMessages(t *testing.T) {
	const wave = "- month: 2018-02\n  areas:\n"
	tests := []parseErrors{
		// Names that YAML joins from two lines.
		{"area line indented too far", wave + "    - MIT Police\n      Atlas Service Center\n    - Facilities\n", []string{
			`s.yaml:4: this line continues the name on line 3 ("MIT Police"), because it is indented further; to list it as its own area, start it with "- " at the same indentation as line 3`}},
		{"area with its dash indented too far", wave + "    - MIT Police\n        - Atlas Service Center\n", []string{
			`s.yaml:4: this line continues the name on line 3 ("MIT Police"), because it is indented further; to list it as its own area, start it with "- " at the same indentation as line 3`}},
		{"area indented one space too far", wave + "    - A\n     - B\n", []string{
			`s.yaml:4: this line continues the name on line 3 ("A"), because it is indented further; to list it as its own area, start it with "- " at the same indentation as line 3`}},
		{"joined after a blank line", wave + "    - MIT Police\n\n      Atlas Service Center\n", []string{
			`s.yaml:5: this line continues the name on line 3 ("MIT Police"), because it is indented further; to list it as its own area, start it with "- " at the same indentation as line 3`}},
		{"unit joined", wave + "    - name: A\n      includes:\n        - CSAIL\n          Media Lab\n", []string{
			`s.yaml:6: this line continues the name on line 5 ("CSAIL"), because it is indented further; to list it as its own unit, start it with "- " at the same indentation as line 5`}},
		{"unit joined in brackets", wave + "    - name: A\n      includes: [CSAIL,\n        Media\n        Lab]\n", []string{
			`s.yaml:6: this line continues the name on line 5 ("Media"), because it is indented further; write the name on one line, or start this line at the same indentation as line 5`}},
		{"name: joined", wave + "    - name: Office of the VP\n        for Research\n", []string{
			`s.yaml:4: this line continues the name on line 3 ("Office of the VP"), because it is indented further; write the name on one line, or start this line at the same indentation as line 3`}},

		// Names that YAML cuts at "#".
		{"# in an area", wave + "    - Office of Health # Safety\n    # a comment on its own line is fine\n    - B\n", []string{
			`s.yaml:3:7: the name stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the name, put it in quotes: - "Office of Health # Safety"; to keep a comment, put it on its own line`}},
		{"# in a name:", wave + "    - name: Room #5\n", []string{
			`s.yaml:3:13: the name stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the name, put it in quotes: - name: "Room #5"; to keep a comment, put it on its own line`}},
		{"# in a unit", wave + "    - name: A\n      includes:\n        - Building 10 # main\n", []string{
			`s.yaml:5:11: the name stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the name, put it in quotes: - "Building 10 # main"; to keep a comment, put it on its own line`}},
		{"# in a note", "- month: 2018-02\n  note: Room #5 # no\n  areas: [A]\n", []string{
			`s.yaml:2:9: the note stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the note, put it in quotes: note: "Room #5 # no"; to keep a comment, put it on its own line`}},
		{"# with quotes in the name", wave + "    - The \"Tech\" # 2\n", []string{
			`s.yaml:3:7: the name stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the name, put it in quotes: - 'The "Tech" # 2'; to keep a comment, put it on its own line`}},

		// Values that need quotes.
		{"colon in an area", wave + "    - Research: Lab\n", []string{
			`s.yaml:3:7: "Research: Lab" has a colon and a space, so YAML reads it as a key and a value; put the name in quotes: - "Research: Lab"`}},
		{"colon in a unit", wave + "    - name: A\n      includes:\n        - Research: Lab\n", []string{
			`s.yaml:5:11: "Research: Lab" has a colon and a space, so YAML reads it as a key and a value; put the name in quotes: - "Research: Lab"`}},
		{"colon in a name:", wave + "    - name: Research: Lab\n", []string{
			`s.yaml:3: the value of "name" contains ": " (a colon and a space); put the whole value in quotes: - name: "Research: Lab"`}},
		{"colon in a heading", "- month: 2018-02\n  heading: Staff: all\n  areas: [A]\n", []string{
			`s.yaml:2: the value of "heading" contains ": " (a colon and a space); put the whole value in quotes: heading: "Staff: all"`}},
		{"misspelt key, not a colon in a name", wave + "    - nmae: X\n", []string{
			`s.yaml:3:7: unknown key "nmae" in an area; did you mean "name"?`,
			`s.yaml:3:7: an area needs a name (name: ...)`}},
		{"text after a quote", wave + "    - \"Quoted\" rest\n", []string{
			`s.yaml:3: text follows the closing quote; put all of the text in quotes: - '"Quoted" rest'`}},
		{"starts with @", wave + "    - A\n    - @name\n", []string{
			`s.yaml:4: a value cannot start with "@"; put the whole value in quotes: - "@name"`}},
		{"starts with a backtick", wave + "    - `x`\n", []string{
			"s.yaml:3: a value cannot start with \"`\"; put the whole value in quotes: - \"`x`\""}},
		{"starts with *", wave + "    - A\n    - *name\n", []string{
			`s.yaml:4: a value cannot start with "*" (YAML reads it as a reference to an anchor); put the whole value in quotes: - "*name"`}},
		{"starts with [", wave + "    - [x] Lab\n", []string{
			`s.yaml:3: a value cannot start with "[" unless it is a list or a set of keys; put the whole value in quotes: - "[x] Lab"`}},
		{"in brackets", wave + "    - [x]\n", []string{
			`s.yaml:3:7: a name cannot start with "[", which starts a list or a set of keys in YAML; if it is part of the name, put the name in quotes: - "[x]"`}},
		{"in braces", wave + "    - {x}\n", []string{
			`s.yaml:3:7: a name cannot start with "{", which starts a list or a set of keys in YAML; if it is part of the name, put the name in quotes: - "{x}"`}},
		{"a tag", wave + "    - !important Area\n", []string{
			`s.yaml:3:7: "!important" is a YAML tag, which is not supported; if it is part of the text, put the whole value in quotes`}},
		{"quote never closed", wave + "    - \"MIT Police\n    - B\n", []string{
			`s.yaml:3: the quote that starts here is never closed; end the text with " on this line`}},

		// A key with no space after its colon: YAML reads "- name:MIT
		// Press" as an area named "name:MIT Press".
		{"no space after name:", wave + "    - name: MIT Libraries\n    - name:MIT Press\n", []string{
			`s.yaml:4:7: "name:MIT Press": put a space after the colon: - name: MIT Press`}},
		{"no space after a unit's name:", wave + "    - name: A\n      includes:\n        - CSAIL\n        - name:Media Lab\n", []string{
			`s.yaml:6:11: "name:Media Lab": put a space after the colon: - name: Media Lab`}},
		{"no space after name:, with a colon in the name", wave + "    - name:Research: Lab\n", []string{
			`s.yaml:3:7: "name:Research: Lab": put a space after the colon: - name: "Research: Lab"`}},
		{"no space after an alias's key", wave + "    - name: A\n      aliases:\n        - B\n        - note:x\n", []string{
			`s.yaml:6:11: "note:x": put a space after the colon: - note: x`}},
		{"no space after separate:", "- separate:Lincoln Laboratory\n", []string{
			`s.yaml:1:3: "separate:Lincoln Laboratory": put a space after the colon: - separate: Lincoln Laboratory`}},
		{"no space after note:", wave + "    - name: A\n      note:Includes the labs\n", []string{
			`s.yaml:4: put a space after the colon: note: Includes the labs`}},
		{"no space after aliases:", wave + "    - name: Office of Environment, Health & Safety\n      aliases:[EHS]\n    - name: B\n", []string{
			`s.yaml:4: put a space after the colon: aliases: [EHS]`}},

		// A quote of the name's own in the same quotes.
		{"an apostrophe in a quoted name:", wave + "    - name: 'Provost's Office'\n", []string{
			`s.yaml:3: the text has a ' of its own, which ends the quotes early; put the text in double quotes: - name: "Provost's Office"`}},
		{"an apostrophe in a quoted area", wave + "    - 'Provost's Office'\n", []string{
			`s.yaml:3: the text has a ' of its own, which ends the quotes early; put the text in double quotes: - "Provost's Office"`}},

		// Lines wrapped at the indentation of their key, and a key under
		// a unit that is a name alone.
		{"a note wrapped under note", "- month: 2018-05\n  areas:\n    - name: VPR\n      note: Includes the labs that report to the VP for Research,\n      such as CSAIL.\n    - name: B\n", []string{
			`s.yaml:5: this line has no "key:"; if it continues the line above, join the two lines, or indent it further than "note"`}},
		{"a name wrapped under name", wave + "    - name: Office of the VP for Research and\n      Development\n      note: x\n", []string{
			`s.yaml:4: this line has no "key:"; if it continues the line above, join the two lines, or indent it further than "name"`}},
		{"a unit between a name and its aliases", "- month: 2018-03\n  areas:\n    - name: School of Engineering\n      includes:\n        - name: Electrical Engineering and Computer Science\n        - EECS\n          aliases: [Course 6]\n", []string{
			`s.yaml:7: "aliases:" follows "- EECS" (line 6), which is a name on its own and cannot have keys; if "aliases:" belongs to "name:" on line 5, move line 6 below that item's lines; to give "EECS" keys of its own, write line 6 as: - name: EECS`}},

		// Indentation.
		{"areas: indented too little", "- month: 2018-01\n areas:\n    - A\n", []string{
			`s.yaml:2: this line is indented less than the lines around it; line up "areas:" with "month:" on line 1, with spaces`}},
		{"areas: indented too far", "- month: 2018-01\n   areas:\n    - A\n", []string{
			`s.yaml:2: this line is indented further than the lines around it; line up "areas:" with "month:" on line 1, with spaces`}},
		{"includes: indented too little", wave + "    - name: A\n     includes: [B]\n", []string{
			`s.yaml:4: this line is indented less than the lines around it; line up "includes:" with "name:" on line 3, with spaces`}},
		{"includes: indented too far", wave + "    - name: A\n        includes: [B]\n", []string{
			`s.yaml:4: this line is indented further than the lines around it; line up "includes:" with "name:" on line 3, with spaces`}},
		{"area indented too little", wave + "    - A\n   - B\n", []string{
			`s.yaml:4: this line's "- " is indented less than the one on line 3; line up the two "- ", with spaces`}},
		{"unit indented too little", wave + "    - name: A\n      includes:\n        - B\n       - C\n", []string{
			`s.yaml:6: this line's "- " is indented less than the one on line 5; line up the two "- ", with spaces`}},
		{"no space after the colon", "- month:2018-01\n  areas: [A]\n", []string{
			`s.yaml:1: put a space after the colon: - month: 2018-01`}},
		{"a tab, further down", "- month: 2018-01\n  areas:\n  - A\n- month: 2018-02\n  areas:\n\t- B\n", []string{
			`s.yaml:6: a tab is used for indentation here; indent with spaces only`}},
		{"a key after the waves", "- month: 2018-01\n  areas: [A]\nnote: x\n", []string{
			`s.yaml:3: this line is indented less than the lines around it; line up "note:" with "areas:" on line 2, with spaces`}},

		// Months and days that the calendar does not have.
		{"month 13", "- month: 2018-13\n  areas: [A]\n", []string{
			`s.yaml:1:10: month 13 of 2018 does not exist; write the month as YYYY-MM, such as 2018-12`}},
		{"month 00", "- month: 2019-00\n  areas: [A]\n", []string{
			`s.yaml:1:10: month 0 of 2019 does not exist; write the month as YYYY-MM, such as 2019-01`}},
		{"day 31 of a 30-day month", "- start: 2018-04-31\n  end: 2018-05-02\n  areas: [A]\n", []string{
			`s.yaml:1:10: start: day 31 of April 2018 does not exist; April 2018 has 30 days`}},
		{"February 29 of a common year", "- start: 2018-02-01\n  end: 2018-02-29\n  areas: [A]\n", []string{
			`s.yaml:2:8: end: day 29 of February 2018 does not exist; February 2018 has 28 days`}},
		{"day 0", "- start: 2018-02-00\n  end: 2018-02-02\n  areas: [A]\n", []string{
			`s.yaml:1:10: start: day 0 of February 2018 does not exist; February 2018 has 28 days`}},
		{"month 13 in a date", "- start: 2018-13-01\n  end: 2019-01-02\n  areas: [A]\n", []string{
			`s.yaml:1:10: start: month 13 of 2018 does not exist; write the date as YYYY-MM-DD, such as 2018-12-01`}},
		{"month of one digit", "- month: 2018-2\n  areas: [A]\n", []string{
			`s.yaml:1:10: "2018-2" is not a month written YYYY-MM, like 2018-02`}},

		// Every problem of the file at once, in line order.
		{"all at once", wave + "    - MIT Police\n      Atlas Service Center\n    - Office of Health # Safety\n- month: 2018-13\n  areas:\n    - Research: Lab\n", []string{
			`s.yaml:4: this line continues the name on line 3 ("MIT Police"), because it is indented further; to list it as its own area, start it with "- " at the same indentation as line 3`,
			`s.yaml:5:7: the name stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the name, put it in quotes: - "Office of Health # Safety"; to keep a comment, put it on its own line`,
			`s.yaml:6:10: month 13 of 2018 does not exist; write the month as YYYY-MM, such as 2018-12`,
			`s.yaml:8:7: "Research: Lab" has a colon and a space, so YAML reads it as a key and a value; put the name in quotes: - "Research: Lab"`}},
	}
	testParseErrors(t, tests)
}

// TestParseAccepts: what stays fine: comments on their own lines, after
// a month, or after a "key:"; names in quotes with "#", ": " or a
// leading "@"; words YAML 1.1 reads as booleans and numbers, which are
// read as the text written; a note that goes on over two lines.
func TestParseAccepts(t *testing.T) {
	src := `# The schedule.
- month: 2018-02 # moved from March
  note: Releases run
    all month.
  areas: # in any order
    # MIT Police first
    - MIT Police
    - "Office of Health # Safety"
    - 'Research: Lab'
    - "@name"
    - yes
    - 1999
    - name: "[x]"
      includes: ["Room #5", B]
    - "name:x"
    - Lab:5
    - https://example.org
`
	s, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	w := s.Waves[0]
	var names []string
	for _, a := range w.Areas {
		names = append(names, a.Name)
	}
	if have, want := strings.Join(names, "|"), "MIT Police|Office of Health # Safety|Research: Lab|@name|yes|1999|[x]|name:x|Lab:5|https://example.org"; have != want {
		t.Errorf("areas %s, want %s", have, want)
	}
	if have, want := strings.Join(w.Areas[6].Includes, "|"), "Room #5|B"; have != want {
		t.Errorf("includes %s, want %s", have, want)
	}
	if w.Note != "Releases run all month." {
		t.Errorf("note %q", w.Note)
	}
}

// TestScheduleNotUTF8: a schedule saved in another encoding is an error at
// the line of the first bad byte, saying how to save it.
func TestScheduleNotUTF8(t *testing.T) {
	_, err := Parse("s.yaml", []byte("- month: 2018-01\n  areas:\n    - name: Caf\xe9\n"))
	want := "s.yaml:3: this line is not UTF-8 text; save the file as UTF-8 (in most editors: Save with encoding → UTF-8)"
	if err == nil || err.Error() != want {
		t.Errorf("have %v\nwant %s", err, want)
	}
}

// parseErrors is a schedule, and the problems Parse must report, one each.
type parseErrors struct {
	name string
	src  string
	want []string
}

// testParseErrors parses each schedule of tests and compares its problems.
func testParseErrors(t *testing.T, tests []parseErrors) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("s.yaml", []byte(tt.src))
			want := strings.Join(tt.want, "\n")
			if err == nil {
				t.Fatalf("Parse succeeded with %d waves; want error\n%s", len(s.Waves), want)
			}
			if have := err.Error(); have != want {
				t.Errorf("schedule:\n%s\nhave error\n%s\nwant\n%s", tt.src, have, want)
			}
		})
	}
}
