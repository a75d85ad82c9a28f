package kube_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// TestSnapshotClientsRefuseWhatTheSnapshotSaysWasRefused checks that a
// snapshot saved by a user refused DaemonSets serves them as the cluster
// did, with a 403 for every verb, while the other resources read as saved:
// the watcher then reports the refusal and the components it decides as
// unknown, not absent.
func TestSnapshotClientsRefuseWhatTheSnapshotSaysWasRefused(t *testing.T) {
	snap := &kube.Snapshot{
		Info: kube.SnapshotInfo{Served: []string{}, Refused: []string{"daemonsets.apps"}},
		Objects: []runtime.Object{
			&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "node-1"}},
			// Saved by another run, or added by hand: still refused.
			&appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Name: "aws-node",
				Namespace: "kube-system"}},
		},
	}
	clients, err := kube.SnapshotClients(snap)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ds := clients.Kube.AppsV1().DaemonSets("kube-system")
	if _, err := ds.List(ctx, metav1.ListOptions{}); !apierrors.IsForbidden(err) {
		t.Errorf("listing DaemonSets: %v, want forbidden", err)
	}
	if _, err := ds.Get(ctx, "aws-node", metav1.GetOptions{}); !apierrors.IsForbidden(err) {
		t.Errorf("getting a DaemonSet: %v, want forbidden", err)
	}
	if _, err := ds.Watch(ctx, metav1.ListOptions{}); !apierrors.IsForbidden(err) {
		t.Errorf("watching DaemonSets: %v, want forbidden", err)
	}
	nodes, err := clients.Kube.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil || len(nodes.Items) != 1 {
		t.Fatalf("listing nodes: %v, %v; want the saved node", nodes, err)
	}

	c := next(t, watch(t, clients, kube.Options{}), 5*time.Second)
	if !slices.ContainsFunc(c.Problems, func(p string) bool {
		return strings.HasPrefix(p, "forbidden: cannot list daemonsets.apps (")
	}) {
		t.Errorf("no problem names the refused DaemonSets: %q", c.Problems)
	}
	if !slices.Equal(c.Evidence.Refused, []string{"daemonsets.apps"}) {
		t.Errorf("Evidence.Refused = %q, want the DaemonSets", c.Evidence.Refused)
	}
	for _, comp := range c.Components {
		if comp.State != model.StateUnknown {
			t.Errorf("%s is %s with DaemonSets refused, want unknown", comp.Name, comp.State)
		}
	}
}
