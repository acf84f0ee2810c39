package frontmatter

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"rollout/internal/schedule"
)

// The web editor's configuration, .pages.yml (Pages CMS), names every
// front-matter key and every key of the schedule once more, as the fields
// of its forms. Pages CMS writes a file from those fields when it saves
// it: a key the build knows and the form does not would be dropped from
// the file, and a field the build does not know would fail the build.
// These tests hold the forms to the build's own declarations: metaKeys
// for the front matter, and the lists of keys that internal/schedule
// accepts at each level of content/schedule.yaml.

const cmsConfigPath = "../../.pages.yml"

// areasKey is the key of a wave that lists its areas.
const areasKey = "areas"

// bodyField is the field Pages CMS reserves for the text below the front
// matter.
const bodyField = "body"

// cmsTypes are the Pages CMS field types that write a value of each kind
// the way the build reads it; the first is the one to suggest.
var cmsTypes = map[*valueKind][]string{
	&textValue.valueKind:        {"string", "text"},
	&wholeNumberValue.valueKind: {"number"},
	&trueFalseValue.valueKind:   {"boolean"},
	&dayValue.valueKind:         {"date", "string"},
	&emailValue.valueKind:       {"string"},
	&domainValue.valueKind:      {"string"},
	&baseURLValue.valueKind:     {"string"},
	&imageValue.valueKind:       {"image", "string"},
	&languagesValue.valueKind:   {"object"}, // with list: true, and a field for each key
}

// cmsConfig is the part of .pages.yml these tests read.
type cmsConfig struct {
	Content []cmsEntry `yaml:"content"`
}

// A cmsEntry is one content entry: a file, or a collection of files.
type cmsEntry struct {
	Name    string     `yaml:"name"`
	Type    string     `yaml:"type"`
	Path    string     `yaml:"path"`
	Format  string     `yaml:"format"`
	Exclude []string   `yaml:"exclude"`
	List    any        `yaml:"list"`
	Fields  []cmsField `yaml:"fields"`
	line    int
}

func (e *cmsEntry) UnmarshalYAML(n *yaml.Node) error {
	type plain cmsEntry
	e.line = n.Line
	return n.Decode((*plain)(e))
}

func (e *cmsEntry) String() string { return fmt.Sprintf("content %q (%s)", e.Name, e.Path) }

// A cmsField is one field of a form.
type cmsField struct {
	Name     string     `yaml:"name"`
	Type     string     `yaml:"type"`
	Required bool       `yaml:"required"`
	List     any        `yaml:"list"`
	Fields   []cmsField `yaml:"fields"`
	line     int
}

func (f *cmsField) UnmarshalYAML(n *yaml.Node) error {
	type plain cmsField
	f.line = n.Line
	return n.Decode((*plain)(f))
}

// isList reports whether list, a "list:" value, makes a list.
func isList(list any) bool {
	b, ok := list.(bool)
	return list != nil && (!ok || b)
}

// scheduleKeys are the keys internal/schedule accepts at each level.
type scheduleKeys struct {
	wave, separate, area []string
}

// formlessScheduleKeys are the keys of the schedule that the form leaves
// out on purpose, with the reason: the check neither asks for a field for
// them nor accepts one. Pages CMS writes the whole schedule anew from the
// form when it saves it, keeping only the keys the form has fields for
// (its settings.content.merge does not apply to a file that is a list):
// a save from the form drops these keys, so a schedule that uses them is
// edited on github.com, as README.md says where it describes the key.
var formlessScheduleKeys = map[string]string{
	// A mapping from language code to name ("es: Bibliotecas del MIT").
	// Pages CMS has no field for a mapping with keys of the editor's
	// choosing; an object field with one string field per language would
	// do, but the languages are the site's (languages: in
	// content/_index.md), which this file does not know.
	"translations": "the names of an area, unit or separate rollout in other languages",
}

// withField returns keys without those in formlessScheduleKeys.
func withField(keys []string) []string {
	return slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return formlessScheduleKeys[k] != "" })
}

