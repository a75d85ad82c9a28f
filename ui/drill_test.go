package ui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestDrillFromPoolToClaimToNodeDescribeAndBack(t *testing.T) {
	d := newFakeDetails()
	d.describe["Node/i-0b22"] = "Name:               i-0b22\nRoles:              <none>\n"
	m := detailModel(t, d, 120, 40)

	m = drive(t, m, "enter")
	if got, want := shown(m, panelNodeClaims), []string{"general-purpose-d3e4f",
		"general-purpose-g5h6i", "gpu-j7k8l", "gpu-m9n0p", "system-a1b2c"}; !slices.Equal(got, want) {
		t.Errorf("opening a pool narrowed the dashboard's NodeClaims: %v", got)
	}
	page := m.top()
	if page == nil || page.list == nil {
		t.Fatal("enter on a NodePool opened no page")
	}
	if got := keysOf(page.list); !slices.Equal(got, []string{"general-purpose-d3e4f",
		"general-purpose-g5h6i"}) {
		t.Errorf("the pool's page lists %v", got)
	}

	m = drive(t, m, "enter")
	if got := keysOf(m.top().list); !slices.Equal(got, []string{"i-0b22"}) {
		t.Errorf("the NodeClaim's page lists %v, want its node i-0b22", got)
	}

	m = drive(t, m, "d")
	view := m.View().Content
	crumb := "NodePools › general-purpose › NodeClaims › general-purpose-d3e4f › Node › " +
		"i-0b22 › describe"
	if !strings.Contains(view, crumb) {
		t.Errorf("breadcrumb %q missing:\n%s", crumb, view)
	}
	if !strings.Contains(view, "Roles:              <none>") {
		t.Errorf("the node's describe text is not shown:\n%s", view)
	}
	if n := d.count("describe Node/i-0b22"); n != 1 {
		t.Errorf("describe was fetched %d times, want once", n)
	}

	m = drive(t, m, "esc", "esc", "esc")
	if len(m.stack) != 0 {
		t.Fatalf("three esc left %d levels open", len(m.stack))
	}
	if got := m.tables[panelNodePools].selected(); got != "general-purpose" {
		t.Errorf("back on the dashboard the cursor is on %q", got)
	}
	if strings.Contains(m.View().Content, "NodePools › ") {
		t.Error("the dashboard still shows a breadcrumb")
	}
}

func keysOf(t *table) []string {
	var out []string
	for _, i := range t.view {
		out = append(out, t.rows[i].key)
	}
	return out
}

func TestNodePageListsItsPodsAndEnterDescribesAPod(t *testing.T) {
	d := newFakeDetails()
	d.describe["Pod/web/shop-1"] = "Name:         shop-1\nNamespace:    web\n"
	m := detailModel(t, d, 120, 40)
	m = drive(t, m, "3", "j", "enter")
	if got := keysOf(m.top().list); !slices.Equal(got, []string{"web/shop-1"}) {
		t.Fatalf("node i-0b22's page lists %v", got)
	}
	if view := m.View().Content; !strings.Contains(view, "Pods of Node i-0b22 (1)") {
		t.Errorf("the page's title is missing:\n%s", view)
	}

	m = drive(t, m, "enter")
	if !strings.Contains(m.View().Content, "Namespace:    web") {
		t.Errorf("enter on a pod did not describe it:\n%s", m.View().Content)
	}
}

func TestYAMLAndEventsNewestFirst(t *testing.T) {
	d := newFakeDetails()
	ref := "NodeClaim/gpu-m9n0p"
	d.yaml[ref] = "apiVersion: karpenter.sh/v1\nkind: NodeClaim\n"
	d.events[ref] = []model.Event{event("Older", testNow.Add(-10*time.Minute)),
		event("Newest", testNow.Add(-time.Minute)), event("Oldest", testNow.Add(-time.Hour))}
	m := detailModel(t, d, 120, 40)
	m = drive(t, m, "2", "G", "k", "y")
	if !strings.Contains(m.View().Content, "kind: NodeClaim") {
		t.Errorf("y did not show the YAML:\n%s", m.View().Content)
	}

	m = drive(t, m, "e")
	view := m.View().Content
	newest, older := strings.Index(view, "Newest"), strings.Index(view, "Older")
	oldest := strings.Index(view, "Oldest")
	if newest < 0 || !(newest < older && older < oldest) {
		t.Errorf("events are not newest first:\n%s", view)
	}
	if !strings.Contains(view, "gpu-m9n0p › events") {
		t.Errorf("the breadcrumb does not say events:\n%s", view)
	}
}

