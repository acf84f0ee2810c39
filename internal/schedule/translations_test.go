package schedule

import (
	"strings"
	"testing"
)

// TestTranslationErrors: each mistake in a translations mapping is
// reported at its line, saying what to write instead; a translation that
// would lead the area finder to another place names that place's line.
func TestTranslationErrors(t *testing.T) {
	const wave = "- month: 2018-02\n  areas:\n    - name: MIT Libraries\n"
	tests := []parseErrors{
		{"not a mapping", wave + "      translations: Bibliotecas del MIT\n", []string{
			`s.yaml:4:21: translations must be a language code and the name in that language, one "code: name" per line, such as "es: Bibliotecas del MIT"`}},
		{"a list", wave + "      translations:\n        - es: Bibliotecas del MIT\n", []string{
			`s.yaml:5:9: translations must be a language code and the name in that language, one "code: name" per line, such as "es: Bibliotecas del MIT"`}},
		{"nothing", wave + "      translations:\n", []string{
			`s.yaml:4:20: translations must be a language code and the name in that language, one "code: name" per line, such as "es: Bibliotecas del MIT"`}},
		{"codes not in lower case", wave + "      translations:\n        ES: Bibliotecas del MIT\n        pt_BR: Bibliotecas do MIT\n", []string{
			`s.yaml:5:9: language code "ES" must be in lower case, with "-" between its parts; write es`,
			`s.yaml:6:9: language code "pt_BR" must be in lower case, with "-" between its parts; write pt-br`}},
		{"not a code", wave + "      translations:\n        Spanish: Bibliotecas del MIT\n        e: x\n        \"\": y\n", []string{
			`s.yaml:5:9: "Spanish" is not a language code; write the language's code in lower case, such as es for Spanish or pt-br for Brazilian Portuguese`,
			`s.yaml:6:9: "e" is not a language code; write the language's code in lower case, such as es for Spanish or pt-br for Brazilian Portuguese`,
			`s.yaml:7:9: "" is not a language code; write the language's code in lower case, such as es for Spanish or pt-br for Brazilian Portuguese`}},
		{"a list as the code", wave + "      translations:\n        [es]: Bibliotecas del MIT\n", []string{
			`s.yaml:5:9: each translation starts with a language code, such as "es: "`}},
		{"code twice", wave + "      translations:\n        es: Bibliotecas del MIT\n        es: Bibliotecas MIT\n", []string{
			`s.yaml:6:9: "es" is given twice (first on line 5); keep one`}},
		{"empty", wave + "      translations:\n        es:\n        fr: \" \"\n", []string{
			`s.yaml:5:9: the es translation is empty; write the name in that language, or remove the line`,
			`s.yaml:6:9: the fr translation is empty; write the name in that language, or remove the line`}},
		{"two lines", wave + "      translations:\n        es: |\n          Bibliotecas\n          del MIT\n", []string{
			`s.yaml:5:13: the translation must be a single line of text`}},
		{"joined", wave + "      translations:\n        es: Bibliotecas\n          del MIT\n", []string{
			`s.yaml:6: this line continues the translation on line 5 ("Bibliotecas"), because it is indented further; write the translation on one line, or start this line at the same indentation as line 5`}},
		{"cut at #", wave + "      translations:\n        es: Sala #5\n", []string{
			`s.yaml:5:13: the translation stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the translation, put it in quotes: es: "Sala #5"; to keep a comment, put it on its own line`}},
		{"in brackets", wave + "      translations:\n        es: [x]\n", []string{
			`s.yaml:5:13: a translation cannot start with "[", which starts a list or a set of keys in YAML; if it is part of the translation, put the translation in quotes: es: "[x]"`}},
		{"in brackets, in braces", wave + "      translations: {es: [x]}\n", []string{
			`s.yaml:4:26: a translation cannot start with "[", which starts a list or a set of keys in YAML; if it is part of the translation, put the translation in quotes: translations: {es: "[x]"}`}},
		{"misspelt key in a unit", wave + "      includes:\n        - name: Human Resources\n          translation: {es: Recursos Humanos}\n", []string{
			`s.yaml:6:11: unknown key "translation" in a unit; did you mean "translations"?`}},
		{"another area's name", wave + "      translations: {es: mit  police}\n    - MIT Police\n", []string{
			`s.yaml:4: es translation "mit  police" is already the area "MIT Police" (line 5); a translation must lead to one place: change it or remove it`}},
		{"another unit's name", wave + "      translations: {es: hr}\n    - name: B\n      includes: [HR]\n", []string{
			`s.yaml:4: es translation "hr" is already the unit "HR" of B (line 6); a translation must lead to one place: change it or remove it`}},
		{"its own unit's name", wave + "      translations: {es: Archivos}\n      includes:\n        - name: archivos\n", []string{
			`s.yaml:4: es translation "Archivos" is already the unit "archivos" of MIT Libraries (line 6); a translation must lead to one place: change it or remove it`}},
		{"another's alias", wave + "      translations: {es: Biblioteca}\n    - name: B\n      aliases: [biblioteca]\n", []string{
			`s.yaml:4: es translation "Biblioteca" is already an alias of "B" (line 6); a translation must lead to one place: change it or remove it`}},
		{"a unit's alias, accents aside", wave + "    - name: B\n      includes:\n        - name: Physics\n          aliases: [Fisica]\n    - name: C\n      translations: {es: Física}\n", []string{
			`s.yaml:9: es translation "Física" is already an alias of the unit "Physics" (line 7); a translation must lead to one place: change it or remove it`}},
		{"another's translation, same language", wave + "      translations: {es: Bibliotecas}\n    - name: B\n      translations:\n        fr: Bibliotecas\n        es: bibliotecas\n", []string{
			`s.yaml:8: es translation "bibliotecas" is already the es translation of "MIT Libraries" (line 4); a translation must lead to one place: change it or remove it`}},
		{"a unit's translation", wave + "      includes:\n        - name: Human Resources\n          translations: {es: Recursos Humanos}\n- separate: Lincoln Laboratory\n  translations:\n    es: recursos  humanos\n  note: x\n", []string{
			`s.yaml:9: es translation "recursos  humanos" is already the es translation of the unit "Human Resources" (line 6); a translation must lead to one place: change it or remove it`}},
		{"a separate rollout's name", wave + "      translations: {es: lincoln laboratory}\n- separate: Lincoln Laboratory\n  note: x\n", []string{
			`s.yaml:4: es translation "lincoln laboratory" is already the area "Lincoln Laboratory" (line 5); a translation must lead to one place: change it or remove it`}},
	}
	testParseErrors(t, tests)
}

