package cli

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// nodeJSON is a node as get -o json prints it: every field of model.Node,
// plus its price flattened into the five fields issue 4 names. A figure
// nobody knows is null, never zero; a fee a node does not pay is zero.
type nodeJSON struct {
	model.Node
	EC2PricePerHour    *float64           `json:"ec2PricePerHour"`
	AutoModeFeePerHour *float64           `json:"autoModeFeePerHour"`
	TotalPricePerHour  *float64           `json:"totalPricePerHour"`
	PriceSource        *model.PriceSource `json:"priceSource"`
	PriceAsOf          *time.Time         `json:"priceAsOf"`
}

// jsonItem turns a row's value into what -o json and -o yaml print.
func jsonItem(v any) any {
	n, ok := v.(model.Node)
	if !ok {
		return v
	}
	out := nodeJSON{Node: n}
	p := n.Price
	if p.Unpriced == pricing.UnpricedOff {
		return out
	}
	var figures []model.Figure
	switch {
	case p.Reserved:
		out.EC2PricePerHour = ptr(0.0)
	case p.EC2.Known():
		out.EC2PricePerHour = ptr(p.EC2.PerHour)
		figures = append(figures, p.EC2)
	}
	switch {
	case n.Kind != model.KindAuto:
		out.AutoModeFeePerHour = ptr(0.0)
	case p.Fee.Known():
		out.AutoModeFeePerHour = ptr(p.Fee.PerHour)
		figures = append(figures, p.Fee)
	}
	if p.Priced() {
		out.TotalPricePerHour = ptr(p.Total())
	}
	out.PriceSource, out.PriceAsOf = weakest(figures)
	return out
}

// sourceRank orders sources from the most to the least certain.
var sourceRank = map[model.PriceSource]int{model.SourceOverride: 0, model.SourceAPI: 1,
	model.SourceBulk: 2, model.SourceCache: 3, model.SourceEmbedded: 4, model.SourceEstimate: 5}

// weakest is the least certain source among a node's figures and the
// oldest date: what a reader should assume of the whole price.
func weakest(figures []model.Figure) (*model.PriceSource, *time.Time) {
	if len(figures) == 0 {
		return nil, nil
	}
	src, asOf := figures[0].Source, figures[0].AsOf
	for _, f := range figures[1:] {
		if sourceRank[f.Source] > sourceRank[src] {
			src = f.Source
		}
		if !f.AsOf.IsZero() && (asOf.IsZero() || f.AsOf.Before(asOf)) {
			asOf = f.AsOf
		}
	}
	if asOf.IsZero() {
		return &src, nil
	}
	return &src, &asOf
}

func ptr[T any](v T) *T { return &v }

// priceCells are a node's EC2 and fee cells: ≈ marks an estimate,
// "reserved" capacity paid for elsewhere, "-" a price nobody knows, and 0
// the fee of a node that pays none.
func priceCells(n model.Node) []string {
	p := n.Price
	if p.Unpriced == pricing.UnpricedOff {
		return []string{"-", "-"}
	}
	ec2 := "-"
	switch {
	case p.Reserved:
		ec2 = "reserved"
	case p.EC2.Known():
		ec2 = figure(p.EC2)
	}
	fee := "-"
	switch {
	case n.Kind != model.KindAuto:
		fee = "0"
	case p.Fee.Known():
		fee = figure(p.Fee)
	}
	return []string{ec2, fee}
}

// costCells are a pool's total per hour and per 730-hour month; "-" when
// none of its nodes has a price, so that a pool of unknown types does not
// read as free.
func costCells(c model.Cost, off bool) []string {
	if off || (len(c.Unpriced) > 0 && c.TotalPerHour() == 0) {
		return []string{"-", "-"}
	}
	mark := ""
	if c.Estimated {
		mark = "≈"
	}
	return []string{mark + money(c.TotalPerHour()), mark + fmt.Sprintf("%.2f", c.PerMonth())}
}

func figure(f model.Figure) string {
	if f.Source == model.SourceEstimate {
		return "≈" + money(f.PerHour)
	}
	return money(f.PerHour)
}

// money prints dollars per hour to the micro-dollar, the precision the
// Price List uses for fees, without trailing zeros.
func money(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
}
