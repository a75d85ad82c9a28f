package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// findingInputs is the Auto Mode fixture with things to find: a custom
// NodeClass with tags under the gpu pool and a second custom pool, batch,
// on the same class, and expireAfter: Never on batch. The stuck gpu claim
// stays.
func findingInputs() model.Inputs {
	in := autoModeInputs()
	classRef := model.ObjectRef{Group: model.GroupAutoMode, Kind: model.KindNodeClass,
		Name: "gpu-class"}
	in.NodeClasses = append(in.NodeClasses, model.NodeClass{Name: "gpu-class",
		Group: model.GroupAutoMode, Kind: model.KindNodeClass, Role: "gpu-node-role",
		Tags: map[string]string{"team": "ml"}, Conditions: ready(testNow),
		Created: testNow.Add(-3 * time.Hour)})
	for i := range in.NodePools {
		if in.NodePools[i].Name == "gpu" {
			in.NodePools[i].NodeClassRef = classRef
		}
	}
	in.NodePools = append(in.NodePools, model.NodePool{Name: "batch", NodeClassRef: classRef,
		ExpireAfter: "Never", Conditions: ready(testNow), Created: testNow.Add(-3 * time.Hour)})
	return in
}

func findingModel(t *testing.T, w, h int) Model {
	t.Helper()
	t.Setenv("NO_COLOR", "")
	return newTestModel(t, priced(model.Build(findingInputs()), ""), w, h, true)
}

// findingRefs are the objects of the findings a panel shows, in order.
func findingRefs(m Model) []string {
	var out []string
	for _, key := range shown(m, panelFindings) {
		out = append(out, findingRef(key).String())
	}
	return out
}

func TestFindingsPanelListsEveryFindingMostSeriousFirst(t *testing.T) {
	m := press(t, findingModel(t, 80, 24), "6")
	if m.focus != panelFindings {
		t.Fatalf("6 focused panel %d, want Findings", m.focus)
	}
	c := m.cluster
	want := model.Findings(c, c.BuiltAt)
	tb := m.tables[panelFindings]
	if len(tb.view) != len(want) || len(want) < 4 {
		t.Fatalf("panel shows %d findings, model has %d (want at least 4)", len(tb.view),
			len(want))
	}
	rank := map[string]int{"error": 0, "warning": 1, "info": 2}
	seen := map[string]bool{}
	last := -1
	for _, i := range tb.view {
		sev := tb.rows[i].cells[0].text
		if rank[sev] < last {
			t.Errorf("severity %s after a less serious one: %v", sev, findingRefs(m))
		}
		last = rank[sev]
		seen[sev] = true
	}
	if !seen["error"] || !seen["warning"] {
		t.Errorf("fixture should raise errors and warnings, saw %v", seen)
	}
	view := m.View().Content
	for _, s := range []string{"[6 Findings]", "error", "NodePool/batch", "NodeClaim/gpu-m9n0p"} {
		if !strings.Contains(view, s) {
			t.Errorf("80x24 Findings tab lacks %q:\n%s", s, view)
		}
	}
}

func TestNarrowingToAPoolNarrowsFindings(t *testing.T) {
	m := findingModel(t, 80, 24)
	all := findingRefs(m)
	if !slices.Contains(all, "NodePool/batch") {
		t.Fatalf("fixture lacks the batch finding: %v", all)
	}

	// NodePools are sorted by name: batch, general-purpose, gpu, system.
	m = press(t, m, "G", "k", "p")
	if m.pool != "gpu" {
		t.Fatalf("pool = %q, want gpu", m.pool)
	}
	got := findingRefs(m)
	want := []string{"NodeClaim/gpu-m9n0p", "NodeClass/gpu-class"}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("narrowed to gpu, findings %v lack %s", got, w)
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) && g != "NodePool/gpu" {
			t.Errorf("narrowed to gpu, findings list %s", g)
		}
	}
	if len(got) >= len(all) {
		t.Errorf("narrowing kept %d of %d findings", len(got), len(all))
	}

	// The NodeClass serves batch too: its finding stays when batch is
	// the pool, and the claim's goes.
	m = press(t, m, "P", "1", "g", "p")
	got = findingRefs(m)
	if m.pool != "batch" || !slices.Contains(got, "NodeClass/gpu-class") ||
		!slices.Contains(got, "NodePool/batch") || slices.Contains(got, "NodeClaim/gpu-m9n0p") {
		t.Errorf("narrowed to %q, findings = %v", m.pool, got)
	}
	if m = press(t, m, "P"); len(findingRefs(m)) != len(all) {
		t.Errorf("P left %d of %d findings", len(findingRefs(m)), len(all))
	}
}

func TestEnterOnAFindingOpensItsObject(t *testing.T) {
	tests := []struct {
		object string
		// fromPanel opens the same object from its own panel.
		fromPanel []string
	}{
		{"NodeClaim/gpu-m9n0p", []string{"2", "G", "k"}},
		{"NodePool/batch", []string{"1", "g"}},
		{"NodeClass/gpu-class", []string{"5", "G"}},
	}
	for _, tt := range tests {
		t.Run(tt.object, func(t *testing.T) {
			m := press(t, findingModel(t, 80, 24), "6")
			at := slices.Index(findingRefs(m), tt.object)
			if at < 0 {
				t.Fatalf("no finding about %s: %v", tt.object, findingRefs(m))
			}
			m.tables[panelFindings].moveTo(at)
			got := press(t, m, "enter")
			want := press(t, findingModel(t, 80, 24), append(tt.fromPanel, "enter")...)
			if len(got.stack) != 1 || len(want.stack) != 1 {
				t.Fatalf("stack depths %d and %d, want 1", len(got.stack), len(want.stack))
			}
			g, w := got.top(), want.top()
			if g.ref.String() != tt.object || g.ref != w.ref || g.spec.title != w.spec.title {
				t.Errorf("enter opened %v (%s), its panel opens %v (%s)", g.ref, g.spec.title,
					w.ref, w.spec.title)
			}
			if back := press(t, got, "esc"); len(back.stack) != 0 || back.focus != panelFindings {
				t.Errorf("esc did not return to the Findings panel")
			}
		})
	}
}

