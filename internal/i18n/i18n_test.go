package i18n

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"rollout/internal/diag"
	"rollout/internal/schedule"
)

// site returns a source folder holding the given files of layouts/i18n,
// by name ("en.yaml").
func site(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{"content/_index.md": {Data: []byte("---\ntitle: Home\n---\n")}}
	for name, text := range files {
		fsys[Dir+"/"+name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// messages returns each problem of err on its own.
func messages(err error) []string {
	var all diag.List
	all.Add(err)
	var out []string
	for _, e := range all {
		out = append(out, e.Error())
	}
	return out
}

// fixture returns the text of testdata/name.
func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLoadMessages: every mistake in the language files is reported at
// its file and line, saying what to do.
func TestLoadMessages(t *testing.T) {
	const en = "finder_label: Find your area\nwelcome: \"{name} is released\"\n"
	tests := []struct {
		name  string
		files map[string]string
		langs []string
		want  []string
	}{
		// The shape of a file.
		{"a list", map[string]string{"en.yaml": "- a\n- b\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:1: the file must be a list of "key: text" lines, like finder_label: Find your area`}},
		{"empty file", map[string]string{"en.yaml": "# nothing yet\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:1: the file has no texts; write one "key: text" line per text, like finder_label: Find your area`}},
		{"nested keys", map[string]string{"en.yaml": "finder:\n  label: Find your area\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:2: the text of "finder" must be text, not a list or more keys: this file is one "key: text" line per text`}},
		{"a list as text", map[string]string{"en.yaml": "months:\n  - January\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:2: the text of "months" must be text, not a list or more keys: this file is one "key: text" line per text`}},
		{"placeholder alone, unquoted", map[string]string{"en.yaml": "name: {name}\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:1:7: a text cannot start with "{", which starts a list or a set of keys in YAML; if it is part of the text, put the text in quotes: name: "{name}"`}},
		{"placeholder first, unquoted", map[string]string{"en.yaml": "welcome: {name} is released\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:1: a value cannot start with "{" unless it is a list or a set of keys; put the whole value in quotes: welcome: "{name} is released"`}},
		{"cut at #", map[string]string{"en.yaml": "room: Room #5 # the big one\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:1:7: the text stops at "#": YAML reads the rest of the line as a comment; if "#" is part of the text, put it in quotes: room: "Room #5 # the big one"; to keep a comment, put it on its own line`}},
		{"not UTF-8", map[string]string{"en.yaml": "a: A\nb: caf\xe9\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:2: this line is not UTF-8 text; save the file as UTF-8 (in most editors: Save with encoding → UTF-8)`}},

		// Keys and texts.
		{"key given twice", map[string]string{"en.yaml": "a: A\nb: B\na: A again\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:3: "a" is given twice (first on line 1); keep one`}},
		{"key with a space", map[string]string{"en.yaml": "finder label: Find\n\"a.b\": x\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:1: "finder label" is not a key: write a key with letters, digits and _ only, like finder_label`,
			`layouts/i18n/en.yaml:2: "a.b" is not a key: write a key with letters, digits and _ only, like finder_label`}},
		// "" is a text left empty on purpose (b); nothing, ~ and spaces
		// are not.
		{"empty texts", map[string]string{"en.yaml": "a:\nb: \"\"\nc: ~\nd: \"  \"\ne: E\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:1: "a" has no text; write its text after the colon, or "" where this language needs none`,
			`layouts/i18n/en.yaml:3: "c" has no text; write its text after the colon, or "" where this language needs none`,
			`layouts/i18n/en.yaml:4: "d" has no text; write its text after the colon, or "" where this language needs none`}},

		// Languages against the default.
		{"key missing in another language", map[string]string{"en.yaml": en, "es.yaml": "welcome: \"{name} está publicado\"\n"}, []string{"en", "es"}, []string{
			`layouts/i18n/es.yaml: no "finder_label"; add it, translated: layouts/i18n/en.yaml:1 has it`}},
		{"key only in another language", map[string]string{"en.yaml": en, "es.yaml": "finder_label: Busque su área\nwelcome: \"{name} está publicado\"\nextra: Más\n"}, []string{"en", "es"}, []string{
			`layouts/i18n/es.yaml:3: "extra" is not in layouts/i18n/en.yaml; remove it, or add it there`}},
		{"key misspelt in another language", map[string]string{"en.yaml": en, "es.yaml": "findr_label: Busque su área\nwelcome: \"{name} está publicado\"\n"}, []string{"en", "es"}, []string{
			`layouts/i18n/es.yaml:1: "findr_label" here looks like "finder_label" in layouts/i18n/en.yaml:1: one of the two names is misspelt; make them the same, with the name the layouts use`}},
		{"placeholder translated", map[string]string{"en.yaml": en, "es.yaml": "finder_label: Busque su área\nwelcome: \"{nombre} está publicado\"\n"}, []string{"en", "es"}, []string{
			`layouts/i18n/es.yaml:2: the text of "welcome" must have the words in braces of layouts/i18n/en.yaml:2, {name}; it has {nombre}. Keep them as they are: the site fills them in`}},
		{"placeholder dropped", map[string]string{"en.yaml": en, "es.yaml": "finder_label: \"Busque su área, {name}\"\nwelcome: Publicado\n"}, []string{"en", "es"}, []string{
			`layouts/i18n/es.yaml:1: the text of "finder_label" must have the words in braces of layouts/i18n/en.yaml:1, none; it has {name}. Keep them as they are: the site fills them in`,
			`layouts/i18n/es.yaml:2: the text of "welcome" must have the words in braces of layouts/i18n/en.yaml:2, {name}; it has none. Keep them as they are: the site fills them in`}},
		{"no file for a language", map[string]string{"en.yaml": en}, []string{"en", "es"}, []string{
			`layouts/i18n/es.yaml: the file is missing: copy layouts/i18n/en.yaml and translate its texts`}},
		{"no file for the default language", map[string]string{"es.yaml": en}, []string{"en", "es"}, []string{
			`layouts/i18n/en.yaml: the file is missing: write the texts of the default language, en, in it, one "key: text" line each`}},
		{"file of a language the site lacks", map[string]string{"en.yaml": en, "fr.yaml": en}, []string{"en"}, []string{
			`layouts/i18n/fr.yaml: "fr" is not one of the site's languages (en); add it to languages: in content/_index.md, or remove this file`}},
		{"file misnamed", map[string]string{"en.yaml": en, "es.yml": en}, []string{"en", "es"}, []string{
			`layouts/i18n/es.yaml: the file is missing: copy layouts/i18n/en.yaml and translate its texts`,
			`layouts/i18n/es.yml: rename this file to layouts/i18n/es.yaml: the file of language "es" must be named so`}},
		{"other files are left alone", map[string]string{"en.yaml": en, "README.md": "notes", ".en.yaml.swp": "x", "old/fr.yaml": "x"}, []string{"en"}, nil},

		// The keys of dates.
		{"date without its year", map[string]string{"en.yaml": "date: \"{month} {day}\"\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:1: the text of "date" must have {day}, {month} and {year}, and no other words in braces; it has {day} and {month}`}},
		{"range with a misspelt placeholder", map[string]string{"en.yaml": "range: \"{start} to {ned}\"\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:1: the text of "range" must have {end} and {start}, and no other words in braces; it has {ned} and {start}`}},
		{"a sentence of the finder without its date", map[string]string{"en.yaml": "finder_answer: \"{names}: {with} — {status}.\"\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:1: the text of "finder_answer" must have {names}, {status}, {when} and {with}, and no other words in braces; it has {names}, {status} and {with}`}},
		{"months incomplete", map[string]string{"en.yaml": "month_1: January\nmonth_2: \"{x}\"\nmonth_3: March\nmonth_4: April\nmonth_5: May\nmonth_6: June\nmonth_7: July\nmonth_8: August\nmonth_9: September\nmonth_10: October\nmonth_11: November\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml: no "month_12"; add it: the months come all twelve, month_1 to month_12, and line 1 has month_1`,
			`layouts/i18n/en.yaml:2: the name of a month has no words in braces; write the name alone`}},

		// A byte-order mark and CRLF line ends change no line.
		{"BOM and CRLF", map[string]string{"en.yaml": "\uFEFFa: A\r\nb: B\r\na: C\r\n"}, []string{"en"}, []string{
			`layouts/i18n/en.yaml:3: "a" is given twice (first on line 1); keep one`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(site(tt.files), tt.langs)
			have := messages(err)
			if !slices.Equal(have, tt.want) {
				t.Errorf("have:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(tt.want, "\n"))
			}
			if (err == nil) != (c != nil) {
				t.Errorf("have catalog %v and error %v; want exactly one", c, err)
			}
		})
	}
}

// TestLoadReportsAll: one run reports the problems of every file
// together, sorted by file and line.
func TestLoadReportsAll(t *testing.T) {
	fsys := site(map[string]string{
		"en.yaml": "a: A\nb: \"{n} B\"\na: again\nc:\n",
		"es.yaml": "a: A\nb: \"{m} B\"\nother: D\n",
		"fr.yaml": "a: A\n",
	})
	_, err := Load(fsys, []string{"en", "es", "de"})
	want := []string{
		`layouts/i18n/de.yaml: the file is missing: copy layouts/i18n/en.yaml and translate its texts`,
		`layouts/i18n/en.yaml:3: "a" is given twice (first on line 1); keep one`,
		`layouts/i18n/en.yaml:4: "c" has no text; write its text after the colon, or "" where this language needs none`,
		`layouts/i18n/es.yaml: no "c"; add it, translated: layouts/i18n/en.yaml:4 has it`,
		`layouts/i18n/es.yaml:2: the text of "b" must have the words in braces of layouts/i18n/en.yaml:2, {n}; it has {m}. Keep them as they are: the site fills them in`,
		`layouts/i18n/es.yaml:3: "other" is not in layouts/i18n/en.yaml; remove it, or add it there`,
		`layouts/i18n/fr.yaml: "fr" is not one of the site's languages (en, es, de); add it to languages: in content/_index.md, or remove this file`,
	}
	if have := messages(err); !slices.Equal(have, want) {
		t.Errorf("have:\n%s\nwant:\n%s", strings.Join(have, "\n"), strings.Join(want, "\n"))
	}
}

// TestNoFolder: a site without layouts/i18n loads, and asking it for a
// text says which file to write.
func TestNoFolder(t *testing.T) {
	c, err := Load(site(nil), []string{"en", "es"})
	if err != nil {
		t.Fatal(err)
	}
	if keys := c.Keys(); len(keys) != 0 {
		t.Errorf("Keys() = %q; want none", keys)
	}
	_, err = c.Text("es", "finder_label")
	want := `layouts/i18n/es.yaml: no text "finder_label": the site has no layouts/i18n folder; create this file with a line finder_label: and the text`
	if err == nil || err.Error() != want {
		t.Errorf("have %v\nwant %s", err, want)
	}
	if _, err := c.Date("en", schedule.Date{Year: 2018, Month: 1, Day: 2}); err == nil {
		t.Error("Date without texts: no error")
	}
}

func TestText(t *testing.T) {
	fsys := site(map[string]string{
		"en.yaml": "finder_label: Find your area\nwelcome: \"{name} is released in {when}; {name}!\"\nbraces: \"{not a placeholder} {}\"\ncount: 10\nyes: no\n",
		"es.yaml": "finder_label: Busque su área\nwelcome: \"{name} se publica en {when}\"\nbraces: \"{not a placeholder} {}\"\ncount: diez\nyes: sí\n",
	})
	c, err := Load(fsys, []string{"en", "es"})
	if err != nil {
		t.Fatal(err)
	}
	if have, want := c.Keys(), []string{"braces", "count", "finder_label", "welcome", "yes"}; !slices.Equal(have, want) {
		t.Errorf("Keys() = %q; want %q", have, want)
	}
	tests := []struct {
		name      string
		lang, key string
		pairs     []string
		want      string
	}{
		{"plain", "en", "finder_label", nil, "Find your area"},
		{"plain es", "es", "finder_label", nil, "Busque su área"},
		{"placeholders, one twice", "en", "welcome", []string{"name", "CSAIL", "when", "May"}, "CSAIL is released in May; CSAIL!"},
		{"pairs in any order", "es", "welcome", []string{"when", "mayo", "name", "CSAIL"}, "CSAIL se publica en mayo"},
		{"a value is not read again", "en", "welcome", []string{"name", "{when}", "when", "{name}"}, "{when} is released in {name}; {when}!"},
		{"a value may be a placeholder's name", "en", "welcome", []string{"name", "when", "when", "name"}, "when is released in name; when!"},
		{"other braces are text", "en", "braces", nil, "{not a placeholder} {}"},
		{"a number is text", "en", "count", nil, "10"},
		{"yes and no are text", "en", "yes", nil, "no"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			have, err := c.Text(tt.lang, tt.key, tt.pairs...)
			if err != nil || have != tt.want {
				t.Errorf("Text(%q, %q, %q) = %q, %v; want %q", tt.lang, tt.key, tt.pairs, have, err, tt.want)
			}
		})
	}

	errTests := []struct {
		name      string
		lang, key string
		pairs     []string
		want      string
	}{
		{"unknown key", "es", "finder_lable", nil,
			`layouts/i18n/es.yaml:1: no text "finder_lable", which a layout asks for, but this line has "finder_label": make the two names the same (correct the misspelt one, here or in the layout), or add a line finder_lable: with its text here and in the file of each other language`},
		{"unknown key, nothing near", "en", "zzz", nil,
			`layouts/i18n/en.yaml: no text "zzz"; add a line zzz: with its text here and in the file of each other language`},
		{"unknown language", "fr", "finder_label", nil,
			`layouts/i18n/fr.yaml: no texts in language "fr": the site's languages, set by languages: in content/_index.md, are en, es`},
		{"placeholder without a value", "es", "welcome", []string{"name", "CSAIL"},
			`layouts/i18n/es.yaml:2: the text of "welcome" has {when}, but the layout gives no value for it; give one, as in ("when", value), or remove {when} from the text in every language`},
		{"value without a placeholder", "en", "finder_label", []string{"name", "CSAIL"},
			`layouts/i18n/en.yaml:1: the layout gives a value for {name}, but the text of "finder_label" has no {name}; add it to the text in every language, or drop it from the layout`},
		{"odd pairs", "en", "welcome", []string{"name", "CSAIL", "when"},
			`text "welcome": the values after the key come in pairs of a name and a value, such as "name", "CSAIL"; 3 is odd`},
	}
	for _, tt := range errTests {
		t.Run(tt.name, func(t *testing.T) {
			have, err := c.Text(tt.lang, tt.key, tt.pairs...)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Text(%q, %q, %q) = %q, %v\nwant error %s", tt.lang, tt.key, tt.pairs, have, err, tt.want)
			}
		})
	}
}

// dates returns a catalog of the English and Spanish fixtures.
func dates(t *testing.T) *Catalog {
	t.Helper()
	c, err := Load(site(map[string]string{"en.yaml": fixture(t, "en.yaml"), "es.yaml": fixture(t, "es.yaml")}), []string{"en", "es"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEnglishAsSchedule: the English texts write every day as Go's
// "January 2, 2006" does, and every wave as schedule.Wave.Label does.
func TestEnglishAsSchedule(t *testing.T) {
	c := dates(t)
	var days []schedule.Date
	// Every day of three years and more, a leap year among them, and the
	// ends of the years a schedule can have.
	for d := (schedule.Date{Year: 2017, Month: 11, Day: 1}); d.Year < 2021; d = d.AddDays(1) {
		days = append(days, d)
	}
	days = append(days, schedule.Date{Year: 5, Month: 3, Day: 9}, schedule.Date{Year: 999, Month: 12, Day: 31},
		schedule.Date{Year: 2000, Month: 2, Day: 29}, schedule.Date{Year: 9999, Month: 12, Day: 31})
	for _, d := range days {
		have, err := c.Date("en", d)
		if want := d.Format("January 2, 2006"); err != nil || have != want {
			t.Fatalf("Date(en, %v) = %q, %v; want %q", d, have, err, want)
		}
		waves := []*schedule.Wave{
			{Start: d, End: d},
			{Start: schedule.Date{Year: d.Year, Month: d.Month, Day: 1}, End: d, ByMonth: true},
		}
		for _, n := range []int{1, 6, 27, 45, 200, 366, 800} {
			waves = append(waves, &schedule.Wave{Start: d, End: d.AddDays(n)})
		}
		for _, w := range waves {
			have, err := c.WaveLabel("en", w)
			if want := w.Label(); err != nil || have != want {
				t.Fatalf("WaveLabel(en, %v to %v, by month %v) = %q, %v; want %q", w.Start, w.End, w.ByMonth, have, err, want)
			}
		}
	}
}

func TestSpanish(t *testing.T) {
	c := dates(t)
	day := func(s string) schedule.Date {
		d, err := schedule.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name string
		w    *schedule.Wave
		want string
	}{
		{"month", &schedule.Wave{Start: day("2018-01-01"), End: day("2018-01-31"), ByMonth: true}, "enero de 2018"},
		{"one day", &schedule.Wave{Start: day("2018-02-07"), End: day("2018-02-07")}, "7 de febrero de 2018"},
		{"within a year", &schedule.Wave{Start: day("2018-10-25"), End: day("2018-12-01")}, "25 de octubre al 1 de diciembre de 2018"},
		{"within a month", &schedule.Wave{Start: day("2018-09-03"), End: day("2018-09-14")}, "3 de septiembre al 14 de septiembre de 2018"},
		{"across years", &schedule.Wave{Start: day("2018-12-20"), End: day("2019-01-05")}, "20 de diciembre de 2018 al 5 de enero de 2019"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if have, err := c.WaveLabel("es", tt.w); err != nil || have != tt.want {
				t.Errorf("WaveLabel(es) = %q, %v; want %q", have, err, tt.want)
			}
		})
	}
	for m := time.January; m <= time.December; m++ {
		d := schedule.Date{Year: 2020, Month: m, Day: 31}
		if have, err := c.Date("es", d); err != nil || !strings.HasPrefix(have, "31 de ") || !strings.HasSuffix(have, " de 2020") {
			t.Errorf("Date(es, %v) = %q, %v", d, have, err)
		}
	}
}

// TestDateErrors: a date the calendar lacks and a catalog without the
// keys of dates are errors, not a half-written date.
func TestDateErrors(t *testing.T) {
	c := dates(t)
	if have, err := c.Date("en", schedule.Date{}); err == nil {
		t.Errorf("Date of the zero Date = %q; want an error", have)
	}
	c, err := Load(site(map[string]string{"en.yaml": "finder_label: Find your area\n"}), []string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.WaveLabel("en", &schedule.Wave{Start: schedule.Date{Year: 2018, Month: 1, Day: 1}, ByMonth: true})
	want := `layouts/i18n/en.yaml: no text "month_1"; add a line month_1: with its text`
	if err == nil || err.Error() != want {
		t.Errorf("have %v\nwant %s", err, want)
	}
}

// Raw gives a text with its placeholders as written, for scripts.
func TestRaw(t *testing.T) {
	c, err := Load(fstest.MapFS{"layouts/i18n/en.yaml": {Data: []byte("welcome: \"{name}, it is {when}.\"\nplain: Hello\n")}}, []string{"en"})
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"welcome": "{name}, it is {when}.", "plain": "Hello"} {
		if have, err := c.Raw("en", key); err != nil || have != want {
			t.Errorf("Raw(%q) = %q, %v; want %q", key, have, err, want)
		}
	}
	if _, err := c.Raw("en", "nope"); err == nil || !strings.Contains(err.Error(), `no text "nope"`) {
		t.Errorf("Raw of a missing key: %v", err)
	}
}
