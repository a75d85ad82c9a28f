package model

import (
	"fmt"
	"slices"
	"strings"
)

// AWSView is what the EKS and IAM APIs say about the cluster, which the
// Kubernetes API cannot show: whether Auto Mode is switched on, which
// built-in pools EKS runs, and the policies on the two roles.
type AWSView struct {
	ClusterName string `json:"clusterName"`
	Region      string `json:"region"`

	// ComputeEnabled, NodePools and NodeRoleARN are DescribeCluster's
	// computeConfig (facts sheet §4b).
	ComputeEnabled bool     `json:"computeEnabled"`
	NodePools      []string `json:"nodePools,omitempty"`
	NodeRoleARN    string   `json:"nodeRoleArn,omitempty"`
	// BlockStorage and LoadBalancing are storageConfig.blockStorage and
	// kubernetesNetworkConfig.elasticLoadBalancing, which Auto Mode needs
	// enabled together with compute.
	BlockStorage  bool `json:"blockStorage"`
	LoadBalancing bool `json:"loadBalancing"`

	ClusterRoleARN string `json:"clusterRoleArn,omitempty"`
	// ClusterRolePolicies and NodeRolePolicies are the names of the managed
	// policies attached to each role. Inline policies are not read.
	ClusterRolePolicies []string `json:"clusterRolePolicies,omitempty"`
	NodeRolePolicies    []string `json:"nodeRolePolicies,omitempty"`
}

// The policies Auto Mode needs on each role (facts sheet §6, IAM).
var (
	AutoModeClusterRolePolicies = []string{"AmazonEKSClusterPolicy", "AmazonEKSComputePolicy",
		"AmazonEKSBlockStoragePolicy", "AmazonEKSLoadBalancingPolicy",
		"AmazonEKSNetworkingPolicy"}
	AutoModeNodeRolePolicies = []string{"AmazonEKSWorkerNodeMinimalPolicy",
		"AmazonEC2ContainerRegistryPullOnly"}
)

// AWS rule IDs.
const (
	RuleAWSClusterRolePolicies = "aws-cluster-role-policies"
	RuleAWSNodeRolePolicies    = "aws-node-role-policies"
	RuleAWSCapabilities        = "aws-capabilities-together"
	RuleAWSBuiltInPools        = "aws-built-in-pools"
)

// AWSFindings checks what AWS says against what Auto Mode needs and against
// the built-in pools the cluster actually holds.
func AWSFindings(c *Cluster, a AWSView) []Finding {
	ref := Ref{Kind: "Cluster", Name: a.ClusterName}
	var out []Finding

	if missing := missingPolicies(a.ClusterRolePolicies, AutoModeClusterRolePolicies); len(
		missing) > 0 && a.ClusterRoleARN != "" {
		f := Finding{Severity: SeverityWarning, Rule: RuleAWSClusterRolePolicies, Object: ref,
			Message: "cluster role lacks " + strings.Join(missing, ", "),
			Hint:    "attach them to " + roleName(a.ClusterRoleARN) + " (inline policies not read)",
			Link:    LinkIAM}
		if !a.ComputeEnabled {
			f.Severity = SeverityInfo
			f.Message = "to turn on Auto Mode, the cluster role needs " + strings.Join(missing, ", ")
		}
		out = append(out, f)
	}
	if missing := missingPolicies(a.NodeRolePolicies, AutoModeNodeRolePolicies); len(
		missing) > 0 && a.NodeRoleARN != "" {
		out = append(out, Finding{Severity: SeverityWarning, Rule: RuleAWSNodeRolePolicies,
			Object:  ref,
			Message: "node role lacks " + strings.Join(missing, ", "),
			Hint:    "attach them to " + roleName(a.NodeRoleARN) + " (inline policies not read)",
			Link:    LinkIAM})
	}
	if a.ComputeEnabled && (!a.BlockStorage || !a.LoadBalancing) {
		out = append(out, Finding{Severity: SeverityWarning, Rule: RuleAWSCapabilities,
			Object: ref,
			Message: fmt.Sprintf("compute is on, block storage %s, load balancing %s",
				onOff(a.BlockStorage), onOff(a.LoadBalancing)),
			Hint: "enable compute, block storage and load balancing in one update-cluster-config",
			Link: ugBase + "auto-enable-existing.html"})
	}
	out = append(out, builtInPoolFindings(c, a, ref)...)
	return out
}

// builtInPoolFindings compares the pools EKS says it runs with the
// built-in NodePools the cluster holds.
func builtInPoolFindings(c *Cluster, a AWSView, ref Ref) []Finding {
	var present []string
	for _, p := range c.NodePools {
		if p.Origin == OriginBuiltIn {
			present = append(present, p.Name)
		}
	}
	var out []Finding
	for _, name := range a.NodePools {
		if !slices.Contains(present, name) {
			out = append(out, Finding{Severity: SeverityWarning, Rule: RuleAWSBuiltInPools,
				Object:  Ref{Kind: "NodePool", Name: name},
				Message: "EKS runs built-in pool " + name + ", but the cluster shows no such NodePool",
				Hint:    "check that you may list nodepools; kubectl get nodepool " + name,
				Link:    LinkBuiltInPools})
		}
	}
	for _, name := range present {
		if !slices.Contains(a.NodePools, name) {
			out = append(out, Finding{Severity: SeverityWarning, Rule: RuleAWSBuiltInPools,
				Object:  Ref{Kind: "NodePool", Name: name},
				Message: "built-in pool " + name + " is not in the cluster's computeConfig",
				Hint:    "EKS may be removing it; check aws eks describe-cluster",
				Link:    LinkBuiltInPools})
		}
	}
	return out
}

func missingPolicies(have, need []string) []string {
	var missing []string
	for _, p := range need {
		if !slices.Contains(have, p) {
			missing = append(missing, p)
		}
	}
	return missing
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// WithAWS fills the IAM rows' cluster column with what the roles have,
// and returns the comparison.
func (cmp Comparison) WithAWS(a AWSView) Comparison {
	rows := slices.Clone(cmp.Rows)
	for i, r := range rows {
		switch r.Topic {
		case "IAM: cluster role":
			rows[i].Cluster = roleSummary(a.ClusterRoleARN, a.ClusterRolePolicies,
				AutoModeClusterRolePolicies)
		case "IAM: node role":
			rows[i].Cluster = roleSummary(a.NodeRoleARN, a.NodeRolePolicies,
				AutoModeNodeRolePolicies)
		}
	}
	cmp.Rows = rows
	cmp.AWS = &a
	return cmp
}

func roleSummary(arn string, have, need []string) string {
	if arn == "" {
		return "no role set"
	}
	missing := missingPolicies(have, need)
	if len(missing) == 0 {
		return roleName(arn) + ": has all Auto Mode needs"
	}
	return roleName(arn) + ": lacks " + strings.Join(missing, ", ")
}
