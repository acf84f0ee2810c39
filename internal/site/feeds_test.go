package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"rollout/internal/schedule"
)

func TestFold(t *testing.T) {
	for _, in := range []string{
		"SUMMARY:short",
		"DESCRIPTION:" + strings.Repeat("a", 200),
		"DESCRIPTION:" + strings.Repeat("é", 100), // two octets each
		"DESCRIPTION:" + strings.Repeat("x", 62) + "—" + strings.Repeat("y", 80),
		strings.Repeat("z", 75), // exactly one full line
		strings.Repeat("z", 76),
	} {
		var b bytes.Buffer
		fold(&b, in)
		out := b.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Errorf("%q: not ended by CRLF", out)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		var joined strings.Builder
		for i, l := range lines {
			if len(l) > 75 {
				t.Errorf("line %d is %d octets: %q", i, len(l), l)
			}
			if !utf8.ValidString(l) {
				t.Errorf("line %d splits a character: %q", i, l)
			}
			if i > 0 {
				if !strings.HasPrefix(l, " ") {
					t.Errorf("continuation line %d does not start with a space", i)
				}
				l = l[1:]
			}
			joined.WriteString(l)
		}
		if joined.String() != in {
			t.Errorf("unfolded %q, want %q", joined.String(), in)
		}
	}
}

func TestICSText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"a, b; c\\d\ne", `a\, b\; c\\d\ne`},
		{"tab\tkept", "tab\tkept"},
		{"bell\a and escape\x1b and DEL\x7f left out", "bell and escape and DEL left out"},
		{"Café & Co: “quotes”", "Café & Co: “quotes”"},
	} {
		if have := icsText(tt.in); have != tt.want {
			t.Errorf("icsText(%q) = %q, want %q", tt.in, have, tt.want)
		}
	}
}

// feedsFixture is a site whose schedule has a wave by month, a wave as a
// range of days across a year's end, names that TEXT must escape, a long
// note in other scripts, and a separate rollout.
func feedsFixture(home string) fstest.MapFS {
	fsys := fixture()
	fsys["content/_index.md"] = &fstest.MapFile{Data: []byte(home)}
	fsys["content/schedule.yaml"] = &fstest.MapFile{Data: []byte(`- month: 2018-02
  heading: Staff rollout begins
  note: Releases run all month.
  areas:
    - name: MIT Police
      aliases: [Police]
    - name: Office of the EVP, Treasurer; and Back\Slash
      includes:
        - name: Human Resources
          aliases: [HR, Personnel]
        - CSAIL
      note: Très long — ` + strings.Repeat("données ", 20) + `
    - Libraries
- start: 2018-12-20
  end: 2019-01-05
  areas:
    - Later area
- separate: Lincoln Laboratory
  includes: [Lincoln Lab]
  note: Lincoln Laboratory is conducting a separate rollout.
`)}
	return fsys
}

const feedsHome = "---\ntitle: Training, Rollout; Site\ndescription: When your area gets the training.\ncontact: training@example.org\nsiteID: training.example.edu\n---\nHello.\n"

