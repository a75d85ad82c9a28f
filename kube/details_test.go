package kube_test

import (
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestDetailsOnAPIServer(t *testing.T) {
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	now := metav1.NewTime(time.Now().Truncate(time.Second))
	for i, reason := range []string{"Launching", "Unauthorized"} {
		env.Create(t, &corev1.Event{
			ObjectMeta: metav1.ObjectMeta{Name: "web-x7k2p." + reason, Namespace: "default"},
			InvolvedObject: corev1.ObjectReference{Kind: "NodeClaim", Name: "web-x7k2p",
				APIVersion: "karpenter.sh/v1"},
			Reason: reason, Message: "step " + reason, Type: corev1.EventTypeWarning,
			Source:         corev1.EventSource{Component: "eks-auto-mode/compute"},
			FirstTimestamp: now, LastTimestamp: metav1.NewTime(now.Add(time.Duration(i) * time.Minute)),
			Count: 1,
		})
	}
	clients, err := kube.NewClients(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	d := kube.NewDetails(clients)
	ctx := t.Context()
	claim := model.Ref{Kind: "NodeClaim", Name: "web-x7k2p"}

	events, err := d.Events(ctx, claim)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[0].Reason != "Unauthorized" ||
		events[0].Source != "eks-auto-mode/compute" {
		t.Errorf("events = %+v, want both, newest (Unauthorized) first", events)
	}

	text, err := d.Describe(ctx, claim)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Name:         web-x7k2p", "Kind:         NodeClaim",
		"Conditions:", "Launched  Unknown  Unauthorized", "Error getting launch template",
		"Events:", "step Unauthorized", "nodeClassRef:"} {
		if !strings.Contains(text, want) {
			t.Errorf("describe lacks %q:\n%s", want, text)
		}
	}

	node, err := d.Describe(ctx, model.Ref{Kind: "Node", Name: "i-0a1c5e7a39c88fc91"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Name:", "i-0a1c5e7a39c88fc91",
		"eks.amazonaws.com/compute-type=auto", "Non-terminated Pods:", "metrics-server-1"} {
		if !strings.Contains(node, want) {
			t.Errorf("node describe lacks %q:\n%s", want, node)
		}
	}
	if _, err := d.Describe(ctx, model.Ref{Kind: "Pod", Namespace: "default",
		Name: "app-1"}); err != nil {
		t.Errorf("describing a pod: %v", err)
	}

	yaml, err := d.YAML(ctx, model.Ref{Kind: "Node", Name: "i-0a1c5e7a39c88fc91"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(yaml, "kind: Node") || strings.Contains(yaml, "managedFields") ||
		strings.Contains(yaml, "resourceVersion") {
		t.Errorf("node YAML is not neat:\n%s", yaml)
	}
	pool, err := d.YAML(ctx, model.Ref{Kind: "NodePool", Name: "system"})
	if err != nil || !strings.Contains(pool, "CriticalAddonsOnly") ||
		strings.Contains(pool, "managedFields") {
		t.Errorf("pool YAML (%v):\n%s", err, pool)
	}

	if _, err := d.Describe(ctx, model.Ref{Kind: "NodeClaim", Name: "gone"}); err == nil ||
		!strings.Contains(err.Error(), "NodeClaim/gone") {
		t.Errorf("a missing object gave %v, want an error naming it", err)
	}
	if _, err := d.YAML(ctx, model.Ref{Kind: "Secret", Name: "x"}); err == nil {
		t.Error("a kind without a detail view was accepted")
	}
}
