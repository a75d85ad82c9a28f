package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// press feeds keys to the model one by one.
func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		m = step(t, m, keyMsg(k))
	}
	return m
}

// shown lists the names a panel shows, in order.
func shown(m Model, id panelID) []string {
	tb := m.tables[id]
	out := make([]string, 0, len(tb.view))
	for _, i := range tb.view {
		out = append(out, tb.rows[i].key)
	}
	return out
}

func autoModel(t *testing.T, w, h int) Model {
	t.Helper()
	t.Setenv("NO_COLOR", "")
	return newTestModel(t, model.Build(autoModeInputs()), w, h, true)
}

func TestFilterNarrowsTheFocusedPanelBySubsequence(t *testing.T) {
	m := press(t, autoModel(t, 80, 24), "/", "g", "p", "p")
	if got, want := shown(m, panelNodePools), []string{"general-purpose"}; !slices.Equal(got, want) {
		t.Fatalf("NodePools after /gpp = %v, want %v", got, want)
	}
	if !strings.Contains(m.View().Content, "filter /gpp▏") {
		t.Errorf("the title does not show the filter being typed:\n%s", m.View().Content)
	}
	if got := shown(m, panelNodeClaims); len(got) != 5 {
		t.Errorf("the filter leaked into NodeClaims: %v", got)
	}

	m = press(t, m, "backspace", "enter")
	if got, want := shown(m, panelNodePools), []string{"general-purpose", "gpu"}; !slices.Equal(got, want) {
		t.Errorf("NodePools after backspace = %v, want %v", got, want)
	}
	if m.prompt.active {
		t.Error("enter did not end typing")
	}
	m = press(t, m, "q")
	m = press(t, m, "esc")
	if got := shown(m, panelNodePools); len(got) != 3 {
		t.Errorf("esc did not clear the filter: %v", got)
	}
}

func TestQKeyTypesIntoTheFilterInsteadOfQuitting(t *testing.T) {
	m := press(t, autoModel(t, 80, 24), "/")
	next, cmd := m.Update(keyMsg("q"))
	if cmd != nil {
		t.Fatalf("q while typing a filter returned a command: %T", cmd())
	}
	if got := next.(Model).tables[panelNodePools].filter; got != "q" {
		t.Errorf("filter = %q, want %q", got, "q")
	}
}

func TestSortCyclesColumnsAndReverses(t *testing.T) {
	m := press(t, autoModel(t, 120, 40), "s")
	got, want := shown(m, panelNodePools), []string{"general-purpose", "system", "gpu"}
	if !slices.Equal(got, want) {
		t.Errorf("sorted by ORIGIN = %v, want %v", got, want)
	}
	if !strings.Contains(m.View().Content, "ORIGIN▲") {
		t.Errorf("the ORIGIN header is not marked as sorted")
	}

	m = press(t, m, "S")
	got, want = shown(m, panelNodePools), []string{"gpu", "general-purpose", "system"}
	if !slices.Equal(got, want) {
		t.Errorf("reversed = %v, want %v", got, want)
	}
	if !strings.Contains(m.View().Content, "ORIGIN▼") {
		t.Errorf("the ORIGIN header is not marked as reversed")
	}

	m = press(t, m, "3", "s", "s", "s", "s", "s", "s", "S")
	if got, want := shown(m, panelNodes)[0], "i-0a11"; got != want {
		t.Errorf("nodes sorted by READY, reversed, start with %s, want %s", got, want)
	}
}

func TestPOnAPoolNarrowsClaimsAndNodesAndShiftPClearsIt(t *testing.T) {
	m := press(t, autoModel(t, 80, 24), "j", "p")
	if m.focus != panelNodeClaims {
		t.Errorf("focus after p = %d, want NodeClaims", m.focus)
	}
	if got, want := shown(m, panelNodeClaims), []string{"gpu-j7k8l", "gpu-m9n0p"}; !slices.Equal(got, want) {
		t.Errorf("NodeClaims narrowed to gpu = %v, want %v", got, want)
	}
	if got, want := shown(m, panelNodes), []string{"i-0d44"}; !slices.Equal(got, want) {
		t.Errorf("Nodes narrowed to gpu = %v, want %v", got, want)
	}
	if view := m.View().Content; !strings.Contains(view, "pool gpu") {
		t.Errorf("the title does not say the pool:\n%s", view)
	}

	cleared := press(t, m, "P")
	if got := shown(cleared, panelNodeClaims); len(got) != 5 {
		t.Errorf("P did not clear the pool: %v", got)
	}
	cleared = press(t, m, "esc")
	if got := shown(cleared, panelNodes); len(got) != 4 {
		t.Errorf("esc did not clear the pool: %v", got)
	}
}

func TestPOnANodeNarrowsToItsPool(t *testing.T) {
	m := press(t, autoModel(t, 80, 24), "3", "G", "p")
	if m.pool != "gpu" || m.focus != panelNodes {
		t.Errorf("p on node i-0d44 narrowed to %q with focus %d, want gpu on Nodes", m.pool,
			m.focus)
	}
	if got := shown(m, panelNodeClaims); len(got) != 2 {
		t.Errorf("NodeClaims narrowed to gpu = %v", got)
	}
}

func TestEnterDoesNotNarrowThePool(t *testing.T) {
	m := press(t, autoModel(t, 80, 24), "j", "enter")
	if m.pool != "" {
		t.Errorf("enter narrowed the dashboard to %q; p does that", m.pool)
	}
}

