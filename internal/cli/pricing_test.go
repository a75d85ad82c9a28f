package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/internal/awstest"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// The demo prices from the embedded table: the Tokyo c6g.large Auto Mode
// node of the example, and nothing it has no documented figure for.
func TestGetNodesJSONPrices(t *testing.T) {
	out, errOut, code := run(t, "--demo", "get", "nodes", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	nodes := byName(items(t, out))

	// Every field of model.Node stays, and exactly five are added.
	var plain map[string]any
	data, _ := json.Marshal(model.Node{})
	json.Unmarshal(data, &plain)
	added := []string{"autoModeFeePerHour", "ec2PricePerHour", "priceAsOf", "priceSource",
		"totalPricePerHour"}
	for name, n := range nodes {
		var extra []string
		for k := range n {
			if _, ok := plain[k]; !ok && !omitted(k) {
				extra = append(extra, k)
			}
		}
		for k := range plain {
			if _, ok := n[k]; !ok && !omitted(k) {
				t.Errorf("node %s lost field %q", name, k)
			}
		}
		if slices.Sort(extra); !slices.Equal(extra, added) {
			t.Errorf("node %s added %v, want %v", name, extra, added)
		}
	}

	auto := nodes["i-0a1c5e7a39c88fc91"]
	want := map[string]any{"ec2PricePerHour": 0.0856, "autoModeFeePerHour": 0.010272,
		"totalPricePerHour": 0.095872, "priceSource": "embedded",
		"priceAsOf": "2025-01-01T00:00:00Z"}
	for k, w := range want {
		if auto[k] != w {
			t.Errorf("auto c6g.large %s = %v, want %v", k, auto[k], w)
		}
	}
	mng := nodes["ip-10-0-41-17.ap-northeast-1.compute.internal"]
	for k, w := range map[string]any{"ec2PricePerHour": nil, "autoModeFeePerHour": 0.0,
		"totalPricePerHour": nil, "priceSource": nil} {
		if mng[k] != w {
			t.Errorf("mng m5.large (no documented Tokyo price) %s = %v, want %v", k, mng[k], w)
		}
	}
}

// omitted are model.Node's omitempty fields, absent when empty.
func omitted(k string) bool {
	return k == "nodeGroup" || k == "podsOverAutoModeLimit" || k == "unschedulable" ||
		k == "providerID" || k == "os"
}

func TestGetPriceColumns(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		row     string // first field of the row to check
		want    []string
		errWant string
	}{
		{"nodes show EC2 and fee", []string{"get", "nodes"}, "i-0a1c5e7a39c88fc91",
			[]string{"0.0856", "0.010272"}, ""},
		{"a managed node group pays no fee", []string{"get", "nodes"},
			"ip-10-0-41-17.ap-northeast-1.compute.internal", []string{"-", "0"}, ""},
		{"pool totals per hour and month", []string{"get", "nodepools"}, "system",
			[]string{"0.191744", "139.97"},
			"warning: NodePool general-purpose: 3 nodes unpriced, left out of its total"},
		{"a pool with no known price is not free", []string{"get", "nodepools"},
			"general-purpose", []string{"-", "-"}, ""},
		{"no pricing", []string{"--no-pricing", "get", "nodes"}, "i-0a1c5e7a39c88fc91",
			[]string{"-", "-"}, ""},
		{"--region prices elsewhere, with an estimated fee", []string{"--region", "us-east-1",
			"get", "nodes"}, "i-0a1c5e7a39c88fc91", []string{"0.068", "≈0.00816"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, append([]string{"--demo"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			head, cells := row(t, out, tt.row)
			money := slices.IndexFunc(head, func(h string) bool {
				return h == "EC2-$/H" || h == "$/H"
			})
			if money < 0 || !slices.Equal(cells[money:money+2], tt.want) {
				t.Errorf("money cells of %s = %v (header %v), want %v", tt.row, cells, head,
					tt.want)
			}
			if tt.errWant != "" && !strings.Contains(errOut, tt.errWant) {
				t.Errorf("stderr = %q, want %q", errOut, tt.errWant)
			}
			if slices.Contains(tt.args, "--no-pricing") && errOut != "" {
				t.Errorf("--no-pricing still warned: %q", errOut)
			}
		})
	}
}

// row finds a table row by its first field.
func row(t *testing.T, out, first string) (head, cells []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	head = strings.Fields(lines[0])
	for _, l := range lines[1:] {
		if f := strings.Fields(l); f[0] == first {
			return head, f
		}
	}
	t.Fatalf("no row %s in\n%s", first, out)
	return nil, nil
}

func TestPricingFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--price-source", "cheap"}, `error: --price-source: unknown price source ` +
			`"cheap"; use one of auto, api, bulk, cache, embedded, off`},
		{[]string{"--no-pricing", "--price-source", "api"}, "error: --no-pricing and " +
			"--price-source api contradict each other; use one"},
		{[]string{"--region", "Tokyo"}, `error: --region "Tokyo" is not an AWS region name ` +
			"such as ap-northeast-1"},
	}
	for _, tt := range tests {
		args := append(append([]string{"--demo"}, tt.args...), "get", "nodes")
		_, errOut, code := run(t, args...)
		if code != 1 || strings.TrimSpace(errOut) != tt.want {
			t.Errorf("%v: exit %d, stderr %q; want %q", tt.args, code, errOut, tt.want)
		}
	}
}

