package demo

import (
	"context"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/dynamic"
)

type dynamicResource = dynamic.NamespaceableResourceInterface

// lifecycle is the order of a NodeClaim's conditions (facts sheet §2c).
var lifecycle = []string{"Launched", "Registered", "Initialized", "Ready"}

// claimConditions marks the first done steps of the lifecycle True and
// the next one Unknown, as Karpenter does while it waits on that step.
func claimConditions(done int, at time.Time) []any {
	var out []any
	for i, t := range lifecycle {
		switch {
		case i < done:
			out = append(out, condition(t, "True", t, "", at))
		case i == done || t == "Ready":
			out = append(out, condition(t, "Unknown", "AwaitingReconciliation", "", at))
		}
	}
	return out
}

// transitioned is the event text Karpenter writes when a condition
// changes.
func transitioned(cond string) string {
	return fmt.Sprintf("Status condition transitioned, Type: %s, Status: Unknown -> True, "+
		"Reason: %s", cond, cond)
}

// launch: the instance is running, so the claim learns its type and zone.
func (s *Simulator) launch(ctx context.Context, claim string, n nodeSpec) error {
	err := s.updateClaim(ctx, claim, func(u *unstructured.Unstructured) {
		labels := u.GetLabels()
		labels["node.kubernetes.io/instance-type"] = n.instanceType
		labels["topology.kubernetes.io/zone"] = n.zone
		labels["karpenter.sh/capacity-type"] = n.capacity
		u.SetLabels(labels)
		_ = unstructured.SetNestedField(u.Object, "aws:///"+n.zone+"/"+instanceID(n.name),
			"status", "providerID")
		_ = unstructured.SetNestedSlice(u.Object, claimConditions(1, s.now),
			"status", "conditions")
	})
	if err == nil {
		s.event(ctx, "NodeClaim", "", claim, "Launched", transitioned("Launched"))
	}
	return err
}

// register: the kubelet has joined, so the node exists, not yet Ready.
func (s *Simulator) register(ctx context.Context, claim string, n nodeSpec) error {
	n.age = 0
	node := s.newNode(n)
	node.Status.Conditions[0].Status = corev1.ConditionFalse
	node.Status.Conditions[0].Reason = "KubeletNotReady"
	node.Spec.Taints = []corev1.Taint{{Key: "node.kubernetes.io/not-ready",
		Effect: corev1.TaintEffectNoSchedule}}
	if _, err := s.clients.Kube.CoreV1().Nodes().Create(ctx, node,
		metav1.CreateOptions{}); err != nil {
		return fmt.Errorf("creating node %s: %w", n.name, err)
	}
	err := s.updateClaim(ctx, claim, func(u *unstructured.Unstructured) {
		_ = unstructured.SetNestedField(u.Object, n.name, "status", "nodeName")
		_ = unstructured.SetNestedSlice(u.Object, claimConditions(2, s.now),
			"status", "conditions")
	})
	if err == nil {
		s.event(ctx, "NodeClaim", "", claim, "Registered", transitioned("Registered"))
	}
	return err
}

func (s *Simulator) newNode(n nodeSpec) *corev1.Node {
	st := s.story
	if st.auto {
		return autoNode(s.now, n, st.pool, st.nodeClass)
	}
	return karpenterNode(s.now, n, st.pool, st.nodeClass)
}

// initialize: the node is Ready, the claim is Ready, and the pending pods
// are bound to the node.
func (s *Simulator) initialize(ctx context.Context, claim string, n nodeSpec,
	pods []string) error {
	nodes := s.clients.Kube.CoreV1().Nodes()
	node, err := nodes.Get(ctx, n.name, metav1.GetOptions{})
	if err != nil {
		return fmt.Errorf("getting node %s: %w", n.name, err)
	}
	node.Spec.Taints = nil
	node.Status.Conditions[0].Status = corev1.ConditionTrue
	node.Status.Conditions[0].Reason = "KubeletReady"
	node.Status.Conditions[0].LastTransitionTime = metav1.NewTime(s.now)
	if _, err := nodes.Update(ctx, node, metav1.UpdateOptions{}); err != nil {
		return fmt.Errorf("updating node %s: %w", n.name, err)
	}

	err = s.updateClaim(ctx, claim, func(u *unstructured.Unstructured) {
		_ = unstructured.SetNestedSlice(u.Object, claimConditions(4, s.now),
			"status", "conditions")
	})
	if err != nil {
		return err
	}
	s.event(ctx, "NodeClaim", "", claim, "Initialized", transitioned("Initialized"))
	s.event(ctx, "NodeClaim", "", claim, "Ready", transitioned("Ready"))

	for _, name := range pods {
		p, err := s.clients.Kube.CoreV1().Pods("shop").Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return fmt.Errorf("getting pod %s: %w", name, err)
		}
		p.Spec.NodeName = n.name
		p.Status.Phase = corev1.PodRunning
		if _, err := s.clients.Kube.CoreV1().Pods("shop").Update(ctx, p,
			metav1.UpdateOptions{}); err != nil {
			return fmt.Errorf("binding pod %s: %w", name, err)
		}
	}
	return nil
}

// scaleDown removes the burst's pods; the empty node is consolidated once
// the pool's consolidateAfter has passed.
func (s *Simulator) scaleDown(ctx context.Context, claim string, n nodeSpec,
	pods []string) error {
	for _, name := range pods {
		if err := s.clients.Kube.CoreV1().Pods("shop").Delete(ctx, name,
			metav1.DeleteOptions{}); err != nil {
			return fmt.Errorf("deleting pod %s: %w", name, err)
		}
	}
	s.at(s.now.Add(s.story.consolidateAfter), func(ctx context.Context) error {
		return s.consolidate(ctx, claim, n)
	})
	return nil
}

// consolidate marks the empty claim Consolidatable and starts deleting it;
// the node and the claim go once the instance has terminated.
func (s *Simulator) consolidate(ctx context.Context, claim string, n nodeSpec) error {
	err := s.updateClaim(ctx, claim, func(u *unstructured.Unstructured) {
		conds := append(claimConditions(4, s.now),
			condition("Consolidatable", "True", "Consolidatable", "", s.now))
		_ = unstructured.SetNestedSlice(u.Object, conds, "status", "conditions")
		u.SetDeletionTimestamp(&metav1.Time{Time: s.now})
	})
	if err != nil {
		return err
	}
	s.event(ctx, "NodeClaim", "", claim, "DisruptionTerminating",
		"Disrupting NodeClaim: Empty/Delete")

	s.at(s.now.Add(terminateFor), func(ctx context.Context) error {
		if err := s.clients.Kube.CoreV1().Nodes().Delete(ctx, n.name,
			metav1.DeleteOptions{}); err != nil {
			return fmt.Errorf("deleting node %s: %w", n.name, err)
		}
		if err := s.claims().Delete(ctx, claim, metav1.DeleteOptions{}); err != nil {
			return fmt.Errorf("deleting NodeClaim %s: %w", claim, err)
		}
		s.at(s.now.Add(nextCycleAfter), s.scaleUp)
		return nil
	})
	return nil
}
