package pricing_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// The example: c6g.large on-demand in ap-northeast-1 is 0.0856 $/h
// for EC2 and 0.010272 $/h of fee, 0.095872 $/h in all, 112% of EC2; a
// managed node group node and an OSS Karpenter node of the same type pay
// no fee. It must hold from the embedded table and from the API alike.
func TestTokyoExample(t *testing.T) {
	c := cluster(
		node("auto", model.KindAuto, "c6g.large", "on-demand", "ap-northeast-1a"),
		node("mng", model.KindManagedNodeGroup, "c6g.large", "on-demand", "ap-northeast-1c"),
		node("oss", model.KindKarpenter, "c6g.large", "on-demand", "ap-northeast-1d"),
	)
	tests := []struct {
		name   string
		opts   func(t *testing.T) pricing.Options
		source model.PriceSource
	}{
		{"embedded", func(*testing.T) pricing.Options {
			return pricing.Options{Source: pricing.SourceEmbedded}
		}, model.SourceEmbedded},
		{"api", func(t *testing.T) pricing.Options { return withFake(t, fake(t)) },
			model.SourceAPI},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := byName(priceSettled(t, pricing.New(tt.opts(t)), c))

			auto := got["auto"].Price
			if !near(auto.EC2.PerHour, 0.0856) || !near(auto.Fee.PerHour, 0.010272) ||
				!near(auto.Total(), 0.095872) {
				t.Errorf("auto node = %+v, total %v; want 0.0856 + 0.010272 = 0.095872",
					auto, auto.Total())
			}
			if r := auto.Total() / auto.EC2.PerHour; !near(r, 1.12) {
				t.Errorf("total is %.4f of EC2, want 1.12", r)
			}
			if auto.EC2.Source != tt.source || auto.Fee.Source != tt.source {
				t.Errorf("sources %q/%q, want %q", auto.EC2.Source, auto.Fee.Source, tt.source)
			}
			for _, name := range []string{"mng", "oss"} {
				p := got[name].Price
				if !near(p.EC2.PerHour, 0.0856) || p.Fee.PerHour != 0 || p.Fee.Known() {
					t.Errorf("%s node = %+v; want EC2 0.0856 and no fee", name, p)
				}
			}
		})
	}
}

func TestPriceLeavesTheSnapshotAlone(t *testing.T) {
	c := cluster(node("auto", model.KindAuto, "c6g.large", "on-demand", "ap-northeast-1a"))
	before := c.Nodes[0]
	p := pricing.New(pricing.Options{Source: pricing.SourceEmbedded})

	priced := p.Price(c)

	if !reflect.DeepEqual(c.Nodes[0], before) || !reflect.DeepEqual(c.Cost, model.Cost{}) ||
		c.NodePools[0].Cost.EC2PerHour != 0 {
		t.Errorf("input changed: %+v", c.Nodes[0])
	}
	if &priced.Nodes[0] == &c.Nodes[0] || &priced.NodePools[0] == &c.NodePools[0] {
		t.Error("priced copy shares the input's slices")
	}
	if !priced.Nodes[0].Price.EC2.Known() {
		t.Error("copy not priced")
	}
}

