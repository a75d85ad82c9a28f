package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestCOpensTheComparisonAndEscReturns(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	m := newTestModel(t, priced(model.Build(autoModeInputs()), ""), 120, 40, true)
	m = press(t, m, "3", "c")
	v := m.top()
	if v == nil || v.text == nil || v.ref.Kind != kindCluster || v.ref.Name != "shop" {
		t.Fatalf("c did not open the comparison of cluster shop: %+v", v)
	}
	view := m.View().Content
	for _, s := range []string{"Nodes › shop › comparison", "POINT", "STANDARD EKS",
		"AUTO MODE", "THIS CLUSTER (shop, auto)", "Built-in pools", "Pods per node",
		"Fee for this cluster"} {
		if !strings.Contains(view, s) {
			t.Errorf("comparison screen lacks %q:\n%s", s, view)
		}
	}

	if strings.Contains(view, "yaml") || strings.Contains(view, "events") {
		t.Errorf("the comparison's footer offers YAML or events it does not have:\n%s", view)
	}

	// Scrolled to its end on a small screen, it shows each node's fee,
	// the total and the points that stay the same.
	m = press(t, step(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}))
	view = m.View().Content
	end := press(t, m, "G").View().Content
	for _, s := range []string{"FEE PER NODE", "i-0d44", "TOTAL FEE  today $0.1812/h",
		"THE SAME IN BOTH", "Authentication",
		"Pod autoscaling"} {
		if !strings.Contains(end, s) {
			t.Errorf("end of the comparison lacks %q:\n%s", s, end)
		}
	}
	if end == view {
		t.Error("G did not scroll the comparison")
	}

	back := press(t, m, "esc")
	if len(back.stack) != 0 || back.focus != panelNodes {
		t.Errorf("esc left stack %d, focus %d; want the Nodes panel", len(back.stack),
			back.focus)
	}
}

func TestComparisonCutsCellsAndNeverWraps(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		m := press(t, autoModel(t, size[0], size[1]), "c")
		content := m.top().text.vp.GetContent()
		lines := strings.Split(content, "\n")
		want := len(m.cluster.NodePools) // not a count: only that rows were drawn
		if len(lines) < want {
			t.Fatalf("%dx%d: %d lines of comparison", size[0], size[1], len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w != size[0] {
				t.Errorf("%dx%d: line %d is %d cells, want %d: %q", size[0], size[1], i, w,
					size[0], l)
			}
		}
		if size[0] == 80 && !strings.Contains(content, "…") {
			t.Errorf("at 80 cells no cell was cut:\n%s", content)
		}
		checkFits(t, m.View().Content, size[0], size[1])
	}
}

func TestComparisonFollowsResizeAndSnapshots(t *testing.T) {
	m := press(t, autoModel(t, 120, 40), "c")
	m = step(t, m, tea.WindowSizeMsg{Width: 90, Height: 30})
	first, _, _ := strings.Cut(m.top().text.vp.GetContent(), "\n")
	if w := ansi.StringWidth(first); w != 90 {
		t.Errorf("after a resize to 90 cells the comparison is %d wide", w)
	}

	in := autoModeInputs()
	in.NodePools = in.NodePools[:2] // the custom gpu pool is gone
	m = step(t, m, snapshotMsg{cluster: model.Build(in)})
	if content := m.top().text.vp.GetContent(); strings.Contains(content, "1 custom") {
		t.Errorf("the comparison kept the old snapshot's custom pool:\n%s", content)
	}
}

func TestComparisonWithoutASnapshotSaysSo(t *testing.T) {
	m := NewWithOptions(nil, nil, Options{NoColor: true})
	m = press(t, m, "c")
	if len(m.stack) != 0 || !strings.Contains(m.View().Content, "no snapshot yet") {
		t.Errorf("c before the first snapshot: stack %d, screen:\n%s", len(m.stack),
			m.View().Content)
	}
}

func TestComparisonGolden(t *testing.T) {
	clusters := map[string]func() *model.Cluster{
		"auto": func() *model.Cluster { return priced(model.Build(autoModeInputs()), "") },
		"standard": func() *model.Cluster {
			return priced(model.Build(standardInputs()), "ip-10-0-2-203.eu-west-1.compute.internal")
		},
	}
	for name, cluster := range clusters {
		for _, noColor := range []bool{true, false} {
			golden := "compare-" + name + "-120x40-" +
				map[bool]string{true: "plain", false: "colour"}[noColor]
			t.Run(golden, func(t *testing.T) {
				t.Setenv("NO_COLOR", "")
				m := newTestModel(t, cluster(), 120, 40, noColor)
				checkGolden(t, golden, press(t, m, "c").View().Content)
			})
		}
	}
}
