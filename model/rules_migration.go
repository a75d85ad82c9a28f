package model

import (
	"fmt"
	"slices"
	"strings"
)

// Migration rule IDs: what changes or stops working when the cluster's
// standard compute moves to Auto Mode (facts sheet §5c, §6).
const (
	RuleMigratePodsOver110    = "migrate-pods-over-110"
	RuleMigrateSGPolicies     = "migrate-security-group-policies"
	RuleMigrateENIConfig      = "migrate-eniconfig"
	RuleMigrateSelfManaged    = "migrate-self-managed-nodes"
	RuleMigrateWindows        = "migrate-windows-nodes"
	RuleMigrateCNISettings    = "migrate-vpc-cni-settings"
	RuleMigrateLBController   = "migrate-load-balancer-controller"
	RuleMigrateEBSProvisioner = "migrate-ebs-provisioner"
)

// The EBS CSI driver's names: the add-on's and Auto Mode's (facts sheet §5c).
const (
	EBSProvisionerAddOn    = "ebs.csi.aws.com"
	EBSProvisionerAutoMode = "ebs.csi.eks.amazonaws.com"
)

// SecurityGroupPolicyMinVersion is the first Kubernetes version on which
// Auto Mode supports SecurityGroupPolicy (UG auto-sgp, facts sheet §6).
const SecurityGroupPolicyMinVersion = "1.36"

// MigrationFindings lists what stands in the way of, or changes with, moving
// this cluster's nodes that are not Auto Mode's onto Auto Mode.
func MigrationFindings(c *Cluster) []Finding {
	var out []Finding
	out = append(out, nodeMigrationFindings(c.Nodes)...)

	ev := c.Evidence
	if n := ev.SecurityGroupPolicies; n > 0 {
		out = append(out, Finding{
			Severity: SeverityWarning, Rule: RuleMigrateSGPolicies, Object: clusterRef(c),
			Message: fmt.Sprintf("%d SecurityGroupPolicy object(s): Auto Mode supports them "+
				"on Kubernetes %s and later only", n, SecurityGroupPolicyMinVersion),
			Hint: "upgrade to " + SecurityGroupPolicyMinVersion + "+ first, or use a " +
				"NodeClass's podSecurityGroupSelectorTerms",
			Link: LinkPodSGs,
		})
	}
	if n := ev.ENIConfigs; n > 0 {
		out = append(out, Finding{
			Severity: SeverityWarning, Rule: RuleMigrateENIConfig, Object: clusterRef(c),
			Message: fmt.Sprintf("%d ENIConfig object(s): Auto Mode has no VPC CNI custom "+
				"networking", n),
			Hint: "put pods in their own subnets with a NodeClass's podSubnetSelectorTerms",
			Link: LinkNetworking,
		})
	}
	out = append(out, cniSettingFindings(ev)...)
	out = append(out, lbControllerFindings(c)...)
	out = append(out, ebsFindings(c)...)
	return out
}

func nodeMigrationFindings(nodes []Node) []Finding {
	var out []Finding
	for _, n := range nodes {
		ref := Ref{Kind: "Node", Name: n.Name}
		if n.PodsOverAutoModeLimit > 0 {
			out = append(out, Finding{
				Severity: SeverityWarning, Rule: RuleMigratePodsOver110, Object: ref,
				Message: fmt.Sprintf("runs %d pods; Auto Mode allows %d per node, %d too many",
					n.Pods, AutoModeMaxPods, n.PodsOverAutoModeLimit),
				Hint: "plan for more, smaller nodes: Auto Mode caps every node at 110 pods",
				Link: LinkNodeClass,
			})
		}
		if n.OS == "windows" {
			out = append(out, Finding{
				Severity: SeverityWarning, Rule: RuleMigrateWindows, Object: ref,
				Message: "Windows node: Auto Mode runs Linux only",
				Hint:    "keep Windows workloads on a managed node group",
				Link:    LinkInstances,
			})
		}
		if n.Kind == KindSelfManaged {
			out = append(out, Finding{
				Severity: SeverityWarning, Rule: RuleMigrateSelfManaged, Object: ref,
				Message: "self-managed node: Auto Mode has no custom AMI or user data",
				Hint:    "move what the AMI or user data sets up into DaemonSets or the NodeClass",
				Link:    LinkMigrate,
			})
		}
	}
	return out
}

