package model

import "time"

// HoursPerMonth is the month AWS prices by: 730 hours (365 × 24 / 12).
const HoursPerMonth = 730

// PriceSource says where a figure came from, so that a screen can be honest
// about how fresh and how certain it is.
type PriceSource string

// The price sources, in the order the pricing package tries them.
const (
	// SourceOverride is a price the user set, for a negotiated discount.
	SourceOverride PriceSource = "override"
	// SourceAPI is the AWS Price List Query API or EC2's spot price history.
	SourceAPI PriceSource = "api"
	// SourceBulk is the public Price List bulk file, which needs no
	// credentials.
	SourceBulk PriceSource = "bulk"
	// SourceCache is an earlier answer kept on disk.
	SourceCache PriceSource = "cache"
	// SourceEmbedded is the table built into the binary.
	SourceEmbedded PriceSource = "embedded"
	// SourceEstimate is a guess: the Auto Mode fee as 12% of on-demand,
	// used only when no source knows the instance type. Screens mark it ≈.
	SourceEstimate PriceSource = "estimate"
)

// Figure is one hourly price in US dollars with where it came from.
type Figure struct {
	PerHour float64     `json:"perHour"`
	Source  PriceSource `json:"source,omitempty"`
	// AsOf is the date of the data behind the figure, not when it was read.
	AsOf time.Time `json:"asOf,omitempty"`
}

// Known reports whether the figure holds a price.
func (f Figure) Known() bool { return f.Source != "" }

// NodePrice is what one node costs per hour, in the parts a bill shows
// them: the EC2 instance, and on top of it the Auto Mode fee, which only
// instances launched by Auto Mode pay (facts sheet §7, §9).
type NodePrice struct {
	// EC2 is the instance's price: on-demand, or spot in the node's zone.
	// A reserved node has none; Reserved says so instead.
	EC2 Figure `json:"ec2"`
	// Fee is the Auto Mode fee; zero with no source for every other kind.
	Fee Figure `json:"fee"`
	// Reserved is true for capacity the user already paid for (an ODCR or
	// capacity block), which is never priced as on-demand.
	Reserved bool `json:"reserved,omitempty"`
	// Unpriced says why the node has no EC2 price, when it has none and is
	// not reserved: "no price for t9.huge in eu-west-9", "pricing off".
	Unpriced string `json:"unpriced,omitempty"`
}

// Total is the node's EC2 price plus its fee per hour.
func (p NodePrice) Total() float64 { return p.EC2.PerHour + p.Fee.PerHour }

// Priced reports whether the node counts fully in a total: it has an EC2
// price, or it is reserved capacity, whose EC2 cost is paid elsewhere.
func (p NodePrice) Priced() bool { return p.Unpriced == "" }

// Cost adds up nodes' prices, and counts and names the nodes that had none,
// so that no total silently leaves them out.
type Cost struct {
	EC2PerHour float64 `json:"ec2PerHour"`
	FeePerHour float64 `json:"feePerHour"`
	// Estimated is true when any fee in the sum is an estimate.
	Estimated bool `json:"estimated,omitempty"`
	// Unpriced names the nodes left out of the sum.
	Unpriced []string `json:"unpriced,omitempty"`
}

// TotalPerHour is the EC2 price plus the fee per hour.
func (c Cost) TotalPerHour() float64 { return c.EC2PerHour + c.FeePerHour }

// PerMonth is TotalPerHour over a 730-hour month.
func (c Cost) PerMonth() float64 { return c.TotalPerHour() * HoursPerMonth }

// FeeShare is the fee's share of the total, from 0 to 1.
func (c Cost) FeeShare() float64 {
	if t := c.TotalPerHour(); t > 0 {
		return c.FeePerHour / t
	}
	return 0
}

// Add counts one node's price into the sum.
func (c *Cost) Add(node string, p NodePrice) {
	if !p.Priced() {
		c.Unpriced = append(c.Unpriced, node)
		return
	}
	c.EC2PerHour += p.EC2.PerHour
	c.FeePerHour += p.Fee.PerHour
	if p.Fee.Source == SourceEstimate {
		c.Estimated = true
	}
}
