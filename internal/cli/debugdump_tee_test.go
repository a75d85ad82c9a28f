package cli

import (
	"context"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// TestTeeSnapshotsPassesEverySnapshotOn is the UI's path into the dump:
// every snapshot reaches the UI and is counted, and the stream closes
// when its source does.
func TestTeeSnapshotsPassesEverySnapshotOn(t *testing.T) {
	activeDump = &debugDump{dir: t.TempDir(), started: time.Now(), flags: map[string]string{}}
	t.Cleanup(func() { activeDump = nil })

	in := make(chan *model.Cluster, 3)
	sent := []*model.Cluster{{Source: "demo"}, {Source: "demo"}, {Source: "demo"}}
	for _, c := range sent {
		in <- c
	}
	close(in)

	var got []*model.Cluster
	for c := range teeSnapshots(context.Background(), in) {
		got = append(got, c)
	}
	if len(got) != len(sent) || got[2] != sent[2] {
		t.Errorf("passed on %d snapshots, want %d in order", len(got), len(sent))
	}
	if activeDump.snapshots != 3 || activeDump.latest != sent[2] {
		t.Errorf("dump saw %d snapshots, want 3 ending with the last", activeDump.snapshots)
	}
}
