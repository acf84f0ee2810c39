package schedule

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Kind is a group of changes between two schedules, such as AreaMoved.
// Kinds are listed in the order a report shows them.
type Kind int

const (
	MonthAdded          Kind = iota // a wave only the new schedule has
	MonthRemoved                    // a wave only the old schedule has
	MonthRedated                    // a wave that starts on the same day but covers other days
	AreaAdded                       // an area new to the schedule
	AreaRemoved                     // an area gone from the schedule
	AreaMoved                       // an area in another wave; or an area, unit or separate rollout that is now an area or a separate rollout
	UnitAdded                       // a unit new to an area that was there before
	UnitRemoved                     // a unit gone from an area that is still there
	UnitMoved                       // a unit under another area; or an area or separate rollout that is now a unit
	SeparateAdded                   // a separate rollout new to the schedule
	SeparateRemoved                 // a separate rollout gone from the schedule
	AliasesChanged                  // the other names of an area, unit or separate rollout (aliases)
	TranslationsChanged             // the names of an area, unit or separate rollout in other languages
	NoteChanged                     // a heading or note of a wave, area or separate rollout
)

var kindText = [...]string{
	MonthAdded:          "Months added",
	MonthRemoved:        "Months removed",
	MonthRedated:        "Months with new dates",
	AreaAdded:           "Areas added",
	AreaRemoved:         "Areas removed",
	AreaMoved:           "Areas moved",
	UnitAdded:           "Units added",
	UnitRemoved:         "Units removed",
	UnitMoved:           "Units moved",
	SeparateAdded:       "Separate rollouts added",
	SeparateRemoved:     "Separate rollouts removed",
	AliasesChanged:      "Other names changed",
	TranslationsChanged: "Translations changed",
	NoteChanged:         "Headings and notes changed",
}

// String is the kind as a short heading, such as "Areas moved".
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindText) {
		return "Other changes"
	}
	return kindText[k]
}

// Change is one difference between two schedules, said in words.
type Change struct {
	Kind Kind
	Text string // such as "CSAIL: May 2018 → June 2018"; waves are named by their Label
	pos  int    // where the change is in the schedule it is read from
}

// Diff says what changes from schedule from to schedule to: the waves,
// areas, units (an area's includes) and separate rollouts added, removed
// or moved, their other names (aliases) and names in other languages
// (translations), and the headings and notes changed. from may be nil,
// for a schedule that did not exist: then everything is added.
//
// Areas and units are matched by name, ignoring case and extra spaces, as
// Find does. Waves are matched by their label, then by their first day: a
// wave that starts on the same day but ends on another has new dates, and
// its areas have not moved. A unit is reported only when it changes area;
// when its area moves, it moves along, and the area's move says so.
//
// The changes are sorted by Kind, then in the order of the schedule they
// are read from (from for what was removed, to otherwise). Diff returns
// nil when nothing changed.
func Diff(from, to *Schedule) []Change {
	if from == nil {
		from = &Schedule{}
	}
	was, now := listing(from), listing(to)
	wave := pairWaves(from.Waves, to.Waves)

	var cs []Change
	add := func(k Kind, pos int, text string) { cs = append(cs, Change{Kind: k, Text: text, pos: pos}) }

	// Waves.
	paired := map[*Wave]bool{}
	for ow, nw := range wave {
		paired[nw] = true
		if ow.Label() != nw.Label() {
			add(MonthRedated, now.wavePos[nw], ow.Label()+" → "+nw.Label())
		}
		label := nw.Label()
		if nw.Heading != ow.Heading {
			add(NoteChanged, now.wavePos[nw], label+": "+textChange("heading", ow.Heading, nw.Heading))
		}
		if nw.Note != ow.Note {
			add(NoteChanged, now.wavePos[nw], label+": "+textChange("note", ow.Note, nw.Note))
		}
	}
	for _, nw := range to.Waves {
		if !paired[nw] {
			add(MonthAdded, now.wavePos[nw], nw.Label())
		}
	}
	for _, ow := range from.Waves {
		if wave[ow] == nil {
			add(MonthRemoved, was.wavePos[ow], ow.Label())
		}
	}

	// Areas, units and separate rollouts listed now.
	for k, n := range now.names {
		o, ok := was.names[k]
		switch {
		case !ok && n.unit:
			if _, ok := was.names[key(n.area.Name)]; ok { // else the area's own line lists it
				add(UnitAdded, n.pos, n.name+" in "+n.area.Name+" ("+n.when()+")")
			}
		case !ok && n.wave == nil:
			add(SeparateAdded, n.pos, n.name+including(n.area))
		case !ok:
			add(AreaAdded, n.pos, n.name+" ("+n.wave.Label()+")"+including(n.area))
		case o.unit != n.unit || (o.wave == nil) != (n.wave == nil):
			kind := AreaMoved
			if n.unit {
				kind = UnitMoved
			}
			add(kind, n.pos, n.name+": "+o.String()+" → "+n.String())
		case n.unit:
			if key(o.area.Name) != key(n.area.Name) {
				add(UnitMoved, n.pos, n.name+": "+o.String()+" → "+n.String())
			}
		default:
			if n.wave != nil && wave[o.wave] != n.wave {
				add(AreaMoved, n.pos, n.name+": "+o.String()+" → "+n.String())
			}
			if o.area.Note != n.area.Note {
				add(NoteChanged, n.pos, n.name+": "+textChange("note", o.area.Note, n.area.Note))
			}
		}
	}
	// Other names of what is listed both times.
	for k, n := range now.names {
		if o, ok := was.names[k]; ok {
			if change := aliasChange(o.aliases(), n.aliases()); change != "" {
				add(AliasesChanged, n.pos, n.name+": "+change)
			}
			if change := translationChange(o.translations(), n.translations()); change != "" {
				add(TranslationsChanged, n.pos, n.name+": "+change)
			}
		}
	}
	// Listed before, and no more.
	for k, o := range was.names {
		if _, ok := now.names[k]; ok {
			continue
		}
		switch {
		case o.unit:
			if _, ok := now.names[key(o.area.Name)]; ok { // else the area's own line lists it
				add(UnitRemoved, o.pos, o.name+" from "+o.area.Name+" ("+o.when()+")")
			}
		case o.wave == nil:
			add(SeparateRemoved, o.pos, o.name+including(o.area))
		default:
			add(AreaRemoved, o.pos, o.name+" ("+o.wave.Label()+")"+including(o.area))
		}
	}

	slices.SortFunc(cs, func(a, b Change) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.pos, b.pos), strings.Compare(a.Text, b.Text))
	})
	return cs
}

