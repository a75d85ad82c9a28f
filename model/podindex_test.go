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

// TestNodeOrderDoesNotChangeCounts builds the same cluster from nodes in
// name order, reversed, and shuffled, with a node of no pods and pods on
// a node that does not exist, and checks that every node counts the same
// pods and requests whatever the order it came in.
func TestNodeOrderDoesNotChangeCounts(t *testing.T) {
	in := scaleInputs(30)
	in.Pods = append(in.Pods, running("ghost-node", 100, 1<<20))
	for i, p := range in.Pods {
		if p.NodeName == in.Nodes[7].Name {
			in.Pods[i] = running("", 100, 1<<20)
		}
	}
	want := map[string]model.Node{}
	for _, n := range model.Build(in).Nodes {
		want[n.Name] = n
	}
	if want[in.Nodes[7].Name].Pods != 0 || want[in.Nodes[8].Name].Pods == 0 {
		t.Fatalf("fixture: node 7 should have no pods and node 8 some")
	}

	orders := map[string][]int{"reversed": nil, "shuffled": nil}
	for i := range in.Nodes {
		orders["reversed"] = append(orders["reversed"], len(in.Nodes)-1-i)
		orders["shuffled"] = append(orders["shuffled"], (i*7)%len(in.Nodes))
	}
	for name, order := range orders {
		next := in
		next.Nodes = make([]model.Node, len(in.Nodes))
		for i, k := range order {
			next.Nodes[i] = in.Nodes[k]
		}
		for _, n := range model.Build(next).Nodes {
			w := want[n.Name]
			if n.Pods != w.Pods || n.Requests != w.Requests {
				t.Errorf("%s: node %s counts %d pods, %+v; in name order %d, %+v", name,
					n.Name, n.Pods, n.Requests, w.Pods, w.Requests)
			}
		}
	}
}
