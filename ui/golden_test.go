package ui

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// step feeds one message to the model, as the program loop would.
func step(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	next, _ := m.Update(msg)
	return next.(Model)
}

// newTestModel is a UI at a size, showing a cluster.
func newTestModel(t testing.TB, c *model.Cluster, w, h int, noColor bool) Model {
	t.Helper()
	m := NewWithOptions(nil, nil, Options{NoColor: noColor})
	m = step(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return step(t, m, snapshotMsg{cluster: c})
}

// checkGolden compares got with testdata/name.golden, or rewrites it
// under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading golden (run go test ./ui/ -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("View() differs from %s; run go test ./ui/ -update and read the diff.\n"+
			"got:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestViewGolden(t *testing.T) {
	clusters := []struct {
		name   string
		inputs func() model.Inputs
	}{
		{"auto", autoModeInputs},
		{"standard", standardInputs},
	}
	sizes := [][2]int{{80, 24}, {120, 40}, {200, 60}}
	for _, c := range clusters {
		for _, size := range sizes {
			for _, noColor := range []bool{true, false} {
				colour := map[bool]string{true: "plain", false: "colour"}[noColor]
				name := fmt.Sprintf("%s-%dx%d-%s", c.name, size[0], size[1], colour)
				t.Run(name, func(t *testing.T) {
					t.Setenv("NO_COLOR", "")
					m := newTestModel(t, model.Build(c.inputs()), size[0], size[1], noColor)
					checkGolden(t, name, m.View().Content)
				})
			}
		}
	}
}

// The tab mode's other tabs are part of the 80×24 screen: one golden each
// for NodeClaims, where the conditions and the stuck claim's reason must
// fit, and for the help overlay.
func TestViewGoldenTabs(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	m := newTestModel(t, model.Build(autoModeInputs()), 80, 24, true)
	checkGolden(t, "auto-80x24-claims", step(t, m, key("2")).View().Content)
	checkGolden(t, "auto-80x24-nodes", step(t, m, key("3")).View().Content)
	checkGolden(t, "auto-80x24-help", step(t, m, key("?")).View().Content)
}