func buildFeeds(t *testing.T, fsys fstest.MapFS, opt Options) map[string][]byte {
	t.Helper()
	res, err := Build(fsys, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res.Files
}

// The calendar holds every wave, area and unit, and each separate
// rollout's note, in content lines as RFC 5545 writes them.
func TestCalendar(t *testing.T) {
	files := buildFeeds(t, feedsFixture(feedsHome), Options{BaseURL: "https://example.org/repo/", Now: day(t, "2018-03-15")})
	ics := string(files["schedule.ics"])
	checkICS(t, "schedule.ics", files["schedule.ics"])
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rollout//Training rollout schedule//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
		"\r\nNAME:Training\\, Rollout\\; Site\r\n",
		"\r\nX-WR-CALNAME:Training\\, Rollout\\; Site\r\n",
		// Folded at 75 octets, the continuation after a space.
		"\r\nX-WR-CALDESC:When your area gets the training.\\n\\nLincoln Laboratory: Linco\r\n ln Laboratory is conducting a separate rollout.\r\n",
		"\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\nX-PUBLISHED-TTL:P1D\r\n",
		"\r\nSOURCE;VALUE=URI:https://example.org/repo/schedule.ics\r\n",
		// The month's wave: DTEND is the day after its last.
		"BEGIN:VEVENT\r\nUID:wave-2018-02@training.example.edu\r\nDTSTAMP:20180315T000000Z\r\nDTSTART;VALUE=DATE:20180201\r\nDTEND;VALUE=DATE:20180301\r\n",
		"\r\nSUMMARY:Training rollout: MIT Police\\, Office of the EVP\\, Treasurer\\; and \r\n Back\\\\Slash and 1 more area\r\n",
		// Never inside a character: "é" is two octets.
		"données d\r\n onnées",
		"\r\nDESCRIPTION:February 2018: Staff rollout begins\\n\\nReleases run all month.\\n\\nAreas:\\n- MIT Police\\n- Office of the EVP\\, Treasurer\\; and Back\\\\Slash\\n  Includes Human Resources\\; CSAIL\\n  Très long — données",
		"\\n- Libraries\\n\\nReleases happen throughout this period",
		"\\n\\nQuestions: training@example.org\r\n",
		"\r\nURL:https://example.org/repo/#wave-2018-02\r\nTRANSP:TRANSPARENT\r\nEND:VEVENT\r\n",
		// The range across the year's end.
		"\r\nUID:wave-2018-12-20@training.example.edu\r\nDTSTAMP:20180315T000000Z\r\nDTSTART;VALUE=DATE:20181220\r\nDTEND;VALUE=DATE:20190106\r\nSUMMARY:Training rollout: Later area\r\n",
		// The separate rollout, a note on the rollout's first day.
		"\r\nUID:separate-lincoln-laboratory@training.example.edu\r\nDTSTAMP:20180315T000000Z\r\nDTSTART;VALUE=DATE:20180201\r\nDTEND;VALUE=DATE:20180202\r\nSUMMARY:Separate training rollout: Lincoln Laboratory\r\nDESCRIPTION:Lincoln Laboratory\\nIncludes Lincoln Lab\\nLincoln Laboratory is\r\n  conducting a separate rollout.\\n\\nQuestions: training@example.org\r\n",
		"END:VEVENT\r\nEND:VCALENDAR\r\n",
	} {
		if !strings.Contains(unfoldAt(ics, want), want) {
			t.Errorf("schedule.ics has no\n%q\nhave:\n%s", want, ics)
		}
	}
	if n := strings.Count(ics, "BEGIN:VEVENT\r\n"); n != 3 {
		t.Errorf("schedule.ics has %d events, want 3 (2 waves, 1 separate rollout)", n)
	}
	if !strings.HasSuffix(ics, "END:VCALENDAR\r\n") {
		t.Errorf("schedule.ics does not end with END:VCALENDAR")
	}
}

// unfoldAt returns ics unfolded when want is written unfolded (has no
// CRLF followed by a space), else ics as it is.
func unfoldAt(ics, want string) string {
	if strings.Contains(want, "\r\n ") {
		return ics
	}
	return strings.ReplaceAll(ics, "\r\n ", "")
}

// Each wave has a calendar of its own at /schedule/wave-<ID>.ics, the ID
// of its anchor on the page, with the same event as the whole calendar.
func TestWaveCalendars(t *testing.T) {
	files := buildFeeds(t, feedsFixture(feedsHome), Options{BaseURL: "https://example.org/repo/", Now: day(t, "2018-03-15")})
	whole := events(t, files["schedule.ics"])
	for _, id := range []string{"2018-02", "2018-12-20"} {
		name := "schedule/wave-" + id + ".ics"
		data, ok := files[name]
		if !ok {
			t.Errorf("no %s", name)
			continue
		}
		checkICS(t, name, data)
		evs := events(t, data)
		uid := "wave-" + id + "@training.example.edu"
		if len(evs) != 1 || evs[0]["UID"] != uid {
			t.Errorf("%s: events %v, want the one of UID %s", name, evs, uid)
			continue
		}
		i := slices.IndexFunc(whole, func(e map[string]string) bool { return e["UID"] == uid })
		if i < 0 || !reflect.DeepEqual(whole[i], evs[0]) {
			t.Errorf("%s: the event differs from schedule.ics's:\n%v\n%v", name, evs[0], whole)
		}
		if want := "SOURCE;VALUE=URI:https://example.org/repo/" + name + "\r\n"; !bytes.Contains(data, []byte(want)) {
			t.Errorf("%s has no %q", name, want)
		}
	}
	if have := strings.Join(filesUnder(files, "schedule/wave-"), " "); have != "schedule/wave-2018-02.ics schedule/wave-2018-12-20.ics" {
		t.Errorf("wave calendars: %s", have)
	}
	s := &Site{}
	for _, w := range []*schedule.Wave{{Start: day(t, "2018-02-01"), ByMonth: true}, {Start: day(t, "2018-12-20")}} {
		if have, want := s.WaveCalendar(w), "/schedule/wave-"+w.ID()+".ics"; have != want {
			t.Errorf("WaveCalendar = %s, want %s", have, want)
		}
	}
}

