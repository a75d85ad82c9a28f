package kube

import (
	"bytes"
	"fmt"

	yamlv3 "go.yaml.in/yaml/v3"
	"sigs.k8s.io/yaml"
)

// marshalYAML writes v as kubectl writes YAML. sigs.k8s.io/yaml refuses
// strings holding control characters ("control characters are not
// allowed"), which anyone may put in an annotation or a condition message;
// for those the v3 encoder writes the string double-quoted with escapes
// such as \e, so that the view shows the value, and shows it is odd.
func marshalYAML(v any) ([]byte, error) {
	out, err := yaml.Marshal(v)
	if err == nil {
		return out, nil
	}
	var b bytes.Buffer
	enc := yamlv3.NewEncoder(&b)
	enc.SetIndent(2)
	if err3 := enc.Encode(v); err3 != nil {
		return nil, fmt.Errorf("%w (and escaped: %w)", err, err3)
	}
	if err3 := enc.Close(); err3 != nil {
		return nil, fmt.Errorf("%w (and escaped: %w)", err, err3)
	}
	return b.Bytes(), nil
}
