package frontmatter

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"rollout/internal/schedule"
)

// Meta is a page's front matter.
type Meta struct {
	Title       string        // required
	Description string        // one sentence for search engines and link previews
	Weight      int           // order among siblings, smaller first; then by title
	Draft       bool          // left out of the build unless -drafts is given
	Date        schedule.Date // optional, YYYY-MM-DD
	Layout      string        // layouts/<layout>.html instead of the default
	Menu        string        // label in the site's navigation; empty keeps the page out of it
	Image       string        // the picture of link previews, a file of static/ by its site path ("/files/faq.png"); the home page's serves every page without one
	ImageAlt    string        // what Image shows, for people who cannot see it

	// Settings of the whole site, only in the home page's front matter.
	BaseURL string // where the site is published, unless -base-url says otherwise
	CNAME   string // a custom domain for GitHub Pages, written to the CNAME file
	Contact string // the e-mail address readers write to
	SiteID  string // the site's fixed name in calendar events' UIDs

	Languages []Language // the site's languages, the default first; none for a site in one language
}

// A Language is one of the site's languages, as content/_index.md lists it.
type Language struct {
	Code string // lower case, such as en, es or pt-br
	Name string // as its readers write it, such as English or Español
	Line int    // where it is listed in the file, for messages
}

// metaKeys is the front matter's schema: every key a page may set, declared
// once. YAML and TOML front matter are both decoded against it, so the two
// accept the same keys and values and report the same problems in the same
// words; doc is the meaning that README.md's key tables give (a test keeps
// them in step), and the whole table can serve as an editor's field list.
//
// To add a key, add its field to Meta and a line here; the tests try every
// line in both syntaxes. The order is the order of "known keys are ...".
var metaKeys = []metaKey{
	{name: "title", required: true, value: textValue.in(func(m *Meta) *string { return &m.Title }),
		doc: "required; the page's heading and browser tab title"},
	{name: "description", value: textValue.in(func(m *Meta) *string { return &m.Description }),
		doc: "one sentence, shown in search results and link previews"},
	{name: "weight", value: wholeNumberValue.in(func(m *Meta) *int { return &m.Weight }),
		doc: "order among pages, smaller first (then by title)"},
	{name: "draft", value: trueFalseValue.in(func(m *Meta) *bool { return &m.Draft }),
		doc: "`true` keeps the page off the site unless you build with `-drafts`"},
	{name: "date", value: dayValue.in(func(m *Meta) *schedule.Date { return &m.Date }),
		doc: "a day, `YYYY-MM-DD`"},
	{name: "layout", value: textValue.in(func(m *Meta) *string { return &m.Layout }),
		doc: "use `layouts/<layout>.html` instead of the usual layout"},
	{name: "menu", value: textValue.in(func(m *Meta) *string { return &m.Menu }),
		doc: "a short label; the page then appears in the site's navigation"},
	{name: "image", needs: "imageAlt", value: imageValue.in(func(m *Meta) *string { return &m.Image }),
		doc: "the picture link previews show, a PNG or JPEG of at least 1200 x 630 pixels in `static/`, by its address, such as `/files/faq.png` for `static/files/faq.png`; the home page's is every other page's too"},
	{name: "imageAlt", value: textValue.in(func(m *Meta) *string { return &m.ImageAlt }),
		doc: "what the `image` shows, in a few words, for people who cannot see it (required with `image`)"},
	{name: "baseURL", home: true, value: baseURLValue.in(func(m *Meta) *string { return &m.BaseURL }),
		doc: "where the site is published, such as `https://training.example.edu/`; `-base-url` overrides it"},
	{name: "cname", home: true, value: domainValue.in(func(m *Meta) *string { return &m.CNAME }),
		doc: "a custom domain for GitHub Pages, written to the `CNAME` file"},
	{name: "contact", home: true, value: emailValue.in(func(m *Meta) *string { return &m.Contact }),
		doc: "the e-mail address readers write to, shown on every page"},
	{name: "siteID", home: true, value: textValue.in(func(m *Meta) *string { return &m.SiteID }),
		doc: "the site's fixed name, such as `training.mit.edu`, that calendars know its events by; set it once and never change it (without it, the `title` serves)"},
	{name: "languages", home: true, value: languagesValue.in(func(m *Meta) *[]Language { return &m.Languages }),
		doc: "for a site in more than one language: its languages, each with a `code` (such as `en`, `es` or `pt-br`) and a `name` (such as `English` or `Español`); the first is the default"},
}

