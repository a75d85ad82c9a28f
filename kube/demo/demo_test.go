package demo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/kube/demo"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// firstSnapshot runs a watcher over the scenario and returns its first
// snapshot.
func firstSnapshot(t *testing.T, scenario string) *model.Cluster {
	t.Helper()
	clients, err := demo.Clients(scenario, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	w := kube.NewWatcher(clients, kube.Options{Context: demo.ContextName})
	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()

	c, ok := <-w.Snapshots()
	if !ok {
		t.Fatalf("watcher ended without a snapshot: %v", <-errc)
	}
	cancel()
	if err := <-errc; err != nil {
		t.Fatalf("watcher: %v", err)
	}
	return c
}

func TestAutoModeScenario(t *testing.T) {
	c := firstSnapshot(t, "auto")

	if c.Mode != model.ModeMixed {
		t.Errorf("mode = %s (%v), want mixed: Auto Mode beside a node group and OSS Karpenter",
			c.Mode, c.ModeEvidence)
	}
	if c.Region != demo.Region {
		t.Errorf("region = %q, want %q", c.Region, demo.Region)
	}
	kinds := map[model.NodeKind]int{}
	for _, n := range c.Nodes {
		kinds[n.Kind]++
	}
	want := map[model.NodeKind]int{
		model.KindAuto: 5, model.KindManagedNodeGroup: 2, model.KindKarpenter: 1,
	}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s nodes, want %d (all: %v)", kinds[k], k, n, kinds)
		}
	}

	origins := map[string]model.Origin{}
	for _, p := range c.NodePools {
		origins[p.Name] = p.Origin
	}
	for name, want := range map[string]model.Origin{
		"system": model.OriginBuiltIn, "general-purpose": model.OriginBuiltIn,
		"tagged-apps": model.OriginCustom, "batch": model.OriginKarpenter,
	} {
		if origins[name] != want {
			t.Errorf("pool %s origin = %q, want %q", name, origins[name], want)
		}
	}

	var stuck *model.NodeClaim
	for i := range c.NodeClaims {
		if c.NodeClaims[i].NodePool == "tagged-apps" {
			stuck = &c.NodeClaims[i]
		}
	}
	if stuck == nil || stuck.State != model.ClaimLaunching || stuck.Reason != "Unauthorized" {
		t.Errorf("tagged-apps claim = %+v, want Launching with reason Unauthorized", stuck)
	}

	system := 0
	for _, n := range c.Nodes {
		if n.NodePool == "system" && n.InstanceType == "c6g.large" {
			system++
		}
	}
	if system != 2 {
		t.Errorf("%d c6g.large system nodes, want the 2 Metrics Server spreads over", system)
	}

	for _, comp := range c.Components {
		switch comp.Name {
		case "vpc-cni", "kube-proxy", "coredns", "ebs-csi-driver":
			if comp.State != model.StateBuiltIn {
				t.Errorf("%s is %s (%v), want built-in", comp.Name, comp.State, comp.Evidence)
			}
		case "karpenter":
			if comp.State != model.StateSelfManaged || !comp.AutoMode {
				t.Errorf("karpenter = %+v, want self-managed beside Auto Mode's", comp)
			}
		}
	}
}

func TestUnknownScenario(t *testing.T) {
	if _, err := demo.Clients("nope", time.Now()); err == nil {
		t.Error("an unknown scenario was accepted")
	}
}

func TestStandardScenario(t *testing.T) {
	c := firstSnapshot(t, "standard")

	if c.Mode != model.ModeStandard {
		t.Errorf("mode = %s (%v), want standard", c.Mode, c.ModeEvidence)
	}
	for _, n := range c.Nodes {
		if n.Kind == model.KindAuto {
			t.Errorf("node %s is an Auto Mode node on standard EKS", n.Name)
		}
	}
	for _, p := range c.NodePools {
		if p.Origin != model.OriginKarpenter {
			t.Errorf("pool %s is %s; standard EKS has only OSS Karpenter pools", p.Name, p.Origin)
		}
	}
	want := []string{"vpc-cni", "kube-proxy", "coredns", "ebs-csi-driver",
		"aws-load-balancer-controller", "eks-pod-identity-agent", "karpenter"}
	for _, comp := range c.Components {
		for _, w := range want {
			if comp.Name == w && (comp.State != model.StateSelfManaged || comp.Version == "") {
				t.Errorf("%s = %s %q, want self-managed with a version", w, comp.State,
					comp.Version)
			}
		}
	}

	over := 0
	for _, n := range c.Nodes {
		if n.PodsOverAutoModeLimit > 0 {
			over++
			if n.PodsOverAutoModeLimit != n.Pods-model.AutoModeMaxPods {
				t.Errorf("%s: %d over, with %d pods", n.Name, n.PodsOverAutoModeLimit, n.Pods)
			}
		}
	}
	if over != 1 {
		t.Errorf("%d nodes over Auto Mode's pod limit, want the one dense node", over)
	}
}

// TestScenariosRunTheSameWorkloads checks the comparison is fair: the
// applications run on both, and only where they run differs.
func TestScenariosRunTheSameWorkloads(t *testing.T) {
	apps := func(c *model.Cluster) map[string]int {
		out := map[string]int{}
		for _, p := range c.Pods {
			if p.Namespace == "shop" || p.Namespace == "data" {
				out[p.Namespace+"/"+p.OwnerName]++
			}
		}
		return out
	}
	auto, standard := apps(firstSnapshot(t, "auto")), apps(firstSnapshot(t, "standard"))
	if len(auto) == 0 || fmt.Sprint(auto) != fmt.Sprint(standard) {
		t.Errorf("workloads differ:\nauto     %v\nstandard %v", auto, standard)
	}
}
