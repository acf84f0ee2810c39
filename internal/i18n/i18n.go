// Package i18n holds the words of the layouts in each of the site's
// languages: "Find your area", "released", the names of the months, the
// way a date is written.
//
// # Files
//
// Each language has one file, layouts/i18n/CODE.yaml (layouts/i18n/en.yaml,
// layouts/i18n/es.yaml), a flat list of "key: text" lines:
//
//	# layouts/i18n/en.yaml
//	finder_label: Find your area
//	welcome: "{name} is released"  # {name} is filled in by the site
//
// A key is letters, digits and "_". A text is what follows the colon; a
// text that starts with "{" (or holds ": " or " #") must be in quotes.
// Words in braces, such as {name}, are placeholders that the site fills in:
// a translation keeps them as they are and translates the words around
// them.
//
// Load checks the files like content, and reports every problem at its
// line: a file that is not a flat list of "key: text" lines, a key given
// twice, an empty text, a key of the default language (the first of the
// site's languages) missing from another language's file or the other way
// round, placeholders that differ between a language and the default, a
// language of the site without its file, and a file for a language that
// the site does not have. A site without a layouts/i18n folder has no
// texts; asking for one is then an error that says which file to write.
//
// # Dates
//
// Dates and the times of a wave are written with these keys (English
// shown; the placeholders of each are fixed):
//
//	month_1 ... month_12: January ... December
//	date: "{month} {day}, {year}"                                        # January 2, 2018
//	month_year: "{month} {year}"                                         # a wave given by month: January 2018
//	range_within_year: "{start_month} {start_day} to {end_month} {end_day}, {year}"  # October 25 to December 1, 2018
//	range: "{start} to {end}"                                            # December 20, 2018 to January 5, 2019
//
// In range, {start} and {end} are each a whole date, written with date.
// {day} is the day without a leading zero, {year} has four digits.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"rollout/internal/diag"
	"rollout/internal/schedule"
	"rollout/internal/yamldoc"
)

// Dir is the folder of the language files, in the site's source folder.
const Dir = "layouts/i18n"

// formats are the placeholders that the texts the code fills in must
// have, when a site has them: exactly these. Date and WaveLabel fill the
// keys of dates; the area finder (static/finder.js) fills its sentences,
// which a layout hands it as written (Raw), so that no other check sees
// a placeholder gone.
var formats = map[string][]string{
	"date":              {"day", "month", "year"},
	"month_year":        {"month", "year"},
	"range_within_year": {"end_day", "end_month", "start_day", "start_month", "year"},
	"range":             {"end", "start"},

	"finder_answer":           {"names", "status", "when", "with"},
	"finder_with":             {"area"},
	"finder_separate":         {"names", "with"},
	"finder_no_match":         {"query"},
	"finder_no_match_contact": {"contact"},
	"finder_more":             {"count"},
}

var (
	keyRE         = regexp.MustCompile(`^[A-Za-z0-9_]+$`)
	placeholderRE = regexp.MustCompile(`\{([A-Za-z0-9_]+)\}`)
)

// Catalog holds the texts of every language, by language code, then key.
// A Catalog is not modified after Load and is safe for concurrent use.
type Catalog struct {
	langs []string                    // the site's languages, the default first
	texts map[string]map[string]entry // nil when the site has no layouts/i18n folder
}

// entry is one text, where it is written, and its placeholders.
type entry struct {
	text  string
	line  int
	names []string // the placeholders of text, sorted, each once
}

// file returns the path of lang's file.
func file(lang string) string { return Dir + "/" + lang + ".yaml" }

