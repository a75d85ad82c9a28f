package kube_test

import (
	"fmt"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
)

func fakeNode(name string) *corev1.Node {
	return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name,
		Labels: map[string]string{"eks.amazonaws.com/compute-type": "auto"}}}
}

// runFake runs a watcher over fake clients holding objs until the test
// ends.
func runFake(t *testing.T, minInterval time.Duration, objs ...runtime.Object) (
	*kube.Watcher, kube.Clients) {
	t.Helper()
	clients, err := kube.FakeClients(objs, nil)
	if err != nil {
		t.Fatal(err)
	}
	return watch(t, clients, kube.Options{MinInterval: minInterval}), clients
}

func TestWatcherCoalescesBursts(t *testing.T) {
	const interval = 200 * time.Millisecond
	w, clients := runFake(t, interval, fakeNode("first"))
	first := next(t, w, 5*time.Second)
	if len(first.Nodes) != 1 {
		t.Fatalf("first snapshot has %d nodes, want 1", len(first.Nodes))
	}

	const burst = 100
	began := time.Now()
	for i := range burst {
		_, err := clients.Kube.CoreV1().Nodes().Create(t.Context(),
			fakeNode(fmt.Sprintf("n-%03d", i)), metav1.CreateOptions{})
		if err != nil {
			t.Fatal(err)
		}
	}
	snapshots := 0
	last := until(t, w, 5*time.Second, "the whole burst", func(c *model.Cluster) bool {
		snapshots++
		return len(c.Nodes) == burst+1
	})
	// One snapshot per interval at most, plus the one the burst's first
	// event may send at once.
	if limit := int(time.Since(began)/interval) + 2; snapshots > limit {
		t.Errorf("%d snapshots for a burst of %d changes over %v, want at most %d",
			snapshots, burst, time.Since(began), limit)
	}
	if last == first {
		t.Error("the final snapshot is the first one")
	}
}

func TestWatcherSendsNothingWithoutChange(t *testing.T) {
	w, _ := runFake(t, 10*time.Millisecond, fakeNode("only"))
	next(t, w, 5*time.Second)
	select {
	case c := <-w.Snapshots():
		t.Errorf("a snapshot with no change: %d nodes", len(c.Nodes))
	case <-time.After(300 * time.Millisecond):
	}
}

func TestSnapshotsAreIndependent(t *testing.T) {
	w, clients := runFake(t, 10*time.Millisecond, fakeNode("a"))
	first := next(t, w, 5*time.Second)
	if _, err := clients.Kube.CoreV1().Nodes().Create(t.Context(), fakeNode("b"),
		metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	until(t, w, 5*time.Second, "node b", func(c *model.Cluster) bool { return len(c.Nodes) == 2 })
	if len(first.Nodes) != 1 || first.Nodes[0].Name != "a" {
		t.Errorf("an earlier snapshot changed: %v", first.Nodes)
	}
}
