package model_test

import (
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// labels builds a label map from key, value pairs.
func labels(kv ...string) map[string]string {
	m := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func TestClassifyNode(t *testing.T) {
	tests := []struct {
		name   string
		labels map[string]string
		want   model.NodeKind
	}{
		{"compute-type auto is an Auto Mode node",
			labels(model.LabelComputeType, "auto"), model.KindAuto},
		{"compute-type auto wins over nodegroup and nodepool labels",
			labels(model.LabelComputeType, "auto", model.LabelNodeGroup, "ng-1",
				model.LabelNodePool, "general-purpose"), model.KindAuto},
		{"compute-type fargate wins over a nodegroup label",
			labels(model.LabelComputeType, "fargate", model.LabelNodeGroup, "ng-1"),
			model.KindFargate},
		{"compute-type hybrid wins over a nodepool label",
			labels(model.LabelComputeType, "hybrid", model.LabelNodePool, "np"),
			model.KindHybrid},
		{"nodegroup label beats the karpenter nodepool label",
			labels(model.LabelNodeGroup, "ng-1", model.LabelNodePool, "np"),
			model.KindManagedNodeGroup},
		{"nodegroup label counts even when empty",
			labels(model.LabelNodeGroup, ""), model.KindManagedNodeGroup},
		{"karpenter nodepool label alone is OSS Karpenter",
			labels(model.LabelNodePool, "default"), model.KindKarpenter},
		{"OSS Karpenter node with its EC2NodeClass label",
			labels(model.LabelNodePool, "default", model.LabelEC2NodeClass, "default"),
			model.KindKarpenter},
		{"unknown compute-type ec2 falls through to the nodegroup label",
			labels(model.LabelComputeType, "ec2", model.LabelNodeGroup, "ng-1"),
			model.KindManagedNodeGroup},
		{"unknown compute-type ec2 falls through to the nodepool label",
			labels(model.LabelComputeType, "ec2", model.LabelNodePool, "np"),
			model.KindKarpenter},
		{"unknown compute-type ec2 alone is self-managed",
			labels(model.LabelComputeType, "ec2"), model.KindSelfManaged},
		{"compute-type values are case-sensitive",
			labels(model.LabelComputeType, "Auto"), model.KindSelfManaged},
		{"eksctl unmanaged group label is self-managed",
			labels("alpha.eksctl.io/nodegroup-name", "ng"), model.KindSelfManaged},
		{"no labels is self-managed", nil, model.KindSelfManaged},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.ClassifyNode(tt.labels); got != tt.want {
				t.Errorf("ClassifyNode(%v) = %q, want %q", tt.labels, got, tt.want)
			}
		})
	}
}

func TestNodeKindBadge(t *testing.T) {
	tests := []struct {
		kind model.NodeKind
		want string
	}{
		{model.KindAuto, "auto"},
		{model.KindManagedNodeGroup, "mng"},
		{model.KindKarpenter, "karpenter"},
		{model.KindFargate, "fargate"},
		{model.KindHybrid, "hybrid"},
		{model.KindSelfManaged, "self"},
		{model.NodeKind(""), ""},
	}
	for _, tt := range tests {
		t.Run("badge of "+string(tt.kind), func(t *testing.T) {
			if got := tt.kind.Badge(); got != tt.want {
				t.Errorf("%q.Badge() = %q, want %q", tt.kind, got, tt.want)
			}
		})
	}
}

func TestPodLimit(t *testing.T) {
	tests := []struct {
		name        string
		kind        model.NodeKind
		allocatable int64
		want        int
	}{
		{"auto node above 110 is capped", model.KindAuto, 737, model.AutoModeMaxPods},
		{"auto node at exactly 110 keeps it", model.KindAuto, 110, 110},
		{"auto node below 110 keeps its ENI limit", model.KindAuto, 29, 29},
		{"auto node with 0 allocatable gets 110", model.KindAuto, 0, model.AutoModeMaxPods},
		{"managed node group passes through above 110", model.KindManagedNodeGroup, 234, 234},
		{"karpenter node passes through", model.KindKarpenter, 58, 58},
		{"self-managed with 0 allocatable stays unknown", model.KindSelfManaged, 0, 0},
		{"fargate passes through", model.KindFargate, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.PodLimit(tt.kind, tt.allocatable); got != tt.want {
				t.Errorf("PodLimit(%q, %d) = %d, want %d", tt.kind, tt.allocatable, got, tt.want)
			}
		})
	}
}

