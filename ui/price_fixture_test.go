package ui

import "github.com/kubectl-automode/kubectl-automode/model"

// Hourly on-demand prices the fixtures use, in eu-west-1 terms. They are
// test data, not a price list: the pricing package owns real prices.
var fixturePrices = map[string]float64{
	"c6g.large": 0.0856, "m6i.large": 0.107, "c6i.xlarge": 0.194, "g5.xlarge": 1.123,
	"m5.large": 0.107,
}

// priced sets the price fields the pricing package fills in on a built
// cluster: each node's EC2 price and fee, each pool's and the cluster's
// sums. Auto Mode nodes pay a 12% fee (facts sheet §7a); g5.xlarge's is an
// estimate, spot nodes pay two fifths of on-demand, and reservedNode, when
// set, is reserved capacity.
func priced(c *model.Cluster, reservedNode string) *model.Cluster {
	pools := map[string]*model.NodePool{}
	for i := range c.NodePools {
		pools[c.NodePools[i].Name] = &c.NodePools[i]
	}
	for i := range c.Nodes {
		n := &c.Nodes[i]
		onDemand := fixturePrices[n.InstanceType]
		ec2 := onDemand
		if n.CapacityType == "spot" {
			ec2 = onDemand * 0.4
		}
		n.Price = model.NodePrice{EC2: model.Figure{PerHour: ec2, Source: model.SourceEmbedded}}
		if n.Name == reservedNode {
			n.Price = model.NodePrice{Reserved: true}
		}
		if n.Kind == model.KindAuto {
			n.Price.Fee = model.Figure{PerHour: onDemand * 0.12, Source: model.SourceEmbedded}
			if n.InstanceType == "g5.xlarge" {
				n.Price.Fee.Source = model.SourceEstimate
			}
		}
		c.Cost.Add(n.Name, n.Price)
		if p := pools[n.NodePool]; p != nil {
			p.Cost.Add(n.Name, n.Price)
		}
	}
	return c
}