func TestDetailErrorIsOneLine(t *testing.T) {
	d := newFakeDetails()
	d.err = errors.New("getting Node/i-0a11: nodes \"i-0a11\" is forbidden:\nUser cannot get")
	m := detailModel(t, d, 80, 24)
	m = drive(t, m, "3", "d")
	lines := strings.Split(ansi.Strip(m.View().Content), "\n")
	var errLines []string
	for _, l := range lines {
		if strings.Contains(l, "forbidden") || strings.Contains(l, "User cannot get") {
			errLines = append(errLines, l)
		}
	}
	if len(errLines) != 1 || !strings.HasPrefix(strings.TrimSpace(errLines[0]), "error: ") {
		t.Errorf("the error is not one line starting error: %q", errLines)
	}
}

func TestDetailTextIsSanitised(t *testing.T) {
	d := newFakeDetails()
	d.describe["Node/i-0a11"] = "Name: i-0a11\x1b]52;c;aGVsbG8=\x07\nNote: \x1b[2Jcleared\u202e\n"
	m := detailModel(t, d, 80, 24)
	view := drive(t, m, "3", "d").View().Content
	for _, bad := range []string{"\x1b]52", "\x1b[2J", "\x07", "\u202e"} {
		if strings.Contains(view, bad) {
			t.Errorf("the view holds %q from the cluster", bad)
		}
	}
	if !strings.Contains(view, "Note: cleared") {
		t.Errorf("the text around the escapes is lost:\n%s", view)
	}
}

func TestSearchHighlightsAndNJumpsToTheNextMatch(t *testing.T) {
	d := newFakeDetails()
	var b strings.Builder
	for i := range 200 {
		line := fmt.Sprintf("line %d", i)
		if i == 5 || i == 150 || i == 190 {
			line += " Taints: karpenter.sh/disrupted"
		}
		b.WriteString(line + "\n")
	}
	d.describe["Node/i-0a11"] = b.String()
	m := detailModel(t, d, 80, 24)
	m = drive(t, m, "3", "d")
	m = drive(t, m, append(append([]string{"/"}, typed("taints")...), "enter")...)

	tv := m.top().text
	if tv.matches != 3 {
		t.Errorf("search found %d matches, want 3", tv.matches)
	}
	if !strings.Contains(m.View().Content, "/taints: 3 matches") {
		t.Errorf("the title does not show the search:\n%s", m.View().Content)
	}
	m = drive(t, m, "n")
	if off := tv.vp.YOffset(); off == 0 || off > 150 {
		t.Errorf("n left the view at line %d, want it scrolled to line 150", off)
	}
	m = drive(t, m, "N", "N")
	if !strings.Contains(ansi.Strip(m.View().Content), "line 190 Taints") {
		t.Errorf("N twice from the second match should wrap to the last:\n%s", m.View().Content)
	}
	m = drive(t, m, "esc")
	if tv.query != "" || len(m.stack) != 1 {
		t.Errorf("esc should clear the search first (query %q, %d levels)", tv.query,
			len(m.stack))
	}
}

func TestOpenDetailRefetchesOnlyWhenItsObjectChanges(t *testing.T) {
	d := newFakeDetails()
	d.describe["Node/i-0b22"] = "Unschedulable:      false\n"
	m := detailModel(t, d, 80, 24)
	m = drive(t, m, "3", "j", "d")

	next, cmd := m.Update(snapshotMsg{cluster: model.Build(autoModeInputs())})
	m = runCmd(t, next.(Model), cmd)
	if n := d.count("describe Node/i-0b22"); n != 1 {
		t.Errorf("an unchanged node was fetched again: %d fetches", n)
	}

	in := autoModeInputs()
	in.Nodes[1].Unschedulable = true
	d.describe["Node/i-0b22"] = "Unschedulable:      true\n"
	next, cmd = m.Update(snapshotMsg{cluster: model.Build(in)})
	m = runCmd(t, next.(Model), cmd)
	if n := d.count("describe Node/i-0b22"); n != 2 {
		t.Errorf("a cordoned node was fetched %d times, want twice", n)
	}
	if !strings.Contains(m.View().Content, "Unschedulable:      true") {
		t.Errorf("the describe did not update:\n%s", m.View().Content)
	}

	in.Nodes = slices.Delete(in.Nodes, 1, 2)
	m = step(t, m, snapshotMsg{cluster: model.Build(in)})
	if !strings.Contains(m.View().Content, "gone from the cluster") {
		t.Errorf("a deleted node's view does not say so:\n%s", m.View().Content)
	}
}

func TestComponentsOpenTheirEvidence(t *testing.T) {
	m := detailModel(t, newFakeDetails(), 120, 40)
	m = drive(t, m, "4", "enter")
	view := m.View().Content
	if !strings.Contains(view, "Evidence:") || !strings.Contains(view, "describe Component/") {
		t.Errorf("enter on a component did not show its evidence:\n%s", view)
	}
	m = drive(t, m, "y")
	if !strings.Contains(m.View().Content, "not a Kubernetes object") {
		t.Errorf("y on a component should say why there is no YAML:\n%s", m.View().Content)
	}
}

