package model_test

import (
	"slices"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

func nodeNamed(t *testing.T, c *model.Cluster, name string) model.Node {
	t.Helper()
	for _, n := range c.Nodes {
		if n.Name == name {
			return n
		}
	}
	t.Fatalf("no node %q", name)
	return model.Node{}
}

func poolNamed(t *testing.T, c *model.Cluster, name string) model.NodePool {
	t.Helper()
	for _, p := range c.NodePools {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no NodePool %q", name)
	return model.NodePool{}
}

func running(node string, cpu, mem int64) *model.Pod {
	return &model.Pod{Namespace: "default", Name: "p", NodeName: node, Phase: "Running",
		Requests: model.Resources{CPUMillis: cpu, MemoryBytes: mem}}
}

func withPhase(p *model.Pod, phase string) *model.Pod {
	p.Phase = phase
	return p
}

func TestBuildCountsPodsPerNode(t *testing.T) {
	a := autoNode("a", "general-purpose")
	a.Pods, a.Requests = 99, model.Resources{CPUMillis: 99} // stale, must be replaced
	pods := []*model.Pod{
		running("a", 100, 1<<20),
		withPhase(running("a", 200, 2<<20), "Pending"),
		withPhase(running("a", 4000, 8<<30), "Succeeded"),
		withPhase(running("a", 4000, 8<<30), "Failed"),
		running("b", 50, 3<<20),
		running("ghost", 7, 7),
		running("", 9, 9),
	}
	c := model.Build(model.Inputs{
		Nodes:     []model.Node{a, autoNode("b", "general-purpose"), autoNode("idle", "x")},
		Pods:      pods,
		NodePools: []model.NodePool{pool("general-purpose", autoRef)},
	})

	tests := []struct {
		node     string
		pods     int
		requests model.Resources
	}{
		{"a", 2, model.Resources{CPUMillis: 300, MemoryBytes: 3 << 20}},
		{"b", 1, model.Resources{CPUMillis: 50, MemoryBytes: 3 << 20}},
		{"idle", 0, model.Resources{}},
	}
	for _, tt := range tests {
		t.Run("node "+tt.node+" counts only its unfinished pods", func(t *testing.T) {
			n := nodeNamed(t, c, tt.node)
			if n.Pods != tt.pods || n.Requests != tt.requests {
				t.Errorf("pods %d, requests %+v; want %d, %+v", n.Pods, n.Requests, tt.pods,
					tt.requests)
			}
		})
	}
	t.Run("the pool adds up its nodes' requests", func(t *testing.T) {
		want := model.Resources{CPUMillis: 350, MemoryBytes: 6 << 20}
		if got := poolNamed(t, c, "general-purpose").Requests; got != want {
			t.Errorf("pool requests %+v, want %+v", got, want)
		}
	})
}

func TestBuildCountsPoolNodesAndClaims(t *testing.T) {
	ready := []model.Condition{{Type: model.CondReady, Status: model.StatusFalse}}
	gp := pool("general-purpose", autoRef, model.LabelManagedBy, "eks")
	gp.Conditions = ready
	c := model.Build(model.Inputs{
		Nodes: []model.Node{autoNode("i-1", "general-purpose"),
			autoNode("i-2", "general-purpose"), autoNode("i-3", "gpu"),
			autoNode("i-4", "deleted-pool"), mngNode("ip-1")},
		NodePools: []model.NodePool{gp, pool("gpu", autoRef), pool("idle", ec2Ref)},
		NodeClaims: []model.NodeClaim{{Name: "gp-1", NodePool: "general-purpose"},
			{Name: "gp-2", NodePool: "general-purpose"},
			{Name: "gp-3", NodePool: "general-purpose"},
			{Name: "gpu-1", NodePool: "gpu"}, {Name: "x-1", NodePool: "deleted-pool"}},
	})

	tests := []struct {
		pool          string
		nodes, claims int
		origin        model.Origin
		ready         string
	}{
		{"general-purpose", 2, 3, model.OriginBuiltIn, model.StatusFalse},
		{"gpu", 1, 1, model.OriginCustom, ""},
		{"idle", 0, 0, model.OriginKarpenter, ""},
	}
	for _, tt := range tests {
		t.Run("pool "+tt.pool+" counts its nodes and claims", func(t *testing.T) {
			p := poolNamed(t, c, tt.pool)
			if p.Nodes != tt.nodes || p.NodeClaims != tt.claims {
				t.Errorf("nodes %d, claims %d; want %d, %d", p.Nodes, p.NodeClaims, tt.nodes,
					tt.claims)
			}
			if p.Origin != tt.origin || p.Ready != tt.ready {
				t.Errorf("origin %q, ready %q; want %q, %q", p.Origin, p.Ready, tt.origin,
					tt.ready)
			}
		})
	}

	nodes := []struct {
		name   string
		origin model.Origin
		kind   model.NodeKind
	}{
		{"i-1", model.OriginBuiltIn, model.KindAuto},
		{"i-3", model.OriginCustom, model.KindAuto},
		{"i-4", "", model.KindAuto},
		{"ip-1", "", model.KindManagedNodeGroup},
	}
	for _, tt := range nodes {
		t.Run("node "+tt.name+" takes its pool's origin", func(t *testing.T) {
			n := nodeNamed(t, c, tt.name)
			if n.PoolOrigin != tt.origin || n.Kind != tt.kind {
				t.Errorf("origin %q, kind %q; want %q, %q", n.PoolOrigin, n.Kind, tt.origin,
					tt.kind)
			}
		})
	}
}

func TestBuildReadsNodeLabels(t *testing.T) {
	n := node("i-1", model.LabelComputeType, "auto", model.LabelNodePool, "system",
		model.LabelInstanceType, "c6g.large", model.LabelCapacityType, "on-demand",
		model.LabelZone, "us-west-2a", model.LabelRegion, "us-west-2")
	n.Allocatable.Pods = 737
	m := node("ip-1", model.LabelNodeGroup, "ng-1", model.LabelMNGCapacity, "SPOT",
		model.LabelBetaInstanceType, "m4.large")
	m.Allocatable.Pods = 234
	c := model.Build(model.Inputs{Nodes: []model.Node{n, m},
		NodePools: []model.NodePool{pool("system", autoRef)}})

	want := map[string]model.Node{
		"i-1": {Kind: model.KindAuto, NodePool: "system", NodeClass: "default",
			InstanceType: "c6g.large", CapacityType: "on-demand", Zone: "us-west-2a",
			Region: "us-west-2", MaxPods: 110},
		"ip-1": {Kind: model.KindManagedNodeGroup, NodeGroup: "ng-1", InstanceType: "m4.large",
			CapacityType: "spot", MaxPods: 234},
	}
	for name, w := range want {
		t.Run("node "+name+" fields come from its labels", func(t *testing.T) {
			g := nodeNamed(t, c, name)
			if g.Kind != w.Kind || g.NodePool != w.NodePool || g.NodeClass != w.NodeClass ||
				g.NodeGroup != w.NodeGroup || g.InstanceType != w.InstanceType ||
				g.CapacityType != w.CapacityType || g.Zone != w.Zone ||
				g.Region != w.Region || g.MaxPods != w.MaxPods {
				t.Errorf("got %+v\nwant %+v", g, w)
			}
		})
	}
}

func TestBuildNodeClassFallsBackToPoolRef(t *testing.T) {
	gpu := pool("gpu", model.ObjectRef{Group: model.GroupAutoMode,
		Kind: model.KindNodeClass, Name: "gpu-class"})
	c := model.Build(model.Inputs{
		Nodes: []model.Node{
			node("unlabelled", model.LabelComputeType, "auto", model.LabelNodePool, "gpu"),
			node("labelled", model.LabelComputeType, "auto", model.LabelNodePool, "gpu",
				model.LabelAutoNodeClass, "from-label"),
			node("no-pool", model.LabelComputeType, "auto", model.LabelNodePool, "gone"),
		},
		NodePools: []model.NodePool{gpu},
	})
	tests := []struct{ name, node, want string }{
		{"a node without the label takes its pool's nodeClassRef", "unlabelled", "gpu-class"},
		{"the node's own label wins", "labelled", "from-label"},
		{"a node of an unknown pool stays without", "no-pool", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := nodeNamed(t, c, tt.node).NodeClass; got != tt.want {
				t.Errorf("NodeClass = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBuildSetsClaimState(t *testing.T) {
	failed := model.Condition{Type: model.CondLaunched, Status: model.StatusFalse,
		Reason: "InsufficientCapacity", Message: "all requested instance types were unavailable"}
	c := model.Build(model.Inputs{NodeClaims: []model.NodeClaim{
		{Name: "b", Conditions: []model.Condition{failed}},
		{Name: "a", Conditions: stepsDone, Deleting: true},
	}})
	want := []model.NodeClaim{
		{Name: "a", State: model.ClaimTerminating},
		{Name: "b", State: model.ClaimFailed, Reason: failed.Reason, Message: failed.Message},
	}
	for i, w := range want {
		g := c.NodeClaims[i]
		if g.Name != w.Name || g.State != w.State || g.Reason != w.Reason ||
			g.Message != w.Message {
			t.Errorf("claim %d = %s %s %q %q, want %s %s %q %q", i, g.Name, g.State, g.Reason,
				g.Message, w.Name, w.State, w.Reason, w.Message)
		}
	}
}

func TestBuildCountsNodeClassUse(t *testing.T) {
	custom := model.ObjectRef{Group: model.GroupAutoMode, Kind: model.KindNodeClass,
		Name: "custom"}
	classes := []model.NodeClass{
		{Name: "default", Group: model.GroupAutoMode, Kind: model.KindNodeClass,
			Conditions: []model.Condition{{Type: model.CondReady, Status: model.StatusTrue}},
			NodePools:  9, Nodes: 9},
		{Name: "default", Group: model.GroupKarpenterAWS, Kind: model.KindEC2NodeClass},
		{Name: "custom", Group: model.GroupAutoMode, Kind: model.KindNodeClass},
		{Name: "unused", Group: model.GroupAutoMode, Kind: model.KindNodeClass},
	}
	c := model.Build(model.Inputs{
		NodeClasses: classes,
		NodePools: []model.NodePool{pool("general-purpose", autoRef), pool("system", autoRef),
			pool("custom", custom), pool("oss", ec2Ref)},
		Nodes: []model.Node{autoNode("i-1", "general-purpose"), autoNode("i-2", "system"),
			autoNode("i-3", "system"), node("ip-1", model.LabelNodePool, "oss")},
	})

	want := []struct {
		name, kind   string
		pools, nodes int
		ready        string
	}{
		{"custom", model.KindNodeClass, 1, 0, ""},
		{"default", model.KindEC2NodeClass, 1, 1, ""},
		{"default", model.KindNodeClass, 2, 3, model.StatusTrue},
		{"unused", model.KindNodeClass, 0, 0, ""},
	}
	if len(c.NodeClasses) != len(want) {
		t.Fatalf("%d NodeClasses, want %d", len(c.NodeClasses), len(want))
	}
	for i, w := range want {
		t.Run(w.kind+" "+w.name+" counts the pools and nodes using it", func(t *testing.T) {
			g := c.NodeClasses[i]
			if g.Name != w.name || g.Kind != w.kind {
				t.Fatalf("NodeClasses[%d] = %s %s, want %s %s (sorted by name, then kind)",
					i, g.Kind, g.Name, w.kind, w.name)
			}
			if g.NodePools != w.pools || g.Nodes != w.nodes || g.Ready != w.ready {
				t.Errorf("pools %d, nodes %d, ready %q; want %d, %d, %q", g.NodePools,
					g.Nodes, g.Ready, w.pools, w.nodes, w.ready)
			}
		})
	}
}

func TestBuildSortsListsByName(t *testing.T) {
	c := model.Build(model.Inputs{
		Nodes:       []model.Node{node("c"), node("a"), node("b")},
		NodePools:   []model.NodePool{pool("z", autoRef), pool("m", autoRef), pool("a", ec2Ref)},
		NodeClaims:  []model.NodeClaim{{Name: "y"}, {Name: "x"}},
		NodeClasses: []model.NodeClass{{Name: "b"}, {Name: "a"}},
	})
	names := func(n int, name func(int) string) []string {
		out := make([]string, n)
		for i := range n {
			out[i] = name(i)
		}
		return out
	}
	lists := map[string][]string{
		"nodes":       names(len(c.Nodes), func(i int) string { return c.Nodes[i].Name }),
		"NodePools":   names(len(c.NodePools), func(i int) string { return c.NodePools[i].Name }),
		"NodeClaims":  names(len(c.NodeClaims), func(i int) string { return c.NodeClaims[i].Name }),
		"NodeClasses": names(len(c.NodeClasses), func(i int) string { return c.NodeClasses[i].Name }),
	}
	for list, got := range lists {
		t.Run(list+" come out sorted by name", func(t *testing.T) {
			if len(got) < 2 || !slices.IsSorted(got) {
				t.Errorf("%s = %v, want sorted", list, got)
			}
		})
	}
}
