package ui

import (
	"cmp"
	"slices"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// podColumns are the columns of a Node's pods, from the slim pods the
// watcher keeps: enough to see what runs there and what it asks for.
var podColumns = []column{
	{title: "NAME", priority: 100, name: true},
	{title: "NAMESPACE", priority: 90, max: 24},
	{title: "PHASE", priority: 85},
	{title: "CPU", priority: 70, numeric: true},
	{title: "MEMORY", priority: 60, numeric: true},
	{title: "OWNER", priority: 40, fill: true},
}

// podRows turns the snapshot's pods into rows keyed "namespace/name", as
// the same name may be used in many namespaces, sorted by that key.
func podRows(c *model.Cluster) []row {
	rows := make([]row, 0, len(c.Pods))
	for _, p := range c.Pods {
		ns, name := sanitize.Line(p.Namespace), sanitize.Line(p.Name)
		owner := "-"
		if p.OwnerKind != "" {
			owner = sanitize.Line(p.OwnerKind) + "/" + sanitize.Line(p.OwnerName)
		}
		rows = append(rows, row{key: ns + "/" + name, cells: []cell{
			{text: name},
			{text: ns},
			podPhaseCell(p.Phase),
			{text: cores(p.Requests.CPUMillis), order: float64(p.Requests.CPUMillis)},
			{text: bytesIEC(p.Requests.MemoryBytes), order: float64(p.Requests.MemoryBytes)},
			{text: owner},
		}})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(a.key, b.key) })
	return rows
}

func podPhaseCell(phase string) cell {
	c := cell{text: orDash(sanitize.Line(phase))}
	switch phase {
	case "Running", "Succeeded":
		c.tone = toneGood
	case "Pending":
		c.tone = toneWarn
	case "Failed", "Unknown":
		c.tone = toneBad
	}
	return c
}
