package ui

import (
	"fmt"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// testNow is the fixed time every test cluster is built at, so that ages
// and goldens do not change from run to run.
var testNow = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

var autoClassRef = model.ObjectRef{Group: model.GroupAutoMode, Kind: model.KindNodeClass,
	Name: "default"}

func ready(at time.Time) []model.Condition {
	return []model.Condition{{Type: model.CondReady, Status: model.StatusTrue,
		LastTransitionTime: at}}
}

// claimConds are a NodeClaim's conditions, given as type=status pairs.
func claimConds(pairs ...string) []model.Condition {
	var out []model.Condition
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, model.Condition{Type: pairs[i], Status: pairs[i+1]})
	}
	return out
}

var healthyClaim = claimConds(model.CondLaunched, "True", model.CondRegistered, "True",
	model.CondInitialized, "True", model.CondReady, "True", model.CondDrifted, "False",
	model.CondConsolidatable, "False")

func autoNode(name, pool, itype, capType, zone string, created time.Time) model.Node {
	return model.Node{
		Name: name, Ready: true, Created: created,
		Allocatable: model.Resources{CPUMillis: 1930, MemoryBytes: 7 << 30, Pods: 29},
		Labels: map[string]string{
			model.LabelComputeType: "auto", model.LabelNodePool: pool,
			model.LabelAutoNodeClass: "default", model.LabelInstanceType: itype,
			model.LabelCapacityType: capType, model.LabelZone: zone,
			model.LabelRegion: "eu-west-1",
		},
	}
}

func mngNode(name, group, zone string, created time.Time) model.Node {
	return model.Node{
		Name: name, Ready: true, Created: created,
		Allocatable: model.Resources{CPUMillis: 1930, MemoryBytes: 7 << 30, Pods: 29},
		Labels: map[string]string{
			model.LabelNodeGroup: group, model.LabelMNGCapacity: "ON_DEMAND",
			model.LabelInstanceType: "m5.large", model.LabelZone: zone,
			model.LabelRegion: "eu-west-1",
		},
	}
}

func pod(ns, name, node string, cpu int64) *model.Pod {
	return &model.Pod{Namespace: ns, Name: name, NodeName: node, Phase: "Running",
		Requests: model.Resources{CPUMillis: cpu, MemoryBytes: cpu << 21}}
}

// autoModeInputs is a small Auto Mode cluster: the two built-in pools, a
// custom GPU pool with limits, a stuck NodeClaim and a drifted one.
func autoModeInputs() model.Inputs {
	day := 24 * time.Hour
	eks := map[string]string{model.LabelManagedBy: "eks"}
	pools := []model.NodePool{
		{Name: "system", NodeClassRef: autoClassRef, Labels: eks,
			Conditions: ready(testNow), Created: testNow.Add(-40 * day)},
		{Name: "general-purpose", NodeClassRef: autoClassRef, Labels: eks,
			Conditions: ready(testNow), Created: testNow.Add(-40 * day)},
		{Name: "gpu", NodeClassRef: autoClassRef, Conditions: ready(testNow),
			Limits:  model.Resources{CPUMillis: 4000, MemoryBytes: 64 << 30},
			Created: testNow.Add(-3 * time.Hour)},
	}
	nodes := []model.Node{
		autoNode("i-0a11", "system", "c6g.large", "on-demand", "eu-west-1a", testNow.Add(-5*day)),
		autoNode("i-0b22", "general-purpose", "m6i.large", "on-demand", "eu-west-1b",
			testNow.Add(-26*time.Hour)),
		autoNode("i-0c33", "general-purpose", "c6i.xlarge", "spot", "eu-west-1c",
			testNow.Add(-90*time.Minute)),
		autoNode("i-0d44", "gpu", "g5.xlarge", "on-demand", "eu-west-1a",
			testNow.Add(-40*time.Minute)),
	}
	claims := []model.NodeClaim{
		{Name: "system-a1b2c", NodePool: "system", NodeName: "i-0a11",
			InstanceType: "c6g.large", CapacityType: "on-demand", Zone: "eu-west-1a",
			Conditions: healthyClaim, Created: testNow.Add(-5 * day)},
		{Name: "general-purpose-d3e4f", NodePool: "general-purpose", NodeName: "i-0b22",
			InstanceType: "m6i.large", CapacityType: "on-demand", Zone: "eu-west-1b",
			Conditions: claimConds(model.CondLaunched, "True", model.CondRegistered, "True",
				model.CondInitialized, "True", model.CondReady, "True",
				model.CondDrifted, "True", model.CondConsolidatable, "True"),
			Created: testNow.Add(-26 * time.Hour)},
		{Name: "general-purpose-g5h6i", NodePool: "general-purpose", NodeName: "i-0c33",
			InstanceType: "c6i.xlarge", CapacityType: "spot", Zone: "eu-west-1c",
			Conditions: healthyClaim, Created: testNow.Add(-90 * time.Minute)},
		{Name: "gpu-j7k8l", NodePool: "gpu", NodeName: "i-0d44", InstanceType: "g5.xlarge",
			CapacityType: "on-demand", Zone: "eu-west-1a", Conditions: healthyClaim,
			Created: testNow.Add(-40 * time.Minute)},
		{Name: "gpu-m9n0p", NodePool: "gpu", Created: testNow.Add(-12 * time.Minute),
			Conditions: []model.Condition{{Type: model.CondLaunched, Status: "False",
				Reason: "Unauthorized", Message: "not authorized to perform ec2:RunInstances"}}},
	}
	classes := []model.NodeClass{
		{Name: "default", Group: model.GroupAutoMode, Kind: model.KindNodeClass, BuiltIn: true,
			Role: "auto-node-role", Conditions: ready(testNow), Created: testNow.Add(-40 * day)},
	}
	pods := []*model.Pod{
		pod("kube-system", "metrics-server-1", "i-0a11", 100),
		pod("web", "shop-1", "i-0b22", 500), pod("web", "shop-2", "i-0c33", 750),
		pod("ml", "train-1", "i-0d44", 3800),
	}
	return model.Inputs{
		Context: "arn:aws:eks:eu-west-1:111122223333:cluster/shop", ClusterName: "shop",
		Nodes: nodes, Pods: pods, NodePools: pools, NodeClaims: claims, NodeClasses: classes,
		Evidence: model.Evidence{APIResources: []string{"nodeclasses.eks.amazonaws.com",
			"nodepools.karpenter.sh", "nodeclaims.karpenter.sh"}},
		Now: testNow,
	}
}

