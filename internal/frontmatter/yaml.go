package frontmatter

import (
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
		if problem := d.field(mk, yamlValue(v)); problem != "" {
			d.errorf(v.Line, v.Column, "%s", problem)
		}
	}
	return d.done(fenceLine)
}

// yamlValue is n as a value.
func yamlValue(n *yaml.Node) value {
	switch {
	case n.Kind == yaml.SequenceNode:
		return value{form: list}
	case n.Kind == yaml.MappingNode:
		return value{form: table}
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return value{form: quoted, text: n.Value}
	case n.Tag == "!!null":
		return value{form: null, text: n.Value}
	}
	return value{form: plain, text: n.Value}
}

// quietRepair returns the error for a text value v of key k that YAML
// changed without a word: cut short at a "#", the rest of its line read
// as a comment, or joined from the next line, indented further than the
// key. Only a description, which may be long, may go on over several
// lines. It returns nil for any other value.
func quietRepair(doc *yamldoc.Doc, k *metaKey, v *yaml.Node) *diag.Error {
	if !k.value.kind.quoted || v.Kind != yaml.ScalarNode {
		return nil
	}
	if k.name != "description" {
		if e := doc.Joined(v, k.name, ""); e != nil {
			return e
		}
	}
	return doc.Cut(v, k.name)
}