func TestTabsSwitchPanels(t *testing.T) {
	tests := []struct {
		keys []string
		want panelID
		tab  string
	}{
		{[]string{"tab"}, panelNodeClaims, "[2 NodeClaims]"},
		{[]string{"shift+tab"}, panelFindings, "[6 Findings]"},
		{[]string{"tab", "tab", "tab", "tab", "tab", "tab"}, panelNodePools, "[1 NodePools]"},
		{[]string{"3"}, panelNodes, "[3 Nodes]"},
		{[]string{"4", "shift+tab"}, panelNodes, "[3 Nodes]"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, " "), func(t *testing.T) {
			m := press(t, autoModel(t, 80, 24), tt.keys...)
			if m.focus != tt.want {
				t.Errorf("focus = %d, want %d", m.focus, tt.want)
			}
			if view := m.View().Content; !strings.Contains(view, tt.tab) {
				t.Errorf("tab bar does not mark %s:\n%s", tt.tab, view)
			}
		})
	}
}

func TestCursorStaysOnItsNodeWhenRowsAreInsertedAbove(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	m := newTestModel(t, model.Build(bigInputs(30)), 80, 24, true)
	m = press(t, m, "3", "j", "j", "j", "j", "j", "j", "j", "j", "j", "j")
	want := m.tables[panelNodes].selected()
	before := m.tables[panelNodes].cursor - m.tables[panelNodes].offset

	in := bigInputs(30)
	for _, name := range []string{"i-0000000000000001", "i-0000000000000002", "i-0000000000000003"} {
		in.Nodes = append(in.Nodes, autoNode(name, "pool-00", "c6g.large", "spot",
			"eu-west-1a", testNow))
	}
	m = step(t, m, snapshotMsg{cluster: model.Build(in)})

	tb := m.tables[panelNodes]
	if got := tb.selected(); got != want {
		t.Errorf("cursor moved to %q, want it to stay on %q", got, want)
	}
	if got := tb.rows[tb.view[tb.cursor]].key; got != want {
		t.Errorf("cursor index points at %q, want %q", got, want)
	}
	if after := tb.cursor - tb.offset; after != before {
		t.Errorf("cursor moved on screen from line %d to %d", before, after)
	}
	if !strings.Contains(m.View().Content, "› "+want) {
		t.Errorf("the screen does not mark %s as the cursor row", want)
	}
}

func TestCursorFallsBackToItsIndexWhenItsObjectGoes(t *testing.T) {
	m := press(t, autoModel(t, 80, 24), "3", "G")
	in := autoModeInputs()
	in.Nodes = in.Nodes[:2]
	m = step(t, m, snapshotMsg{cluster: model.Build(in)})
	if got := m.tables[panelNodes].selected(); got != "i-0b22" {
		t.Errorf("cursor on %q after its node went, want the last row i-0b22", got)
	}
}

func TestNavigationKeys(t *testing.T) {
	tests := []struct {
		keys []string
		want string
	}{
		{[]string{"j"}, "i-0b22"},
		{[]string{"down", "down", "up"}, "i-0b22"},
		{[]string{"G"}, "i-0d44"},
		{[]string{"G", "g"}, "i-0a11"},
		{[]string{"pgdown"}, "i-0d44"},
		{[]string{"pgdown", "pgup"}, "i-0a11"},
		{[]string{"k"}, "i-0a11"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, " "), func(t *testing.T) {
			m := press(t, autoModel(t, 80, 24), append([]string{"3"}, tt.keys...)...)
			if got := m.tables[panelNodes].selected(); got != tt.want {
				t.Errorf("cursor on %q, want %q", got, tt.want)
			}
		})
	}
}

func TestQuitKeysReturnTeaQuit(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		t.Run(k, func(t *testing.T) {
			_, cmd := autoModel(t, 80, 24).Update(keyMsg(k))
			if cmd == nil {
				t.Fatal("no command")
			}
			if _, ok := cmd().(tea.QuitMsg); !ok {
				t.Errorf("command returned %T, want tea.QuitMsg", cmd())
			}
		})
	}
}

func TestHelpOverlayListsTheKeyMap(t *testing.T) {
	m := press(t, autoModel(t, 120, 40), "?")
	view := m.View().Content
	for _, group := range m.keys.fullHelp() {
		for _, b := range group {
			if !strings.Contains(view, b.Help().Desc) {
				t.Errorf("help does not list %q", b.Help().Desc)
			}
		}
	}
	if m = press(t, m, "esc"); m.help {
		t.Error("esc did not close the help")
	}
}

func TestMouseClickFocusesAndSelects(t *testing.T) {
	m := autoModel(t, 120, 40)
	var nodes placement
	for _, b := range m.screen.bands {
		for _, p := range b.panels {
			if p.id == panelNodes {
				nodes = p
			}
		}
	}
	m = step(t, m, tea.MouseClickMsg{X: 5, Y: nodes.y + 2 + 2, Button: tea.MouseLeft})
	if m.focus != panelNodes {
		t.Errorf("focus = %d after clicking Nodes", m.focus)
	}
	if got := m.tables[panelNodes].selected(); got != "i-0c33" {
		t.Errorf("clicked the third node, cursor on %q", got)
	}

	m = step(t, m, tea.MouseWheelMsg{X: 5, Y: nodes.y + 3, Button: tea.MouseWheelDown})
	if got := m.tables[panelNodes].selected(); got != "i-0d44" {
		t.Errorf("wheel down, cursor on %q", got)
	}
}
