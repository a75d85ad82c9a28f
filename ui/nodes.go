package ui

import (
	"strconv"
	"time"

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
func nodeRows(c *model.Cluster) []row { return nodeRowsKeeping(c, nil) }

// nodeRowsKeeping is nodeRows keeping the rows of unchanged nodes in kept;
// a nil kept makes every row.
func nodeRowsKeeping(c *model.Cluster, kept *rowMemo[nodeShown]) []row {
	rows := make([]row, 0, len(c.Nodes))
	kept.begin(len(c.Nodes))
	for i := range c.Nodes {
		n := &c.Nodes[i]
		shown := shownNode(n, c.BuiltAt)
		r, ok := kept.get(n.Name, shown)
		if !ok {
			r = nodeRow(n, c.BuiltAt)
			kept.put(n.Name, shown, r)
		}
		rows = append(rows, r)
	}
	kept.end()
	return rows
}

// nodeShown is every value of a node that its row draws.
type nodeShown struct {
	name, pool, group, instanceType, capacity, zone string

	kind            model.NodeKind
	pods, maxPods   int
	ready, cordoned bool
	price           model.NodePrice
	created         time.Time
	age             ageSpan
}

func shownNode(n *model.Node, now time.Time) nodeShown {
	return nodeShown{
		name: n.Name, pool: n.NodePool, group: n.NodeGroup, instanceType: n.InstanceType,
		capacity: n.CapacityType, zone: n.Zone,
		kind: n.Kind, pods: n.Pods, maxPods: n.MaxPods,
		ready: n.Ready, cordoned: n.Unschedulable,
		price: n.Price, created: n.Created, age: ageOf(now, n.Created),
	}
}

func nodeRow(n *model.Node, now time.Time) row {
	name := sanitize.Line(n.Name)
	pool := sanitize.Line(n.NodePool)
	shownPool := pool
	if shownPool == "" && n.NodeGroup != "" {
		shownPool = "ng/" + sanitize.Line(n.NodeGroup)
	}
	return row{key: name, pool: pool, cells: []cell{
		{text: name},
		kindCell(n.Kind),
		{text: orDash(shownPool)},
		{text: orDash(sanitize.Line(n.InstanceType))},
		{text: orDash(sanitize.Line(n.CapacityType))},
		{text: orDash(sanitize.Line(n.Zone))},
		podsCell(n.Pods, n.MaxPods),
		nodeReadyCell(*n),
		ec2Cell(n.Price),
		feeCell(*n),
		ageCell(now, n.Created),
	}}
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
