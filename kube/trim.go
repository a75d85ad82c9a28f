package kube

import (
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/tools/cache"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// lastApplied is kubectl's record of the last applied manifest: often the
// biggest annotation on an object, and never drawn.
const lastApplied = "kubectl.kubernetes.io/last-applied-configuration"

// trimObject is the informer transform for typed and unstructured objects:
// it drops what the tool never shows (managedFields, the last-applied
// annotation and a node's list of cached images), so that the informer's
// one copy is as small as it can be while still serving YAML views.
func trimObject(obj any) (any, error) {
	switch o := obj.(type) {
	case *unstructured.Unstructured:
		unstructured.RemoveNestedField(o.Object, "metadata", "managedFields")
		unstructured.RemoveNestedField(o.Object, "metadata", "annotations", lastApplied)
		return o, nil
	case *corev1.Node:
		o.Status.Images = nil
	}
	if m, ok := obj.(metav1.Object); ok {
		m.SetManagedFields(nil)
		if a := m.GetAnnotations(); a[lastApplied] != "" {
			delete(a, lastApplied)
			m.SetAnnotations(a)
		}
	}
	return obj, nil
}

// slimPod is what the pod informer stores instead of a pod: a model.Pod,
// about 0.2 KB against 7 KB for the full object. It satisfies the informer
// store through GetObjectMeta, which builds the little metadata the store's
// key function reads only when asked.
type slimPod struct{ model.Pod }

// GetObjectMeta lets cache.MetaNamespaceKeyFunc key a slimPod.
func (p *slimPod) GetObjectMeta() metav1.Object {
	return &metav1.ObjectMeta{Name: p.Name, Namespace: p.Namespace}
}

// toSlimPod is the pod informer's transform. It passes tombstones through
// so that deletions still reach the store.
func toSlimPod(obj any) (any, error) {
	switch o := obj.(type) {
	case *corev1.Pod:
		return &slimPod{Pod: internPod(podFromAPI(o))}, nil
	case cache.DeletedFinalStateUnknown:
		if p, ok := o.Obj.(*corev1.Pod); ok {
			o.Obj = &slimPod{Pod: internPod(podFromAPI(p))}
		}
		return o, nil
	}
	return obj, nil
}

// slimWorkload is what the DaemonSet and Deployment informers store: the
// kind, name and first image are all component detection needs.
type slimWorkload struct{ model.Workload }

// GetObjectMeta lets cache.MetaNamespaceKeyFunc key a slimWorkload.
func (w *slimWorkload) GetObjectMeta() metav1.Object {
	return &metav1.ObjectMeta{Name: w.Name, Namespace: w.Namespace}
}

func toSlimWorkload(obj any) (any, error) {
	var (
		meta metav1.ObjectMeta
		spec corev1.PodSpec
		kind string
	)
	switch o := obj.(type) {
	case *appsv1.DaemonSet:
		meta, spec, kind = o.ObjectMeta, o.Spec.Template.Spec, "DaemonSet"
	case *appsv1.Deployment:
		meta, spec, kind = o.ObjectMeta, o.Spec.Template.Spec, "Deployment"
	default:
		return obj, nil
	}
	w := model.Workload{Kind: kind, Namespace: meta.Namespace, Name: meta.Name}
	if len(spec.Containers) > 0 {
		w.Image = spec.Containers[0].Image
		if kind == "DaemonSet" && meta.Name == "aws-node" {
			w.Env = cniSettings(spec.Containers[0].Env)
		}
	}
	return &slimWorkload{Workload: w}, nil
}

// slimOrTrim is the one transform of the typed informer factory: pods,
// nodes and workloads become slim structs, everything else is trimmed.
func slimOrTrim(obj any) (any, error) {
	switch o := obj.(type) {
	case *corev1.Pod:
		return toSlimPod(o)
	case *corev1.Node:
		return toSlimNode(o), nil
	case *appsv1.DaemonSet, *appsv1.Deployment:
		return toSlimWorkload(o)
	case cache.DeletedFinalStateUnknown:
		switch obj := o.Obj.(type) {
		case *corev1.Pod:
			return toSlimPod(o)
		case *corev1.Node:
			o.Obj = toSlimNode(obj)
		}
		return o, nil
	}
	return trimObject(obj)
}

// cniSettings keeps the VPC CNI environment variables that tune IP
// allocation, custom networking and pod ENIs: the settings Auto Mode does
// not let you change (facts sheet §6, networking).
func cniSettings(env []corev1.EnvVar) map[string]string {
	var out map[string]string
	for _, e := range env {
		if !strings.HasPrefix(e.Name, "WARM_") && !strings.HasPrefix(e.Name, "MINIMUM_IP") &&
			!strings.HasPrefix(e.Name, "AWS_VPC_") && !strings.HasPrefix(e.Name, "ENABLE_") {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[e.Name] = e.Value
	}
	return out
}
