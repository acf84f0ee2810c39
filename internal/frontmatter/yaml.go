package frontmatter

import (
	"slices"

	"go.yaml.in/yaml/v3"

	"rollout/internal/diag"
	"rollout/internal/yamldoc"
)

// decodeYAML decodes the YAML front matter data, which starts at line
// first of the file. Problems are at the key (unknown, given twice) or at
// the value (its type, a site setting elsewhere, text that YAML cut at a
// "#" or joined from two lines), with line and column.
func (d *metaDecoder) decodeYAML(data []byte, first, fenceLine int) error {
	doc, err := yamldoc.Parse(d.path, data, first)
	if err != nil {
		return err
	}
	if doc.Root == nil {
		return diag.Errorf(d.path, fenceLine, "the front matter is empty; it needs at least a title (title: Page title)")
	}
	n := doc.Root
	if n.Kind != yaml.MappingNode {
		if e := doc.NoSpace(n, nil); e != nil {
			return e // "title:About", read as one text
		}
		return doc.Errorf(n, "front matter must be a set of \"key: value\" lines")
	}
	seen := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content) && !d.extra; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if line, ok := seen[k.Value]; ok {
			d.twice(k.Line, k.Column, k.Value, line)
			continue
		}
		seen[k.Value] = k.Line
		mk := lookupMetaKey(k.Value)
		if mk == nil {
			d.unknown(k.Line, k.Column, k.Value)
			continue
		}
		if e := quietRepair(doc, mk, v); e != nil {
			d.errorf(e.Line, e.Col, "%s", e.Msg)
			continue
		}
		d.report(v.Line, v.Column, d.field(mk, yamlValue(v)))
	}
	return d.done(fenceLine, func(name string) int { return seen[name] })
}

// yamlValue is n as a value. A list comes with its items, and an item
// that is a set of keys with its keys, each at its line and column.
func yamlValue(n *yaml.Node) value {
	v := yamlScalar(n)
	if n.Kind != yaml.SequenceNode {
		return v
	}
	for _, c := range n.Content {
		item := yamlScalar(c)
		if c.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(c.Content); i += 2 {
				k, kv := c.Content[i], c.Content[i+1]
				item.keys = append(item.keys, member{name: k.Value, line: k.Line, col: k.Column, value: yamlScalar(kv)})
			}
		}
		v.items = append(v.items, item)
	}
	return v
}

// yamlScalar is n as a value, without the items of a list.
func yamlScalar(n *yaml.Node) value {
	v := value{line: n.Line, col: n.Column}
	switch {
	case n.Kind == yaml.SequenceNode:
		v.form = list
	case n.Kind == yaml.MappingNode:
		v.form = table
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		v.form, v.text = quoted, n.Value
	case n.Tag == "!!null":
		v.form, v.text = null, n.Value
	default:
		v.form, v.text = plain, n.Value
	}
	return v
}

// quietRepair returns the error for a text value v of key k that YAML
// changed without a word: cut short at a "#", the rest of its line read
// as a comment, or joined from the next line, indented further than the
// key. Only a description, which may be long, may go on over several
// lines. For a list of entries, the same holds for the text of each key
// of each entry; the first such error is returned. It returns nil for any
// other value.
func quietRepair(doc *yamldoc.Doc, k *metaKey, v *yaml.Node) *diag.Error {
	if k.value.kind.keys != nil && v.Kind == yaml.SequenceNode {
		for _, item := range v.Content {
			for i := 1; item.Kind == yaml.MappingNode && i < len(item.Content); i += 2 {
				name := item.Content[i-1].Value
				if !slices.Contains(k.value.kind.keys, name) {
					continue
				}
				if e := textRepair(doc, name, item.Content[i]); e != nil {
					return e
				}
			}
		}
		return nil
	}
	if !k.value.kind.quoted || v.Kind != yaml.ScalarNode {
		return nil
	}
	if k.name == "description" {
		return doc.Cut(v, k.name)
	}
	return textRepair(doc, k.name, v)
}

// textRepair returns the error for the text v, called what, that YAML cut
// short at a "#" or joined from several lines, or nil.
func textRepair(doc *yamldoc.Doc, what string, v *yaml.Node) *diag.Error {
	if v.Kind != yaml.ScalarNode {
		return nil
	}
	if e := doc.Joined(v, what, ""); e != nil {
		return e
	}
	return doc.Cut(v, what)
}
