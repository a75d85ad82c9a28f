package demo_test

import (
	"context"
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