// TestTranslations: areas, units and separate rollouts may have names in
// other languages, with their lines; NameIn and UnitIn fall back to the
// name; the finder finds them after names and aliases.
func TestTranslations(t *testing.T) {
	src := `- month: 2018-02
  areas:
    - name: MIT Libraries
      translations:
        es: Bibliotecas del MIT
        pt-br: Bibliotecas do MIT
      includes:
        - Archives
        - name: Human Resources
          aliases: [HR]
          translations: {es: Recursos Humanos}
    - name: MIT Police
      # The same name in Spanish, and a French name that is another's
      # Spanish one: each leads to one place.
      translations: {es: MIT Police, fr: Recursos Humanos}
    - name: Facilities
      aliases: [Instalaciones]
      translations: {es: Instalaciones}
- separate: Lincoln Laboratory
  translations:
    es: Laboratorio Lincoln
  note: Its own rollout.
`
	s, err := Parse("s.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	lib, police := s.Waves[0].Areas[0], s.Waves[0].Areas[1]
	checks := []struct{ name, have, want string }{
		{"NameIn", lib.NameIn("es"), "Bibliotecas del MIT"},
		{"NameIn, a region", lib.NameIn("pt-br"), "Bibliotecas do MIT"},
		{"NameIn, no such language", lib.NameIn("fr"), "MIT Libraries"},
		{"NameIn, no translations", s.Waves[0].Areas[2].NameIn("fr"), "Facilities"},
		{"UnitIn", lib.UnitIn("Human Resources", "es"), "Recursos Humanos"},
		{"UnitIn, no such language", lib.UnitIn("Human Resources", "fr"), "Human Resources"},
		{"UnitIn, a bare unit", lib.UnitIn("Archives", "es"), "Archives"},
		{"unit aliases too", strings.Join(lib.AliasesOf("Human Resources"), "|"), "HR"},
		{"separate", s.Separate[0].NameIn("es"), "Laboratorio Lincoln"},
		{"includes", strings.Join(lib.Includes, "|"), "Archives|Human Resources"},
	}
	for _, c := range checks {
		if c.have != c.want {
			t.Errorf("%s: have %q, want %q", c.name, c.have, c.want)
		}
	}
	if have, want := lib.Translations, []Translation{{"es", "Bibliotecas del MIT", 5}, {"pt-br", "Bibliotecas do MIT", 6}}; len(have) != 2 || have[0] != want[0] || have[1] != want[1] {
		t.Errorf("translations %v, want %v", have, want)
	}
	if have := lib.UnitTranslations["Human Resources"]; len(have) != 1 || have[0] != (Translation{"es", "Recursos Humanos", 11}) {
		t.Errorf("unit translations %v", have)
	}
	if police.UnitTranslations != nil || s.Waves[0].Areas[2].UnitTranslations != nil {
		t.Errorf("UnitTranslations not nil without any")
	}

	find := s.Finder()
	for _, tt := range []struct{ name, want string }{
		{"bibliotecas  DEL mit", "MIT Libraries"},
		{"Bibliotecas do MIT", "MIT Libraries"},
		{"recursos humanos", "MIT Libraries"}, // the unit's Spanish name, before MIT Police's French one
		{"Instalaciones", "Facilities"},
		{"mit police", "MIT Police"},
		{"Laboratorio Lincoln", ""}, // the finder, like Find, looks in the waves
		{"Bibliotecas", ""},
	} {
		_, a := find(tt.name)
		if have := areaName(a); have != tt.want {
			t.Errorf("Finder()(%q) = %q, want %q", tt.name, have, tt.want)
		}
	}
	// A page in a language means the place a name has in that language.
	for _, tt := range []struct{ lang, name, want string }{
		{"fr", "recursos humanos", "MIT Police"},
		{"es", "recursos humanos", "MIT Libraries"},
		{"pt-br", "recursos humanos", "MIT Libraries"}, // none in pt-br: as Finder
		{"fr", "MIT Libraries", "MIT Libraries"},       // names come first
		{"fr", "Instalaciones", "Facilities"},          // and aliases
	} {
		_, a := s.FinderIn(tt.lang)(tt.name)
		if have := areaName(a); have != tt.want {
			t.Errorf("FinderIn(%q)(%q) = %q, want %q", tt.lang, tt.name, have, tt.want)
		}
	}
}

// areaName is a's name, or "" for none.
func areaName(a *Area) string {
	if a == nil {
		return ""
	}
	return a.Name
}
