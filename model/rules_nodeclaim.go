package model

import (
	"fmt"
	"strings"
	"time"
)

// NodeClaim rule IDs, one per cause in the facts sheet's §8 table, and one
// for a claim past its timeout for a reason the table does not know.
const (
	RuleClaimUnauthorized       = "nodeclaim-unauthorized"
	RuleClaimFleetError         = "nodeclaim-fleet-error"
	RuleClaimSubnetFull         = "nodeclaim-subnet-ip-exhausted"
	RuleClaimNoCapacity         = "nodeclaim-insufficient-capacity"
	RuleClaimQuota              = "nodeclaim-quota"
	RuleClaimSelectorMismatch   = "nodeclaim-selector-mismatch"
	RuleClaimNodeClassNotReady  = "nodeclaim-nodeclass-not-ready"
	RuleClaimRegistrationFailed = "nodeclaim-registration-timeout"
	RuleClaimStartupTaints      = "nodeclaim-startup-taints"
	RuleClaimStuck              = "nodeclaim-stuck"
)

// claimCause is one row of the §8 table: how to recognise a cause from a
// condition's reason or message, and what to say about it.
type claimCause struct {
	rule     string
	severity Severity
	// words are matched, case-insensitively, against the reason and the
	// message of the condition holding the claim back.
	words []string
	// patience is how long the claim must have waited before the cause
	// counts: some messages are normal for the first minutes.
	patience time.Duration
	message  string
	hint     string
	link     string
}

// nodeClassNotReady is also what a claim on a NodeClass that is not Ready
// waits for, whatever its own condition says.
var nodeClassNotReady = claimCause{rule: RuleClaimNodeClassNotReady, severity: SeverityError,
	words:   []string{"NodeClassNotReady"},
	message: "cannot launch: its NodeClass is not Ready",
	hint:    "kubectl describe nodeclass; a custom one needs its EC2 access entry",
	link:    LinkAccessEntry}

// claimCauses are tried in order; the first match wins. A fleet error can
// read "UnauthorizedOperation", so it comes before the Unauthorized row.
var claimCauses = []claimCause{
	{rule: RuleClaimFleetError, severity: SeverityError,
		words:   []string{"creating fleet", "SpotSLRCreationFailed", "UnauthorizedOperation"},
		message: "cannot launch: EC2 refused the fleet request",
		hint:    "look for AccessDenied in CloudTrail; check cluster role, SCPs, boundaries",
		link:    LinkTroubleshoot},
	{rule: RuleClaimUnauthorized, severity: SeverityError,
		words:   []string{"launch template configs", "Unauthorized"},
		message: "cannot launch: not authorized to create its launch template",
		hint:    "a NodeClass with tags needs the tagging policy on the cluster IAM role",
		link:    LinkTagPermissions},
	{rule: RuleClaimSubnetFull, severity: SeverityError,
		words:   []string{"InsufficientFreeAddressesInSubnet", "not enough free IP addresses"},
		message: "cannot launch: the subnets have no free IP addresses",
		hint:    "add or enlarge subnets, or use podSubnetSelectorTerms or ipv4PrefixSize \"32\"",
		link:    LinkNodeClass},
	{rule: RuleClaimNoCapacity, severity: SeverityWarning,
		words: []string{"InsufficientCapacity", "InsufficientInstanceCapacity",
			"instance types were unavailable"},
		message: "cannot launch: EC2 has no capacity for the instance types allowed",
		hint:    "widen the requirements: more families, generations, zones or capacity types",
		link:    LinkTroubleshoot},
	{rule: RuleClaimQuota, severity: SeverityError,
		words:   []string{"VcpuLimitExceeded", "SpotQuotaExceeded", "FleetQuotaExceeded"},
		message: "cannot launch: an account quota is used up",
		hint:    "request a quota increase in Service Quotas",
		link:    LinkTroubleshoot},
	{rule: RuleClaimSelectorMismatch, severity: SeverityError,
		words: []string{"SecurityGroupSubnetVPCMismatch", "SubnetResolutionFailed",
			"getting subnets"},
		message: "cannot launch: the NodeClass selectors find no usable subnets",
		hint:    "fix subnetSelectorTerms; subnets and security groups must share a VPC",
		link:    LinkNodeClass},
	nodeClassNotReady,
	{rule: RuleClaimRegistrationFailed, severity: SeverityError,
		words:    []string{"NodeNotFound", "not registered", "RegistrationFailed"},
		patience: RegistrationTimeout,
		message:  "the instance never joined the cluster",
		hint:     "check the access entry, the network path and aws ec2 get-console-output",
		link:     LinkTroubleshoot},
	{rule: RuleClaimStartupTaints, severity: SeverityWarning,
		words:    []string{"StartupTaintsExist", "KnownEphemeralTaintsExist", "ResourceNotRegistered"},
		patience: RegistrationTimeout,
		message:  "the node joined but is not initialized",
		hint:     "check the pool's startup taints and that device plugins register resources",
		link:     LinkTroubleshoot},
}