// cniSettingFindings flags VPC CNI settings on aws-node that Auto Mode
// fixes: warm and minimum IP targets, custom networking, prefix delegation,
// pod ENIs, external SNAT and conntrack tuning (facts sheet §6).
func cniSettingFindings(ev Evidence) []Finding {
	for _, w := range ev.Workloads {
		if w.Kind != "DaemonSet" || w.Name != "aws-node" {
			continue
		}
		var set []string
		for _, k := range sortedKeys(w.Env) {
			if fixedCNISetting(k, w.Env[k]) {
				set = append(set, k+"="+w.Env[k])
			}
		}
		if len(set) == 0 {
			return nil
		}
		return []Finding{{
			Severity: SeverityWarning, Rule: RuleMigrateCNISettings,
			Object:  Ref{Kind: "DaemonSet", Namespace: w.Namespace, Name: w.Name},
			Message: "VPC CNI settings Auto Mode fixes: " + oneLine(strings.Join(set, " "), 160),
			Hint:    "Auto Mode uses /28 prefixes and a 300s conntrack timeout; drop these",
			Link:    LinkNetworking,
		}}
	}
	return nil
}

func fixedCNISetting(name, value string) bool {
	switch {
	case strings.HasPrefix(name, "WARM_"), strings.HasPrefix(name, "MINIMUM_IP"),
		strings.Contains(name, "CONNTRACK"):
		return true
	case name == "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", name == "ENABLE_PREFIX_DELEGATION",
		name == "ENABLE_POD_ENI", name == "AWS_VPC_K8S_CNI_EXTERNALSNAT":
		return strings.EqualFold(value, "true")
	}
	return false
}

// lbControllerFindings flags a self-managed AWS Load Balancer Controller:
// the load balancers it made cannot be handed to Auto Mode (facts §5c).
func lbControllerFindings(c *Cluster) []Finding {
	i := slices.IndexFunc(c.Components, func(comp Component) bool {
		return comp.Name == "aws-load-balancer-controller" && comp.State == StateSelfManaged
	})
	if i < 0 {
		return nil
	}
	ref := clusterRef(c)
	if w, ok := findWorkload(c.Evidence.Workloads, []string{"aws-load-balancer-controller"}); ok {
		ref = Ref{Kind: w.Kind, Namespace: w.Namespace, Name: w.Name}
	}
	return []Finding{{
		Severity: SeverityWarning, Rule: RuleMigrateLBController, Object: ref,
		Message: "self-managed load balancer controller: its load balancers cannot move to " +
			"Auto Mode",
		Hint: "create new ones with IngressClass eks.amazonaws.com/alb or loadBalancerClass " +
			"eks.amazonaws.com/nlb, then shift traffic",
		Link: LinkNetworking,
	}}
}

// ebsFindings flags the EBS CSI add-on's provisioner name, which Auto Mode's
// built-in driver does not answer to.
func ebsFindings(c *Cluster) []Finding {
	ev := c.Evidence
	var ref Ref
	switch {
	case slices.Contains(ev.CSIDrivers, EBSProvisionerAddOn):
		ref = Ref{Kind: "CSIDriver", Name: EBSProvisionerAddOn}
	case slices.Contains(ev.StorageClassProvisioners, EBSProvisionerAddOn):
		ref = clusterRef(c)
	default:
		return nil
	}
	return []Finding{{
		Severity: SeverityWarning, Rule: RuleMigrateEBSProvisioner, Object: ref,
		Message: "EBS volumes use " + EBSProvisionerAddOn + "; Auto Mode's driver is " +
			EBSProvisionerAutoMode,
		Hint: "add a StorageClass with provisioner " + EBSProvisionerAutoMode +
			" and migrate volumes to it",
		Link: LinkStorageClass,
	}}
}
