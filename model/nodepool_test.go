package model_test

import (
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

var (
	autoRef = model.ObjectRef{Group: model.GroupAutoMode, Kind: model.KindNodeClass,
		Name: "default"}
	ec2Ref = model.ObjectRef{Group: model.GroupKarpenterAWS, Kind: model.KindEC2NodeClass,
		Name: "default"}
	eksLabels = map[string]string{model.LabelManagedBy: "eks"}
)

func TestClassifyPool(t *testing.T) {
	tests := []struct {
		name   string
		pool   string
		labels map[string]string
		ref    model.ObjectRef
		want   model.Origin
	}{
		{"system with the eks label and an Auto Mode NodeClass is built-in",
			"system", eksLabels, autoRef, model.OriginBuiltIn},
		{"general-purpose with the eks label and an Auto Mode NodeClass is built-in",
			"general-purpose", eksLabels, autoRef, model.OriginBuiltIn},
		{"built-in pools may point at a NodeClass other than default",
			"system", eksLabels, model.ObjectRef{Group: model.GroupAutoMode,
				Kind: model.KindNodeClass, Name: "other"}, model.OriginBuiltIn},
		{"system without the eks label is custom",
			"system", nil, autoRef, model.OriginCustom},
		{"system managed by someone else is custom",
			"system", map[string]string{model.LabelManagedBy: "Helm"}, autoRef,
			model.OriginCustom},
		{"managed-by=eks with another name is custom",
			"gpu", eksLabels, autoRef, model.OriginCustom},
		{"built-in names are case-sensitive",
			"System", eksLabels, autoRef, model.OriginCustom},
		{"a pool on an EC2NodeClass is karpenter",
			"default", nil, ec2Ref, model.OriginKarpenter},
		{"system with the eks label on an EC2NodeClass is karpenter, not built-in",
			"system", eksLabels, ec2Ref, model.OriginKarpenter},
		{"Auto Mode group with the EC2NodeClass kind is unknown",
			"system", eksLabels, model.ObjectRef{Group: model.GroupAutoMode,
				Kind: model.KindEC2NodeClass, Name: "default"}, model.OriginUnknown},
		{"karpenter.k8s.aws group with the NodeClass kind is unknown",
			"default", nil, model.ObjectRef{Group: model.GroupKarpenterAWS,
				Kind: model.KindNodeClass, Name: "default"}, model.OriginUnknown},
		{"another provider's NodeClass is unknown",
			"default", nil, model.ObjectRef{Group: "karpenter.azure.com",
				Kind: "AKSNodeClass", Name: "default"}, model.OriginUnknown},
		{"an empty ref is unknown", "general-purpose", eksLabels, model.ObjectRef{},
			model.OriginUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := model.ClassifyPool(tt.pool, tt.labels, tt.ref)
			if got != tt.want {
				t.Errorf("ClassifyPool(%q, %v, %+v) = %q, want %q",
					tt.pool, tt.labels, tt.ref, got, tt.want)
			}
		})
	}
}

func TestObjectRefKinds(t *testing.T) {
	tests := []struct {
		name     string
		ref      model.ObjectRef
		autoMode bool
		ec2      bool
	}{
		{"Auto Mode NodeClass", autoRef, true, false},
		{"OSS EC2NodeClass", ec2Ref, false, true},
		{"group right, kind wrong", model.ObjectRef{Group: model.GroupAutoMode,
			Kind: "EC2NodeClass"}, false, false},
		{"kind right, group wrong", model.ObjectRef{Group: model.GroupKarpenterAWS,
			Kind: "NodeClass"}, false, false},
		{"empty", model.ObjectRef{}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.ref.IsAutoModeNodeClass(); got != tt.autoMode {
				t.Errorf("IsAutoModeNodeClass() = %v, want %v", got, tt.autoMode)
			}
			if got := tt.ref.IsEC2NodeClass(); got != tt.ec2 {
				t.Errorf("IsEC2NodeClass() = %v, want %v", got, tt.ec2)
			}
		})
	}
}
