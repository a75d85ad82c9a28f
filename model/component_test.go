package model_test

import (
	"slices"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// componentNames are the components of the facts sheet §5, in the order
// DetectComponents reports them.
var componentNames = []string{
	"karpenter", "aws-load-balancer-controller", "ebs-csi-driver", "vpc-cni",
	"kube-proxy", "coredns", "eks-pod-identity-agent", "eks-node-monitoring-agent",
}

func component(t *testing.T, cs []model.Component, name string) model.Component {
	t.Helper()
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no component %q in %+v", name, cs)
	return model.Component{}
}

const (
	cniImage = "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1"
	ossImage = "public.ecr.aws/karpenter/controller:1.14.0@sha256:0123abcd"
)

func TestDetectComponents(t *testing.T) {
	tests := []struct {
		name      string
		ev        model.Evidence
		pods      []*model.Pod
		autoMode  bool
		component string
		want      model.Component
	}{
		{"DaemonSet workload is self-managed with the version of its image",
			model.Evidence{Workloads: []model.Workload{{Kind: "DaemonSet",
				Namespace: "kube-system", Name: "aws-node", Image: cniImage}}},
			nil, false, "vpc-cni",
			model.Component{Name: "vpc-cni", State: model.StateSelfManaged,
				Version:  "v1.19.2-eksbuild.1",
				Evidence: []string{"daemonset kube-system/aws-node runs " + cniImage}}},
		{"the first workload name is the version source",
			model.Evidence{Workloads: []model.Workload{
				{Kind: "DaemonSet", Namespace: "kube-system", Name: "ebs-csi-node",
					Image: "ebs:v1.0.0"},
				{Kind: "Deployment", Namespace: "kube-system", Name: "ebs-csi-controller",
					Image: "ebs:v1.1.0"}}},
			nil, false, "ebs-csi-driver",
			model.Component{Name: "ebs-csi-driver", State: model.StateSelfManaged,
				Version: "v1.1.0", Evidence: []string{
					"deployment kube-system/ebs-csi-controller runs ebs:v1.1.0"}}},
		{"a workload with no image says so",
			model.Evidence{Workloads: []model.Workload{{Kind: "Deployment",
				Namespace: "kube-system", Name: "coredns"}}},
			nil, false, "coredns",
			model.Component{Name: "coredns", State: model.StateSelfManaged,
				Evidence: []string{"deployment kube-system/coredns runs no image"}}},
		{"a pod owned by the DaemonSet is self-managed",
			model.Evidence{}, []*model.Pod{{Namespace: "kube-system", Name: "kube-proxy-x7k2p",
				OwnerKind: "DaemonSet", OwnerName: "kube-proxy"}}, false, "kube-proxy",
			model.Component{Name: "kube-proxy", State: model.StateSelfManaged,
				Evidence: []string{"pod kube-system/kube-proxy-x7k2p"}}},
		{"a pod owned by the Deployment's ReplicaSet is self-managed",
			model.Evidence{}, []*model.Pod{{Namespace: "kube-system",
				Name: "coredns-5d78c9869d-abcde", OwnerKind: "ReplicaSet",
				OwnerName: "coredns-5d78c9869d"}}, false, "coredns",
			model.Component{Name: "coredns", State: model.StateSelfManaged,
				Evidence: []string{"pod kube-system/coredns-5d78c9869d-abcde"}}},
		{"a ReplicaSet of a longer-named Deployment does not count",
			model.Evidence{}, []*model.Pod{{Namespace: "kube-system",
				Name: "coredns-autoscaler-6f7d9-zz", OwnerKind: "ReplicaSet",
				OwnerName: "coredns-autoscaler-6f7d9"}}, false, "coredns",
			model.Component{Name: "coredns", State: model.StateAbsent,
				Evidence: []string{"no workload, pod or registration found"}}},
		{"a DaemonSet's name is not cut at its last dash",
			model.Evidence{}, []*model.Pod{{Namespace: "kube-system", Name: "aws-node-x-1",
				OwnerKind: "DaemonSet", OwnerName: "aws-node-x"}}, false, "vpc-cni",
			model.Component{Name: "vpc-cni", State: model.StateAbsent,
				Evidence: []string{"no workload, pod or registration found"}}},
		{"the EBS add-on's CSIDriver makes it self-managed",
			model.Evidence{CSIDrivers: []string{"ebs.csi.aws.com"}}, nil, false,
			"ebs-csi-driver",
			model.Component{Name: "ebs-csi-driver", State: model.StateSelfManaged,
				Evidence: []string{"csidriver ebs.csi.aws.com"}}},
		{"the OSS ALB IngressClass makes it self-managed beside Auto Mode",
			model.Evidence{IngressClassControllers: []string{"ingress.k8s.aws/alb"}}, nil,
			true, "aws-load-balancer-controller",
			model.Component{Name: "aws-load-balancer-controller",
				State: model.StateSelfManaged, AutoMode: true,
				Evidence: []string{"ingressclass ingress.k8s.aws/alb"}}},
		{"Auto Mode's EBS CSIDriver and StorageClass make it built-in",
			model.Evidence{CSIDrivers: []string{"ebs.csi.eks.amazonaws.com"},
				StorageClassProvisioners: []string{"ebs.csi.eks.amazonaws.com"}},
			nil, false, "ebs-csi-driver",
			model.Component{Name: "ebs-csi-driver", State: model.StateBuiltIn, AutoMode: true,
				Evidence: []string{"csidriver ebs.csi.eks.amazonaws.com",
					"storageclass ebs.csi.eks.amazonaws.com"}}},
		{"Auto Mode's ALB IngressClass makes it built-in",
			model.Evidence{IngressClassControllers: []string{"eks.amazonaws.com/alb"}}, nil,
			false, "aws-load-balancer-controller",
			model.Component{Name: "aws-load-balancer-controller", State: model.StateBuiltIn,
				AutoMode: true, Evidence: []string{"ingressclass eks.amazonaws.com/alb"}}},
		{"Auto Mode's CNINode resource makes the CNI built-in",
			model.Evidence{APIResources: []string{"cninodes.eks.amazonaws.com"}}, nil,
			false, "vpc-cni",
			model.Component{Name: "vpc-cni", State: model.StateBuiltIn, AutoMode: true,
				Evidence: []string{"api cninodes.eks.amazonaws.com"}}},
		{"the vpcresources CNINode is not an Auto Mode marker",
			model.Evidence{APIResources: []string{"cninodes.vpcresources.k8s.aws"}}, nil,
			false, "vpc-cni",
			model.Component{Name: "vpc-cni", State: model.StateAbsent,
				Evidence: []string{"no workload, pod or registration found"}}},
		{"OSS Karpenter beside Auto Mode is self-managed and Auto Mode",
			model.Evidence{
				APIResources: []string{"nodeclasses.eks.amazonaws.com"},
				Workloads: []model.Workload{{Kind: "Deployment", Namespace: "karpenter",
					Name: "karpenter", Image: ossImage}}},
			nil, true, "karpenter",
			model.Component{Name: "karpenter", State: model.StateSelfManaged,
				Version: "1.14.0", AutoMode: true, Evidence: []string{
					"deployment karpenter/karpenter runs " + ossImage,
					"api nodeclasses.eks.amazonaws.com"}}},
		{"a component with no workload on an Auto Mode cluster is built-in",
			model.Evidence{}, nil, true, "eks-pod-identity-agent",
			model.Component{Name: "eks-pod-identity-agent", State: model.StateBuiltIn,
				AutoMode: true,
				Evidence: []string{"Auto Mode nodes present, no pods of it visible"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := component(t, model.DetectComponents(tt.ev, tt.pods, tt.autoMode),
				tt.component)
			if got.State != tt.want.State || got.Version != tt.want.Version ||
				got.AutoMode != tt.want.AutoMode || !slices.Equal(got.Evidence, tt.want.Evidence) {
				t.Errorf("component = %+v\nwant        %+v", got, tt.want)
			}
		})
	}
}

func TestDetectComponentsWholeCluster(t *testing.T) {
	tests := []struct {
		name     string
		autoMode bool
		want     model.ComponentState
	}{
		{"every component is built-in on an Auto Mode cluster with no workloads",
			true, model.StateBuiltIn},
		{"every component is absent on a standard cluster with nothing", false,
			model.StateAbsent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := model.DetectComponents(model.Evidence{}, nil, tt.autoMode)
			var names []string
			for _, c := range got {
				names = append(names, c.Name)
				if c.State != tt.want || c.AutoMode != tt.autoMode || c.Version != "" {
					t.Errorf("%s = %+v, want state %q and AutoMode %v", c.Name, c, tt.want,
						tt.autoMode)
				}
			}
			if !slices.Equal(names, componentNames) {
				t.Errorf("components = %v, want %v", names, componentNames)
			}
		})
	}
}

func TestDetectComponentsEvidenceNeverEmpty(t *testing.T) {
	evidences := map[string]model.Evidence{
		"nothing": {},
		"Auto Mode markers": {APIResources: []string{"nodeclasses.eks.amazonaws.com",
			"cninodes.eks.amazonaws.com"}, CSIDrivers: []string{"ebs.csi.eks.amazonaws.com"}},
		"self-managed markers": {CSIDrivers: []string{"ebs.csi.aws.com"},
			IngressClassControllers: []string{"ingress.k8s.aws/alb"}},
		"workloads": {Workloads: []model.Workload{{Kind: "DaemonSet", Name: "aws-node"},
			{Kind: "Deployment", Name: "karpenter"}}},
	}
	pods := []*model.Pod{{Namespace: "kube-system", Name: "coredns-1-a",
		OwnerKind: "ReplicaSet", OwnerName: "coredns-1"}}
	for name, ev := range evidences {
		for _, autoMode := range []bool{false, true} {
			for _, c := range model.DetectComponents(ev, pods, autoMode) {
				if len(c.Evidence) == 0 || slices.Contains(c.Evidence, "") {
					t.Errorf("%s, autoMode %v: %s has empty evidence %q", name, autoMode,
						c.Name, c.Evidence)
				}
			}
		}
	}
}

func TestImageVersion(t *testing.T) {
	tests := []struct {
		name, image, want string
	}{
		{"tag", "amazon-k8s-cni:v1.19.2-eksbuild.1", "v1.19.2-eksbuild.1"},
		{"tag on a full ECR path", cniImage, "v1.19.2-eksbuild.1"},
		{"registry with a port and a tag", "registry.local:5000/team/coredns:1.11.3",
			"1.11.3"},
		{"registry with a port and no tag", "registry.local:5000/team/coredns", ""},
		{"digest only", "public.ecr.aws/karpenter/controller@sha256:deadbeef",
			"sha256:deadbeef"},
		{"tag and digest gives the tag", ossImage, "1.14.0"},
		{"no tag and no digest", "docker.io/library/nginx", ""},
		{"a bare name", "nginx", ""},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.ImageVersion(tt.image); got != tt.want {
				t.Errorf("ImageVersion(%q) = %q, want %q", tt.image, got, tt.want)
			}
		})
	}
}