// On a real API server, get prices through the AWS SDK's default chain:
// the cluster's region decides, not AWS_REGION; what AWS refuses shows as
// one warning line, and the answers are cached for the next run.
func TestGetPricesLiveClusterThroughAWS(t *testing.T) {
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("AWS_REGION", "us-west-2")
	get := func(t *testing.T, args ...string) (map[string]map[string]any, string) {
		t.Helper()
		out, errOut, code := run(t, append([]string{"--kubeconfig", env.Kubeconfig,
			"--context", apitest.ContextName, "get", "nodes", "-o", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		return byName(items(t, out)), errOut
	}

	asked := len(fakeAWS.Requests())
	nodes, errOut := get(t)
	if errOut != "" {
		t.Errorf("stderr = %q", errOut)
	}
	n := nodes["i-0a1c5e7a39c88fc91"]
	if n["priceSource"] != "api" || n["totalPricePerHour"] != 0.095872 {
		t.Errorf("Tokyo c6g.large = %v %v, want 0.095872 from the api", n["priceSource"],
			n["totalPricePerHour"])
	}
	for _, r := range fakeAWS.Requests()[asked:] {
		if r.API == awstest.GetProducts && r.Filters["regionCode"] != "ap-northeast-1" {
			t.Errorf("asked for prices in %s", r.Filters["regionCode"])
		}
	}
	if _, err := os.Stat(filepath.Join(cache, "kubectl-automode", "pricing",
		"prices.json")); err != nil {
		t.Errorf("answers not cached: %v", err)
	}

	t.Run("refused", func(t *testing.T) {
		t.Setenv("XDG_CACHE_HOME", t.TempDir())
		fakeAWS.Fail(awstest.GetProducts, awstest.Failure{Code: "AccessDeniedException",
			Status: 400})
		t.Cleanup(func() { fakeAWS.Fail(awstest.GetProducts, awstest.Failure{}) })

		nodes, errOut := get(t, "--price-source", "api")

		want := "warning: pricing: AccessDenied on pricing:GetProducts for ap-northeast-1; " +
			"grant it or use --price-source embedded"
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr = %q\nwant %q", errOut, want)
		}
		if n := nodes["i-0a1c5e7a39c88fc91"]; n["totalPricePerHour"] != nil {
			t.Errorf("pinned to a refusing api, price = %v", n["totalPricePerHour"])
		}
	})
	t.Run("cached", func(t *testing.T) {
		nodes, _ := get(t, "--price-source", "cache")
		if n := nodes["i-0a1c5e7a39c88fc91"]; n["priceSource"] != "cache" {
			t.Errorf("from the cache, source = %v", n["priceSource"])
		}
	})
}
