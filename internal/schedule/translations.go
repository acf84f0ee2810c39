package schedule

import (
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"rollout/internal/diag"
	"rollout/internal/yamldoc"
)

// Translation is the name of an area, a unit or a separate rollout in
// another language of the site.
type Translation struct {
	Lang string // a language code in lower case, such as "es" or "pt-br"
	Name string
	Line int // where it is written in the file, for the site's errors
}

// NameIn returns the area's name in language lang, or a.Name when it has
// none in lang.
func (a *Area) NameIn(lang string) string { return nameIn(a.Translations, lang, a.Name) }

// UnitIn returns the name in language lang of unit, one of a.Includes, or
// unit itself when it has none in lang.
func (a *Area) UnitIn(unit, lang string) string {
	return nameIn(a.UnitTranslations[unit], lang, unit)
}

func nameIn(ts []Translation, lang, name string) string {
	for _, t := range ts {
		if t.Lang == lang {
			return t.Name
		}
	}
	return name
}

// IsLanguageCode reports whether s is a language code as the site writes
// it, in the schedule, in front matter and in file names: lower case, its
// parts joined by "-", such as "es" or "pt-br".
func IsLanguageCode(s string) bool { return langCode.MatchString(s) }

var langCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// MeantLanguageCode returns the language code s was meant to be, written
// in capitals or with "_" (EN, pt_BR), or "" when it is none.
func MeantLanguageCode(s string) string {
	if fixed := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "_", "-")); IsLanguageCode(fixed) {
		return fixed
	}
	return ""
}

// parseTranslations reads the mapping n of language code to name, of the
// unit named unit ("" for the area itself), and records each name with
// its line in names.
func parseTranslations(doc *yamldoc.Doc, n *yaml.Node, names *[]placed, unit string) ([]Translation, error) {
	if n.Kind != yaml.MappingNode {
		return nil, doc.Errorf(n, "translations must be a language code and the name in that language, one \"code: name\" per line, such as \"es: Bibliotecas del MIT\"")
	}
	var out []Translation
	var errs diag.List
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			errs.Add(doc.Errorf(k, "each translation starts with a language code, such as \"es: \""))
			continue
		}
		lang := k.Value
		if line, ok := seen[lang]; ok {
			errs.Add(doc.Errorf(k, "%q is given twice (first on line %d); keep one", lang, line))
			continue
		}
		seen[lang] = k.Line
		if !IsLanguageCode(lang) {
			errs.Add(doc.Errorf(k, "%s", badLangCode(lang)))
			continue
		}
		name, err := doc.Name(v, "translation", "")
		name = strings.TrimSpace(name)
		if err == nil && name == "" {
			err = doc.Errorf(k, "the %s translation is empty; write the name in that language, or remove the line", lang)
		}
		errs.Add(err)
		if err == nil {
			out = append(out, Translation{Lang: lang, Name: name, Line: k.Line})
			*names = append(*names, placed{name: name, line: k.Line, lang: lang, of: unit})
		}
	}
	return out, errs.Err()
}

// badLangCode says what to write instead of lang, which is not a language
// code as the schedule writes them.
func badLangCode(lang string) string {
	if fixed := MeantLanguageCode(lang); fixed != "" {
		return fmt.Sprintf("language code %q must be in lower case, with \"-\" between its parts; write %s", lang, fixed)
	}
	return fmt.Sprintf("%q is not a language code; write the language's code in lower case, such as es for Spanish or pt-br for Brazilian Portuguese", lang)
}

// checkTranslations reports each translation that would lead the area
// finder to another place: one that is, ignoring case and extra spaces,
// the name of another area or unit, or another's translation in the same
// language; or that is another's alias as AliasKey compares them (the
// finder tries aliases before translations). Each is reported at the
// translation's line, naming the other place. A translation may repeat a
// name or alias of what it translates.
func checkTranslations(path string, s *Schedule) error {
	type place struct {
		area *Area
		unit string // "" for the area itself
		what string // for the message
	}
	areas := s.Areas()
	names := map[string]place{}   // key(name) -> its place
	aliases := map[string]place{} // AliasKey(alias) -> its place
	put := func(m map[string]place, k string, p place) {
		if _, ok := m[k]; !ok && k != "" { // AliasKey("—") is ""
			m[k] = p
		}
	}
	for _, a := range areas {
		put(names, key(a.Name), place{a, "", placed{name: a.Name, line: a.Line}.where(a.Name)})
		for _, n := range a.names {
			switch {
			case n.lang != "":
			case n.alias:
				put(aliases, AliasKey(n.name), place{a, n.of, n.where(a.Name)})
			case n.unit:
				put(names, key(n.name), place{a, n.name, n.where(a.Name)})
			}
		}
	}
	var errs diag.List
	translated := map[string]place{} // lang + " " + key(name) -> its place
	for _, a := range areas {
		for _, n := range a.names {
			if n.lang == "" {
				continue
			}
			k := n.lang + " " + key(n.name)
			for _, p := range []place{names[key(n.name)], aliases[AliasKey(n.name)], translated[k]} {
				if p.area != nil && (p.area != a || p.unit != n.of) {
					errs.Add(diag.Errorf(path, n.line, "%s translation %q is already %s; a translation must lead to one place: change it or remove it", n.lang, n.name, p.what))
					break
				}
			}
			put(translated, k, place{a, n.of, n.where(a.Name)})
		}
	}
	return errs.Err()
}
