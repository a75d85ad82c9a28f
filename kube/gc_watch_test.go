package kube_test

import (
	"runtime/debug"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/kube"
)

// TestWatcherCollectsHarderUntilSynced checks that the first snapshot is
// read and built under the sync GC percent, and that the percent in force
// before comes back once it is out.
func TestWatcherCollectsHarderUntilSynced(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	clients, err := kube.NewClients(env.Config)
	if err != nil {
		t.Fatal(err)
	}

	// Now is called as each snapshot is built: the first one's call tells
	// the percent in force while it was.
	var building atomic.Int64
	building.Store(-2)
	now := func() time.Time {
		building.CompareAndSwap(-2, int64(kube.GCPercent()))
		return time.Now()
	}
	w := watch(t, clients, kube.Options{Context: apitest.ContextName, SyncGCPercent: 40,
		Now: now})
	next(t, w, 30*time.Second)
	if got := building.Load(); got != 40 {
		t.Errorf("GC percent while the first snapshot was built: %d, want 40", got)
	}
	deadline := time.Now().Add(5 * time.Second)
	for kube.GCPercent() != 100 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := kube.GCPercent(); got != 100 {
		t.Errorf("GC percent after the first snapshot: %d, want 100 back", got)
	}
}