// metaKeyNames are the names of metaKeys, in order, for suggestions.
var metaKeyNames = func() []string {
	names := make([]string, len(metaKeys))
	for i, k := range metaKeys {
		names[i] = k.name
	}
	return names
}()

// A metaKey is one key of the front matter.
type metaKey struct {
	name     string
	doc      string // its meaning, in Markdown, as README.md's key tables say it
	required bool   // a page without it (or with only spaces) is an error
	home     bool   // a setting of the whole site: only content/_index.md may set it
	needs    string // a key that must be set too when this one is
	value    slot   // its type, and where in Meta it goes
}

// lookupMetaKey returns the key called name, or nil.
func lookupMetaKey(name string) *metaKey {
	for i := range metaKeys {
		if metaKeys[i].name == name {
			return &metaKeys[i]
		}
	}
	return nil
}

// A slot is a field of Meta with the type of the values it takes.
type slot struct {
	kind  *valueKind
	set   func(m *Meta, key string, v value) []problem // stores v, even if it has problems
	blank func(m *Meta) bool                           // reports whether the field is unset
}

// A problem is what is wrong with a value, at the line and column (0
// when unknown) of the part of it that is wrong; line 0 is the value's own.
type problem struct {
	line, col int
	msg       string
}

// A valueKind describes what a key's value must be.
type valueKind struct {
	name       string   // as a key table or an editor says it: "whole number"
	sample     string   // a valid value, written as in YAML
	quoted     bool     // TOML writes it in quotes
	tomlSample string   // the sample as TOML writes it, when quotes do not make it
	keys       []string // a list of entries: the keys of each, all required
}

// A valueType reads front-matter values into Go values of type T.
type valueType[T comparable] struct {
	valueKind
	read func(key string, v value) (T, string) // the value, and what is wrong with it
}

// in is the slot of Meta that field points to, read as t.
func (t *valueType[T]) in(field func(*Meta) *T) slot {
	return slot{
		kind: &t.valueKind,
		set: func(m *Meta, key string, v value) []problem {
			x, msg := t.read(key, v)
			*field(m) = x
			if msg == "" {
				return nil
			}
			return []problem{{msg: msg}}
		},
		blank: func(m *Meta) bool {
			var zero T
			x := *field(m)
			if s, ok := any(x).(string); ok {
				return strings.TrimSpace(s) == ""
			}
			return x == zero
		},
	}
}

// A listType reads a list of entries, each a set of keys, into a slice
// of T; its problems are at the lines of the items and keys they are about.
type listType[T any] struct {
	valueKind
	read func(key string, v value) ([]T, []problem)
}

// in is the slot of Meta that field points to, read as t.
func (t *listType[T]) in(field func(*Meta) *[]T) slot {
	return slot{
		kind: &t.valueKind,
		set: func(m *Meta, key string, v value) []problem {
			x, problems := t.read(key, v)
			*field(m) = x
			return problems
		},
		blank: func(m *Meta) bool { return len(*field(m)) == 0 },
	}
}

// The types of front-matter values. Each reads a value as written: in
// YAML, a value without quotes is text, or the number or true/false that
// the key wants; in quotes it is always text. TOML's own types are taken
// as TOML means them.
var (
	textValue        = &valueType[string]{valueKind{name: "text", sample: "Taking the training", quoted: true}, readText}
	wholeNumberValue = &valueType[int]{valueKind{name: "whole number", sample: "10"}, readWholeNumber}
	trueFalseValue   = &valueType[bool]{valueKind{name: "true or false", sample: "true"}, readTrueFalse}
	dayValue         = &valueType[schedule.Date]{valueKind{name: "date, YYYY-MM-DD", sample: "2018-01-31"}, readDay}
	emailValue       = &valueType[string]{valueKind{name: "e-mail address", sample: "training@mit.edu", quoted: true}, readEmail}
	domainValue      = &valueType[string]{valueKind{name: "domain name", sample: "training.example.edu", quoted: true}, readDomain}
	baseURLValue     = &valueType[string]{valueKind{name: "URL or path", sample: "https://training.example.edu/", quoted: true}, readBaseURL}
	imageValue       = &valueType[string]{valueKind{name: "address of a picture in static/", sample: "/files/faq.png", quoted: true}, readImage}
	languagesValue   = &listType[Language]{valueKind{name: "list of languages", sample: languagesYAML, tomlSample: languagesTOML, keys: languageKeys}, readLanguages}
)

