package ui

import (
	"time"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// claimConditions are the NodeClaim conditions the panel gives a column
// each, in the order a claim passes them, with the column's short title.
// The help overlay spells the titles out.
var claimConditions = [...]struct {
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
func nodeClaimRows(c *model.Cluster) []row { return nodeClaimRowsKeeping(c, nil) }

// nodeClaimRowsKeeping is nodeClaimRows keeping the rows of unchanged
// claims in kept; a nil kept makes every row.
func nodeClaimRowsKeeping(c *model.Cluster, kept *rowMemo[claimShown]) []row {
	rows := make([]row, 0, len(c.NodeClaims))
	kept.begin(len(c.NodeClaims))
	for i := range c.NodeClaims {
		nc := &c.NodeClaims[i]
		shown := func() claimShown { return shownClaim(nc, c.BuiltAt) }
		rows = append(rows, kept.rowOfVersion(nc.Name, nc.Version, ageOf(c.BuiltAt, nc.Created),
			shown, nodeClaimRow))
	}
	kept.end()
	return rows
}

// claimShown is every value of a NodeClaim that its row draws, and all
// that nodeClaimRow reads: the status of each condition with a column, not
// the conditions themselves, whose times and messages the row leaves out.
type claimShown struct {
	name, pool, instanceType, capacity, zone, node string

	state           model.ClaimState
	conditions      [len(claimConditions)]string
	reason, message string
	created         time.Time
	age             ageSpan
}

func shownClaim(nc *model.NodeClaim, now time.Time) claimShown {
	s := claimShown{
		name: nc.Name, pool: nc.NodePool, instanceType: nc.InstanceType,
		capacity: nc.CapacityType, zone: nc.Zone, node: nc.NodeName,
		state: nc.State, reason: nc.Reason, message: nc.Message,
		created: nc.Created, age: ageOf(now, nc.Created),
	}
	for i, cc := range claimConditions {
		s.conditions[i] = model.ConditionStatus(nc.Conditions, cc.cond)
	}
	return s
}

func nodeClaimRow(s claimShown) row {
	name := sanitize.Line(s.name)
	cells := make([]cell, 0, 8+len(claimConditions))
	cells = append(cells,
		cell{text: name},
		claimStateCell(s.state),
		cell{text: orDash(sanitize.Line(s.instanceType))},
		cell{text: orDash(sanitize.Line(s.capacity))},
		cell{text: orDash(sanitize.Line(s.zone))},
		cell{text: orDash(sanitize.Line(s.node))},
		s.age.cell(s.created),
	)
	for i, cc := range claimConditions {
		cells = append(cells, statusCell(s.conditions[i], cc.good))
	}
	cells = append(cells, reasonCell(s.state, s.reason, s.message))
	return row{key: name, pool: sanitize.Line(s.pool), cells: cells}
}

// statusCell is a condition's status as its column shows it: coloured by
// whether it is the healthy one, or plain when neither is.
func statusCell(s, good string) cell {
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

func reasonCell(state model.ClaimState, reason, msg string) cell {
	reason, msg = sanitize.Line(reason), sanitize.Line(msg)
	t := toneBad
	if state == model.ClaimDrifted || state == model.ClaimTerminating {
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
