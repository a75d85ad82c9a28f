package ui

import (
	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// nodeClassColumns are the NodeClasses panel's columns: Auto Mode
// NodeClasses and OSS Karpenter EC2NodeClasses side by side.
var nodeClassColumns = []column{
	{title: "NAME", priority: 100, name: true},
	{title: "KIND", priority: 90},
	{title: "ORIGIN", priority: 85},
	{title: "POOLS", priority: 70, numeric: true},
	{title: "NODES", priority: 70, numeric: true},
	{title: "READY", priority: 80},
	{title: "AGE", priority: 40, numeric: true},
	{title: "ROLE", priority: 30, fill: true},
}

// nodeClassRows turns the snapshot's NodeClasses into rows. The origin
// reads like a pool's: the class EKS made for the built-in pools is
// built-in, another Auto Mode class is custom, an EC2NodeClass karpenter.
func nodeClassRows(c *model.Cluster) []row {
	rows := make([]row, 0, len(c.NodeClasses))
	for _, nc := range c.NodeClasses {
		name := sanitize.Line(nc.Name)
		origin := model.OriginKarpenter
		switch {
		case nc.IsAutoMode() && nc.BuiltIn:
			origin = model.OriginBuiltIn
		case nc.IsAutoMode():
			origin = model.OriginCustom
		}
		rows = append(rows, row{key: name + "/" + sanitize.Line(nc.Kind), cells: []cell{
			{text: name},
			{text: orDash(sanitize.Line(nc.Kind))},
			originCell(origin),
			{text: itoa(nc.NodePools), order: float64(nc.NodePools)},
			{text: itoa(nc.Nodes), order: float64(nc.Nodes)},
			status(nc.Ready, model.StatusTrue),
			ageCell(c.BuiltAt, nc.Created),
			{text: orDash(sanitize.Line(nc.Role))},
		}})
	}
	return rows
}
