package model

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// Mode says how a cluster gets its compute.
type Mode string

// The cluster modes.
const (
	// ModeAuto is a cluster whose EC2 compute is all Auto Mode's.
	ModeAuto Mode = "auto"
	// ModeStandard is a cluster with no sign of Auto Mode.
	ModeStandard Mode = "standard"
	// ModeMixed has Auto Mode beside managed node groups, OSS Karpenter or
	// self-managed nodes.
	ModeMixed Mode = "mixed"
)

// Cluster is one immutable snapshot of everything the tool shows. Build
// makes one; nothing changes it afterwards, so it may be shared freely.
type Cluster struct {
	Context     string `json:"context"`
	ClusterName string `json:"clusterName"`
	// Source says where the snapshot came from: "live", "demo", or
	// "snapshot FILE", so that no screen passes a saved or simulated
	// cluster off as a live one.
	Source string `json:"source"`
	// Region is the AWS region most nodes report in their topology label.
	Region string `json:"region"`

	Mode         Mode     `json:"mode"`
	ModeEvidence []string `json:"modeEvidence"`

	NodePools   []NodePool  `json:"nodePools"`
	NodeClaims  []NodeClaim `json:"nodeClaims"`
	NodeClasses []NodeClass `json:"nodeClasses"`
	Nodes       []Node      `json:"nodes"`
	Components  []Component `json:"components"`
	Pods        []*Pod      `json:"-"`

	// Evidence is what component detection and the migration rules read
	// besides nodes and pods.
	Evidence Evidence `json:"-"`

	// Cost is the sum of every node's price, and PricingErrors what the
	// pricing package could not look up, one line each, with what to do.
	// Both are set by the pricing package after Build.
	Cost          Cost     `json:"cost"`
	PricingErrors []string `json:"pricingErrors,omitempty"`

	// Problems are what could not be read (a forbidden list, a missing
	// resource) in one line each; the cluster shows what it could.
	Problems []string `json:"problems,omitempty"`

	// Connection says whether the source still reaches the API server. A
	// source that is not live (the demo, a snapshot) reports it live.
	Connection Connection `json:"connection"`

	BuiltAt time.Time `json:"builtAt"`
}

// Inputs is what a source gathered from the cluster: objects turned into
// model values, before anything is derived from them. Build takes ownership
// of the slices.
type Inputs struct {
	Context     string
	ClusterName string
	Source      string

	Nodes       []Node
	NodePools   []NodePool
	NodeClaims  []NodeClaim
	NodeClasses []NodeClass
	Evidence    Evidence
	Problems    []string
	Connection  Connection

	// Pods point at the source's own copies, which must not change while
	// a snapshot holds them: at 100,000 pods a copy of each is 12 MB.
	Pods []*Pod

	// PodIndex, when set, must be IndexPods(Pods): a source whose pods are
	// unchanged since its last Build passes the index it kept, and Build
	// skips the pass over every pod. Nil makes Build index the pods.
	PodIndex *PodIndex

	Now time.Time
}

// Build derives a Cluster from what a source read: each node's kind, pool
// origin and pod count, each pool's and class's node counts, each claim's
// state, the cluster's mode and its components. Every list comes out sorted
// by name, so two builds from the same inputs are equal.
func Build(in Inputs) *Cluster {
	c := &Cluster{
		Context:     in.Context,
		ClusterName: in.ClusterName,
		Source:      in.Source,
		NodePools:   in.NodePools,
		NodeClaims:  in.NodeClaims,
		NodeClasses: in.NodeClasses,
		Nodes:       in.Nodes,
		Pods:        in.Pods,
		Problems:    in.Problems,
		Connection:  in.Connection,
		Evidence:    in.Evidence,
		BuiltAt:     in.Now,
	}

	for i := range c.NodeClaims {
		if nc := &c.NodeClaims[i]; nc.State == "" {
			nc.ReadState()
		}
	}
	for i := range c.NodePools {
		np := &c.NodePools[i]
		np.Origin = ClassifyPool(np.Name, np.Labels, np.NodeClassRef)
		np.Ready = ConditionStatus(np.Conditions, CondReady)
	}
	pools := make(map[string]*NodePool, len(c.NodePools))
	for i := range c.NodePools {
		pools[c.NodePools[i].Name] = &c.NodePools[i]
	}

	pods := in.PodIndex
	if pods == nil {
		pods = IndexPods(in.Pods)
	}
	c.countPods(pods)
	c.classifyNodes(pools)
	for _, nc := range c.NodeClaims {
		if p := pools[nc.NodePool]; p != nil {
			p.NodeClaims++
		}
	}
	c.countNodeClassUse()

	// Sort before deciding the mode, whose evidence names the first Auto
	// Mode NodePool: input order is informer store order, which varies.
	slices.SortFunc(c.NodePools, func(a, b NodePool) int { return cmp.Compare(a.Name, b.Name) })
	c.NodeClaims = sortedByName(c.NodeClaims, func(nc *NodeClaim) string { return nc.Name })
	slices.SortFunc(c.NodeClasses, func(a, b NodeClass) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Kind, b.Kind))
	})
	c.Nodes = sortedByName(c.Nodes, func(n *Node) string { return n.Name })

	c.Region = majorityRegion(c.Nodes)
	c.Mode, c.ModeEvidence = decideMode(c, in.Evidence)
	c.Components = detectComponents(in.Evidence, pods.owned, c.Mode != ModeStandard)
	return c
}

