package model

import "time"

// Origin says where a NodePool came from, which decides who may change it
// and whether its nodes pay the Auto Mode fee.
type Origin string

// The NodePool origins.
const (
	// OriginBuiltIn is one of Auto Mode's own pools, system and
	// general-purpose: EKS creates them, and they can only be switched on
	// or off, never edited.
	OriginBuiltIn Origin = "built-in"
	// OriginCustom is a pool someone wrote that launches through an Auto
	// Mode NodeClass; its nodes pay the fee.
	OriginCustom Origin = "custom"
	// OriginKarpenter is an OSS Karpenter pool on an EC2NodeClass; its
	// nodes pay no fee.
	OriginKarpenter Origin = "karpenter"
	// OriginUnknown is a pool whose nodeClassRef names neither of those.
	OriginUnknown Origin = "unknown"
)

// BuiltInPoolNames are the names of Auto Mode's built-in NodePools (facts §4a).
var BuiltInPoolNames = []string{"general-purpose", "system"}

// ObjectRef points at a NodeClass or EC2NodeClass.
type ObjectRef struct {
	Group string `json:"group"`
	Kind  string `json:"kind"`
	Name  string `json:"name"`
}

// IsAutoModeNodeClass reports whether the reference is to an Auto Mode
// NodeClass, the test Auto Mode's own CEL rules use.
func (r ObjectRef) IsAutoModeNodeClass() bool {
	return r.Group == GroupAutoMode && r.Kind == KindNodeClass
}

// IsEC2NodeClass reports whether the reference is to OSS Karpenter's
// EC2NodeClass.
func (r ObjectRef) IsEC2NodeClass() bool {
	return r.Group == GroupKarpenterAWS && r.Kind == KindEC2NodeClass
}

// ClassifyPool decides a NodePool's origin. A built-in pool has one of the
// two built-in names, the managed-by=eks label EKS puts on it, and an Auto
// Mode NodeClass; a pool named system that someone wrote lacks the label and
// is custom.
func ClassifyPool(name string, labels map[string]string, ref ObjectRef) Origin {
	switch {
	case ref.IsAutoModeNodeClass():
		if isBuiltInPoolName(name) && labels[LabelManagedBy] == "eks" {
			return OriginBuiltIn
		}
		return OriginCustom
	case ref.IsEC2NodeClass():
		return OriginKarpenter
	}
	return OriginUnknown
}

func isBuiltInPoolName(name string) bool {
	for _, n := range BuiltInPoolNames {
		if n == name {
			return true
		}
	}
	return false
}

// Requirement is one scheduling requirement of a NodePool template.
type Requirement struct {
	Key       string   `json:"key"`
	Operator  string   `json:"operator"`
	Values    []string `json:"values,omitempty"`
	MinValues int      `json:"minValues,omitempty"`
}

// Taint is a taint a NodePool puts on its nodes.
type Taint struct {
	Key    string `json:"key"`
	Value  string `json:"value,omitempty"`
	Effect string `json:"effect"`
}

// NodePool is a Karpenter NodePool, Auto Mode's or OSS Karpenter's.
type NodePool struct {
	Name         string      `json:"name"`
	Origin       Origin      `json:"origin"`
	NodeClassRef ObjectRef   `json:"nodeClassRef"`
	Nodes        int         `json:"nodes"`
	NodeClaims   int         `json:"nodeClaims"`
	Conditions   []Condition `json:"conditions"`

	// Ready is the status of the pool's Ready condition, "" when absent.
	Ready string `json:"ready"`

	// TemplateLabels are the labels the pool puts on its nodes
	// (spec.template.metadata.labels).
	TemplateLabels map[string]string `json:"templateLabels,omitempty"`

	Weight       int           `json:"weight,omitempty"`
	Requirements []Requirement `json:"requirements,omitempty"`
	Taints       []Taint       `json:"taints,omitempty"`

	ExpireAfter            string `json:"expireAfter,omitempty"`
	TerminationGracePeriod string `json:"terminationGracePeriod,omitempty"`
	ConsolidationPolicy    string `json:"consolidationPolicy,omitempty"`
	ConsolidateAfter       string `json:"consolidateAfter,omitempty"`

	// Limits is the pool's spec.limits; a zero field means no limit.
	Limits Resources `json:"limits"`
	// InUse is what the pool's nodes have allocatable, per its status.
	InUse Resources `json:"inUse"`
	// Requests is what pods on the pool's nodes ask for.
	Requests Resources `json:"requests"`

	// Cost is the sum of the pool's nodes' prices, set by the pricing
	// package after Build.
	Cost Cost `json:"cost"`

	Labels  map[string]string `json:"labels,omitempty"`
	Created time.Time         `json:"created"`
}
