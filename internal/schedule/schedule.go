// Package schedule reads content/schedule.yaml: which areas of the
// university get the training in which wave of the rollout.
//
// The file is a list of waves, in date order:
//
//	# content/schedule.yaml
//	- month: 2018-02              # a whole month, YYYY-MM; or, instead,
//	  # start: 2018-10-25         # a range of days, YYYY-MM-DD,
//	  # end: 2018-12-01           # both ends included
//	  # heading and note are optional; the heading is shown above the wave
//	  heading: Staff rollout begins
//	  note: Releases run all month.
//	  areas:
//	    # an area is a name, or a mapping with the units readers know it by
//	    - MIT Police
//	    - name: Office of the VP for Research
//	      aliases: [VPR]            # other names readers use, optional
//	      translations:             # its name in other languages, optional
//	        es: Oficina del VP de Investigación
//	      includes:
//	        - Lincoln Laboratory
//	        # a unit with other names or translations is a mapping too
//	        - name: Computer Science and Artificial Intelligence Laboratory
//	          aliases: [CSAIL]
//	          translations: {es: Laboratorio de Ciencias de la Computación e Inteligencia Artificial}
//	      note: Administrators of its labs too.
//
// Parse validates everything at load and reports each problem at its line:
// a bad month or date (a month or day the calendar does not have is named
// as such), an end before its start, a wave with no areas, an area (or
// unit) listed twice (at the second one's line, naming the first one's),
// an alias that is another name or alias (compared as the area finder
// compares them, see AliasKey), a translation whose key is not a
// language code in lower case ("es", "pt-br") or that is another area's
// or unit's name, or its translation in the same language (ignoring case
// and extra spaces), an unknown key, waves out of order or overlapping.
// The schedule does not know the site's languages: the site checks the
// codes, at each Translation's Line.
// Values are read as the text written. YAML's quiet repairs are refused
// (see yamldoc.Doc.Name): a name joined from two lines, a name or note cut
// short at a "#", a name that YAML read as a key and value or as a list,
// a name or alias that is one of the schedule's keys with no space after
// its colon ("- name:MIT Press", see yamldoc.Doc.NoSpace).
// A comment may follow a month, a date or a "key:", or have a line of its
// own.
package schedule

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"rollout/internal/diag"
	"rollout/internal/yamldoc"
)

// Schedule is the whole rollout, its waves in date order. A Schedule is
// not modified after Parse and is safe for concurrent use.
type Schedule struct {
	Waves    []*Wave
	Separate []*Area // areas that run a rollout of their own, with a note saying how

	// The finders made, by language: every page that cites the schedule
	// looks names up in them, and a schedule does not change once parsed.
	mu        sync.Mutex
	finders   map[string]func(string) (*Wave, *Area)
	separates map[string]func(string) *Area
}

// Wave is one step of the rollout: the areas released between Start and
// End, both days included.
type Wave struct {
	Start, End Date
	ByMonth    bool   // given as month: YYYY-MM
	Heading    string // optional
	Note       string // optional
	Areas      []*Area
	Line       int // where the wave starts in the file
}

// Area is a part of the university that gets the training in one wave.
type Area struct {
	Name     string
	Aliases  []string // other names readers use for the area, such as "VPR"; optional
	Includes []string // units inside the area that readers know it by
	// UnitAliases holds the other names of the units written with
	// aliases, by the unit's name as in Includes; nil when none has any.
	UnitAliases map[string][]string
	// Translations are the area's name in other languages, in the order
	// written; optional. See NameIn.
	Translations []Translation
	// UnitTranslations holds the names of units in other languages, by
	// the unit's name as in Includes; nil when none has any. See UnitIn.
	UnitTranslations map[string][]Translation
	Note             string
	Line             int

	names []placed // every name and alias, with its line, for Parse's checks
}

// AliasesOf returns the aliases of unit, one of a.Includes.
func (a *Area) AliasesOf(unit string) []string { return a.UnitAliases[unit] }

// Status says where a wave stands on a given day.
type Status string

