package ui

import "github.com/kubectl-automode/kubectl-automode/model"

// panelID names a panel; its value plus one is the key that jumps to it.
type panelID int

const (
	panelNodePools panelID = iota
	panelNodeClaims
	panelNodes
	panelComponents
	panelNodeClasses
	panelCount
)

// panelSpec is what a panel draws: its title, its columns and how to turn
// a snapshot into its rows. narrowed panels follow the selected NodePool.
type panelSpec struct {
	title    string
	columns  []column
	rows     func(*model.Cluster) []row
	narrowed bool
}

var panels = [panelCount]panelSpec{
	panelNodePools:   {"NodePools", nodePoolColumns, nodePoolRows, false},
	panelNodeClaims:  {"NodeClaims", nodeClaimColumns, nodeClaimRows, true},
	panelNodes:       {"Nodes", nodeColumns, nodeRows, true},
	panelComponents:  {"Components", componentColumns, componentRows, false},
	panelNodeClasses: {"NodeClasses", nodeClassColumns, nodeClassRows, false},
}