// TestDetectComponentsWithRefusedReads checks that a component is unknown,
// never absent or built-in, when the lists that could have shown a copy of
// it were refused, and keeps the state that something seen proves.
func TestDetectComponentsWithRefusedReads(t *testing.T) {
	workloadsRefused := []string{model.ResourceDaemonSets, model.ResourceDeployments}
	tests := []struct {
		name      string
		ev        model.Evidence
		pods      []*model.Pod
		autoMode  bool
		component string
		want      model.Component
	}{
		{"refused workloads make a component with nothing seen unknown",
			model.Evidence{Refused: workloadsRefused}, nil, false, "coredns",
			model.Component{Name: "coredns", State: model.StateUnknown, Evidence: []string{
				"forbidden: cannot list daemonsets.apps, deployments.apps"}}},
		{"one refused workload list is enough, and names only itself",
			model.Evidence{Refused: []string{model.ResourceDaemonSets}}, nil, false,
			"kube-proxy",
			model.Component{Name: "kube-proxy", State: model.StateUnknown, Evidence: []string{
				"forbidden: cannot list daemonsets.apps"}}},
		{"on an Auto Mode cluster the component is unknown but still Auto Mode's",
			model.Evidence{Refused: workloadsRefused}, nil, true, "eks-pod-identity-agent",
			model.Component{Name: "eks-pod-identity-agent", State: model.StateUnknown,
				AutoMode: true, Evidence: []string{
					"forbidden: cannot list daemonsets.apps, deployments.apps",
					"Auto Mode runs it for its own nodes; whether a copy of your own runs " +
						"too cannot be seen"}}},
		{"a pod seen proves a self-managed copy though workloads were refused",
			model.Evidence{Refused: workloadsRefused},
			[]*model.Pod{{Namespace: "kube-system", Name: "coredns-1-a",
				OwnerKind: "ReplicaSet", OwnerName: "coredns-1"}}, false, "coredns",
			model.Component{Name: "coredns", State: model.StateSelfManaged,
				Evidence: []string{"pod kube-system/coredns-1-a"}}},
		{"readable pods do not decide absence: a workload may have none",
			model.Evidence{Refused: []string{model.ResourceDeployments}}, nil, false,
			"karpenter",
			model.Component{Name: "karpenter", State: model.StateUnknown, Evidence: []string{
				"forbidden: cannot list deployments.apps"}}},
		{"a refused marker list leaves a component without a workload unknown",
			model.Evidence{Refused: []string{model.ResourceCSIDrivers}}, nil, false,
			"ebs-csi-driver",
			model.Component{Name: "ebs-csi-driver", State: model.StateUnknown,
				Evidence: []string{"forbidden: cannot list csidrivers.storage.k8s.io"}}},
		{"an Auto Mode marker seen stays as evidence of an unknown component",
			model.Evidence{Refused: []string{model.ResourceCSIDrivers},
				StorageClassProvisioners: []string{"ebs.csi.eks.amazonaws.com"}}, nil, false,
			"ebs-csi-driver",
			model.Component{Name: "ebs-csi-driver", State: model.StateUnknown, AutoMode: true,
				Evidence: []string{"forbidden: cannot list csidrivers.storage.k8s.io",
					"Auto Mode runs it for its own nodes; whether a copy of your own runs " +
						"too cannot be seen",
					"storageclass ebs.csi.eks.amazonaws.com"}}},
		{"refused Auto Mode markers do not matter once Auto Mode is known",
			model.Evidence{Refused: []string{model.ResourceStorageClasses},
				Workloads: []model.Workload{{Kind: "DaemonSet", Name: "other"}}}, nil, true,
			"ebs-csi-driver",
			model.Component{Name: "ebs-csi-driver", State: model.StateBuiltIn, AutoMode: true,
				Evidence: []string{"Auto Mode nodes present, no pods of it visible"}}},
		{"a refusal no rule reads changes nothing",
			model.Evidence{Refused: []string{"nodeclaims.karpenter.sh", "pods"}}, nil, false,
			"vpc-cni",
			model.Component{Name: "vpc-cni", State: model.StateAbsent,
				Evidence: []string{"no workload, pod or registration found"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := component(t, model.DetectComponents(tt.ev, tt.pods, tt.autoMode),
				tt.component)
			if got.State != tt.want.State || got.Version != tt.want.Version ||
				got.AutoMode != tt.want.AutoMode || !slices.Equal(got.Evidence, tt.want.Evidence) {
				t.Errorf("component = %+v\nwant        %+v", got, tt.want)
			}
		})
	}
}

// TestRefusedWorkloadsLeaveNoComponentAbsent runs every component through
// a user refused the workload lists: none may read absent or built-in.
func TestRefusedWorkloadsLeaveNoComponentAbsent(t *testing.T) {
	ev := model.Evidence{Refused: []string{model.ResourceDaemonSets,
		model.ResourceDeployments, model.ResourceCSIDrivers, model.ResourceStorageClasses,
		model.ResourceIngressClasses}}
	for _, autoMode := range []bool{false, true} {
		for _, c := range model.DetectComponents(ev, nil, autoMode) {
			if c.State != model.StateUnknown || c.AutoMode != autoMode {
				t.Errorf("autoMode %v: %s = %+v, want unknown", autoMode, c.Name, c)
			}
		}
	}
}
