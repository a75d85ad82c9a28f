package manifest_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-automode/kubectl-automode/internal/manifest"
)

func read(t *testing.T, name string) ([]manifest.Document, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return manifest.Read(name, data)
}

func TestReadSplitsDocumentsAndSkipsEmptyOnes(t *testing.T) {
	docs, err := read(t, "two-docs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents, want 2", len(docs))
	}
	if k := docs[1].Object.GetKind(); k != "NodeClass" {
		t.Errorf("second kind = %q", k)
	}
	if docs[1].Line() != 28 {
		t.Errorf("second object starts on line %d, want 28", docs[1].Line())
	}
	if w, _, _ := unstructured.NestedInt64(docs[1].Object.Object, "spec", "weight"); w != 10 {
		t.Errorf("weight decoded as %v, want the int64 10 the API server would give", w)
	}
}

func TestReadListYieldsItems(t *testing.T) {
	docs, err := read(t, "list.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, d.Object.GetName())
	}
	if strings.Join(names, ",") != "one,two" || docs[1].Line() != 8 {
		t.Errorf("items %v, second on line %d; want one,two with two on line 8",
			names, docs[1].Line())
	}
}

func TestReadErrorsNameFileAndLine(t *testing.T) {
	tests := []struct {
		name, data string
		line       int
		want       string
	}{
		{"bad indentation", "", 5, "not YAML"},
		{"a scalar", "just text\n", 1, "not a Kubernetes object"},
		{"no kind", "apiVersion: v1\nmetadata: {}\n", 1, "no kind"},
		{"tab indentation", "a:\n\tb: c\n", 2, "not YAML"},
		{"non-string keys", "apiVersion: v1\nkind: X\n1: 2\n", 1, "keys must be strings"},
		// yaml.v3 lists a repeated key on a line of its own; the fuzzer found it.
		{"a key given twice", "apiVersion: v1\nkind: X\nkind: Y\n", 3,
			`mapping key "kind" already defined at line 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.data == "" {
				_, err = read(t, "bad.yaml")
			} else {
				_, err = manifest.Read("in.yaml", []byte(tt.data))
			}
			var se *manifest.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("err = %v, want a SyntaxError", err)
			}
			if se.Line != tt.line || !strings.Contains(se.Msg, tt.want) ||
				strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q (line %d), want line %d containing %q on one line",
					err, se.Line, tt.line, tt.want)
			}
		})
	}
}

func TestFieldLine(t *testing.T) {
	docs, err := read(t, "two-docs.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		doc  int
		path string
		want int
	}{
		{0, "spec.template.spec.expireAfter", 25},
		{0, "spec.template.spec.requirements[1].key", 23},
		{0, "spec.template.spec.requirements[0]", 20},
		{0, "spec.template.metadata.labels[node.kubernetes.io/role]", 13},
		{0, "spec.template.spec.terminationGracePeriod", 14},
		{0, "spec.template.spec.requirements[7].key", 19},
		{0, "", 2},
		{1, "metadata.labels[example.com/team]", 7},
		{1, "spec.role", 34},
		{1, "metadata.name", 31},
	}
	for _, tt := range tests {
		if got := docs[tt.doc].FieldLine(tt.path); got != tt.want {
			t.Errorf("doc %d %q: line %d, want %d", tt.doc, tt.path, got, tt.want)
		}
	}
}