// entry is where a name (an area, a unit or a separate rollout) is listed.
type entry struct {
	name string // as written
	wave *Wave  // nil for a separate rollout and its units
	area *Area  // the area or separate rollout itself, or the one listing the unit
	unit bool   // listed under the area's includes
	pos  int    // place in the file, counting waves, areas and units
}

// String says where the entry is: "May 2018", "May 2018 (in School of
// Science)", "a separate rollout", "a separate rollout (in Lincoln
// Laboratory)".
func (e entry) String() string {
	s := e.when()
	if e.unit {
		s += " (in " + e.area.Name + ")"
	}
	return s
}

// aliases are the other names of the area, unit or separate rollout.
func (e entry) aliases() []string {
	if e.unit {
		return e.area.AliasesOf(e.name)
	}
	return e.area.Aliases
}

// translations are the names of the area, unit or separate rollout in
// other languages.
func (e entry) translations() []Translation {
	if e.unit {
		return e.area.UnitTranslations[e.name]
	}
	return e.area.Translations
}

// translationChange says which translations changed, were added or were
// removed, such as `es "Bibliotecas del MIT" → "Bibliotecas MIT"`, or ""
// when there are the same ones. Unlike other names, translations are
// shown to readers, so a change of case counts.
func translationChange(was, now []Translation) string {
	var parts []string
	for _, n := range now {
		switch o := nameIn(was, n.Lang, ""); {
		case o == "":
			parts = append(parts, fmt.Sprintf("%s %q added", n.Lang, n.Name))
		case o != n.Name:
			parts = append(parts, fmt.Sprintf("%s %q → %q", n.Lang, o, n.Name))
		}
	}
	for _, o := range was {
		if nameIn(now, o.Lang, "") == "" {
			parts = append(parts, fmt.Sprintf("%s %q removed", o.Lang, o.Name))
		}
	}
	return strings.Join(parts, "; ")
}

// aliasChange says which other names were added and which removed, or ""
// when there are the same ones, ignoring case and extra spaces as the
// finder does.
func aliasChange(was, now []string) string {
	only := func(a, b []string) []string {
		var out []string
		for _, x := range a {
			if !slices.ContainsFunc(b, func(y string) bool { return key(x) == key(y) }) {
				out = append(out, x)
			}
		}
		return out
	}
	var parts []string
	if added := only(now, was); len(added) > 0 {
		parts = append(parts, "other names added: "+strings.Join(added, ", "))
	}
	if removed := only(was, now); len(removed) > 0 {
		parts = append(parts, "other names removed: "+strings.Join(removed, ", "))
	}
	return strings.Join(parts, "; ")
}

// when is the wave's label, or "a separate rollout".
func (e entry) when() string {
	if e.wave == nil {
		return "a separate rollout"
	}
	return e.wave.Label()
}

// list is everything a schedule lists, by key(name), and where.
type list struct {
	names   map[string]entry
	wavePos map[*Wave]int
}

func listing(s *Schedule) list {
	l := list{names: map[string]entry{}, wavePos: map[*Wave]int{}}
	pos := 0
	put := func(w *Wave, a *Area) {
		pos++
		l.names[key(a.Name)] = entry{name: a.Name, wave: w, area: a, pos: pos}
		for _, u := range a.Includes {
			pos++
			l.names[key(u)] = entry{name: u, wave: w, area: a, unit: true, pos: pos}
		}
	}
	for _, w := range s.Waves {
		pos++
		l.wavePos[w] = pos
		for _, a := range w.Areas {
			put(w, a)
		}
	}
	for _, a := range s.Separate {
		put(nil, a)
	}
	return l
}

// pairWaves matches each old wave to the new wave with the same label or,
// failing that, the same first day. Unmatched old waves are left out.
func pairWaves(from, to []*Wave) map[*Wave]*Wave {
	pair := map[*Wave]*Wave{}
	taken := map[*Wave]bool{}
	match := func(same func(o, n *Wave) bool) {
		for _, o := range from {
			if pair[o] != nil {
				continue
			}
			for _, n := range to {
				if !taken[n] && same(o, n) {
					pair[o], taken[n] = n, true
					break
				}
			}
		}
	}
	match(func(o, n *Wave) bool { return o.Label() == n.Label() })
	match(func(o, n *Wave) bool { return o.Start == n.Start })
	return pair
}

// including lists an area's units, if it has any: ", including A, B".
func including(a *Area) string {
	if len(a.Includes) == 0 {
		return ""
	}
	return ", including " + strings.Join(a.Includes, ", ")
}

// textChange says how a heading or note changed.
func textChange(what, was, now string) string {
	switch {
	case was == "":
		return what + " added: “" + oneLine(now) + "”"
	case now == "":
		return what + " removed"
	}
	return what + " changed to “" + oneLine(now) + "”"
}

// oneLine joins the lines of a (folded or literal) note into one.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
