package kube

import (
	"fmt"
	"runtime"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// realisticPod is a pod of the size an API server sends: labels,
// annotations, managed fields, two containers with env and probes, and a
// status with conditions.
func realisticPod(i int) *corev1.Pod {
	yes := true
	probe := &corev1.Probe{ProbeHandler: corev1.ProbeHandler{
		HTTPGet: &corev1.HTTPGetAction{Path: "/healthz"}}, PeriodSeconds: 10}
	container := func(name string) corev1.Container {
		return corev1.Container{
			Name:  name,
			Image: "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/shop/" + name + ":2.4.0",
			Env: []corev1.EnvVar{{Name: "LOG_LEVEL", Value: "info"},
				{Name: "REGION", Value: "ap-northeast-1"}, {Name: "POD_NAME", Value: "x"}},
			Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
				corev1.ResourceCPU:    resource.MustParse("250m"),
				corev1.ResourceMemory: resource.MustParse("256Mi"),
			}},
			LivenessProbe: probe, ReadinessProbe: probe,
			VolumeMounts: []corev1.VolumeMount{{Name: "token", MountPath: "/var/run/secrets"}},
		}
	}
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Name: fmt.Sprintf("web-7c9f8d6b5-%05d", i), Namespace: "shop",
			UID:    "2f8c7a3e-5b1d-4e6f-9a0b-1c2d3e4f5a6b",
			Labels: map[string]string{"app": "web", "pod-template-hash": "7c9f8d6b5"},
			Annotations: map[string]string{
				lastApplied: `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"}}`},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "apps/v1",
				Kind: "ReplicaSet", Name: "web-7c9f8d6b5", Controller: &yes}},
			ManagedFields: []metav1.ManagedFieldsEntry{{Manager: "kube-controller-manager",
				Operation: "Update", FieldsV1: &metav1.FieldsV1{Raw: make([]byte, 1500)}}},
		},
		Spec: corev1.PodSpec{
			NodeName:   "i-0a1c5e7a39c88fc91",
			Containers: []corev1.Container{container("web"), container("envoy")},
			Volumes: []corev1.Volume{{Name: "token", VolumeSource: corev1.VolumeSource{
				Projected: &corev1.ProjectedVolumeSource{}}}},
			Tolerations: []corev1.Toleration{{Key: "node.kubernetes.io/not-ready",
				Operator: "Exists", Effect: "NoExecute"}},
		},
		Status: corev1.PodStatus{
			Phase: corev1.PodRunning, PodIP: "10.0.1.23", HostIP: "10.0.1.5",
			Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: "True"},
				{Type: corev1.PodScheduled, Status: "True"},
				{Type: corev1.ContainersReady, Status: "True"}},
			ContainerStatuses: []corev1.ContainerStatus{{Name: "web", Ready: true,
				ImageID: "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}},
		},
	}
}

// heapAfterGC is the live heap once garbage is collected.
func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkRetainedPerPod reports what an informer keeps per pod: the full
// object, and the slim struct the transform leaves in its place.
func BenchmarkRetainedPerPod(b *testing.B) {
	const n = 5000
	for b.Loop() {
		base := heapAfterGC()
		full := make([]*corev1.Pod, n)
		for i := range full {
			full[i] = realisticPod(i)
		}
		fullBytes := heapAfterGC() - base

		slim := make([]any, n)
		for i := range slim {
			slim[i], _ = toSlimPod(full[i])
		}
		full = nil
		slimBytes := heapAfterGC() - base

		b.ReportMetric(float64(fullBytes)/n, "full-B/pod")
		b.ReportMetric(float64(slimBytes)/n, "slim-B/pod")
		runtime.KeepAlive(slim)
		runtime.KeepAlive(full)
	}
}

func TestSlimPodIsSmall(t *testing.T) {
	p, _ := toSlimPod(realisticPod(1))
	s := p.(*slimPod)
	if s.Name == "" || s.NodeName == "" || s.Requests.CPUMillis != 500 ||
		s.OwnerKind != "ReplicaSet" {
		t.Errorf("slim pod lost what the model needs: %+v", s.Pod)
	}
}
