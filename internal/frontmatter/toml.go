package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"rollout/internal/diag"
)

// decodeTOML decodes the TOML front matter data, which starts at line
// first of the file. A table ([params]) or a dotted key (params.x = 1) is
// a key whose value is a set of keys, reported at its first line. Problems
// have a line but no column.
func (d *metaDecoder) decodeTOML(data []byte, first, fenceLine int) error {
	if err := diag.CheckUTF8(d.path, data, first); err != nil {
		return err
	}
	if line := tomlNesting(data); line > 0 {
		return nestingError(d.path, line+first-1)
	}
	var raw map[string]toml.Primitive
	md, err := toml.Decode(string(data), &raw)
	if err != nil {
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			return diag.Errorf(d.path, fenceLine, "%v", err)
		}
		line := pe.Position.Line + first - 1
		if key, ok := tomlRedefined(pe.Message); ok {
			firstLine := tomlKeyLineBefore(data, pe.Position.Line, key)
			if firstLine > 0 {
				firstLine += first - 1
			}
			d.twice(line, 0, key, firstLine)
			return d.errs.Err()
		}
		return diag.Errorf(d.path, line, "%s", tomlSyntax(data, pe.Position.Line, pe.Message))
	}
	// Keys lists every key in document order, the keys inside tables
	// too; each key of the front matter is the first part of one.
	lineOf := func(key toml.Key) int {
		if l := tomlKeyLine(&md, raw, key); l > 0 {
			return l + first - 1
		}
		return fenceLine
	}
	var lists map[string][]tomlItem // where the items of lists are, found once one is wanted
	seen := make(map[string]bool, len(raw))
	for _, key := range md.Keys() {
		name := key[0]
		if seen[name] {
			continue
		}
		seen[name] = true
		if d.extra {
			break
		}
		mk := lookupMetaKey(name)
		if mk == nil {
			d.unknown(lineOf(key), 0, name)
			continue
		}
		var x any
		if err := md.PrimitiveDecode(raw[name], &x); err != nil {
			d.errorf(lineOf(key), 0, "%v", err)
			continue
		}
		v := tomlValue(x)
		if v.form == list {
			if lists == nil {
				lists = tomlLists(data)
			}
			v = tomlList(x, lists[name], lineOf(key), first-1)
		}
		if ps := d.field(mk, v); len(ps) > 0 { // lineOf is for problems only: it reads the whole front matter
			d.report(lineOf(key), 0, ps)
		}
	}
	return d.done(fenceLine, func(name string) int { return lineOf(toml.Key{name}) })
}

// tomlSyntax returns what to do about package toml's syntax error msg,
// found on line (from 1) of data, for the mistakes people make most,
// with the line as it should be: text without quotes, a YAML "key:
// value" line, a quote never closed, a quote inside text in the same
// quotes. Any other msg is returned as it is.
func tomlSyntax(data []byte, line int, msg string) string {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return msg
	}
	text := strings.TrimSpace(lines[line-1])
	i := strings.IndexAny(text, "=:")
	if i < 1 {
		return msg
	}
	key, sep, val := strings.TrimSpace(text[:i]), text[i], strings.TrimSpace(text[i+1:])
	if strings.IndexFunc(key, func(r rune) bool { return r < 0x80 && !bareKeyByte(byte(r)) }) >= 0 || val == "" {
		return msg
	}
	switch {
	case sep == ':' && strings.HasPrefix(msg, "expected '.' or '=', but got ':'"):
		if !tomlValid(val) {
			val = tomlQuote(val)
		}
		return fmt.Sprintf("front matter between +++ lines is TOML, which writes \"key = value\", not \"key: value\": %s = %s", key, val)
	case sep != '=':
		return msg
	case strings.Contains(msg, "strings cannot contain newlines") && (val[0] == '"' || val[0] == '\'') && !strings.HasPrefix(val, val[:1]+val[:1]+val[:1]):
		return fmt.Sprintf("the quote that starts here is never closed; end the text with %c on this line: %s = %s%c", val[0], key, val, val[0])
	case !strings.HasPrefix(msg, "expected value but found") && !strings.HasPrefix(msg, "expected a top-level item to end"):
		return msg
	case val[0] == '"' || val[0] == '\'':
		end := closingTOMLQuote(val)
		if end == 0 || end == len(val) {
			return msg
		}
		if q := val[0]; len(val) > 2 && val[len(val)-1] == q {
			inner := val[1 : len(val)-1]
			if q == '"' {
				inner = strings.ReplaceAll(inner, `\"`, `"`)
			} else {
				inner = strings.ReplaceAll(inner, "''", "'") // as YAML writes a ' in single quotes
			}
			how := "double quotes"
			switch fixed := tomlQuote(inner); {
			case fixed[0] == '\'':
				how = "single quotes"
			case fixed[1:len(fixed)-1] != inner:
				how = `double quotes, with a \ before each " inside`
			}
			return fmt.Sprintf("the text has a %c of its own, which ends the quotes early; put the text in %s: %s = %s", q, how, key, tomlQuote(inner))
		}
		return fmt.Sprintf("text follows the closing quote; put all of the text in quotes: %s = %s", key, tomlQuote(val))
	case strings.ContainsRune("[{", rune(val[0])) || tomlValid(val) || strings.HasPrefix(msg, "expected value but found \"") && !strings.HasPrefix(val, foundTOML(msg)):
		return msg
	default:
		// Text without quotes; a key that takes no text says what it takes.
		if k := lookupMetaKey(key); k != nil && !k.value.kind.quoted && k.value.kind.keys == nil {
			if ps := k.value.set(&Meta{}, key, value{form: quoted, text: val, toml: true}); len(ps) > 0 {
				return ps[0].msg
			}
		}
		return fmt.Sprintf("text must be in quotes: %s = %s", key, tomlQuote(val))
	}
}

