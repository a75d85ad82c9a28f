package ui

import (
	"image/color"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// chosenModel is the Auto Mode fixture drawn at 120×40 with the options.
func chosenModel(t *testing.T, opts Options) Model {
	t.Helper()
	m := NewWithOptions(nil, nil, opts)
	m = step(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	return step(t, m, snapshotMsg{cluster: model.Build(autoModeInputs())})
}

// headerWith returns the screen line holding the nodes' column titles.
func headerWith(t *testing.T, m Model, title string) string {
	t.Helper()
	for _, line := range strings.Split(m.View().Content, "\n") {
		if strings.Contains(line, title) {
			return line
		}
	}
	t.Fatalf("no line holds %q:\n%s", title, m.View().Content)
	return ""
}

func TestConfiguredPanelOpensFirst(t *testing.T) {
	m := chosenModel(t, Options{Panel: "nodes"})
	if m.focus != panelNodes {
		t.Errorf("focus = %d, want Nodes", m.focus)
	}
	if m := chosenModel(t, Options{}); m.focus != panelNodePools {
		t.Errorf("focus without a choice = %d, want NodePools", m.focus)
	}
}

func TestAChosenPanelHoldsOnAClusterWithoutPools(t *testing.T) {
	m := NewWithOptions(nil, nil, Options{Panel: "nodepools"})
	m = step(t, m, snapshotMsg{cluster: model.Build(standardInputs())})
	if m.focus != panelNodePools {
		t.Errorf("focus = %d, want the NodePools the user chose", m.focus)
	}
}

func TestConfiguredSortOrdersAndMarksTheColumn(t *testing.T) {
	m := chosenModel(t, Options{Sort: map[string]string{"nodepools": "origin"}})
	got, want := shown(m, panelNodePools), []string{"general-purpose", "system", "gpu"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted by origin = %v, want %v", got, want)
	}
	if !strings.Contains(m.View().Content, "ORIGIN▲") {
		t.Errorf("the ORIGIN title is not marked as sorted")
	}

	m = chosenModel(t, Options{Sort: map[string]string{"nodepools": "-ORIGIN"}})
	got, want = shown(m, panelNodePools), []string{"gpu", "general-purpose", "system"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted by -ORIGIN = %v, want %v", got, want)
	}
}

func TestConfiguredColumnsAreShownInTheirOrderWithTheName(t *testing.T) {
	m := chosenModel(t, Options{Panel: "nodes",
		Columns: map[string][]string{"nodes": {"fee/h", "KIND"}}})
	line := headerWith(t, m, "FEE/H")
	name, fee, kind := strings.Index(line, "NAME"), strings.Index(line, "FEE/H"),
		strings.Index(line, "KIND")
	if name < 0 || !(name < fee && fee < kind) {
		t.Errorf("want NAME, FEE/H, KIND in that order: %q", line)
	}
	for _, gone := range []string{"POOL", "ZONE", "EC2/H", "READY"} {
		if strings.Contains(line, gone) {
			t.Errorf("%s shows though the list leaves it out: %q", gone, line)
		}
	}

	all := headerWith(t, chosenModel(t, Options{Panel: "nodes"}), "FEE/H")
	if !strings.Contains(all, "ZONE") || !strings.Contains(all, "EC2/H") {
		t.Errorf("without a list every column that fits shows: %q", all)
	}
}

// The accent is #79c0ff on dark backgrounds and #0550ae on light ones.
const darkAccent, lightAccent = "121;192;255", "5;80;174"

func TestFixedThemeIgnoresTheTerminalBackground(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	light := chosenModel(t, Options{Theme: "light"})
	if !strings.Contains(light.View().Content, lightAccent) {
		t.Error("the light theme does not use the light accent")
	}
	light = step(t, light, tea.BackgroundColorMsg{Color: color.Black})
	if content := light.View().Content; strings.Contains(content, darkAccent) {
		t.Error("a light theme switched to dark when the terminal reported a dark background")
	}

	dark := step(t, chosenModel(t, Options{Theme: "dark"}), tea.BackgroundColorMsg{Color: color.White})
	if content := dark.View().Content; !strings.Contains(content, darkAccent) ||
		strings.Contains(content, lightAccent) {
		t.Error("a dark theme switched to light when the terminal reported a light background")
	}

	auto := step(t, chosenModel(t, Options{}), tea.BackgroundColorMsg{Color: color.White})
	if !strings.Contains(auto.View().Content, lightAccent) {
		t.Error("the auto theme did not follow a light terminal")
	}
}

func TestMonoThemeDrawsNoColour(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	content := chosenModel(t, Options{Theme: "mono"}).View().Content
	if strings.Contains(content, darkAccent) || strings.Contains(content, lightAccent) {
		t.Errorf("the mono theme drew a colour")
	}
}

func TestPanelColumnsNamesEveryPanel(t *testing.T) {
	cols := PanelColumns()
	if len(cols) != int(panelCount) {
		t.Fatalf("%d panels named, want %d", len(cols), panelCount)
	}
	if !slices.Contains(cols["nodes"], "FEE/H") || cols["findings"] == nil {
		t.Errorf("PanelColumns = %v", cols)
	}
}

// A list of every column, even in another order, shows no more columns on
// a narrow screen than the panel shows without a list: width still rules.
func TestChosenColumnsNeverWidenANarrowPanel(t *testing.T) {
	narrow := func(opts Options) []int {
		m := NewWithOptions(nil, nil, opts)
		m = step(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
		m = step(t, m, snapshotMsg{cluster: model.Build(autoModeInputs())})
		return m.tables[panelNodes].shown
	}
	all := slices.Clone(PanelColumns()["nodes"])
	slices.Reverse(all)

	plain, listed := narrow(Options{}), narrow(Options{Columns: map[string][]string{"nodes": all}})
	if len(plain) == len(all) {
		t.Fatalf("every column fits at 80 cells, so the test proves nothing: %v", plain)
	}
	if !slices.Equal(slices.Sorted(slices.Values(listed)), slices.Sorted(slices.Values(plain))) {
		t.Errorf("listing every column shows %v, want the same set as without a list, %v",
			listed, plain)
	}
	if !slices.IsSortedFunc(listed, func(a, b int) int { return b - a }) {
		t.Errorf("columns %v are not in the listed (reversed) order", listed)
	}
}

// A sort column the list leaves out is shown anyway, last, so that the
// order of the rows can be read from the header.
func TestTheSortColumnShowsThoughTheListLeavesItOut(t *testing.T) {
	m := chosenModel(t, Options{Panel: "nodes", Sort: map[string]string{"nodes": "-age"},
		Columns: map[string][]string{"nodes": {"TYPE"}}})
	line := headerWith(t, m, "AGE▼")
	name, typ, age := strings.Index(line, "NAME"), strings.Index(line, "TYPE"),
		strings.Index(line, "AGE▼")
	if name < 0 || !(name < typ && typ < age) || strings.Contains(line, "POOL") {
		t.Errorf("want NAME, TYPE, AGE▼ in that order and no more: %q", line)
	}
	got := shown(m, panelNodes)
	if got[0] != "i-0a11" || got[len(got)-1] != "i-0d44" {
		t.Errorf("nodes by -AGE = %v, want the oldest, i-0a11, first", got)
	}
}

// Findings are a panel of their own: the config can open on them, and
// their name column is OBJECT.
func TestFindingsTakeChoicesToo(t *testing.T) {
	m := chosenModel(t, Options{Panel: "findings",
		Columns: map[string][]string{"findings": {"severity"}}})
	if m.focus != panelFindings {
		t.Fatalf("focus = %d, want Findings", m.focus)
	}
	line := headerWith(t, m, "SEVERITY")
	if !strings.Contains(line, "OBJECT") || strings.Contains(line, "MESSAGE") {
		t.Errorf("want SEVERITY and OBJECT only: %q", line)
	}
}

// :ctx builds new tables; they start with the user's sort and columns,
// not the defaults.
func TestChoicesSurviveAContextSwitch(t *testing.T) {
	m := chosenModel(t, Options{Sort: map[string]string{"nodes": "-AGE"},
		Columns: map[string][]string{"nodes": {"AGE"}}})
	next, _ := m.switched(contextMsg{name: "other"})
	tb := next.(Model).tables[panelNodes]
	if got := tb.cols[tb.sortCol].title; got != "AGE" || !tb.desc {
		t.Errorf("after :ctx the nodes sort by %s (desc %v), want -AGE", got, tb.desc)
	}
	if len(tb.chosen) != 2 {
		t.Errorf("after :ctx the nodes show columns %v, want NAME and AGE", tb.chosen)
	}
}
