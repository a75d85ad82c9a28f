package kube

import (
	"fmt"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// fieldShape is the JSON type the converters expect at one path of a
// custom resource: "object", "array", "string" or "number".
type fieldShape struct {
	path []string
	want string
}

func shape(want string, path ...string) fieldShape { return fieldShape{path: path, want: want} }

// shapes lists, per kind, the fields the converters read. A field of
// another type reads as unset (convert_crd.go); wrongTypes says which, so
// that the log can tell the user why a value is missing.
var shapes = map[string][]fieldShape{
	"NodePool": {
		shape("object", "spec"), shape("number", "spec", "weight"),
		shape("object", "spec", "limits"), shape("object", "spec", "disruption"),
		shape("string", "spec", "disruption", "consolidationPolicy"),
		shape("string", "spec", "disruption", "consolidateAfter"),
		shape("object", "spec", "template"), shape("object", "spec", "template", "spec"),
		shape("object", "spec", "template", "spec", "nodeClassRef"),
		shape("array", "spec", "template", "spec", "requirements"),
		shape("array", "spec", "template", "spec", "taints"),
		shape("string", "spec", "template", "spec", "expireAfter"),
		shape("string", "spec", "template", "spec", "terminationGracePeriod"),
		shape("object", "status"), shape("array", "status", "conditions"),
		shape("object", "status", "resources"),
	},
	"NodeClaim": {
		shape("object", "spec"), shape("object", "spec", "nodeClassRef"),
		shape("object", "status"), shape("array", "status", "conditions"),
		shape("string", "status", "nodeName"), shape("string", "status", "providerID"),
	},
	"NodeClass": classShapes, "EC2NodeClass": classShapes,
}

var classShapes = []fieldShape{
	shape("object", "spec"), shape("string", "spec", "role"),
	shape("string", "spec", "instanceProfile"), shape("object", "spec", "tags"),
	shape("array", "spec", "subnetSelectorTerms"),
	shape("array", "spec", "securityGroupSelectorTerms"),
	shape("object", "status"), shape("array", "status", "conditions"),
}

// wrongTypes names the fields of u that the converters read but that hold
// another type, "spec.weight is a string, not a number". Missing fields
// are normal and not named.
func wrongTypes(u *unstructured.Unstructured) []string {
	var out []string
	for _, s := range shapes[u.GetKind()] {
		v, found, err := unstructured.NestedFieldNoCopy(u.Object, s.path...)
		if err != nil || !found || v == nil {
			continue // a parent of the wrong type is named on its own
		}
		if got := jsonType(v); got != s.want {
			out = append(out, fmt.Sprintf("%s is %s, not %s", strings.Join(s.path, "."),
				article(got), article(s.want)))
		}
	}
	return out
}

func jsonType(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case string:
		return "string"
	case int64, float64, int, int32:
		return "number"
	case bool:
		return "boolean"
	}
	return fmt.Sprintf("%T", v)
}

func article(t string) string {
	switch t {
	case "object", "array":
		return "an " + t
	}
	return "a " + t
}
