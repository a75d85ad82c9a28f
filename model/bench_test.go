package model_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// benchNow is the time every benchmark cluster is built at.
var benchNow = time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)

// scaleInputs is a cluster of the size issue 7 asks for, at nodes nodes:
// 90% Auto Mode nodes, 5% each of managed node group and OSS Karpenter
// nodes, one NodeClaim per node, 50 NodePools and 20 pods per node.
func scaleInputs(nodes int) model.Inputs {
	autoRef := model.ObjectRef{Group: model.GroupAutoMode, Kind: model.KindNodeClass,
		Name: "default"}
	in := model.Inputs{Context: "scale", ClusterName: "scale", Now: benchNow,
		Evidence: model.Evidence{APIResources: []string{"nodeclasses.eks.amazonaws.com",
			"nodepools.karpenter.sh", "nodeclaims.karpenter.sh"}}}
	for p := range 50 {
		in.NodePools = append(in.NodePools, model.NodePool{Name: fmt.Sprintf("pool-%02d", p),
			NodeClassRef: autoRef, Created: benchNow})
	}
	in.NodeClasses = []model.NodeClass{{Name: "default", Group: model.GroupAutoMode,
		Kind: model.KindNodeClass, BuiltIn: true}}
	for i := range nodes {
		name := fmt.Sprintf("i-0%016x", 0x5ca1e0000+i*7919)
		pool := fmt.Sprintf("pool-%02d", i%50)
		labels := map[string]string{
			model.LabelComputeType: "auto", model.LabelNodePool: pool,
			model.LabelAutoNodeClass: "default", model.LabelInstanceType: "m6i.xlarge",
			model.LabelCapacityType: "on-demand", model.LabelZone: "ap-northeast-1a",
			model.LabelRegion: "ap-northeast-1",
		}
		switch i % 20 {
		case 0:
			labels = map[string]string{model.LabelNodeGroup: "core",
				model.LabelMNGCapacity: "ON_DEMAND", model.LabelInstanceType: "m6i.xlarge",
				model.LabelRegion: "ap-northeast-1"}
		case 1:
			delete(labels, model.LabelComputeType)
			labels[model.LabelEC2NodeClass] = "oss"
		}
		in.Nodes = append(in.Nodes, model.Node{Name: name, Ready: true, Labels: labels,
			Allocatable: model.Resources{CPUMillis: 3930, MemoryBytes: 15 << 30, Pods: 58}})
		in.NodeClaims = append(in.NodeClaims, model.NodeClaim{
			Name: fmt.Sprintf("%s-%05x", pool, i), NodePool: pool, NodeName: name,
			Conditions: []model.Condition{{Type: model.CondLaunched, Status: "True"},
				{Type: model.CondRegistered, Status: "True"},
				{Type: model.CondInitialized, Status: "True"},
				{Type: model.CondReady, Status: "True"}}})
		for j := range 20 {
			in.Pods = append(in.Pods, &model.Pod{Namespace: fmt.Sprintf("team-%02d", j),
				Name: fmt.Sprintf("svc-%d-7c9f8d6b5-%05x", j%6, i*64+j), NodeName: name,
				Phase: "Running", OwnerKind: "ReplicaSet", OwnerName: "svc-7c9f8d6b5",
				Requests: model.Resources{CPUMillis: 150, MemoryBytes: 300 << 20}})
		}
	}
	return in
}

// BenchmarkBuild5000 is one snapshot's derivation at 5,000 nodes and
// 100,000 pods: what the watcher pays after every burst of changes. Each
// round gets fresh copies of the slices Build sorts and counts into, as the
// watcher hands it.
func BenchmarkBuild5000(b *testing.B) {
	in := scaleInputs(5000)
	b.ReportAllocs()
	for b.Loop() {
		round := in
		round.Nodes = slices.Clone(in.Nodes)
		round.NodePools = slices.Clone(in.NodePools)
		round.NodeClaims = slices.Clone(in.NodeClaims)
		round.NodeClasses = slices.Clone(in.NodeClasses)
		_ = model.Build(round)
	}
}

// BenchmarkClassifyNode5000 classifies every node of a 5,000-node cluster
// once.
func BenchmarkClassifyNode5000(b *testing.B) {
	nodes := scaleInputs(5000).Nodes
	b.ReportAllocs()
	for b.Loop() {
		for i := range nodes {
			_ = model.ClassifyNode(nodes[i].Labels)
		}
	}
}

// BenchmarkClaimState5000 derives the state of 5,000 NodeClaims.
func BenchmarkClaimState5000(b *testing.B) {
	claims := scaleInputs(5000).NodeClaims
	b.ReportAllocs()
	for b.Loop() {
		for i := range claims {
			_, _ = model.ClaimStateOf(claims[i].Conditions, false)
		}
	}
}

// BenchmarkBuild5000PodsIndexed is Build after a change to nodes or
// NodeClaims only: the source passes the pod index it kept.
func BenchmarkBuild5000PodsIndexed(b *testing.B) {
	in := scaleInputs(5000)
	in.PodIndex = model.IndexPods(in.Pods)
	b.ReportAllocs()
	for b.Loop() {
		round := in
		round.Nodes = slices.Clone(in.Nodes)
		round.NodePools = slices.Clone(in.NodePools)
		round.NodeClaims = slices.Clone(in.NodeClaims)
		round.NodeClasses = slices.Clone(in.NodeClasses)
		_ = model.Build(round)
	}
}

// BenchmarkIndexPods100000 is the pass over 100,000 pods that a pod change
// costs.
func BenchmarkIndexPods100000(b *testing.B) {
	pods := scaleInputs(5000).Pods
	b.ReportAllocs()
	for b.Loop() {
		_ = model.IndexPods(pods)
	}
}
