package cli_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// nodesOnly lets the user "narrow" list and watch nodes and nothing else.
const nodesOnly = `
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: nodes-only}
rules:
- {apiGroups: [""], resources: [nodes], verbs: [list, watch]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: narrow-nodes-only}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: nodes-only}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: narrow}
`

// refusedToNodesOnly is every resource the watcher lists that nodes-only
// does not grant, on a cluster serving all the CRDs.
var refusedToNodesOnly = []string{
	"pods", "daemonsets.apps", "deployments.apps", "csidrivers.storage.k8s.io",
	"storageclasses.storage.k8s.io", "ingressclasses.networking.k8s.io",
	"nodepools.karpenter.sh", "nodeclaims.karpenter.sh", "nodeclasses.eks.amazonaws.com",
	"ec2nodeclasses.karpenter.k8s.aws",
}

// TestNarrowUserGetsWhatItMayRead runs the tool as a user allowed to list
// and watch nodes only: the nodes show at once, every other resource is a
// problem naming the rule that would grant it, no refused list is asked
// again, get warns and exits 0 (or 1 with --strict), and the role `rbac`
// prints is enough to clear every warning.
func TestNarrowUserGetsWhatItMayRead(t *testing.T) {
	env := apitest.StartWith(t, apitest.Options{Audit: true})
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	env.CreateYAML(t, nodesOnly)
	cfg, err := env.UserConfig("narrow")
	if err != nil {
		t.Fatal(err)
	}
	kubeconfig := filepath.Join(t.TempDir(), "narrow")
	if err := apitest.WriteKubeconfig(cfg, kubeconfig); err != nil {
		t.Fatal(err)
	}

	t.Run("the watcher shows nodes promptly and says what it cannot read", func(t *testing.T) {
		clients, err := kube.NewClients(cfg)
		if err != nil {
			t.Fatal(err)
		}
		w := kube.NewWatcher(clients, kube.Options{})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		started := time.Now()
		go func() { _ = w.Run(ctx) }()

		var c *model.Cluster
		select {
		case c = <-w.Snapshots():
		case <-time.After(5 * time.Second):
			t.Fatal("no snapshot within 5 s for a user who may only read nodes")
		}
		t.Logf("first snapshot after %v", time.Since(started).Round(time.Millisecond))
		if len(c.Nodes) != 8 || len(c.NodePools)+len(c.NodeClaims)+len(c.NodeClasses) != 0 {
			t.Errorf("%d nodes, %d pools, %d claims, %d classes; want 8 nodes only",
				len(c.Nodes), len(c.NodePools), len(c.NodeClaims), len(c.NodeClasses))
		}
		for _, r := range refusedToNodesOnly {
			if !hasProblem(c.Problems, "forbidden: cannot list "+r+" (") {
				t.Errorf("no problem names %s; problems: %q", r, c.Problems)
			}
		}
		const claims = `forbidden: cannot list nodeclaims.karpenter.sh (grant it with the ` +
			`rule apiGroups: ["karpenter.sh"], resources: ["nodeclaims"], verbs: ["get", ` +
			`"list", "watch"]; kubectl-automode rbac prints the whole role)`
		if !hasProblem(c.Problems, claims) {
			t.Errorf("the NodeClaim problem does not read\n%s\nproblems: %q", claims,
				c.Problems)
		}
		if len(c.Problems) != len(refusedToNodesOnly) {
			t.Errorf("%d problems, want %d: %q", len(c.Problems), len(refusedToNodesOnly),
				c.Problems)
		}

		// client-go's reflector retries a failed list after 0.8 to 1.6 s; a
		// refused informer that was not stopped would ask again within that.
		// One attempt is a watch-list request, which client-go tries twice,
		// and a plain list, so refusals are counted by lists.
		first := refusedLists(env.AuditEvents(t), "narrow")
		for r, n := range first {
			if n != 1 {
				t.Errorf("%s was refused %d lists before the first snapshot, want 1", r, n)
			}
		}
		deadline := time.Now().Add(3 * time.Second)
		for time.Now().Before(deadline) {
			for r, n := range refusedLists(env.AuditEvents(t), "narrow") {
				if n > first[r] {
					t.Fatalf("%s was refused again after the first snapshot: its informer "+
						"keeps retrying", r)
				}
			}
			time.Sleep(100 * time.Millisecond)
		}
	})

	t.Run("get warns on stderr and prints what it could read", func(t *testing.T) {
		out, errOut, code := run(t, "--kubeconfig", kubeconfig, "get", "nodes")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 9 {
			t.Errorf("%d lines, want a header and 8 nodes:\n%s", len(lines), out)
		}
		if !strings.Contains(errOut, "warning: forbidden: cannot list nodeclaims.karpenter.sh") {
			t.Errorf("stderr has no warning about NodeClaims:\n%s", errOut)
		}
	})

	t.Run("get --strict exits 1 and prints nothing", func(t *testing.T) {
		out, errOut, code := run(t, "--kubeconfig", kubeconfig, "get", "nodes", "--strict")
		if code != 1 || out != "" {
			t.Errorf("exit %d, stdout %q; want 1 and nothing", code, out)
		}
		if !strings.Contains(errOut, "warning: forbidden: cannot list pods") ||
			!strings.Contains(errOut, "error: --strict: ") {
			t.Errorf("stderr lacks the warnings or the --strict error:\n%s", errOut)
		}
	})

	t.Run("the ClusterRole rbac prints clears every warning", func(t *testing.T) {
		role, errOut, code := run(t, "rbac")
		if code != 0 {
			t.Fatalf("rbac: exit %d: %s", code, errOut)
		}
		env.CreateYAML(t, role+`---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: reader-binding}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: `+
			kube.ClusterRoleName+`}
subjects:
- {apiGroup: rbac.authorization.k8s.io, kind: User, name: reader}
`)
		readerCfg, err := env.UserConfig("reader")
		if err != nil {
			t.Fatal(err)
		}
		reader := filepath.Join(t.TempDir(), "reader")
		if err := apitest.WriteKubeconfig(readerCfg, reader); err != nil {
			t.Fatal(err)
		}
		for _, r := range []string{"nodes", "nodepools", "nodeclaims", "nodeclasses",
			"components"} {
			out, errOut, code := run(t, "--kubeconfig", reader, "get", r, "--strict")
			if code != 0 || errOut != "" || out == "" {
				t.Errorf("get %s as reader: exit %d, stderr %q", r, code, errOut)
			}
		}
	})
}

func hasProblem(problems []string, prefix string) bool {
	for _, p := range problems {
		if strings.HasPrefix(p, prefix) {
			return true
		}
	}
	return false
}

// refusedLists counts the lists refused to the user, by resource.
func refusedLists(events []apitest.AuditEvent, user string) map[string]int {
	counts := map[string]int{}
	for _, e := range events {
		if e.User.Username == user && e.Verb == "list" && e.ResponseStatus != nil &&
			e.ResponseStatus.Code == 403 && e.ObjectRef != nil {
			counts[e.ObjectRef.Resource+"."+e.ObjectRef.APIGroup]++
		}
	}
	return counts
}
