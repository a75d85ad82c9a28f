package kube

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"
)

// FuzzNodePoolFromUnstructured feeds the NodePool reader any JSON object:
// another Karpenter version may retype any field, and the reader must
// neither panic nor depend on anything but its input.
func FuzzNodePoolFromUnstructured(f *testing.F) {
	for _, name := range []string{"nodepool-gpu.yaml", "nodeclaim-gpu.yaml",
		"nodeclass-default.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		j, err := yaml.YAMLToJSON(data)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(j)
	}
	for _, seed := range []string{
		`{}`,
		`{"metadata":"x","spec":[],"status":1}`,
		`{"spec":{"template":{"spec":{"nodeClassRef":7,"requirements":[1,"a",{}]}}}}`,
		`{"spec":{"limits":{"cpu":1e300,"memory":"9Ei"},"weight":1e19}}`,
		`{"status":{"conditions":[{"type":[],"lastTransitionTime":{}}]}}`,
		`{"metadata":{"name":1,"labels":{"a":1},"creationTimestamp":[]}}`,
	} {
		f.Add([]byte(seed))
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		var obj map[string]any
		if err := json.Unmarshal(data, &obj); err != nil {
			t.Skip("not a JSON object")
		}
		u := &unstructured.Unstructured{Object: obj}
		first := nodePoolFromUnstructured(u)
		if first.Name != u.GetName() {
			t.Errorf("Name = %q, want metadata.name %q", first.Name, u.GetName())
		}
		if again := nodePoolFromUnstructured(u); !reflect.DeepEqual(first, again) {
			t.Errorf("two reads differ:\n%+v\n%+v", first, again)
		}
	})
}
