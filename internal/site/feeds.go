package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"time"
	"unicode"

	"rollout/internal/diag"
	"rollout/internal/schedule"
)

// The schedule to take away, made from content/schedule.yaml and the home
// page's settings:
//
//   - schedule.ics, the whole rollout as a calendar (RFC 5545) to subscribe
//     to: one all-day event per wave, listing its areas and their units,
//     and one note per separate rollout on the rollout's first day;
//   - schedule/wave-<ID>.ics, the calendar of one wave; <ID> is the
//     wave's anchor on the page (#wave-<ID>, see schedule.Wave.ID), and
//     the address is a promise;
//   - schedule/area-<name>.ics, the calendar of one area of a wave, which
//     the area finder's answer links to: one event, the area's month,
//     known by the area's name, so that it follows the area when it moves
//     to another month;
//   - schedule.json, the same data with each wave's status on the build's
//     day, and schedule.schema.json, its JSON Schema.
//
// A wave's last day is included in the JSON ("end"); the calendar's DTEND
// is the day after it, as RFC 5545 counts all-day events. An event's UID
// is its wave's ID and the site's siteID (see siteID), never the base
// URL's host, so that a calendar that saved the schedule updates its
// events after a move to another address instead of showing them twice.
// DTSTAMP is the build's day (Options.Now): the same sources and options
// give the same bytes.

// jsonVersion is the format version of schedule.json: it changes only
// when a field changes its meaning or goes away (added fields keep it).
const jsonVersion = 1

// scheduleFiles returns the schedule to take away, by output file: in
// each of the site's languages, the default's at the root and each
// other's under its folder (see Site.LangPath). Its problems are those of
// the layouts' texts it is written with (see say).
func scheduleFiles(s *Site) (map[string][]byte, error) {
	if s.Schedule == nil {
		return nil, nil
	}
	files := map[string][]byte{"schedule.schema.json": []byte(scheduleSchema)}
	var problems diag.List
	for _, l := range s.Languages {
		v := s.view(l.Code)
		v.textProblems = &problems
		defer func() { v.textProblems = nil }()
		put := func(p string, data []byte) { files[strings.TrimPrefix(p, "/")] = data }
		p := v.LangPath("/schedule.ics")
		put(p, calendar(v, v.Title, p, v.Schedule.Waves, v.Schedule.Separate))
		put(v.LangPath("/schedule.json"), scheduleJSON(v))
		for _, w := range v.Schedule.Waves {
			p := v.WaveCalendar(w)
			put(p, calendar(v, v.Title+": "+v.WaveLabel(w), p, []*schedule.Wave{w}, nil))
			for _, a := range w.Areas {
				p := v.AreaCalendar(a)
				put(p, areaCalendar(v, p, w, a))
			}
		}
	}
	return files, problems.Err()
}

// say returns the text of key in s's language from the layouts' texts
// (layouts/i18n), or else, when they have none, the English one; each
// {name} in it replaced by the value after name in pairs. A text they
// have that cannot be filled so (a {name} added or taken out) is a
// problem of s.textProblems, at the text's line.
func (s *Site) say(key, english string, pairs ...string) string {
	if s.catalog != nil {
		t, err := s.catalog.Text(s.Lang, key, pairs...)
		if err == nil {
			return t
		}
		if _, missing := s.catalog.Raw(s.Lang, key); missing == nil && s.textProblems != nil {
			s.textProblems.Add(err)
		}
	}
	var r []string
	for i := 0; i+1 < len(pairs); i += 2 {
		r = append(r, "{"+pairs[i]+"}", pairs[i+1])
	}
	return strings.NewReplacer(r...).Replace(english)
}

// AreaCalendar returns the site path of the calendar of area a of a wave,
// "/schedule/area-<name>.ics", where <name> is the area's UID (see
// areaUIDs): the area finder links to it.
func (s *Site) AreaCalendar(a *schedule.Area) string {
	return s.LangPath("/schedule/" + s.areaUIDs[a] + ".ics")
}

// WaveCalendar returns the site path of the calendar of wave w alone,
// "/schedule/wave-<ID>.ics", with the ID of the wave's anchor on the
// page (#wave-<ID>); schedule.json gives it for each wave.
func (s *Site) WaveCalendar(w *schedule.Wave) string {
	return s.LangPath("/schedule/wave-" + w.ID() + ".ics")
}