// Totals add every priced node, count fees only for Auto Mode nodes, and
// name each node they leave out instead of dropping it silently.
func TestTotalsNameUnpricedNodes(t *testing.T) {
	c := cluster(
		node("auto-1", model.KindAuto, "c6g.large", "on-demand", "ap-northeast-1a"),
		node("auto-2", model.KindAuto, "c6g.large", "on-demand", "ap-northeast-1c"),
		node("auto-unknown", model.KindAuto, "t9.huge", "on-demand", "ap-northeast-1a"),
		node("oss", model.KindKarpenter, "c6g.large", "on-demand", "ap-northeast-1a"),
		node("oss-unknown", model.KindKarpenter, "m9.large", "on-demand", "ap-northeast-1a"),
		node("fargate", model.KindFargate, "", "", ""),
	)
	p := pricing.New(pricing.Options{Source: pricing.SourceEmbedded})

	got := p.Price(c)

	if !near(got.Cost.EC2PerHour, 3*0.0856) || !near(got.Cost.FeePerHour, 2*0.010272) {
		t.Errorf("cluster cost = %+v; want EC2 %v, fee %v", got.Cost, 3*0.0856, 2*0.010272)
	}
	want := []string{"auto-unknown", "fargate", "oss-unknown"}
	if !slices.Equal(sorted(got.Cost.Unpriced), want) {
		t.Errorf("unpriced = %v, want %v", got.Cost.Unpriced, want)
	}
	pools := map[string]model.Cost{}
	for _, np := range got.NodePools {
		pools[np.Name] = np.Cost
	}
	if a := pools["pool-auto"]; !near(a.TotalPerHour(), 2*0.095872) ||
		!slices.Equal(a.Unpriced, []string{"auto-unknown"}) {
		t.Errorf("pool-auto cost = %+v", a)
	}
	if k := pools["pool-karpenter"]; !near(k.TotalPerHour(), 0.0856) || k.FeePerHour != 0 ||
		!slices.Equal(k.Unpriced, []string{"oss-unknown"}) {
		t.Errorf("pool-karpenter cost = %+v", k)
	}
	if r := byName(got)["auto-unknown"].Price.Unpriced; r != "no price for t9.huge in "+tokyo {
		t.Errorf("unpriced reason = %q", r)
	}
}

func TestCapacityTypes(t *testing.T) {
	s := fake(t)
	s.SetSpot("ap-northeast-1a", "c6g.large", "0.0301")
	s.SetSpot("ap-northeast-1c", "c6g.large", "0.0322")
	s.SetSpot("ap-northeast-1d", "c6g.large", "0.0288")
	c := cluster(
		node("reserved-auto", model.KindAuto, "c6g.large", "reserved", "ap-northeast-1a"),
		node("reserved-oss", model.KindKarpenter, "c6g.large", "reserved", "ap-northeast-1a"),
		node("spot-auto", model.KindAuto, "c6g.large", "spot", "ap-northeast-1c"),
		node("spot-oss", model.KindKarpenter, "c6g.large", "spot", "ap-northeast-1d"),
		node("spot-nozone", model.KindKarpenter, "c6g.large", "spot", ""),
	)

	got := byName(priceSettled(t, pricing.New(withFake(t, s)), c))

	tests := []struct {
		node            string
		ec2, fee        float64
		reserved, known bool
	}{
		{"reserved-auto", 0, 0.010272, true, true},
		{"reserved-oss", 0, 0, true, true},
		{"spot-auto", 0.0322, 0.010272, false, true},
		{"spot-oss", 0.0288, 0, false, true},
		{"spot-nozone", 0, 0, false, false},
	}
	for _, tt := range tests {
		p := got[tt.node].Price
		if !near(p.EC2.PerHour, tt.ec2) || !near(p.Fee.PerHour, tt.fee) ||
			p.Reserved != tt.reserved || p.Priced() != tt.known {
			t.Errorf("%s = %+v; want EC2 %v, fee %v, reserved %v, priced %v", tt.node, p,
				tt.ec2, tt.fee, tt.reserved, tt.known)
		}
	}
	if p := got["reserved-auto"].Price; p.EC2.Known() {
		t.Errorf("reserved node priced as on-demand: %+v", p.EC2)
	}
	if p := got["spot-auto"].Price; p.EC2.Source != model.SourceAPI {
		t.Errorf("spot source = %q", p.EC2.Source)
	}
}

