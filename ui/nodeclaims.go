package ui

import (
	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// claimConditions are the NodeClaim conditions the panel gives a column
// each, in the order a claim passes them, with the column's short title.
// The help overlay spells the titles out.
var claimConditions = []struct {
	cond, title string
	// good is the healthy status: True for the lifecycle steps, False for
	// Drifted. Consolidatable has none: either way is normal.
	good string
	// priority orders the columns a narrow panel drops: Consolidatable
	// first, then Launched, which Registered implies once True.
	priority int
}{
	{model.CondLaunched, "LAU", model.StatusTrue, 72},
	{model.CondRegistered, "REG", model.StatusTrue, 73},
	{model.CondInitialized, "INI", model.StatusTrue, 74},
	{model.CondReady, "RDY", model.StatusTrue, 78},
	{model.CondDrifted, "DRI", model.StatusFalse, 76},
	{model.CondConsolidatable, "CON", "", 71},
}

// nodeClaimColumns are the NodeClaims panel's columns; the condition
// columns go in the middle, before the stuck claim's reason. On a narrow
// screen they outlast the instance type: they are what this panel is for.
var nodeClaimColumns = func() []column {
	cols := []column{
		{title: "NAME", priority: 100, name: true},
		{title: "STATE", priority: 95},
		{title: "TYPE", priority: 70},
		{title: "CAPACITY", priority: 50},
		{title: "ZONE", priority: 40},
		{title: "NODE", priority: 20, max: 44},
		{title: "AGE", priority: 75, numeric: true},
	}
	for _, cc := range claimConditions {
		cols = append(cols, column{title: cc.title, priority: cc.priority})
	}
	// Thirteen cells show "Unauthorized" or "LaunchFailed" whole.
	return append(cols, column{title: "REASON", priority: 90, fill: true, min: 13})
}()

// nodeClaimRows turns the snapshot's NodeClaims into rows. A claim held
// back by a condition shows that condition's reason and message in the
// row, so a stuck launch explains itself without a drill-down.
func nodeClaimRows(c *model.Cluster) []row {
	rows := make([]row, 0, len(c.NodeClaims))
	for _, nc := range c.NodeClaims {
		name := sanitize.Line(nc.Name)
		cells := []cell{
			{text: name},
			claimStateCell(nc.State),
			{text: orDash(sanitize.Line(nc.InstanceType))},
			{text: orDash(sanitize.Line(nc.CapacityType))},
			{text: orDash(sanitize.Line(nc.Zone))},
			{text: orDash(sanitize.Line(nc.NodeName))},
			ageCell(c.BuiltAt, nc.Created),
		}
		for _, cc := range claimConditions {
			cells = append(cells, conditionCell(nc.Conditions, cc.cond, cc.good))
		}
		cells = append(cells, reasonCell(nc))
		rows = append(rows, row{key: name, pool: sanitize.Line(nc.NodePool), cells: cells})
	}
	return rows
}

func conditionCell(conds []model.Condition, condType, good string) cell {
	s := model.ConditionStatus(conds, condType)
	if good == "" {
		switch s {
		case "":
			return cell{text: "-", tone: toneMuted}
		case model.StatusUnknown:
			return cell{text: "unknown"}
		}
		return cell{text: yesNo(s)}
	}
	return status(s, good)
}

// claimStateCell colours a claim's state by how healthy it is.
func claimStateCell(s model.ClaimState) cell {
	c := cell{text: orDash(string(s))}
	switch s {
	case model.ClaimReady:
		c.tone = toneGood
	case model.ClaimFailed, model.ClaimUnknown:
		c.tone = toneBad
	case model.ClaimDrifted, model.ClaimTerminating:
		c.tone = toneWarn
	case model.ClaimLaunching, model.ClaimRegistering, model.ClaimInitializing:
		c.tone = toneAccent
	}
	return c
}

func reasonCell(nc model.NodeClaim) cell {
	reason, msg := sanitize.Line(nc.Reason), sanitize.Line(nc.Message)
	t := toneBad
	if nc.State == model.ClaimDrifted || nc.State == model.ClaimTerminating {
		t = toneWarn
	}
	switch {
	case reason == "" && msg == "":
		return cell{}
	case msg == "":
		return cell{text: reason, tone: t}
	case reason == "":
		return cell{text: msg, tone: t}
	}
	return cell{text: reason + ": " + msg, tone: t}
}
