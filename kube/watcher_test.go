package kube_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// startWatcher runs a watcher against env until the test ends. Its
// cleanup is registered after env's, so it runs first: an API server with
// open watches takes 20 s to stop.
func startWatcher(t *testing.T, env *apitest.Env) *kube.Watcher {
	t.Helper()
	clients, err := kube.NewClients(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	return watch(t, clients, kube.Options{Context: apitest.ContextName})
}

// watch runs a watcher over clients until the test ends, and checks that
// it stops cleanly and closes its channel.
func watch(t *testing.T, clients kube.Clients, opts kube.Options) *kube.Watcher {
	t.Helper()
	w := kube.NewWatcher(clients, opts)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-errc; err != nil {
			t.Errorf("watcher: %v", err)
		}
		for range w.Snapshots() {
		}
	})
	return w
}

// next waits up to limit for the watcher's next snapshot.
func next(t *testing.T, w *kube.Watcher, limit time.Duration) *model.Cluster {
	t.Helper()
	select {
	case c, ok := <-w.Snapshots():
		if !ok {
			t.Fatal("the watcher stopped")
		}
		return c
	case <-time.After(limit):
		t.Fatalf("no snapshot within %v", limit)
	}
	return nil
}

// until takes snapshots until ok holds, for at most limit.
func until(t *testing.T, w *kube.Watcher, limit time.Duration, what string,
	ok func(*model.Cluster) bool) *model.Cluster {
	t.Helper()
	deadline := time.Now().Add(limit)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			t.Fatalf("%s did not show within %v", what, limit)
		}
		select {
		case c := <-w.Snapshots():
			if ok(c) {
				return c
			}
		case <-time.After(left):
			t.Fatalf("%s did not show within %v", what, limit)
		}
	}
}

func TestWatcherReadsAutoModeCluster(t *testing.T) {
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	c := next(t, startWatcher(t, env), 30*time.Second)

	wantNodes := map[string]struct {
		kind   model.NodeKind
		pool   string
		origin model.Origin
		pods   int
		max    int
	}{
		"i-0a1c5e7a39c88fc91":                                  {model.KindAuto, "system", model.OriginBuiltIn, 2, 110},
		"i-0b2d6f8b4ad99ad02":                                  {model.KindAuto, "general-purpose", model.OriginBuiltIn, 0, 29},
		"i-0c3e7a9c5be0abe13":                                  {model.KindAuto, "web", model.OriginCustom, 0, 110},
		"ip-10-0-1-10.ap-northeast-1.compute.internal":         {model.KindManagedNodeGroup, "", "", 1, 29},
		"ip-10-0-1-11.ap-northeast-1.compute.internal":         {model.KindKarpenter, "oss", model.OriginKarpenter, 0, 29},
		"fargate-ip-10-0-2-20.ap-northeast-1.compute.internal": {model.KindFargate, "", "", 0, 1},
		"mi-0123456789abcdef0":                                 {model.KindHybrid, "", "", 0, 110},
		"ip-10-0-3-30.ap-northeast-1.compute.internal":         {model.KindSelfManaged, "", "", 0, 35},
	}
	if len(c.Nodes) != len(wantNodes) {
		t.Errorf("%d nodes, want %d", len(c.Nodes), len(wantNodes))
	}
	for _, n := range c.Nodes {
		want, ok := wantNodes[n.Name]
		if !ok {
			t.Errorf("unexpected node %s", n.Name)
			continue
		}
		if n.Kind != want.kind || n.NodePool != want.pool || n.PoolOrigin != want.origin ||
			n.Pods != want.pods || n.MaxPods != want.max {
			t.Errorf("node %s = kind %s pool %q origin %q pods %d/%d; want %s %q %q %d/%d",
				n.Name, n.Kind, n.NodePool, n.PoolOrigin, n.Pods, n.MaxPods,
				want.kind, want.pool, want.origin, want.pods, want.max)
		}
	}

	wantPools := map[string]model.Origin{
		"system": model.OriginBuiltIn, "general-purpose": model.OriginBuiltIn,
		"web": model.OriginCustom, "oss": model.OriginKarpenter,
	}
	for _, p := range c.NodePools {
		if wantPools[p.Name] != p.Origin {
			t.Errorf("pool %s origin = %q, want %q", p.Name, p.Origin, wantPools[p.Name])
		}
		delete(wantPools, p.Name)
	}
	if len(wantPools) > 0 {
		t.Errorf("pools missing: %v", wantPools)
	}

	if c.Mode != model.ModeMixed || c.Region != "ap-northeast-1" {
		t.Errorf("mode %s region %s, want mixed in ap-northeast-1 (%v)", c.Mode, c.Region,
			c.ModeEvidence)
	}
	for _, nc := range c.NodeClaims {
		if nc.Name == "web-x7k2p" && (nc.State != model.ClaimLaunching ||
			nc.Reason != "Unauthorized") {
			t.Errorf("web-x7k2p = %s/%s, want Launching/Unauthorized", nc.State, nc.Reason)
		}
	}
	if len(c.Problems) > 0 {
		t.Errorf("problems: %v", c.Problems)
	}
}