// A value is one front-matter value as written, in either syntax.
type value struct {
	form form
	text string // a scalar's text: as written in YAML; TOML's string, or its literal
	toml bool   // written in TOML

	// Where it is written (col 0 when unknown): always in YAML; in TOML,
	// only for the items of a list and their keys.
	line, col int
	items     []value  // a list's items
	keys      []member // an item's keys, when it is a set of keys, in the order written
}

// A member is one key of a set of keys, with its value.
type member struct {
	name      string
	line, col int // where the key is written (col 0 when unknown)
	value     value
}

// form is how a value is written.
type form uint8

const (
	plain   form = iota // YAML without quotes
	quoted              // in quotes, or a YAML block (| or >): always text
	null                // YAML's nothing (key:), null or ~: empty text
	literal             // a TOML number, true/false or date: never text
	list                // a YAML or TOML list
	table               // a YAML mapping, a TOML table or dotted key
)

// shown is v as a message shows it after "not".
func (v value) shown() string {
	switch v.form {
	case list:
		return "a list"
	case table:
		return "a set of keys"
	}
	return strconv.Quote(v.text)
}

func readText(key string, v value) (string, string) {
	switch v.form {
	case plain, quoted:
		return v.text, ""
	case null:
		return "", ""
	case literal:
		return "", fmt.Sprintf("%s must be text in quotes, like %s = %q", key, key, v.text)
	}
	return "", fmt.Sprintf("%s must be a single line of text", key)
}

func readWholeNumber(key string, v value) (int, string) {
	if v.form == plain || v.form == literal || v.form == null {
		if n, err := strconv.Atoi(v.text); err == nil {
			return n, ""
		}
	}
	return 0, fmt.Sprintf("%s must be a whole number, like 10, not %s", key, v.shown())
}

func readTrueFalse(key string, v value) (bool, string) {
	if v.form == plain || v.form == literal || v.form == null {
		switch v.text {
		case "true":
			return true, ""
		case "false":
			return false, ""
		}
	}
	return false, fmt.Sprintf("%s must be true or false, not %s", key, v.shown())
}

func readDay(key string, v value) (schedule.Date, string) {
	s := v.text
	if v.form != literal {
		var problem string
		if s, problem = readText(key, v); problem != "" {
			return schedule.Date{}, problem
		}
	}
	d, err := schedule.ParseDate(s)
	if err != nil {
		return d, fmt.Sprintf("%s: %v", key, err)
	}
	return d, ""
}

func readEmail(key string, v value) (string, string) {
	s, problem := readText(key, v)
	if problem == "" && s != "" && (strings.ContainsAny(s, " <>\"") || !strings.Contains(s, "@")) {
		problem = fmt.Sprintf("%s: %q is not an e-mail address like training@mit.edu", key, s)
	}
	return s, problem
}

func readDomain(key string, v value) (string, string) {
	s, problem := readText(key, v)
	if problem == "" && s != "" && (strings.ContainsAny(s, " /:") || !strings.Contains(s, ".")) {
		problem = fmt.Sprintf("%s: %q is not a domain name like training.example.edu", key, s)
	}
	return s, problem
}