// foundTOML returns what package toml's message "expected value but
// found "Learn" instead" says it found.
func foundTOML(msg string) string {
	found, _, _ := strings.Cut(strings.TrimPrefix(msg, "expected value but found \""), "\" instead")
	return found
}

// closingTOMLQuote returns the offset just after the quote that closes
// the string at the start of v, or 0 if v does not close it.
func closingTOMLQuote(v string) int {
	for i := 1; i < len(v); i++ {
		switch {
		case v[0] == '"' && v[i] == '\\':
			i++
		case v[i] == v[0]:
			return i + 1
		}
	}
	return 0
}

// tomlValid reports whether val is a value that TOML reads.
func tomlValid(val string) bool {
	var x map[string]any
	_, err := toml.Decode("x = "+val, &x)
	return err == nil
}

// tomlQuote writes text as a TOML string: in single quotes, which take
// the text as it is, or, when it has a ' of its own, in double quotes as
// Go writes them, with a backslash before each double quote and
// backslash of its own.
func tomlQuote(text string) string {
	if !strings.Contains(text, "'") {
		return "'" + text + "'"
	}
	return strconv.Quote(text)
}

// tomlValue is a value decoded by package toml as a value.
func tomlValue(x any) value {
	switch x := x.(type) {
	case string:
		return value{form: quoted, text: x, toml: true}
	case int64:
		return value{form: literal, text: strconv.FormatInt(x, 10), toml: true}
	case float64:
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0" // 3.0 is not the whole number 3
		}
		return value{form: literal, text: s, toml: true}
	case bool:
		return value{form: literal, text: strconv.FormatBool(x), toml: true}
	case time.Time:
		// Package toml marks TOML's dates and times without an offset
		// by the names of their locations.
		layout := time.RFC3339Nano
		switch x.Location().String() {
		case "date-local":
			layout = "2006-01-02"
		case "time-local":
			layout = "15:04:05.999999999"
		case "datetime-local":
			layout = "2006-01-02T15:04:05.999999999"
		}
		return value{form: literal, text: x.Format(layout), toml: true}
	case map[string]any:
		return value{form: table, toml: true}
	}
	return value{form: list, toml: true}
}

// tomlList is the list x, decoded by package toml, with its items, each
// at the line where spots says it is written, and the keys of those that
// are tables at theirs; off is added to every line of spots. When spots
// does not match x, every item and key is at line, the list's key's.
func tomlList(x any, spots []tomlItem, line, off int) value {
	var xs []any
	switch x := x.(type) {
	case []any:
		xs = x
	case []map[string]any: // [[key]] tables
		for _, t := range x {
			xs = append(xs, t)
		}
	}
	if len(spots) != len(xs) {
		spots = nil
	}
	v := value{form: list, toml: true, line: line}
	for i, x := range xs {
		item := tomlValue(x)
		item.line = line
		var keys []tomlKey
		if spots != nil {
			item.line, keys = spots[i].line+off, spots[i].keys
		}
		if t, ok := x.(map[string]any); ok {
			item.keys = tomlMembers(t, keys, item.line, off)
		}
		v.items = append(v.items, item)
	}
	return v
}

