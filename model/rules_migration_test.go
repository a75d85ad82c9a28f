package model_test

import (
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// migrate builds a cluster from one managed node group node with pods
// pods, changed by edit, and returns its migration findings.
func migrate(pods int, edit func(in *model.Inputs)) []model.Finding {
	in := model.Inputs{
		ClusterName: "prod",
		Nodes: []model.Node{{Name: "ip-10-0-1-1", Labels: map[string]string{
			model.LabelNodeGroup: "general", model.LabelOS: "linux"}}},
	}
	for range pods {
		in.Pods = append(in.Pods, &model.Pod{Namespace: "a", Name: "p", NodeName: "ip-10-0-1-1",
			Phase: "Running"})
	}
	if edit != nil {
		edit(&in)
	}
	return model.MigrationFindings(model.Build(in))
}

func withEvidence(ev model.Evidence) func(in *model.Inputs) {
	return func(in *model.Inputs) { in.Evidence = ev }
}

func awsNode(env map[string]string) model.Evidence {
	return model.Evidence{Workloads: []model.Workload{{Kind: "DaemonSet",
		Namespace: "kube-system", Name: "aws-node", Env: env}}}
}

func TestMigrationRules(t *testing.T) {
	tests := []struct {
		rule           string
		fires, doesNot []model.Finding
	}{
		{model.RuleMigratePodsOver110, migrate(111, nil), migrate(110, nil)},
		{model.RuleMigrateSGPolicies,
			migrate(1, withEvidence(model.Evidence{SecurityGroupPolicies: 2})), migrate(1, nil)},
		{model.RuleMigrateENIConfig,
			migrate(1, withEvidence(model.Evidence{ENIConfigs: 3})), migrate(1, nil)},
		{model.RuleMigrateSelfManaged,
			migrate(1, func(in *model.Inputs) { in.Nodes[0].Labels = nil }), migrate(1, nil)},
		{model.RuleMigrateWindows,
			migrate(1, func(in *model.Inputs) { in.Nodes[0].Labels[model.LabelOS] = "windows" }),
			migrate(1, nil)},
		{model.RuleMigrateCNISettings,
			migrate(1, withEvidence(awsNode(map[string]string{"WARM_IP_TARGET": "5"}))),
			migrate(1, withEvidence(awsNode(map[string]string{"ENABLE_POD_ENI": "false"})))},
		{model.RuleMigrateCNISettings,
			migrate(1, withEvidence(awsNode(map[string]string{
				"AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG": "true"}))),
			migrate(1, withEvidence(awsNode(nil)))},
		{model.RuleMigrateLBController,
			migrate(1, withEvidence(model.Evidence{Workloads: []model.Workload{{
				Kind: "Deployment", Namespace: "kube-system",
				Name: "aws-load-balancer-controller"}}})),
			migrate(1, withEvidence(model.Evidence{
				IngressClassControllers: []string{"eks.amazonaws.com/alb"}}))},
		{model.RuleMigrateEBSProvisioner,
			migrate(1, withEvidence(model.Evidence{
				StorageClassProvisioners: []string{model.EBSProvisionerAddOn}})),
			migrate(1, withEvidence(model.Evidence{
				StorageClassProvisioners: []string{model.EBSProvisionerAutoMode}}))},
	}
	for _, tt := range tests {
		checkRule(t, tt.rule, []ruleCase{
			{"fires", tt.fires, true},
			{"does not fire", tt.doesNot, false},
		})
	}
}

func TestMigrationAutoModeNodeOverLimitIsNotFlagged(t *testing.T) {
	got := migrate(130, func(in *model.Inputs) {
		in.Nodes[0].Labels = map[string]string{model.LabelComputeType: "auto"}
	})
	if _, ok := findRule(got, model.RuleMigratePodsOver110); ok {
		t.Errorf("an Auto Mode node is already on Auto Mode: %+v", got)
	}
}
