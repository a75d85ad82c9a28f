package model

import "fmt"

// EstimatedFeeShare is the Auto Mode fee as a share of the EC2 on-demand
// price: every published data point is 12.0% (facts sheet §7a). It is an
// estimate, used only where no fee was priced.
const EstimatedFeeShare = 0.12

// NodeFee is one node's Auto Mode fee: paid today, or what it would pay if
// Auto Mode launched it.
type NodeFee struct {
	Node         string   `json:"node"`
	Kind         NodeKind `json:"kind"`
	InstanceType string   `json:"instanceType"`
	EC2PerHour   float64  `json:"ec2PerHour"`
	FeePerHour   float64  `json:"feePerHour"`
	// Paid is true for an Auto Mode node, whose fee is on today's bill.
	Paid bool `json:"paid"`
	// Estimated is true when the fee is 12% of the EC2 price rather than a
	// priced figure.
	Estimated bool `json:"estimated,omitempty"`
	// Unpriced says why the node has no fee figure, when it has none.
	Unpriced string `json:"unpriced,omitempty"`
}

// Summary says in a few words what the node pays or would pay, and how sure
// that is: ≈ marks a fee estimated from the EC2 price (facts sheet §7a).
// The comparison's screen and the compare command both print it.
func (f NodeFee) Summary() string {
	if f.Unpriced != "" {
		return "not priced: " + f.Unpriced
	}
	approx, when := "", "would pay"
	if f.Estimated {
		approx = "≈"
	}
	if f.Paid {
		when = "pays"
	}
	return fmt.Sprintf("%s %s$%.4f/h", when, approx, f.FeePerHour)
}

// FeeTotal adds up the nodes' fees per hour.
type FeeTotal struct {
	// PaidPerHour is the fee the Auto Mode nodes pay today.
	PaidPerHour float64 `json:"paidPerHour"`
	// AllAutoPerHour is the fee if every EC2 node were an Auto Mode node.
	AllAutoPerHour float64 `json:"allAutoPerHour"`
	Estimated      bool    `json:"estimated,omitempty"`
	// Unpriced names the nodes left out of the sums.
	Unpriced []string `json:"unpriced,omitempty"`
}

// nodeFees works out each EC2 node's fee. Fargate and hybrid nodes stay
// what they are under Auto Mode and pay no fee, so they are left out.
func nodeFees(nodes []Node) ([]NodeFee, FeeTotal) {
	var (
		fees  []NodeFee
		total FeeTotal
	)
	for _, n := range nodes {
		if n.Kind == KindFargate || n.Kind == KindHybrid {
			continue
		}
		f := nodeFee(n)
		fees = append(fees, f)
		if f.Unpriced != "" {
			total.Unpriced = append(total.Unpriced, n.Name)
			continue
		}
		if f.Paid {
			total.PaidPerHour += f.FeePerHour
		}
		total.AllAutoPerHour += f.FeePerHour
		total.Estimated = total.Estimated || f.Estimated
	}
	return fees, total
}

func nodeFee(n Node) NodeFee {
	f := NodeFee{Node: n.Name, Kind: n.Kind, InstanceType: n.InstanceType,
		EC2PerHour: n.Price.EC2.PerHour, Paid: n.Kind == KindAuto}
	switch {
	case n.Kind == KindAuto && n.Price.Fee.Known():
		f.FeePerHour = n.Price.Fee.PerHour
		f.Estimated = n.Price.Fee.Source == SourceEstimate
	case !n.Price.EC2.Known():
		f.Unpriced = n.Price.Unpriced
		if f.Unpriced == "" {
			f.Unpriced = "no EC2 price"
		}
	case n.CapacityType == "spot":
		// The fee follows the instance type's on-demand price (facts
		// sheet §7a); 12% of a spot price would understate it.
		f.Unpriced = "spot: the fee follows the on-demand price, not known here"
	default:
		f.FeePerHour = n.Price.EC2.PerHour * EstimatedFeeShare
		f.Estimated = true
	}
	return f
}

// money writes an hourly figure the way the comparison shows it.
func money(perHour float64, estimated bool) string {
	approx := ""
	if estimated {
		approx = "≈"
	}
	return fmt.Sprintf("%s$%.4f/h ($%.0f/month)", approx, perHour, perHour*HoursPerMonth)
}

// feeRows are the comparison's two fee rows: per node and for the cluster.
func feeRows(fees []NodeFee, total FeeTotal) []CompareRow {
	perNode := "no EC2 nodes"
	var paying, moving int
	for _, f := range fees {
		if f.Paid {
			paying++
		} else {
			moving++
		}
	}
	if len(fees) > 0 {
		perNode = fmt.Sprintf("%d node(s) pay it today; %d would pay it on Auto Mode",
			paying, moving)
	}

	cluster := fmt.Sprintf("today %s; all on Auto Mode %s", money(total.PaidPerHour, false),
		money(total.AllAutoPerHour, total.Estimated))
	if total.Estimated {
		cluster += "; ≈ is an estimate: 12% of the EC2 price"
	}
	if n := len(total.Unpriced); n > 0 {
		cluster += fmt.Sprintf("; %d node(s) not priced", n)
	}
	return []CompareRow{
		{Topic: "Fee per node", Standard: "none",
			AutoMode: "per instance, on top of EC2: about 12% of on-demand, per second",
			Cluster:  perNode, Link: LinkAutoMode},
		{Topic: "Fee for this cluster", Standard: "none",
			AutoMode: "the sum over every node Auto Mode launches",
			Cluster:  cluster, Link: LinkAutoMode},
	}
}