const (
	Released  Status = "released"  // the wave has ended
	Releasing Status = "releasing" // the day falls within the wave
	Upcoming  Status = "upcoming"  // the wave has not begun
)

// Areas returns every area of the schedule: the waves' in order, then the
// separate rollouts.
func (s *Schedule) Areas() []*Area {
	var areas []*Area
	for _, w := range s.Waves {
		areas = append(areas, w.Areas...)
	}
	return append(areas, s.Separate...)
}

// Status returns where w stands on day now.
func (w *Wave) Status(now Date) Status {
	switch {
	case now.After(w.End):
		return Released
	case now.Before(w.Start):
		return Upcoming
	}
	return Releasing
}

// Label names the wave's time for readers: "January 2018" for a month,
// "October 25 to December 1, 2018" for a range.
func (w *Wave) Label() string {
	switch {
	case w.ByMonth:
		return w.Start.Format("January 2006")
	case w.Start == w.End:
		return w.Start.Format("January 2, 2006")
	case w.Start.Year != w.End.Year:
		return w.Start.Format("January 2, 2006") + " to " + w.End.Format("January 2, 2006")
	}
	return w.Start.Format("January 2") + " to " + w.End.Format("January 2, 2006")
}

// ID is a stable fragment identifier for the wave, such as "2018-01" or
// "2018-10-25".
func (w *Wave) ID() string {
	if w.ByMonth {
		return w.Start.Format("2006-01")
	}
	return w.Start.String()
}

// Find returns the wave and area whose name or listed unit is name, ignoring
// case and extra spaces, or else whose alias or unit's alias is name as
// AliasKey compares them, or else whose name or unit's name in another
// language is name, ignoring case and extra spaces; or else, the same
// again with every name compared as AliasKey compares them (curly and
// straight apostrophes alike, "and" for "&"); or nils. Where two places
// match alike, the first in the schedule wins.
func (s *Schedule) Find(name string) (*Wave, *Area) { return s.Finder()(name) }

// Finder returns a function that finds as Find does, from an index of the
// schedule's names made once: for looking up many names.
func (s *Schedule) Finder() func(name string) (*Wave, *Area) { return s.FinderIn("") }

// FinderIn returns a function that finds as Finder's does, except that a
// name in language lang comes before a name in the others: the same
// words may name one place in one language and another place in another
// language, and a page in lang means the place they name in lang.
func (s *Schedule) FinderIn(lang string) func(name string) (*Wave, *Area) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.finders[lang]; f != nil {
		return f
	}
	if s.finders == nil {
		s.finders = map[string]func(string) (*Wave, *Area){}
	}
	f := s.finderIn(lang)
	s.finders[lang] = f
	return f
}

// SeparateIn returns a function that finds the separate rollout whose
// name, unit, alias or translation is name, as FinderIn(lang)'s finds the
// areas of the waves; or nil.
func (s *Schedule) SeparateIn(lang string) func(name string) *Area {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.separates[lang]; f != nil {
		return f
	}
	if s.separates == nil {
		s.separates = map[string]func(string) *Area{}
	}
	// The separate rollouts as the areas of one wave, so that their
	// names match alike.
	find := (&Schedule{Waves: []*Wave{{Areas: s.Separate}}}).finderIn(lang)
	f := func(name string) *Area {
		_, a := find(name)
		return a
	}
	s.separates[lang] = f
	return f
}

