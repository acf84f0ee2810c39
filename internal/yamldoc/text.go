package yamldoc

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"rollout/internal/diag"
)

// YAML repairs some mistakes quietly: a line indented further than the
// "- " or key above it is joined to that line's text, and a "#" after a
// space starts a comment, which cuts the text short. The checks here
// refuse those repairs where text is read, each at its line, saying what
// to write instead.

// Cut returns an error when YAML cut the plain text n short at a "#" on
// its line, reading the rest as a comment; nil otherwise. what names the
// text in the message ("name", "title", "note").
func (d *Doc) Cut(n *yaml.Node, what string) *diag.Error {
	after, ok := d.src.comment(n)
	if !ok {
		return nil
	}
	before, _, _ := d.src.at(n)
	return d.Errorf(n, "the %s stops at \"#\": YAML reads the rest of the line as a comment; if \"#\" is part of the %s, put it in quotes: %s; to keep a comment, put it on its own line",
		what, what, quoted(before, n.Value+after))
}

// Joined returns an error, at the line that was joined, when YAML built
// the plain text n from more than one line; nil otherwise. item says
// what n is an item of a list of ("area"), or is "" for the value of a
// key; what names the text ("name", "title").
func (d *Doc) Joined(n *yaml.Node, what, item string) *diag.Error {
	line, head, ok := d.src.continued(n)
	if !ok {
		return nil
	}
	e := diag.Errorf(d.Path, line, "this line continues the %s on line %d (%q), because it is indented further; ", what, n.Line, head)
	if before, _, _ := d.src.at(n); item != "" && strings.HasSuffix(strings.TrimRight(before, " "), "-") {
		e.Msg += fmt.Sprintf("to list it as its own %s, start it with \"- \" at the same indentation as line %d", item, n.Line)
	} else {
		e.Msg += fmt.Sprintf("write the %s on one line, or start this line at the same indentation as line %d", what, n.Line)
	}
	return e
}

// NoSpace returns an error when n, read as one text where a name or
// "key: value" lines are expected, starts with one of keys (any word,
// when keys is nil) and a colon with no space after it, so that YAML
// read the key and its value as one text: "name:MIT Press". It returns
// nil otherwise, and for a web address ("https://...").
func (d *Doc) NoSpace(n *yaml.Node, keys []string) *diag.Error {
	var text string
	switch {
	case plain(n):
		text = n.Value
		if _, head, ok := d.src.continued(n); ok {
			text = head
		}
	case n.Kind == yaml.MappingNode:
		// "name:Research: Lab" is the key "name:Research" and its value.
		t, ok := d.ColonText(n)
		if !ok {
			return nil
		}
		text = t
	default:
		return nil
	}
	k, v, ok := noSpace(text)
	if !ok || keys != nil && !slices.Contains(keys, k) {
		return nil
	}
	before, _, _ := d.src.at(n)
	return d.Errorf(n, "%q: %s", text, spaceAfterColon(before, k, v))
}

// Text returns the text of scalar n, as String does, but refuses text
// that YAML cut short at a "#". Text may go on over several lines, each
// indented further than its key; YAML joins them with spaces.
func (d *Doc) Text(n *yaml.Node, key string) (string, error) {
	s, err := d.String(n, key)
	if err != nil {
		return "", err
	}
	if e := d.Cut(n, key); e != nil {
		return "", e
	}
	return s, nil
}

// Name returns the name in n: one line of text, not cut at a "#" nor
// joined from several lines, and not something YAML reads as a list or a
// key with a value. item is what n is an item of a list of ("area",
// "unit"), or "" when n is the value of a key, which what names.
func (d *Doc) Name(n *yaml.Node, what, item string) (string, error) {
	noun := what
	if item != "" {
		noun = "name"
	}
	switch {
	case n.Kind == yaml.MappingNode:
		if text, ok := d.ColonText(n); ok {
			before, _, _ := d.src.at(n)
			return "", d.Errorf(n, "%q has a colon and a space, so YAML reads it as a key and a value; put the %s in quotes: %s", text, noun, quoted(before, text))
		}
	case n.Kind == yaml.ScalarNode:
		if e := d.Joined(n, noun, item); e != nil {
			return "", e
		}
		if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 || strings.ContainsAny(n.Value, "\n\r") {
			return "", d.Errorf(n, "the %s must be a single line of text", noun)
		}
		if e := d.Cut(n, noun); e != nil {
			return "", e
		}
		return d.String(n, what)
	}
	if n.Style&yaml.FlowStyle != 0 {
		if before, rest, ok := d.src.at(n); ok {
			text := strings.TrimRight(rest, " \t")
			after := "" // what follows the list or set of keys on its line, such as the "}" of one it is in
			if end := flowEnd(text); end > 0 {
				text, after = text[:end], text[end:]
			}
			return "", d.Errorf(n, "a %s cannot start with %q, which starts a list or a set of keys in YAML; if it is part of the %s, put the %s in quotes: %s%s", noun, text[:1], noun, noun, quoted(before, text), after)
		}
	}
	if item != "" {
		return "", d.Errorf(n, "each %s must be a name, a single line of text", item)
	}
	return "", d.Errorf(n, "%s must be a single line of text", what)
}

// Names returns the names in list n, one item of the kind item ("unit")
// each; see Name.
func (d *Doc) Names(n *yaml.Node, key, item string) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, d.Errorf(n, "%s must be a list, one \"- item\" per line", key)
	}
	var out []string
	var errs diag.List
	for _, c := range n.Content {
		s, err := d.Name(c, key, item)
		errs.Add(err)
		if err == nil {
			out = append(out, s)
		}
	}
	return out, errs.Err()
}

// ColonText returns the text of n when n is a one-line mapping of one
// plain key and one plain value, such as "Research: Lab", which is more
// likely a name with ": " in it than a key and its value.
func (d *Doc) ColonText(n *yaml.Node) (string, bool) {
	if n.Kind != yaml.MappingNode || n.Style&yaml.FlowStyle != 0 || len(n.Content) != 2 {
		return "", false
	}
	k, v := n.Content[0], n.Content[1]
	if !plain(k) || v.Kind != yaml.ScalarNode || v.Style&^yaml.TaggedStyle != 0 || k.Line != v.Line {
		return "", false
	}
	_, rest, ok := d.src.at(k)
	if !ok {
		return "", false
	}
	if after, ok := d.src.comment(v); ok {
		rest = strings.TrimSuffix(rest, after)
	}
	return strings.TrimRight(rest, " \t"), true
}