// checkCMS compares the web editor's configuration data, read from file,
// with the build's keys, and returns every difference as a
// "file:line: what to do" message.
func checkCMS(file string, data []byte, sk scheduleKeys) []string {
	var cfg cmsConfig
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return []string{fmt.Sprintf("%s: %v", file, err)}
	}
	var problems []string
	report := func(line int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s:%d: ", file, line)+fmt.Sprintf(format, args...))
	}

	var home, pages, schedule bool
	for i := range cfg.Content {
		e := &cfg.Content[i]
		switch {
		case e.Path == "content/schedule.yaml":
			schedule = true
			checkScheduleEntry(e, sk, report)
		case strings.HasSuffix(e.Format, "-frontmatter"):
			isHome := e.Type == "file" && e.Path == "content/_index.md"
			home = home || isHome
			if e.Type == "collection" && e.Path == "content" {
				pages = true
				if !slices.Contains(e.Exclude, "_index.md") {
					report(e.line, "%s would list the home page without its site settings; add exclude: [_index.md] (the home page has an entry of its own)", e)
				}
			}
			if e.Format != "yaml-frontmatter" && e.Format != "toml-frontmatter" {
				report(e.line, "%s has format %s; the build reads yaml-frontmatter or toml-frontmatter", e, e.Format)
			}
			checkPageFields(e, isHome, report)
		case e.Type == "file" && e.Path == "content/_index.md", e.Path == "content" || strings.HasPrefix(e.Path, "content/"):
			report(e.line, "%s is a page, but its format is %q; give it format: yaml-frontmatter and the fields of the front matter", e, e.Format)
		}
	}
	if !home {
		report(1, "no entry edits the home page and the site's settings; add one with type: file, path: content/_index.md, format: yaml-frontmatter")
	}
	if !pages {
		report(1, "no entry edits the pages in content/; add one with type: collection, path: content, format: yaml-frontmatter, exclude: [_index.md]")
	}
	if !schedule {
		report(1, "no entry edits the schedule; add one with type: file, path: content/schedule.yaml, format: yaml, list: true")
	}
	return problems
}

// checkPageFields compares the fields of a page entry with metaKeys.
func checkPageFields(e *cmsEntry, isHome bool, report func(int, string, ...any)) {
	fields := map[string]*cmsField{}
	for i := range e.Fields {
		f := &e.Fields[i]
		if fields[f.Name] != nil {
			report(f.line, "%s has a second field %q; keep one", e, f.Name)
			continue
		}
		fields[f.Name] = f
		if f.Name == bodyField {
			continue
		}
		k := lookupMetaKey(f.Name)
		switch {
		case k == nil:
			report(f.line, "field %q of %s is not a front-matter key the build knows (metaKeys in internal/frontmatter/keys.go: %s); remove the field, or add the key to the build", f.Name, e, strings.Join(metaKeyNames, ", "))
			continue
		case k.home && !isHome:
			report(f.line, "field %q of %s is a setting of the whole site, which only content/_index.md may set; remove the field", f.Name, e)
			continue
		}
		types, ok := cmsTypes[k.value.kind]
		switch {
		case !ok:
			report(f.line, "no Pages CMS field type is known for values of kind %q (key %q); add the kind to cmsTypes in internal/frontmatter/cms_test.go", k.value.kind.name, k.name)
		case !slices.Contains(types, f.Type):
			report(f.line, "field %q of %s has type %q; the build wants %s there: give it type: %s", f.Name, e, f.Type, k.value.kind.name, types[0])
		}
		switch keys := k.value.kind.keys; {
		case keys == nil && isList(f.List):
			report(f.line, "field %q of %s is a list; the build wants one %s: remove list:", f.Name, e, k.value.kind.name)
		case keys != nil:
			// A list of entries, each with the same keys, all required.
			where := fmt.Sprintf("field %q of %s", f.Name, e)
			if !isList(f.List) {
				report(f.line, "%s must have list: true (a %s, each with its own fields)", where, k.value.kind.name)
			}
			compareFields(f.line, where, f.Fields, keys, fmt.Sprintf("an item of %s (metaKeys in internal/frontmatter/keys.go)", k.name), report)
			for _, sub := range f.Fields {
				if slices.Contains(keys, sub.Name) && !sub.Required {
					report(sub.line, "field %q of the items of %s must have required: true, as the build requires it", sub.Name, where)
				}
			}
		}
		if f.Required != k.required {
			report(f.line, "field %q of %s has required: %t, but the build says the key is required: %t; make them the same", f.Name, e, f.Required, k.required)
		}
	}
	for _, k := range metaKeys {
		if fields[k.name] == nil && (isHome || !k.home) {
			typ := "string"
			if types := cmsTypes[k.value.kind]; len(types) > 0 {
				typ = types[0]
			}
			add := fmt.Sprintf("\n      - name: %s\n        type: %s", k.name, typ)
			if k.value.kind.keys != nil {
				add += "\n        list: true\n        fields:"
				for _, sub := range k.value.kind.keys {
					add += fmt.Sprintf("\n          - name: %s\n            type: string\n            required: true", sub)
				}
			}
			report(e.line, "%s has no field for the front-matter key %q (%s); add to its fields:%s", e, k.name, k.doc, add)
		}
	}
	if fields[bodyField] == nil {
		report(e.line, "%s has no field for the page's text; add to its fields:\n      - name: body\n        type: rich-text", e)
	}
}

