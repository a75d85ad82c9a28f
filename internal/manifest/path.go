package manifest

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// FieldLine returns the line of a field given as a path such as
// "spec.template.spec.requirements[2].key" or
// "spec.template.metadata.labels[example.com/team]": brackets hold a list
// index or a map key that may contain dots. For a field the document does
// not have, it returns the line of the nearest enclosing field that it
// does, so that an unset field points at where it would go.
func (d Document) FieldLine(path string) int {
	n, line := deref(d.node), d.node.Line
	for _, seg := range splitPath(path) {
		next, at := step(n, seg)
		if next == nil {
			break
		}
		n, line = next, at
	}
	return line
}

// step moves from n to one path segment, returning the node and the line
// of its key (or, for a list item, of the item).
func step(n *yaml.Node, seg string) (*yaml.Node, int) {
	if n == nil {
		return nil, 0
	}
	if n.Kind == yaml.SequenceNode {
		i, err := strconv.Atoi(seg)
		if err != nil || i < 0 || i >= len(n.Content) {
			return nil, 0
		}
		item := deref(n.Content[i])
		return item, item.Line
	}
	k, v := entry(n, seg)
	if k == nil {
		return nil, 0
	}
	return v, k.Line
}

// splitPath splits "a.b[2].c[x.y/z]" into a, b, 2, c, x.y/z.
func splitPath(path string) []string {
	var out []string
	for path != "" {
		switch path[0] {
		case '.':
			path = path[1:]
		case '[':
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return append(out, path[1:])
			}
			out = append(out, path[1:end])
			path = path[end+1:]
		default:
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				return append(out, path)
			}
			out = append(out, path[:end])
			path = path[end:]
		}
	}
	return out
}
