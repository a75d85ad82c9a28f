package model_test

import (
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// lintClass lints a custom Auto Mode NodeClass, changed by edit.
func lintClass(edit func(c *model.NodeClass)) []model.Finding {
	c := model.NodeClass{
		Name: "apps", Group: model.GroupAutoMode, Kind: model.KindNodeClass,
		Role: "apps-node-role", SubnetSelectorTerms: 1, SecurityGroupSelectorTerms: 1,
	}
	if edit != nil {
		edit(&c)
	}
	return model.LintNodeClass(c)
}

func TestNodeClassRoleTooLong(t *testing.T) {
	checkRule(t, model.RuleRoleTooLong, []ruleCase{
		{"65 bytes", lintClass(func(c *model.NodeClass) { c.Role = strings.Repeat("r", 65) }),
			true},
		{"64 bytes", lintClass(func(c *model.NodeClass) { c.Role = strings.Repeat("r", 64) }),
			false},
		{"on an EC2NodeClass", lintClass(func(c *model.NodeClass) {
			c.Group, c.Kind = model.GroupKarpenterAWS, model.KindEC2NodeClass
			c.Role = strings.Repeat("r", 65)
		}), false},
	})
}

func TestNodeClassRoleARN(t *testing.T) {
	arn := "arn:aws:iam::123456789012:role/eks/MyNodeRole"
	got := lintClass(func(c *model.NodeClass) { c.Role = arn })
	checkRule(t, model.RuleRoleARN, []ruleCase{
		{"an ARN", got, true},
		{"a name", lintClass(nil), false},
	})
	if f, _ := findRule(got, model.RuleRoleARN); !strings.Contains(f.Hint, "role: MyNodeRole") {
		t.Errorf("hint %q does not give the name from the ARN", f.Hint)
	}
}

func TestNodeClassNamedDefault(t *testing.T) {
	checkRule(t, model.RuleNamedDefault, []ruleCase{
		{"a custom NodeClass named default",
			lintClass(func(c *model.NodeClass) { c.Name = "default" }), true},
		{"the built-in default", lintClass(func(c *model.NodeClass) {
			c.Name, c.BuiltIn = "default", true
		}), false},
		{"another name", lintClass(nil), false},
	})
}

func TestNodeClassTags(t *testing.T) {
	got := lintClass(func(c *model.NodeClass) { c.Tags = map[string]string{"team": "a"} })
	checkRule(t, model.RuleTags, []ruleCase{
		{"tags set", got, true},
		{"no tags", lintClass(nil), false},
	})
	if f, _ := findRule(got, model.RuleTags); !strings.Contains(f.Hint, "cluster IAM role") ||
		!strings.Contains(f.Hint, "not the node role") {
		t.Errorf("hint %q does not point at the cluster role", f.Hint)
	}
}

func TestNodeClassAccessEntry(t *testing.T) {
	checkRule(t, model.RuleAccessEntry, []ruleCase{
		{"a custom NodeClass", lintClass(nil), true},
		{"the built-in NodeClass", lintClass(func(c *model.NodeClass) {
			c.Name, c.BuiltIn = "default", true
		}), false},
	})
	f, _ := findRule(lintClass(func(c *model.NodeClass) { c.Ready = model.StatusFalse }),
		model.RuleAccessEntry)
	if f.Severity != model.SeverityWarning {
		t.Errorf("severity on a NodeClass that is not Ready = %s, want warning", f.Severity)
	}
}

func TestNodeClassPodNetworking(t *testing.T) {
	pods := func(subnets, sgs int) []model.Finding {
		return lintClass(func(c *model.NodeClass) {
			c.PodSubnetSelectorTerms, c.PodSecurityGroupSelectorTerms = subnets, sgs
		})
	}
	checkRule(t, model.RulePodSubnetsWithoutSGs, []ruleCase{
		{"pod subnets alone", pods(1, 0), true},
		{"both", pods(1, 1), false},
		{"neither", pods(0, 0), false},
	})
	checkRule(t, model.RulePodSGsWithoutSubnets, []ruleCase{
		{"pod security groups alone", pods(0, 2), true},
		{"both", pods(2, 2), false},
	})
}

func TestNodeClassReservedTag(t *testing.T) {
	tags := func(k string) []model.Finding {
		return lintClass(func(c *model.NodeClass) { c.Tags = map[string]string{k: "x"} })
	}
	checkRule(t, model.RuleReservedTag, []ruleCase{
		{"a cluster ownership tag", tags("kubernetes.io/cluster/prod"), true},
		{"Karpenter's nodepool tag", tags("karpenter.sh/nodepool"), true},
		{"Auto Mode's nodeclass tag", tags("eks.amazonaws.com/nodeclass"), true},
		{"the user's own tag", tags("team"), false},
		{"another karpenter.sh tag", tags("karpenter.sh/discovery"), false},
	})
}