// checkScheduleEntry compares the fields of the schedule's entry with the
// keys internal/schedule accepts.
func checkScheduleEntry(e *cmsEntry, sk scheduleKeys, report func(int, string, ...any)) {
	if e.Type != "file" || e.Format != "yaml" || !isList(e.List) {
		report(e.line, "%s must be type: file, format: yaml, list: true (the schedule is a list of waves)", e)
	}
	top := append(slices.Clone(sk.wave), sk.separate...)
	slices.Sort(top)
	top = slices.Compact(top)
	compareFields(e.line, e.String(), e.Fields, withField(top), "a wave or a separate rollout (waveKeys, separateKeys in internal/schedule)", report)
	if !slices.Contains(sk.wave, areasKey) {
		report(e.line, "internal/schedule's waves have no key %q; update areasKey in internal/frontmatter/cms_test.go", areasKey)
		return
	}
	for i := range e.Fields {
		f := &e.Fields[i]
		switch {
		case f.Name == areasKey:
			if f.Type != "object" || !isList(f.List) {
				report(f.line, "field %q of %s must be type: object with list: true (a list of areas, each with its own fields)", f.Name, e)
			}
			compareFields(f.line, fmt.Sprintf("field %q of %s", f.Name, e), f.Fields, withField(sk.area), "an area (areaKeys in internal/schedule)", report)
			for _, a := range f.Fields {
				if a.Name == "name" && !a.Required {
					// An area written as a bare name reads as an empty
					// one in the form; required stops it being saved.
					report(a.line, "field %q of the areas of %s must have required: true", a.Name, e)
				}
			}
		case (f.Name == "includes" || f.Name == "aliases") && !isList(f.List):
			report(f.line, "field %q of %s must have list: true (a list of names)", f.Name, e)
		case f.Name != "includes" && f.Name != "aliases" && isList(f.List):
			report(f.line, "field %q of %s is a list; the schedule wants one value there: remove list:", f.Name, e)
		}
	}
}

// compareFields reports the keys in want with no field in fields, and the
// fields whose names are not in want.
func compareFields(line int, where string, fields []cmsField, want []string, what string, report func(int, string, ...any)) {
	have := map[string]bool{}
	for _, f := range fields {
		if have[f.Name] {
			report(f.line, "%s has a second field %q; keep one", where, f.Name)
		}
		have[f.Name] = true
		if why := formlessScheduleKeys[f.Name]; why != "" {
			report(f.line, "field %q of %s is for a key the form leaves out (%s), listed in formlessScheduleKeys in internal/frontmatter/cms_test.go; remove the field, or the key from that list", f.Name, where, why)
			continue
		}
		if !slices.Contains(want, f.Name) {
			report(f.line, "field %q of %s is not a key of %s, which are %s; remove the field, or add the key to the build", f.Name, where, what, strings.Join(want, ", "))
		}
	}
	for _, k := range want {
		if !have[k] {
			report(line, "%s has no field for the key %q of %s; add to its fields:\n      - name: %s\n        type: string", where, k, what, k)
		}
	}
}

