package model

import "time"

// NodeKind says who launched a node and so who manages it and who pays the
// Auto Mode fee for it.
type NodeKind string

// The node kinds, as the JSON output spells them.
const (
	KindAuto             NodeKind = "auto"
	KindManagedNodeGroup NodeKind = "managed-nodegroup"
	KindKarpenter        NodeKind = "karpenter"
	KindFargate          NodeKind = "fargate"
	KindHybrid           NodeKind = "hybrid"
	KindSelfManaged      NodeKind = "self-managed"
)

// Badge is the short word the UI and tables show for a kind, the way
// kubectl abbreviates (mng for a managed node group).
func (k NodeKind) Badge() string {
	switch k {
	case KindManagedNodeGroup:
		return "mng"
	case KindSelfManaged:
		return "self"
	}
	return string(k)
}

// ClassifyNode decides a node's kind from its labels alone, in the order the
// facts sheet (§3c) gives: the compute-type label that EKS sets wins, then a
// managed node group's label, then OSS Karpenter's NodePool label. What is
// left was launched by someone else: self-managed.
func ClassifyNode(labels map[string]string) NodeKind {
	switch labels[LabelComputeType] {
	case "auto":
		return KindAuto
	case "fargate":
		return KindFargate
	case "hybrid":
		return KindHybrid
	}
	if _, ok := labels[LabelNodeGroup]; ok {
		return KindManagedNodeGroup
	}
	if _, ok := labels[LabelNodePool]; ok {
		return KindKarpenter
	}
	return KindSelfManaged
}

// Node is one Kubernetes node as the tool sees it: what it is, where it runs
// and how full it is.
type Node struct {
	Name         string   `json:"name"`
	Kind         NodeKind `json:"kind"`
	NodePool     string   `json:"nodePool"`
	NodeClass    string   `json:"nodeClass"`
	PoolOrigin   Origin   `json:"poolOrigin"`
	NodeGroup    string   `json:"nodeGroup,omitempty"`
	InstanceType string   `json:"instanceType"`
	CapacityType string   `json:"capacityType"`
	Zone         string   `json:"zone"`
	Region       string   `json:"region"`
	OS           string   `json:"os,omitempty"`
	Ready        bool     `json:"ready"`
	Pods         int      `json:"pods"`
	MaxPods      int      `json:"maxPods"`

	// PodsOverAutoModeLimit is how many of a non-Auto Mode node's pods
	// would not fit under Auto Mode's limit of 110 per node: what moving it
	// to Auto Mode would cut.
	PodsOverAutoModeLimit int `json:"podsOverAutoModeLimit,omitempty"`

	// Unschedulable is true while the node is cordoned.
	Unschedulable bool `json:"unschedulable,omitempty"`

	// Requests and Allocatable are what pods ask for on the node and what
	// the kubelet offers them.
	Requests    Resources `json:"requests"`
	Allocatable Resources `json:"allocatable"`

	ProviderID string    `json:"providerID,omitempty"`
	Created    time.Time `json:"created"`

	// Price is set by the pricing package after Build; the zero value means
	// the node was not priced. get nodes -o json flattens it into
	// ec2PricePerHour, autoModeFeePerHour and the rest.
	Price NodePrice `json:"-"`

	// Labels are what ReadLabels reads; a source that has read them may
	// drop them, as the watcher does, since nothing after reads them again.
	Labels map[string]string `json:"-"`
}

// ReadLabels sets what a node's labels decide: its kind, NodePool, node
// group, NodeClass, instance type, capacity type, zone, region and OS. Build
// reads the labels of each node whose Kind is unset. The watcher reads
// them once for each version of a node instead, so that a snapshot of
// 5,000 unchanged nodes does not look up sixty thousand labels again.
func (n *Node) ReadLabels() {
	n.Kind = ClassifyNode(n.Labels)
	n.NodePool = n.Labels[LabelNodePool]
	n.NodeGroup = n.Labels[LabelNodeGroup]
	n.NodeClass = NodeClassOf(n.Labels)
	n.InstanceType = InstanceTypeOf(n.Labels)
	n.CapacityType = CapacityTypeOf(n.Labels)
	n.Zone = n.Labels[LabelZone]
	n.Region = n.Labels[LabelRegion]
	n.OS = n.Labels[LabelOS]
}

// Resources is the part of a ResourceList the tool draws, in base units.
type Resources struct {
	CPUMillis   int64 `json:"cpuMillis"`
	MemoryBytes int64 `json:"memoryBytes"`
	Pods        int64 `json:"pods,omitempty"`
}

// Add returns the sum of r and o.
func (r Resources) Add(o Resources) Resources {
	return Resources{
		CPUMillis:   r.CPUMillis + o.CPUMillis,
		MemoryBytes: r.MemoryBytes + o.MemoryBytes,
		Pods:        r.Pods + o.Pods,
	}
}

// PodLimit is the number of pods the node will run: its allocatable pods,
// capped at 110 on Auto Mode nodes, where EKS applies that cap after the
// ENI-based calculation. Zero means unknown.
func PodLimit(kind NodeKind, allocatablePods int64) int {
	limit := int(allocatablePods)
	if kind == KindAuto && (limit == 0 || limit > AutoModeMaxPods) {
		return AutoModeMaxPods
	}
	return limit
}

// CapacityTypeOf reads a node's capacity type (on-demand, spot or reserved)
// from Karpenter's label, or from a managed node group's own label, which
// spells it ON_DEMAND or SPOT.
func CapacityTypeOf(labels map[string]string) string {
	if ct := labels[LabelCapacityType]; ct != "" {
		return ct
	}
	switch labels[LabelMNGCapacity] {
	case "ON_DEMAND":
		return "on-demand"
	case "SPOT":
		return "spot"
	case "CAPACITY_BLOCK":
		return "reserved"
	}
	return ""
}

// InstanceTypeOf reads the EC2 instance type, preferring the GA label.
func InstanceTypeOf(labels map[string]string) string {
	if it := labels[LabelInstanceType]; it != "" {
		return it
	}
	return labels[LabelBetaInstanceType]
}

// NodeClassOf names the NodeClass or EC2NodeClass a node was launched from,
// when its labels say.
func NodeClassOf(labels map[string]string) string {
	if nc := labels[LabelAutoNodeClass]; nc != "" {
		return nc
	}
	return labels[LabelEC2NodeClass]
}
