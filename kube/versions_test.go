package kube_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// karpenterBeta is a Karpenter before 1.0: NodePools at karpenter.sh/v1beta1
// only, which the tool does not read.
const karpenterBeta = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: nodepools.karpenter.sh}
spec:
  group: karpenter.sh
  scope: Cluster
  names: {kind: NodePool, plural: nodepools, singular: nodepool, listKind: NodePoolList}
  versions:
  - name: v1beta1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`

// TestWatcherNamesAKarpenterVersionItCannotRead runs the watcher against a
// v1beta1-only Karpenter: discovery finds no karpenter.sh/v1, and the
// snapshot must say so instead of showing empty panels without a word.
func TestWatcherNamesAKarpenterVersionItCannotRead(t *testing.T) {
	env := apitest.StartWithoutCRDs(t)
	env.CreateYAML(t, karpenterBeta)
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := env.Clientset().Discovery().ServerResourcesForGroupVersion(
			"karpenter.sh/v1beta1")
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("karpenter.sh/v1beta1 not served within 30 s: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}

	c := next(t, startWatcher(t, env), 30*time.Second)
	want := "karpenter.sh is served only at v1beta1, a version kubectl-automode does not " +
		"read (it reads v1); its objects are not shown"
	if len(c.Problems) != 1 || c.Problems[0] != want {
		t.Errorf("problems = %q\nwant [%q]", c.Problems, want)
	}
	if c.Mode != model.ModeStandard || len(c.NodePools) != 0 {
		t.Errorf("mode %s with %d pools", c.Mode, len(c.NodePools))
	}
	if strings.Contains(strings.Join(c.Problems, " "), "eks.amazonaws.com") {
		t.Errorf("a group the server does not serve at all is not a problem: %q", c.Problems)
	}
}
