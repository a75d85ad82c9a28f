package kube

import (
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// The readers below never trust the shape of a custom resource: another
// Karpenter version may add, drop or retype any field. A field of the wrong
// type reads as unset, never as a panic.

func field(obj map[string]any, path ...string) any {
	v, found, err := unstructured.NestedFieldNoCopy(obj, path...)
	if err != nil || !found {
		return nil
	}
	return v
}

// str reads a string field. A number or bool where the schema says string
// reads as unset: "5" is no consolidation policy a reader should trust.
func str(obj map[string]any, path ...string) string {
	s, _ := field(obj, path...).(string)
	return s
}

func integer(obj map[string]any, path ...string) int {
	switch v := field(obj, path...).(type) {
	case int64:
		return int(v)
	case float64:
		return int(v)
	}
	return 0
}

func list(obj map[string]any, path ...string) []map[string]any {
	items, _ := field(obj, path...).([]any)
	out := make([]map[string]any, 0, len(items))
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func stringMap(obj map[string]any, path ...string) map[string]string {
	m, _ := field(obj, path...).(map[string]any)
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		switch v := v.(type) {
		case string:
			out[k] = v
		case int64, float64, bool:
			out[k] = fmt.Sprint(v)
		}
	}
	return out
}

func stringList(obj map[string]any, path ...string) []string {
	items, _ := field(obj, path...).([]any)
	var out []string
	for _, it := range items {
		if s, ok := it.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func timestamp(obj map[string]any, path ...string) time.Time {
	t, err := time.Parse(time.RFC3339, str(obj, path...))
	if err != nil {
		return time.Time{}
	}
	return t
}

func conditionsOf(obj map[string]any) []model.Condition {
	raw := list(obj, "status", "conditions")
	out := make([]model.Condition, 0, len(raw))
	for _, c := range raw {
		out = append(out, model.Condition{
			Type:               str(c, "type"),
			Status:             str(c, "status"),
			Reason:             str(c, "reason"),
			Message:            str(c, "message"),
			LastTransitionTime: timestamp(c, "lastTransitionTime"),
		})
	}
	return out
}

func refOf(obj map[string]any, path ...string) model.ObjectRef {
	m, _ := field(obj, path...).(map[string]any)
	return model.ObjectRef{Group: str(m, "group"), Kind: str(m, "kind"), Name: str(m, "name")}
}

// nodePoolFromUnstructured reads a karpenter.sh NodePool.
func nodePoolFromUnstructured(u *unstructured.Unstructured) model.NodePool {
	o := u.Object
	tmpl := []string{"spec", "template", "spec"}
	p := model.NodePool{
		Name:                   u.GetName(),
		Labels:                 u.GetLabels(),
		Created:                u.GetCreationTimestamp().Time,
		NodeClassRef:           refOf(o, append(tmpl, "nodeClassRef")...),
		Conditions:             conditionsOf(o),
		TemplateLabels:         stringMap(o, "spec", "template", "metadata", "labels"),
		Weight:                 integer(o, "spec", "weight"),
		ExpireAfter:            str(o, append(tmpl, "expireAfter")...),
		TerminationGracePeriod: str(o, append(tmpl, "terminationGracePeriod")...),
		ConsolidationPolicy:    str(o, "spec", "disruption", "consolidationPolicy"),
		ConsolidateAfter:       str(o, "spec", "disruption", "consolidateAfter"),
		Limits:                 quantityResources(stringMap(o, "spec", "limits")),
		InUse:                  quantityResources(stringMap(o, "status", "resources")),
	}
	for _, r := range list(o, append(tmpl, "requirements")...) {
		p.Requirements = append(p.Requirements, model.Requirement{
			Key:       str(r, "key"),
			Operator:  str(r, "operator"),
			Values:    stringList(r, "values"),
			MinValues: integer(r, "minValues"),
		})
	}
	for _, t := range list(o, append(tmpl, "taints")...) {
		p.Taints = append(p.Taints, model.Taint{
			Key: str(t, "key"), Value: str(t, "value"), Effect: str(t, "effect"),
		})
	}
	return p
}

// nodeClaimFromUnstructured reads a karpenter.sh NodeClaim. Karpenter puts
// the launched instance's type, zone and capacity type on the claim's
// labels once it knows them.
func nodeClaimFromUnstructured(u *unstructured.Unstructured) model.NodeClaim {
	o := u.Object
	labels := u.GetLabels()
	c := model.NodeClaim{
		Name:         u.GetName(),
		Version:      u.GetResourceVersion(),
		NodePool:     labels[model.LabelNodePool],
		NodeName:     str(o, "status", "nodeName"),
		InstanceType: model.InstanceTypeOf(labels),
		CapacityType: labels[model.LabelCapacityType],
		Zone:         labels[model.LabelZone],
		NodeClassRef: refOf(o, "spec", "nodeClassRef"),
		Conditions:   conditionsOf(o),
		ProviderID:   str(o, "status", "providerID"),
		Created:      u.GetCreationTimestamp().Time,
		Deleting:     u.GetDeletionTimestamp() != nil,
	}
	if c.NodePool == "" {
		for _, ref := range u.GetOwnerReferences() {
			if ref.Kind == "NodePool" {
				c.NodePool = ref.Name
			}
		}
	}
	return c
}

// nodeClassFromUnstructured reads an Auto Mode NodeClass or an OSS
// Karpenter EC2NodeClass; their common fields share names.
func nodeClassFromUnstructured(u *unstructured.Unstructured) model.NodeClass {
	o := u.Object
	gvk := u.GroupVersionKind()
	c := model.NodeClass{
		Name:                          u.GetName(),
		Group:                         gvk.Group,
		Kind:                          gvk.Kind,
		Labels:                        u.GetLabels(),
		Created:                       u.GetCreationTimestamp().Time,
		Role:                          str(o, "spec", "role"),
		InstanceProfile:               str(o, "spec", "instanceProfile"),
		Tags:                          stringMap(o, "spec", "tags"),
		SubnetSelectorTerms:           len(list(o, "spec", "subnetSelectorTerms")),
		SecurityGroupSelectorTerms:    len(list(o, "spec", "securityGroupSelectorTerms")),
		PodSubnetSelectorTerms:        len(list(o, "spec", "podSubnetSelectorTerms")),
		PodSecurityGroupSelectorTerms: len(list(o, "spec", "podSecurityGroupSelectorTerms")),
		EphemeralStorageSize:          str(o, "spec", "ephemeralStorage", "size"),
		Conditions:                    conditionsOf(o),
	}
	if c.InstanceProfile == "" {
		c.InstanceProfile = str(o, "status", "instanceProfile")
	}
	c.BuiltIn = c.IsAutoMode() && c.Name == "default" && c.Labels[model.LabelManagedBy] == "eks"
	return c
}