// With no source for the fee, it is estimated as 12% of on-demand, marked
// as an estimate, and the totals say they hold one.
func TestFeeEstimate(t *testing.T) {
	c := cluster(node("auto", model.KindAuto, "c6g.large", "on-demand", "us-east-1a"))
	c.Region = "us-east-1"
	p := pricing.New(pricing.Options{Source: pricing.SourceEmbedded})

	got := p.Price(c)

	f := got.Nodes[0].Price.Fee
	if !near(f.PerHour, 0.068*0.12) || f.Source != model.SourceEstimate {
		t.Errorf("fee = %+v, want an estimate of %v", f, 0.068*0.12)
	}
	if !got.Cost.Estimated {
		t.Error("cluster cost does not say it holds an estimate")
	}
}

func TestPricingOff(t *testing.T) {
	s := fake(t)
	c := cluster(node("auto", model.KindAuto, "c6g.large", "on-demand", "ap-northeast-1a"))
	o := withFake(t, s)
	o.Source = pricing.SourceOff
	p := pricing.New(o)

	got := priceSettled(t, p, c)

	if n := got.Nodes[0].Price; n.Unpriced != "pricing off" || n.EC2.Known() {
		t.Errorf("node = %+v, want unpriced: pricing off", n)
	}
	if len(got.PricingErrors) != 0 || len(s.Requests()) != 0 {
		t.Errorf("errors %v, %d requests; want none", got.PricingErrors, len(s.Requests()))
	}
}

func TestParseSource(t *testing.T) {
	for _, s := range []string{"auto", "api", "bulk", "cache", "embedded", "off", "API", ""} {
		if _, err := pricing.ParseSource(s); err != nil {
			t.Errorf("ParseSource(%q): %v", s, err)
		}
	}
	_, err := pricing.ParseSource("cheap")
	if err == nil || !strings.Contains(err.Error(), "auto, api, bulk, cache, embedded, off") {
		t.Errorf("ParseSource(cheap) = %v", err)
	}
}

func TestEndpointRegion(t *testing.T) {
	for region, want := range map[string]string{
		"ap-northeast-1": "ap-south-1", "ap-southeast-2": "ap-south-1",
		"eu-west-1": "eu-central-1", "cn-north-1": "cn-northwest-1",
		"us-west-2": "us-east-1", "sa-east-1": "us-east-1", "me-south-1": "us-east-1",
	} {
		if got := pricing.EndpointRegion(region); got != want {
			t.Errorf("EndpointRegion(%s) = %s, want %s", region, got, want)
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestEachNodePricedAsAlone prices a cluster of nodes that differ from one
// another in one way each (kind, type, capacity type, zone, region), and
// checks that every node gets the price it gets when priced on its own:
// nodes alike are priced once a call, and no difference may be lost.
func TestEachNodePricedAsAlone(t *testing.T) {
	nodes := []model.Node{
		node("auto", model.KindAuto, "c6g.large", "on-demand", tokyo+"a"),
		node("group", model.KindManagedNodeGroup, "c6g.large", "on-demand", tokyo+"a"),
		node("other", model.KindAuto, "c6a.large", "on-demand", tokyo+"a"),
		node("spot-a", model.KindAuto, "c6g.large", "spot", tokyo+"a"),
		node("spot-c", model.KindAuto, "c6g.large", "spot", tokyo+"c"),
		node("virginia", model.KindAuto, "c6g.large", "on-demand", "us-east-1a"),
	}
	nodes = append(nodes, slices.Clone(nodes)...)
	p := pricing.New(pricing.Options{Source: pricing.SourceEmbedded})
	all := p.Price(cluster(nodes...))
	for i, n := range all.Nodes {
		alone := p.Price(cluster(nodes[i])).Nodes[0].Price
		if n.Price != alone {
			t.Errorf("node %d (%s) priced %+v in the cluster, %+v alone", i, n.Name, n.Price,
				alone)
		}
	}
	seen := map[model.NodePrice]string{}
	for _, n := range all.Nodes[:len(all.Nodes)/2] {
		if other, ok := seen[n.Price]; ok {
			t.Errorf("nodes %s and %s priced alike, %+v: the test needs them apart", other,
				n.Name, n.Price)
		}
		seen[n.Price] = n.Name
	}
}