func TestWithoutDetailsTheViewSaysSo(t *testing.T) {
	m := drive(t, autoModel(t, 80, 24), "3", "d")
	if !strings.Contains(m.View().Content, "error: this source cannot show describe") {
		t.Errorf("no one-line error without Details:\n%s", m.View().Content)
	}
}

func TestNodeClassPageListsItsPools(t *testing.T) {
	m := drive(t, detailModel(t, newFakeDetails(), 120, 40), "5", "enter")
	if got := keysOf(m.top().list); !slices.Equal(got, []string{"general-purpose", "gpu",
		"system"}) {
		t.Errorf("NodeClass default's page lists %v", got)
	}
	if !strings.Contains(m.View().Content, "NodePools of NodeClass default (3)") {
		t.Errorf("the page's title is missing:\n%s", m.View().Content)
	}
}

func TestMouseInTheDrillDown(t *testing.T) {
	d := newFakeDetails()
	d.describe["Node/i-0a11"] = strings.Repeat("line\n", 100)
	m := drive(t, detailModel(t, d, 120, 40), "enter")
	m = step(t, m, tea.MouseClickMsg{X: 4, Y: contentY + 2, Button: tea.MouseLeft})
	if got := m.top().list.selected(); got != "general-purpose-g5h6i" {
		t.Errorf("clicking the page's second row selected %q", got)
	}

	m = drive(t, m, "esc", "3", "d")
	m = step(t, m, tea.MouseWheelMsg{X: 4, Y: 10, Button: tea.MouseWheelDown})
	if off := m.top().text.vp.YOffset(); off != wheelRows {
		t.Errorf("the wheel scrolled the describe to line %d, want %d", off, wheelRows)
	}
}

func TestPageListsFilterSortAndKeepTheirCursorAcrossSnapshots(t *testing.T) {
	m := drive(t, detailModel(t, newFakeDetails(), 120, 40), "enter")
	m = drive(t, m, "/", "g", "5", "enter")
	if got := keysOf(m.top().list); !slices.Equal(got, []string{"general-purpose-g5h6i"}) {
		t.Errorf("the page filtered by g5 lists %v", got)
	}
	m = drive(t, m, "esc")
	if len(m.stack) != 1 || len(keysOf(m.top().list)) != 2 {
		t.Fatalf("esc on a filtered page should clear the filter and stay on the page")
	}

	m = drive(t, m, "j")
	in := autoModeInputs()
	in.NodeClaims = append(in.NodeClaims, model.NodeClaim{Name: "general-purpose-0aaaa",
		NodePool: "general-purpose", Created: testNow})
	m = step(t, m, snapshotMsg{cluster: model.Build(in)})
	page := m.top().list
	if got := len(page.rows); got != 3 {
		t.Errorf("the page did not take the new NodeClaim: %d rows", got)
	}
	if got := page.selected(); got != "general-purpose-g5h6i" {
		t.Errorf("a claim inserted above moved the page's cursor to %q", got)
	}

	m = drive(t, m, "S")
	if got := keysOf(m.top().list)[0]; got != "general-purpose-g5h6i" {
		t.Errorf("reversed by name, the page starts with %q", got)
	}
}

// New events about an object that has not changed still reach an open
// events view, fetched again on a later snapshot, but at most once per
// eventsRefresh of snapshot time.
func TestEventsViewFetchesNewEventsOnLaterSnapshots(t *testing.T) {
	d := newFakeDetails()
	m := detailModel(t, d, 80, 24)
	m = drive(t, m, "3", "j", "e")
	if n := d.count("events Node/i-0b22"); n != 1 {
		t.Fatalf("opening the events view fetched %d times, want once", n)
	}

	in := autoModeInputs()
	in.Now = in.Now.Add(eventsRefresh / 2)
	next, cmd := m.Update(snapshotMsg{cluster: model.Build(in)})
	m = runCmd(t, next.(Model), cmd)
	if n := d.count("events Node/i-0b22"); n != 1 {
		t.Errorf("a snapshot within %v fetched the events again: %d fetches",
			eventsRefresh, n)
	}

	in = autoModeInputs()
	in.Now = in.Now.Add(eventsRefresh)
	next, cmd = m.Update(snapshotMsg{cluster: model.Build(in)})
	runCmd(t, next.(Model), cmd)
	if n := d.count("events Node/i-0b22"); n != 2 {
		t.Errorf("a snapshot %v later fetched the events %d times in all, want twice",
			eventsRefresh, n)
	}
}