// Each area of a wave has a calendar of its own, which the finder links
// to: one event, its wave's days, known by the area's name, so that it
// follows the area to another month.
func TestAreaCalendars(t *testing.T) {
	opt := Options{BaseURL: "https://example.org/repo/", Now: day(t, "2018-03-15")}
	fsys := feedsFixture(feedsHome)
	files := buildFeeds(t, fsys, opt)
	if have := strings.Join(filesUnder(files, "schedule/area-"), " "); have != "schedule/area-later-area.ics schedule/area-libraries.ics schedule/area-mit-police.ics schedule/area-office-of-the-evp-treasurer-and-back-slash.ics" {
		t.Errorf("area calendars: %s", have)
	}
	const name = "schedule/area-office-of-the-evp-treasurer-and-back-slash.ics"
	checkICS(t, name, files[name])
	evs := events(t, files[name])
	if len(evs) != 1 {
		t.Fatalf("%s: %d events, want 1", name, len(evs))
	}
	e := evs[0]
	for k, want := range map[string]string{
		"UID":                "area-office-of-the-evp-treasurer-and-back-slash@training.example.edu",
		"DTSTART;VALUE=DATE": "20180201",
		"DTEND;VALUE=DATE":   "20180301",
		"SUMMARY":            `Training rollout: Office of the EVP\, Treasurer\; and Back\\Slash`,
		"URL":                "https://example.org/repo/#wave-2018-02",
	} {
		if e[k] != want {
			t.Errorf("%s: %s is %q, want %q", name, k, e[k], want)
		}
	}
	for _, want := range []string{`gets the training in February 2018 (Staff rollout begins).`, `Includes Human Resources\; CSAIL`, "Questions: training@example.org"} {
		if !strings.Contains(e["DESCRIPTION"], want) {
			t.Errorf("%s: the description has no %q: %s", name, want, e["DESCRIPTION"])
		}
	}
	if !strings.Contains(unfoldAt(string(files[name]), ""), "SOURCE;VALUE=URI:https://example.org/repo/"+name+"\r\n") {
		t.Errorf("%s: no SOURCE of its own address", name)
	}

	// schedule.json names each area's calendar.
	var doc jsonDoc
	if err := json.Unmarshal(files["schedule.json"], &doc); err != nil {
		t.Fatal(err)
	}
	for _, w := range doc.Waves {
		for _, a := range w.Areas {
			if files[strings.TrimPrefix(a.Calendar, "https://example.org/repo/")] == nil {
				t.Errorf("%s: its calendar %q is not in the site", a.Name, a.Calendar)
			}
		}
	}

	// Moved to another month, the area keeps its calendar's address and
	// its event's UID.
	yaml := string(fsys["content/schedule.yaml"].Data)
	fsys = withFile(fsys, "content/schedule.yaml", strings.Replace(strings.Replace(yaml, "    - Libraries\n", "", 1), "    - Later area\n", "    - Later area\n    - Libraries\n", 1))
	moved := events(t, buildFeeds(t, fsys, opt)["schedule/area-libraries.ics"])
	if len(moved) != 1 || moved[0]["UID"] != "area-libraries@training.example.edu" || moved[0]["DTSTART;VALUE=DATE"] != "20181220" {
		t.Errorf("Libraries, moved: %v", moved)
	}

	// Two names of one slug, or of none, get names of their own.
	fsys = withFile(fsys, "content/schedule.yaml", "- month: 2018-02\n  areas: [R&D, R D, \"&\"]\n")
	names := filesUnder(buildFeeds(t, fsys, opt), "schedule/area-")
	if len(names) != 3 || slices.Contains(names, "schedule/area-.ics") || slices.Contains(names, "schedule/area-r-d.ics") {
		t.Errorf("areas R&D, R D and &: calendars %v", names)
	}
}

