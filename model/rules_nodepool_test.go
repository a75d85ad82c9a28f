package model_test

import (
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// lintPool lints a custom NodePool on an Auto Mode NodeClass, changed by edit.
func lintPool(edit func(p *model.NodePool)) []model.Finding {
	p := model.NodePool{
		Name:         "apps",
		NodeClassRef: autoRef,
		Requirements: []model.Requirement{
			{Key: "eks.amazonaws.com/instance-category", Operator: "In", Values: []string{"c", "m"}},
		},
	}
	if edit != nil {
		edit(&p)
	}
	return model.LintNodePool(p)
}

func onEC2NodeClass(p *model.NodePool) { p.NodeClassRef = ec2Ref }

func TestNodePoolExpireNever(t *testing.T) {
	checkRule(t, model.RuleExpireNever, []ruleCase{
		{"Never on an Auto Mode NodeClass", lintPool(func(p *model.NodePool) {
			p.ExpireAfter = "Never"
		}), true},
		{"Never on an EC2NodeClass is OSS Karpenter's business", lintPool(func(p *model.NodePool) {
			p.ExpireAfter = "Never"
			onEC2NodeClass(p)
		}), false},
		{"a duration", lintPool(func(p *model.NodePool) { p.ExpireAfter = "336h" }), false},
	})
}

func TestNodePoolLifetimeOver21Days(t *testing.T) {
	set := func(expire, grace string) []model.Finding {
		return lintPool(func(p *model.NodePool) {
			p.ExpireAfter, p.TerminationGracePeriod = expire, grace
		})
	}
	checkRule(t, model.RuleLifetimeOver21d, []ruleCase{
		{"720h with the 24h default grace period", set("720h", ""), true},
		{"481h with the 24h default grace period", set("481h", ""), true},
		{"480h with the 24h default grace period is exactly 21 days", set("480h", ""), false},
		{"504h with a zero grace period", set("504h", "0s"), false},
		{"504h and one second of grace", set("504h", "1s"), true},
		{"the default expireAfter with 169h of grace", set("", "169h"), true},
		{"the default expireAfter with 168h of grace", set("", "168h"), false},
		{"mixed units adding to 504h", set("480h", "23h60m"), false},
		{"repeated units are summed", set("300h200h", "5h"), true},
		{"over 21 days on an EC2NodeClass", lintPool(func(p *model.NodePool) {
			p.ExpireAfter = "720h"
			onEC2NodeClass(p)
		}), false},
		{"Never is its own rule", set("Never", "600h"), false},
	})
}

func TestNodePoolLifetimePointsAtTheFieldWritten(t *testing.T) {
	f, _ := findRule(lintPool(func(p *model.NodePool) { p.TerminationGracePeriod = "200h" }),
		model.RuleLifetimeOver21d)
	if f.Field != "spec.template.spec.terminationGracePeriod" {
		t.Errorf("field = %q, want the grace period: expireAfter is not written", f.Field)
	}
	f, _ = findRule(lintPool(func(p *model.NodePool) { p.ExpireAfter = "720h" }),
		model.RuleLifetimeOver21d)
	if f.Field != "spec.template.spec.expireAfter" {
		t.Errorf("field = %q, want expireAfter", f.Field)
	}
}

func TestNodePoolDurationInvalid(t *testing.T) {
	checkRule(t, model.RuleDurationInvalid, []ruleCase{
		{"days are not a unit", lintPool(func(p *model.NodePool) { p.ExpireAfter = "14d" }), true},
		{"a number without a unit", lintPool(func(p *model.NodePool) {
			p.TerminationGracePeriod = "24"
		}), true},
		{"hours, minutes and seconds", lintPool(func(p *model.NodePool) {
			p.ExpireAfter, p.TerminationGracePeriod = "300h", "24h0m0s"
		}), false},
	})
}

func TestNodePoolRestrictedLabel(t *testing.T) {
	req := func(key string) []model.Finding {
		return lintPool(func(p *model.NodePool) {
			p.Requirements = append(p.Requirements,
				model.Requirement{Key: key, Operator: "Exists"})
		})
	}
	label := func(key string) []model.Finding {
		return lintPool(func(p *model.NodePool) { p.TemplateLabels = map[string]string{key: "x"} })
	}
	checkRule(t, model.RuleRestrictedLabel, []ruleCase{
		{"an allowed eks.amazonaws.com requirement", req("eks.amazonaws.com/instance-family"),
			false},
		{"an eks.amazonaws.com key outside the allow-list", req("eks.amazonaws.com/nodegroup"),
			true},
		{"an eks.amazonaws.com template label outside the allow-list",
			label("eks.amazonaws.com/team"), true},
		{"OSS Karpenter's instance label", req("karpenter.k8s.aws/instance-family"), true},
		{"the well-known arch label", req("kubernetes.io/arch"), false},
		{"the zone label", req("topology.kubernetes.io/zone"), false},
		{"hostname", req("kubernetes.io/hostname"), true},
		{"a kubernetes.io subdomain", label("node.kubernetes.io/role"), true},
		{"a k8s.io subdomain", label("team.k8s.io/owner"), true},
		{"the node-restriction exception", label("node-restriction.kubernetes.io/team"), false},
		{"Windows build", req("node.kubernetes.io/windows-build"), true},
		{"capacity type", req("karpenter.sh/capacity-type"), false},
		{"a Karpenter-set label", label("karpenter.sh/registered"), true},
		{"the nodepool key as a requirement", req("karpenter.sh/nodepool"), false},
		{"the nodepool key as a label", label("karpenter.sh/nodepool"), true},
		{"the user's own domain", label("example.com/team"), false},
		{"a key without a domain", label("team"), false},
		{"restricted keys on an EC2NodeClass", lintPool(func(p *model.NodePool) {
			p.TemplateLabels = map[string]string{"eks.amazonaws.com/team": "x"}
			onEC2NodeClass(p)
		}), false},
	})
}

func TestLabelKeyProblemSuggestsTheAutoModeLabel(t *testing.T) {
	_, hint := model.LabelKeyProblem("karpenter.k8s.aws/instance-generation", true)
	if hint != "use eks.amazonaws.com/instance-generation instead" {
		t.Errorf("hint = %q", hint)
	}
}

func TestNodePoolBeyondBuiltIn(t *testing.T) {
	with := func(r ...model.Requirement) []model.Finding {
		return lintPool(func(p *model.NodePool) { p.Requirements = r })
	}
	in := func(key string, v ...string) model.Requirement {
		return model.Requirement{Key: key, Operator: "In", Values: v}
	}
	gen := func(op, v string) model.Requirement {
		return model.Requirement{Key: "eks.amazonaws.com/instance-generation", Operator: op,
			Values: []string{v}}
	}
	checkRule(t, model.RuleBeyondBuiltInPools, []ruleCase{
		{"GPU category", with(in("eks.amazonaws.com/instance-category", "g", "p")), true},
		{"c, m and r only", with(in("eks.amazonaws.com/instance-category", "c", "m", "r")),
			false},
		{"an old generation", with(gen("In", "4")), true},
		{"generation Gt 2", with(gen("Gt", "2")), true},
		{"generation Gt 5", with(gen("Gt", "5")), false},
		{"an inference family", with(in("eks.amazonaws.com/instance-family", "inf2")), true},
		{"a fourth-generation c family", with(in("eks.amazonaws.com/instance-family", "c4")),
			true},
		{"a current m family", with(in("eks.amazonaws.com/instance-family", "m7g", "c6gn")),
			false},
		{"spot capacity", with(in("karpenter.sh/capacity-type", "spot", "on-demand")), true},
		{"GPU category on a built-in pool", model.LintNodePool(model.NodePool{
			Name: "system", Labels: eksLabels, NodeClassRef: autoRef,
			Requirements: []model.Requirement{in("eks.amazonaws.com/instance-category", "g")},
		}), false},
	})
}

func TestParseKarpenterDuration(t *testing.T) {
	tests := []struct {
		in   string
		want string
		bad  bool
	}{
		{"336h", "336h0m0s", false},
		{"24h0m0s", "24h0m0s", false},
		{"1h1h", "2h0m0s", false},
		{"90s", "1m30s", false},
		{"1.5h", "", true},
		{"14d", "", true},
		{"h", "", true},
		{"10", "", true},
		{"Never", "", true},
		{"", "", true},
	}
	for _, tt := range tests {
		d, err := model.ParseKarpenterDuration(tt.in)
		if (err != nil) != tt.bad {
			t.Errorf("%q: err = %v, want error %v", tt.in, err, tt.bad)
			continue
		}
		if !tt.bad && d.String() != tt.want {
			t.Errorf("%q = %s, want %s", tt.in, d, tt.want)
		}
	}
}
