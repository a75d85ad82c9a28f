package ui

import (
	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// nodePoolColumns are the NodePools panel's columns. COST is the pool's
// nodes' EC2 price and Auto Mode fee per hour, added up.
var nodePoolColumns = []column{
	{title: "NAME", priority: 100, name: true},
	{title: "ORIGIN", priority: 90},
	{title: "NODECLASS", priority: 50, max: 24},
	{title: "NODES", priority: 80, numeric: true},
	{title: "CPU", priority: 70, numeric: true},
	{title: "MEMORY", priority: 60, numeric: true},
	{title: "COST/H", priority: 65, numeric: true},
	{title: "READY", priority: 85},
	{title: "AGE", priority: 40, numeric: true},
}

// nodePoolRows turns the snapshot's NodePools into rows. CPU and memory are
// what pods on the pool's nodes request, against the pool's spec.limits.
func nodePoolRows(c *model.Cluster) []row {
	rows := make([]row, 0, len(c.NodePools))
	for _, p := range c.NodePools {
		name := sanitize.Line(p.Name)
		rows = append(rows, row{key: name, pool: name, cells: []cell{
			{text: name},
			originCell(p.Origin),
			{text: orDash(sanitize.Line(p.NodeClassRef.Name))},
			{text: itoa(p.Nodes), order: float64(p.Nodes)},
			usedOf(p.Requests.CPUMillis, p.Limits.CPUMillis, cores),
			usedOf(p.Requests.MemoryBytes, p.Limits.MemoryBytes, bytesIEC),
			costCell(p.Cost),
			status(p.Ready, model.StatusTrue),
			ageCell(c.BuiltAt, p.Created),
		}})
	}
	return rows
}

// originCell is a pool's origin badge. Built-in pools are the ones EKS owns
// and the user cannot edit, which is why they stand out.
func originCell(o model.Origin) cell {
	switch o {
	case model.OriginBuiltIn:
		return cell{text: string(o), tone: toneAccent}
	case model.OriginUnknown, "":
		return cell{text: "unknown", tone: toneWarn}
	}
	return cell{text: string(o)}
}
