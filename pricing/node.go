package pricing

import (
	"fmt"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// estimateShare is the fee as a share of on-demand: every published data
// point is exactly 12% (facts sheet §7a). Used only when no source has the
// fee for the type, and marked SourceEstimate.
const estimateShare = 0.12

// UnpricedOff is the reason every node gives with pricing turned off, so
// that screens can tell "off" from "unknown" and stay quiet about it.
const UnpricedOff = "pricing off"

// priceNodes sets every node's price from the book and returns the figures
// it would like looked up: missing or stale ones not already queued or
// tried lately. The caller holds p.mu for reading.
func (p *Pricer) priceNodes(c *model.Cluster) []key {
	if p.src == SourceOff {
		for i := range c.Nodes {
			c.Nodes[i].Price = model.NodePrice{Unpriced: UnpricedOff}
		}
		return nil
	}

	now := p.opts.Now()
	var want []key
	var seen map[key]struct{}
	need := func(k key) {
		if !p.src.usesNetwork() || p.book.fresh(p.src, k, now) {
			return
		}
		if _, ok := p.pending[k]; ok {
			return
		}
		if t, ok := p.tried[k]; ok && now.Sub(t) < p.opts.RetryAfter {
			return
		}
		if _, ok := seen[k]; ok {
			return
		}
		if seen == nil {
			seen = map[key]struct{}{}
		}
		seen[k] = struct{}{}
		want = append(want, k)
	}

	// A node's price depends on nothing but its kind, type, capacity type,
	// zone and region, and the nodes of a cluster share a few dozen of
	// those: each is priced once a call, not once a node.
	type shape struct {
		kind                        model.NodeKind
		typ, capacity, zone, region string
	}
	priced := map[shape]model.NodePrice{}
	for i := range c.Nodes {
		n := &c.Nodes[i]
		s := shape{n.Kind, n.InstanceType, n.CapacityType, n.Zone, p.regionOf(c, n)}
		np, ok := priced[s]
		if !ok {
			np = p.priceNode(n, s.region, need)
			priced[s] = np
		}
		n.Price = np
	}
	return want
}

// regionOf is the region a node's prices come from: --region, else the
// node's topology label, else the cluster's majority region. Never the AWS
// profile's region (issue 4 §2).
func (p *Pricer) regionOf(c *model.Cluster, n *model.Node) string {
	switch {
	case p.opts.Region != "":
		return p.opts.Region
	case n.Region != "":
		return n.Region
	}
	return c.Region
}

// priceNode prices one node. Only Auto Mode nodes pay the fee; managed node
// groups, OSS Karpenter and self-managed nodes do not (facts sheet §9).
// Reserved capacity is never priced as on-demand. A node with no capacity
// type label is priced as on-demand, which is what an unlabelled
// self-managed instance almost always is.
func (p *Pricer) priceNode(n *model.Node, region string, need func(key)) model.NodePrice {
	switch {
	case n.Kind == model.KindFargate:
		return model.NodePrice{Unpriced: "Fargate bills per pod, not per node"}
	case n.Kind == model.KindHybrid:
		return model.NodePrice{Unpriced: "hybrid node: not an EC2 instance"}
	case n.InstanceType == "":
		return model.NodePrice{Unpriced: "no instance type label"}
	case region == "":
		return model.NodePrice{Unpriced: "no region label; use --region"}
	}

	var np model.NodePrice
	typ := n.InstanceType
	switch n.CapacityType {
	case "spot":
		if n.Zone == "" {
			np.Unpriced = "spot node with no zone label"
			break
		}
		k := key{kind: kindSpot, region: region, zone: n.Zone, typ: typ}
		need(k)
		if f, ok := p.book.figure(p.src, k); ok {
			np.EC2 = f
		} else {
			np.Unpriced = fmt.Sprintf("no spot price for %s in %s", typ, n.Zone)
		}
	case "reserved":
		np.Reserved = true
	default:
		if ph, ok := p.opts.Overrides[typ]; ok {
			np.EC2 = model.Figure{PerHour: ph, Source: model.SourceOverride,
				AsOf: p.opts.OverridesAsOf}
			break
		}
		k := key{kind: kindEC2, region: region, typ: typ}
		need(k)
		if f, ok := p.book.figure(p.src, k); ok {
			np.EC2 = f
		} else {
			np.Unpriced = fmt.Sprintf("no price for %s in %s", typ, region)
		}
	}

	if n.Kind != model.KindAuto {
		return np
	}
	np.Fee = p.fee(region, typ, need)
	np.Fee.PerHour *= 1 - p.opts.FeeDiscount/100
	if !np.Fee.Known() && np.Unpriced == "" {
		// A total that left the fee out would understate what the node
		// costs, so the node is named as unpriced instead.
		np.Unpriced = fmt.Sprintf("no Auto Mode fee for %s in %s", typ, region)
	}
	return np
}

// fee is the Auto Mode fee of a type: from a source if any has it, else
// estimated as 12% of the on-demand price. The fee of a spot or reserved
// node is the same per-type figure; whether AWS discounts it for spot is
// unverified (facts sheet §7a).
func (p *Pricer) fee(region, typ string, need func(key)) model.Figure {
	k := key{kind: kindFee, region: region, typ: typ}
	need(k)
	if f, ok := p.book.figure(p.src, k); ok {
		return f
	}
	od := key{kind: kindEC2, region: region, typ: typ}
	need(od)
	if f, ok := p.book.figure(p.src, od); ok {
		return model.Figure{PerHour: f.PerHour * estimateShare, Source: model.SourceEstimate,
			AsOf: f.AsOf}
	}
	return model.Figure{}
}
