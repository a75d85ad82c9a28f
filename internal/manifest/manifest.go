// Package manifest reads Kubernetes manifests the way a person wrote them:
// multi-document YAML whose every field still knows its line, so that a
// finding about a field can point at the line to change.
package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Document is one object of a manifest file.
type Document struct {
	// File is the name the object was read from, as the user gave it.
	File string
	// Object is the object as the API server would decode it.
	Object *unstructured.Unstructured

	node *yaml.Node
}

// Line is the line the object starts on.
func (d Document) Line() int { return d.node.Line }

// SyntaxError is a file that is not YAML, or not a Kubernetes object, with
// the line where reading it failed.
type SyntaxError struct {
	File string
	Line int
	Msg  string
}

// Error reads "file:line: msg".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// yamlLine finds the line number yaml.v3 puts in its error messages.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// typeErrorLine finds the line number at the start of each problem a
// yaml.TypeError lists.
var typeErrorLine = regexp.MustCompile(`^line (\d+): `)

// decodeError is a failed decode of the object at line as one line. A
// yaml.TypeError lists every problem on a line of its own (a key given
// twice, say); the first, at the line it names, says enough to fix it.
func decodeError(file string, line int, err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
		if m := typeErrorLine.FindStringSubmatch(msg); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
				line, msg = n, msg[len(m[0]):]
			}
		}
	}
	msg = strings.Join(strings.Fields(msg), " ")
	return &SyntaxError{File: file, Line: line, Msg: "cannot decode: " + msg}
}

// Read splits data into its objects. Empty documents are skipped; a List
// (what kubectl get -o yaml prints) yields its items. A syntax error ends
// the file: its objects before the error are returned with it.
func Read(file string, data []byte) ([]Document, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []Document
	for {
		var root yaml.Node
		err := dec.Decode(&root)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, syntaxError(file, err)
		}
		if len(root.Content) == 0 || isNull(root.Content[0]) {
			continue
		}
		read, err := objects(file, root.Content[0])
		docs = append(docs, read...)
		if err != nil {
			return docs, err
		}
	}
}

func syntaxError(file string, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(err.Error(), m[0])
	}
	return &SyntaxError{File: file, Line: line, Msg: "not YAML: " + msg}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// objects turns one document into its object, or a List's items.
func objects(file string, n *yaml.Node) ([]Document, error) {
	d, err := object(file, n)
	if err != nil {
		return nil, err
	}
	if d.Object.GetKind() != "List" {
		return []Document{d}, nil
	}
	items := lookup(n, "items")
	if items == nil || items.Kind != yaml.SequenceNode {
		return nil, nil
	}
	var out []Document
	for _, it := range items.Content {
		d, err := object(file, it)
		if err != nil {
			return out, err
		}
		out = append(out, d)
	}
	return out, nil
}

// object decodes one mapping node into an object. Going through JSON gives
// the value types the API server's decoder gives (int64, float64).
func object(file string, n *yaml.Node) (Document, error) {
	fail := func(msg string) (Document, error) {
		return Document{}, &SyntaxError{File: file, Line: n.Line, Msg: msg}
	}
	if n.Kind != yaml.MappingNode {
		return fail("not a Kubernetes object: expected a mapping with apiVersion and kind")
	}
	var v any
	if err := n.Decode(&v); err != nil {
		return Document{}, decodeError(file, n.Line, err)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return fail("cannot decode: keys must be strings")
	}
	m, _ := v.(map[string]any)
	for _, key := range []string{"apiVersion", "kind"} {
		if s, _ := m[key].(string); s == "" {
			return fail("not a Kubernetes object: no " + key)
		}
	}
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(raw); err != nil {
		return fail("not a Kubernetes object: " + err.Error())
	}
	return Document{File: file, Object: u, node: n}, nil
}

// lookup returns the value of key in a mapping node, or nil.
func lookup(n *yaml.Node, key string) *yaml.Node {
	_, v := entry(n, key)
	return v
}

// entry returns the key and value nodes of key in a mapping node.
func entry(n *yaml.Node, key string) (k, v *yaml.Node) {
	n = deref(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i], deref(n.Content[i+1])
		}
	}
	return nil, nil
}

func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}