// Load reads layouts/i18n/<code>.yaml from fsys for each code of langs
// (the site's languages; the first is the default language). A site
// without a layouts/i18n folder gets an empty catalog and no error (Text
// then errors). All problems are reported together, each at its file and
// line, with a nil Catalog. Files in the folder other than CODE.yaml and
// CODE.yml (a README, a subfolder, hidden files) are left alone.
func Load(fsys fs.FS, langs []string) (*Catalog, error) {
	if len(langs) == 0 {
		return nil, errors.New("i18n.Load: no languages")
	}
	c := &Catalog{langs: slices.Clone(langs)}
	dirEntries, err := fs.ReadDir(fsys, Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, diag.Errorf(Dir, 0, "cannot read the folder of the layouts' texts: %v", err)
	}

	var errs diag.List
	files := map[string]bool{} // names of the .yaml files in the folder
	for _, e := range dirEntries {
		name := e.Name()
		ext := strings.ToLower(path.Ext(name))
		if e.IsDir() || strings.HasPrefix(name, ".") || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		files[name] = true
		code := strings.TrimSuffix(name, path.Ext(name))
		if slices.Contains(langs, code) && path.Ext(name) == ".yaml" {
			continue
		}
		p := Dir + "/" + name
		if i := slices.IndexFunc(langs, func(l string) bool { return strings.EqualFold(l, code) }); i >= 0 {
			errs.Add(diag.Errorf(p, 0, "rename this file to %s: the file of language %q must be named so", file(langs[i]), langs[i]))
			continue
		}
		errs.Add(diag.Errorf(p, 0, "%q is not one of the site's languages (%s); add it to languages: in content/_index.md, or remove this file",
			code, strings.Join(langs, ", ")))
	}

	c.texts = map[string]map[string]entry{}
	def := langs[0]
	for _, lang := range langs {
		p := file(lang)
		if !files[lang+".yaml"] {
			if lang == def {
				errs.Add(diag.Errorf(p, 0, "the file is missing: write the texts of the default language, %s, in it, one \"key: text\" line each", def))
			} else {
				errs.Add(diag.Errorf(p, 0, "the file is missing: copy %s and translate its texts", file(def)))
			}
			continue
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs.Add(diag.Errorf(p, 0, "cannot read the file: %v", err))
			continue
		}
		texts, err := parse(p, diag.Normalize(data))
		errs.Add(err)
		if texts != nil {
			c.texts[lang] = texts
		}
	}
	if d := c.texts[def]; d != nil {
		errs.Add(checkFormats(file(def), d))
		for _, lang := range langs[1:] {
			if t := c.texts[lang]; t != nil {
				errs.Add(compare(file(def), d, file(lang), t))
			}
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

// parse reads one language file. It returns the texts it could read, with
// every key it found (an empty text for a bad one, already reported), or
// nil when the file is not a list of "key: text" lines at all.
func parse(p string, data []byte) (map[string]entry, error) {
	doc, err := yamldoc.Parse(p, data, 1)
	if err != nil {
		return nil, err
	}
	if doc.Root == nil {
		return nil, diag.Errorf(p, 1, "the file has no texts; write one \"key: text\" line per text, like finder_label: Find your area")
	}
	if doc.Root.Kind != yaml.MappingNode {
		return nil, diag.Errorf(p, doc.Root.Line, "the file must be a list of \"key: text\" lines, like finder_label: Find your area")
	}
	var errs diag.List
	texts := map[string]entry{}
	for i := 0; i+1 < len(doc.Root.Content); i += 2 {
		k, v := doc.Root.Content[i], doc.Root.Content[i+1]
		if k.Kind != yaml.ScalarNode || !keyRE.MatchString(k.Value) {
			errs.Add(diag.Errorf(p, k.Line, "%q is not a key: write a key with letters, digits and _ only, like finder_label", k.Value))
			continue
		}
		if prev, ok := texts[k.Value]; ok {
			errs.Add(diag.Errorf(p, k.Line, "%q is given twice (first on line %d); keep one", k.Value, prev.line))
			continue
		}
		text, err := value(doc, k.Value, v)
		errs.Add(err)
		texts[k.Value] = entry{text, k.Line, placeholders(text)}
	}
	return texts, errs.Err()
}

// value returns the text of key, in node v.
func value(doc *yamldoc.Doc, key string, v *yaml.Node) (string, error) {
	if v.Kind != yaml.ScalarNode {
		if v.Style&yaml.FlowStyle != 0 {
			// "{name} is here" without quotes: say to quote it.
			_, err := doc.Name(v, "text", "")
			return "", err
		}
		return "", diag.Errorf(doc.Path, v.Line, "the text of %q must be text, not a list or more keys: this file is one \"key: text\" line per text", key)
	}
	text, err := doc.Text(v, "text")
	if err != nil {
		return "", err
	}
	// Quotes with nothing between them are a text left empty on purpose,
	// as where a language needs no article; a key with nothing after its
	// colon is one whose text was forgotten.
	if quoted := v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0; strings.TrimSpace(text) == "" && !(quoted && text == "") {
		return "", diag.Errorf(doc.Path, v.Line, "%q has no text; write its text after the colon, or \"\" where this language needs none", key)
	}
	return text, nil
}

// checkFormats checks the texts of formats in the default language's file
// p: each has its placeholders, and the months come all twelve or none.
func checkFormats(p string, texts map[string]entry) error {
	var errs diag.List
	for key, want := range formats {
		e, ok := texts[key]
		if !ok || e.text == "" {
			continue
		}
		if have := e.names; !slices.Equal(have, want) {
			errs.Add(diag.Errorf(p, e.line, "the text of %q must have %s, and no other words in braces; it has %s",
				key, list(want), list(have)))
		}
	}
	var some string
	for m := 1; m <= 12; m++ {
		if _, ok := texts[monthKey(m)]; ok {
			some = monthKey(m)
			break
		}
	}
	if some != "" {
		for m := 1; m <= 12; m++ {
			e, ok := texts[monthKey(m)]
			switch {
			case !ok:
				errs.Add(diag.Errorf(p, 0, "no %q; add it: the months come all twelve, month_1 to month_12, and line %d has %s",
					monthKey(m), texts[some].line, some))
			case len(e.names) > 0:
				errs.Add(diag.Errorf(p, e.line, "the name of a month has no words in braces; write the name alone"))
			}
		}
	}
	return errs.Err()
}

// compare checks the texts of another language, in file p, against those
// of the default, in file dp: the same keys, with the same placeholders.
func compare(dp string, def map[string]entry, p string, texts map[string]entry) error {
	var errs diag.List
	var missing []string
	for _, key := range byLine(def) {
		if _, ok := texts[key]; !ok {
			missing = append(missing, key)
		}
	}
	// A key of this file that is not in the default's, named like one
	// of the default's that this file lacks: one of the two names is
	// misspelt, in either file, and is said once.
	paired := map[string]string{} // this file's key -> the default's
	pairedDef := map[string]bool{}
	for _, key := range byLine(texts) {
		if _, ok := def[key]; !ok {
			if s := diag.Suggest(key, missing); s != "" && !pairedDef[s] {
				paired[key], pairedDef[s] = s, true
			}
		}
	}
	for _, key := range byLine(def) {
		d := def[key]
		e, ok := texts[key]
		if !ok {
			if !pairedDef[key] {
				errs.Add(diag.Errorf(p, 0, "no %q; add it, translated: %s:%d has it", key, dp, d.line))
			}
			continue
		}
		if d.text == "" || e.text == "" {
			continue // already reported
		}
		if want, have := d.names, e.names; !slices.Equal(want, have) {
			errs.Add(diag.Errorf(p, e.line, "the text of %q must have the words in braces of %s:%d, %s; it has %s. Keep them as they are: the site fills them in",
				key, dp, d.line, list(want), list(have)))
		}
	}
	for _, key := range byLine(texts) {
		if _, ok := def[key]; ok {
			continue
		}
		if s, ok := paired[key]; ok {
			errs.Add(diag.Errorf(p, texts[key].line, "%q here looks like %q in %s:%d: one of the two names is misspelt; make them the same, with the name the layouts use", key, s, dp, def[s].line))
			continue
		}
		errs.Add(diag.Errorf(p, texts[key].line, "%q is not in %s; remove it, or add it there", key, dp))
	}
	return errs.Err()
}

// byLine returns the keys of texts in the order of their lines.
func byLine(texts map[string]entry) []string {
	keys := make([]string, 0, len(texts))
	for k := range texts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return texts[keys[i]].line < texts[keys[j]].line })
	return keys
}

// placeholders returns the names of the placeholders in text, sorted,
// each once.
func placeholders(text string) []string {
	var names []string
	for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// list writes names as "{a}, {b} and {c}", or "none".
func list(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	b := make([]string, len(names))
	for i, n := range names {
		b[i] = "{" + n + "}"
	}
	if len(b) == 1 {
		return b[0]
	}
	return strings.Join(b[:len(b)-1], ", ") + " and " + b[len(b)-1]
}

// Text returns the text of key in lang, with each placeholder {name}
// replaced by the value following name in pairs ("name", "CSAIL", ...).
// An unknown key or language, a placeholder without a value and a value
// without a placeholder are errors that name the language file.
func (c *Catalog) Text(lang, key string, pairs ...string) (string, error) {
	p := file(lang)
	if !slices.Contains(c.langs, lang) {
		return "", diag.Errorf(p, 0, "no texts in language %q: the site's languages, set by languages: in content/_index.md, are %s",
			lang, strings.Join(c.langs, ", "))
	}
	if c.texts == nil {
		return "", diag.Errorf(p, 0, "no text %q: the site has no %s folder; create this file with a line %s: and the text", key, Dir, key)
	}
	e, ok := c.texts[lang][key]
	if !ok {
		return "", c.missing(lang, key, diag.Suggest(key, c.Keys()))
	}
	if len(pairs)%2 != 0 {
		return "", fmt.Errorf("text %q: the values after the key come in pairs of a name and a value, such as \"name\", \"CSAIL\"; %d is odd", key, len(pairs))
	}
	values := map[string]string{}
	for i := 0; i < len(pairs); i += 2 {
		values[pairs[i]] = pairs[i+1]
	}
	for _, name := range e.names {
		if _, ok := values[name]; !ok {
			return "", diag.Errorf(p, e.line, "the text of %q has {%s}, but the layout gives no value for it; give one, as in (\"%s\", value), or remove {%s} from the text in every language",
				key, name, name, name)
		}
	}
	for i := 0; i < len(pairs); i += 2 {
		if !slices.Contains(e.names, pairs[i]) {
			return "", diag.Errorf(p, e.line, "the layout gives a value for {%s}, but the text of %q has no {%s}; add it to the text in every language, or drop it from the layout",
				pairs[i], key, pairs[i])
		}
	}
	return placeholderRE.ReplaceAllStringFunc(e.text, func(m string) string {
		return values[m[1:len(m)-1]]
	}), nil
}

// Raw returns the text of key in lang with its placeholders as they are
// written, for a script that fills them in.
func (c *Catalog) Raw(lang, key string) (string, error) {
	if e, ok := c.texts[lang][key]; ok {
		return e.text, nil
	}
	return c.Text(lang, key) // says what is missing
}

// Date writes day d in lang: the "date" text with {month} (the month's
// name, keys month_1 ... month_12), {day} and {year}; English: "January 2,
// 2006".
func (c *Catalog) Date(lang string, d schedule.Date) (string, error) {
	month, err := c.Month(lang, d)
	if err != nil {
		return "", err
	}
	return c.optional(lang, "date", "month", month, "day", strconv.Itoa(d.Day), "year", d.Format("2006"))
}

// WaveLabel is schedule.Wave.Label written in lang: with month_year for a
// wave given by month, date for one day, range_within_year for days within
// a year, and range for days across years.
func (c *Catalog) WaveLabel(lang string, w *schedule.Wave) (string, error) {
	switch {
	case w.ByMonth:
		month, err := c.Month(lang, w.Start)
		if err != nil {
			return "", err
		}
		return c.optional(lang, "month_year", "month", month, "year", w.Start.Format("2006"))
	case w.Start == w.End:
		return c.Date(lang, w.Start)
	case w.Start.Year != w.End.Year:
		start, err := c.Date(lang, w.Start)
		if err != nil {
			return "", err
		}
		end, err := c.Date(lang, w.End)
		if err != nil {
			return "", err
		}
		return c.optional(lang, "range", "start", start, "end", end)
	}
	startMonth, err := c.Month(lang, w.Start)
	if err != nil {
		return "", err
	}
	endMonth, err := c.Month(lang, w.End)
	if err != nil {
		return "", err
	}
	return c.optional(lang, "range_within_year",
		"start_month", startMonth, "start_day", strconv.Itoa(w.Start.Day),
		"end_month", endMonth, "end_day", strconv.Itoa(w.End.Day),
		"year", w.End.Format("2006"))
}

// Month returns the name of d's month in lang (keys month_1 ... month_12).
func (c *Catalog) Month(lang string, d schedule.Date) (string, error) {
	if d.Month < 1 || d.Month > 12 {
		return "", fmt.Errorf("%v is not a day in the calendar", d)
	}
	return c.optional(lang, monthKey(int(d.Month)))
}

// optional is Text for the texts of dates and months, which their callers
// write in English when a language has none: a missing text is said
// without looking for the key meant, which costs more than a page's
// render and which nobody reads.
func (c *Catalog) optional(lang, key string, pairs ...string) (string, error) {
	if _, ok := c.texts[lang][key]; !ok {
		return "", c.missing(lang, key, "")
	}
	return c.Text(lang, key, pairs...)
}

// missing says that lang has no text key, suggesting the key meant. When
// lang's file has meant, the problem is at its line: either that line's
// name or the layout's is misspelt, and the message says so without
// guessing which.
func (c *Catalog) missing(lang, key, meant string) error {
	msg := fmt.Sprintf("no text %q", key)
	line := 0
	if e, ok := c.texts[lang][meant]; ok && meant != "" {
		line = e.line
		msg += fmt.Sprintf(", which a layout asks for, but this line has %q: make the two names the same (correct the misspelt one, here or in the layout), or", meant)
	} else if meant != "" {
		msg += fmt.Sprintf("; did you mean %q? Or", meant)
	} else {
		msg += ";"
	}
	msg += fmt.Sprintf(" add a line %s: with its text", key)
	if len(c.langs) > 1 {
		msg += " here and in the file of each other language"
	}
	return diag.Errorf(file(lang), line, "%s", msg)
}

func monthKey(m int) string { return "month_" + strconv.Itoa(m) }

// Keys returns the default language's keys, sorted (for tests and tools).
func (c *Catalog) Keys() []string {
	def := c.texts[c.langs[0]]
	keys := make([]string, 0, len(def))
	for k := range def {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
