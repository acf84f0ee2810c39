package frontmatter

import (
	"bytes"
	"errors"
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
		return diag.Errorf(d.path, line, "%s", pe.Message)
	}
	// Keys lists every key in document order, the keys inside tables
	// too; each key of the front matter is the first part of one.
	lineOf := func(key toml.Key) int {
		if l := tomlKeyLine(&md, raw, key); l > 0 {
			return l + first - 1
		}
		return fenceLine
	}
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
		if problem := d.field(mk, tomlValue(x)); problem != "" {
			d.errorf(lineOf(key), 0, "%s", problem)
		}
	}
	return d.done(fenceLine)
}

// tomlValue is a value decoded by package toml as a value.
func tomlValue(x any) value {
	switch x := x.(type) {
	case string:
		return value{form: quoted, text: x}
	case int64:
		return value{form: literal, text: strconv.FormatInt(x, 10)}
	case float64:
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0" // 3.0 is not the whole number 3
		}
		return value{form: literal, text: s}
	case bool:
		return value{form: literal, text: strconv.FormatBool(x)}
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
		return value{form: literal, text: x.Format(layout)}
	case map[string]any:
		return value{form: table}
	}
	return value{form: list}
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
	return tomlKeyLine(&md, raw, strings.Split(key, "."))
}
