package ui

import (
	"slices"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// plainRows are rows as they draw: key, pools and each cell's text, tone
// and order, without what a table caches in them.
func plainRows(rows []row) []row {
	out := make([]row, len(rows))
	for i, r := range rows {
		cells := slices.Clone(r.cells)
		for j := range cells {
			cells[j].measured = 0
		}
		out[i] = row{key: r.key, pool: r.pool, pools: r.pools, cells: cells}
	}
	return out
}

// TestKeptRowsAreTheRowsMadeAfresh applies a run of snapshots in which
// nodes and claims change, go, come back and age, and checks that the rows
// the memo keeps are exactly the rows made from nothing.
func TestKeptRowsAreTheRowsMadeAfresh(t *testing.T) {
	in := bigInputs(40)
	snaps := churned(in, 4, 10)

	gone := in
	gone.Nodes = slices.Clone(in.Nodes[5:])
	gone.NodeClaims = slices.Clone(in.NodeClaims[5:])
	snaps = append(snaps, model.Build(gone))

	later := in
	later.Nodes = slices.Clone(in.Nodes)
	later.NodeClaims = slices.Clone(in.NodeClaims)
	later.Now = in.Now.Add(90 * time.Minute)
	snaps = append(snaps, model.Build(later))

	priced := model.Build(in)
	priced.Nodes[3].Price = model.NodePrice{EC2: model.Figure{PerHour: 0.1,
		Source: model.SourceEmbedded}}
	snaps = append(snaps, priced, model.Build(in))

	var kept keptRows
	for i, c := range snaps {
		for _, id := range []panelID{panelNodes, panelNodeClaims} {
			got, want := plainRows(kept.rows(id, c)), plainRows(panels[id].rows(c))
			if !slices.EqualFunc(got, want, sameRow) {
				t.Fatalf("snapshot %d, %s: kept rows differ from fresh ones", i,
					panels[id].title)
			}
		}
	}
	if n := len(kept.nodes.rows); n != len(in.Nodes) {
		t.Errorf("memo holds %d nodes after the last snapshot, want %d", n, len(in.Nodes))
	}
}

func sameRow(a, b row) bool {
	return a.key == b.key && a.pool == b.pool && slices.Equal(a.pools, b.pools) &&
		slices.Equal(a.cells, b.cells)
}

// TestOnlyChangedRowsAreMadeAgain checks that the memo does its job: an
// unchanged node's row is the one made before, a changed node's is new.
func TestOnlyChangedRowsAreMadeAgain(t *testing.T) {
	in := bigInputs(20)
	first := model.Build(in)
	next := in
	next.Nodes = slices.Clone(in.Nodes)
	next.Nodes[7].Unschedulable = true
	second := model.Build(next)

	var kept keptRows
	before := kept.rows(panelNodes, first)
	after := kept.rows(panelNodes, second)
	for i := range after {
		same := &after[i].cells[0] == &before[i].cells[0]
		changed := after[i].key == second.Nodes[7].Name
		if same == changed {
			t.Errorf("row %s: kept %v, though changed %v", after[i].key, same, changed)
		}
	}
	if got := after[7].cells[7].text; got != "yes cordoned" {
		t.Errorf("the cordoned node's READY cell is %q, want %q", got, "yes cordoned")
	}
}