func TestWatcherReadsStandardCluster(t *testing.T) {
	env := apitest.StartWithoutCRDs(t)
	env.CreateYAML(t, apitest.Fixture(t, "standard.yaml"))
	c := next(t, startWatcher(t, env), 30*time.Second)

	if c.Mode != model.ModeStandard {
		t.Errorf("mode = %s (%v), want standard", c.Mode, c.ModeEvidence)
	}
	if len(c.NodePools)+len(c.NodeClaims)+len(c.NodeClasses) != 0 || len(c.Problems) != 0 {
		t.Errorf("a cluster without the CRDs gave pools %v, problems %v", c.NodePools,
			c.Problems)
	}
	want := map[string]string{
		"vpc-cni":                      "v1.20.4-eksbuild.1",
		"kube-proxy":                   "v1.34.0-eksbuild.2",
		"coredns":                      "v1.12.3-eksbuild.1",
		"ebs-csi-driver":               "v1.48.0",
		"aws-load-balancer-controller": "v2.14.1",
		"eks-pod-identity-agent":       "v0.1.33",
	}
	for _, comp := range c.Components {
		version, self := want[comp.Name]
		switch {
		case self && (comp.State != model.StateSelfManaged || comp.Version != version):
			t.Errorf("%s = %s %q, want self-managed %q (%v)", comp.Name, comp.State,
				comp.Version, version, comp.Evidence)
		case !self && comp.State != model.StateAbsent:
			t.Errorf("%s = %s, want absent on a standard cluster", comp.Name, comp.State)
		}
	}
}

