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
		name    string
		cluster func() *model.Cluster
	}{
		{"auto", func() *model.Cluster { return priced(model.Build(autoModeInputs()), "") }},
		{"standard", func() *model.Cluster {
			return priced(model.Build(standardInputs()), "ip-10-0-2-203.eu-west-1.compute.internal")
		}},
	}
	sizes := [][2]int{{80, 24}, {120, 40}, {200, 60}}
	for _, c := range clusters {
		for _, size := range sizes {
			for _, noColor := range []bool{true, false} {
				colour := map[bool]string{true: "plain", false: "colour"}[noColor]
				name := fmt.Sprintf("%s-%dx%d-%s", c.name, size[0], size[1], colour)
				t.Run(name, func(t *testing.T) {
					t.Setenv("NO_COLOR", "")
					m := newTestModel(t, c.cluster(), size[0], size[1], noColor)
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
	m := newTestModel(t, priced(model.Build(autoModeInputs()), ""), 80, 24, true)
	checkGolden(t, "auto-80x24-claims", step(t, m, keyMsg("2")).View().Content)
	checkGolden(t, "auto-80x24-nodes", step(t, m, keyMsg("3")).View().Content)
	checkGolden(t, "auto-80x24-help", step(t, m, keyMsg("?")).View().Content)
}

// The drill-down's screens at 80×24: a NodePool's page, a NodeClaim's
// page with its node, and that node's describe under the breadcrumb.
func TestViewGoldenDrillDown(t *testing.T) {
	d := newFakeDetails()
	d.describe["Node/i-0d44"] = "Name:               i-0d44\nRoles:              <none>\n" +
		"Labels:             eks.amazonaws.com/compute-type=auto\n" +
		"                    karpenter.sh/nodepool=gpu\n" +
		"Taints:             nvidia.com/gpu:NoSchedule\n" +
		"Unschedulable:      false\n"
	for _, colour := range []bool{false, true} {
		name := map[bool]string{false: "plain", true: "colour"}[colour]
		m := detailModel(t, d, 80, 24)
		m.setStyles(newStyles(!colour, true))
		m.noColor = !colour
		m = step(t, m, snapshotMsg{cluster: priced(model.Build(autoModeInputs()), "")})
		m = drive(t, m, "j", "enter")
		checkGolden(t, "drill-80x24-pool-"+name, m.View().Content)
		m = drive(t, m, "enter")
		checkGolden(t, "drill-80x24-claim-"+name, m.View().Content)
		m = drive(t, m, "d")
		checkGolden(t, "drill-80x24-describe-"+name, m.View().Content)
	}
}
