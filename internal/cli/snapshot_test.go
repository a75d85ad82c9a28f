package cli_test

import (
	"path/filepath"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
)

// sameAsSource saves a snapshot from the source args pick, opens it, and
// checks that every get -o json prints the same as from the source. Both
// sides price from the embedded table: what a round trip must keep is the
// cluster, and the package's other tests fill the price cache a live
// source would otherwise read.
func sameAsSource(t *testing.T, source ...string) {
	t.Helper()
	source = append([]string{"--price-source", "embedded"}, source...)
	file := filepath.Join(t.TempDir(), "snap.yaml")
	if _, errOut, code := run(t, append(source, "snapshot", "-f", file)...); code != 0 {
		t.Fatalf("snapshot: exit %d: %s", code, errOut)
	}
	for _, res := range []string{"nodes", "nodepools", "nodeclaims", "nodeclasses",
		"components"} {
		want, errOut, code := run(t, append(source, "get", res, "-o", "json")...)
		if code != 0 {
			t.Fatalf("get %s from the source: exit %d: %s", res, code, errOut)
		}
		got, errOut, code := run(t, "--price-source", "embedded", "--snapshot", file,
			"get", res, "-o", "json")
		if code != 0 {
			t.Fatalf("get %s from the snapshot: exit %d: %s", res, code, errOut)
		}
		if len(items(t, want)) == 0 {
			t.Errorf("the source has no %s; the comparison proves nothing", res)
		}
		if got != want {
			t.Errorf("get %s differs between the source and its snapshot:\nsource:\n%s\n"+
				"snapshot:\n%s", res, want, got)
		}
	}
}

func TestSnapshotRoundTripOnAPIServer(t *testing.T) {
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	sameAsSource(t, "--kubeconfig", env.Kubeconfig)
}

func TestSnapshotRoundTripOfTheDemo(t *testing.T) {
	sameAsSource(t, "--demo")
}

func TestSnapshotOfKubectlOutput(t *testing.T) {
	dir := filepath.Dir(apitest.CRDDir())
	fixture := filepath.Join(dir, "clusters", "automode.yaml")
	out, errOut, code := run(t, "--snapshot", fixture, "get", "nodes", "-o", "json")
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if n := len(items(t, out)); n != 8 {
		t.Errorf("%d nodes from the multi-document fixture, want 8", n)
	}
}

func TestSnapshotNeedsAFile(t *testing.T) {
	_, errOut, code := run(t, "--demo", "snapshot")
	if code != 1 || errOut != "error: snapshot needs -f FILE, the file to write\n" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
