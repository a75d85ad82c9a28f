package model

import "time"

// NodeClass is the AWS side of a NodePool: an Auto Mode NodeClass
// (eks.amazonaws.com) or an OSS Karpenter EC2NodeClass (karpenter.k8s.aws).
// The two share enough (a role, selectors, tags, conditions) to sit in one
// table.
type NodeClass struct {
	Name  string `json:"name"`
	Group string `json:"group"`
	Kind  string `json:"kind"`

	// BuiltIn marks the NodeClass EKS creates for the built-in pools:
	// `default`, labelled app.kubernetes.io/managed-by=eks.
	BuiltIn bool `json:"builtIn"`

	Role            string            `json:"role,omitempty"`
	InstanceProfile string            `json:"instanceProfile,omitempty"`
	Tags            map[string]string `json:"tags,omitempty"`

	SubnetSelectorTerms           int `json:"subnetSelectorTerms"`
	SecurityGroupSelectorTerms    int `json:"securityGroupSelectorTerms"`
	PodSubnetSelectorTerms        int `json:"podSubnetSelectorTerms,omitempty"`
	PodSecurityGroupSelectorTerms int `json:"podSecurityGroupSelectorTerms,omitempty"`

	EphemeralStorageSize string `json:"ephemeralStorageSize,omitempty"`

	Ready      string      `json:"ready"`
	Conditions []Condition `json:"conditions"`

	// NodePools and Nodes count what uses this NodeClass.
	NodePools int `json:"nodePools"`
	Nodes     int `json:"nodes"`

	Labels  map[string]string `json:"labels,omitempty"`
	Created time.Time         `json:"created"`
}

// IsAutoMode reports whether this is an Auto Mode NodeClass.
func (c NodeClass) IsAutoMode() bool {
	return c.Group == GroupAutoMode && c.Kind == KindNodeClass
}

// Ref is the nodeClassRef a NodePool would use to point at this class.
func (c NodeClass) Ref() ObjectRef {
	return ObjectRef{Group: c.Group, Kind: c.Kind, Name: c.Name}
}
