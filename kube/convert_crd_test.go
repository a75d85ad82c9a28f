package kube

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/yaml"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// fixture reads a custom resource from testdata the way the dynamic client
// decodes one, so numbers arrive as int64.
func fixture(t testing.TB, name string) *unstructured.Unstructured {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	j, err := yaml.YAMLToJSON(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	u := &unstructured.Unstructured{}
	if err := u.UnmarshalJSON(j); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return u
}

// edit sets one field of a copy of u, to any JSON value.
func edit(t *testing.T, u *unstructured.Unstructured, value any,
	path ...string) *unstructured.Unstructured {
	t.Helper()
	c := u.DeepCopy()
	if err := unstructured.SetNestedField(c.Object, value, path...); err != nil {
		t.Fatalf("setting %v: %v", path, err)
	}
	return c
}

// at parses an RFC 3339 time as the converters do.
func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// wantGPUPool is what nodepool-gpu.yaml reads as.
func wantGPUPool() model.NodePool {
	return model.NodePool{
		Name:    "gpu",
		Labels:  map[string]string{"team": "ml"},
		Created: at("2026-07-01T10:00:00Z").Local(),
		NodeClassRef: model.ObjectRef{Group: "eks.amazonaws.com", Kind: "NodeClass",
			Name: "gpu-class"},
		Conditions: []model.Condition{{Type: "Ready", Status: "False",
			Reason: "NodeClassNotReady", Message: "NodeClass gpu-class is not ready",
			LastTransitionTime: at("2026-07-01T10:05:00Z")}},
		TemplateLabels:         map[string]string{"workload": "gpu"},
		Weight:                 10,
		ExpireAfter:            "336h",
		TerminationGracePeriod: "24h",
		ConsolidationPolicy:    "WhenEmpty",
		ConsolidateAfter:       "30s",
		Limits:                 model.Resources{CPUMillis: 1_000_000, MemoryBytes: 1000 << 30},
		InUse:                  model.Resources{CPUMillis: 16_000, MemoryBytes: 64 << 30, Pods: 220},
		Requirements: []model.Requirement{
			{Key: "eks.amazonaws.com/instance-family", Operator: "In",
				Values: []string{"g5", "g6"}, MinValues: 2},
			{Key: "karpenter.sh/capacity-type", Operator: "Exists"},
		},
		Taints: []model.Taint{
			{Key: "nvidia.com/gpu", Value: "true", Effect: "NoSchedule"},
			{Key: "CriticalAddonsOnly", Effect: "NoSchedule"},
		},
	}
}

var tmplSpec = []string{"spec", "template", "spec"}

func tmplPath(p ...string) []string { return append(append([]string{}, tmplSpec...), p...) }

func TestNodePoolFromUnstructured(t *testing.T) {
	base := fixture(t, "nodepool-gpu.yaml")
	tests := []struct {
		name  string
		value any
		path  []string
		// want changes the fixture's expected pool into this case's.
		want func(*model.NodePool)
	}{
		{"every field is read", nil, nil, func(*model.NodePool) {}},
		{"a string where the template map is unsets the template fields",
			"gpu", []string{"spec", "template"}, func(p *model.NodePool) {
				p.NodeClassRef, p.ExpireAfter, p.TerminationGracePeriod = model.ObjectRef{}, "", ""
				p.Requirements, p.Taints, p.TemplateLabels = nil, nil, nil
			}},
		{"a number where spec is unsets every spec field", int64(3), []string{"spec"},
			func(p *model.NodePool) {
				*p = model.NodePool{Name: p.Name, Labels: p.Labels, Created: p.Created,
					Conditions: p.Conditions, InUse: p.InUse}
			}},
		{"a string where nodeClassRef is unsets the ref", "gpu-class",
			tmplPath("nodeClassRef"),
			func(p *model.NodePool) { p.NodeClassRef = model.ObjectRef{} }},
		{"a number where a string is reads as unset", int64(5),
			[]string{"spec", "disruption", "consolidationPolicy"},
			func(p *model.NodePool) { p.ConsolidationPolicy = "" }},
		{"a string where weight is reads as 0", "10", []string{"spec", "weight"},
			func(p *model.NodePool) { p.Weight = 0 }},
		{"a map where requirements are reads as none", map[string]any{"key": "a"},
			tmplPath("requirements"), func(p *model.NodePool) { p.Requirements = nil }},
		{"requirements that are not maps are skipped",
			[]any{"junk", int64(1), map[string]any{"key": "a", "operator": "Exists"}},
			tmplPath("requirements"), func(p *model.NodePool) {
				p.Requirements = []model.Requirement{{Key: "a", Operator: "Exists"}}
			}},
		{"a string where a requirement's values are reads as no values",
			[]any{map[string]any{"key": "a", "operator": "In", "values": "g5",
				"minValues": "2"}},
			tmplPath("requirements"), func(p *model.NodePool) {
				p.Requirements = []model.Requirement{{Key: "a", Operator: "In"}}
			}},
		{"values that are not strings are skipped",
			[]any{map[string]any{"key": "a", "operator": "In",
				"values": []any{"g5", int64(6), map[string]any{}}}},
			tmplPath("requirements"), func(p *model.NodePool) {
				p.Requirements = []model.Requirement{{Key: "a", Operator: "In",
					Values: []string{"g5"}}}
			}},
		{"a string where taints are reads as none", "nvidia.com/gpu", tmplPath("taints"),
			func(p *model.NodePool) { p.Taints = nil }},
		{"a list where limits are reads as no limits", []any{"cpu"},
			[]string{"spec", "limits"},
			func(p *model.NodePool) { p.Limits = model.Resources{} }},
		{"limits given as numbers are quantities",
			map[string]any{"cpu": int64(8), "memory": "2Gi"}, []string{"spec", "limits"},
			func(p *model.NodePool) {
				p.Limits = model.Resources{CPUMillis: 8000, MemoryBytes: 2 << 30}
			}},
		{"a limit that is not a quantity unsets only that limit",
			map[string]any{"cpu": "lots", "memory": "2Gi"}, []string{"spec", "limits"},
			func(p *model.NodePool) { p.Limits = model.Resources{MemoryBytes: 2 << 30} }},
		{"a map where conditions are reads as none", map[string]any{"type": "Ready"},
			[]string{"status", "conditions"},
			func(p *model.NodePool) { p.Conditions = []model.Condition{} }},
		{"conditions that are not maps are skipped",
			[]any{"Ready", map[string]any{"type": "Ready", "status": "True"}},
			[]string{"status", "conditions"}, func(p *model.NodePool) {
				p.Conditions = []model.Condition{{Type: "Ready", Status: "True"}}
			}},
		{"a condition time that does not parse reads as zero",
			[]any{map[string]any{"type": "Ready", "status": "True",
				"lastTransitionTime": "yesterday"}},
			[]string{"status", "conditions"}, func(p *model.NodePool) {
				p.Conditions = []model.Condition{{Type: "Ready", Status: "True"}}
			}},
		{"a string where status is unsets what status holds", "ready", []string{"status"},
			func(p *model.NodePool) {
				p.Conditions, p.InUse = []model.Condition{}, model.Resources{}
			}},
		{"a string where labels are reads as no labels", "team=ml",
			[]string{"metadata", "labels"}, func(p *model.NodePool) { p.Labels = nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := base
			if tt.path != nil {
				u = edit(t, base, tt.value, tt.path...)
			}
			want := wantGPUPool()
			tt.want(&want)
			if got := nodePoolFromUnstructured(u); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestNodePoolFromUnstructuredEmpty(t *testing.T) {
	got := nodePoolFromUnstructured(&unstructured.Unstructured{})
	want := model.NodePool{Conditions: []model.Condition{}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("an empty object reads as %+v, want %+v", got, want)
	}
}

// A NodeClaim carries its resourceVersion, by which the UI knows an
// unchanged claim without comparing its fields; one without reads as
// unknown.
func TestNodeClaimVersion(t *testing.T) {
	u := &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "karpenter.sh/v1", "kind": "NodeClaim",
		"metadata": map[string]any{"name": "web-abc12", "resourceVersion": "4711"},
	}}
	if got := nodeClaimFromUnstructured(u).Version; got != "4711" {
		t.Errorf("Version = %q, want 4711", got)
	}
	unstructured.RemoveNestedField(u.Object, "metadata", "resourceVersion")
	if got := nodeClaimFromUnstructured(u).Version; got != "" {
		t.Errorf("without a resourceVersion: Version = %q, want empty", got)
	}
}
