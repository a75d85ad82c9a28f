package kube_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-automode/kubectl-automode/kube"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOpenSnapshotRejectsBadFiles(t *testing.T) {
	tests := []struct {
		name, content string
		want          []string // all must appear in the error
	}{
		{"not YAML", "kind: List\nitems: [\n  - {a: b\n", []string{"bad.yaml", "not a YAML", "line"}},
		{"not objects", "just a string\n", []string{"bad.yaml:1", "not an object"}},
		{"empty", "", []string{"bad.yaml", "no Kubernetes objects"}},
		{"no kind", "apiVersion: v1\nmetadata: {name: a}\n", []string{"bad.yaml:1", "no apiVersion or kind"}},
		{"no name", "apiVersion: v1\nkind: Node\nmetadata: {}\n",
			[]string{"bad.yaml:1", "Node has no metadata.name"}},
		{"item of a list without a name", "apiVersion: v1\nkind: List\nitems:\n" +
			"- apiVersion: v1\n  kind: Node\n  metadata: {name: a}\n" +
			"- apiVersion: karpenter.sh/v1\n  kind: NodePool\n  metadata: {}\n",
			[]string{"bad.yaml:7", "NodePool has no metadata.name"}},
		{"wrong field type", "apiVersion: v1\nkind: Node\nmetadata: {name: a}\nspec: {unschedulable: maybe}\n",
			[]string{"bad.yaml:1", "Node a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := kube.OpenSnapshot(writeFile(t, "bad.yaml", tt.content))
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestOpenSnapshotTooLarge(t *testing.T) {
	old := kube.MaxSnapshotBytes
	kube.MaxSnapshotBytes = 64
	t.Cleanup(func() { kube.MaxSnapshotBytes = old })
	_, err := kube.OpenSnapshot(writeFile(t, "big.yaml", strings.Repeat("# padding\n", 10)))
	if err == nil || !strings.Contains(err.Error(), "too large to be a snapshot") {
		t.Errorf("error = %v", err)
	}
}

func TestOpenSnapshotMissingFile(t *testing.T) {
	_, err := kube.OpenSnapshot(filepath.Join(t.TempDir(), "gone.yaml"))
	if err == nil || !strings.Contains(err.Error(), "gone.yaml") {
		t.Errorf("error = %v, want one naming the file", err)
	}
}

func TestOpenSnapshotSkipsUnknownKinds(t *testing.T) {
	s, err := kube.OpenSnapshot(writeFile(t, "mixed.yaml", `apiVersion: v1
kind: Node
metadata: {name: i-0abc}
---
apiVersion: v1
kind: Secret
metadata: {name: token}
data: {key: c2VjcmV0}
---
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: general-purpose}
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Objects) != 2 {
		t.Fatalf("%d objects, want the node and the pool", len(s.Objects))
	}
	if _, ok := s.Objects[0].(*corev1.Node); !ok {
		t.Errorf("first object is %T, want a typed Node", s.Objects[0])
	}
	if _, ok := s.Objects[1].(*unstructured.Unstructured); !ok {
		t.Errorf("second object is %T, want unstructured", s.Objects[1])
	}
	if len(s.Warnings) != 1 || !strings.Contains(s.Warnings[0], "mixed.yaml:5") ||
		!strings.Contains(s.Warnings[0], "Secret token") {
		t.Errorf("warnings = %q, want one naming line 5 and the Secret", s.Warnings)
	}
	if strings.Join(s.Info.Served, ",") != "nodepools.karpenter.sh" {
		t.Errorf("served = %v, want the NodePool's resource inferred", s.Info.Served)
	}
}
