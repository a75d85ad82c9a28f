package kube

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseSnapshot feeds the snapshot reader any bytes: a snapshot file
// may be truncated, hand-edited or not a snapshot at all, and the reader
// must answer with objects or one error line naming the file, never a
// panic.
func FuzzParseSnapshot(f *testing.F) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.yaml"))
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, seed := range []string{
		"", "---\n", "kind: List\nitems: 3\n", "apiVersion: v1\nkind: Node\n",
		"apiVersion: v1\nkind: Node\nmetadata: {name: [1]}\n",
		"apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: 7}\n",
		"apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata: {name: a}\nspec: x\n",
		"apiVersion: kubectl-automode/v1\nkind: SnapshotInfo\ninfo: {savedAt: 5}\n",
		"a: &x [*x]\n", "{\"kind\": \"List\", \"items\": [{}]}",
	} {
		f.Add([]byte(seed))
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := parseSnapshot("fuzz.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		if len(s.Objects) == 0 && len(s.Warnings) == 0 {
			t.Errorf("a snapshot with neither objects nor warnings was accepted")
		}
		for _, w := range s.Warnings {
			if !strings.HasPrefix(w, "fuzz.yaml:") {
				t.Errorf("warning does not name the file and line: %q", w)
			}
		}
	})
}

// FuzzQuantityResources feeds any quantity text to the reader of NodePool
// limits and status resources: a value that does not parse reads as unset,
// and one that does never comes out negative from a positive quantity.
func FuzzQuantityResources(f *testing.F) {
	for _, seed := range [][3]string{
		{"1000", "1000Gi", "110"}, {"250m", "512Mi", ""}, {"1e3", "1E", "0"},
		{"-1", "9Ei", "1e300"}, {"0.001", "1.5Gi", "+5"}, {"lots", "", " 1"},
		{"9223372036854775807", "8Ei", "99999999999999999999"},
	} {
		f.Add(seed[0], seed[1], seed[2])
	}
	f.Fuzz(func(t *testing.T, cpu, memory, pods string) {
		r := quantityResources(map[string]string{"cpu": cpu, "memory": memory, "pods": pods})
		again := quantityResources(map[string]string{"cpu": cpu, "memory": memory,
			"pods": pods})
		if r != again {
			t.Fatalf("two reads differ: %+v %+v", r, again)
		}
		for name, v := range map[string]struct {
			text string
			got  int64
		}{"cpu": {cpu, r.CPUMillis}, "memory": {memory, r.MemoryBytes}, "pods": {pods, r.Pods}} {
			if v.got < 0 && !strings.HasPrefix(strings.TrimSpace(v.text), "-") {
				t.Errorf("%s %q reads as %d", name, v.text, v.got)
			}
		}
	})
}