func TestWatcherFollowsChanges(t *testing.T) {
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	w := startWatcher(t, env)
	next(t, w, 30*time.Second)
	ctx := t.Context()
	dyn := env.Dynamic()

	t.Run("a NodeClaim condition flips", func(t *testing.T) {
		claim, err := dyn.Resource(kube.NodeClaims).Get(ctx, "web-x7k2p", metav1.GetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		conds := []any{
			map[string]any{"type": "Launched", "status": "True", "reason": "Launched",
				"lastTransitionTime": "2026-11-01T00:01:00Z"},
			map[string]any{"type": "Registered", "status": "Unknown",
				"reason": "NodeNotFound", "message": "Node not registered with cluster",
				"lastTransitionTime": "2026-11-01T00:01:00Z"},
		}
		if err := unstructured.SetNestedSlice(claim.Object, conds, "status",
			"conditions"); err != nil {
			t.Fatal(err)
		}
		if _, err := dyn.Resource(kube.NodeClaims).UpdateStatus(ctx, claim,
			metav1.UpdateOptions{}); err != nil {
			t.Fatal(err)
		}
		until(t, w, time.Second, "the Registering state", func(c *model.Cluster) bool {
			for _, nc := range c.NodeClaims {
				if nc.Name == "web-x7k2p" {
					return nc.State == model.ClaimRegistering && nc.Reason == "NodeNotFound"
				}
			}
			return false
		})
	})

	t.Run("a node is deleted", func(t *testing.T) {
		const name = "ip-10-0-3-30.ap-northeast-1.compute.internal"
		if err := env.Clientset().CoreV1().Nodes().Delete(ctx, name,
			metav1.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}
		until(t, w, time.Second, "the deletion", func(c *model.Cluster) bool {
			for _, n := range c.Nodes {
				if n.Name == name {
					return false
				}
			}
			return true
		})
	})

	t.Run("a pool is added", func(t *testing.T) {
		env.CreateYAML(t, `
apiVersion: karpenter.sh/v1
kind: NodePool
metadata: {name: batch}
spec:
  template:
    spec:
      nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: default}
      requirements: [{key: karpenter.sh/capacity-type, operator: In, values: [spot]}]
`)
		until(t, w, time.Second, "the new pool", func(c *model.Cluster) bool {
			for _, p := range c.NodePools {
				if p.Name == "batch" {
					return p.Origin == model.OriginCustom
				}
			}
			return false
		})
	})

	// Snapshots read the stores in a kept order, sorted again only when
	// an object comes or goes, and nodes' labels are read as each version
	// arrives: a new node must take its place by name, and a relabelled
	// node must change kind.
	t.Run("a new node takes its place by name and a relabel shows", func(t *testing.T) {
		nodes := env.Clientset().CoreV1().Nodes()
		const name = "ip-10-0-0-1.ap-northeast-1.compute.internal"
		node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name,
			Labels: map[string]string{model.LabelComputeType: "auto"}}}
		if _, err := nodes.Create(ctx, node, metav1.CreateOptions{}); err != nil {
			t.Fatal(err)
		}
		kindOf := func(c *model.Cluster) model.NodeKind {
			if !slices.IsSortedFunc(c.Nodes, func(a, b model.Node) int {
				return strings.Compare(a.Name, b.Name)
			}) {
				t.Fatalf("nodes out of name order: %v", nodeNames(c))
			}
			i := slices.IndexFunc(c.Nodes, func(n model.Node) bool { return n.Name == name })
			if i < 0 {
				return ""
			}
			return c.Nodes[i].Kind
		}
		until(t, w, 5*time.Second, "the new node", func(c *model.Cluster) bool {
			return kindOf(c) == model.KindAuto
		})

		patch := `{"metadata":{"labels":{"` + model.LabelComputeType + `":null,` +
			`"` + model.LabelNodeGroup + `":"ng-1"}}}`
		if _, err := nodes.Patch(ctx, name, types.MergePatchType, []byte(patch),
			metav1.PatchOptions{}); err != nil {
			t.Fatal(err)
		}
		until(t, w, 5*time.Second, "the relabelled node", func(c *model.Cluster) bool {
			return kindOf(c) == model.KindManagedNodeGroup
		})
	})

	// Under churn of nodes and NodeClaims the pods do not change, and a
	// snapshot must take them from the pod cache rather than copy and
	// index 100,000 of them again: the two snapshots share one slice.
	t.Run("a change that is not a pod reuses the pods", func(t *testing.T) {
		deleted := func(name string) *model.Cluster {
			if err := env.Clientset().CoreV1().Nodes().Delete(ctx, name,
				metav1.DeleteOptions{}); err != nil {
				t.Fatal(err)
			}
			return until(t, w, 5*time.Second, name+" gone", func(c *model.Cluster) bool {
				return !slices.ContainsFunc(c.Nodes, func(n model.Node) bool {
					return n.Name == name
				})
			})
		}
		before := deleted("ip-10-0-1-10.ap-northeast-1.compute.internal")
		after := deleted("ip-10-0-1-11.ap-northeast-1.compute.internal")
		if len(before.Pods) == 0 || len(after.Pods) != len(before.Pods) ||
			&after.Pods[0] != &before.Pods[0] {
			t.Errorf("the snapshot after a node change copied the pods anew")
		}
	})
}

func nodeNames(c *model.Cluster) []string {
	names := make([]string, len(c.Nodes))
	for i, n := range c.Nodes {
		names[i] = n.Name
	}
	return names
}
