package model_test

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

func compareCluster() *model.Cluster {
	now := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	autoNode := model.Node{Name: "i-0aaa", InstanceType: "c6g.large", Created: now.Add(-time.Hour),
		Labels: map[string]string{model.LabelComputeType: "auto"}}
	mngNode := model.Node{Name: "ip-10-0-1-1", InstanceType: "m5.large",
		Created: now.Add(-30 * 24 * time.Hour),
		Labels:  map[string]string{model.LabelNodeGroup: "general"}}
	fargate := model.Node{Name: "fargate-ip-1", Labels: map[string]string{
		model.LabelComputeType: "fargate"}}
	spot := model.Node{Name: "ip-10-0-5-5", InstanceType: "c5.xlarge", Created: now,
		Labels: map[string]string{model.LabelNodeGroup: "spot",
			"eks.amazonaws.com/capacityType": "SPOT"}}
	unpriced := model.Node{Name: "ip-10-0-9-9", InstanceType: "t9.huge", Created: now,
		Labels: map[string]string{model.LabelNodeGroup: "odd"}}
	var pods []*model.Pod
	for range 120 {
		pods = append(pods, &model.Pod{Name: "p", NodeName: mngNode.Name, Phase: "Running"})
	}
	c := model.Build(model.Inputs{ClusterName: "prod", Now: now, Pods: pods,
		Nodes: []model.Node{autoNode, mngNode, fargate, unpriced, spot},
		NodePools: []model.NodePool{{Name: "general-purpose", Labels: eksLabels,
			NodeClassRef: autoRef}},
		Evidence: model.Evidence{ENIConfigs: 3, SecurityGroupPolicies: 1},
	})
	// Prices as the pricing package sets them after Build (facts sheet
	// §7a: c6g.large in Tokyo, on-demand and fee).
	for i := range c.Nodes {
		switch c.Nodes[i].Name {
		case "i-0aaa":
			c.Nodes[i].Price = model.NodePrice{
				EC2: model.Figure{PerHour: 0.0856, Source: model.SourceEmbedded},
				Fee: model.Figure{PerHour: 0.01027, Source: model.SourceEmbedded}}
		case "ip-10-0-1-1":
			c.Nodes[i].Price = model.NodePrice{
				EC2: model.Figure{PerHour: 0.096, Source: model.SourceEmbedded}}
		case "ip-10-0-5-5":
			c.Nodes[i].Price = model.NodePrice{
				EC2: model.Figure{PerHour: 0.07, Source: model.SourceAPI}}
		case "ip-10-0-9-9":
			c.Nodes[i].Price = model.NodePrice{Unpriced: "no price for t9.huge"}
		}
	}
	return c
}

func TestCompareFees(t *testing.T) {
	got := model.Compare(compareCluster())

	if len(got.Fees) != 4 {
		t.Fatalf("%d node fees, want 4: Fargate pays no fee and is left out", len(got.Fees))
	}
	if !near(got.Fee.PaidPerHour, 0.01027) {
		t.Errorf("paid today = %v, want the Auto Mode node's fee 0.01027", got.Fee.PaidPerHour)
	}
	if want := 0.01027 + 0.096*0.12; !near(got.Fee.AllAutoPerHour, want) {
		t.Errorf("all on Auto Mode = %v, want %v: the node group's 12%% added", got.Fee.AllAutoPerHour,
			want)
	}
	if !got.Fee.Estimated {
		t.Error("the node group's fee is 12% of EC2: the total must say it is an estimate")
	}
	if strings.Join(got.Fee.Unpriced, ",") != "ip-10-0-5-5,ip-10-0-9-9" {
		t.Errorf("unpriced = %v, want the spot node (its price is no base for the fee) "+
			"and the t9.huge node", got.Fee.Unpriced)
	}
	row := rowOf(t, got, "Fee for this cluster")
	if !strings.Contains(row.Cluster, "estimate: 12% of the EC2 price") ||
		!strings.Contains(row.Cluster, "2 node(s) not priced") {
		t.Errorf("fee row = %q", row.Cluster)
	}
}

func TestCompareWithoutPricesSaysSo(t *testing.T) {
	c := compareCluster()
	for i := range c.Nodes {
		c.Nodes[i].Price = model.NodePrice{}
	}
	got := model.Compare(c)
	if got.Fee.AllAutoPerHour != 0 || len(got.Fee.Unpriced) != 4 {
		t.Errorf("fee = %+v, want nothing summed and four nodes unpriced", got.Fee)
	}
}

func TestCompareRowsDescribeThisCluster(t *testing.T) {
	got := model.Compare(compareCluster())
	want := map[string]string{
		"Pods per node":       "most on one node: 120 (ip-10-0-1-1); 1 node(s) over 110",
		"Built-in pools":      "built-in: general-purpose",
		"Node lifetime":       "oldest node: 30d0h (ip-10-0-1-1); over 21 days",
		"Custom networking":   "3 ENIConfig(s); 0 NodeClass(es) with pod subnets",
		"Pod security groups": "1 SecurityGroupPolicy object(s)",
	}
	for topic, cluster := range want {
		if row := rowOf(t, got, topic); row.Cluster != cluster {
			t.Errorf("%s: cluster = %q, want %q", topic, row.Cluster, cluster)
		}
	}
	for _, topic := range []string{"IAM: cluster role", "IAM: node role", "AMI and OS",
		"Conntrack and VPC CNI settings", "Fee per node"} {
		row := rowOf(t, got, topic)
		if row.Standard == "" || row.AutoMode == "" || row.Standard == row.AutoMode {
			t.Errorf("%s: %+v does not set the two apart", topic, row)
		}
	}
	var same []string
	for _, r := range got.Same {
		same = append(same, r.Topic)
	}
	if strings.Join(same, ",") != "Authentication,Pod autoscaling" {
		t.Errorf("points that stay the same: %v", same)
	}
}

func rowOf(t *testing.T, c model.Comparison, topic string) model.CompareRow {
	t.Helper()
	for _, r := range c.Rows {
		if r.Topic == topic {
			return r
		}
	}
	t.Fatalf("no row %q", topic)
	return model.CompareRow{}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