// standardInputs is a cluster without Auto Mode: one managed node group
// and the add-ons a user runs themselves.
func standardInputs() model.Inputs {
	nodes := []model.Node{
		mngNode("ip-10-0-1-17.eu-west-1.compute.internal", "core", "eu-west-1a",
			testNow.Add(-60*24*time.Hour)),
		mngNode("ip-10-0-2-203.eu-west-1.compute.internal", "core", "eu-west-1b",
			testNow.Add(-60*24*time.Hour)),
	}
	nodes[1].Unschedulable = true
	return model.Inputs{
		Context: "staging", ClusterName: "staging",
		Nodes: nodes,
		Pods: []*model.Pod{
			{Namespace: "kube-system", Name: "aws-node-x1", NodeName: nodes[0].Name,
				Phase: "Running", OwnerKind: "DaemonSet", OwnerName: "aws-node"},
		},
		Evidence: model.Evidence{Workloads: []model.Workload{
			{Kind: "DaemonSet", Namespace: "kube-system", Name: "aws-node",
				Image: "602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon-k8s-cni:v1.19.2"},
			{Kind: "Deployment", Namespace: "kube-system", Name: "coredns",
				Image: "602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/coredns:v1.11.4"},
		}},
		Now: testNow,
	}
}

// bigInputs is a cluster of n Auto Mode nodes, each with its NodeClaim,
// spread over ten pools, for the benchmarks.
func bigInputs(n int) model.Inputs {
	in := model.Inputs{Context: "big", ClusterName: "big", Now: testNow}
	for p := range 10 {
		in.NodePools = append(in.NodePools, model.NodePool{Name: fmt.Sprintf("pool-%02d", p),
			NodeClassRef: autoClassRef, Conditions: ready(testNow), Created: testNow})
	}
	for i := range n {
		pool := fmt.Sprintf("pool-%02d", i%10)
		name := fmt.Sprintf("i-%016x", 0xa000000+i*7919)
		created := testNow.Add(-time.Duration(i) * time.Minute)
		in.Nodes = append(in.Nodes, autoNode(name, pool, "m6i.large", "on-demand",
			"eu-west-1a", created))
		in.NodeClaims = append(in.NodeClaims, model.NodeClaim{
			Name: fmt.Sprintf("%s-%05d", pool, i), NodePool: pool, NodeName: name,
			InstanceType: "m6i.large", CapacityType: "spot", Zone: "eu-west-1b",
			Conditions: healthyClaim, Created: created, Version: "1"})
	}
	return in
}
