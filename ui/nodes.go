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
		rows = append(rows, kept.row(n.Name, shownNode(n, c.BuiltAt), nodeRow))
	}
	kept.end()
	return rows
}

// nodeShown is every value of a node that its row draws, and all that
// nodeRow reads.
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

func nodeRow(n nodeShown) row {
	name := sanitize.Line(n.name)
	pool := sanitize.Line(n.pool)
	shownPool := pool
	if shownPool == "" && n.group != "" {
		shownPool = "ng/" + sanitize.Line(n.group)
	}
	return row{key: name, pool: pool, cells: []cell{
		{text: name},
		kindCell(n.kind),
		{text: orDash(shownPool)},
		{text: orDash(sanitize.Line(n.instanceType))},
		{text: orDash(sanitize.Line(n.capacity))},
		{text: orDash(sanitize.Line(n.zone))},
		podsCell(n.pods, n.maxPods),
		readyCell(n.ready, n.cordoned),
		ec2Cell(n.price),
		feeCell(n.kind, n.price),
		n.age.cell(n.created),
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

func readyCell(ready, cordoned bool) cell {
	c := cell{text: "yes", tone: toneGood}
	if !ready {
		c = cell{text: "no", tone: toneBad, order: 2}
	}
	if cordoned {
		c.text += " cordoned"
		c.tone, c.order = toneWarn, c.order+1
	}
	return c
}

func itoa(n int) string { return strconv.Itoa(n) }