// readImage reads the site path of a picture: a file of static/ that link
// previews can show, by the address it is published at.
func readImage(key string, v value) (string, string) {
	s, problem := readText(key, v)
	if problem != "" || s == "" {
		return s, problem
	}
	ext := strings.ToLower(path.Ext(s))
	switch {
	case !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.Contains(s, "://"):
		problem = fmt.Sprintf("%s: %q must be the address of a file in static/, starting with /, such as /files/faq.png for static/files/faq.png", key, s)
	case strings.ContainsAny(s, "?#\\") || strings.Contains("/"+s+"/", "/../") || strings.Contains("/"+s+"/", "/./") || urlTextProblem(s) != "":
		problem = fmt.Sprintf("%s: %q is not the name of a file in static/; write its address as /files/faq.png for static/files/faq.png", key, s)
	case ext != ".png" && ext != ".jpg" && ext != ".jpeg":
		problem = fmt.Sprintf("%s: %q is not a PNG or JPEG picture (.png, .jpg), which every link preview can show", key, s)
	}
	return s, problem
}

func readBaseURL(key string, v value) (string, string) {
	s, problem := readText(key, v)
	if problem == "" && s != "" {
		if _, _, _, err := ParseBaseURL(s); err != nil {
			problem = fmt.Sprintf("%s: %v", key, err)
		}
	}
	return s, problem
}

// languageKeys are the keys of each of the site's languages.
var languageKeys = []string{"code", "name"}

// Samples of the site's languages, as YAML and TOML write them: a list of
// them, and one.
const (
	languagesYAML = "[{code: en, name: English}, {code: es, name: Español}]"
	languagesTOML = `[{code = "en", name = "English"}, {code = "es", name = "Español"}]`
	languageYAML  = "{code: en, name: English}"
	languageTOML  = `{code = "en", name = "English"}`
)

// readLanguages reads the site's languages: a list of entries, each with
// a code and a name, and no code twice. A problem with an entry or one of
// its keys is at the entry's or the key's line.
func readLanguages(key string, v value) ([]Language, []problem) {
	sample, one := languagesYAML, languageYAML
	if v.toml {
		sample, one = languagesTOML, languageTOML
	}
	switch {
	case v.form == null || v.form == list && len(v.items) == 0:
		return nil, []problem{{msg: fmt.Sprintf("%s is an empty list; list the site's languages, the default first, like %s, or remove %s", key, sample, key)}}
	case v.form != list:
		return nil, []problem{{msg: fmt.Sprintf("%s must be a list of languages, each with a code and a name, like %s, not %s", key, sample, v.shown())}}
	}
	var langs []Language
	var problems []problem
	codeLine := map[string]int{} // where each code is first given
	for _, item := range v.items {
		if item.form != table {
			problems = append(problems, problem{item.line, item.col, fmt.Sprintf("each language must be written with its code and name, like %s, not %s", one, item.shown())})
			continue
		}
		l, code, ps := readLanguage(key, item)
		problems = append(problems, ps...)
		if code != nil {
			if first, ok := codeLine[l.Code]; ok {
				problems = append(problems, problem{code.line, code.col, fmt.Sprintf("code %q is given twice (first on line %d); list each language once", l.Code, first)})
			} else {
				codeLine[l.Code] = code.line
			}
		}
		langs = append(langs, l)
	}
	return langs, problems
}

// readLanguage reads item, an entry of the list of languages given as key,
// and returns it with the value of its code when that is a language code.
func readLanguage(key string, item value) (l Language, code *value, problems []problem) {
	l.Line = item.line
	var bad []string // keys whose value has a problem
	seen := map[string]int{}
	for i := range item.keys {
		m := &item.keys[i]
		if first, ok := seen[m.name]; ok {
			if first == m.line {
				first = 0 // as TOML, which cannot tell, says it
			}
			problems = append(problems, problem{m.line, m.col, givenTwice(key+"."+m.name, first)})
			continue
		}
		seen[m.name] = m.line
		var msg string
		switch m.name {
		case "code":
			if l.Code, msg = readText(m.name, m.value); msg == "" && strings.TrimSpace(l.Code) != "" {
				if msg = languageCodeProblem(l.Code); msg == "" {
					code = &m.value
				}
			}
		case "name":
			l.Name, msg = readText(m.name, m.value)
		default:
			problems = append(problems, problem{m.line, m.col, unknownKey(m.name, "a language", languageKeys)})
			continue
		}
		if msg != "" {
			bad = append(bad, m.name)
			problems = append(problems, problem{m.value.line, m.value.col, msg})
		}
	}
	// A key that is missing is a problem at the start of the entry,
	// before the others.
	var missing []problem
	if strings.TrimSpace(l.Code) == "" && !slices.Contains(bad, "code") {
		missing = append(missing, problem{item.line, item.col, "this language has no code; add one, such as en, es or pt-br"})
	}
	if strings.TrimSpace(l.Name) == "" && !slices.Contains(bad, "name") {
		missing = append(missing, problem{item.line, item.col, "this language has no name; add the name its readers know it by, such as English or Español"})
	}
	return l, code, append(missing, problems...)
}

