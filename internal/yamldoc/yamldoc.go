// Package yamldoc decodes YAML written by people into typed values, strictly,
// with every problem reported at its line in the file.
//
// It works on yaml.v3 nodes rather than on reflection so that each key and
// value keeps its position: a misspelt key is an error that names the
// nearest known key, a key given twice is an error (never last-one-wins),
// and scalars are read as the text written, so NO, yes and 0755 stay text
// where text is expected. Anchors and aliases are refused, which also rules
// out alias bombs.
package yamldoc

import (
	"fmt"
	"regexp"
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
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// Parse parses data, which starts at line first of the file at path. Node
// lines are shifted so that they count from the top of the file.
func Parse(path string, data []byte, first int) (*Doc, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		msg := err.Error()
		line := 0
		if m := lineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		if line > 0 {
			line += first - 1
		} else {
			line = first
		}
		return nil, diag.Errorf(path, line, "%s", syntaxHint(msg))
	}
	d := &Doc{Path: path}
	if len(n.Content) > 0 {
		d.Root = n.Content[0]
	}
	var errs diag.List
	var shift func(*yaml.Node)
	shift = func(n *yaml.Node) {
		n.Line += first - 1
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			errs.Add(d.Errorf(n, "anchors and aliases (& and *) are not supported; write the value out in full"))
			n.Kind, n.Alias, n.Content = yaml.ScalarNode, nil, nil
			return
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

// syntaxHint turns the YAML parser's terse messages into advice.
func syntaxHint(msg string) string {
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return "a value contains a colon followed by a space; put the whole value in quotes (\"...\")"
	case strings.Contains(msg, "tab character"):
		return "a tab is used for indentation here; indent with spaces only"
	case strings.Contains(msg, "found character that cannot start any token"):
		return msg + " (indent with spaces, not tabs, and quote values that start with @ or `)"
	case strings.Contains(msg, "did not find expected key"):
		return msg + " (check the indentation of this line and the one above)"
	}
	return msg
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
