package model_test

import (
	"slices"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// node builds a node with the given label pairs.
func node(name string, kv ...string) model.Node {
	return model.Node{Name: name, Labels: labels(kv...)}
}

func autoNode(name, pool string) model.Node {
	return node(name, model.LabelComputeType, "auto", model.LabelNodePool, pool,
		model.LabelAutoNodeClass, "default")
}

func mngNode(name string) model.Node {
	return node(name, model.LabelNodeGroup, "ng-1", model.LabelMNGCapacity, "ON_DEMAND")
}

func pool(name string, ref model.ObjectRef, kv ...string) model.NodePool {
	return model.NodePool{Name: name, NodeClassRef: ref, Labels: labels(kv...)}
}

const (
	servesNodeClasses = "the API server serves nodeclasses.eks.amazonaws.com"
	noAutoMode        = "no Auto Mode node, NodePool or NodeClass resource"
)

func TestBuildMode(t *testing.T) {
	tests := []struct {
		name         string
		in           model.Inputs
		want         model.Mode
		wantEvidence []string
	}{
		{"nothing at all is standard", model.Inputs{}, model.ModeStandard,
			[]string{noAutoMode}},
		{"the Auto Mode NodeClass resource alone is auto with no nodes",
			model.Inputs{Evidence: model.Evidence{
				APIResources: []string{"nodeclasses.eks.amazonaws.com"}}},
			model.ModeAuto, []string{servesNodeClasses}},
		{"Auto Mode nodes are auto",
			model.Inputs{Nodes: []model.Node{autoNode("i-1", "system"),
				autoNode("i-2", "general-purpose")}},
			model.ModeAuto,
			[]string{"2 node(s) labelled eks.amazonaws.com/compute-type=auto"}},
		{"a custom pool on an Auto Mode NodeClass is auto with no nodes",
			model.Inputs{NodePools: []model.NodePool{pool("gpu", autoRef)}},
			model.ModeAuto, []string{"NodePool gpu uses an Auto Mode NodeClass"}},
		{"a built-in pool is auto",
			model.Inputs{NodePools: []model.NodePool{
				pool("system", autoRef, model.LabelManagedBy, "eks")}},
			model.ModeAuto, []string{"NodePool system uses an Auto Mode NodeClass"}},
		{"fargate and hybrid nodes beside Auto Mode stay auto",
			model.Inputs{Nodes: []model.Node{autoNode("i-1", "system"),
				node("fargate-ip-10-0-0-1", model.LabelComputeType, "fargate"),
				node("mi-1", model.LabelComputeType, "hybrid")}},
			model.ModeAuto,
			[]string{"1 node(s) labelled eks.amazonaws.com/compute-type=auto"}},
		{"a managed node group beside Auto Mode is mixed",
			model.Inputs{Nodes: []model.Node{autoNode("i-1", "system"), mngNode("ip-1"),
				mngNode("ip-2")}},
			model.ModeMixed,
			[]string{"1 node(s) labelled eks.amazonaws.com/compute-type=auto",
				"2 managed-nodegroup node(s)"}},
		{"OSS Karpenter and self-managed nodes beside the NodeClass resource are mixed",
			model.Inputs{
				Nodes: []model.Node{node("ip-1", model.LabelNodePool, "oss"),
					node("ip-2")},
				Evidence: model.Evidence{
					APIResources: []string{"nodeclasses.eks.amazonaws.com"}}},
			model.ModeMixed,
			[]string{servesNodeClasses, "1 karpenter node(s)", "1 self-managed node(s)"}},
		{"a managed node group alone is standard and says what it found",
			model.Inputs{Nodes: []model.Node{mngNode("ip-1")}},
			model.ModeStandard, []string{noAutoMode, "1 managed-nodegroup node(s)"}},
		{"fargate alone is standard",
			model.Inputs{Nodes: []model.Node{
				node("fargate-ip-1", model.LabelComputeType, "fargate")}},
			model.ModeStandard, []string{noAutoMode}},
		{"an OSS Karpenter pool on an EC2NodeClass is not Auto Mode",
			model.Inputs{NodePools: []model.NodePool{pool("default", ec2Ref)},
				Evidence: model.Evidence{APIResources: []string{"nodepools.karpenter.sh"}}},
			model.ModeStandard, []string{noAutoMode}},
		{"an EC2NodeClass pool beside Auto Mode without its nodes stays auto",
			model.Inputs{NodePools: []model.NodePool{pool("default", ec2Ref),
				pool("gpu", autoRef)}},
			model.ModeAuto, []string{"NodePool gpu uses an Auto Mode NodeClass"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := model.Build(tt.in)
			if c.Mode != tt.want {
				t.Errorf("Mode = %q, want %q", c.Mode, tt.want)
			}
			if !slices.Equal(c.ModeEvidence, tt.wantEvidence) {
				t.Errorf("ModeEvidence = %q\nwant %q", c.ModeEvidence, tt.wantEvidence)
			}
		})
	}
}

func TestBuildComponentsFollowMode(t *testing.T) {
	tests := []struct {
		name string
		in   model.Inputs
		want model.ComponentState
	}{
		{"an Auto Mode cluster has built-in components",
			model.Inputs{Nodes: []model.Node{autoNode("i-1", "system")}}, model.StateBuiltIn},
		{"a mixed cluster has built-in components",
			model.Inputs{Nodes: []model.Node{autoNode("i-1", "system"), mngNode("ip-1")}},
			model.StateBuiltIn},
		{"a standard cluster has none", model.Inputs{Nodes: []model.Node{mngNode("ip-1")}},
			model.StateAbsent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := model.Build(tt.in)
			if len(c.Components) != len(componentNames) {
				t.Fatalf("%d components, want %d", len(c.Components), len(componentNames))
			}
			for _, comp := range c.Components {
				if comp.State != tt.want {
					t.Errorf("%s is %q, want %q", comp.Name, comp.State, tt.want)
				}
			}
		})
	}
}

func TestBuildRegion(t *testing.T) {
	inRegion := func(name, region string) model.Node {
		return node(name, model.LabelRegion, region)
	}
	tests := []struct {
		name  string
		nodes []model.Node
		want  string
	}{
		{"no nodes, no region", nil, ""},
		{"the majority region wins",
			[]model.Node{inRegion("a", "us-east-1"), inRegion("b", "us-west-2"),
				inRegion("c", "us-west-2")}, "us-west-2"},
		{"a tie goes to the name that sorts first",
			[]model.Node{inRegion("a", "us-west-2"), inRegion("b", "eu-west-1")},
			"eu-west-1"},
		{"a tie goes to the name that sorts first whatever the node order",
			[]model.Node{inRegion("a", "eu-west-1"), inRegion("b", "us-west-2")},
			"eu-west-1"},
		{"nodes without a region are not counted",
			[]model.Node{inRegion("a", "ap-northeast-1"), node("b"), node("c")},
			"ap-northeast-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 20 { // map order varies between runs; the answer must not
				c := model.Build(model.Inputs{Nodes: slices.Clone(tt.nodes)})
				if c.Region != tt.want {
					t.Fatalf("Region = %q, want %q", c.Region, tt.want)
				}
			}
		})
	}
}