func (s *Schedule) finderIn(lang string) func(name string) (*Wave, *Area) {
	type place struct {
		w *Wave
		a *Area
	}
	// An index of names by their key, looked in one after the other.
	type index struct {
		loose bool // by AliasKey, else by key
		m     map[string]place
	}
	newIndex := func(loose bool) index { return index{loose, map[string]place{}} }
	byName, byAlias, inLang, byTranslation := newIndex(false), newIndex(true), newIndex(false), newIndex(false)
	looseName, looseInLang, looseTranslation := newIndex(true), newIndex(true), newIndex(true)
	// add puts each of names in x by its key, unless one came first.
	add := func(x index, at place, names ...string) {
		for _, n := range names {
			k := key(n)
			if x.loose {
				k = AliasKey(n)
			}
			if k != "" {
				if _, ok := x.m[k]; !ok {
					x.m[k] = at
				}
			}
		}
	}
	for _, w := range s.Waves {
		for _, a := range w.Areas {
			at := place{w, a}
			for _, x := range []index{byName, looseName} {
				add(x, at, a.Name)
				add(x, at, a.Includes...)
			}
			add(byAlias, at, a.Aliases...)
			translations := func(ts []Translation) {
				for _, t := range ts {
					if t.Lang == lang {
						add(inLang, at, t.Name)
						add(looseInLang, at, t.Name)
					}
					add(byTranslation, at, t.Name)
					add(looseTranslation, at, t.Name)
				}
			}
			translations(a.Translations)
			for _, u := range a.Includes {
				add(byAlias, at, a.UnitAliases[u]...)
				translations(a.UnitTranslations[u])
			}
		}
	}
	order := []index{byName, byAlias, inLang, byTranslation, looseName, looseInLang, looseTranslation}
	return func(name string) (*Wave, *Area) {
		exact, loose := key(name), AliasKey(name)
		for _, x := range order {
			k := exact
			if x.loose {
				k = loose
			}
			if p, ok := x.m[k]; ok {
				return p.w, p.a
			}
		}
		return nil, nil
	}
}

func key(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

var (
	waveKeys = []string{"month", "start", "end", "heading", "note", "areas"}
	areaKeys = []string{"name", "aliases", "translations", "includes", "note"}
	unitKeys = []string{"name", "aliases", "translations"}
)

// Keys returns the keys a schedule accepts in a wave, in a separate
// rollout and in an area, for tools that edit it: the web editor's
// configuration (.pages.yml) is tested against them. A unit written as a
// mapping takes the area's name, aliases and translations.
func Keys() (wave, separate, area []string) {
	return slices.Clone(waveKeys), slices.Clone(separateKeys), slices.Clone(areaKeys)
}

// Parse reads a schedule file. path is used in errors. All problems are
// reported together.
func Parse(path string, data []byte) (*Schedule, error) {
	doc, err := yamldoc.Parse(path, data, 1)
	if err != nil {
		return nil, err
	}
	if doc.Root == nil {
		return nil, diag.Errorf(path, 1, "the schedule is empty; list the waves as \"- month: YYYY-MM\" entries with their areas")
	}
	if doc.Root.Kind != yaml.SequenceNode {
		return nil, doc.Errorf(doc.Root, "the schedule must be a list of waves, each starting with \"- month: YYYY-MM\"")
	}
	var (
		errs  diag.List
		s     = &Schedule{}
		names = map[string]string{} // key(name) -> where it was first listed
	)
	for _, n := range doc.Root.Content {
		if e := doc.NoSpace(n, scheduleKeys); e != nil {
			errs.Add(e) // "- month:2018-01" alone, read as text
			continue
		}
		if isSeparate(n) {
			a, err := parseSeparate(doc, n)
			errs.Add(err)
			if a != nil {
				s.Separate = append(s.Separate, a)
				for _, p := range a.listed() {
					if prev, ok := names[key(p.name)]; ok {
						errs.Add(diag.Errorf(path, p.line, "%q is already listed %s; each area and unit belongs in one place", p.name, prev))
						continue
					}
					names[key(p.name)] = fmt.Sprintf("as a separate rollout (line %d)", p.line)
				}
			}
			continue
		}
		w, err := parseWave(doc, n)
		errs.Add(err)
		if w == nil {
			continue
		}
		for _, a := range w.Areas {
			for _, p := range a.listed() {
				what := "area"
				if p.unit {
					what = "unit"
				}
				if prev, ok := names[key(p.name)]; ok {
					errs.Add(diag.Errorf(path, p.line, "%s %q is already listed %s; each area and unit belongs in one place", what, p.name, prev))
					continue
				}
				names[key(p.name)] = fmt.Sprintf("in the wave of %s (line %d)", w.Label(), p.line)
			}
		}
		if len(s.Waves) > 0 && !w.Start.IsZero() {
			prev := s.Waves[len(s.Waves)-1]
			switch {
			case w.Start.Before(prev.Start):
				errs.Add(diag.Errorf(path, w.Line, "waves must be in date order: %s comes before %s (line %d); move this wave above it", w.Label(), prev.Label(), prev.Line))
			case !w.Start.After(prev.End):
				errs.Add(diag.Errorf(path, w.Line, "%s overlaps %s (line %d); a wave must begin after the one above ends", w.Label(), prev.Label(), prev.Line))
			}
		}
		if !w.Start.IsZero() {
			s.Waves = append(s.Waves, w)
		}
	}
	errs.Add(checkAliases(path, s))
	errs.Add(checkTranslations(path, s))
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// listed returns the area's name and its units' names, each at the line
// where it is written.
func (a *Area) listed() []placed {
	out := []placed{{name: a.Name, line: a.Line}}
	for _, n := range a.names {
		if n.unit {
			out = append(out, n)
		}
	}
	return out
}

// scheduleKeys are the keys of a schedule: a name that starts with one
// and a colon is a key with no space after its colon ("name:MIT Press").
var scheduleKeys = slices.Compact(slices.Sorted(slices.Values(slices.Concat(waveKeys, separateKeys, areaKeys))))

// itemName returns the name n, an item of a list of item ("area",
// "unit", "alias"), as doc.Name does, but refuses a key with no space
// after its colon, which YAML reads as a name: "- name:MIT Press".
func itemName(doc *yamldoc.Doc, n *yaml.Node, what, item string) (string, error) {
	if e := doc.NoSpace(n, scheduleKeys); e != nil {
		return "", e
	}
	return doc.Name(n, what, item)
}

// isColonName reports whether the mapping n is rather a name with ": "
// in it ("Research: Lab") than an area with a misspelt key ("nmae: X").
func isColonName(doc *yamldoc.Doc, n *yaml.Node) bool {
	_, ok := doc.ColonText(n)
	return ok && diag.Suggest(n.Content[0].Value, areaKeys) == ""
}

// hasKey reports whether mapping n has one of keys.
func hasKey(n *yaml.Node, keys []string) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if slices.Contains(keys, n.Content[i].Value) {
			return true
		}
	}
	return false
}