// Webcal returns the address that subscribes a calendar app to the
// calendar at site path p: its absolute URL with webcal: for scheme, such
// as webcal://example.org/repo/schedule.ics; or "" when the base URL has
// no host, which a webcal: address needs. It is a template.URL because
// html/template lets only http:, https: and mailto: through on its own.
func (s links) Webcal(p string) template.URL {
	if s.Origin == "" {
		return ""
	}
	_, rest, _ := strings.Cut(s.AbsURL(p), "://")
	return template.URL("webcal://" + rest)
}

// siteID is what the UIDs of the calendar's events end in: the home
// page's siteID; without one, the title's words, which stay the same
// across domains and rebuilds (and so a title change makes new UIDs).
// Both are the default language's, so that an event has one UID in every
// language's calendar.
func siteID(s *Site) string {
	if d := s.views[s.defaultLang()]; d != nil {
		s = d
	}
	if s.Home != nil {
		if id := strings.TrimSpace(s.Home.meta.SiteID); id != "" {
			return id
		}
	}
	if id := slug(s.Title); id != "" {
		return id
	}
	return "rollout"
}

// slug is s in lower case, each run of characters other than letters
// and digits made one hyphen: "R&D Office" is "r-d-office".
func slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	return b.String()
}

// schedulePage is the site path of the page that shows the schedule with
// its wave anchors: /schedule/ (in s's language, where it is translated),
// or the home page on a site without one.
func schedulePage(s *Site) string {
	if p, err := s.Page("/schedule/"); err == nil {
		return p.URL
	}
	if s.Home != nil {
		return s.Home.URL
	}
	return "/"
}

// calendar writes the calendar called name, published at site path self,
// of waves and of the notes of separate.
func calendar(s *Site, name, self string, waves []*schedule.Wave, separate []*schedule.Area) []byte {
	var c icsWriter
	desc := s.Description
	for _, a := range separate {
		desc = paragraphs(desc, s.AreaName(a)+": "+a.Note)
	}
	c.begin(s, name, desc, self)
	for _, w := range waves {
		c.event(s, "wave-"+w.ID(), w.Start, w.End, s.say("calendar_wave", "Training rollout: {areas}", "areas", areaSummary(s, w.Areas)), waveDescription(s, w), schedulePage(s)+"#wave-"+w.ID())
	}

	// Separate rollouts have no dates: each is a note on the day the
	// rollout begins, where whoever subscribed sees it.
	if len(s.Schedule.Waves) > 0 {
		first := s.Schedule.Waves[0].Start
		for _, a := range separate {
			c.event(s, s.areaUIDs[a], first, first, s.say("calendar_separate", "Separate training rollout: {area}", "area", s.AreaName(a)), paragraphs(areaText(s, a, false), contactText(s)), schedulePage(s))
		}
	}
	c.prop("END", "VCALENDAR")
	return c.b.Bytes()
}

// areaCalendar writes the calendar of area a of wave w, published at site
// path self: one event, the area's days.
func areaCalendar(s *Site, self string, w *schedule.Wave, a *schedule.Area) []byte {
	var c icsWriter
	name := s.AreaName(a)
	c.begin(s, s.Title+": "+name, s.Description, self)
	head := s.WaveLabel(w)
	if w.Heading != "" {
		head += " (" + w.Heading + ")"
	}
	text := paragraphs(s.say("calendar_area_when", "{area} gets the training in {when}.", "area", name, "when", head), w.Note)
	_, about, _ := strings.Cut(areaText(s, a, false), "\n") // its units and note, after its name
	text = paragraphs(text, about)
	text = paragraphs(text, releasesText(s))
	c.event(s, s.areaUIDs[a], w.Start, w.End, s.say("calendar_wave", "Training rollout: {areas}", "areas", name), paragraphs(text, contactText(s)), schedulePage(s)+"#wave-"+w.ID())
	c.prop("END", "VCALENDAR")
	return c.b.Bytes()
}

