package model_test

import (
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// awsFindings checks an Auto Mode cluster holding both built-in pools
// against an AWS view with everything in place, changed by edit.
func awsFindings(edit func(a *model.AWSView)) []model.Finding {
	a := model.AWSView{
		ClusterName: "prod", Region: "ap-northeast-1", ComputeEnabled: true,
		NodePools:      []string{"general-purpose", "system"},
		NodeRoleARN:    "arn:aws:iam::123456789012:role/prod-node",
		ClusterRoleARN: "arn:aws:iam::123456789012:role/prod-cluster",
		BlockStorage:   true, LoadBalancing: true,
		ClusterRolePolicies: model.AutoModeClusterRolePolicies,
		NodeRolePolicies:    model.AutoModeNodeRolePolicies,
	}
	if edit != nil {
		edit(&a)
	}
	c := model.Build(model.Inputs{NodePools: []model.NodePool{
		{Name: "general-purpose", Labels: eksLabels, NodeClassRef: autoRef},
		{Name: "system", Labels: eksLabels, NodeClassRef: autoRef},
	}})
	return model.AWSFindings(c, a)
}

func TestAWSRules(t *testing.T) {
	checkRule(t, model.RuleAWSClusterRolePolicies, []ruleCase{
		{"cluster role without the compute policy", awsFindings(func(a *model.AWSView) {
			a.ClusterRolePolicies = []string{"AmazonEKSClusterPolicy"}
		}), true},
		{"cluster role with all five", awsFindings(nil), false},
	})
	checkRule(t, model.RuleAWSNodeRolePolicies, []ruleCase{
		{"node role with the standard policies only", awsFindings(func(a *model.AWSView) {
			a.NodeRolePolicies = []string{"AmazonEKSWorkerNodePolicy"}
		}), true},
		{"node role with both", awsFindings(nil), false},
	})
	checkRule(t, model.RuleAWSCapabilities, []ruleCase{
		{"compute without block storage", awsFindings(func(a *model.AWSView) {
			a.BlockStorage = false
		}), true},
		{"all three on", awsFindings(nil), false},
		{"all three off", awsFindings(func(a *model.AWSView) {
			a.ComputeEnabled, a.BlockStorage, a.LoadBalancing = false, false, false
			a.NodePools = nil
		}), false},
	})
	checkRule(t, model.RuleAWSBuiltInPools, []ruleCase{
		{"a built-in pool EKS no longer lists", awsFindings(func(a *model.AWSView) {
			a.NodePools = []string{"general-purpose"}
		}), true},
		{"the same pools", awsFindings(nil), false},
	})
}

func TestAWSClusterRoleOnAStandardClusterIsInfo(t *testing.T) {
	f, ok := findRule(awsFindings(func(a *model.AWSView) {
		a.ComputeEnabled, a.NodePools, a.NodeRoleARN = false, nil, ""
		a.ClusterRolePolicies = []string{"AmazonEKSClusterPolicy"}
	}), model.RuleAWSClusterRolePolicies)
	if !ok || f.Severity != model.SeverityInfo || !strings.HasPrefix(f.Message,
		"to turn on Auto Mode") {
		t.Errorf("finding = %+v, want info about turning Auto Mode on", f)
	}
}

func TestCompareWithAWS(t *testing.T) {
	cmp := model.Compare(compareCluster()).WithAWS(model.AWSView{
		ClusterRoleARN:      "arn:aws:iam::123456789012:role/prod-cluster",
		ClusterRolePolicies: []string{"AmazonEKSClusterPolicy"},
		NodeRoleARN:         "arn:aws:iam::123456789012:role/prod-node",
		NodeRolePolicies:    model.AutoModeNodeRolePolicies,
	})
	if got := rowOf(t, cmp, "IAM: cluster role").Cluster; !strings.HasPrefix(got,
		"prod-cluster: lacks AmazonEKSComputePolicy") {
		t.Errorf("cluster role row = %q", got)
	}
	if got := rowOf(t, cmp, "IAM: node role").Cluster; got != "prod-node: has all Auto Mode needs" {
		t.Errorf("node role row = %q", got)
	}
}
