package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
)

// noWorkloads lets the user "noapps" read nodes, pods, events and the
// storage and ingress evidence, but no DaemonSet, Deployment or Karpenter
// and Auto Mode object.
const noWorkloads = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: no-workloads}
rules:
- {apiGroups: [""], resources: [nodes, pods, events], verbs: [get, list, watch]}
- {apiGroups: [storage.k8s.io], resources: [csidrivers, storageclasses], verbs: [list, watch]}
- {apiGroups: [networking.k8s.io], resources: [ingressclasses], verbs: [list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: noapps-no-workloads}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: no-workloads}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: noapps}
`

// refusedToNoWorkloads is what no-workloads leaves out, of what the tool
// lists on a cluster serving every CRD.
var refusedToNoWorkloads = []string{
	"daemonsets.apps", "deployments.apps", "nodepools.karpenter.sh",
	"nodeclaims.karpenter.sh", "nodeclasses.eks.amazonaws.com",
	"ec2nodeclasses.karpenter.k8s.aws",
}

// component is one item of get components -o json.
type componentJSON struct {
	Name     string   `json:"name"`
	State    string   `json:"state"`
	Evidence []string `json:"evidence"`
	AutoMode bool     `json:"autoMode"`
}

func componentsJSON(t *testing.T, out string) map[string]componentJSON {
	t.Helper()
	var l struct {
		Items []componentJSON `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatalf("get components -o json: %v\n%s", err, out)
	}
	byName := map[string]componentJSON{}
	for _, c := range l.Items {
		byName[c.Name] = c
	}
	return byName
}

