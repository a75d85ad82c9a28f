package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
)

// dumpFiles reads every file --debug-dump wrote into dir.
func dumpFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(data)
	}
	return out
}

type diagnosticsJSON struct {
	Version map[string]string `json:"version"`
	Command string            `json:"command"`
	Flags   map[string]string `json:"flags"`
	Cluster struct {
		Source  string `json:"source"`
		Context string `json:"context"`
		Nodes   int    `json:"nodes"`
	} `json:"cluster"`
	Timings struct {
		FirstSnapshotAfter string `json:"firstSnapshotAfter"`
		Snapshots          int    `json:"snapshots"`
		Ran                string `json:"ran"`
	} `json:"timings"`
	Error string `json:"error"`
}

func readDiagnostics(t *testing.T, files map[string]string) diagnosticsJSON {
	t.Helper()
	var d diagnosticsJSON
	if err := json.Unmarshal([]byte(files["diagnostics.json"]), &d); err != nil {
		t.Fatalf("diagnostics.json: %v\n%s", err, files["diagnostics.json"])
	}
	return d
}

func TestDebugDumpOfTheDemo(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "dump")
	const token = "sekret-bearer-0123456789"
	_, errOut, code := run(t, "--demo", "--token", token, "--debug-dump", dir, "get", "nodes")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	files := dumpFiles(t, dir)

	var cluster struct {
		Source string           `json:"source"`
		Nodes  []map[string]any `json:"nodes"`
	}
	if err := json.Unmarshal([]byte(files["cluster.json"]), &cluster); err != nil {
		t.Fatalf("cluster.json: %v", err)
	}
	if want := len(getNames(t, []string{"--demo"}, "nodes")); len(cluster.Nodes) != want ||
		cluster.Source != "demo" {
		t.Errorf("cluster.json has %d nodes from %q, want get's %d from demo",
			len(cluster.Nodes), cluster.Source, want)
	}

	d := readDiagnostics(t, files)
	if d.Command != "kubectl automode get" || d.Flags["demo"] != "auto" ||
		d.Flags["token"] != "(set)" || d.Version["goVersion"] == "" {
		t.Errorf("diagnostics: command %q, flags %v, version %v", d.Command, d.Flags, d.Version)
	}
	if d.Timings.Snapshots != 1 || d.Timings.FirstSnapshotAfter == "" || d.Timings.Ran == "" ||
		d.Cluster.Nodes != len(cluster.Nodes) || d.Error != "" {
		t.Errorf("diagnostics: timings %+v, cluster %+v, error %q", d.Timings, d.Cluster, d.Error)
	}
	for name, text := range files {
		if strings.Contains(text, token) {
			t.Errorf("%s holds the --token value", name)
		}
	}
}

func TestDebugDumpRecordsTheError(t *testing.T) {
	dir := t.TempDir()
	_, errOut, code := run(t, "--demo", "--debug-dump", dir, "get", "nodepools", "nope")
	if code != 1 || !strings.Contains(errOut, `nodepools "nope" not found`) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	d := readDiagnostics(t, dumpFiles(t, dir))
	if d.Error != `nodepools "nope" not found` || d.Timings.Snapshots != 1 {
		t.Errorf("diagnostics error %q, %d snapshots; want the error and the snapshot read",
			d.Error, d.Timings.Snapshots)
	}
}

func TestDebugDumpIntoAnUnwritablePlace(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, errOut, code := run(t, "--demo", "--debug-dump", filepath.Join(file, "dir"), "get", "np")
	if code != 1 || !strings.HasPrefix(errOut, "error: --debug-dump: ") ||
		strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d, stderr %q; want one line naming --debug-dump", code, errOut)
	}
}

// TestDebugDumpHoldsNoCredentials reads a real API server with a
// kubeconfig holding a client key and certificate, and checks that none of
// the kubeconfig's secrets reaches the dump.
func TestDebugDumpHoldsNoCredentials(t *testing.T) {
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	dir := t.TempDir()
	_, errOut, code := run(t, "--kubeconfig", env.Kubeconfig, "--context", apitest.ContextName,
		"--debug-dump", dir, "get", "nodeclaims")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	files := dumpFiles(t, dir)
	if d := readDiagnostics(t, files); d.Cluster.Source != "live" ||
		d.Cluster.Context != apitest.ContextName || d.Flags["kubeconfig"] != "(set)" {
		t.Errorf("diagnostics: cluster %+v, flags %v", d.Cluster, d.Flags)
	}

	secrets := kubeconfigSecrets(t, env.Kubeconfig)
	if len(secrets) == 0 {
		t.Fatal("the test kubeconfig holds no credentials; the check proves nothing")
	}
	for name, text := range files {
		for _, s := range secrets {
			if strings.Contains(text, s) {
				t.Errorf("%s holds a credential from the kubeconfig (%.12s...)", name, s)
			}
		}
	}
}

// kubeconfigSecrets lists the credential values a kubeconfig holds, and a
// middle slice of each, in case one were written decoded or cut.
func kubeconfigSecrets(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var kc struct {
		Users []struct {
			User map[string]any `json:"user"`
		} `json:"users"`
	}
	if err := yaml.Unmarshal(data, &kc); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, u := range kc.Users {
		for _, key := range []string{"token", "client-key-data", "client-certificate-data",
			"password"} {
			if v, ok := u.User[key].(string); ok && len(v) > 40 {
				out = append(out, v, v[len(v)/2:len(v)/2+24])
			}
		}
	}
	return out
}
