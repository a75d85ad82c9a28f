package model_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

var claimNow = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

// claim is a NodeClaim created age ago whose step cond has the given
// status, reason and message; the steps before it are done.
func claim(age time.Duration, cond, status, reason, message string) model.NodeClaim {
	created := claimNow.Add(-age)
	var conds []model.Condition
	for _, step := range []string{model.CondLaunched, model.CondRegistered,
		model.CondInitialized} {
		if step == cond {
			conds = append(conds, model.Condition{Type: step, Status: status, Reason: reason,
				Message: message, LastTransitionTime: created.Add(time.Second)})
			break
		}
		conds = append(conds, model.Condition{Type: step, Status: model.StatusTrue,
			LastTransitionTime: created.Add(time.Minute)})
	}
	nc := model.NodeClaim{Name: "apps-x1", NodePool: "apps", Created: created,
		NodeClassRef: autoRef, Conditions: conds}
	var why model.Condition
	nc.State, why = model.ClaimStateOf(conds, false)
	nc.Reason, nc.Message = why.Reason, why.Message
	return nc
}

func claimFindings(nc model.NodeClaim) []model.Finding {
	return model.NodeClaimFindings(nc, nil, claimNow)
}

const (
	unauthorizedMsg = "Error getting launch template configs: User is not authorized to " +
		"perform this operation because no identity-based policy allows it"
	launching = model.CondLaunched
	unknown   = model.StatusUnknown
)

func TestNodeClaimCauses(t *testing.T) {
	m := time.Minute
	tests := []struct {
		rule      string
		fires     model.NodeClaim
		doesNot   model.NodeClaim
		notReason string
	}{
		{model.RuleClaimUnauthorized,
			claim(2*m, launching, unknown, "Unauthorized", unauthorizedMsg),
			claim(2*m, launching, unknown, "", ""), "no message yet"},
		{model.RuleClaimFleetError,
			claim(2*m, launching, unknown, "LaunchFailed",
				"Error creating fleet request: UnauthorizedOperation: You are not authorized"),
			claim(2*m, launching, unknown, "Unauthorized", unauthorizedMsg),
			"a launch template error"},
		{model.RuleClaimSubnetFull,
			claim(2*m, launching, unknown, "InsufficientFreeAddressesInSubnet",
				"There are not enough free IP addresses to launch an instance in this subnet"),
			claim(2*m, launching, unknown, "InsufficientCapacity", ""), "a capacity error"},
		{model.RuleClaimNoCapacity,
			claim(time.Minute, launching, model.StatusFalse, "InsufficientCapacityError",
				"all requested instance types were unavailable during launch"),
			claim(time.Minute, launching, unknown, "VcpuLimitExceeded", ""), "a quota"},
		{model.RuleClaimQuota,
			claim(time.Minute, launching, unknown, "LaunchFailed",
				"VcpuLimitExceeded: You have requested more vCPU capacity than allowed"),
			claim(time.Minute, launching, unknown, "LaunchFailed", "something new"),
			"an unknown message, young"},
		{model.RuleClaimSelectorMismatch,
			claim(time.Minute, launching, unknown, "SecurityGroupSubnetVPCMismatch", ""),
			claim(time.Minute, launching, unknown, "", ""), "nothing said"},
		{model.RuleClaimNodeClassNotReady,
			claim(time.Minute, launching, model.StatusFalse, "NodeClassNotReady", ""),
			claim(time.Minute, launching, unknown, "", ""), "nothing said"},
		{model.RuleClaimRegistrationFailed,
			claim(20*m, model.CondRegistered, unknown, "NodeNotFound",
				"Node not registered with cluster"),
			claim(5*m, model.CondRegistered, unknown, "NodeNotFound",
				"Node not registered with cluster"), "within the registration timeout"},
		{model.RuleClaimStartupTaints,
			claim(30*m, model.CondInitialized, unknown, "StartupTaintsExist", ""),
			claim(3*m, model.CondInitialized, unknown, "StartupTaintsExist", ""),
			"a node that joined minutes ago"},
		{model.RuleClaimStuck,
			claim(7*m, launching, unknown, "SomethingNew", "a message no rule knows"),
			claim(4*m, launching, unknown, "SomethingNew", "a message no rule knows"),
			"within the launch timeout"},
		{model.RuleClaimStuck,
			claim(17*m, model.CondRegistered, unknown, "", "unheard of"),
			claim(14*m, model.CondRegistered, unknown, "", "unheard of"),
			"registering within its timeout"},
	}
	for _, tt := range tests {
		checkRule(t, tt.rule, []ruleCase{
			{"fires", claimFindings(tt.fires), true},
			{"not for " + tt.notReason, claimFindings(tt.doesNot), false},
		})
	}
}

func TestNodeClaimReadyHasNoFinding(t *testing.T) {
	ready := claim(90*24*time.Hour, "", "", "", "")
	if ready.State != model.ClaimReady {
		t.Fatalf("fixture state %s, want Ready", ready.State)
	}
	if got := claimFindings(ready); len(got) != 0 {
		t.Errorf("findings for a Ready claim: %+v", got)
	}
}

func TestNodeClaimUnauthorizedNamesTheTags(t *testing.T) {
	nc := claim(12*time.Minute, launching, unknown, "Unauthorized", unauthorizedMsg)
	class := &model.NodeClass{Name: "tagged", Group: model.GroupAutoMode,
		Kind: model.KindNodeClass, Tags: map[string]string{"team": "payments"}}
	got := model.NodeClaimFindings(nc, class, claimNow)
	if len(got) != 1 || got[0].Rule != model.RuleClaimUnauthorized {
		t.Fatalf("findings = %+v, want one %s", got, model.RuleClaimUnauthorized)
	}
	for _, want := range []string{"NodeClass tagged sets tags", "cluster IAM role",
		"not the node role"} {
		if !strings.Contains(got[0].Hint, want) {
			t.Errorf("hint %q lacks %q", got[0].Hint, want)
		}
	}
}

func TestNodeClaimOnANodeClassNotReady(t *testing.T) {
	nc := claim(time.Minute, launching, unknown, "", "")
	class := &model.NodeClass{Name: "apps", Group: model.GroupAutoMode,
		Kind: model.KindNodeClass, Ready: model.StatusFalse, Conditions: []model.Condition{
			{Type: "Ready", Status: "False", Reason: "InstanceProfileNotReady"}}}
	got := model.NodeClaimFindings(nc, class, claimNow)
	if len(got) != 1 || got[0].Rule != model.RuleClaimNodeClassNotReady ||
		!strings.Contains(got[0].Message, "InstanceProfileNotReady") {
		t.Errorf("findings = %+v, want %s with the class's reason",
			got, model.RuleClaimNodeClassNotReady)
	}
}