func TestCapacityTypeOf(t *testing.T) {
	tests := []struct {
		name   string
		labels map[string]string
		want   string
	}{
		{"karpenter label is read as is",
			labels(model.LabelCapacityType, "spot"), "spot"},
		{"karpenter label wins over the nodegroup label",
			labels(model.LabelCapacityType, "reserved", model.LabelMNGCapacity, "SPOT"),
			"reserved"},
		{"empty karpenter label falls back to the nodegroup label",
			labels(model.LabelCapacityType, "", model.LabelMNGCapacity, "SPOT"), "spot"},
		{"nodegroup ON_DEMAND is on-demand",
			labels(model.LabelMNGCapacity, "ON_DEMAND"), "on-demand"},
		{"nodegroup SPOT is spot", labels(model.LabelMNGCapacity, "SPOT"), "spot"},
		{"nodegroup CAPACITY_BLOCK is reserved",
			labels(model.LabelMNGCapacity, "CAPACITY_BLOCK"), "reserved"},
		{"unknown nodegroup value is unset",
			labels(model.LabelMNGCapacity, "on_demand"), ""},
		{"no label is unset", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.CapacityTypeOf(tt.labels); got != tt.want {
				t.Errorf("CapacityTypeOf(%v) = %q, want %q", tt.labels, got, tt.want)
			}
		})
	}
}

func TestInstanceTypeOf(t *testing.T) {
	tests := []struct {
		name   string
		labels map[string]string
		want   string
	}{
		{"GA label", labels(model.LabelInstanceType, "c6g.large"), "c6g.large"},
		{"GA label preferred over beta",
			labels(model.LabelInstanceType, "m5.large", model.LabelBetaInstanceType, "m4.large"),
			"m5.large"},
		{"beta label when GA is missing",
			labels(model.LabelBetaInstanceType, "m4.large"), "m4.large"},
		{"beta label when GA is empty",
			labels(model.LabelInstanceType, "", model.LabelBetaInstanceType, "t3.small"),
			"t3.small"},
		{"neither label", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.InstanceTypeOf(tt.labels); got != tt.want {
				t.Errorf("InstanceTypeOf(%v) = %q, want %q", tt.labels, got, tt.want)
			}
		})
	}
}

func TestNodeClassOf(t *testing.T) {
	tests := []struct {
		name   string
		labels map[string]string
		want   string
	}{
		{"Auto Mode NodeClass label", labels(model.LabelAutoNodeClass, "default"), "default"},
		{"EC2NodeClass label", labels(model.LabelEC2NodeClass, "oss"), "oss"},
		{"Auto Mode label preferred over EC2NodeClass",
			labels(model.LabelAutoNodeClass, "am", model.LabelEC2NodeClass, "oss"), "am"},
		{"no label", labels(model.LabelNodePool, "np"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := model.NodeClassOf(tt.labels); got != tt.want {
				t.Errorf("NodeClassOf(%v) = %q, want %q", tt.labels, got, tt.want)
			}
		})
	}
}

func TestResourcesAdd(t *testing.T) {
	tests := []struct {
		name string
		a, b model.Resources
		want model.Resources
	}{
		{"zero plus zero", model.Resources{}, model.Resources{}, model.Resources{}},
		{"every field adds",
			model.Resources{CPUMillis: 250, MemoryBytes: 1 << 20, Pods: 3},
			model.Resources{CPUMillis: 750, MemoryBytes: 3 << 20, Pods: 4},
			model.Resources{CPUMillis: 1000, MemoryBytes: 4 << 20, Pods: 7}},
		{"adding zero changes nothing",
			model.Resources{CPUMillis: 5, MemoryBytes: 6, Pods: 7}, model.Resources{},
			model.Resources{CPUMillis: 5, MemoryBytes: 6, Pods: 7}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Add(tt.b); got != tt.want {
				t.Errorf("%+v.Add(%+v) = %+v, want %+v", tt.a, tt.b, got, tt.want)
			}
			if got := tt.b.Add(tt.a); got != tt.want {
				t.Errorf("Add is not commutative: %+v.Add(%+v) = %+v", tt.b, tt.a, got)
			}
		})
	}
}
