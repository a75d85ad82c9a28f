package ui

import (
	"fmt"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// summaryItems are the facts a page's title line gives about the object
// the page belongs to, most telling first: a narrow title drops the last.
func summaryItems(obj any) []string {
	switch o := obj.(type) {
	case model.NodePool:
		items := []string{string(o.Origin), "NodeClass " + orDash(sanitize.Line(o.NodeClassRef.Name)),
			plural(o.Nodes, "node")}
		if c := costCell(o.Cost); c.text != "-" {
			items = append(items, c.text+"/h")
		}
		return items
	case model.NodeClaim:
		items := []string{orDash(string(o.State)), orDash(sanitize.Line(o.InstanceType)),
			orDash(sanitize.Line(o.CapacityType)), orDash(sanitize.Line(o.Zone))}
		if r := reasonCell(o.State, o.Reason, o.Message); r.text != "" {
			items = append([]string{items[0], r.text}, items[1:]...)
		}
		return items
	case model.Node:
		items := []string{orDash(o.Kind.Badge()), orDash(sanitize.Line(o.InstanceType)),
			orDash(sanitize.Line(o.CapacityType)), orDash(sanitize.Line(o.Zone)),
			podsCell(o.Pods, o.MaxPods).text + " pods"}
		if c := ec2Cell(o.Price); c.text != "-" {
			items = append(items, "EC2 "+c.text+"/h")
		}
		if c := feeCell(o.Kind, o.Price); c.text != "-" && c.text != "none" {
			items = append(items, "fee "+c.text+"/h")
		}
		return items
	case model.NodeClass:
		return []string{orDash(sanitize.Line(o.Kind)), "role " + orDash(sanitize.Line(o.Role))}
	}
	return nil
}

// withSummary appends as many summary items to title as fit in width,
// whole, so that none is cut.
func withSummary(title string, obj any, width int) string {
	const sep = " · "
	for _, it := range summaryItems(obj) {
		next := title + sep + it
		if cellWidth(next) > width {
			break
		}
		title = next
	}
	return title
}

// plural counts things in words: "1 node", "3 nodes".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
