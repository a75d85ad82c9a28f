package eksapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/eksapi"
	"github.com/kubectl-automode/kubectl-automode/internal/eksapi/eksapitest"
	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestReadAutoModeCluster(t *testing.T) {
	fake := eksapitest.Start(t)
	fake.Cluster["kubernetesNetworkConfig"] = map[string]any{
		"elasticLoadBalancing": map[string]any{"enabled": false}}
	got, err := eksapi.Read(t.Context(), eksapi.NewClients(fake.Config()), "prod",
		"ap-northeast-1")
	if err != nil {
		t.Fatal(err)
	}
	want := model.AWSView{
		ClusterName: "prod", Region: "ap-northeast-1", ComputeEnabled: true,
		NodePools:      []string{"general-purpose", "system"},
		NodeRoleARN:    "arn:aws:iam::123456789012:role/eks/prod-node",
		ClusterRoleARN: "arn:aws:iam::123456789012:role/prod-cluster",
		BlockStorage:   true, LoadBalancing: false,
		ClusterRolePolicies: []string{"AmazonEKSBlockStoragePolicy", "AmazonEKSClusterPolicy",
			"AmazonEKSComputePolicy", "AmazonEKSLoadBalancingPolicy"},
		NodeRolePolicies: []string{"AmazonEC2ContainerRegistryPullOnly",
			"AmazonEKSWorkerNodeMinimalPolicy"},
	}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("view =\n %+v\nwant\n %+v", got, want)
	}
	calls := strings.Join(fake.Calls(), ", ")
	if calls != "DescribeCluster, "+strings.Repeat("ListAttachedRolePolicies prod-cluster, ", 4)+
		"ListAttachedRolePolicies prod-node, ListAttachedRolePolicies prod-node" {
		t.Errorf("calls = %s; want DescribeCluster, then every page of each role", calls)
	}
}

func TestReadStandardCluster(t *testing.T) {
	fake := eksapitest.Start(t)
	fake.Cluster["computeConfig"] = map[string]any{"enabled": false}
	delete(fake.Cluster, "storageConfig")
	got, err := eksapi.Read(t.Context(), eksapi.NewClients(fake.Config()), "prod", "")
	if err != nil {
		t.Fatal(err)
	}
	if got.ComputeEnabled || got.NodeRoleARN != "" || got.NodeRolePolicies != nil ||
		got.BlockStorage || len(got.ClusterRolePolicies) != 4 {
		t.Errorf("view = %+v, want compute off, no node role, the cluster role read", got)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name    string
		cluster string
		edit    func(f *eksapitest.Server)
		want    string
	}{
		{"an unknown cluster", "nope", nil, "describing EKS cluster nope: "},
		{"IAM denies", "prod", func(f *eksapitest.Server) { f.DenyIAM = true },
			"listing the policies of role prod-cluster: "},
		{"a role that is not an ARN", "prod", func(f *eksapitest.Server) {
			f.Cluster["roleArn"] = "prod-cluster"
		}, "not a role ARN: prod-cluster"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := eksapitest.Start(t)
			if tt.edit != nil {
				tt.edit(fake)
			}
			_, err := eksapi.Read(t.Context(), eksapi.NewClients(fake.Config()), tt.cluster, "")
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to start %q", err, tt.want)
			}
		})
	}
}