// NodeClaimFindings explains why a claim that is not Ready is held back.
// class is its NodeClass when the cluster has it, or nil. A claim whose
// condition matches no known cause is still flagged once it has waited past
// its timeout.
func NodeClaimFindings(nc NodeClaim, class *NodeClass, now time.Time) []Finding {
	switch nc.State {
	case ClaimReady, ClaimDrifted, ClaimTerminating:
		return nil
	}
	ref := Ref{Kind: "NodeClaim", Name: nc.Name}
	waited := now.Sub(waitingSince(nc))

	if class != nil && class.Ready == StatusFalse && nc.State == ClaimLaunching {
		return []Finding{causeFinding(nodeClassNotReady, ref,
			classNotReadyWhy(class))}
	}
	text := strings.ToLower(nc.Reason + " " + nc.Message)
	for _, cause := range claimCauses {
		if waited < cause.patience || !matchesAny(text, cause.words) {
			continue
		}
		f := causeFinding(cause, ref, "")
		if cause.rule == RuleClaimUnauthorized && class != nil {
			f = unauthorizedHint(f, class)
		}
		return []Finding{f}
	}

	timeout := stateTimeout(nc.State)
	if timeout == 0 || waited <= timeout {
		return nil
	}
	why := "no reason given"
	if nc.Reason != "" || nc.Message != "" {
		why = oneLine(strings.TrimSpace(nc.Reason+": "+nc.Message), 120)
	}
	return []Finding{{
		Severity: SeverityWarning, Rule: RuleClaimStuck, Object: ref,
		Message: fmt.Sprintf("%s for %s, past the %s timeout: %s",
			nc.State, shortDuration(waited), shortDuration(timeout), why),
		Hint: "kubectl describe nodeclaim " + nc.Name + " and its NodeClass; see the events",
		Link: LinkTroubleshoot,
	}}
}

// stateTimeout is how long a claim may stay in a state before Karpenter
// gives up on it; 0 for states without a timeout.
func stateTimeout(s ClaimState) time.Duration {
	switch s {
	case ClaimLaunching:
		return LaunchTimeout
	case ClaimRegistering:
		return RegistrationTimeout
	}
	return 0
}

// waitingSince is when the claim entered the step it waits on: the launch
// timeout counts from creation, the registration timeout from launch.
func waitingSince(nc NodeClaim) time.Time {
	if nc.State == ClaimLaunching {
		return nc.Created
	}
	if c, ok := FindCondition(nc.Conditions, CondLaunched); ok &&
		c.Status == StatusTrue && !c.LastTransitionTime.IsZero() {
		return c.LastTransitionTime
	}
	return nc.Created
}

func causeFinding(cause claimCause, ref Ref, why string) Finding {
	msg := cause.message
	if why != "" {
		msg += ": " + why
	}
	return Finding{
		Severity: cause.severity, Rule: cause.rule, Object: ref,
		Message: msg, Hint: cause.hint, Link: cause.link,
	}
}

func classNotReadyWhy(class *NodeClass) string {
	c, _ := FindCondition(class.Conditions, CondReady)
	return oneLine(strings.TrimSpace(class.Name+" "+c.Reason+" "+c.Message), 100)
}

// unauthorizedHint names the claim's NodeClass tags, the usual cause: the
// cluster role lacks the permissions to tag what it launches (facts §8).
func unauthorizedHint(f Finding, class *NodeClass) Finding {
	if len(class.Tags) == 0 || !class.IsAutoMode() {
		f.Hint = "check the permissions of the role that launches instances for " + class.Name
		return f
	}
	f.Hint = fmt.Sprintf("NodeClass %s sets tags: attach the tagging policy to the cluster "+
		"IAM role, not the node role", class.Name)
	return f
}

func matchesAny(text string, words []string) bool {
	for _, w := range words {
		if strings.Contains(text, strings.ToLower(w)) {
			return true
		}
	}
	return false
}