// warnings are the warning lines of a command's stderr, sorted.
func warnings(errOut string) []string {
	var out []string
	for _, l := range strings.Split(errOut, "\n") {
		if strings.HasPrefix(l, "warning: ") {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// TestRefusedWorkloadsAndPartialSnapshots runs the tool as a user who may
// read pods but not DaemonSets, Deployments or the Karpenter objects, on a
// cluster whose add-ons run as workloads. The components it cannot decide
// read unknown, not absent or built-in; a snapshot saves what the user may
// read with the same warnings get prints, and reading it back refuses the
// same lists again.
func TestRefusedWorkloadsAndPartialSnapshots(t *testing.T) {
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "standard.yaml"))
	env.CreateYAML(t, noWorkloads)
	cfg, err := env.UserConfig("noapps")
	if err != nil {
		t.Fatal(err)
	}
	kubeconfig := filepath.Join(t.TempDir(), "noapps")
	if err := apitest.WriteKubeconfig(cfg, kubeconfig); err != nil {
		t.Fatal(err)
	}
	asUser := []string{"--price-source", "embedded", "--kubeconfig", kubeconfig}
	getComponents := append(slices.Clone(asUser), "get", "components", "-o", "json")

	liveOut, liveErr, code := run(t, getComponents...)
	if code != 0 {
		t.Fatalf("get components as noapps: exit %d: %s", code, liveErr)
	}
	liveWarnings := warnings(liveErr)

	t.Run("components no read could decide are unknown, naming the refused lists",
		func(t *testing.T) {
			admin, errOut, code := run(t, "--price-source", "embedded", "--kubeconfig",
				env.Kubeconfig, "get", "components", "-o", "json")
			if code != 0 {
				t.Fatalf("get components as admin: exit %d: %s", code, errOut)
			}
			full, narrow := componentsJSON(t, admin), componentsJSON(t, liveOut)
			if len(narrow) != 8 || len(full) != 8 {
				t.Fatalf("%d and %d components, want 8 each", len(full), len(narrow))
			}
			for name, want := range map[string]string{
				// Nothing of these runs; the admin sees that, noapps cannot.
				"karpenter":                 "built-in",
				"eks-node-monitoring-agent": "built-in",
			} {
				if got := full[name].State; got != want {
					t.Errorf("admin: %s is %s, want %s", name, got, want)
				}
				c := narrow[name]
				if c.State != "unknown" || !c.AutoMode || len(c.Evidence) == 0 ||
					c.Evidence[0] != "forbidden: cannot list daemonsets.apps, deployments.apps" {
					t.Errorf("noapps: %s = %+v, want unknown, Auto Mode's, refused lists first",
						name, c)
				}
			}
			// Their pods prove these self-managed, whatever was refused.
			for _, name := range []string{"vpc-cni", "kube-proxy", "coredns",
				"eks-pod-identity-agent", "ebs-csi-driver", "aws-load-balancer-controller"} {
				if full[name].State != "self-managed" || narrow[name].State != "self-managed" {
					t.Errorf("%s: admin %s, noapps %s; want self-managed for both", name,
						full[name].State, narrow[name].State)
				}
			}
		})

	t.Run("get components prints unknown in its table and exits 1 under --strict",
		func(t *testing.T) {
			out, errOut, code := run(t, append(slices.Clone(asUser), "get", "components")...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			row := ""
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "karpenter ") {
					row = l
				}
			}
			if f := strings.Fields(row); len(f) < 4 || f[1] != "unknown" ||
				!strings.Contains(row, "forbidden: cannot list daemonsets.apps") {
				t.Errorf("the karpenter row reads %q, want unknown and why", row)
			}
			_, errOut, code = run(t, append(slices.Clone(asUser), "get", "components",
				"--strict")...)
			if code != 1 || !strings.Contains(errOut, "error: --strict: ") {
				t.Errorf("--strict: exit %d, stderr %q", code, errOut)
			}
		})

	file := filepath.Join(t.TempDir(), "partial.yaml")
	t.Run("snapshot saves what it may read and warns as get does", func(t *testing.T) {
		_, errOut, code := run(t, append(slices.Clone(asUser), "snapshot", "-f", file)...)
		if code != 0 {
			t.Fatalf("snapshot as noapps: exit %d: %s", code, errOut)
		}
		if got := warnings(errOut); !slices.Equal(got, liveWarnings) {
			t.Errorf("snapshot warns\n%s\nget warns\n%s", strings.Join(got, "\n"),
				strings.Join(liveWarnings, "\n"))
		}
		if len(liveWarnings) != len(refusedToNoWorkloads) {
			t.Errorf("%d warnings, want one per refused list %v:\n%s", len(liveWarnings),
				refusedToNoWorkloads, strings.Join(liveWarnings, "\n"))
		}
		for _, r := range refusedToNoWorkloads {
			if !slices.ContainsFunc(liveWarnings, func(w string) bool {
				return strings.HasPrefix(w, "warning: forbidden: cannot list "+r+" (")
			}) {
				t.Errorf("no warning names %s", r)
			}
		}
		if !strings.Contains(errOut, "saved "+file) {
			t.Errorf("stderr does not say the file was saved:\n%s", errOut)
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range refusedToNoWorkloads {
			if !strings.Contains(string(data), "- "+r+"\n") {
				t.Errorf("the snapshot's info does not list %s as refused", r)
			}
		}
		if !strings.Contains(string(data), "name: kube-proxy-abcde") {
			t.Error("the snapshot lacks the pods the user may read")
		}
	})

	t.Run("the snapshot reads back with the same refusals", func(t *testing.T) {
		out, errOut, code := run(t, "--price-source", "embedded", "--snapshot", file,
			"get", "components", "-o", "json")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if out != liveOut {
			t.Errorf("components differ between the cluster and its snapshot:\ncluster:\n%s\n"+
				"snapshot:\n%s", liveOut, out)
		}
		if got := warnings(errOut); !slices.Equal(got, liveWarnings) {
			t.Errorf("the snapshot warns\n%s\nthe cluster warned\n%s", strings.Join(got, "\n"),
				strings.Join(liveWarnings, "\n"))
		}
		_, errOut, code = run(t, "--snapshot", file, "get", "nodeclaims")
		if code != 0 || !strings.Contains(errOut,
			"warning: forbidden: cannot list nodeclaims.karpenter.sh (") {
			t.Errorf("NodeClaims from the snapshot: exit %d, stderr %q; want them forbidden",
				code, errOut)
		}
	})

	t.Run("snapshot --strict writes nothing and exits 1", func(t *testing.T) {
		strictFile := filepath.Join(t.TempDir(), "strict.yaml")
		_, errOut, code := run(t, append(slices.Clone(asUser), "snapshot", "-f", strictFile,
			"--strict")...)
		if code != 1 || !strings.Contains(errOut, "error: --strict: ") ||
			!slices.Equal(warnings(errOut), liveWarnings) {
			t.Errorf("exit %d, stderr:\n%s", code, errOut)
		}
		if _, err := os.Stat(strictFile); !os.IsNotExist(err) {
			t.Errorf("--strict wrote %s anyway (stat: %v)", strictFile, err)
		}
	})
}
