package cli_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
)

// complete runs cobra's hidden __complete command, as a shell's completion
// script does, and returns the candidates and the directive line.
func complete(t *testing.T, args ...string) (names []string, directive string) {
	t.Helper()
	out, errOut, code := run(t, append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %v: exit %d: %s", args, code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	directive = lines[len(lines)-1]
	for _, l := range lines[:len(lines)-1] {
		names = append(names, strings.SplitN(l, "\t", 2)[0])
	}
	return names, directive
}

// getNames is what `get RESOURCE -o json` lists, sorted.
func getNames(t *testing.T, source []string, resource string) []string {
	t.Helper()
	out, errOut, code := run(t, append(source, "get", resource, "-o", "json")...)
	if code != 0 {
		t.Fatalf("get %s: exit %d: %s", resource, code, errOut)
	}
	var names []string
	for _, it := range items(t, out) {
		names = append(names, it["name"].(string))
	}
	slices.Sort(names)
	return names
}

func TestCompletingGetOffersResourceKinds(t *testing.T) {
	names, directive := complete(t, "get", "")
	want := []string{"components", "nodeclaims", "nodeclasses", "nodepools", "nodes"}
	if !slices.Equal(names, want) || directive != ":4" {
		t.Errorf("get <TAB> = %v %s, want %v :4 (no file completion)", names, directive, want)
	}
	if names, _ := complete(t, "get", "nodec"); !slices.Equal(names,
		[]string{"nodeclaims", "nodeclasses"}) {
		t.Errorf("get nodec<TAB> = %v", names)
	}
}

// TestCompletedNamesAreGetsNames checks every resource's completion
// against what get prints, from the demo.
func TestCompletedNamesAreGetsNames(t *testing.T) {
	for _, scenario := range []string{"--demo=auto", "--demo=standard"} {
		for _, res := range []string{"nodes", "nodepools", "nodeclaims", "nodeclasses",
			"components"} {
			t.Run(scenario+" "+res, func(t *testing.T) {
				want := getNames(t, []string{scenario}, res)
				got, directive := complete(t, scenario, "get", res, "")
				if !slices.Equal(got, want) || directive != ":4" {
					t.Errorf("completion %v %s, want get's names %v :4", got, directive, want)
				}
			})
		}
	}
}

func TestCompletionNarrowsAndSkipsNamesGiven(t *testing.T) {
	if got, _ := complete(t, "--demo", "get", "np", "sys"); !slices.Equal(got,
		[]string{"system"}) {
		t.Errorf("get np sys<TAB> = %v, want [system]", got)
	}
	all, _ := complete(t, "--demo", "get", "np", "")
	rest, _ := complete(t, "--demo", "get", "np", "system", "")
	if len(rest) != len(all)-1 || slices.Contains(rest, "system") {
		t.Errorf("after system: %v, want %v without it", rest, all)
	}
}

func TestCompletionOfFlagValues(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--demo", "get", "nodes", "-o", ""}, []string{"table", "wide", "json", "yaml"}},
		{[]string{"version", "-o", ""}, []string{"text", "json"}},
		{[]string{"--demo="}, []string{"auto", "standard"}},
	}
	for _, tt := range tests {
		got, _ := complete(t, tt.args...)
		if !slices.Equal(got, tt.want) {
			t.Errorf("%v<TAB> = %v, want %v", tt.args, got, tt.want)
		}
	}
}

func TestCompletionScriptsForEveryShell(t *testing.T) {
	tests := map[string]string{
		"bash":       "__start_kubectl-automode",
		"zsh":        "#compdef kubectl-automode",
		"fish":       "complete -c kubectl-automode",
		"powershell": "Register-ArgumentCompleter",
	}
	for shell, marker := range tests {
		out, errOut, code := run(t, "completion", shell)
		if code != 0 || !strings.Contains(out, marker) {
			t.Errorf("completion %s: exit %d, %d bytes without %q; stderr %q", shell, code,
				len(out), marker, errOut)
		}
	}
}

func TestCompletionFromAnAPIServer(t *testing.T) {
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	source := []string{"--kubeconfig", env.Kubeconfig, "--context", apitest.ContextName}

	for _, res := range []string{"nodes", "nodepools", "nodeclaims", "nodeclasses"} {
		want := getNames(t, source, res)
		if len(want) == 0 {
			t.Fatalf("the fixture has no %s; the comparison proves nothing", res)
		}
		got, _ := complete(t, append(source, "get", res, "")...)
		if !slices.Equal(got, want) {
			t.Errorf("%s: completion %v, want get's names %v", res, got, want)
		}
	}
}

func TestCompletionWithoutCRDsOffersNoNames(t *testing.T) {
	env := apitest.StartWithoutCRDs(t)
	got, directive := complete(t, "--kubeconfig", env.Kubeconfig, "--context",
		apitest.ContextName, "get", "nodepools", "")
	if len(got) != 0 || directive != ":4" {
		t.Errorf("nodepools on a cluster without the CRD: %v %s, want none :4", got, directive)
	}
}
