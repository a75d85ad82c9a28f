package cli_test

import (
	"fmt"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
)

// TestGetJSONOnAutoModeCluster checks the JSON contract of `get` against a
// real API server holding an Auto Mode cluster with a node of every kind.
func TestGetJSONOnAutoModeCluster(t *testing.T) {
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	get := func(t *testing.T, resource string) map[string]map[string]any {
		t.Helper()
		out, errOut, code := run(t, "--kubeconfig", env.Kubeconfig, "--context",
			apitest.ContextName, "get", resource, "-o", "json")
		if code != 0 || errOut != "" {
			t.Fatalf("get %s: exit %d, stderr %q", resource, code, errOut)
		}
		return byName(items(t, out))
	}

	t.Run("nodes", func(t *testing.T) {
		nodes := get(t, "nodes")
		want := map[string]string{ // name: kind nodePool nodeClass poolOrigin capacity maxPods
			"i-0a1c5e7a39c88fc91":                                  "auto system default built-in on-demand 110",
			"i-0b2d6f8b4ad99ad02":                                  "auto general-purpose default built-in on-demand 29",
			"i-0c3e7a9c5be0abe13":                                  "auto web web custom spot 110",
			"ip-10-0-1-10.ap-northeast-1.compute.internal":         "managed-nodegroup    spot 29",
			"ip-10-0-1-11.ap-northeast-1.compute.internal":         "karpenter oss oss karpenter spot 29",
			"fargate-ip-10-0-2-20.ap-northeast-1.compute.internal": "fargate     1",
			"mi-0123456789abcdef0":                                 "hybrid     110",
			"ip-10-0-3-30.ap-northeast-1.compute.internal":         "self-managed     35",
		}
		if len(nodes) != len(want) {
			t.Errorf("%d nodes, want %d", len(nodes), len(want))
		}
		for name, w := range want {
			n := nodes[name]
			for _, f := range []string{"name", "kind", "nodePool", "nodeClass", "poolOrigin",
				"instanceType", "capacityType", "zone", "region", "ready", "pods", "maxPods"} {
				if _, ok := n[f]; !ok {
					t.Errorf("node %s has no %q field", name, f)
				}
			}
			got := fmt.Sprintf("%v %v %v %v %v %v", n["kind"], n["nodePool"], n["nodeClass"],
				n["poolOrigin"], n["capacityType"], n["maxPods"])
			if got != w {
				t.Errorf("node %s = %q, want %q", name, got, w)
			}
		}
		if n := nodes["i-0a1c5e7a39c88fc91"]; n["pods"] != 2.0 || n["ready"] != true ||
			n["region"] != "ap-northeast-1" || n["instanceType"] != "c6g.large" {
			t.Errorf("system node = %v", n)
		}
		if n := nodes["ip-10-0-3-30.ap-northeast-1.compute.internal"]; n["instanceType"] !=
			"t3.large" {
			t.Errorf("beta instance-type label not read: %v", n["instanceType"])
		}
	})

	t.Run("nodepools", func(t *testing.T) {
		pools := get(t, "nodepools")
		want := map[string]string{
			"system":          "built-in eks.amazonaws.com NodeClass default 1",
			"general-purpose": "built-in eks.amazonaws.com NodeClass default 1",
			"web":             "custom eks.amazonaws.com NodeClass web 1",
			"oss":             "karpenter karpenter.k8s.aws EC2NodeClass oss 1",
		}
		for name, w := range want {
			p := pools[name]
			ref, _ := p["nodeClassRef"].(map[string]any)
			got := fmt.Sprintf("%v %v %v %v %v", p["origin"], ref["group"], ref["kind"],
				ref["name"], p["nodes"])
			if got != w {
				t.Errorf("pool %s = %q, want %q", name, got, w)
			}
			if _, ok := p["conditions"]; !ok {
				t.Errorf("pool %s has no conditions field", name)
			}
		}
	})

	t.Run("nodeclaims", func(t *testing.T) {
		claims := get(t, "nodeclaims")
		c := claims["web-x7k2p"]
		conds, _ := c["conditions"].([]any)
		if c["nodePool"] != "web" || c["state"] != "Launching" || len(conds) != 1 {
			t.Fatalf("web-x7k2p = %v", c)
		}
		cond := conds[0].(map[string]any)
		if cond["type"] != "Launched" || cond["status"] != "Unknown" ||
			cond["reason"] != "Unauthorized" || cond["message"] == "" {
			t.Errorf("condition = %v", cond)
		}
		if r := claims["system-8kq2w"]; r["state"] != "Ready" ||
			r["nodeName"] != "i-0a1c5e7a39c88fc91" || r["instanceType"] != "c6g.large" ||
			r["capacityType"] != "on-demand" {
			t.Errorf("system-8kq2w = %v", r)
		}
	})
}

func TestGetComponentsOnStandardCluster(t *testing.T) {
	env := apitest.StartWithoutCRDs(t)
	env.CreateYAML(t, apitest.Fixture(t, "standard.yaml"))
	out, errOut, code := run(t, "--kubeconfig", env.Kubeconfig, "get", "components",
		"-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	comps := byName(items(t, out))
	for _, name := range []string{"vpc-cni", "kube-proxy", "coredns", "ebs-csi-driver",
		"aws-load-balancer-controller"} {
		c := comps[name]
		if c["state"] != "self-managed" || c["version"] == "" || c["evidence"] == nil {
			t.Errorf("%s = %v, want self-managed with a version and evidence", name, c)
		}
	}
	if c := comps["karpenter"]; c["state"] != "absent" {
		t.Errorf("karpenter = %v, want absent", c)
	}

	out, _, _ = run(t, "--kubeconfig", env.Kubeconfig, "get", "nodepools")
	if out != "No nodepools found.\n" {
		t.Errorf("get nodepools on a cluster without the CRD printed %q", out)
	}
}

func TestGetWithUnknownContext(t *testing.T) {
	env := apitest.Start(t)
	_, errOut, code := run(t, "--kubeconfig", env.Kubeconfig, "--context", "nope",
		"get", "nodes")
	if code != 1 || errOut == "" {
		t.Errorf("exit %d, stderr %q; want a one-line error", code, errOut)
	}
	t.Logf("stderr: %s", errOut)
}
