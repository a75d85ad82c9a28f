// Package eksapi reads what AWS knows about an EKS cluster and Kubernetes
// does not: DescribeCluster's Auto Mode settings and the managed policies
// on the cluster and node roles. It only reads, and only when the user has
// AWS credentials; every other package works without it.
package eksapi

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eks"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// Clients are the two AWS API clients Read needs.
type Clients struct {
	EKS *eks.Client
	IAM *iam.Client
}

// NewClients builds the clients from an SDK configuration; tests point it
// at a local server with config.WithBaseEndpoint.
func NewClients(cfg aws.Config) Clients {
	return Clients{EKS: eks.NewFromConfig(cfg), IAM: iam.NewFromConfig(cfg)}
}

// Read asks EKS about the cluster and IAM about its two roles.
func Read(ctx context.Context, c Clients, cluster, region string) (model.AWSView, error) {
	v := model.AWSView{ClusterName: cluster, Region: region}
	out, err := c.EKS.DescribeCluster(ctx, &eks.DescribeClusterInput{Name: aws.String(cluster)})
	if err != nil {
		return v, fmt.Errorf("describing EKS cluster %s: %w", cluster, err)
	}
	if out.Cluster == nil {
		return v, fmt.Errorf("describing EKS cluster %s: the answer holds no cluster", cluster)
	}
	cl := out.Cluster
	v.ClusterRoleARN = aws.ToString(cl.RoleArn)
	if cc := cl.ComputeConfig; cc != nil {
		v.ComputeEnabled = aws.ToBool(cc.Enabled)
		v.NodePools = slices.Sorted(slices.Values(cc.NodePools))
		v.NodeRoleARN = aws.ToString(cc.NodeRoleArn)
	}
	if sc := cl.StorageConfig; sc != nil && sc.BlockStorage != nil {
		v.BlockStorage = aws.ToBool(sc.BlockStorage.Enabled)
	}
	if nc := cl.KubernetesNetworkConfig; nc != nil && nc.ElasticLoadBalancing != nil {
		v.LoadBalancing = aws.ToBool(nc.ElasticLoadBalancing.Enabled)
	}

	if v.ClusterRolePolicies, err = rolePolicies(ctx, c.IAM, v.ClusterRoleARN); err != nil {
		return v, err
	}
	if v.NodeRolePolicies, err = rolePolicies(ctx, c.IAM, v.NodeRoleARN); err != nil {
		return v, err
	}
	return v, nil
}

// rolePolicies lists the names of the managed policies attached to a role,
// every page of them.
func rolePolicies(ctx context.Context, c *iam.Client, arn string) ([]string, error) {
	if arn == "" {
		return nil, nil
	}
	name, err := RoleName(arn)
	if err != nil {
		return nil, err
	}
	var names []string
	pages := iam.NewListAttachedRolePoliciesPaginator(c,
		&iam.ListAttachedRolePoliciesInput{RoleName: aws.String(name)})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return names, fmt.Errorf("listing the policies of role %s: %w", name, err)
		}
		for _, p := range page.AttachedPolicies {
			names = append(names, aws.ToString(p.PolicyName))
		}
	}
	slices.Sort(names)
	return names, nil
}

// RoleName is the name IAM wants for a role ARN: the part after the last
// slash of "arn:aws:iam::123456789012:role/path/name".
func RoleName(arn string) (string, error) {
	_, rest, ok := strings.Cut(arn, ":role/")
	if !ok || rest == "" {
		return "", errors.New("not a role ARN: " + arn)
	}
	return rest[strings.LastIndexByte(rest, '/')+1:], nil
}
