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

// TestClaimRowsKeptByVersion checks the claims' short cut: a claim of the
// version and age span its row was made at keeps the row without its
// values being compared, so a field changed behind an unchanged version
// (which a real source never does) stays unseen; a new version, a new age
// span or no version at all makes the row again from the values.
func TestClaimRowsKeptByVersion(t *testing.T) {
	in := bigInputs(10)
	for i := range in.NodeClaims {
		in.NodeClaims[i].Version = "1"
	}
	build := func(edit func(in *model.Inputs)) *model.Cluster {
		next := in
		next.NodeClaims = slices.Clone(in.NodeClaims)
		edit(&next)
		return model.Build(next)
	}
	zoneOf := func(rows []row, name string) string {
		for _, r := range rows {
			if r.key == name {
				return r.cells[4].text
			}
		}
		return ""
	}

	var kept keptRows
	first := model.Build(in)
	name := first.NodeClaims[3].Name
	kept.rows(panelNodeClaims, first)

	tests := []struct {
		step string
		edit func(in *model.Inputs)
		want string
	}{
		{"same version, zone changed behind it", func(in *model.Inputs) {
			in.NodeClaims[3].Zone = "behind-1a"
		}, first.NodeClaims[3].Zone},
		{"new version", func(in *model.Inputs) {
			in.NodeClaims[3].Zone, in.NodeClaims[3].Version = "new-1a", "2"
		}, "new-1a"},
		{"same version, a day older", func(in *model.Inputs) {
			in.NodeClaims[3].Zone, in.NodeClaims[3].Version = "older-1a", "2"
			in.Now = in.Now.Add(24 * time.Hour)
		}, "older-1a"},
		{"no version", func(in *model.Inputs) {
			in.NodeClaims[3].Zone, in.NodeClaims[3].Version = "unversioned-1a", ""
			in.Now = in.Now.Add(24 * time.Hour)
		}, "unversioned-1a"},
	}
	for _, tt := range tests {
		rows := kept.rows(panelNodeClaims, build(tt.edit))
		if got := zoneOf(rows, name); got != tt.want {
			t.Errorf("%s: ZONE %q, want %q", tt.step, got, tt.want)
		}
	}
}
