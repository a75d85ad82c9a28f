package ui

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// bigModel is a 200×60 UI showing a cluster of 5,000 nodes and 5,000
// NodeClaims, with colour on, the costlier case.
func bigModel(b *testing.B) (Model, *model.Cluster) {
	b.Setenv("NO_COLOR", "")
	c := model.Build(bigInputs(5000))
	return newTestModel(b, c, 200, 60, false), c
}

// BenchmarkView5000 is one frame: what every key press and snapshot costs
// on top of the change itself.
func BenchmarkView5000(b *testing.B) {
	m, _ := bigModel(b)
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}

// BenchmarkKeyDown5000 is a cursor move and the frame after it.
func BenchmarkKeyDown5000(b *testing.B) {
	m, _ := bigModel(b)
	m = press(b, m, "2")
	b.ReportAllocs()
	for b.Loop() {
		m = step(b, m, keyMsg("j"))
		_ = m.View()
	}
}

// BenchmarkApplySnapshot5000 is a snapshot arriving under churn: the
// cluster of bigModel with 50 nodes and 50 NodeClaims drawn differently
// from the snapshot before (a node cordoned, a condition flipped), as a few
// hundred updates a second leave it between two snapshots. Every panel's
// rows are made or kept, and measured; rows are laid out when first drawn.
func BenchmarkApplySnapshot5000(b *testing.B) {
	m, _ := bigModel(b)
	snaps := churned(bigInputs(5000), 8, 50)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m = step(b, m, snapshotMsg{cluster: snaps[i%len(snaps)]})
		i++
	}
}

// BenchmarkApplyChangedSnapshot5000 is a snapshot in which every row
// changed, the most applying one can cost: each comes a day after the
// last, so that every age is new.
func BenchmarkApplyChangedSnapshot5000(b *testing.B) {
	m, _ := bigModel(b)
	snaps := make([]*model.Cluster, 8)
	for i := range snaps {
		in := bigInputs(5000)
		in.Now = in.Now.Add(time.Duration(i+1) * 24 * time.Hour)
		snaps[i] = model.Build(in)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		m = step(b, m, snapshotMsg{cluster: snaps[i%len(snaps)]})
		i++
	}
}

// churned builds n snapshots from in, the k-th with nodes and NodeClaims
// [k*changed, (k+1)*changed) drawn differently: each node cordoned,
// and each claim's Consolidatable condition True, in a new version.
func churned(in model.Inputs, n, changed int) []*model.Cluster {
	out := make([]*model.Cluster, n)
	for k := range n {
		v := in
		v.Nodes = slices.Clone(in.Nodes)
		v.NodeClaims = slices.Clone(in.NodeClaims)
		v.NodePools = slices.Clone(in.NodePools)
		for i := k * changed; i < (k+1)*changed && i < len(v.Nodes); i++ {
			v.Nodes[i].Unschedulable = true
			conds := slices.Clone(v.NodeClaims[i].Conditions)
			conds = append(conds, model.Condition{Type: model.CondConsolidatable,
				Status: model.StatusTrue})
			v.NodeClaims[i].Conditions = conds
			v.NodeClaims[i].Version = strconv.Itoa(k + 2)
		}
		out[k] = model.Build(v)
	}
	return out
}

// BenchmarkSnapshotFrame5000 is what a snapshot costs the UI in all: the
// apply and the first frame after it, which lays out the rows on screen.
func BenchmarkSnapshotFrame5000(b *testing.B) {
	m, c := bigModel(b)
	b.ReportAllocs()
	for b.Loop() {
		m = step(b, m, snapshotMsg{cluster: c})
		_ = m.View()
	}
}
