package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a problem at one key of the file: name:line: key: message.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	if e.Key == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s: %s", e.File, e.Line, e.Key, e.Msg)
}

// decoder walks the YAML node tree against the Go type, so that every
// error can point at the node's line. yaml.v3's KnownFields would catch
// unknown keys too, but names Go types in its messages and reports all
// errors at once; a user wants the first one, in the file's words.
type decoder struct {
	name string
	// lines records the line of every key decoded, by its dotted path,
	// for the checks that run after decoding.
	lines map[string]int
}

func decodeStrict(name string, data []byte, into any) (map[string]int, error) {
	var doc yaml.Node
	err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc)
	if errors.Is(err, io.EOF) {
		return map[string]int{}, nil // an empty file, or only comments
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	d := decoder{name: name, lines: map[string]int{}}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return d.lines, nil
	}
	if err := d.decode(root, reflect.ValueOf(into).Elem(), ""); err != nil {
		return nil, err
	}
	return d.lines, nil
}

func (d *decoder) fail(n *yaml.Node, key, format string, args ...any) error {
	return &Error{File: d.name, Line: n.Line, Key: key, Msg: fmt.Sprintf(format, args...)}
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) error {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Tag == "!!null" {
		return nil // "key:" with no value leaves the default
	}
	switch v.Kind() {
	case reflect.Struct:
		return d.decodeStruct(n, v, path)
	case reflect.Map:
		return d.decodeMap(n, v, path)
	case reflect.Slice:
		return d.decodeSlice(n, v, path)
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
			return d.fail(n, path, "want text, got %s", describe(n))
		}
		v.SetString(n.Value)
		return nil
	case reflect.Float64:
		var f float64
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") ||
			n.Decode(&f) != nil {
			return d.fail(n, path, "want a number, got %s", describe(n))
		}
		v.SetFloat(f)
		return nil
	}
	return fmt.Errorf("config: no decoder for %s at %s", v.Type(), path)
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) error {
	if n.Kind != yaml.MappingNode {
		return d.fail(n, path, "want a mapping of keys, got %s", describe(n))
	}
	fields := map[string]int{}
	var known []string
	for i := range v.NumField() {
		tag := v.Type().Field(i).Tag.Get("yaml")
		fields[tag] = i
		known = append(known, tag)
	}
	return d.eachPair(n, path, func(key string, k, val *yaml.Node) error {
		i, ok := fields[key]
		if !ok {
			return d.fail(k, "", "unknown key %q; known keys%s: %s", join(path, key),
				under(path), strings.Join(known, ", "))
		}
		return d.decode(val, v.Field(i), join(path, key))
	})
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path string) error {
	if n.Kind != yaml.MappingNode {
		return d.fail(n, path, "want a mapping, got %s", describe(n))
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(v.Type()))
	}
	return d.eachPair(n, path, func(key string, _, val *yaml.Node) error {
		elem := reflect.New(v.Type().Elem()).Elem()
		if err := d.decode(val, elem, join(path, key)); err != nil {
			return err
		}
		v.SetMapIndex(reflect.ValueOf(key), elem)
		return nil
	})
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) error {
	if n.Kind != yaml.SequenceNode {
		return d.fail(n, path, "want a list, got %s", describe(n))
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		// Each item's line too, so that a check of one column title
		// points at that title in a list written one item a line.
		at := fmt.Sprintf("%s[%d]", path, i)
		d.lines[at] = item.Line
		if err := d.decode(item, s.Index(i), at); err != nil {
			return err
		}
	}
	v.Set(s)
	return nil
}

// eachPair calls f for each key of a mapping, refusing keys that are not
// text and keys given twice, and records each key's line.
func (d *decoder) eachPair(n *yaml.Node, path string,
	f func(key string, k, v *yaml.Node) error) error {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
			return d.fail(k, path, "keys must be plain text")
		}
		if seen[k.Value] {
			return d.fail(k, join(path, k.Value), "given twice")
		}
		seen[k.Value] = true
		d.lines[join(path, k.Value)] = k.Line
		if err := f(k.Value, k, val); err != nil {
			return err
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func under(path string) string {
	if path == "" {
		return ""
	}
	return " under " + path
}

// describe names what a node holds, for "want X, got Y".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "the number " + n.Value
	case "!!bool":
		return "the boolean " + n.Value
	}
	return fmt.Sprintf("%q", n.Value)
}
