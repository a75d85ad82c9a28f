package kube

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestListProblem(t *testing.T) {
	claims := schema.GroupResource{Group: "karpenter.sh", Resource: "nodeclaims"}
	forbidden := apierrors.NewForbidden(claims, "",
		errors.New(`User "dev" cannot list resource "nodeclaims"`))
	tests := []struct {
		name, resource string
		err            error
		want           string
	}{
		{"forbidden names the resource and the RBAC rule to add", "nodeclaims.karpenter.sh",
			forbidden,
			`forbidden: cannot list nodeclaims.karpenter.sh (grant it with the rule ` +
				`apiGroups: ["karpenter.sh"], resources: ["nodeclaims"], ` +
				`verbs: ["get", "list", "watch"]; kubectl-automode rbac prints the whole role)`},
		{"forbidden on a core resource names the empty group", "nodes",
			apierrors.NewForbidden(schema.GroupResource{Resource: "nodes"}, "",
				errors.New("no")),
			`forbidden: cannot list nodes (grant it with the rule apiGroups: [""], ` +
				`resources: ["nodes"], verbs: ["get", "list", "watch"]; ` +
				`kubectl-automode rbac prints the whole role)`},
		{"a wrapped forbidden error is still forbidden", "nodeclaims.karpenter.sh",
			fmt.Errorf("listing: %w", forbidden),
			`forbidden: cannot list nodeclaims.karpenter.sh (grant it with the rule ` +
				`apiGroups: ["karpenter.sh"], resources: ["nodeclaims"], ` +
				`verbs: ["get", "list", "watch"]; kubectl-automode rbac prints the whole role)`},
		{"not found says the API server does not serve it", "ec2nodeclasses.karpenter.k8s.aws",
			apierrors.NewNotFound(schema.GroupResource{Group: "karpenter.k8s.aws",
				Resource: "ec2nodeclasses"}, ""),
			"ec2nodeclasses.karpenter.k8s.aws: not served by this API server"},
		{"another error is one line", "pods",
			errors.New("Get \"https://10.0.0.1/api/v1/pods\": dial tcp: connection refused\n" +
				"retrying in 1s\nand more"),
			`cannot list pods: Get "https://10.0.0.1/api/v1/pods": dial tcp: connection refused`},
		{"a server timeout is one line", "nodes",
			apierrors.NewTimeoutError("request did not complete", 5),
			"cannot list nodes: Timeout: request did not complete"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := listProblem(tt.resource, tt.err); got != tt.want {
				t.Errorf("listProblem(%q) =\n%q\nwant\n%q", tt.resource, got, tt.want)
			}
		})
	}
}

func TestAddObject(t *testing.T) {
	named := metav1.ObjectMeta{Name: "x"}
	ec2Class := fixture(t, "nodeclass-default.yaml")
	ec2Class.SetAPIVersion("karpenter.k8s.aws/v1")
	ec2Class.SetKind("EC2NodeClass")
	wantEC2Class := wantDefaultClass()
	wantEC2Class.Group, wantEC2Class.Kind = "karpenter.k8s.aws", "EC2NodeClass"
	wantEC2Class.BuiltIn = false
	other := &unstructured.Unstructured{}
	other.SetAPIVersion("karpenter.sh/v1")
	other.SetKind("NodeOverlay")
	tests := []struct {
		name string
		obj  any
		want model.Inputs
	}{
		{"a node is a node", &corev1.Node{ObjectMeta: named},
			model.Inputs{Nodes: []model.Node{{Name: "x"}}}},
		{"a slim pod is a pod", slimOf("p", "i-1"),
			model.Inputs{Pods: []*model.Pod{&slimOf("p", "i-1").Pod}}},
		{"a slim workload is evidence",
			&slimWorkload{Workload: model.Workload{Kind: "DaemonSet", Name: "aws-node"}},
			model.Inputs{Evidence: model.Evidence{Workloads: []model.Workload{
				{Kind: "DaemonSet", Name: "aws-node"}}}}},
		{"a CSIDriver is evidence by its name",
			&storagev1.CSIDriver{ObjectMeta: metav1.ObjectMeta{Name: "ebs.csi.aws.com"}},
			model.Inputs{Evidence: model.Evidence{CSIDrivers: []string{"ebs.csi.aws.com"}}}},
		{"a StorageClass is evidence by its provisioner",
			&storagev1.StorageClass{ObjectMeta: named,
				Provisioner: "ebs.csi.eks.amazonaws.com"},
			model.Inputs{Evidence: model.Evidence{
				StorageClassProvisioners: []string{"ebs.csi.eks.amazonaws.com"}}}},
		{"an IngressClass is evidence by its controller",
			&networkingv1.IngressClass{ObjectMeta: named,
				Spec: networkingv1.IngressClassSpec{Controller: "eks.amazonaws.com/alb"}},
			model.Inputs{Evidence: model.Evidence{
				IngressClassControllers: []string{"eks.amazonaws.com/alb"}}}},
		{"a NodePool is a NodePool", fixture(t, "nodepool-gpu.yaml"),
			model.Inputs{NodePools: []model.NodePool{wantGPUPool()}}},
		{"a NodeClaim is a NodeClaim", fixture(t, "nodeclaim-gpu.yaml"),
			model.Inputs{NodeClaims: []model.NodeClaim{wantGPUClaim()}}},
		{"a NodeClass is a NodeClass", fixture(t, "nodeclass-default.yaml"),
			model.Inputs{NodeClasses: []model.NodeClass{wantDefaultClass()}}},
		{"an EC2NodeClass is a NodeClass", ec2Class,
			model.Inputs{NodeClasses: []model.NodeClass{wantEC2Class}}},
		{"another karpenter.sh kind is ignored", other, model.Inputs{}},
		{"anything else is ignored", &corev1.ConfigMap{ObjectMeta: named}, model.Inputs{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in model.Inputs
			addObject(&in, tt.obj)
			if !reflect.DeepEqual(in, tt.want) {
				t.Errorf("inputs = %+v\nwant %+v", in, tt.want)
			}
		})
	}
}