// filesUnder returns the names of files that start with prefix, sorted.
func filesUnder(files map[string][]byte, prefix string) []string {
	var names []string
	for name := range files {
		if strings.HasPrefix(name, prefix) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// UIDs depend on the schedule and siteID (or, without it, the title),
// never on the address the site is published at; DTSTAMP is the build's
// day, and the same day gives the same bytes.
func TestCalendarStable(t *testing.T) {
	uids := func(home string, opt Options) string {
		t.Helper()
		var all []string
		for _, e := range events(t, buildFeeds(t, feedsFixture(home), opt)["schedule.ics"]) {
			all = append(all, e["UID"])
		}
		return strings.Join(all, " ")
	}
	now := day(t, "2018-03-15")
	want := "wave-2018-02@training.example.edu wave-2018-12-20@training.example.edu separate-lincoln-laboratory@training.example.edu"
	for _, base := range []string{"https://example.org/repo/", "https://training.example.edu/", "http://localhost:1313/", "/other/", ""} {
		if have := uids(feedsHome, Options{BaseURL: base, Now: now}); have != want {
			t.Errorf("base URL %q: UIDs %s, want %s", base, have, want)
		}
	}
	noID := strings.Replace(feedsHome, "siteID: training.example.edu\n", "", 1)
	for _, base := range []string{"https://a.example/", "https://b.example/x/"} {
		if have, want := uids(noID, Options{BaseURL: base, Now: now}), strings.ReplaceAll(want, "training.example.edu", "training-rollout-site"); have != want {
			t.Errorf("without siteID, base URL %q: UIDs %s, want %s", base, have, want)
		}
	}

	// Each language's calendar gives an event the same UID, from the
	// default language's title.
	twoLangs := feedsFixture(strings.Replace(noID, "---\nHello", "languages:\n  - {code: en, name: English}\n  - {code: es, name: Español}\n---\nHello", 1))
	twoLangs["content/_index.es.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Capacitación, sitio\n---\nHola.\n")}
	files := buildFeeds(t, twoLangs, Options{Now: now})
	for _, name := range []string{"schedule.ics", "es/schedule.ics"} {
		var all []string
		for _, e := range events(t, files[name]) {
			all = append(all, e["UID"])
		}
		if have, want := strings.Join(all, " "), strings.ReplaceAll(want, "training.example.edu", "training-rollout-site"); have != want {
			t.Errorf("two languages, without siteID: %s UIDs %s, want %s", name, have, want)
		}
	}

	a := buildFeeds(t, feedsFixture(feedsHome), Options{BaseURL: "https://example.org/", Now: now})
	b := buildFeeds(t, feedsFixture(feedsHome), Options{BaseURL: "https://example.org/", Now: now})
	later := buildFeeds(t, feedsFixture(feedsHome), Options{BaseURL: "https://example.org/", Now: day(t, "2019-07-04")})
	for _, name := range []string{"schedule.ics", "schedule/wave-2018-02.ics"} {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s: two builds differ", name)
		}
		if n, m := bytes.Count(a[name], []byte("\r\nDTSTAMP:")), bytes.Count(a[name], []byte("\r\nDTSTAMP:20180315T000000Z\r\n")); n == 0 || n != m {
			t.Errorf("%s: %d of %d DTSTAMPs are the build's day", name, m, n)
		}
		if n, m := bytes.Count(later[name], []byte("\r\nDTSTAMP:")), bytes.Count(later[name], []byte("\r\nDTSTAMP:20190704T000000Z\r\n")); n == 0 || n != m {
			t.Errorf("%s, built later: %d of %d DTSTAMPs are the build's day", name, m, n)
		}
	}
	// The zero Options.Now is no day; DTSTAMP stays a valid one.
	zero := buildFeeds(t, feedsFixture(feedsHome), Options{})
	checkICS(t, "schedule.ics of the zero date", zero["schedule.ics"])
	if !bytes.Contains(zero["schedule.ics"], []byte("\r\nDTSTAMP:19700101T000000Z\r\n")) {
		t.Errorf("zero date: %s", zero["schedule.ics"])
	}
}

