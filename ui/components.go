package ui

import (
	"strings"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// componentColumns are the Components panel's columns: who runs each piece
// Auto Mode hides, and why the tool thinks so.
var componentColumns = []column{
	{title: "NAME", priority: 100, name: true},
	{title: "STATE", priority: 90},
	{title: "VERSION", priority: 70, max: 24},
	{title: "EVIDENCE", priority: 80, fill: true},
}

// componentRows turns the snapshot's components into rows, the evidence
// joined into one line.
func componentRows(c *model.Cluster) []row {
	rows := make([]row, 0, len(c.Components))
	for _, comp := range c.Components {
		name := sanitize.Line(comp.Name)
		evidence := make([]string, 0, len(comp.Evidence))
		for _, e := range comp.Evidence {
			evidence = append(evidence, sanitize.Line(e))
		}
		rows = append(rows, row{key: name, cells: []cell{
			{text: name},
			componentStateCell(comp.State),
			{text: orDash(sanitize.Line(comp.Version))},
			{text: strings.Join(evidence, "; ")},
		}})
	}
	return rows
}

func componentStateCell(s model.ComponentState) cell {
	switch s {
	case model.StateBuiltIn:
		return cell{text: string(s), tone: toneAccent}
	case model.StateAbsent:
		return cell{text: string(s), tone: toneMuted}
	case model.StateUnknown:
		// The user may not read what decides it; the evidence says which.
		return cell{text: string(s), tone: toneWarn}
	}
	return cell{text: orDash(string(s))}
}
