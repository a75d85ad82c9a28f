package model_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// clusterInputs makes a fresh mixed cluster's inputs on every call, since
// Build takes ownership of the slices it is given.
func clusterInputs() model.Inputs {
	gpu := model.ObjectRef{Group: model.GroupAutoMode, Kind: model.KindNodeClass, Name: "gpu"}
	return model.Inputs{
		Context:     "arn:aws:eks:us-west-2:111122223333:cluster/demo",
		ClusterName: "demo",
		Nodes: []model.Node{
			autoNode("i-1", "general-purpose"), autoNode("i-2", "system"),
			autoNode("i-3", "gpu"), mngNode("ip-1"),
			node("ip-2", model.LabelNodePool, "oss", model.LabelRegion, "us-east-1"),
		},
		Pods: []*model.Pod{
			running("i-1", 100, 1<<20), running("i-2", 250, 1<<30),
			withPhase(running("i-3", 1, 1), "Succeeded"),
			{Namespace: "kube-system", Name: "coredns-7d9f-a", NodeName: "ip-1",
				Phase: "Running", OwnerKind: "ReplicaSet", OwnerName: "coredns-7d9f"},
			{Namespace: "kube-system", Name: "coredns-7d9f-b", NodeName: "ip-2",
				Phase: "Running", OwnerKind: "ReplicaSet", OwnerName: "coredns-7d9f"},
		},
		NodePools: []model.NodePool{
			pool("general-purpose", autoRef, model.LabelManagedBy, "eks"),
			pool("system", autoRef, model.LabelManagedBy, "eks"),
			pool("gpu", gpu), pool("oss", ec2Ref),
		},
		NodeClaims: []model.NodeClaim{
			{Name: "general-purpose-87brc", NodePool: "general-purpose", Conditions: stepsDone},
			{Name: "gpu-x1", NodePool: "gpu"},
		},
		NodeClasses: []model.NodeClass{
			{Name: "default", Group: model.GroupAutoMode, Kind: model.KindNodeClass},
			{Name: "gpu", Group: model.GroupAutoMode, Kind: model.KindNodeClass},
			{Name: "default", Group: model.GroupKarpenterAWS, Kind: model.KindEC2NodeClass},
		},
		Evidence: model.Evidence{
			APIResources: []string{"nodeclasses.eks.amazonaws.com", "nodepools.karpenter.sh"},
			Workloads: []model.Workload{{Kind: "DaemonSet", Namespace: "kube-system",
				Name: "aws-node", Image: cniImage}},
			CSIDrivers: []string{"ebs.csi.aws.com", "ebs.csi.eks.amazonaws.com"},
		},
		Problems: []string{"forbidden: cannot list nodeclaims.karpenter.sh"},
		Now:      time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC),
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	first, second := model.Build(clusterInputs()), model.Build(clusterInputs())
	if !reflect.DeepEqual(first, second) {
		t.Errorf("two builds of equal inputs differ:\n%+v\n%+v", first, second)
	}
	if first.Mode != model.ModeMixed {
		t.Errorf("fixture Mode = %q, want %q (the test would prove little)", first.Mode,
			model.ModeMixed)
	}
}

func TestBuildDoesNotDependOnInputOrder(t *testing.T) {
	tests := []struct {
		name    string
		reorder func(*model.Inputs)
	}{
		{"node order", func(in *model.Inputs) { slices.Reverse(in.Nodes) }},
		{"NodeClaim order", func(in *model.Inputs) { slices.Reverse(in.NodeClaims) }},
		{"NodeClass order", func(in *model.Inputs) { slices.Reverse(in.NodeClasses) }},
		{"NodePool order", func(in *model.Inputs) { slices.Reverse(in.NodePools) }},
		{"pod order", func(in *model.Inputs) { slices.Reverse(in.Pods) }},
	}
	for _, tt := range tests {
		t.Run(tt.name+" does not change the cluster", func(t *testing.T) {
			in := clusterInputs()
			tt.reorder(&in)
			want, got := model.Build(clusterInputs()), model.Build(in)
			// Pods are not sorted and not shown; everything else must match.
			want.Pods, got.Pods = nil, nil
			if !reflect.DeepEqual(got.ModeEvidence, want.ModeEvidence) {
				t.Errorf("ModeEvidence = %q, want %q", got.ModeEvidence, want.ModeEvidence)
			}
			if !reflect.DeepEqual(got.Components, want.Components) {
				t.Errorf("Components = %+v\nwant %+v", got.Components, want.Components)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("cluster differs:\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// TestLabelsReadBeforeBuildGiveTheSameCluster checks the watcher's short
// cut: nodes whose labels, and claims whose state, were read before Build
// come out as Build would have made them, whatever the input order.
func TestLabelsReadBeforeBuildGiveTheSameCluster(t *testing.T) {
	want := model.Build(clusterInputs())
	in := clusterInputs()
	for i := range in.Nodes {
		in.Nodes[i].ReadLabels()
	}
	for i := range in.NodeClaims {
		in.NodeClaims[i].ReadState()
	}
	slices.Reverse(in.Nodes)
	if got := model.Build(in); !reflect.DeepEqual(got, want) {
		t.Errorf("read before Build:\n%+v\nwant\n%+v", got, want)
	}
}