// A wave ends on its last day in the JSON, and the day after in the
// calendar: DTEND is exclusive.
func TestCalendarMatchesJSON(t *testing.T) {
	files := buildFeeds(t, feedsFixture(feedsHome), Options{BaseURL: "https://example.org/repo/", Now: day(t, "2018-03-15")})
	var doc jsonDoc
	if err := json.Unmarshal(files["schedule.json"], &doc); err != nil {
		t.Fatal(err)
	}
	evs := map[string]map[string]string{}
	for _, e := range events(t, files["schedule.ics"]) {
		evs[e["UID"]] = e
	}
	if len(doc.Waves) != 2 {
		t.Fatalf("schedule.json has %d waves, want 2", len(doc.Waves))
	}
	for _, w := range doc.Waves {
		e := evs["wave-"+w.ID+"@training.example.edu"]
		start, end := day(t, w.Start), day(t, w.End)
		if have, want := e["DTSTART;VALUE=DATE"], start.Format("20060102"); have != want {
			t.Errorf("wave %s: DTSTART %s, want %s", w.ID, have, want)
		}
		if have, want := e["DTEND;VALUE=DATE"], end.AddDays(1).Format("20060102"); have != want {
			t.Errorf("wave %s: DTEND %s, want %s, the day after the JSON's end %s", w.ID, have, want, w.End)
		}
		if name := strings.TrimPrefix(w.Calendar, "https://example.org/repo/"); files[name] == nil {
			t.Errorf("wave %s: its calendar %s is not in the site", w.ID, w.Calendar)
		}
	}
	// The other names the finder knows, so that other programs can too.
	areas := doc.Waves[0].Areas
	if have := fmt.Sprint(areas[0].Aliases, areas[1].Includes, areas[1].UnitAliases, areas[2].Aliases == nil, areas[2].UnitAliases == nil); have != "[Police] [Human Resources CSAIL] map[Human Resources:[HR Personnel]] true true" {
		t.Errorf("schedule.json's names: %s", have)
	}
	if doc.Version != 1 || doc.Calendar != "https://example.org/repo/schedule.ics" || doc.AsOf != "2018-03-15" {
		t.Errorf("schedule.json: version %d, calendar %q, asOf %q", doc.Version, doc.Calendar, doc.AsOf)
	}
}

// schedule.json follows schedule.schema.json, which describes every field
// of the Go types that write it, and no other.
func TestScheduleSchema(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal([]byte(scheduleSchema), &schema); err != nil {
		t.Fatalf("schedule.schema.json is not JSON: %v", err)
	}
	if schema["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", schema["$schema"])
	}
	defs := schema["$defs"].(map[string]any)
	for _, tt := range []struct {
		typ    reflect.Type
		schema any
	}{
		{reflect.TypeFor[jsonDoc](), schema},
		{reflect.TypeFor[jsonWave](), defs["wave"]},
		{reflect.TypeFor[jsonArea](), defs["area"]},
	} {
		t.Run(tt.typ.Name(), func(t *testing.T) {
			s := tt.schema.(map[string]any)
			props := s["properties"].(map[string]any)
			var fields, required []string
			for i := range tt.typ.NumField() {
				f := tt.typ.Field(i)
				name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
				fields = append(fields, name)
				if opts != "omitempty" {
					required = append(required, name)
				}
			}
			var inSchema, reqSchema []string
			for k := range props {
				inSchema = append(inSchema, k)
			}
			for _, r := range s["required"].([]any) {
				reqSchema = append(reqSchema, r.(string))
			}
			for _, l := range [][]string{fields, required, inSchema, reqSchema} {
				sort.Strings(l)
			}
			if !slices.Equal(fields, inSchema) {
				t.Errorf("fields %v, schema's properties %v", fields, inSchema)
			}
			if !slices.Equal(required, reqSchema) {
				t.Errorf("fields always written %v, schema's required %v", required, reqSchema)
			}
			if s["additionalProperties"] != false {
				t.Errorf("additionalProperties is not false")
			}
		})
	}

	for name, fsys := range map[string]fstest.MapFS{
		"full":         feedsFixture(feedsHome),
		"minimal":      fixture(),
		"no separate":  withFile(feedsFixture(feedsHome), "content/schedule.yaml", "- start: 2018-01-02\n  end: 2018-01-02\n  areas: [One]\n"),
		"no base host": feedsFixture(feedsHome),
	} {
		t.Run(name, func(t *testing.T) {
			opt := Options{BaseURL: "https://example.org/repo/", Now: day(t, "2018-03-15")}
			if name == "no base host" {
				opt.BaseURL = "/repo/"
			}
			files := buildFeeds(t, fsys, opt)
			if !bytes.Equal(files["schedule.schema.json"], []byte(scheduleSchema)) {
				t.Errorf("schedule.schema.json is not published")
			}
			var doc any
			if err := json.Unmarshal(files["schedule.json"], &doc); err != nil {
				t.Fatal(err)
			}
			for _, problem := range validate(schema, schema, doc, "") {
				t.Errorf("schedule.json: %s\n%s", problem, files["schedule.json"])
			}
		})
	}
}

