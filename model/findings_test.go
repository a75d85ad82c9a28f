package model_test

import (
	"slices"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestFindingsOverACluster(t *testing.T) {
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	role := "demo-auto-node-role"
	class := func(name string, builtIn bool, tags map[string]string) model.NodeClass {
		nc := model.NodeClass{Name: name, Group: model.GroupAutoMode, Kind: model.KindNodeClass,
			Role: role, Tags: tags}
		if builtIn {
			nc.Labels = eksLabels
			nc.BuiltIn = true
		}
		return nc
	}
	tagged := model.ObjectRef{Group: model.GroupAutoMode, Kind: model.KindNodeClass,
		Name: "tagged"}
	c := model.Build(model.Inputs{
		ClusterName: "demo",
		NodeClasses: []model.NodeClass{class("default", true, nil),
			class("tagged", false, map[string]string{"team": "payments"})},
		NodePools: []model.NodePool{
			// A built-in pool breaking a rule is EKS's: not reported.
			{Name: "system", Labels: eksLabels, NodeClassRef: autoRef, ExpireAfter: "720h"},
			{Name: "apps", NodeClassRef: tagged, ExpireAfter: "Never"},
		},
		NodeClaims: []model.NodeClaim{{Name: "apps-x1", NodePool: "apps", NodeClassRef: tagged,
			Created: now.Add(-12 * time.Minute), Conditions: []model.Condition{{
				Type: model.CondLaunched, Status: model.StatusUnknown, Reason: "Unauthorized",
				Message: unauthorizedMsg}}}},
		Now: now,
	})

	got := model.Findings(c, now)
	rules := map[string]model.Ref{}
	for _, f := range got {
		rules[f.Rule] = f.Object
	}
	want := map[string]model.Ref{
		model.RuleExpireNever:       {Kind: "NodePool", Name: "apps"},
		model.RuleTags:              {Kind: "NodeClass", Name: "tagged"},
		model.RuleClaimUnauthorized: {Kind: "NodeClaim", Name: "apps-x1"},
	}
	for rule, obj := range want {
		if rules[rule] != obj {
			t.Errorf("%s on %v, want on %v", rule, rules[rule], obj)
		}
	}
	if _, ok := rules[model.RuleLifetimeOver21d]; ok {
		t.Errorf("the built-in pool was linted: %+v", got)
	}
	if _, ok := rules[model.RuleAccessEntry]; ok {
		t.Errorf("tagged shares the built-in NodeClass's role, whose access entry EKS made")
	}
	for i := 1; i < len(got); i++ {
		if rank(got[i-1].Severity) > rank(got[i].Severity) {
			t.Errorf("findings not sorted by severity: %v before %v", got[i-1], got[i])
		}
	}
}

func rank(s model.Severity) int {
	return slices.Index([]model.Severity{model.SeverityError, model.SeverityWarning,
		model.SeverityInfo}, s)
}
