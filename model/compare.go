package model

import (
	"fmt"
	"slices"
	"strings"
)

// Comparison sets standard EKS beside Auto Mode, point by point, with what
// this cluster has today on each point. Every cell is a short string, ready
// to draw in a table.
type Comparison struct {
	Cluster string `json:"cluster"`
	Mode    Mode   `json:"mode"`
	// Rows are the points where the two differ.
	Rows []CompareRow `json:"rows"`
	// Same are the points that do not change with Auto Mode.
	Same []CompareRow `json:"same"`
	// Fees are each EC2 node's fee, paid or would-be, and Fee their sum.
	Fees []NodeFee `json:"fees"`
	Fee  FeeTotal  `json:"fee"`
	// AWS is what the EKS and IAM APIs said, when they were asked.
	AWS *AWSView `json:"aws,omitempty"`
}

// CompareRow is one point of the comparison.
type CompareRow struct {
	Topic    string `json:"topic"`
	Standard string `json:"standard"`
	AutoMode string `json:"autoMode"`
	// Cluster is what this cluster has or would face on the point.
	Cluster string `json:"cluster"`
	Link    string `json:"link,omitempty"`
}

// Compare builds the comparison for one cluster. The IAM rows say what
// each role needs; reading what the roles have takes AWS credentials,
// which the model does not have.
func Compare(c *Cluster) Comparison {
	out := Comparison{Cluster: clusterRef(c).Name, Mode: c.Mode}
	out.Rows = append(out.Rows, componentRows(c.Components)...)
	out.Rows = append(out.Rows, poolRow(c), iamClusterRow(), iamNodeRow(c))
	out.Rows = append(out.Rows, podsRow(c), lifetimeRow(c), osRow(c))
	out.Rows = append(out.Rows, networkRows(c)...)
	out.Fees, out.Fee = nodeFees(c.Nodes)
	out.Rows = append(out.Rows, feeRows(out.Fees, out.Fee)...)
	out.Same = []CompareRow{
		{Topic: "Authentication", Standard: "IAM, access entries, kubeconfig",
			AutoMode: "the same: Auto Mode changes nothing here", Cluster: "unchanged",
			Link: LinkAutoMode},
		{Topic: "Pod autoscaling", Standard: "yours: HPA, KEDA or the like",
			AutoMode: "yours too: no built-in pod autoscaler", Cluster: "unchanged",
			Link: LinkAutoMode},
	}
	return out
}

func componentRows(comps []Component) []CompareRow {
	out := make([]CompareRow, 0, len(comps))
	for _, comp := range comps {
		now := string(comp.State)
		if comp.Version != "" {
			now += " " + comp.Version
		}
		out = append(out, CompareRow{
			Topic:    "Runs " + comp.Name,
			Standard: "you: an EKS add-on or a chart you upgrade",
			AutoMode: "AWS, built in, off your nodes",
			Cluster:  now, Link: LinkAutoMode,
		})
	}
	return out
}

func poolRow(c *Cluster) CompareRow {
	var builtIn, custom []string
	for _, p := range c.NodePools {
		switch p.Origin {
		case OriginBuiltIn:
			builtIn = append(builtIn, p.Name)
		case OriginCustom:
			custom = append(custom, p.Name)
		}
	}
	now := "no built-in pools"
	if len(builtIn) > 0 {
		now = "built-in: " + strings.Join(builtIn, ", ")
	}
	if len(custom) > 0 {
		now += fmt.Sprintf("; %d custom", len(custom))
	}
	return CompareRow{Topic: "Built-in pools",
		Standard: "none: node groups, Karpenter or your own nodes",
		AutoMode: "system and general-purpose: c, m, r, gen 5+, on-demand",
		Cluster:  now, Link: LinkBuiltInPools}
}

// iamClusterRow lists the cluster role's policies (facts sheet §6, IAM).
func iamClusterRow() CompareRow {
	return CompareRow{Topic: "IAM: cluster role",
		Standard: "AmazonEKSClusterPolicy",
		AutoMode: "AmazonEKSClusterPolicy plus AmazonEKSComputePolicy, " +
			"AmazonEKSBlockStoragePolicy, AmazonEKSLoadBalancingPolicy, " +
			"AmazonEKSNetworkingPolicy",
		Cluster: "not read: needs AWS credentials", Link: LinkIAM}
}