func withFile(fsys fstest.MapFS, name, data string) fstest.MapFS {
	fsys[name] = &fstest.MapFile{Data: []byte(data)}
	return fsys
}

// validate checks v against the part of JSON Schema that
// schedule.schema.json uses: $ref to #/$defs, type, const, enum, pattern,
// required, properties, additionalProperties (false or a schema) and
// items.
func validate(root, schema map[string]any, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name, ok := strings.CutPrefix(ref, "#/$defs/")
		def, _ := root["$defs"].(map[string]any)[name].(map[string]any)
		if !ok || def == nil {
			return []string{fmt.Sprintf("%s: $ref %s leads nowhere", at, ref)}
		}
		schema = def
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, at+": "+fmt.Sprintf(format, args...)) }
	if c, ok := schema["const"]; ok && !reflect.DeepEqual(c, v) {
		bad("%v, want %v", v, c)
	}
	if e, ok := schema["enum"].([]any); ok && !slices.Contains(e, v) {
		bad("%v is not one of %v", v, e)
	}
	switch typ, _ := schema["type"].(string); typ {
	case "":
	case "string":
		s, ok := v.(string)
		if !ok {
			bad("%v is not a string", v)
			break
		}
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(s) {
			bad("%q does not match %s", s, p)
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			bad("%v is not an array", v)
			break
		}
		items, _ := schema["items"].(map[string]any)
		for i, x := range a {
			problems = append(problems, validate(root, items, x, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "object":
		o, ok := v.(map[string]any)
		if !ok {
			bad("%v is not an object", v)
			break
		}
		props, _ := schema["properties"].(map[string]any)
		required, _ := schema["required"].([]any)
		for _, r := range required {
			if _, ok := o[r.(string)]; !ok {
				bad("no %s", r)
			}
		}
		for k, x := range o {
			p, ok := props[k].(map[string]any)
			if !ok {
				p, ok = schema["additionalProperties"].(map[string]any)
			}
			if !ok {
				if schema["additionalProperties"] == false {
					bad("%s is not in the schema", k)
				}
				continue
			}
			problems = append(problems, validate(root, p, x, at+"."+k)...)
		}
	default:
		bad("the test knows no type %q", typ)
	}
	return problems
}

// robots.txt is read only at the root of a host: there it lets crawlers
// in; under a sub-path it has no rules. It names the sitemap by its
// absolute address whenever there is one.
func TestRobots(t *testing.T) {
	for _, tt := range []struct{ base, want string }{
		{"", "User-agent: *\nAllow: /\n"},
		{"https://training.example.edu/", "User-agent: *\nAllow: /\nSitemap: https://training.example.edu/sitemap.xml\n"},
		{"https://org.github.io/repo/", "# Crawlers read robots.txt only at the root of a host, not under /repo/,\n# so this file has no rules: the host's own robots.txt has them.\nSitemap: https://org.github.io/repo/sitemap.xml\n"},
		{"/repo/", "# Crawlers read robots.txt only at the root of a host, not under /repo/,\n# so this file has no rules: the host's own robots.txt has them.\n"},
		{"https://org.github.io/café/", "# Crawlers read robots.txt only at the root of a host, not under /caf%C3%A9/,\n# so this file has no rules: the host's own robots.txt has them.\nSitemap: https://org.github.io/caf%C3%A9/sitemap.xml\n"},
	} {
		t.Run(tt.base, func(t *testing.T) {
			files := buildFeeds(t, fixture(), Options{BaseURL: tt.base})
			if have := string(files["robots.txt"]); have != tt.want {
				t.Errorf("robots.txt:\n%s\nwant:\n%s", have, tt.want)
			}
			_, hasSitemap := files["sitemap.xml"]
			if hasSitemap != strings.Contains(tt.want, "Sitemap:") {
				t.Errorf("sitemap.xml published: %t", hasSitemap)
			}
		})
	}
}

func TestWebcal(t *testing.T) {
	for _, tt := range []struct{ base, want string }{
		{"https://org.github.io/repo/", "webcal://org.github.io/repo/schedule.ics"},
		{"http://localhost:1313/", "webcal://localhost:1313/schedule.ics"},
		{"/repo/", ""},
	} {
		origin, basePath, err := SplitBaseURL(tt.base)
		if err != nil {
			t.Fatal(err)
		}
		if have := (links{Origin: origin, basePath: basePath}).Webcal("/schedule.ics"); string(have) != tt.want {
			t.Errorf("%s: Webcal = %q, want %q", tt.base, have, tt.want)
		}
	}
}

// events returns the events of a calendar, each as its properties
// (name with parameters -> value), unfolded.
func events(t *testing.T, data []byte) []map[string]string {
	t.Helper()
	var evs []map[string]string
	var cur map[string]string
	for _, l := range contentLines(string(data)) {
		name, value, _ := strings.Cut(l, ":")
		switch {
		case l == "BEGIN:VEVENT":
			cur = map[string]string{}
		case l == "END:VEVENT":
			evs = append(evs, cur)
			cur = nil
		case cur != nil:
			cur[name] = value
		}
	}
	return evs
}

// contentLines unfolds a calendar's lines.
func contentLines(ics string) []string {
	ics = strings.ReplaceAll(ics, "\r\n ", "")
	ics = strings.ReplaceAll(ics, "\r\n\t", "")
	return strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n")
}

var (
	icsName    = regexp.MustCompile(`^(?:[A-Za-z0-9-]+)$`)
	icsParam   = regexp.MustCompile(`^[A-Za-z0-9-]+=(?:"[^"\x00-\x1f\x7f]*"|[^";:,\x00-\x1f\x7f]*)(?:,(?:"[^"\x00-\x1f\x7f]*"|[^";:,\x00-\x1f\x7f]*))*$`)
	icsDate    = regexp.MustCompile(`^\d{8}$`)
	icsUTC     = regexp.MustCompile(`^\d{8}T\d{6}Z$`)
	icsTextVal = regexp.MustCompile(`^(?:[^\\;,\x00-\x08\x0a-\x1f\x7f]|\\[\\;,nN])*$`)
)

// icsTextProps are the properties of type TEXT the calendars write.
var icsTextProps = map[string]bool{"UID": true, "SUMMARY": true, "DESCRIPTION": true, "NAME": true, "X-WR-CALNAME": true, "X-WR-CALDESC": true, "PRODID": true}

// checkICS checks a calendar against the rules of RFC 5545 that apply to
// what rollout writes: CRLF line ends, lines of at most 75 octets folded
// with a space and never inside a character, content lines of a name,
// parameters and a value with no control characters, TEXT values
// escaped, BEGIN and END that pair up, the calendar's VERSION and PRODID
// once, and each event's UID, DTSTAMP and DTSTART once, with an all-day
// DTEND after its DTSTART, and UIDs unique.
func checkICS(t *testing.T, name string, data []byte) {
	t.Helper()
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		t.Errorf("%s does not end with CRLF", name)
	}
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		switch {
		case strings.ContainsAny(l, "\r\n"):
			t.Errorf("%s:%d: a bare CR or LF: %q", name, i+1, l)
		case len(l) > 75:
			t.Errorf("%s:%d: %d octets, more than 75: %q", name, i+1, len(l), l)
		case !utf8.ValidString(l):
			t.Errorf("%s:%d: not UTF-8, or a character split by folding: %q", name, i+1, l)
		case l == "":
			t.Errorf("%s:%d: an empty line", name, i+1)
		case i == 0 && (l[0] == ' ' || l[0] == '\t'):
			t.Errorf("%s:1: the first line is a continuation", name)
		}
	}
	lines := contentLines(s)
	var stack []string
	counts := []map[string]int{}
	uids := map[string]bool{}
	var start string
	for i, l := range lines {
		head, value, ok := strings.Cut(l, ":")
		// A parameter value in quotes may hold a colon; the calendars
		// write none.
		if !ok {
			t.Errorf("%s: content line %d has no colon: %q", name, i+1, l)
			continue
		}
		parts := strings.Split(head, ";")
		prop := parts[0]
		if !icsName.MatchString(prop) {
			t.Errorf("%s: %q is not a property name", name, prop)
		}
		for _, p := range parts[1:] {
			if !icsParam.MatchString(p) {
				t.Errorf("%s: %q is not a parameter", name, p)
			}
		}
		if strings.ContainsFunc(value, func(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }) {
			t.Errorf("%s: %s has a control character: %q", name, prop, value)
		}
		if icsTextProps[prop] && !icsTextVal.MatchString(value) {
			t.Errorf("%s: %s is not escaped TEXT: %q", name, prop, value)
		}
		switch prop {
		case "BEGIN":
			if len(stack) == 0 && value != "VCALENDAR" || len(stack) > 0 && value != "VEVENT" {
				t.Errorf("%s: BEGIN:%s inside %v", name, value, stack)
			}
			stack = append(stack, value)
			counts = append(counts, map[string]int{})
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Errorf("%s: END:%s inside %v", name, value, stack)
				return
			}
			c := counts[len(counts)-1]
			var once []string
			switch value {
			case "VCALENDAR":
				once = []string{"VERSION", "PRODID"}
				if i != len(lines)-1 {
					t.Errorf("%s: lines after END:VCALENDAR", name)
				}
			case "VEVENT":
				once = []string{"UID", "DTSTAMP", "DTSTART;VALUE=DATE"}
			}
			for _, p := range once {
				if c[p] != 1 {
					t.Errorf("%s: %s has %d %s, want 1", name, value, c[p], p)
				}
			}
			for p, n := range c {
				if n > 1 && p != "BEGIN" && p != "END" {
					t.Errorf("%s: %s has %d %s", name, value, n, p)
				}
			}
			stack, counts = stack[:len(stack)-1], counts[:len(counts)-1]
			continue
		}
		if len(stack) == 0 {
			t.Errorf("%s: %s outside the calendar", name, prop)
			continue
		}
		counts[len(counts)-1][head]++
		switch head {
		case "VERSION":
			if value != "2.0" {
				t.Errorf("%s: VERSION:%s", name, value)
			}
		case "UID":
			if uids[value] {
				t.Errorf("%s: UID %s twice", name, value)
			}
			uids[value] = true
		case "DTSTAMP":
			if !icsUTC.MatchString(value) {
				t.Errorf("%s: DTSTAMP:%s is not a UTC date-time", name, value)
			}
		case "DTSTART;VALUE=DATE":
			start = value
			if !isICSDate(value) {
				t.Errorf("%s: DTSTART:%s is not a date", name, value)
			}
		case "DTEND;VALUE=DATE":
			if !isICSDate(value) || value <= start {
				t.Errorf("%s: DTEND:%s is not a date after DTSTART:%s", name, value, start)
			}
		}
	}
	if len(stack) != 0 {
		t.Errorf("%s: %v never ended", name, stack)
	}
}

// isICSDate reports whether v is a day written YYYYMMDD that the calendar
// has.
func isICSDate(v string) bool {
	if !icsDate.MatchString(v) {
		return false
	}
	_, err := schedule.ParseDate(v[:4] + "-" + v[4:6] + "-" + v[6:])
	return err == nil
}

// An edit of siteID alone makes the calendars again, as a clean build
// would.
func TestCalendarSiteIDEdited(t *testing.T) {
	fsys := feedsFixture(feedsHome)
	b, err := NewBuilder(fsys, Options{BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	withFile(fsys, "content/_index.md", strings.Replace(feedsHome, "siteID: training.example.edu", "siteID: other.example.edu", 1))
	res, err := b.Build([]string{"content/_index.md"})
	if err != nil {
		t.Fatal(err)
	}
	clean := buildFeeds(t, fsys, Options{BaseURL: "https://example.org/"})
	for _, name := range []string{"schedule.ics", "schedule/wave-2018-02.ics"} {
		if !bytes.Equal(res.Files[name], clean[name]) || !bytes.Contains(clean[name], []byte("@other.example.edu\r\n")) {
			t.Errorf("%s differs from a clean build's after siteID changed:\n%s", name, res.Files[name])
		}
	}
}
