package schedule

import (
	"fmt"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"rollout/internal/diag"
	"rollout/internal/yamldoc"
)

// placed is a name or alias as written, at its line.
type placed struct {
	name  string
	line  int
	alias bool   // an alias, not a name
	of    string // for an alias of a unit, the unit's name
	unit  bool   // a unit's name
	lang  string // for a translation, its language; "" otherwise
}

// setUnit records unit's list in *m, made when first needed; an empty
// list is not recorded.
func setUnit[T any](m *map[string][]T, unit string, list []T) {
	if len(list) == 0 {
		return
	}
	if *m == nil {
		*m = map[string][]T{}
	}
	(*m)[unit] = list
}

// where says what n is, in messages: "the unit "CSAIL" of Research
// (line 12)"; area is the name of the area n belongs to.
func (n placed) where(area string) string {
	switch {
	case n.lang != "" && n.of != "":
		return fmt.Sprintf("the %s translation of the unit %q (line %d)", n.lang, n.of, n.line)
	case n.lang != "":
		return fmt.Sprintf("the %s translation of %q (line %d)", n.lang, area, n.line)
	case n.alias && n.of != "":
		return fmt.Sprintf("an alias of the unit %q (line %d)", n.of, n.line)
	case n.alias:
		return fmt.Sprintf("an alias of %q (line %d)", area, n.line)
	case n.unit:
		return fmt.Sprintf("the unit %q of %s (line %d)", n.name, area, n.line)
	}
	return fmt.Sprintf("the area %q (line %d)", n.name, n.line)
}

// parseAliases reads the list of aliases n, of the unit named unit ("" for
// the area itself), and records each with its line in names.
func parseAliases(doc *yamldoc.Doc, n *yaml.Node, names *[]placed, unit string) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, doc.Errorf(n, "aliases must be a list, one \"- alias\" per line, or [A, B]")
	}
	var out []string
	var errs diag.List
	for _, c := range n.Content {
		s, err := itemName(doc, c, "aliases", "alias")
		s = strings.TrimSpace(s)
		if err == nil && s == "" {
			err = doc.Errorf(c, "an alias cannot be empty")
		}
		errs.Add(err)
		if err == nil {
			out = append(out, s)
			*names = append(*names, placed{name: s, line: c.Line, alias: true, of: unit})
		}
	}
	return out, errs.Err()
}

// parseUnits reads an area's includes: each unit a name, or a mapping of
// its name, aliases and translations.
func parseUnits(doc *yamldoc.Doc, n *yaml.Node, a *Area) error {
	if n.Kind != yaml.SequenceNode {
		return doc.Errorf(n, "includes must be a list, one \"- item\" per line")
	}
	var errs diag.List
	for _, c := range n.Content {
		if c.Kind == yaml.MappingNode && c.Style&yaml.FlowStyle == 0 && (hasKey(c, unitKeys) || !isColonName(doc, c)) {
			errs.Add(parseUnit(doc, c, a))
			continue
		}
		s, err := itemName(doc, c, "includes", "unit")
		errs.Add(err)
		if err == nil {
			a.Includes = append(a.Includes, s)
			a.names = append(a.names, placed{name: s, line: c.Line, unit: true})
		}
	}
	return errs.Err()
}

// parseUnit reads a unit written as a mapping: "- name: Human Resources"
// with "aliases: [HR]" and "translations: {es: Recursos Humanos}".
func parseUnit(doc *yamldoc.Doc, n *yaml.Node, a *Area) error {
	var name string
	var aliases, translations *yaml.Node
	err := doc.Fields(n, "a unit", unitKeys, func(k string, v *yaml.Node) (err error) {
		switch k {
		case "name":
			name, err = doc.Name(v, "name", "")
			name = strings.TrimSpace(name)
		case "aliases":
			aliases = v
		case "translations":
			translations = v
		}
		return err
	})
	if err != nil {
		return err
	}
	if name == "" {
		return doc.Errorf(n, "a unit needs a name (name: ...)")
	}
	a.Includes = append(a.Includes, name)
	a.names = append(a.names, placed{name: name, line: n.Line, unit: true})
	var errs diag.List
	if aliases != nil {
		list, err := parseAliases(doc, aliases, &a.names, name)
		errs.Add(err)
		setUnit(&a.UnitAliases, name, list)
	}
	if translations != nil {
		list, err := parseTranslations(doc, translations, &a.names, name)
		errs.Add(err)
		setUnit(&a.UnitTranslations, name, list)
	}
	return errs.Err()
}

// AliasKey is a name as the area finder compares it: case, accents and
// punctuation ignored ("." and apostrophes join, others part words), "&"
// read as "and", words separated by one space.
// Two aliases, or an alias and a name, with one key would lead the finder
// to two places.
func AliasKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.ReplaceAll(s, "&", " and ")) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’', r == '.':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// checkAliases reports each alias whose AliasKey is that of another name
// or alias of s, at the alias's line, naming the other place.
func checkAliases(path string, s *Schedule) error {
	var errs diag.List
	seen := map[string]string{} // AliasKey -> where it is, for the message
	add := func(n placed, area string) {
		k := AliasKey(n.name)
		if k == "" {
			return
		}
		what := n.where(area)
		if prev, ok := seen[k]; ok {
			if n.alias {
				errs.Add(diag.Errorf(path, n.line, "alias %q is already %s; an alias must lead to one place: remove it or change it", n.name, prev))
			}
			return
		}
		seen[k] = what
	}
	areas := s.Areas()
	// Names first, so that an alias is reported, not the name it repeats.
	for _, a := range areas {
		add(placed{name: a.Name, line: a.Line}, a.Name)
		for _, n := range a.names {
			if !n.alias && n.lang == "" { // translations are checked apart, see checkTranslations
				add(n, a.Name)
			}
		}
	}
	for _, a := range areas {
		for _, n := range a.names {
			if n.alias {
				add(n, a.Name)
			}
		}
	}
	return errs.Err()
}