// tomlMembers are the keys of the table t: those of keys in their order,
// each at its line plus off, then any others in sorted order at line.
func tomlMembers(t map[string]any, keys []tomlKey, line, off int) []member {
	var ms []member
	done := make(map[string]bool, len(t))
	add := func(name string, line int) {
		v := tomlValue(t[name])
		v.line = line
		ms = append(ms, member{name: name, line: line, value: v})
		done[name] = true
	}
	for _, k := range keys {
		if _, ok := t[k.name]; ok && !done[k.name] {
			add(k.name, k.line+off)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(t)) {
		if !done[name] {
			add(name, line)
		}
	}
	return ms
}

// tomlSpot is decoded from a TOML value only to learn where the value is:
// package toml reports its UnmarshalTOML's error as a ParseError at the
// value's position (or a table's header), which its own tests keep so.
type tomlSpot struct{}

func (tomlSpot) UnmarshalTOML(any) error { return errTOMLSpot }

var errTOMLSpot = errors.New("only its position is wanted")

// tomlKeyLine returns the line of data where key is given (for an array
// of tables, its last [[header]]), or 0 if it cannot tell. It reads the
// whole of data, so it is for problems only.
func tomlKeyLine(md *toml.MetaData, raw map[string]toml.Primitive, key toml.Key) int {
	p, ok := raw[key[0]]
	for _, part := range key[1:] {
		var sub map[string]toml.Primitive
		if !ok || md.PrimitiveDecode(p, &sub) != nil {
			return 0
		}
		p, ok = sub[part]
	}
	var pe toml.ParseError
	if !ok || !errors.As(md.PrimitiveDecode(p, &tomlSpot{}), &pe) {
		return 0
	}
	return pe.Position.Line
}

// tomlRedefined returns the key that package toml's message says is given
// twice.
func tomlRedefined(msg string) (key string, ok bool) {
	key, ok = strings.CutPrefix(msg, "Key '")
	if ok {
		key, ok = strings.CutSuffix(key, "' has already been defined.")
	}
	return key, ok
}

// tomlKeyLineBefore returns the line where key is first given in data,
// looking only before line, where it is given again; 0 if it cannot tell.
func tomlKeyLineBefore(data []byte, line int, key string) int {
	if strings.ContainsAny(key, `"'`) {
		return 0 // a quoted part: the dots do not separate parts
	}
	end := 0
	for i := 1; i < line && end < len(data); i++ {
		j := bytes.IndexByte(data[end:], '\n')
		if j < 0 {
			return 0
		}
		end += j + 1
	}
	var raw map[string]toml.Primitive
	md, err := toml.Decode(string(data[:end]), &raw)
	if err != nil {
		return 0
	}
	parts := strings.Split(key, ".")
	if l := tomlKeyLine(&md, raw, parts); l > 0 || len(parts) != 2 {
		return l
	}
	// A key of an item of a list, which package toml does not place:
	// the item is the last one so far.
	if items := tomlLists(data[:end])[parts[0]]; len(items) > 0 {
		for _, k := range items[len(items)-1].keys {
			if k.name == parts[1] {
				return k.line
			}
		}
	}
	return 0
}

// A tomlItem is where one item of a list is written in TOML: its line,
// and for a table, the first part of each of its keys, in order.
type tomlItem struct {
	line int
	keys []tomlKey
}

// A tomlKey is the first part of a key and its line.
type tomlKey struct {
	name string
	line int
}

// tomlLists finds where the items of the lists in the TOML data are
// written, by the top-level key that holds them: the items of a value in
// brackets (languages = [...]) and the tables of [[languages]] headers.
// Package toml keeps one place per key, not per item. data must be TOML
// that package toml has read, nested no deeper than tomlNesting allows;
// lines count from 1. It reads data once.
func tomlLists(data []byte) map[string][]tomlItem {
	s := tomlScanner{data: data, line: 1}
	lists := map[string][]tomlItem{}
	root := true       // no [table] header yet
	var item *tomlItem // the table of the last [[key]] header, whose keys follow
	for s.space(); s.i < len(data); s.space() {
		line := s.line
		if s.eat('[') {
			array := s.eat('[')
			path := s.key()
			s.eat(']')
			if array {
				s.eat(']')
			}
			root, item = false, nil
			if len(path) == 0 {
				continue
			}
			items := lists[path[0]]
			switch {
			case array && len(path) == 1:
				lists[path[0]] = append(items, tomlItem{line: line})
				item = &lists[path[0]][len(items)]
			case len(path) > 1 && len(items) > 0: // [key.x]: a key of its last item
				last := &items[len(items)-1]
				last.keys = append(last.keys, tomlKey{path[1], line})
			}
			continue
		}
		path := s.key()
		if len(path) == 0 {
			return lists // not TOML as package toml reads it
		}
		s.blank()
		s.eat('=')
		s.blank()
		switch {
		case item != nil:
			item.keys = append(item.keys, tomlKey{path[0], line})
			s.value()
		case root && len(path) == 1 && s.at('['):
			lists[path[0]] = s.array()
		default:
			s.value()
		}
	}
	return lists
}

// tomlScanner reads TOML that package toml has read, to learn where things
// are. It never goes past the end of data, and each step reads at least
// one byte.
type tomlScanner struct {
	data []byte
	i    int // the next byte
	line int // the line of data[i]
}

func (s *tomlScanner) at(c byte) bool { return s.i < len(s.data) && s.data[s.i] == c }

// eat reads c if it is next.
func (s *tomlScanner) eat(c byte) bool {
	if s.at(c) {
		s.i++
		return true
	}
	return false
}

// next reads one byte.
func (s *tomlScanner) next() {
	if s.at('\n') {
		s.line++
	}
	s.i = min(s.i+1, len(s.data))
}

// blank reads spaces and tabs.
func (s *tomlScanner) blank() {
	for s.at(' ') || s.at('\t') {
		s.i++
	}
}

// space reads spaces, line ends and comments.
func (s *tomlScanner) space() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\t', '\r', '\n':
			s.next()
		case '#':
			for s.i < len(s.data) && s.data[s.i] != '\n' {
				s.i++
			}
		default:
			return
		}
	}
}

