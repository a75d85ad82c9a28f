package model_test

import (
	"reflect"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// TestBuildWithAKeptPodIndexEqualsAFreshBuild checks that a source handing
// Build the index it kept gets the same cluster as one that does not.
func TestBuildWithAKeptPodIndexEqualsAFreshBuild(t *testing.T) {
	inputs := func() model.Inputs {
		in := scaleInputs(40)
		in.Pods = append(in.Pods,
			withPhase(running(in.Nodes[3].Name, 500, 1<<30), "Succeeded"),
			running("", 100, 1<<20),
			&model.Pod{Namespace: "kube-system", Name: "aws-node-b", NodeName: in.Nodes[0].Name,
				Phase: "Running", OwnerKind: "DaemonSet", OwnerName: "aws-node"},
			&model.Pod{Namespace: "kube-system", Name: "aws-node-a", NodeName: in.Nodes[1].Name,
				Phase: "Running", OwnerKind: "DaemonSet", OwnerName: "aws-node"},
			&model.Pod{Namespace: "kube-system", Name: "coredns-5d8f-x", Phase: "Running",
				NodeName: in.Nodes[2].Name, OwnerKind: "ReplicaSet", OwnerName: "coredns-5d8f"})
		return in
	}
	fresh := model.Build(inputs())

	in := inputs()
	in.PodIndex = model.IndexPods(in.Pods)
	kept := model.Build(in)
	if !reflect.DeepEqual(fresh, kept) {
		t.Fatalf("Build with a kept index differs from a fresh Build")
	}

	n := nodeNamed(t, kept, in.Nodes[3].Name)
	if n.Pods != 20 || n.Requests.CPUMillis != 20*150 {
		t.Errorf("node with a finished pod counts %d pods, %dm; want 20, 3000m", n.Pods,
			n.Requests.CPUMillis)
	}
	var cni []string
	for _, c := range kept.Components {
		if c.Name == "vpc-cni" {
			cni = c.Evidence
		}
	}
	if len(cni) == 0 || cni[0] != "pod kube-system/aws-node-a" {
		t.Errorf("vpc-cni evidence = %v, want the pod that sorts first", cni)
	}
}