// isSeparate reports whether n is a "- separate: name" entry.
func isSeparate(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "separate" {
			return true
		}
	}
	return false
}

var separateKeys = []string{"separate", "aliases", "translations", "includes", "note"}

func parseSeparate(doc *yamldoc.Doc, n *yaml.Node) (*Area, error) {
	a, err := parseAreaFields(doc, n, "a separate rollout", "separate", separateKeys)
	switch {
	case err != nil:
		return nil, err
	case a.Name == "":
		return nil, doc.Errorf(n, "a separate rollout needs the area's name (separate: ...)")
	case a.Note == "":
		return nil, doc.Errorf(n, "say how %s's separate rollout works in a note (note: ...)", a.Name)
	}
	return a, nil
}

// parseAreaFields reads the keys of an area written as a mapping, its name
// under nameKey.
func parseAreaFields(doc *yamldoc.Doc, n *yaml.Node, what, nameKey string, keys []string) (*Area, error) {
	a := &Area{Line: n.Line}
	err := doc.Fields(n, what, keys, func(k string, v *yaml.Node) (err error) {
		switch k {
		case nameKey:
			a.Name, err = doc.Name(v, "name", "")
			a.Name = strings.TrimSpace(a.Name)
		case "aliases":
			a.Aliases, err = parseAliases(doc, v, &a.names, "")
		case "translations":
			a.Translations, err = parseTranslations(doc, v, &a.names, "")
		case "includes":
			err = parseUnits(doc, v, a)
		case "note":
			a.Note, err = doc.Text(v, k)
		}
		return err
	})
	return a, err
}

