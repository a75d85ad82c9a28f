package kube

import (
	"math"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	podresource "k8s.io/component-helpers/resource"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// nodeFromAPI reads what the model needs from a Node. Classification and
// counting happen later, in model.Build.
func nodeFromAPI(n *corev1.Node) model.Node {
	return model.Node{
		Name:          n.Name,
		Labels:        n.Labels,
		Ready:         nodeReady(n),
		Unschedulable: n.Spec.Unschedulable,
		Allocatable:   resourcesOf(n.Status.Allocatable),
		ProviderID:    n.Spec.ProviderID,
		Created:       n.CreationTimestamp.Time,
	}
}

func nodeReady(n *corev1.Node) bool {
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// podFromAPI keeps the slim part of a pod. Its requests are the ones the
// scheduler uses, computed by the same helper the scheduler calls: sidecar
// init containers add to the containers and to every init container after
// them (KEP-753), pod-level spec.resources replace the containers' CPU and
// memory, and the pod overhead is added.
func podFromAPI(p *corev1.Pod) model.Pod {
	req := resourcesOf(podresource.PodRequests(p, podresource.PodResourcesOptions{}))
	req.Pods = 0

	out := model.Pod{
		Namespace: p.Namespace,
		Name:      p.Name,
		NodeName:  p.Spec.NodeName,
		Phase:     string(p.Status.Phase),
		Requests:  req,
	}
	if ref := metav1.GetControllerOf(p); ref != nil {
		out.OwnerKind, out.OwnerName = ref.Kind, ref.Name
	}
	return out
}

// resourcesOf reads CPU, memory and pods from a ResourceList.
func resourcesOf(rl corev1.ResourceList) model.Resources {
	var r model.Resources
	if q, ok := rl[corev1.ResourceCPU]; ok {
		r.CPUMillis = milliValue(q)
	}
	if q, ok := rl[corev1.ResourceMemory]; ok {
		r.MemoryBytes = value(q)
	}
	if q, ok := rl[corev1.ResourcePods]; ok {
		r.Pods = value(q)
	}
	return r
}

// quantityResources reads CPU and memory from the string map a custom
// resource carries (NodePool limits, status.resources). A value that does
// not parse counts as unset: a bad limit must not hide the pool.
func quantityResources(m map[string]string) model.Resources {
	var r model.Resources
	if q, err := resource.ParseQuantity(m["cpu"]); err == nil {
		r.CPUMillis = milliValue(q)
	}
	if q, err := resource.ParseQuantity(m["memory"]); err == nil {
		r.MemoryBytes = value(q)
	}
	if q, err := resource.ParseQuantity(m["pods"]); err == nil {
		r.Pods = value(q)
	}
	return r
}

// value and milliValue read a quantity as int64, clamped: Quantity's own
// Value and MilliValue wrap around past 2^63, so that a limit of
// "9223372036854775807" CPUs would read as -1000 millicores.
func value(q resource.Quantity) int64 {
	if v, ok := q.AsInt64(); ok {
		return v
	}
	return clamp(q.AsApproximateFloat64())
}

func milliValue(q resource.Quantity) int64 {
	if f := q.AsApproximateFloat64() * 1000; f >= math.MaxInt64 || f <= math.MinInt64 {
		return clamp(f)
	}
	return q.MilliValue()
}

func clamp(f float64) int64 {
	switch {
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}
