package ui

import (
	"testing"

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

// BenchmarkApplySnapshot5000 is a new snapshot arriving: every panel's rows
// built and measured; rows are laid out when first drawn.
func BenchmarkApplySnapshot5000(b *testing.B) {
	m, c := bigModel(b)
	b.ReportAllocs()
	for b.Loop() {
		m = step(b, m, snapshotMsg{cluster: c})
	}
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
