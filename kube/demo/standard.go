package demo

import (
	"fmt"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	storagev1 "k8s.io/api/storage/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// StandardServed are the resources a standard EKS cluster with OSS
// Karpenter installed serves: Karpenter's own, and no eks.amazonaws.com.
var StandardServed = []string{
	"nodepools.karpenter.sh",
	"nodeclaims.karpenter.sh",
	"ec2nodeclasses.karpenter.k8s.aws",
}

// ecr is the EKS add-on registry of the demo's region.
const ecr = "602401143452.dkr.ecr.ap-northeast-1.amazonaws.com"

// addOn is an EKS add-on or controller that Auto Mode would run for you,
// as a standard cluster runs it: a workload with pods.
type addOn struct {
	kind, namespace, name, image string
}

var standardAddOns = []addOn{
	{"DaemonSet", "kube-system", "aws-node", ecr + "/amazon-k8s-cni:v1.20.4-eksbuild.1"},
	{"DaemonSet", "kube-system", "kube-proxy", ecr + "/eks/kube-proxy:v1.34.0-eksbuild.2"},
	{"DaemonSet", "kube-system", "eks-pod-identity-agent",
		ecr + "/eks/eks-pod-identity-agent:v0.1.33"},
	{"DaemonSet", "kube-system", "ebs-csi-node", ecr + "/eks/aws-ebs-csi-driver:v1.48.0"},
	{"Deployment", "kube-system", "coredns", ecr + "/eks/coredns:v1.12.3-eksbuild.1"},
	{"Deployment", "kube-system", "ebs-csi-controller", ecr + "/eks/aws-ebs-csi-driver:v1.48.0"},
	{"Deployment", "kube-system", "aws-load-balancer-controller",
		"public.ecr.aws/eks/aws-load-balancer-controller:v2.14.1"},
	{"Deployment", "karpenter", "karpenter", "public.ecr.aws/karpenter/controller:1.8.1"},
}

// Standard is the same workloads as AutoMode on standard EKS: managed node
// groups where the built-in pools would be, OSS Karpenter for the rest, and
// every add-on visible. One large node runs more pods than Auto Mode's
// limit of 110 would allow.
func Standard(now time.Time) []runtime.Object {
	now = now.Truncate(time.Second)
	day := 24 * time.Hour
	nodes := []struct {
		spec  nodeSpec
		group string // managed node group, or "" for OSS Karpenter
	}{
		{nodeSpec{"ip-10-0-11-21.ap-northeast-1.compute.internal", "c6g.large",
			"ap-northeast-1a", "on-demand", 20 * day}, "system"},
		{nodeSpec{"ip-10-0-12-22.ap-northeast-1.compute.internal", "c6g.large",
			"ap-northeast-1c", "on-demand", 20 * day}, "system"},
		{nodeSpec{"ip-10-0-21-31.ap-northeast-1.compute.internal", "m6i.large",
			"ap-northeast-1a", "on-demand", 6 * day}, "general"},
		{nodeSpec{"ip-10-0-22-32.ap-northeast-1.compute.internal", "c6i.xlarge",
			"ap-northeast-1c", "on-demand", 6 * day}, "general"},
		{nodeSpec{"ip-10-0-23-33.ap-northeast-1.compute.internal", "r6i.large",
			"ap-northeast-1d", "on-demand", 6 * day}, "general"},
		{nodeSpec{"ip-10-0-31-41.ap-northeast-1.compute.internal", "m5.24xlarge",
			"ap-northeast-1a", "on-demand", 2 * day}, "dense"},
		{nodeSpec{"ip-10-0-90-4.ap-northeast-1.compute.internal", "c5.xlarge",
			"ap-northeast-1d", "spot", 9 * time.Hour}, ""},
	}

	var objs []runtime.Object
	var names []string
	for _, n := range nodes {
		names = append(names, n.spec.name)
		if n.group == "" {
			objs = append(objs, karpenterNode(now, n.spec, "batch", "batch"),
				readyClaim(now, "batch-5xk8z", n.spec, "batch", "karpenter.k8s.aws",
					"EC2NodeClass", "batch"))
			continue
		}
		objs = append(objs, nodeGroupNode(now, n.spec, n.group))
	}
	objs = append(objs, batchPool(now)...)
	objs = append(objs, standardWorkloads(now, names)...)
	objs = append(objs,
		&storagev1.CSIDriver{
			TypeMeta:   metav1.TypeMeta{APIVersion: "storage.k8s.io/v1", Kind: "CSIDriver"},
			ObjectMeta: metav1.ObjectMeta{Name: "ebs.csi.aws.com"},
		},
		&networkingv1.IngressClass{
			TypeMeta:   metav1.TypeMeta{APIVersion: "networking.k8s.io/v1", Kind: "IngressClass"},
			ObjectMeta: metav1.ObjectMeta{Name: "alb"},
			Spec:       networkingv1.IngressClassSpec{Controller: "ingress.k8s.aws/alb"},
		},
	)
	return objs
}

// batchPool is the OSS Karpenter pool and EC2NodeClass both scenarios share.
func batchPool(now time.Time) []runtime.Object {
	var out []runtime.Object
	for _, o := range append(nodeClasses(now), nodePools(now)...) {
		if o.GetObjectKind().GroupVersionKind().Group == "karpenter.k8s.aws" ||
			nameOf(o) == "batch" {
			out = append(out, o)
		}
	}
	return out
}

func nameOf(o runtime.Object) string {
	if m, ok := o.(metav1.Object); ok {
		return m.GetName()
	}
	return ""
}

// standardWorkloads runs the add-ons and the same applications as the Auto
// Mode scenario; the dense node carries 130 small pods.
func standardWorkloads(now time.Time, nodes []string) []runtime.Object {
	var objs []runtime.Object
	for _, a := range standardAddOns {
		objs = append(objs, addOnWorkload(a))
		targets := nodes[:2]
		if a.kind == "DaemonSet" {
			targets = nodes
		}
		for i, node := range targets {
			owner, ownerKind := a.name, "DaemonSet"
			if a.kind == "Deployment" {
				owner, ownerKind = a.name+"-6f8d9c7b5", "ReplicaSet"
			}
			objs = append(objs, pod(now, podSpec{a.namespace,
				fmt.Sprintf("%s-%s", owner, hash(i, len(a.name))), node, ownerKind, owner,
				50, 64, a.image}))
		}
	}
	for i, node := range nodes[2:5] {
		for j, app := range []string{"web", "api"} {
			objs = append(objs, pod(now, podSpec{"shop", app + "-" + hash(i, j), node,
				"ReplicaSet", app + "-7c9f8d6b5", 400, 768, "registry.example.com/shop/" + app}))
		}
	}
	for i := range 130 {
		objs = append(objs, pod(now, podSpec{"batch", fmt.Sprintf("sidecar-job-%03d", i),
			nodes[5], "ReplicaSet", "sidecar-job-5b6c7d8e9", 100, 128,
			"registry.example.com/batch/job"}))
	}
	objs = append(objs, pod(now, podSpec{"data", "worker-58c7d9f6b-7tq2x", nodes[6],
		"ReplicaSet", "worker-58c7d9f6b", 3000, 4096, "registry.example.com/data/worker"}))
	return objs
}

func addOnWorkload(a addOn) runtime.Object {
	spec := corev1.PodTemplateSpec{Spec: corev1.PodSpec{
		Containers: []corev1.Container{{Name: a.name, Image: a.image}}}}
	meta := metav1.ObjectMeta{Namespace: a.namespace, Name: a.name}
	if a.kind == "DaemonSet" {
		return &appsv1.DaemonSet{
			TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "DaemonSet"},
			ObjectMeta: meta, Spec: appsv1.DaemonSetSpec{Template: spec},
		}
	}
	return &appsv1.Deployment{
		TypeMeta:   metav1.TypeMeta{APIVersion: "apps/v1", Kind: "Deployment"},
		ObjectMeta: meta, Spec: appsv1.DeploymentSpec{Template: spec},
	}
}
