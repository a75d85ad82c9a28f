package kube

import (
	"math"
	"reflect"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubectl-automode/kubectl-automode/model"
)

const mi = 1 << 20

// rl builds a ResourceList of CPU and memory, leaving out empty values.
func rl(cpu, mem string) corev1.ResourceList {
	l := corev1.ResourceList{}
	if cpu != "" {
		l[corev1.ResourceCPU] = resource.MustParse(cpu)
	}
	if mem != "" {
		l[corev1.ResourceMemory] = resource.MustParse(mem)
	}
	return l
}

func ctr(cpu, mem string) corev1.Container {
	return corev1.Container{Resources: corev1.ResourceRequirements{Requests: rl(cpu, mem)}}
}

func sidecar(cpu, mem string) corev1.Container {
	c := ctr(cpu, mem)
	always := corev1.ContainerRestartPolicyAlways
	c.RestartPolicy = &always
	return c
}

func TestPodFromAPIRequests(t *testing.T) {
	tests := []struct {
		name     string
		spec     corev1.PodSpec
		cpu, mem int64
	}{
		{"no requests is zero", corev1.PodSpec{Containers: []corev1.Container{{}}}, 0, 0},
		{"containers add up", corev1.PodSpec{Containers: []corev1.Container{
			ctr("100m", "128Mi"), ctr("200m", "256Mi")}}, 300, 384 * mi},
		{"the largest init container wins per resource when it is more",
			corev1.PodSpec{
				Containers:     []corev1.Container{ctr("100m", "64Mi")},
				InitContainers: []corev1.Container{ctr("500m", "32Mi"), ctr("200m", "1Gi")},
			}, 500, 1024 * mi},
		{"init containers smaller than the sum do not count",
			corev1.PodSpec{
				Containers:     []corev1.Container{ctr("300m", "300Mi"), ctr("300m", "300Mi")},
				InitContainers: []corev1.Container{ctr("500m", "500Mi")},
			}, 600, 600 * mi},
		{"overhead is added to the containers",
			corev1.PodSpec{Containers: []corev1.Container{ctr("100m", "64Mi")},
				Overhead: rl("250m", "120Mi")}, 350, 184 * mi},
		{"overhead is added to the init maximum",
			corev1.PodSpec{Containers: []corev1.Container{ctr("100m", "64Mi")},
				InitContainers: []corev1.Container{ctr("1", "1Gi")},
				Overhead:       rl("250m", "120Mi")}, 1250, 1144 * mi},
		{"sidecar init containers add to the sum",
			corev1.PodSpec{Containers: []corev1.Container{ctr("100m", "64Mi")},
				InitContainers: []corev1.Container{sidecar("50m", "32Mi")}}, 150, 96 * mi},
		{"sidecars add to the sum that an init container before them is compared with",
			corev1.PodSpec{Containers: []corev1.Container{ctr("100m", "64Mi")},
				InitContainers: []corev1.Container{ctr("180m", "100Mi"),
					sidecar("100m", "64Mi")}}, 200, 128 * mi},
		{"an init container after a sidecar runs beside it",
			corev1.PodSpec{Containers: []corev1.Container{ctr("100m", "64Mi")},
				InitContainers: []corev1.Container{sidecar("100m", "64Mi"),
					ctr("1", "1Gi")}}, 1100, 1088 * mi},
		{"pod-level requests replace the containers'",
			corev1.PodSpec{Containers: []corev1.Container{ctr("100m", "64Mi")},
				Resources: &corev1.ResourceRequirements{Requests: rl("2", "4Gi")}},
			2000, 4096 * mi},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := podFromAPI(&corev1.Pod{Spec: tt.spec}).Requests
			want := model.Resources{CPUMillis: tt.cpu, MemoryBytes: tt.mem}
			if got != want {
				t.Errorf("requests = %+v, want %+v", got, want)
			}
		})
	}
}

