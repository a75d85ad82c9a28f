package ui

import (
	"strconv"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// nodeColumns are the Nodes panel's columns. The EC2 price and the Auto
// Mode fee per hour are columns of their own, kept apart on purpose: the
// fee is what Auto Mode adds to the bill (facts sheet §7).
var nodeColumns = []column{
	{title: "NAME", priority: 100, name: true},
	{title: "KIND", priority: 95},
	{title: "POOL", priority: 80, max: 24},
	{title: "TYPE", priority: 70},
	{title: "CAPACITY", priority: 50},
	{title: "ZONE", priority: 40},
	{title: "PODS", priority: 85, numeric: true},
	{title: "READY", priority: 90},
	{title: "EC2/H", priority: 60, numeric: true},
	{title: "FEE/H", priority: 65, numeric: true},
	{title: "AGE", priority: 30, numeric: true},
}

// nodeRows turns the snapshot's nodes into rows. A node outside any
// NodePool shows its managed node group in the POOL column, marked "ng/".
func nodeRows(c *model.Cluster) []row {
	rows := make([]row, 0, len(c.Nodes))
	for _, n := range c.Nodes {
		name := sanitize.Line(n.Name)
		pool := sanitize.Line(n.NodePool)
		shownPool := pool
		if shownPool == "" && n.NodeGroup != "" {
			shownPool = "ng/" + sanitize.Line(n.NodeGroup)
		}
		rows = append(rows, row{key: name, pool: pool, cells: []cell{
			{text: name},
			kindCell(n.Kind),
			{text: orDash(shownPool)},
			{text: orDash(sanitize.Line(n.InstanceType))},
			{text: orDash(sanitize.Line(n.CapacityType))},
			{text: orDash(sanitize.Line(n.Zone))},
			podsCell(n.Pods, n.MaxPods),
			nodeReadyCell(n),
			ec2Cell(n.Price),
			feeCell(n),
			ageCell(c.BuiltAt, n.Created),
		}})
	}
	return rows
}

// kindCell is the node's kind badge; Auto Mode's nodes stand out, since
// they are the ones the tool is about.
func kindCell(k model.NodeKind) cell {
	c := cell{text: orDash(k.Badge())}
	if k == model.KindAuto {
		c.tone = toneAccent
	}
	return c
}

// podsCell is "pods/maxPods", marked when the node can take no more.
func podsCell(pods, maxPods int) cell {
	c := cell{order: float64(pods)}
	if maxPods <= 0 {
		c.text = itoa(pods) + "/?"
		return c
	}
	c.text = itoa(pods) + "/" + itoa(maxPods)
	if pods >= maxPods {
		c.text += " full"
		c.tone = toneBad
	}
	return c
}

func nodeReadyCell(n model.Node) cell {
	c := cell{text: "yes", tone: toneGood}
	if !n.Ready {
		c = cell{text: "no", tone: toneBad, order: 2}
	}
	if n.Unschedulable {
		c.text += " cordoned"
		c.tone, c.order = toneWarn, c.order+1
	}
	return c
}

func itoa(n int) string { return strconv.Itoa(n) }
