package kube

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

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

// podFromAPI keeps the slim part of a pod. Its requests follow the
// scheduler: the sum of the containers or the largest init container,
// whichever is more, plus the pod overhead.
func podFromAPI(p *corev1.Pod) model.Pod {
	var sum, initMax model.Resources
	for _, c := range p.Spec.Containers {
		sum = sum.Add(resourcesOf(c.Resources.Requests))
	}
	for _, c := range p.Spec.InitContainers {
		r := resourcesOf(c.Resources.Requests)
		if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			sum = sum.Add(r) // a sidecar runs beside the containers
			continue
		}
		initMax.CPUMillis = max(initMax.CPUMillis, r.CPUMillis)
		initMax.MemoryBytes = max(initMax.MemoryBytes, r.MemoryBytes)
	}
	req := model.Resources{
		CPUMillis:   max(sum.CPUMillis, initMax.CPUMillis),
		MemoryBytes: max(sum.MemoryBytes, initMax.MemoryBytes),
	}
	req = req.Add(resourcesOf(p.Spec.Overhead))

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
		r.CPUMillis = q.MilliValue()
	}
	if q, ok := rl[corev1.ResourceMemory]; ok {
		r.MemoryBytes = q.Value()
	}
	if q, ok := rl[corev1.ResourcePods]; ok {
		r.Pods = q.Value()
	}
	return r
}

// quantityResources reads CPU and memory from the string map a custom
// resource carries (NodePool limits, status.resources). A value that does
// not parse counts as unset: a bad limit must not hide the pool.
func quantityResources(m map[string]string) model.Resources {
	var r model.Resources
	if q, err := resource.ParseQuantity(m["cpu"]); err == nil {
		r.CPUMillis = q.MilliValue()
	}
	if q, err := resource.ParseQuantity(m["memory"]); err == nil {
		r.MemoryBytes = q.Value()
	}
	if q, err := resource.ParseQuantity(m["pods"]); err == nil {
		r.Pods = q.Value()
	}
	return r
}
