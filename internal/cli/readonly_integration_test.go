package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// TestASessionOnlyReads proves on a real API server with an audit log of
// every request that the tool only reads: a session that watches the
// cluster, opens describe, YAML and events of an object of every kind,
// switches context (a second watcher), runs every get, snapshot and rbac,
// and stops leaves nothing in the log from the tool's user agent but get,
// list and watch, each allowed by the ClusterRole `rbac` prints.
func TestASessionOnlyReads(t *testing.T) {
	env := apitest.StartWith(t, apitest.Options{Audit: true})
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))

	o := &options{config: genericclioptions.NewConfigFlags(true),
		streams: genericiooptions.NewTestIOStreamsDiscard()}
	*o.config.KubeConfig = env.Kubeconfig
	session(t, o)
	session(t, o) // the context switch: the UI opens a new watcher

	var out bytes.Buffer
	streams := genericiooptions.IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &out}
	for _, args := range [][]string{
		{"get", "nodes"}, {"get", "nodepools", "-o", "wide"}, {"get", "nodeclaims", "-o", "json"},
		{"get", "nodeclasses", "-o", "yaml"}, {"get", "components"},
		{"snapshot", "-f", filepath.Join(t.TempDir(), "snap.yaml")}, {"rbac"},
	} {
		if code := Run(t.Context(), streams, append([]string{"--kubeconfig", env.Kubeconfig},
			args...)); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, out.String())
		}
	}

	var mine []apitest.AuditEvent
	for _, e := range env.AuditEvents(t) {
		if strings.HasPrefix(e.UserAgent, "kubectl-automode/") {
			mine = append(mine, e)
		}
	}
	verbs := map[string]int{}
	for _, e := range mine {
		verbs[e.Verb]++
		if !slices.Contains([]string{"get", "list", "watch"}, e.Verb) {
			t.Errorf("the tool wrote: %s %s", e.Verb, e.RequestURI)
			continue
		}
		if e.ObjectRef != nil && !allowed(kube.ClusterRole().Rules, e) {
			t.Errorf("%s %s (%s.%s) is not in the ClusterRole rbac prints", e.Verb,
				e.RequestURI, e.ObjectRef.Resource, e.ObjectRef.APIGroup)
		}
	}
	t.Logf("%d requests from the tool: %v", len(mine), verbs)
	if verbs["get"] == 0 || verbs["list"] == 0 || verbs["watch"] == 0 {
		t.Errorf("the session made no get, list or watch (%v): the log proves nothing", verbs)
	}
}

// session runs a watcher to its first snapshot, then asks for describe,
// YAML and events of the first object of every kind, as a user drilling
// down would, and stops.
func session(t *testing.T, o *options) {
	t.Helper()
	src, err := o.open()
	if err != nil {
		t.Fatal(err)
	}
	w := kube.NewWatcher(src.clients, src.opts)
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("watcher: %v", err)
		}
	}()

	var c *model.Cluster
	select {
	case c = <-w.Snapshots():
	case <-time.After(30 * time.Second):
		t.Fatal("no snapshot within 30 s")
	}
	refs := []model.Ref{
		{Kind: "Node", Name: c.Nodes[0].Name},
		{Kind: "Pod", Namespace: c.Pods[0].Namespace, Name: c.Pods[0].Name},
		{Kind: "NodePool", Name: c.NodePools[0].Name},
		{Kind: "NodeClaim", Name: c.NodeClaims[0].Name},
	}
	for _, nc := range c.NodeClasses {
		refs = append(refs, model.Ref{Kind: nc.Kind, Name: nc.Name})
	}
	d := kube.NewDetails(src.clients)
	for _, ref := range refs {
		if _, err := d.Describe(ctx, ref); err != nil {
			t.Errorf("describe %s: %v", ref, err)
		}
		if _, err := d.YAML(ctx, ref); err != nil {
			t.Errorf("YAML of %s: %v", ref, err)
		}
		if _, err := d.Events(ctx, ref); err != nil {
			t.Errorf("events of %s: %v", ref, err)
		}
	}
}

// allowed reports whether a rule of the role grants the audited request.
func allowed(rules []rbacv1.PolicyRule, e apitest.AuditEvent) bool {
	for _, r := range rules {
		if slices.Contains(r.APIGroups, e.ObjectRef.APIGroup) &&
			slices.Contains(r.Resources, e.ObjectRef.Resource) &&
			slices.Contains(r.Verbs, e.Verb) {
			return true
		}
	}
	return false
}
