package kube

import (
	"reflect"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/tools/cache"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// heavyMeta has what trimming drops beside an annotation it must keep.
func heavyMeta(name string) metav1.ObjectMeta {
	return metav1.ObjectMeta{
		Name:          name,
		Namespace:     "kube-system",
		Annotations:   map[string]string{lastApplied: `{"kind":"x"}`, "note": "keep me"},
		ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kubectl"}},
	}
}

func TestTrimObject(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		meta func(any) metav1.Object
	}{
		{"a typed node loses managedFields, last-applied and its images",
			&corev1.Node{ObjectMeta: heavyMeta("i-1"), Status: corev1.NodeStatus{
				Images: []corev1.ContainerImage{{Names: []string{"pause"}}}}},
			func(o any) metav1.Object { return o.(*corev1.Node) }},
		{"a typed ConfigMap loses managedFields and last-applied",
			&corev1.ConfigMap{ObjectMeta: heavyMeta("cm")},
			func(o any) metav1.Object { return o.(*corev1.ConfigMap) }},
		{"an unstructured NodePool loses managedFields and last-applied",
			fixture(t, "nodepool-gpu.yaml"),
			func(o any) metav1.Object { return o.(*unstructured.Unstructured) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := trimObject(tt.obj)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.obj {
				t.Fatalf("trimObject returned %T %p, want the same object", got, got)
			}
			m := tt.meta(got)
			if mf := m.GetManagedFields(); mf != nil {
				t.Errorf("managedFields = %v, want none", mf)
			}
			want := map[string]string{"note": "keep me"}
			if a := m.GetAnnotations(); !reflect.DeepEqual(a, want) {
				t.Errorf("annotations = %v, want %v", a, want)
			}
			if n, ok := got.(*corev1.Node); ok && n.Status.Images != nil {
				t.Errorf("node images = %v, want none", n.Status.Images)
			}
		})
	}
}

func TestTrimObjectLeavesTheRest(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want any
	}{
		{"an object without annotations is unchanged",
			&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "i-1"}},
			&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "i-1"}}},
		{"an unstructured object without metadata is unchanged",
			&unstructured.Unstructured{Object: map[string]any{"kind": "NodePool"}},
			&unstructured.Unstructured{Object: map[string]any{"kind": "NodePool"}}},
		{"what is not an object passes through", "tombstone", "tombstone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := trimObject(tt.obj)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("trimObject = %#v, %v; want %#v", got, err, tt.want)
			}
		})
	}
}

func podNamed(name, node string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: heavyMeta(name),
		Spec: corev1.PodSpec{NodeName: node,
			Containers: []corev1.Container{ctr("100m", "64Mi")}},
		Status: corev1.PodStatus{Phase: corev1.PodRunning},
	}
}

func slimOf(name, node string) *slimPod {
	return &slimPod{Pod: model.Pod{Namespace: "kube-system", Name: name, NodeName: node,
		Phase: "Running", Requests: model.Resources{CPUMillis: 100, MemoryBytes: 64 * mi}}}
}

func TestToSlimPod(t *testing.T) {
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "i-1"}}
	tests := []struct {
		name string
		obj  any
		want any
	}{
		{"a pod becomes a slim pod", podNamed("p", "i-1"), slimOf("p", "i-1")},
		{"a tombstone keeps its key and holds a slim pod",
			cache.DeletedFinalStateUnknown{Key: "kube-system/p", Obj: podNamed("p", "i-1")},
			cache.DeletedFinalStateUnknown{Key: "kube-system/p", Obj: slimOf("p", "i-1")}},
		{"a tombstone of something else passes through",
			cache.DeletedFinalStateUnknown{Key: "i-1", Obj: node},
			cache.DeletedFinalStateUnknown{Key: "i-1", Obj: node}},
		{"what is not a pod passes through", node, node},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := toSlimPod(tt.obj)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("toSlimPod = %#v, %v\nwant %#v", got, err, tt.want)
			}
		})
	}
}

func TestSlimObjectsHaveStoreKeys(t *testing.T) {
	tests := []struct {
		name string
		obj  any
		want string
	}{
		{"slim pod", slimOf("coredns-1", "i-1"), "kube-system/coredns-1"},
		{"slim workload", &slimWorkload{Workload: model.Workload{Kind: "DaemonSet",
			Namespace: "kube-system", Name: "aws-node"}}, "kube-system/aws-node"},
	}
	for _, tt := range tests {
		t.Run("a "+tt.name+" is keyed by namespace and name", func(t *testing.T) {
			key, err := cache.MetaNamespaceKeyFunc(tt.obj)
			if err != nil || key != tt.want {
				t.Errorf("key = %q, %v; want %q", key, err, tt.want)
			}
		})
	}
}

func TestSlimOrTrim(t *testing.T) {
	spec := func(images ...string) corev1.PodTemplateSpec {
		var cs []corev1.Container
		for _, im := range images {
			cs = append(cs, corev1.Container{Image: im})
		}
		return corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: cs}}
	}
	workload := func(kind, name, image string) *slimWorkload {
		return &slimWorkload{Workload: model.Workload{Kind: kind, Namespace: "kube-system",
			Name: name, Image: image}}
	}
	slimNodeOf := func(name string) *slimNode {
		// The kind and OS are read from the labels when the node is stored,
		// and the labels dropped.
		return &slimNode{Node: model.Node{Name: name, Kind: model.KindAuto, OS: "linux"}}
	}
	node := func(name string) *corev1.Node {
		meta := heavyMeta(name)
		meta.Namespace = ""
		meta.Labels = map[string]string{model.LabelComputeType: "auto", model.LabelOS: "linux"}
		return &corev1.Node{ObjectMeta: meta}
	}
	tests := []struct {
		name string
		obj  any
		want any
	}{
		{"a pod becomes a slim pod", podNamed("p", "i-1"), slimOf("p", "i-1")},
		{"a pod's tombstone holds a slim pod",
			cache.DeletedFinalStateUnknown{Key: "kube-system/p", Obj: podNamed("p", "")},
			cache.DeletedFinalStateUnknown{Key: "kube-system/p", Obj: slimOf("p", "")}},
		{"a DaemonSet keeps its first image",
			&appsv1.DaemonSet{ObjectMeta: heavyMeta("aws-node"),
				Spec: appsv1.DaemonSetSpec{Template: spec("cni:v1.19.2", "sidecar:v1")}},
			workload("DaemonSet", "aws-node", "cni:v1.19.2")},
		{"a Deployment keeps its first image",
			&appsv1.Deployment{ObjectMeta: heavyMeta("coredns"),
				Spec: appsv1.DeploymentSpec{Template: spec("coredns:v1.11.3")}},
			workload("Deployment", "coredns", "coredns:v1.11.3")},
		{"a Deployment with no containers has no image",
			&appsv1.Deployment{ObjectMeta: heavyMeta("empty")},
			workload("Deployment", "empty", "")},
		{"a node becomes a slim node", node("i-1"), slimNodeOf("i-1")},
		{"a node's tombstone holds a slim node",
			cache.DeletedFinalStateUnknown{Key: "i-1", Obj: node("i-1")},
			cache.DeletedFinalStateUnknown{Key: "i-1", Obj: slimNodeOf("i-1")}},
		{"a ConfigMap is trimmed", &corev1.ConfigMap{ObjectMeta: heavyMeta("cm")},
			&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "cm", Namespace: "kube-system",
				Annotations: map[string]string{"note": "keep me"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := slimOrTrim(tt.obj)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("slimOrTrim = %#v, %v\nwant %#v", got, err, tt.want)
			}
		})
	}
}
