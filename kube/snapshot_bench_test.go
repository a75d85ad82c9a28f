package kube

import (
	"runtime"
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/tools/cache"

	"github.com/kubectl-automode/kubectl-automode/internal/scalegen"
)

// scaleWatcher is a watcher whose informer stores hold a generated cluster
// of the given size, transformed as the informers transform what they
// receive, without an API server: what snapshot reads after a sync.
func scaleWatcher(b *testing.B, size scalegen.Size) *Watcher {
	b.Helper()
	w := NewWatcher(Clients{}, Options{Source: "live"})
	w.evidence = []string{"nodeclasses.eks.amazonaws.com", "nodepools.karpenter.sh",
		"nodeclaims.karpenter.sh", "ec2nodeclasses.karpenter.k8s.aws"}
	add := func(resource string, objs []any) cache.SharedIndexInformer {
		inf := cache.NewSharedIndexInformer(&cache.ListWatch{}, &unstructured.Unstructured{}, 0,
			cache.Indexers{})
		for _, o := range objs {
			if err := inf.GetStore().Add(o); err != nil {
				b.Fatal(err)
			}
		}
		w.watched = append(w.watched, &watched{resource: resource, informer: inf})
		return inf
	}

	var nodes, pods, claims, pools, classes []any
	for i := range size.Nodes {
		n, _ := slimOrTrim(scalegen.Node(i))
		nodes = append(nodes, n)
		c, _ := slimOrTrimCustom(scalegen.NodeClaim(i))
		claims = append(claims, c)
		for j := range size.PodsPerNode {
			p, _ := slimOrTrim(scalegen.WithStatus(scalegen.Pod(i, j)))
			pods = append(pods, p)
		}
	}
	for p := range scalegen.NodePools {
		pools = append(pools, scalegen.NodePool(p))
	}
	for _, c := range scalegen.NodeClasses() {
		classes = append(classes, c)
	}
	add("nodes", nodes)
	w.pods.informer = add("pods", pods)
	add("nodeclaims.karpenter.sh", claims)
	add("nodepools.karpenter.sh", pools)
	add("nodeclasses.eks.amazonaws.com", classes)
	runtime.GC()
	return w
}

// BenchmarkSnapshot5000 is one snapshot of a synced watcher at 5,000 nodes,
// 5,000 NodeClaims, 50 NodePools and 100,000 pods, after ten nodes and ten
// NodeClaims changed, as 200 updates a second leave them between two
// snapshots: reading the stores and deriving the model. The pods come
// from the pod cache.
func BenchmarkSnapshot5000(b *testing.B) {
	w := scaleWatcher(b, scalegen.Size{Nodes: 5000, PodsPerNode: scalegen.DefaultPodsPerNode})
	nodes, claims := w.watched[0], w.watched[2]
	var changed [2][]any
	for i := range 10 {
		n, _ := slimOrTrim(scalegen.Node(i * 500))
		c, _ := slimOrTrimCustom(scalegen.NodeClaim(i * 500))
		changed[0], changed[1] = append(changed[0], n), append(changed[1], c)
	}
	w.snapshot()
	b.ReportAllocs()
	for b.Loop() {
		for k, wi := range []*watched{nodes, claims} {
			for _, obj := range changed[k] {
				if err := wi.informer.GetStore().Update(obj); err != nil {
					b.Fatal(err)
				}
				wi.wasUpdated(obj)
			}
		}
		if c := w.snapshot(); len(c.Nodes) != 5000 {
			b.Fatalf("snapshot has %d nodes, want 5000", len(c.Nodes))
		}
	}
}

// BenchmarkSnapshot5000PodsChanged is the same after a pod event: the
// 100,000 pods are read from their store again.
func BenchmarkSnapshot5000PodsChanged(b *testing.B) {
	w := scaleWatcher(b, scalegen.Size{Nodes: 5000, PodsPerNode: scalegen.DefaultPodsPerNode})
	b.ReportAllocs()
	for b.Loop() {
		w.pods.events.Add(1)
		if c := w.snapshot(); len(c.Pods) != 100000 {
			b.Fatalf("snapshot has %d pods, want 100000", len(c.Pods))
		}
	}
}
