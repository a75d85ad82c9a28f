package manifest_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/manifest"
)

// FuzzRead feeds Read arbitrary bytes: it must return documents or a
// one-line SyntaxError, never panic, and every field path must map to a
// line inside the file.
func FuzzRead(f *testing.F) {
	for _, seed := range []string{
		"apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: a}\n",
		"apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: X}\n",
		"a: &x [1, 2]\nb: *x\n---\n- 1\n",
		"apiVersion: v1\nkind: X\nspec: {a: [ {b: c} ]}\n",
		"\t\x00{[",
	} {
		f.Add([]byte(seed), "spec.a[0].b")
	}
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		docs, err := manifest.Read("f.yaml", data)
		var se *manifest.SyntaxError
		if err != nil && (!errors.As(err, &se) || strings.Contains(err.Error(), "\n")) {
			t.Fatalf("error %q is not a one-line SyntaxError", err)
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, d := range docs {
			if l := d.FieldLine(path); l < 1 || l > lines {
				t.Fatalf("FieldLine(%q) = %d, outside the file's %d lines", path, l, lines)
			}
		}
	})
}