// The shipped .pages.yml matches the build's keys.
func TestCMSConfig(t *testing.T) {
	data, err := os.ReadFile(cmsConfigPath)
	if err != nil {
		t.Fatal(err)
	}
	var sk scheduleKeys
	sk.wave, sk.separate, sk.area = schedule.Keys()
	for _, p := range checkCMS(".pages.yml", data, sk) {
		t.Error(p)
	}
}

// The check names what differs, where, and what to add or remove.
func TestCMSConfigCheck(t *testing.T) {
	sk := scheduleKeys{
		wave:     []string{"month", "note", "areas"},
		separate: []string{"separate", "includes", "note"},
		area:     []string{"name", "includes", "translations", "note"},
	}
	// Each field on one line; the keys of a list of entries go required
	// first, so that no test's replacement meets them.
	field := func(k metaKey) string {
		s := fmt.Sprintf("{name: %s, type: %s, required: %t", k.name, cmsTypes[k.value.kind][0], k.required)
		if keys := k.value.kind.keys; keys != nil {
			var subs []string
			for _, sub := range keys {
				subs = append(subs, fmt.Sprintf("{name: %s, required: true, type: string}", sub))
			}
			s += ", list: true, fields: [" + strings.Join(subs, ", ") + "]"
		}
		return "      - " + s + "}\n"
	}
	var fm strings.Builder
	for _, k := range metaKeys {
		fm.WriteString(field(k))
	}
	fm.WriteString("      - {name: body, type: rich-text}\n")
	var pageFields strings.Builder
	for _, k := range metaKeys {
		if !k.home {
			pageFields.WriteString(field(k))
		}
	}
	pageFields.WriteString("      - {name: body, type: rich-text}\n")
	home := "  - name: home\n    type: file\n    path: content/_index.md\n    format: yaml-frontmatter\n    fields:\n" + fm.String()
	pages := "  - name: pages\n    type: collection\n    path: content\n    format: yaml-frontmatter\n    exclude: [_index.md]\n    fields:\n" + pageFields.String()
	areas := "      - name: areas\n        type: object\n        list: true\n        fields:\n          - {name: name, type: string, required: true}\n          - {name: includes, type: string, list: true}\n          - {name: note, type: text}\n"
	schedule := "  - name: schedule\n    type: file\n    path: content/schedule.yaml\n    format: yaml\n    list: true\n    fields:\n" +
		"      - {name: month, type: string}\n      - {name: separate, type: string}\n      - {name: includes, type: string, list: true}\n      - {name: note, type: text}\n" + areas
	good := "content:\n" + home + pages + schedule
	// The line of the home entry's field i, in good.
	homeLine := func(i int) int { return 7 + i }
	draft := slices.IndexFunc(metaKeys, func(k metaKey) bool { return k.name == "draft" })

	tests := []struct {
		name string
		cfg  string
		want []string // substrings of the problems, one each
	}{
		{"good", good, nil}, // with no field for translations, a key the form leaves out
		{"page key missing",
			strings.Replace(good, "      - {name: weight, type: number, required: false}\n", "", 1),
			[]string{`c.yml:2: content "home" (content/_index.md) has no field for the front-matter key "weight"` + " (order among pages, smaller first (then by title)); add to its fields:\n      - name: weight\n        type: number"}},
		{"unknown page field",
			strings.Replace(good, "      - {name: body, type: rich-text}\n", "      - {name: body, type: rich-text}\n      - {name: author, type: string}\n", 1),
			[]string{fmt.Sprintf("c.yml:%d: ", homeLine(len(metaKeys)+1)) + `field "author" of content "home" (content/_index.md) is not a front-matter key the build knows`}},
		{"site setting on a page",
			strings.Replace(good, "    exclude: [_index.md]\n    fields:\n", "    exclude: [_index.md]\n    fields:\n      - {name: contact, type: string}\n", 1),
			[]string{`field "contact" of content "pages" (content) is a setting of the whole site`}},
		{"wrong type",
			strings.Replace(good, "{name: draft, type: boolean", "{name: draft, type: string", 1),
			[]string{fmt.Sprintf("c.yml:%d: ", homeLine(draft)) + `field "draft" of content "home" (content/_index.md) has type "string"; the build wants true or false there: give it type: boolean`}},
		{"title not required",
			strings.Replace(good, "{name: title, type: string, required: true}", "{name: title, type: string}", 1),
			[]string{`field "title" of content "home" (content/_index.md) has required: false, but the build says the key is required: true`}},
		{"languages not a list",
			strings.Replace(good, ", list: true, fields: [", ", fields: [", 1),
			[]string{`field "languages" of content "home" (content/_index.md) must have list: true (a list of languages, each with its own fields)`}},
		{"language key missing",
			strings.Replace(good, ", {name: name, required: true, type: string}]", "]", 1),
			[]string{`field "languages" of content "home" (content/_index.md) has no field for the key "name" of an item of languages (metaKeys in internal/frontmatter/keys.go); add to its fields:`}},
		{"language name not required",
			strings.Replace(good, "{name: name, required: true, type: string}", "{name: name, type: string}", 1),
			[]string{`field "name" of the items of field "languages" of content "home" (content/_index.md) must have required: true, as the build requires it`}},
		{"no body",
			strings.Replace(good, "      - {name: body, type: rich-text}\n  - name: schedule", "  - name: schedule", 1),
			[]string{`content "pages" (content) has no field for the page's text`}},
		{"home page in the pages",
			strings.Replace(good, "    exclude: [_index.md]\n", "", 1),
			[]string{`content "pages" (content) would list the home page without its site settings`}},
		{"no home entry",
			"content:\n" + pages + schedule,
			[]string{"c.yml:1: no entry edits the home page"}},
		{"schedule key missing",
			strings.Replace(good, "      - {name: separate, type: string}\n", "", 1),
			[]string{`content "schedule" (content/schedule.yaml) has no field for the key "separate" of a wave or a separate rollout`}},
		{"unknown schedule field",
			strings.Replace(good, "      - {name: month, type: string}\n", "      - {name: month, type: string}\n      - {name: year, type: string}\n", 1),
			[]string{`field "year" of content "schedule" (content/schedule.yaml) is not a key of a wave or a separate rollout (waveKeys, separateKeys in internal/schedule), which are areas, includes, month, note, separate`}},
		{"area key missing",
			strings.Replace(good, "          - {name: note, type: text}\n", "", 1),
			[]string{`field "areas" of content "schedule" (content/schedule.yaml) has no field for the key "note" of an area`}},
		{"area name not required",
			strings.Replace(good, "{name: name, type: string, required: true}", "{name: name, type: string}", 1),
			[]string{`field "name" of the areas of content "schedule" (content/schedule.yaml) must have required: true`}},
		{"a field for a key the form leaves out",
			strings.Replace(good, "          - {name: note, type: text}\n", "          - {name: note, type: text}\n          - {name: translations, type: string}\n", 1),
			[]string{`field "translations" of field "areas" of content "schedule" (content/schedule.yaml) is for a key the form leaves out (the names of an area, unit or separate rollout in other languages), listed in formlessScheduleKeys`}},
		{"schedule not a list",
			strings.Replace(good, "    format: yaml\n    list: true\n", "    format: yaml\n", 1),
			[]string{`content "schedule" (content/schedule.yaml) must be type: file, format: yaml, list: true`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			have := checkCMS("c.yml", []byte(tt.cfg), sk)
			if len(have) != len(tt.want) {
				t.Fatalf("have %d problems, want %d:\n%s", len(have), len(tt.want), strings.Join(have, "\n"))
			}
			for i, w := range tt.want {
				if !strings.Contains(have[i], w) {
					t.Errorf("have problem\n%s\nwant it to contain\n%s", have[i], w)
				}
			}
		})
	}
}
