package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// estimateMark prefixes a price that is a guess (model.SourceEstimate),
// so that no estimate passes for a quoted price.
const estimateMark = "≈"

// hourly writes an hourly price for a column: always four decimals, where
// hourly prices live (0.0856, a fee of 0.0103), so that a column of them
// lines up on the point.
func hourly(v float64) string {
	if v >= 1000 {
		return dollars(v)
	}
	return "$" + strconv.FormatFloat(v, 'f', 4, 64)
}

// dollars writes a sum of US dollars for the header: four decimals under
// a dollar, cents under a thousand, whole dollars with separators above.
func dollars(v float64) string {
	switch {
	case v < 1:
		return "$" + strconv.FormatFloat(v, 'f', 4, 64)
	case v < 1000:
		return "$" + strconv.FormatFloat(v, 'f', 2, 64)
	}
	whole := strconv.FormatInt(int64(v+0.5), 10)
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return "$" + b.String()
}

// figureCell is one hourly price: "-" when unknown, ≈ when estimated.
func figureCell(f model.Figure) cell {
	if !f.Known() {
		return cell{text: "-", tone: toneMuted, order: -1}
	}
	c := cell{text: hourly(f.PerHour), order: f.PerHour}
	if f.Source == model.SourceEstimate {
		c.text = estimateMark + c.text
		c.tone = toneWarn
	}
	return c
}

// ec2Cell is a node's EC2 price per hour. Reserved capacity is paid for
// already and says so instead of a price.
func ec2Cell(p model.NodePrice) cell {
	if p.Reserved {
		return cell{text: "reserved", tone: toneMuted}
	}
	return figureCell(p.EC2)
}

// feeCell is a node's Auto Mode fee per hour. Only Auto Mode's instances
// pay it (facts sheet §7), so other nodes say "none" rather than "-".
func feeCell(kind model.NodeKind, p model.NodePrice) cell {
	if kind != model.KindAuto && !p.Fee.Known() {
		return cell{text: "none", tone: toneMuted}
	}
	return figureCell(p.Fee)
}

// costCell is a NodePool's cost per hour, saying how many of its nodes had
// no price, since a total that silently leaves them out would mislead.
func costCell(c model.Cost) cell {
	total := c.TotalPerHour()
	n := len(c.Unpriced)
	if total == 0 && n == 0 {
		return cell{text: "-", tone: toneMuted, order: -1}
	}
	out := cell{text: hourly(total), order: total}
	if c.Estimated {
		out.text = estimateMark + out.text
	}
	switch {
	case n > 0 && total == 0:
		out.text, out.tone = fmt.Sprintf("%d unpriced", n), toneWarn
	case n > 0:
		out.text += fmt.Sprintf(" +%d unpriced", n)
		out.tone = toneWarn
	}
	return out
}

// costItems are the header's cost: per hour, per month over AWS's 730-hour
// month, the fee's share, and the nodes left out. A cluster nobody priced
// shows none.
func costItems(c model.Cost) []item {
	total := c.TotalPerHour()
	if total == 0 && len(c.Unpriced) == 0 {
		return nil
	}
	mark := ""
	if c.Estimated {
		mark = estimateMark
	}
	items := []item{
		{mark + dollars(total) + "/h", 95},
		{mark + dollars(c.PerMonth()) + "/month", 65},
		{fmt.Sprintf("fee %.0f%%", c.FeeShare()*100), 75},
	}
	if n := len(c.Unpriced); n > 0 {
		items = append(items, item{fmt.Sprintf("%d unpriced", n), 80})
	}
	return items
}