func TestFindingTextFromTheClusterIsSanitized(t *testing.T) {
	in := findingInputs()
	in.NodeClaims[4].Conditions[0].Message = "boom\x1b]0;pwned\x07\x1b[2J"
	m := press(t, newTestModel(t, model.Build(in), 120, 40, true), "6")
	view := m.View().Content
	if strings.Contains(view, "\x07") || strings.Contains(view, "\x1b]") ||
		strings.Contains(view, "\x1b[2J") {
		t.Errorf("a control sequence reached the screen: %q", view)
	}
}

func TestFindingsGolden(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		name := "findings-120x40-" + map[bool]string{true: "plain", false: "colour"}[noColor]
		t.Run(name, func(t *testing.T) {
			t.Setenv("NO_COLOR", "")
			m := newTestModel(t, priced(model.Build(findingInputs()), ""), 120, 40, noColor)
			checkGolden(t, name, press(t, m, "6").View().Content)
		})
	}
	t.Setenv("NO_COLOR", "")
	m := newTestModel(t, priced(model.Build(findingInputs()), ""), 80, 24, true)
	checkGolden(t, "findings-80x24-plain", press(t, m, "6").View().Content)
}

// A finding about the cluster as a whole opens the cluster's page, the
// comparison, as c does.
func TestEnterOnAClusterFindingOpensTheComparison(t *testing.T) {
	in := standardInputs()
	in.Evidence.ENIConfigs = 2
	t.Setenv("NO_COLOR", "")
	m := press(t, newTestModel(t, model.Build(in), 120, 40, true), "6")
	at := slices.Index(findingRefs(m), "Cluster/staging")
	if at < 0 {
		t.Fatalf("no finding about the cluster: %v", findingRefs(m))
	}
	m.tables[panelFindings].moveTo(at)
	m = press(t, m, "enter")
	v := m.top()
	if v == nil || v.text == nil || v.ref.Kind != kindCluster || v.text.mode != modeCompare {
		t.Fatalf("enter opened %+v, want the comparison", v)
	}
	if view := m.View().Content; !strings.Contains(view, "Findings › staging › comparison") ||
		!strings.Contains(view, "1 ENIConfig") && !strings.Contains(view, "2 ENIConfig") {
		t.Errorf("the comparison does not show:\n%s", view)
	}
}

func TestFindingsCommandFocusesThePanel(t *testing.T) {
	m := press(t, findingModel(t, 80, 24), "c")
	m = drive(t, m, command("findings")...)
	if m.focus != panelFindings || len(m.stack) != 0 {
		t.Errorf(":findings left focus %d with %d levels", m.focus, len(m.stack))
	}
}

// BenchmarkFindingRows5000 is the Findings panel's share of a snapshot of
// 5,000 NodeClaims that all failed to launch: 5,000 findings, each placed
// in its pool.
func BenchmarkFindingRows5000(b *testing.B) {
	in := bigInputs(5000)
	for i := range in.NodeClaims {
		in.NodeClaims[i].NodeName = ""
		in.NodeClaims[i].Conditions = []model.Condition{{Type: model.CondLaunched,
			Status: "False", Reason: "Unauthorized", Message: "not authorized"}}
	}
	c := model.Build(in)
	if n := len(findingRows(c)); n < 5000 {
		b.Fatalf("%d finding rows, want at least 5000", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = findingRows(c)
	}
}

func TestDOnAFindingShowsItsWholeTextAndLink(t *testing.T) {
	m := press(t, findingModel(t, 80, 24), "6")
	at := slices.Index(findingRefs(m), "NodePool/batch")
	if at < 0 {
		t.Fatalf("no finding about NodePool/batch: %v", findingRefs(m))
	}
	m.tables[panelFindings].moveTo(at)
	m = press(t, m, "d")
	v := m.top()
	if v == nil || v.text == nil || v.ref.Kind != kindFinding {
		t.Fatalf("d opened %+v, want the finding", v)
	}
	view := m.View().Content
	for _, s := range []string{"Message:   expireAfter: Never is refused on an Auto Mode NodeClass",
		"Hint:      set expireAfter", "Docs:      https://", "Object:    NodePool/batch"} {
		if !strings.Contains(view, s) {
			t.Errorf("the finding's view lacks %q:\n%s", s, view)
		}
	}
	if yaml := press(t, m, "y").View().Content; !strings.Contains(yaml,
		"a finding is not a Kubernetes object") {
		t.Errorf("y on a finding does not say why there is no YAML:\n%s", yaml)
	}
	if back := press(t, m, "esc"); len(back.stack) != 0 || back.focus != panelFindings {
		t.Error("esc did not return to the Findings panel")
	}
}

func TestFindingViewGolden(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	m := newTestModel(t, priced(model.Build(findingInputs()), ""), 80, 24, true)
	checkGolden(t, "findings-80x24-describe-plain", press(t, m, "6", "d").View().Content)
}
