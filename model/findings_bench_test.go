package model_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// bigCluster is a large mixed cluster: 50 custom pools on 10 NodeClasses,
// 5,000 nodes with 20 pods each, and a NodeClaim per node, one in ten
// stuck launching.
func bigCluster(now time.Time) *model.Cluster {
	in := model.Inputs{ClusterName: "big", Now: now}
	for i := range 10 {
		in.NodeClasses = append(in.NodeClasses, model.NodeClass{
			Name: fmt.Sprintf("class-%d", i), Group: model.GroupAutoMode,
			Kind: model.KindNodeClass, Role: "node-role", Tags: map[string]string{"team": "a"}})
	}
	for i := range 50 {
		in.NodePools = append(in.NodePools, model.NodePool{
			Name: fmt.Sprintf("pool-%d", i), ExpireAfter: "480h",
			NodeClassRef: model.ObjectRef{Group: model.GroupAutoMode,
				Kind: model.KindNodeClass, Name: fmt.Sprintf("class-%d", i%10)},
			Requirements: []model.Requirement{{Key: "eks.amazonaws.com/instance-category",
				Operator: "In", Values: []string{"c", "m", "g"}}},
			TemplateLabels: map[string]string{"example.com/team": "a"},
		})
	}
	for i := range 5000 {
		name := fmt.Sprintf("node-%d", i)
		labels := map[string]string{model.LabelNodePool: fmt.Sprintf("pool-%d", i%50),
			model.LabelComputeType: "auto"}
		if i%2 == 0 {
			labels = map[string]string{model.LabelNodeGroup: "ng"}
		}
		in.Nodes = append(in.Nodes, model.Node{Name: name, Labels: labels})
		for j := range 20 {
			in.Pods = append(in.Pods, &model.Pod{Name: fmt.Sprint(j), NodeName: name,
				Phase: "Running"})
		}
		launched := model.StatusTrue
		if i%10 == 0 {
			launched = model.StatusUnknown
		}
		in.NodeClaims = append(in.NodeClaims, model.NodeClaim{
			Name: "claim-" + name, NodePool: fmt.Sprintf("pool-%d", i%50),
			NodeClassRef: in.NodePools[i%50].NodeClassRef, Created: now.Add(-time.Hour),
			Conditions: []model.Condition{
				{Type: model.CondLaunched, Status: launched, Reason: "LaunchFailed",
					Message: "something new"},
				{Type: model.CondRegistered, Status: model.StatusTrue},
				{Type: model.CondInitialized, Status: model.StatusTrue}}})
	}
	return model.Build(in)
}

func BenchmarkFindings(b *testing.B) {
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	c := bigCluster(now)
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(model.Findings(c, now))
	}
	b.ReportMetric(float64(n), "findings")
}

func BenchmarkCompare(b *testing.B) {
	c := bigCluster(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
	b.ReportAllocs()
	for b.Loop() {
		model.Compare(c)
	}
}