// begin writes the calendar's own properties: it is called name, says
// desc, and is published at site path self.
func (c *icsWriter) begin(s *Site, name, desc, self string) {
	c.prop("BEGIN", "VCALENDAR")
	c.prop("VERSION", "2.0")
	c.prop("PRODID", "-//rollout//Training rollout schedule//EN")
	c.prop("CALSCALE", "GREGORIAN")
	c.prop("METHOD", "PUBLISH")
	c.text("NAME", name) // RFC 7986; X-WR-CALNAME for older apps
	c.text("X-WR-CALNAME", name)
	if desc != "" {
		c.text("DESCRIPTION", desc)
		c.text("X-WR-CALDESC", desc)
	}
	c.prop("REFRESH-INTERVAL;VALUE=DURATION", "P1D")
	c.prop("X-PUBLISHED-TTL", "P1D")
	if s.Origin != "" {
		c.prop("SOURCE;VALUE=URI", s.AbsURL(self))
		c.prop("URL", s.AbsURL(schedulePage(s)))
	}
}

// event writes an all-day event from first through last, known by uid
// (before its "@"), about the page at site path page.
func (c *icsWriter) event(s *Site, uid string, first, last schedule.Date, summary, desc, page string) {
	stamp := s.Now
	if stamp.IsZero() { // not a day: the Unix epoch instead, to stay valid
		stamp = schedule.DateOf(time.Unix(0, 0).UTC())
	}
	c.prop("BEGIN", "VEVENT")
	c.text("UID", uid+"@"+siteID(s))
	c.prop("DTSTAMP", stamp.Format("20060102")+"T000000Z")
	c.prop("DTSTART;VALUE=DATE", first.Format("20060102"))
	c.prop("DTEND;VALUE=DATE", last.AddDays(1).Format("20060102")) // the day after the last
	c.text("SUMMARY", summary)
	c.text("DESCRIPTION", desc)
	if s.Origin != "" {
		c.prop("URL", s.AbsURL(page))
	}
	c.prop("TRANSP", "TRANSPARENT")
	c.prop("END", "VEVENT")
}

// areaSummary names the areas for an event's title: "A", "A and B", or
// "A, B and 3 more areas".
func areaSummary(s *Site, areas []*schedule.Area) string {
	switch len(areas) {
	case 0:
		return s.say("calendar_no_areas", "no areas")
	case 1:
		return s.AreaName(areas[0])
	case 2:
		return s.say("calendar_two_areas", "{first} and {second}", "first", s.AreaName(areas[0]), "second", s.AreaName(areas[1]))
	case 3:
		return s.say("calendar_areas_and_one", "{first}, {second} and 1 more area", "first", s.AreaName(areas[0]), "second", s.AreaName(areas[1]))
	}
	return s.say("calendar_areas_and_more", "{first}, {second} and {count} more areas", "first", s.AreaName(areas[0]), "second", s.AreaName(areas[1]), "count", strconv.Itoa(len(areas)-2))
}

// waveDescription is the text of a wave's event: its heading and note,
// every area with its units and note, and whom to ask.
func waveDescription(s *Site, w *schedule.Wave) string {
	head := s.WaveLabel(w)
	if w.Heading != "" {
		head += ": " + w.Heading
	}
	text := paragraphs(head, w.Note)
	var areas []string
	for _, a := range w.Areas {
		areas = append(areas, areaText(s, a, true))
	}
	text = paragraphs(text, s.say("calendar_areas", "Areas:")+"\n"+strings.Join(areas, "\n"))
	text = paragraphs(text, releasesText(s))
	return paragraphs(text, contactText(s))
}

func releasesText(s *Site) string {
	return s.say("calendar_releases", "Releases happen throughout this period, not all on its first day; you will get an email when your area is released.")
}

// areaText is an area as a description lists it: its name (after "- "
// when listed), its units and its note, one a line.
func areaText(s *Site, a *schedule.Area, listed bool) string {
	lines := []string{s.AreaName(a)}
	if len(a.Includes) > 0 {
		units := make([]string, len(a.Includes))
		for i, u := range a.Includes {
			units[i] = s.UnitName(a, u)
		}
		lines = append(lines, s.say("calendar_includes", "Includes {units}", "units", strings.Join(units, "; ")))
	}
	if a.Note != "" {
		lines = append(lines, a.Note)
	}
	if !listed {
		return strings.Join(lines, "\n")
	}
	return "- " + strings.Join(lines, "\n  ")
}

func contactText(s *Site) string {
	if s.Contact == "" {
		return ""
	}
	return s.say("calendar_questions", "Questions: {contact}", "contact", s.Contact)
}

// paragraphs joins the texts that are not empty with a blank line.
func paragraphs(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n\n" + b
}