func TestPodFromAPIFields(t *testing.T) {
	yes, no := true, false
	owner := func(kind, name string, controller *bool) metav1.OwnerReference {
		return metav1.OwnerReference{APIVersion: "apps/v1", Kind: kind, Name: name,
			UID: types.UID("uid-" + name), Controller: controller}
	}
	tests := []struct {
		name             string
		owners           []metav1.OwnerReference
		wantKind, wantNm string
	}{
		{"the controller reference is the owner",
			[]metav1.OwnerReference{owner("ConfigMap", "cm", nil),
				owner("ReplicaSet", "coredns-5d78c9869d", &yes)},
			"ReplicaSet", "coredns-5d78c9869d"},
		{"references that are not the controller are ignored",
			[]metav1.OwnerReference{owner("DaemonSet", "aws-node", &no),
				owner("Node", "i-1", nil)}, "", ""},
		{"no owner", nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &corev1.Pod{
				ObjectMeta: metav1.ObjectMeta{Namespace: "kube-system", Name: "p-1",
					OwnerReferences: tt.owners},
				Spec:   corev1.PodSpec{NodeName: "i-1"},
				Status: corev1.PodStatus{Phase: corev1.PodRunning},
			}
			want := model.Pod{Namespace: "kube-system", Name: "p-1", NodeName: "i-1",
				Phase: "Running", OwnerKind: tt.wantKind, OwnerName: tt.wantNm}
			if got := podFromAPI(p); got != want {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestNodeFromAPI(t *testing.T) {
	created := metav1.NewTime(time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC))
	cond := func(typ corev1.NodeConditionType, s corev1.ConditionStatus) corev1.NodeCondition {
		return corev1.NodeCondition{Type: typ, Status: s}
	}
	tests := []struct {
		name  string
		conds []corev1.NodeCondition
		ready bool
	}{
		{"Ready=True is ready", []corev1.NodeCondition{
			cond(corev1.NodeMemoryPressure, corev1.ConditionFalse),
			cond(corev1.NodeReady, corev1.ConditionTrue)}, true},
		{"Ready=False is not ready", []corev1.NodeCondition{
			cond(corev1.NodeReady, corev1.ConditionFalse)}, false},
		{"Ready=Unknown is not ready", []corev1.NodeCondition{
			cond(corev1.NodeReady, corev1.ConditionUnknown)}, false},
		{"another condition that is True does not make it ready", []corev1.NodeCondition{
			cond("KernelReady", corev1.ConditionTrue),
			cond(corev1.NodeDiskPressure, corev1.ConditionTrue)}, false},
		{"no conditions is not ready", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			alloc := rl("1930m", "3388Mi")
			alloc[corev1.ResourcePods] = resource.MustParse("29")
			n := &corev1.Node{
				ObjectMeta: metav1.ObjectMeta{Name: "i-0aac5ee7a39c88fc9",
					CreationTimestamp: created,
					Labels:            map[string]string{model.LabelComputeType: "auto"}},
				Spec: corev1.NodeSpec{ProviderID: "aws:///us-west-2a/i-0aac5ee7a39c88fc9",
					Unschedulable: true},
				Status: corev1.NodeStatus{Conditions: tt.conds, Allocatable: alloc},
			}
			want := model.Node{
				Name:          "i-0aac5ee7a39c88fc9",
				Labels:        map[string]string{model.LabelComputeType: "auto"},
				Ready:         tt.ready,
				Unschedulable: true,
				Allocatable:   model.Resources{CPUMillis: 1930, MemoryBytes: 3388 * mi, Pods: 29},
				ProviderID:    "aws:///us-west-2a/i-0aac5ee7a39c88fc9",
				Created:       created.Time,
			}
			if got := nodeFromAPI(n); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestQuantityResourcesClampInsteadOfWrapping(t *testing.T) {
	tests := []struct {
		name           string
		in             map[string]string
		cpu, mem, pods int64
	}{
		{"ordinary values", map[string]string{"cpu": "1500m", "memory": "2Gi", "pods": "110"},
			1500, 2 << 30, 110},
		{"CPUs past 2^63 millicores read as the most there is",
			map[string]string{"cpu": "9223372036854775807"}, math.MaxInt64, 0, 0},
		{"memory past 2^63 bytes reads as the most there is",
			map[string]string{"memory": "100Ei"}, 0, math.MaxInt64, 0},
		{"a huge negative reads as the least there is",
			map[string]string{"pods": "-1e30"}, 0, 0, math.MinInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := quantityResources(tt.in)
			want := model.Resources{CPUMillis: tt.cpu, MemoryBytes: tt.mem, Pods: tt.pods}
			if got != want {
				t.Errorf("got %+v, want %+v", got, want)
			}
		})
	}
}
