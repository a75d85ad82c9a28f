package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-automode/kubectl-automode/internal/cli"
)

// run executes the command line in-process and returns its output and
// exit status, as a user would see them.
func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	streams := genericiooptions.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}
	code = cli.Run(context.Background(), streams, args)
	return out.String(), errOut.String(), code
}

// items decodes {"items": [...]} output.
func items(t *testing.T, out string) []map[string]any {
	t.Helper()
	var l struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatalf("output is not {\"items\": [...]}: %v\n%s", err, out)
	}
	return l.Items
}

func byName(list []map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, it := range list {
		out[it["name"].(string)] = it
	}
	return out
}

func TestGetDemoTable(t *testing.T) {
	out, errOut, code := run(t, "--demo", "get", "nodepools")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if got := strings.Fields(lines[0]); strings.Join(got, " ") !=
		"NAME ORIGIN NODECLASS NODES READY $/H $/MONTH AGE" {
		t.Errorf("header = %v", got)
	}
	want := map[string]string{
		"system": "built-in", "general-purpose": "built-in",
		"tagged-apps": "custom", "batch": "karpenter",
	}
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if want[f[0]] != f[1] {
			t.Errorf("row %q: origin %q, want %q", l, f[1], want[f[0]])
		}
		delete(want, f[0])
	}
	if len(want) > 0 {
		t.Errorf("rows missing for %v", want)
	}
}

func TestGetDemoFormats(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // substrings of stdout
	}{
		{"wide adds columns", []string{"get", "nodes", "-o", "wide"},
			[]string{"NODECLASS", "NODEGROUP", "REGION", "platform"}},
		{"yaml lists items", []string{"get", "components", "-o", "yaml"},
			[]string{"items:", "state: built-in", "name: kube-proxy"}},
		{"names narrow the list", []string{"get", "np", "system"},
			[]string{"system"}},
		{"a stuck claim shows its reason", []string{"get", "nodeclaims"},
			[]string{"tagged-apps-x7k2p", "Launching", "Unauthorized"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, append([]string{"--demo"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
	out, _, _ := run(t, "--demo", "get", "np", "system")
	if strings.Contains(out, "general-purpose") {
		t.Errorf("get np system printed other pools:\n%s", out)
	}
}

func TestBadInputIsOneLine(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown resource", []string{"--demo", "get", "pods"}, `unknown resource "pods"`},
		{"unknown format", []string{"--demo", "get", "nodes", "-o", "csv"},
			`unknown output format "csv"`},
		{"missing name", []string{"--demo", "get", "nodepools", "nope"},
			`nodepools "nope" not found`},
		{"unknown scenario", []string{"--demo=mars", "get", "nodes"},
			`unknown demo scenario "mars"`},
		{"two sources", []string{"--demo", "--snapshot", "x.yaml", "get", "nodes"},
			"use one"},
		{"missing kubeconfig", []string{"--kubeconfig", "/nonexistent/config", "get", "nodes"},
			"/nonexistent/config"},
		{"unknown flag", []string{"get", "nodes", "--bogus"}, "unknown flag: --bogus"},
		{"demo speed of zero", []string{"--demo", "--demo-speed", "0", "get", "nodes"},
			"--demo-speed 0: must be more than 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := run(t, tt.args...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "error: ") ||
				!strings.Contains(errOut, tt.want) {
				t.Errorf("stderr = %q, want one line saying %q", errOut, tt.want)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	out, _, code := run(t, "version")
	if code != 0 || !strings.HasPrefix(out, "kubectl-automode ") ||
		!strings.Contains(out, "client-go:") || !strings.Contains(out, "go:") {
		t.Errorf("version printed %q (exit %d)", out, code)
	}
}

func TestHelpNamesThePlugin(t *testing.T) {
	out, _, code := run(t, "--help")
	if code != 0 || !strings.Contains(out, "kubectl automode") ||
		!strings.Contains(out, "--context") || !strings.Contains(out, "--kubeconfig") {
		t.Errorf("help = %q", out)
	}
}
