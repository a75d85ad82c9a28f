package kube

import (
	"runtime/debug"
	"testing"
)

// gcPercent reads the GC percent in force.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

func TestTightenGC(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))

	first := tightenGC(50)
	if got := gcPercent(); got != 50 {
		t.Fatalf("while one watcher syncs: GC percent %d, want 50", got)
	}
	second := tightenGC(50)
	first()
	first()
	if got := gcPercent(); got != 50 {
		t.Errorf("after the first of two watchers synced (released twice): %d, want 50", got)
	}
	second()
	if got := gcPercent(); got != 100 {
		t.Errorf("after both synced: GC percent %d, want 100 back", got)
	}

	debug.SetGCPercent(30)
	tightenGC(50)()
	if got := gcPercent(); got != 30 {
		t.Errorf("with 30 in force: %d after a sync, want 30 untouched", got)
	}
}

func TestTightenGCLeavesAChosenGOGC(t *testing.T) {
	t.Setenv("GOGC", "200")
	defer debug.SetGCPercent(debug.SetGCPercent(200))

	release := tightenGC(50)
	if got := gcPercent(); got != 200 {
		t.Errorf("with GOGC=200 set: GC percent %d while syncing, want 200", got)
	}
	release()
	if got := gcPercent(); got != 200 {
		t.Errorf("with GOGC=200 set: GC percent %d after, want 200", got)
	}
}