// languageCodeProblem says what is wrong with the language code s, or "".
// A code in capitals or with "_" ("EN", "en_US") is given as it should be.
func languageCodeProblem(s string) string {
	if schedule.IsLanguageCode(s) {
		return ""
	}
	msg := fmt.Sprintf("code %q is not a language code such as en, es or pt-br", shortName(s))
	if fixed := schedule.MeantLanguageCode(s); fixed != "" {
		msg += fmt.Sprintf("; did you mean %q?", fixed)
	}
	return msg
}

// ParseBaseURL checks a base URL and splits it into origin and path. The
// path is decoded: pages write it percent-encoded again where they must.
// Text that every page would carry but no reader can see or read is
// refused: bytes that are not UTF-8 and control characters, as written or
// as percent-escapes. So is a path with two slashes in a row, which at its
// start browsers would read as the address of another site.
func ParseBaseURL(s string) (base, origin, basePath string, err error) {
	if s == "" {
		s = "/"
	}
	if problem := urlTextProblem(s); problem != "" {
		return "", "", "", fmt.Errorf("base URL %q %s", s, problem)
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme != "") != (u.Host != "") || u.RawQuery != "" || u.Fragment != "" || !strings.HasPrefix(u.Path+"/", "/") {
		return "", "", "", fmt.Errorf("base URL %q must be a path such as /repo/ or an http(s) URL such as https://example.org/repo/", s)
	}
	p := u.Path
	if strings.Contains(p, "//") {
		return "", "", "", fmt.Errorf("base URL %q has two slashes in a row (//) in its path, which browsers can read as the start of another site's address; write one / between folders, as in /repo/ or https://example.org/repo/", s)
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if u.Host != "" {
		origin = u.Scheme + "://" + u.Host
	}
	return origin + p, origin, p, nil
}

// urlTextProblem says what in URL s is not text a reader can see, or "":
// a byte that is not UTF-8 or a control character, as written or as a run
// of percent-escapes (%0A, %92), which url.Parse decodes into the path and
// host as they are.
func urlTextProblem(s string) string {
	if !utf8.ValidString(s) {
		return "is not UTF-8 text; type it again, as UTF-8"
	}
	if i := strings.IndexFunc(s, control); i >= 0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		return fmt.Sprintf("has a control character (%s), which cannot be seen; remove it", escaped(r))
	}
	for _, run := range escapeRun.FindAllString(s, -1) {
		decoded, _ := url.PathUnescape(run) // a run of valid escapes
		if !utf8.ValidString(decoded) {
			return fmt.Sprintf("has %s, which is not UTF-8 text; write the character itself, or its UTF-8 escapes (é is %%C3%%A9)", run)
		}
		if k := strings.IndexFunc(decoded, control); k >= 0 {
			r, _ := utf8.DecodeRuneInString(decoded[k:])
			return fmt.Sprintf("has %s, an escaped control character (%s), which cannot be seen; remove it", run, escaped(r))
		}
	}
	return ""
}

// escapeRun is a run of percent-escapes, which may spell one character
// in its UTF-8 bytes (%C3%A9 is é).
var escapeRun = regexp.MustCompile(`(?:%[0-9A-Fa-f]{2})+`)

// control reports whether r is a control character: C0, DEL, C1, or a
// bidirectional override or isolate, which can make text read backwards.
func control(r rune) bool {
	return r < 0x20 || r >= 0x7f && r <= 0x9f || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

// escaped is r as Go writes it in quotes: \n, \x1b, \u202e.
func escaped(r rune) string {
	q := strconv.QuoteRune(r)
	return q[1 : len(q)-1]
}