// key reads a key, dotted or not, with the spaces around it, and returns
// its parts, unquoted; none if no key is next.
func (s *tomlScanner) key() []string {
	var parts []string
	for {
		s.blank()
		start := s.i
		if s.at('"') || s.at('\'') {
			end, _ := skipTOMLString(s.data, s.i, s.line)
			s.i = min(end+1, len(s.data))
			parts = append(parts, tomlUnquote(string(s.data[start:s.i])))
		} else {
			for s.i < len(s.data) && bareKeyByte(s.data[s.i]) {
				s.i++
			}
			if s.i == start {
				return parts
			}
			parts = append(parts, string(s.data[start:s.i]))
		}
		s.blank()
		if !s.eat('.') {
			return parts
		}
	}
}

// bareKeyByte reports whether c may be part of a key without quotes.
func bareKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c >= 0x80
}

// tomlUnquote is the text of the quoted key q.
func tomlUnquote(q string) string {
	if len(q) < 2 || q[len(q)-1] != q[0] {
		return q
	}
	if q[0] == '"' {
		if s, err := strconv.Unquote(q); err == nil {
			return s
		}
	}
	return q[1 : len(q)-1]
}

// value reads one value: a string, a list, a table or a literal such as
// a number or a date.
func (s *tomlScanner) value() {
	start := s.i
	switch {
	case s.at('"') || s.at('\''):
		end, line := skipTOMLString(s.data, s.i, s.line)
		s.i, s.line = min(end+1, len(s.data)), line
	case s.at('['):
		s.array()
	case s.at('{'):
		s.table()
	default:
		for s.i < len(s.data) && !strings.ContainsRune(",]}\n#", rune(s.data[s.i])) {
			s.i++
		}
	}
	if s.i == start {
		s.next()
	}
}

// array reads a list in brackets and returns where its items are.
func (s *tomlScanner) array() []tomlItem {
	var items []tomlItem
	s.eat('[')
	for s.space(); s.i < len(s.data) && !s.eat(']'); s.space() {
		if s.eat(',') {
			continue
		}
		item := tomlItem{line: s.line}
		if s.at('{') {
			item.keys = s.table()
		} else {
			s.value()
		}
		items = append(items, item)
	}
	return items
}

// table reads a table in braces and returns where its keys are.
func (s *tomlScanner) table() []tomlKey {
	var keys []tomlKey
	s.eat('{')
	for s.space(); s.i < len(s.data) && !s.eat('}'); s.space() {
		if s.eat(',') {
			continue
		}
		line := s.line
		path := s.key()
		if len(path) == 0 {
			s.next() // not TOML as package toml reads it
			continue
		}
		keys = append(keys, tomlKey{path[0], line})
		s.blank()
		s.eat('=')
		s.blank()
		s.value()
	}
	return keys
}
