package site

import (
	"bytes"
	"encoding/json"
	"net/url"
	"strings"

	"rollout/internal/schedule"
)

// scheduleFiles returns the schedule to take away: schedule.ics, one
// all-day event per wave listing its areas (RFC 5545: CRLF line ends, lines
// folded at 75 octets, UID and DTSTAMP fixed by the data so that builds are
// byte-identical), and schedule.json with the same data and each wave's
// status on the build's day.
func scheduleFiles(s *Site) map[string][]byte {
	if s.Schedule == nil {
		return nil
	}
	return map[string][]byte{
		"schedule.ics":  calendar(s),
		"schedule.json": scheduleJSON(s),
	}
}

func calendar(s *Site) []byte {
	host := "rollout"
	if u, err := url.Parse(s.Origin); err == nil && u.Host != "" {
		host = u.Host
	}
	var b bytes.Buffer
	line := func(name, value string) { fold(&b, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//rollout//Training rollout schedule//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", icsText(s.Title))
	for _, w := range s.Schedule.Waves {
		var names []string
		for _, a := range w.Areas {
			names = append(names, a.Name)
		}
		summary := "Training rollout: " + w.Label()
		if w.Heading != "" {
			summary += " (" + w.Heading + ")"
		}
		desc := "Areas: " + strings.Join(names, "; ") + ".\nReleases happen throughout this period, not all on its first day; you will get an email when your area is released."
		if w.Note != "" {
			desc += "\n" + w.Note
		}
		if s.Contact != "" {
			desc += "\nQuestions: " + s.Contact
		}
		line("BEGIN", "VEVENT")
		line("UID", "wave-"+w.ID()+"@"+host)
		line("DTSTAMP", w.Start.Format("20060102")+"T000000Z")
		line("DTSTART;VALUE=DATE", w.Start.Format("20060102"))
		line("DTEND;VALUE=DATE", w.End.AddDays(1).Format("20060102"))
		line("SUMMARY", icsText(summary))
		line("DESCRIPTION", icsText(desc))
		if s.Origin != "" {
			line("URL", s.AbsURL("/schedule/")+"#wave-"+w.ID())
		}
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.Bytes()
}

// icsText escapes a TEXT value.
var icsText = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`).Replace

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

type jsonArea struct {
	Name     string   `json:"name"`
	Includes []string `json:"includes,omitempty"`
	Note     string   `json:"note,omitempty"`
}

type jsonWave struct {
	ID      string     `json:"id"`
	Label   string     `json:"label"`
	Start   string     `json:"start"`
	End     string     `json:"end"`
	Heading string     `json:"heading,omitempty"`
	Note    string     `json:"note,omitempty"`
	Status  string     `json:"status"`
	Areas   []jsonArea `json:"areas"`
}

func jsonAreas(areas []*schedule.Area) []jsonArea {
	out := []jsonArea{}
	for _, a := range areas {
		out = append(out, jsonArea{a.Name, a.Includes, a.Note})
	}
	return out
}

func scheduleJSON(s *Site) []byte {
	doc := struct {
		Title    string     `json:"title"`
		AsOf     string     `json:"asOf"`
		Contact  string     `json:"contact,omitempty"`
		Waves    []jsonWave `json:"waves"`
		Separate []jsonArea `json:"separate,omitempty"`
	}{Title: s.Title, AsOf: s.Now.String(), Contact: s.Contact, Separate: jsonAreas(s.Schedule.Separate)}
	if len(doc.Separate) == 0 {
		doc.Separate = nil
	}
	for _, w := range s.Schedule.Waves {
		doc.Waves = append(doc.Waves, jsonWave{
			ID: w.ID(), Label: w.Label(), Start: w.Start.String(), End: w.End.String(),
			Heading: w.Heading, Note: w.Note, Status: string(w.Status(s.Now)), Areas: jsonAreas(w.Areas),
		})
	}
	b, _ := json.Marshal(doc) // strings and slices of them always encode
	return append(b, '\n')
}
