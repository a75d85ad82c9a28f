package kube

import (
	"reflect"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

func TestWrongTypes(t *testing.T) {
	tests := []struct {
		name string
		obj  map[string]any
		want []string
	}{
		{"a well-formed pool has none", fixture(t, "nodepool-gpu.yaml").Object, nil},
		{"missing fields are not wrong", map[string]any{"kind": "NodePool"}, nil},
		{"each retyped field is named", map[string]any{"kind": "NodePool",
			"spec": map[string]any{"weight": "ten", "template": "x",
				"disruption": map[string]any{"consolidationPolicy": int64(5)}},
			"status": map[string]any{"conditions": "bad"}},
			[]string{"spec.weight is a string, not a number",
				"spec.disruption.consolidationPolicy is a number, not a string",
				"spec.template is a string, not an object",
				"status.conditions is a string, not an array"}},
		{"a class's role given as a list", map[string]any{"kind": "NodeClass",
			"spec": map[string]any{"role": []any{"a"}}},
			[]string{"spec.role is an array, not a string"}},
		{"a kind the tool does not convert has no shape", map[string]any{"kind": "Other",
			"spec": "x"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := wrongTypes(&unstructured.Unstructured{Object: tt.obj})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