func parseWave(doc *yamldoc.Doc, n *yaml.Node) (*Wave, error) {
	w := &Wave{Line: n.Line}
	var errs diag.List
	var month, start, end *yaml.Node
	var areas *yaml.Node
	errs.Add(doc.Fields(n, "a wave", waveKeys, func(k string, v *yaml.Node) (err error) {
		switch k {
		case "month":
			month = v
		case "start":
			start = v
		case "end":
			end = v
		case "areas":
			areas = v
		case "heading":
			w.Heading, err = doc.Text(v, k)
		case "note":
			w.Note, err = doc.Text(v, k)
		}
		return err
	}))
	if n.Kind != yaml.MappingNode {
		return nil, errs.Err()
	}
	switch {
	case month != nil && (start != nil || end != nil):
		errs.Add(doc.Errorf(n, "a wave has either a month or a start and an end, not both"))
	case month != nil:
		s, err := doc.String(month, "month")
		if err == nil {
			w.Start, w.End, err = parseMonth(s)
			w.ByMonth = true
			if err != nil {
				err = doc.Errorf(month, "%v", err)
			}
		}
		errs.Add(err)
	case start != nil && end != nil:
		w.Start = date(doc, start, "start", &errs)
		w.End = date(doc, end, "end", &errs)
		if !w.Start.IsZero() && !w.End.IsZero() && w.End.Before(w.Start) {
			errs.Add(doc.Errorf(end, "the end, %s, is before the start, %s; swap them", w.End, w.Start))
			w.Start = Date{}
		}
		if w.End.IsZero() {
			w.Start = Date{}
		}
	case start != nil:
		errs.Add(doc.Errorf(start, "a wave with a start needs an end too (end: YYYY-MM-DD)"))
	case end != nil:
		errs.Add(doc.Errorf(end, "a wave with an end needs a start too (start: YYYY-MM-DD)"))
	default:
		errs.Add(doc.Errorf(n, "a wave needs a month (month: YYYY-MM) or a start and an end (YYYY-MM-DD)"))
	}
	if areas == nil || (areas.Kind == yaml.SequenceNode && len(areas.Content) == 0) || (areas.Kind == yaml.ScalarNode && areas.Value == "") {
		errs.Add(doc.Errorf(n, "this wave has no areas; list them under \"areas:\", one \"- name\" per line"))
	} else if areas.Kind != yaml.SequenceNode {
		errs.Add(doc.Errorf(areas, "areas must be a list, one \"- name\" per line"))
	} else {
		for _, a := range areas.Content {
			area, err := parseArea(doc, a)
			errs.Add(err)
			if area != nil {
				w.Areas = append(w.Areas, area)
			}
		}
	}
	return w, errs.Err()
}

func date(doc *yamldoc.Doc, n *yaml.Node, k string, errs *diag.List) Date {
	s, err := doc.String(n, k)
	if err != nil {
		errs.Add(err)
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		errs.Add(doc.Errorf(n, "%s: %v", k, err))
	}
	return d
}

func parseArea(doc *yamldoc.Doc, n *yaml.Node) (*Area, error) {
	if n.Kind != yaml.MappingNode || n.Style&yaml.FlowStyle != 0 || !hasKey(n, areaKeys) && isColonName(doc, n) {
		// A name, or what YAML made of a name it misread: "Research:
		// Lab" as a key and its value, "[x]" as a list.
		name, err := itemName(doc, n, "area", "area")
		if err != nil {
			return nil, err
		}
		a := &Area{Line: n.Line, Name: strings.TrimSpace(name)}
		if a.Name == "" {
			return nil, doc.Errorf(n, "an area needs a name")
		}
		return a, nil
	}
	var errs diag.List
	a, err := parseAreaFields(doc, n, "an area", "name", areaKeys)
	errs.Add(err)
	if !hasKey(n, []string{"name"}) {
		errs.Add(doc.Errorf(n, "an area needs a name (name: ...)"))
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return a, nil
}
