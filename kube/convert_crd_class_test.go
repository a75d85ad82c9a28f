package kube

import (
	"reflect"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// wantGPUClaim is what nodeclaim-gpu.yaml reads as.
func wantGPUClaim() model.NodeClaim {
	return model.NodeClaim{
		Name:         "gpu-x7k2p",
		NodePool:     "gpu",
		NodeName:     "i-0aac5ee7a39c88fc9",
		InstanceType: "g5.xlarge",
		CapacityType: "spot",
		Zone:         "us-west-2b",
		NodeClassRef: model.ObjectRef{Group: "eks.amazonaws.com", Kind: "NodeClass",
			Name: "gpu-class"},
		Conditions: []model.Condition{
			{Type: "Launched", Status: "True", Reason: "Launched"},
			{Type: "Registered", Status: "Unknown", Reason: "NodeNotFound",
				Message: "Node not registered with cluster"},
		},
		ProviderID: "aws:///us-west-2b/i-0aac5ee7a39c88fc9",
		Created:    at("2026-07-01T11:00:00Z").Local(),
	}
}

func TestNodeClaimFromUnstructured(t *testing.T) {
	base := fixture(t, "nodeclaim-gpu.yaml")
	deleted := metav1.NewTime(at("2026-07-01T12:00:00Z"))
	tests := []struct {
		name   string
		change func(*unstructured.Unstructured)
		want   func(*model.NodeClaim)
	}{
		{"every field is read; the nodepool label wins over the owner",
			func(*unstructured.Unstructured) {}, func(*model.NodeClaim) {}},
		{"nodePool falls back to the NodePool owner reference",
			func(u *unstructured.Unstructured) { u.SetLabels(nil) },
			func(c *model.NodeClaim) {
				c.NodePool = "gpu-owner"
				c.InstanceType, c.CapacityType, c.Zone = "", "", ""
			}},
		{"an owner of another kind is not the pool",
			func(u *unstructured.Unstructured) {
				u.SetLabels(nil)
				u.SetOwnerReferences([]metav1.OwnerReference{{APIVersion: "apps/v1",
					Kind: "Deployment", Name: "gpu-owner", UID: "1"}})
			},
			func(c *model.NodeClaim) {
				c.NodePool, c.InstanceType, c.CapacityType, c.Zone = "", "", "", ""
			}},
		{"the beta instance-type label is read when the GA one is missing",
			func(u *unstructured.Unstructured) {
				u.SetLabels(map[string]string{model.LabelNodePool: "gpu",
					model.LabelBetaInstanceType: "g4dn.xlarge"})
			},
			func(c *model.NodeClaim) {
				c.InstanceType, c.CapacityType, c.Zone = "g4dn.xlarge", "", ""
			}},
		{"a deletion timestamp means deleting",
			func(u *unstructured.Unstructured) { u.SetDeletionTimestamp(&deleted) },
			func(c *model.NodeClaim) { c.Deleting = true }},
		{"a string where nodeClassRef is unsets the ref",
			func(u *unstructured.Unstructured) {
				u.Object["spec"] = map[string]any{"nodeClassRef": "gpu-class"}
			},
			func(c *model.NodeClaim) { c.NodeClassRef = model.ObjectRef{} }},
		{"a string where status is unsets what status holds",
			func(u *unstructured.Unstructured) { u.Object["status"] = "Ready" },
			func(c *model.NodeClaim) {
				c.NodeName, c.ProviderID, c.Conditions = "", "", []model.Condition{}
			}},
		{"a string where conditions are reads as none",
			func(u *unstructured.Unstructured) {
				u.Object["status"].(map[string]any)["conditions"] = "Launched"
			},
			func(c *model.NodeClaim) { c.Conditions = []model.Condition{} }},
		{"a string where ownerReferences are reads as no owner",
			func(u *unstructured.Unstructured) {
				u.SetLabels(nil)
				u.Object["metadata"].(map[string]any)["ownerReferences"] = "gpu-owner"
			},
			func(c *model.NodeClaim) {
				c.NodePool, c.InstanceType, c.CapacityType, c.Zone = "", "", "", ""
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := base.DeepCopy()
			tt.change(u)
			want := wantGPUClaim()
			tt.want(&want)
			if got := nodeClaimFromUnstructured(u); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

// wantDefaultClass is what nodeclass-default.yaml reads as.
func wantDefaultClass() model.NodeClass {
	return model.NodeClass{
		Name:                          "default",
		Group:                         "eks.amazonaws.com",
		Kind:                          "NodeClass",
		BuiltIn:                       true,
		Role:                          "eks-demo-auto-node",
		InstanceProfile:               "eks-us-west-2-demo-1234",
		Tags:                          map[string]string{"team": "platform"},
		SubnetSelectorTerms:           2,
		SecurityGroupSelectorTerms:    1,
		PodSubnetSelectorTerms:        1,
		PodSecurityGroupSelectorTerms: 1,
		EphemeralStorageSize:          "80Gi",
		Conditions: []model.Condition{{Type: "Ready", Status: "True", Reason: "Ready",
			LastTransitionTime: at("2026-06-01T08:01:00Z")}},
		Labels:  map[string]string{model.LabelManagedBy: "eks"},
		Created: at("2026-06-01T08:00:00Z").Local(),
	}
}

func TestNodeClassFromUnstructured(t *testing.T) {
	base := fixture(t, "nodeclass-default.yaml")
	spec := func(u *unstructured.Unstructured) map[string]any {
		return u.Object["spec"].(map[string]any)
	}
	tests := []struct {
		name   string
		change func(*unstructured.Unstructured)
		want   func(*model.NodeClass)
	}{
		{"the built-in NodeClass is read in full; instanceProfile comes from status",
			func(*unstructured.Unstructured) {}, func(*model.NodeClass) {}},
		{"instanceProfile in spec wins over status",
			func(u *unstructured.Unstructured) { spec(u)["instanceProfile"] = "mine" },
			func(c *model.NodeClass) { c.InstanceProfile = "mine" }},
		{"a NodeClass with another name is not built-in",
			func(u *unstructured.Unstructured) { u.SetName("custom") },
			func(c *model.NodeClass) { c.Name, c.BuiltIn = "custom", false }},
		{"a default NodeClass without the eks label is not built-in",
			func(u *unstructured.Unstructured) { u.SetLabels(nil) },
			func(c *model.NodeClass) { c.Labels, c.BuiltIn = nil, false }},
		{"an EC2NodeClass named default with the eks label is not built-in",
			func(u *unstructured.Unstructured) {
				u.SetAPIVersion("karpenter.k8s.aws/v1")
				u.SetKind("EC2NodeClass")
			},
			func(c *model.NodeClass) {
				c.Group, c.Kind, c.BuiltIn = "karpenter.k8s.aws", "EC2NodeClass", false
			}},
		{"a list where tags are reads as no tags",
			func(u *unstructured.Unstructured) { spec(u)["tags"] = []any{"team"} },
			func(c *model.NodeClass) { c.Tags = nil }},
		{"a map where selector terms are counts none",
			func(u *unstructured.Unstructured) {
				spec(u)["subnetSelectorTerms"] = map[string]any{"id": "subnet-0a1"}
				spec(u)["podSecurityGroupSelectorTerms"] = "sg-0d4"
			},
			func(c *model.NodeClass) {
				c.SubnetSelectorTerms, c.PodSecurityGroupSelectorTerms = 0, 0
			}},
		{"a string where ephemeralStorage is reads as no size",
			func(u *unstructured.Unstructured) { spec(u)["ephemeralStorage"] = "80Gi" },
			func(c *model.NodeClass) { c.EphemeralStorageSize = "" }},
		{"a map where status.instanceProfile is reads as none",
			func(u *unstructured.Unstructured) {
				u.Object["status"].(map[string]any)["instanceProfile"] = map[string]any{}
			},
			func(c *model.NodeClass) { c.InstanceProfile = "" }},
		{"a string where spec is unsets every spec field",
			func(u *unstructured.Unstructured) { u.Object["spec"] = "role" },
			func(c *model.NodeClass) {
				c.Role, c.Tags, c.EphemeralStorageSize = "", nil, ""
				c.SubnetSelectorTerms, c.SecurityGroupSelectorTerms = 0, 0
				c.PodSubnetSelectorTerms, c.PodSecurityGroupSelectorTerms = 0, 0
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := base.DeepCopy()
			tt.change(u)
			want := wantDefaultClass()
			tt.want(&want)
			if got := nodeClassFromUnstructured(u); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}
