package demo

import (
	"fmt"
	"strings"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Region is where the demo cluster runs.
const Region = "ap-northeast-1"

// shape is what the demo knows of an EC2 instance type.
type shape struct {
	cpu      int64 // vCPUs
	memMiB   int64
	arch     string
	maxPods  int64 // the ENI-based limit before Auto Mode's cap
	category string
}

var shapes = map[string]shape{
	"c6g.large":  {2, 4096, "arm64", 29, "c"},
	"m6i.large":  {2, 8192, "amd64", 29, "m"},
	"c6i.xlarge": {4, 8192, "amd64", 58, "c"},
	"r6i.large":  {2, 16384, "amd64", 29, "r"},
	"m5.large":   {2, 8192, "amd64", 29, "m"},
	"c5.xlarge":  {4, 8192, "amd64", 58, "c"},
	// A dense node: its ENI-based limit is far above Auto Mode's 110.
	"m5.24xlarge": {96, 393216, "amd64", 737, "m"},
}

// nodeSpec describes one demo node.
type nodeSpec struct {
	name, instanceType, zone, capacity string
	age                                time.Duration
}

// baseNode is a Ready node of the given shape with the labels every EC2
// node in the region carries.
func baseNode(now time.Time, s nodeSpec, labels map[string]string) *corev1.Node {
	sh := shapes[s.instanceType]
	all := map[string]string{
		"kubernetes.io/os":                 "linux",
		"kubernetes.io/arch":               sh.arch,
		"kubernetes.io/hostname":           s.name,
		"node.kubernetes.io/instance-type": s.instanceType,
		"topology.kubernetes.io/region":    Region,
		"topology.kubernetes.io/zone":      s.zone,
		"topology.k8s.aws/zone-id":         zoneID(s.zone),
	}
	for k, v := range labels {
		all[k] = v
	}
	allocatable := corev1.ResourceList{
		corev1.ResourceCPU:    *resource.NewMilliQuantity(sh.cpu*1000-80, resource.DecimalSI),
		corev1.ResourceMemory: *resource.NewQuantity((sh.memMiB-600)<<20, resource.BinarySI),
		corev1.ResourcePods:   *resource.NewQuantity(sh.maxPods, resource.DecimalSI),
	}
	return &corev1.Node{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Node"},
		ObjectMeta: metav1.ObjectMeta{
			Name:              s.name,
			Labels:            all,
			CreationTimestamp: metav1.NewTime(now.Add(-s.age)),
		},
		Spec: corev1.NodeSpec{ProviderID: fmt.Sprintf("aws:///%s/%s", s.zone, instanceID(s.name))},
		Status: corev1.NodeStatus{
			Capacity:    allocatable,
			Allocatable: allocatable,
			Conditions: []corev1.NodeCondition{{
				Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady",
				LastTransitionTime: metav1.NewTime(now.Add(-s.age).Add(40 * time.Second)),
			}},
		},
	}
}

// autoNode is a node Auto Mode launched for a NodePool: named after its
// instance ID, with the eks.amazonaws.com labels of the facts sheet §3a.
func autoNode(now time.Time, s nodeSpec, pool, nodeClass string) *corev1.Node {
	sh := shapes[s.instanceType]
	family, size, _ := strings.Cut(s.instanceType, ".")
	return baseNode(now, s, map[string]string{
		"eks.amazonaws.com/compute-type":          "auto",
		"eks.amazonaws.com/nodeclass":             nodeClass,
		"eks.amazonaws.com/instance-category":     sh.category,
		"eks.amazonaws.com/instance-family":       family,
		"eks.amazonaws.com/instance-generation":   family[len(family)-2 : len(family)-1],
		"eks.amazonaws.com/instance-size":         size,
		"eks.amazonaws.com/instance-cpu":          fmt.Sprint(sh.cpu),
		"eks.amazonaws.com/instance-memory":       fmt.Sprint(sh.memMiB),
		"karpenter.sh/nodepool":                   pool,
		"karpenter.sh/capacity-type":              s.capacity,
		"karpenter.sh/registered":                 "true",
		"karpenter.sh/initialized":                "true",
		"app.kubernetes.io/managed-by":            "eks",
		"topology.ebs.csi.eks.amazonaws.com/zone": s.zone,
	})
}

// nodeGroupNode is a node of an EKS managed node group.
func nodeGroupNode(now time.Time, s nodeSpec, group string) *corev1.Node {
	return baseNode(now, s, map[string]string{
		"eks.amazonaws.com/nodegroup":       group,
		"eks.amazonaws.com/nodegroup-image": "ami-0b7c3d3f1a2e4c5d6",
		"eks.amazonaws.com/capacityType":    "ON_DEMAND",
	})
}

// karpenterNode is a node OSS Karpenter launched from an EC2NodeClass.
func karpenterNode(now time.Time, s nodeSpec, pool, nodeClass string) *corev1.Node {
	return baseNode(now, s, map[string]string{
		"karpenter.sh/nodepool":          pool,
		"karpenter.sh/capacity-type":     s.capacity,
		"karpenter.sh/registered":        "true",
		"karpenter.sh/initialized":       "true",
		"karpenter.k8s.aws/ec2nodeclass": nodeClass,
	})
}

func zoneID(zone string) string {
	return "apne1-az" + map[byte]string{'a': "4", 'c': "1", 'd': "2"}[zone[len(zone)-1]]
}

// instanceID is the EC2 instance behind a node: Auto Mode names nodes after
// it; other nodes are named for their private IP and get a made-up ID.
func instanceID(node string) string {
	if strings.HasPrefix(node, "i-") {
		return node
	}
	sum := 0
	for _, c := range node {
		sum = sum*31 + int(c)
	}
	return fmt.Sprintf("i-%017x", uint64(sum)&0xfffffffffffff)
}

// podSpec describes a demo pod.
type podSpec struct {
	namespace, name, node string
	ownerKind, ownerName  string
	cpuMillis, memMiB     int64
	image                 string
}

func pod(now time.Time, s podSpec) *corev1.Pod {
	p := &corev1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{
			Namespace:         s.namespace,
			Name:              s.name,
			CreationTimestamp: metav1.NewTime(now.Add(-2 * time.Hour)),
		},
		Spec: corev1.PodSpec{
			NodeName: s.node,
			Containers: []corev1.Container{{
				Name:  "main",
				Image: s.image,
				Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
					corev1.ResourceCPU:    *resource.NewMilliQuantity(s.cpuMillis, resource.DecimalSI),
					corev1.ResourceMemory: *resource.NewQuantity(s.memMiB<<20, resource.BinarySI),
				}},
			}},
		},
		Status: corev1.PodStatus{Phase: corev1.PodRunning},
	}
	if s.ownerKind != "" {
		yes := true
		p.OwnerReferences = []metav1.OwnerReference{{
			APIVersion: "apps/v1", Kind: s.ownerKind, Name: s.ownerName, Controller: &yes,
		}}
	}
	return p
}

func deployment(namespace, name, image string) *appsv1.Deployment {
	return &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: metav1.ObjectMeta{Namespace: namespace, Name: name},
		Spec: appsv1.DeploymentSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{
			Containers: []corev1.Container{{Name: name, Image: image}},
		}}},
	}
}

// object wraps a custom resource's content as an unstructured object.
func object(apiVersion, kind, name string, labels map[string]string, created time.Time,
	body map[string]any) *unstructured.Unstructured {
	u := &unstructured.Unstructured{Object: body}
	u.SetAPIVersion(apiVersion)
	u.SetKind(kind)
	u.SetName(name)
	u.SetCreationTimestamp(metav1.NewTime(created))
	if len(labels) > 0 {
		u.SetLabels(labels)
	}
	return u
}

func condition(typ, status, reason, message string, at time.Time) map[string]any {
	return map[string]any{
		"type": typ, "status": status, "reason": reason, "message": message,
		"lastTransitionTime": at.UTC().Format(time.RFC3339),
	}
}
