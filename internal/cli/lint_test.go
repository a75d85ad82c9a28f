package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-automode/kubectl-automode/internal/cli"
)

func lintdata(name string) string { return filepath.Join("testdata", "lint", name) }

func TestLintReportsFileLineSeverityMessageHint(t *testing.T) {
	out, errOut, code := run(t, "lint", "-f", lintdata("pools.yaml"))
	if code != 1 {
		t.Errorf("exit %d, want 1: the file has errors", code)
	}
	f := lintdata("pools.yaml")
	want := []string{
		f + ":10: error: eks.amazonaws.com/team is not one of the eks.amazonaws.com labels",
		f + ":17: info: asks for instance category g: the built-in pools offer none (",
		f + ":20: error: expireAfter: Never is refused on an Auto Mode NodeClass (",
		f + ":34: error: karpenter.k8s.aws/instance-family is OSS Karpenter's label",
		f + ":37: error: expireAfter 720h + terminationGracePeriod 24h (default) is over 21 days",
		f + ":49: error: role is an ARN; NodeClass takes the IAM role name (write role: " +
			"gpu-node-role)",
		f + ":49: info: role arn:aws:iam::123456789012:role/gpu-node-role needs its own EC2",
		f + ":54: warning: sets tags (team): launches fail without tagging permissions (attach " +
			"the custom-tag policy to the cluster IAM role, not the node role)",
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) || !strings.HasSuffix(lines[i], ")") {
			t.Errorf("line %d = %q\n want prefix %q and a hint in parentheses", i, lines[i], w)
		}
	}
	if !strings.Contains(errOut, "checked 2 NodePool(s) and 1 NodeClass(es) in 1 file(s)") ||
		!strings.Contains(errOut, "error: lint found 5 error(s)") {
		t.Errorf("stderr = %q", errOut)
	}
}

func TestLintCleanManifestExitsZero(t *testing.T) {
	out, errOut, code := run(t, "lint", "-f", lintdata("clean.yaml"))
	if code != 0 || out != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want 0 and nothing on stdout", code, out, errOut)
	}
}

func TestLintJSON(t *testing.T) {
	out, _, code := run(t, "lint", "-f", lintdata("pools.yaml"), "-o", "json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var got struct {
		Items []struct {
			File, Severity, Rule, Message, Hint, Link, Field string
			Line                                             int
			Object                                           struct{ Kind, Name string }
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(got.Items) != 8 {
		t.Fatalf("%d items, want 8", len(got.Items))
	}
	first := got.Items[0]
	if first.Rule != "nodepool-restricted-label" || first.Line != 10 ||
		first.Object.Kind != "NodePool" || first.Object.Name != "gpu" ||
		first.Field != "spec.template.metadata.labels[eks.amazonaws.com/team]" ||
		first.Link == "" || first.Hint == "" {
		t.Errorf("first item = %+v", first)
	}
}

func TestLintNotYAMLNamesFileAndLine(t *testing.T) {
	out, errOut, code := run(t, "lint", "-f", lintdata("broken.yaml"))
	want := lintdata("broken.yaml") + ":3: error: not YAML: "
	if code != 1 || !strings.HasPrefix(out, want) || strings.Count(out, "\n") != 1 {
		t.Errorf("exit %d, stdout %q (stderr %q); want one line starting %q",
			code, out, errOut, want)
	}
}

func TestLintDirectoryAndStdin(t *testing.T) {
	out, _, _ := run(t, "lint", "-f", filepath.Join("testdata", "lint"))
	for _, f := range []string{"broken.yaml", "pools.yaml"} {
		if !strings.Contains(out, lintdata(f)+":") {
			t.Errorf("directory run does not report %s:\n%s", f, out)
		}
	}

	var stdout, stderr bytes.Buffer
	streams := genericiooptions.IOStreams{
		In: strings.NewReader("apiVersion: karpenter.sh/v1\nkind: NodePool\nmetadata:\n" +
			"  name: x\nspec:\n  template:\n    spec:\n      nodeClassRef:\n" +
			"        {group: eks.amazonaws.com, kind: NodeClass, name: d}\n" +
			"      expireAfter: Never\n"),
		Out: &stdout, ErrOut: &stderr,
	}
	code := cli.Run(context.Background(), streams, []string{"lint", "-f", "-"})
	if code != 1 || !strings.HasPrefix(stdout.String(), "<stdin>:10: error: expireAfter: Never") {
		t.Errorf("exit %d, stdout %q", code, stdout.String())
	}
}

func TestLintBadInvocations(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no -f", []string{"lint"}, "error: lint needs -f FILE, -f DIR or -f -\n"},
		{"a missing file", []string{"lint", "-f", "testdata/nope.yaml"},
			"error: reading testdata/nope.yaml: no such file or directory\n"},
		{"an unknown format", []string{"lint", "-f", lintdata("clean.yaml"), "-o", "xml"},
			"error: unknown output format \"xml\"; use text or json\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := run(t, tt.args...)
			if code != 1 || errOut != tt.want {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, errOut, tt.want)
			}
		})
	}
}
