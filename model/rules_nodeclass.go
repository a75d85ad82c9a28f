package model

import (
	"fmt"
	"slices"
	"strings"
)

// NodeClass rule IDs.
const (
	RuleRoleTooLong          = "nodeclass-role-too-long"
	RuleRoleARN              = "nodeclass-role-arn"
	RuleNamedDefault         = "nodeclass-named-default"
	RuleTags                 = "nodeclass-tags"
	RuleAccessEntry          = "nodeclass-access-entry"
	RulePodSubnetsWithoutSGs = "nodeclass-pod-subnets-without-sgs"
	RulePodSGsWithoutSubnets = "nodeclass-pod-sgs-without-subnets"
	RuleReservedTag          = "nodeclass-reserved-tag"
)

// reservedTagKeys are the tag keys Auto Mode sets itself and refuses in a
// NodeClass, besides any key starting kubernetes.io/cluster (facts §1a).
var reservedTagKeys = []string{"karpenter.sh/provisioner-name", "karpenter.sh/nodepool",
	"karpenter.sh/nodeclaim", "karpenter.sh/managed-by", "eks.amazonaws.com/nodeclass"}

// MaxRoleLength is the longest role name a NodeClass takes: the CRD's
// maxLength, which IAM's own limit on role names matches (facts sheet §1a).
const MaxRoleLength = 64

// AutoNodePolicy is the access policy a custom NodeClass's role needs in
// its EC2 access entry (facts sheet §1f).
const AutoNodePolicy = "AmazonEKSAutoNodePolicy"

// LintNodeClass checks one NodeClass as written, before it is applied.
// Only Auto Mode NodeClasses are checked: an EC2NodeClass has its own rules.
func LintNodeClass(c NodeClass) []Finding {
	return nodeClassFindings(c, nil)
}

// nodeClassFindings checks a NodeClass; coveredRoles are roles that already
// have the access entry they need, because the built-in NodeClass uses them.
func nodeClassFindings(c NodeClass, coveredRoles map[string]bool) []Finding {
	if !c.IsAutoMode() {
		return nil
	}
	ref := Ref{Kind: KindNodeClass, Name: c.Name}
	var out []Finding

	if n := len(c.Role); n > MaxRoleLength {
		out = append(out, Finding{
			Severity: SeverityError, Rule: RuleRoleTooLong, Object: ref, Field: "spec.role",
			Message: fmt.Sprintf("role is %d bytes; the limit is %d", n, MaxRoleLength),
			Hint:    "use a shorter IAM role name (the name, not the ARN)",
			Link:    LinkNodeClass,
		})
	}
	if strings.HasPrefix(c.Role, "arn:") {
		out = append(out, Finding{
			Severity: SeverityError, Rule: RuleRoleARN, Object: ref, Field: "spec.role",
			Message: "role is an ARN; NodeClass takes the IAM role name",
			Hint:    fmt.Sprintf("write role: %s", roleName(c.Role)),
			Link:    LinkNodeClass,
		})
	}
	if c.Name == "default" && !c.BuiltIn {
		out = append(out, Finding{
			Severity: SeverityWarning, Rule: RuleNamedDefault, Object: ref,
			Field:   "metadata.name",
			Message: "a custom NodeClass is named default, the name of the built-in one",
			Hint:    "give it another name and point your NodePools at that",
			Link:    LinkNodeClass,
		})
	}
	if len(c.Tags) > 0 {
		out = append(out, Finding{
			Severity: SeverityWarning, Rule: RuleTags, Object: ref, Field: "spec.tags",
			Message: fmt.Sprintf("sets tags (%s): launches fail without tagging permissions",
				strings.Join(sortedKeys(c.Tags), ", ")),
			Hint: "attach the custom-tag policy to the cluster IAM role, not the node role",
			Link: LinkTagPermissions,
		})
	}
	out = append(out, reservedTagFindings(c, ref)...)
	if !c.BuiltIn && !coveredRoles[c.Role] {
		out = append(out, accessEntryFinding(c, ref))
	}
	out = append(out, podNetworkingFindings(c, ref)...)
	return out
}

// reservedTagFindings flags tag keys the NodeClass CRD refuses.
func reservedTagFindings(c NodeClass, ref Ref) []Finding {
	var out []Finding
	for _, k := range sortedKeys(c.Tags) {
		if !strings.HasPrefix(k, "kubernetes.io/cluster") && !slices.Contains(reservedTagKeys, k) {
			continue
		}
		out = append(out, Finding{
			Severity: SeverityError, Rule: RuleReservedTag, Object: ref,
			Field:   "spec.tags[" + k + "]",
			Message: "tag " + k + " is reserved: Auto Mode sets it itself",
			Hint:    "remove it or use a key of your own",
			Link:    LinkNodeClass,
		})
	}
	return out
}

// accessEntryFinding reminds that EKS creates the access entry only for the
// built-in NodeClass's role. It is a warning when the NodeClass is not
// Ready, which a missing entry causes (facts sheet §1d).
func accessEntryFinding(c NodeClass, ref Ref) Finding {
	role := c.Role
	if role == "" {
		role = "instance profile " + c.InstanceProfile
	}
	f := Finding{
		Severity: SeverityInfo, Rule: RuleAccessEntry, Object: ref, Field: "spec.role",
		Message: fmt.Sprintf("role %s needs its own EC2 access entry", role),
		Hint:    "create an access entry of type EC2 for the role with " + AutoNodePolicy,
		Link:    LinkAccessEntry,
	}
	if c.Ready == StatusFalse {
		f.Severity = SeverityWarning
		f.Message = fmt.Sprintf("not Ready; role %s may lack its EC2 access entry", role)
	}
	return f
}

// podNetworkingFindings checks that pod subnets and pod security groups are
// set together (facts sheet §1b; the CRD refuses pod subnets alone).
func podNetworkingFindings(c NodeClass, ref Ref) []Finding {
	switch {
	case c.PodSubnetSelectorTerms > 0 && c.PodSecurityGroupSelectorTerms == 0:
		return []Finding{{
			Severity: SeverityError, Rule: RulePodSubnetsWithoutSGs, Object: ref,
			Field:   "spec.podSubnetSelectorTerms",
			Message: "podSubnetSelectorTerms is set without podSecurityGroupSelectorTerms",
			Hint:    "add podSecurityGroupSelectorTerms: the two are configured together",
			Link:    LinkNodeClass,
		}}
	case c.PodSecurityGroupSelectorTerms > 0 && c.PodSubnetSelectorTerms == 0:
		return []Finding{{
			Severity: SeverityWarning, Rule: RulePodSGsWithoutSubnets, Object: ref,
			Field:   "spec.podSecurityGroupSelectorTerms",
			Message: "podSecurityGroupSelectorTerms is set without podSubnetSelectorTerms",
			Hint:    "add podSubnetSelectorTerms, with a pod subnet in every node zone",
			Link:    LinkNodeClass,
		}}
	}
	return nil
}

// roleName is the last part of a role ARN's path: the name a NodeClass
// wants.
func roleName(arn string) string {
	_, after, ok := strings.Cut(arn, ":role/")
	if !ok {
		return arn
	}
	return after[strings.LastIndexByte(after, '/')+1:]
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
