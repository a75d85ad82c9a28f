package scalegen

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Namespaces are the namespaces generated pods live in.
func Namespaces() []string {
	out := []string{"monitoring", "logging", "kube-system"}
	for t := range AutoPools {
		out = append(out, teamNamespace(t))
	}
	return out
}

func teamNamespace(t int) string { return fmt.Sprintf("team-%02d", t) }

// Pod is pod j (0 <= j < PodsPerNode) of node index i, bound to that node:
// the first two belong to DaemonSets (the VPC CNI and kube-proxy on a
// managed node group's node, a log and a metrics agent elsewhere), the rest
// to ReplicaSets of the team Deployments. Each has the size of a real pod:
// labels, two containers with env, probes and requests, volumes and
// tolerations. Its status is what the kubelet would write (WithStatus).
func Pod(i, j int) *corev1.Pod {
	yes := true
	ns, owner, kind, app := podOwner(i, j)
	name := fmt.Sprintf("%s-%05x", owner, i*64+j)
	if kind == "ReplicaSet" {
		app = owner[:len(owner)-len("-7c9f8d6b5")]
	}
	image := func(c string) string {
		return fmt.Sprintf("123456789012.dkr.ecr.%s.amazonaws.com/%s/%s:2.4.%d", Region, ns,
			c, j%3)
	}
	probe := &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{
		Path: "/healthz", Port: intstr.FromInt32(8080)}}, PeriodSeconds: 10, TimeoutSeconds: 1,
		FailureThreshold: 3}
	cpu := int64(50 + 50*(j%5))
	container := func(c string, cpu int64) corev1.Container {
		return corev1.Container{
			Name: c, Image: image(c),
			Env: []corev1.EnvVar{{Name: "LOG_LEVEL", Value: "info"},
				{Name: "AWS_REGION", Value: Region}, {Name: "POD_NAME", ValueFrom: &corev1.EnvVarSource{
					FieldRef: &corev1.ObjectFieldSelector{FieldPath: "metadata.name"}}}},
			Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
				corev1.ResourceCPU:    *resource.NewMilliQuantity(cpu, resource.DecimalSI),
				corev1.ResourceMemory: *resource.NewQuantity(cpu<<21, resource.BinarySI),
			}},
			LivenessProbe: probe, ReadinessProbe: probe,
			VolumeMounts: []corev1.VolumeMount{{Name: "kube-api-access", ReadOnly: true,
				MountPath: "/var/run/secrets/kubernetes.io/serviceaccount"}},
			TerminationMessagePath:   "/dev/termination-log",
			TerminationMessagePolicy: "File", ImagePullPolicy: "IfNotPresent",
		}
	}
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Name: name, Namespace: ns,
			Labels: map[string]string{"app.kubernetes.io/name": app,
				"pod-template-hash": "7c9f8d6b5", "team": ns},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: kind,
				Name: owner, UID: types.UID(fmt.Sprintf("0e5ca1e0-0000-4000-8000-%012x", i%997)),
				Controller: &yes, BlockOwnerDeletion: &yes}},
		},
		Spec: corev1.PodSpec{
			NodeName:           NodeName(i),
			ServiceAccountName: "default",
			Containers:         []corev1.Container{container(app, cpu), container("envoy", 50)},
			Volumes: []corev1.Volume{{Name: "kube-api-access", VolumeSource: corev1.VolumeSource{
				Projected: &corev1.ProjectedVolumeSource{Sources: []corev1.VolumeProjection{{
					ServiceAccountToken: &corev1.ServiceAccountTokenProjection{
						Path: "token"}}}}}}},
			Tolerations: []corev1.Toleration{
				{Key: "node.kubernetes.io/not-ready", Operator: "Exists", Effect: "NoExecute"},
				{Key: "node.kubernetes.io/unreachable", Operator: "Exists", Effect: "NoExecute"},
			},
		},
	}
}

// podOwner names the namespace, owner, owner kind and app of pod j on
// node i.
func podOwner(i, j int) (ns, owner, kind, app string) {
	switch {
	case j == 0 && KindOf(i) == ManagedNodeGroup:
		return "kube-system", "aws-node", "DaemonSet", "aws-node"
	case j == 1 && KindOf(i) == ManagedNodeGroup:
		return "kube-system", "kube-proxy", "DaemonSet", "kube-proxy"
	case j == 0:
		return "logging", "fluent-bit", "DaemonSet", "fluent-bit"
	case j == 1:
		return "monitoring", "node-exporter", "DaemonSet", "node-exporter"
	}
	t := (i*7 + j) % AutoPools
	return teamNamespace(t), fmt.Sprintf("svc-%d-7c9f8d6b5", j%6), "ReplicaSet", ""
}

// WithStatus sets the status the kubelet writes for a running pod: the
// phase, IPs, conditions and container statuses, which make up much of
// what a LIST sends.
func WithStatus(p *corev1.Pod) *corev1.Pod {
	at := metav1.NewTime(Created)
	p.Status = corev1.PodStatus{
		Phase: corev1.PodRunning, PodIP: "10.0.12.34", HostIP: "10.0.1.5",
		PodIPs: []corev1.PodIP{{IP: "10.0.12.34"}}, HostIPs: []corev1.HostIP{{IP: "10.0.1.5"}},
		StartTime: &at, QOSClass: corev1.PodQOSBurstable,
		Conditions: []corev1.PodCondition{
			{Type: "PodReadyToStartContainers", Status: "True", LastTransitionTime: at},
			{Type: corev1.PodInitialized, Status: "True", LastTransitionTime: at},
			{Type: corev1.PodReady, Status: "True", LastTransitionTime: at},
			{Type: corev1.ContainersReady, Status: "True", LastTransitionTime: at},
			{Type: corev1.PodScheduled, Status: "True", LastTransitionTime: at},
		},
	}
	for _, c := range p.Spec.Containers {
		p.Status.ContainerStatuses = append(p.Status.ContainerStatuses, corev1.ContainerStatus{
			Name: c.Name, Ready: true, Started: new(true), Image: c.Image,
			ImageID: c.Image + "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef" +
				"0123456789abcdef",
			ContainerID: "containerd://0123456789abcdef0123456789abcdef0123456789abcdef" +
				"0123456789abcdef",
			State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: at}},
		})
	}
	return p
}
