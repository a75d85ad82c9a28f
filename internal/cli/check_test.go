package cli_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

type checkItem struct {
	Severity, Rule, Message, Hint, Link string
	Object                              struct{ Kind, Name string }
}

func checkJSON(t *testing.T, args ...string) ([]checkItem, int) {
	t.Helper()
	out, errOut, code := run(t, append(args, "check", "-o", "json")...)
	var got struct {
		Source string      `json:"source"`
		Items  []checkItem `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON (exit %d, stderr %q): %v\n%s", code, errOut, err, out)
	}
	if got.Source != "demo" {
		t.Errorf("source = %q, want demo", got.Source)
	}
	return got.Items, code
}

func TestCheckDemoExplainsTheStuckNodeClaim(t *testing.T) {
	items, code := checkJSON(t, "--demo")
	if code != 0 {
		t.Errorf("exit %d without --fail-on, want 0", code)
	}
	if len(items) == 0 {
		t.Fatal("no findings")
	}
	first := items[0]
	if first.Rule != "nodeclaim-unauthorized" || first.Severity != "error" ||
		first.Object.Kind != "NodeClaim" || first.Object.Name != "tagged-apps-x7k2p" {
		t.Errorf("first finding = %+v, want the stuck claim's Unauthorized error", first)
	}
	for _, want := range []string{"NodeClass tagged sets tags", "cluster IAM role",
		"not the node role"} {
		if !strings.Contains(first.Hint, want) {
			t.Errorf("hint %q lacks %q", first.Hint, want)
		}
	}
	if !strings.HasSuffix(first.Link, "auto-learn-iam.html#tag-prop") {
		t.Errorf("link = %q, want the tagging permissions page", first.Link)
	}
}

func TestCheckStandardDemoFlagsTheMove(t *testing.T) {
	items, _ := checkJSON(t, "--demo=standard")
	rules := map[string][]string{}
	for _, it := range items {
		rules[it.Rule] = append(rules[it.Rule], it.Object.Kind+"/"+it.Object.Name)
	}
	want := map[string]string{
		"migrate-pods-over-110":            "Node/ip-10-0-31-41.ap-northeast-1.compute.internal",
		"migrate-load-balancer-controller": "Deployment/aws-load-balancer-controller",
		"migrate-ebs-provisioner":          "CSIDriver/ebs.csi.aws.com",
	}
	for rule, obj := range want {
		if strings.Join(rules[rule], ",") != obj {
			t.Errorf("%s on %v, want on %s", rule, rules[rule], obj)
		}
	}
}

func TestCheckFailOn(t *testing.T) {
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"--demo", "check", "--fail-on", "error"}, 1},
		{[]string{"--demo=standard", "check", "--fail-on", "error"}, 0},
		{[]string{"--demo=standard", "check", "--fail-on", "warning"}, 1},
		{[]string{"--demo", "check", "--fail-on", "sometimes"}, 1},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			if _, errOut, code := run(t, tt.args...); code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
		})
	}
}

func TestCheckText(t *testing.T) {
	out, _, code := run(t, "--demo", "check")
	if code != 0 || !strings.HasPrefix(out,
		"ERROR   NodeClaim/tagged-apps-x7k2p: cannot launch: not authorized") ||
		!strings.Contains(out, "        hint: NodeClass tagged sets tags") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestCompareStandardDemo(t *testing.T) {
	out, errOut, code := run(t, "--demo=standard", "compare", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got struct {
		Mode string
		Rows []struct{ Topic, Standard, AutoMode, Cluster string }
		Same []struct{ Topic string }
		Fees []struct {
			Node string
			Paid bool
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if got.Mode != "standard" || len(got.Same) != 2 || len(got.Fees) != 7 {
		t.Errorf("mode %q, %d same, %d fees; want standard, 2, 7", got.Mode, len(got.Same),
			len(got.Fees))
	}
	for _, r := range got.Rows {
		if r.Topic == "Pods per node" && !strings.Contains(r.Cluster, "1 node(s) over 110") {
			t.Errorf("pods row = %q", r.Cluster)
		}
		if r.Topic == "Runs vpc-cni" && !strings.HasPrefix(r.Cluster, "self-managed v1.20.4") {
			t.Errorf("vpc-cni row = %q", r.Cluster)
		}
	}

	text, _, _ := run(t, "--demo=standard", "compare")
	if !strings.HasPrefix(text, "POINT") || !strings.Contains(text, "STAYS THE SAME") ||
		!strings.Contains(text, "Authentication") {
		t.Errorf("text output:\n%s", text)
	}
}

func TestCheckReadsASnapshot(t *testing.T) {
	file := filepath.Join(t.TempDir(), "demo.yaml")
	if _, errOut, code := run(t, "--demo", "snapshot", "-f", file); code != 0 {
		t.Fatalf("snapshot: exit %d: %s", code, errOut)
	}
	out, errOut, code := run(t, "--snapshot", file, "check", "-o", "json")
	if code != 0 || !strings.Contains(out, `"rule": "nodeclaim-unauthorized"`) ||
		!strings.Contains(out, `"source": "snapshot demo.yaml"`) {
		t.Errorf("exit %d, stderr %q, output:\n%s", code, errOut, out)
	}
}