// countPods sets each node's pod count and requests from the pods bound to
// it, as the index added them up.
func (c *Cluster) countPods(idx *PodIndex) {
	for i := range c.Nodes {
		n := &c.Nodes[i]
		t := idx.byNode[n.Name]
		n.Pods, n.Requests = t.pods, t.requests
	}
}

// classifyNodes sets each node's kind, pod limit and pool fields, and adds
// the node to its pool's counts. A node whose kind is set already had its
// labels read by the caller (Node.ReadLabels).
func (c *Cluster) classifyNodes(pools map[string]*NodePool) {
	for i := range c.Nodes {
		n := &c.Nodes[i]
		if n.Kind == "" {
			n.ReadLabels()
		}
		n.MaxPods = PodLimit(n.Kind, n.Allocatable.Pods)
		if n.Kind != KindAuto {
			n.PodsOverAutoModeLimit = max(0, n.Pods-AutoModeMaxPods)
		}

		p := pools[n.NodePool]
		if p == nil {
			continue
		}
		n.PoolOrigin = p.Origin
		if n.NodeClass == "" {
			n.NodeClass = p.NodeClassRef.Name
		}
		p.Nodes++
		p.Requests = p.Requests.Add(n.Requests)
	}
}

func (c *Cluster) countNodeClassUse() {
	type key struct{ group, name string }
	classes := make(map[key]*NodeClass, len(c.NodeClasses))
	for i := range c.NodeClasses {
		nc := &c.NodeClasses[i]
		nc.NodePools, nc.Nodes = 0, 0
		nc.Ready = ConditionStatus(nc.Conditions, CondReady)
		classes[key{nc.Group, nc.Name}] = nc
	}
	for _, p := range c.NodePools {
		if nc := classes[key{p.NodeClassRef.Group, p.NodeClassRef.Name}]; nc != nil {
			nc.NodePools++
			nc.Nodes += p.Nodes
		}
	}
}

// majorityRegion is the region most nodes report; ties go to the name that
// sorts first, so the answer does not depend on map order.
func majorityRegion(nodes []Node) string {
	counts := map[string]int{}
	for _, n := range nodes {
		if n.Region != "" {
			counts[n.Region]++
		}
	}
	best, bestN := "", 0
	for r, n := range counts {
		if n > bestN || (n == bestN && r < best) {
			best, bestN = r, n
		}
	}
	return best
}

// decideMode says whether the cluster runs Auto Mode, from its nodes, its
// pools and what the API server serves. Auto Mode's NodeClass resource is
// enough on its own: a cluster with Auto Mode on but no nodes yet is still
// an Auto Mode cluster. Fargate and hybrid nodes do not make a cluster
// mixed: Auto Mode clusters use them as they are.
func decideMode(c *Cluster, ev Evidence) (Mode, []string) {
	var evidence []string
	kinds := map[NodeKind]int{}
	for _, n := range c.Nodes {
		kinds[n.Kind]++
	}

	auto := false
	if n := kinds[KindAuto]; n > 0 {
		auto = true
		evidence = append(evidence, fmt.Sprintf("%d node(s) labelled %s=auto", n, LabelComputeType))
	}
	for _, p := range c.NodePools {
		if p.Origin == OriginBuiltIn || p.Origin == OriginCustom {
			auto = true
			evidence = append(evidence, fmt.Sprintf("NodePool %s uses an Auto Mode NodeClass", p.Name))
			break
		}
	}
	if slices.Contains(ev.APIResources, "nodeclasses.eks.amazonaws.com") {
		auto = true
		evidence = append(evidence, "the API server serves nodeclasses.eks.amazonaws.com")
	}

	other := 0
	for _, k := range []NodeKind{KindManagedNodeGroup, KindKarpenter, KindSelfManaged} {
		if kinds[k] > 0 {
			other += kinds[k]
			evidence = append(evidence, fmt.Sprintf("%d %s node(s)", kinds[k], k))
		}
	}

	switch {
	case !auto:
		return ModeStandard, append([]string{"no Auto Mode node, NodePool or NodeClass resource"}, evidence...)
	case other > 0:
		return ModeMixed, evidence
	}
	return ModeAuto, evidence
}
