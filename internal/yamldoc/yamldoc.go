// Package yamldoc decodes YAML written by people into typed values, strictly,
// with every problem reported at its line in the file.
//
// It works on yaml.v3 nodes rather than on reflection so that each key and
// value keeps its position: a misspelt key is an error that names the
// nearest known key, a key given twice is an error (never last-one-wins),
// and scalars are read as the text written, so NO, yes and 0755 stay text
// where text is expected. Anchors, aliases and tags are refused, which also
// rules out alias bombs.
//
// YAML also repairs some mistakes without a word; where text is read with
// Name or Text, those repairs are refused at their line (text.go): a line
// indented further than the one above joined to its text, text cut short
// at a "#"; NoSpace refuses a key with no space after its colon, which
// YAML reads as text ("name:MIT Press"). A syntax error is reported at
// the line of the mistake, which yaml.v3 often does not name, with advice
// on what to write, showing the line as it should be (syntax.go): a key
// with no space after its colon, a value wrapped onto a line no further
// indented than its key, a quote inside text in the same quotes, a value
// starting with a character YAML reads as syntax.
package yamldoc

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"rollout/internal/diag"
)

// Doc is one parsed YAML document of a file.
type Doc struct {
	Path string     // file path used in errors
	Root *yaml.Node // top-level value; nil for an empty document
	src  source
}

// Parse parses data, which starts at line first of the file at path. Node
// lines are shifted so that they count from the top of the file. A syntax
// error is reported at the line of the mistake, with advice.
func Parse(path string, data []byte, first int) (*Doc, error) {
	if err := diag.CheckUTF8(path, data, first); err != nil {
		return nil, err
	}
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		line, msg := syntaxError(data, first, err)
		return nil, diag.Errorf(path, line+first-1, "%s", msg)
	}
	d := &Doc{Path: path, src: newSource(data, first)}
	if len(n.Content) > 0 {
		d.Root = n.Content[0]
	}
	var errs diag.List
	// An empty value at the end ("key:" or "?" on the last line) is placed
	// by YAML on the line after the text: keep every node within it.
	last := first + bytes.Count(data, []byte("\n"))
	var shift func(*yaml.Node)
	shift = func(n *yaml.Node) {
		n.Line = min(n.Line+first-1, last)
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			errs.Add(d.Errorf(n, "anchors and aliases (& and *) are not supported; write the value out in full"))
			n.Kind, n.Alias, n.Content = yaml.ScalarNode, nil, nil
			return
		}
		if n.Style&yaml.TaggedStyle != 0 {
			errs.Add(d.Errorf(n, "%q is a YAML tag, which is not supported; if it is part of the text, put the whole value in quotes", n.Tag))
			n.Style &^= yaml.TaggedStyle
		}
		for _, c := range n.Content {
			shift(c)
		}
	}
	if d.Root != nil {
		shift(d.Root)
	}
	return d, errs.Err()
}

// Errorf returns an error at n's position.
func (d *Doc) Errorf(n *yaml.Node, format string, args ...any) *diag.Error {
	return &diag.Error{Path: d.Path, Line: n.Line, Col: n.Column, Msg: fmt.Sprintf(format, args...)}
}

// Fields calls fn for each key of the mapping n, in order. A key that is
// not in known, a key given twice, or n not being a mapping is reported and
// fn is not called for it. what names the mapping in messages ("front
// matter", "wave").
func (d *Doc) Fields(n *yaml.Node, what string, known []string, fn func(key string, val *yaml.Node) error) error {
	var errs diag.List
	if n.Kind != yaml.MappingNode {
		return d.Errorf(n, "%s must be a set of \"key: value\" lines", what)
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if line, ok := seen[k.Value]; ok {
			errs.Add(d.Errorf(k, "%q is given twice (first on line %d); keep one", k.Value, line))
			continue
		}
		seen[k.Value] = k.Line
		if !slices.Contains(known, k.Value) {
			msg := fmt.Sprintf("unknown key %q in %s", k.Value, what)
			if s := diag.Suggest(k.Value, known); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			} else {
				msg += fmt.Sprintf("; known keys are %s", strings.Join(known, ", "))
			}
			errs.Add(d.Errorf(k, "%s", msg))
			continue
		}
		errs.Add(fn(k.Value, v))
	}
	return errs.Err()
}

// String returns the text of scalar n exactly as written.
func (d *Doc) String(n *yaml.Node, key string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", d.Errorf(n, "%s must be a single line of text", key)
	}
	if n.Tag == "!!null" && n.Style == 0 {
		return "", nil
	}
	return n.Value, nil
}

// Int returns the whole number in scalar n.
func (d *Doc) Int(n *yaml.Node, key string) (int, error) {
	v, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || err != nil || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		return 0, d.Errorf(n, "%s must be a whole number, like 10, not %q", key, n.Value)
	}
	return v, nil
}

// Bool returns the true or false in scalar n.
func (d *Doc) Bool(n *yaml.Node, key string) (bool, error) {
	if n.Kind == yaml.ScalarNode && n.Style == 0 {
		switch n.Value {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
	}
	return false, d.Errorf(n, "%s must be true or false, not %q", key, n.Value)
}

// Strings returns the texts of sequence n.
func (d *Doc) Strings(n *yaml.Node, key string) ([]string, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, d.Errorf(n, "%s must be a list, one \"- item\" per line", key)
	}
	var out []string
	var errs diag.List
	for _, c := range n.Content {
		s, err := d.String(c, "each item of "+key)
		errs.Add(err)
		if err == nil {
			out = append(out, s)
		}
	}
	return out, errs.Err()
}
