package kube_test

import (
	"slices"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// TestWatcherSurvivesAnAPIServerRestart stops kube-apiserver mid-session
// while etcd keeps running, and starts it again on the same port. The
// snapshots must say reconnecting and then stale while keeping the last
// known objects, and say live again once the server is back; changes made
// right after the restart must show exactly once, with nothing lost.
func TestWatcherSurvivesAnAPIServerRestart(t *testing.T) {
	env := apitest.StartWith(t, apitest.Options{})
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	clients, err := kube.NewClients(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	w := watch(t, clients, kube.Options{Context: apitest.ContextName,
		StaleAfter: time.Second})
	before := next(t, w, 30*time.Second)
	if before.Connection.State != model.ConnectionLive || len(before.Nodes) == 0 {
		t.Fatalf("first snapshot: connection %+v, %d nodes", before.Connection,
			len(before.Nodes))
	}

	if err := env.StopAPIServer(); err != nil {
		t.Fatal(err)
	}
	stopped := time.Now()
	reconnecting := until(t, w, 30*time.Second, "reconnecting", func(c *model.Cluster) bool {
		return c.Connection.State == model.ConnectionReconnecting
	})
	stale := until(t, w, 10*time.Second, "stale", func(c *model.Cluster) bool {
		return c.Connection.State == model.ConnectionStale
	})
	for _, c := range []*model.Cluster{reconnecting, stale} {
		if !sameNames(names(c.Nodes, nodeName), names(before.Nodes, nodeName)) ||
			len(c.NodeClaims) != len(before.NodeClaims) {
			t.Errorf("%s snapshot lost the last known state: %d nodes, %d claims; "+
				"want %d, %d", c.Connection.State, len(c.Nodes), len(c.NodeClaims),
				len(before.Nodes), len(before.NodeClaims))
		}
	}
	if since := stale.Connection.Since; since.Before(stopped.Add(-5*time.Second)) ||
		stale.BuiltAt.Sub(since) < time.Second {
		t.Errorf("stale since %v, built %v: the age must count from when the "+
			"connection broke, at the stop at %v", since, stale.BuiltAt, stopped)
	}
	ticking := until(t, w, 5*time.Second, "a later stale snapshot", func(c *model.Cluster) bool {
		return c.Connection.State == model.ConnectionStale && c.BuiltAt.After(stale.BuiltAt)
	})
	if ticking.Connection.Since != stale.Connection.Since {
		t.Errorf("the data's age restarted while the server was down: %v then %v",
			stale.Connection.Since, ticking.Connection.Since)
	}

	if err := env.StartAPIServer(); err != nil {
		t.Fatal(err)
	}
	// Change the cluster at once, while the watches are still backing off:
	// they must resume from where they were and deliver both changes.
	ctx := t.Context()
	const gone = "ip-10-0-3-30.ap-northeast-1.compute.internal"
	const added = "i-0ffee000000000001"
	if err := env.Clientset().CoreV1().Nodes().Delete(ctx, gone,
		metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	env.Create(t, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: added,
		Labels: map[string]string{model.LabelComputeType: "auto"}}})

	want := slices.DeleteFunc(names(before.Nodes, nodeName), func(n string) bool {
		return n == gone
	})
	want = append(want, added)
	after := until(t, w, 60*time.Second, "live with both changes", func(c *model.Cluster) bool {
		return c.Connection.State == model.ConnectionLive &&
			sameNames(names(c.Nodes, nodeName), want)
	})
	if !after.Connection.Since.After(stopped) {
		t.Errorf("live since %v, want after the restart at %v", after.Connection.Since,
			stopped)
	}
	for _, got := range [][]string{names(after.Nodes, nodeName),
		names(after.NodeClaims, func(c model.NodeClaim) string { return c.Name }),
		names(after.NodePools, func(p model.NodePool) string { return p.Name })} {
		if dup := duplicate(got); dup != "" {
			t.Errorf("%s shows twice after the restart: %v", dup, got)
		}
	}
	if len(after.NodeClaims) != len(before.NodeClaims) ||
		len(after.NodePools) != len(before.NodePools) {
		t.Errorf("after the restart %d claims, %d pools; want %d, %d", len(after.NodeClaims),
			len(after.NodePools), len(before.NodeClaims), len(before.NodePools))
	}
	if len(after.Problems) > 0 {
		t.Errorf("problems after the restart: %v", after.Problems)
	}
}

func nodeName(n model.Node) string { return n.Name }

func names[T any](items []T, name func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = name(it)
	}
	return out
}

// sameNames reports whether a and b hold the same names, in any order.
func sameNames(a, b []string) bool {
	a, b = slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b))
	return slices.Equal(a, b)
}

func duplicate(names []string) string {
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			return n
		}
		seen[n] = true
	}
	return ""
}