// areaUIDs returns the UID, without its "@", of the event of each area of
// sched: "area-" (or, for a separate rollout's note, "separate-") and the
// slug of its name, and a hash of the name where two names have one slug
// or the slug is empty.
// An area's calendar file is named by it too.
func areaUIDs(sched *schedule.Schedule) map[*schedule.Area]string {
	areas := sched.Areas()
	count := map[string]int{}
	for _, a := range areas {
		count[slug(a.Name)]++
	}
	uids := map[*schedule.Area]string{}
	for i, a := range areas {
		uid := "area-" + slug(a.Name)
		if i >= len(areas)-len(sched.Separate) {
			uid = "separate-" + slug(a.Name)
		}
		if count[slug(a.Name)] > 1 || slug(a.Name) == "" {
			sum := sha256.Sum256([]byte(a.Name))
			uid += "-" + hex.EncodeToString(sum[:4])
		}
		uids[a] = uid
	}
	return uids
}

// icsWriter writes content lines of a calendar.
type icsWriter struct{ b bytes.Buffer }

// prop writes a property whose value is written as it is: a date, a URI,
// a keyword.
func (c *icsWriter) prop(name, value string) { fold(&c.b, name+":"+value) }

// text writes a property of type TEXT, escaped.
func (c *icsWriter) text(name, value string) { c.prop(name, icsText(value)) }