// iamNodeRow lists the node role's policies: Auto Mode's from the facts
// sheet §6; the standard ones from UG create-node-role.
func iamNodeRow(c *Cluster) CompareRow {
	var roles []string
	for _, nc := range c.NodeClasses {
		if nc.Role != "" && !slices.Contains(roles, nc.Role) {
			roles = append(roles, nc.Role)
		}
	}
	now := "no NodeClass names a role"
	if len(roles) > 0 {
		now = "NodeClass roles: " + strings.Join(roles, ", ")
	}
	return CompareRow{Topic: "IAM: node role",
		Standard: "AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryReadOnly, " +
			"AmazonEKS_CNI_Policy",
		AutoMode: "AmazonEKSWorkerNodeMinimalPolicy, AmazonEC2ContainerRegistryPullOnly",
		Cluster:  now, Link: LinkIAM}
}

func podsRow(c *Cluster) CompareRow {
	most, where, over := 0, "", 0
	for _, n := range c.Nodes {
		if n.Pods > most {
			most, where = n.Pods, n.Name
		}
		if n.PodsOverAutoModeLimit > 0 {
			over++
		}
	}
	now := "no pods"
	if most > 0 {
		now = fmt.Sprintf("most on one node: %d (%s); %d node(s) over 110", most, where, over)
	}
	return CompareRow{Topic: "Pods per node",
		Standard: "what the instance's ENIs allow",
		AutoMode: fmt.Sprintf("the same, capped at %d", AutoModeMaxPods),
		Cluster:  now, Link: LinkNodeClass}
}

func lifetimeRow(c *Cluster) CompareRow {
	var oldest *Node
	for i := range c.Nodes {
		n := &c.Nodes[i]
		if n.Kind == KindFargate || n.Created.IsZero() {
			continue
		}
		if oldest == nil || n.Created.Before(oldest.Created) {
			oldest = n
		}
	}
	now := "no node age known"
	if oldest != nil && !c.BuiltAt.IsZero() {
		age := c.BuiltAt.Sub(oldest.Created)
		now = fmt.Sprintf("oldest node: %s (%s)", shortDuration(age), oldest.Name)
		if age > MaxNodeLifetime {
			now += "; over 21 days"
		}
	}
	return CompareRow{Topic: "Node lifetime",
		Standard: "as long as you keep the node",
		AutoMode: "at most 21 days (built-in pools 14); new AMIs replace nodes about weekly",
		Cluster:  now, Link: LinkNodePool}
}

func osRow(c *Cluster) CompareRow {
	windows, self := 0, 0
	for _, n := range c.Nodes {
		if n.OS == "windows" {
			windows++
		}
		if n.Kind == KindSelfManaged {
			self++
		}
	}
	return CompareRow{Topic: "AMI and OS",
		Standard: "your choice: AL2023, Bottlerocket, Windows, custom AMIs, user data, SSH",
		AutoMode: "Bottlerocket picked by AWS; Linux only; no SSH, SSM or user data",
		Cluster:  fmt.Sprintf("%d Windows node(s), %d self-managed node(s)", windows, self),
		Link:     LinkInstances}
}

func networkRows(c *Cluster) []CompareRow {
	podNets := 0
	for _, nc := range c.NodeClasses {
		if nc.PodSubnetSelectorTerms > 0 {
			podNets++
		}
	}
	conntrack := "no tuning seen on aws-node"
	if fs := cniSettingFindings(c.Evidence); len(fs) > 0 {
		conntrack = strings.TrimPrefix(fs[0].Message, "VPC CNI settings Auto Mode fixes: ")
	}
	return []CompareRow{
		{Topic: "Pod security groups",
			Standard: "SecurityGroupPolicy, through the VPC resource controller",
			AutoMode: "SecurityGroupPolicy from Kubernetes " + SecurityGroupPolicyMinVersion +
				"; or NodeClass pod security groups",
			Cluster: fmt.Sprintf("%d SecurityGroupPolicy object(s)",
				c.Evidence.SecurityGroupPolicies),
			Link: LinkPodSGs},
		{Topic: "Custom networking",
			Standard: "ENIConfig per zone (VPC CNI)",
			AutoMode: "NodeClass podSubnetSelectorTerms",
			Cluster: fmt.Sprintf("%d ENIConfig(s); %d NodeClass(es) with pod subnets",
				c.Evidence.ENIConfigs, podNets),
			Link: LinkNetworking},
		{Topic: "Conntrack and VPC CNI settings",
			Standard: "tunable: warm IP targets, prefixes, conntrack timeouts",
			AutoMode: "fixed: /28 prefixes, 300s conntrack timeout",
			Cluster:  conntrack, Link: LinkNetworking},
	}
}