// icsText escapes a TEXT value (RFC 5545, 3.3.11): a backslash, semicolon,
// comma and line end are escaped, and control characters but the tab,
// which a TEXT value may not hold, are left out.
func icsText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\', r == ';', r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20, r == 0x7f:
			// left out
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold writes one content line, folded so that no line is longer than 75
// octets, never inside a UTF-8 sequence, each ended by CRLF.
func fold(b *bytes.Buffer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && s[cut]&0xC0 == 0x80 { // a continuation byte
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}

// The JSON, as schedule.schema.json describes it; its tests hold the two
// in step.
type (
	jsonDoc struct {
		Version  int        `json:"version"`
		Title    string     `json:"title"`
		AsOf     string     `json:"asOf"`
		Contact  string     `json:"contact,omitempty"`
		Calendar string     `json:"calendar"`
		Waves    []jsonWave `json:"waves"`
		Separate []jsonArea `json:"separate,omitempty"`
	}
	jsonWave struct {
		ID       string     `json:"id"`
		Label    string     `json:"label"`
		Start    string     `json:"start"`
		End      string     `json:"end"`
		Heading  string     `json:"heading,omitempty"`
		Note     string     `json:"note,omitempty"`
		Status   string     `json:"status"`
		Calendar string     `json:"calendar"`
		Areas    []jsonArea `json:"areas"`
	}
	jsonArea struct {
		Name        string              `json:"name"`
		Aliases     []string            `json:"aliases,omitempty"`
		Includes    []string            `json:"includes,omitempty"`
		UnitAliases map[string][]string `json:"unitAliases,omitempty"`
		Note        string              `json:"note,omitempty"`
		Calendar    string              `json:"calendar,omitempty"`
	}
)

// jsonAreas returns areas for the JSON; with their calendars when they
// are the areas of a wave.
func jsonAreas(s *Site, areas []*schedule.Area, calendars bool) []jsonArea {
	out := []jsonArea{}
	for _, a := range areas {
		j := jsonArea{Name: s.AreaName(a), Aliases: a.Aliases, Includes: a.Includes, UnitAliases: a.UnitAliases, Note: a.Note}
		if s.Lang != s.defaultLang() && len(a.Includes) > 0 { // units by their names in the language
			j.Includes = make([]string, len(a.Includes))
			j.UnitAliases = nil
			for i, u := range a.Includes {
				j.Includes[i] = s.UnitName(a, u)
				if aliases := a.AliasesOf(u); len(aliases) > 0 {
					if j.UnitAliases == nil {
						j.UnitAliases = map[string][]string{}
					}
					j.UnitAliases[j.Includes[i]] = aliases
				}
			}
		}
		if calendars {
			j.Calendar = s.AbsURL(s.AreaCalendar(a))
		}
		out = append(out, j)
	}
	return out
}

func scheduleJSON(s *Site) []byte {
	doc := jsonDoc{
		Version: jsonVersion, Title: s.Title, AsOf: s.Now.String(), Contact: s.Contact,
		Calendar: s.AbsURL(s.LangPath("/schedule.ics")), Waves: []jsonWave{}, Separate: jsonAreas(s, s.Schedule.Separate, false),
	}
	if len(doc.Separate) == 0 {
		doc.Separate = nil
	}
	for _, w := range s.Schedule.Waves {
		doc.Waves = append(doc.Waves, jsonWave{
			ID: w.ID(), Label: s.WaveLabel(w), Start: w.Start.String(), End: w.End.String(),
			Heading: w.Heading, Note: w.Note, Status: string(w.Status(s.Now)),
			Calendar: s.AbsURL(s.WaveCalendar(w)), Areas: jsonAreas(s, w.Areas, true),
		})
	}
	b, _ := json.Marshal(doc) // strings and slices of them always encode
	return append(b, '\n')
}

// scheduleSchema is schedule.schema.json, the JSON Schema of
// schedule.json.
const scheduleSchema = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Training rollout schedule",
  "description": "schedule.json: the waves of the training's rollout, each with its areas, and the areas that run a rollout of their own. Dates are days, YYYY-MM-DD, with no time zone; a wave's start and end are both included.",
  "type": "object",
  "required": ["version", "title", "asOf", "calendar", "waves"],
  "additionalProperties": false,
  "properties": {
    "version": {
      "description": "The format version. It changes only when a field changes its meaning or is removed; new fields may appear without it changing.",
      "const": 1
    },
    "title": {"description": "The site's name.", "type": "string"},
    "asOf": {
      "description": "The day the statuses are given for: the day the file was built.",
      "type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
    },
    "contact": {"description": "The e-mail address to write to with questions.", "type": "string", "format": "email"},
    "calendar": {
      "description": "The whole schedule as a calendar (RFC 5545); the same address with webcal: for its scheme subscribes to it. Absolute when the site knows its address, else a path.",
      "type": "string", "format": "uri-reference"
    },
    "waves": {
      "description": "The waves in date order; they do not overlap.",
      "type": "array",
      "items": {"$ref": "#/$defs/wave"}
    },
    "separate": {
      "description": "Areas that run a rollout of their own, with a note saying how; absent when there are none.",
      "type": "array",
      "items": {"$ref": "#/$defs/area"}
    }
  },
  "$defs": {
    "wave": {
      "type": "object",
      "required": ["id", "label", "start", "end", "status", "calendar", "areas"],
      "additionalProperties": false,
      "properties": {
        "id": {
          "description": "Stable identifier: the month (YYYY-MM) of a wave given as a month, else its first day (YYYY-MM-DD). The schedule page's anchor is #wave-<id>.",
          "type": "string", "pattern": "^\\d{4}-\\d{2}(-\\d{2})?$"
        },
        "label": {"description": "The wave's time as readers see it: \"January 2018\", \"October 25 to December 1, 2018\".", "type": "string"},
        "start": {"description": "The first day of the wave, included.", "type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        "end": {
          "description": "The last day of the wave, included (the calendar's DTEND is the day after it).",
          "type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
        },
        "heading": {"description": "Shown above the wave; absent when none.", "type": "string"},
        "note": {"description": "About the whole wave; absent when none.", "type": "string"},
        "status": {
          "description": "Where the wave stands on asOf: released (ended), releasing (asOf is one of its days) or upcoming.",
          "enum": ["released", "releasing", "upcoming"]
        },
        "calendar": {"description": "This wave alone as a calendar (RFC 5545).", "type": "string", "format": "uri-reference"},
        "areas": {"type": "array", "items": {"$ref": "#/$defs/area"}}
      }
    },
    "area": {
      "type": "object",
      "required": ["name"],
      "additionalProperties": false,
      "properties": {
        "name": {"type": "string"},
        "aliases": {"description": "Other names readers use for the area, such as acronyms; absent when none.", "type": "array", "items": {"type": "string"}},
        "includes": {"description": "Units inside the area that readers know it by.", "type": "array", "items": {"type": "string"}},
        "unitAliases": {
          "description": "Other names of units, by the unit's name as in includes; absent when no unit has any.",
          "type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}
        },
        "note": {"description": "About the area; always present for a separate rollout.", "type": "string"},
        "calendar": {"description": "This area alone as a calendar (RFC 5545): one event, its wave's days, which keeps its UID when the area moves to another wave. Absent for a separate rollout.", "type": "string", "format": "uri-reference"}
      }
    }
  }
}
`
