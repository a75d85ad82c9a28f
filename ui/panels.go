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
	panelFindings
	panelCount
)

// panelSpec is what a list draws: its title, its columns and how to turn
// a snapshot into its rows. narrowed panels follow the selected NodePool;
// kind is the kind of object a row is, for the drill-down.
type panelSpec struct {
	title    string
	columns  []column
	rows     func(*model.Cluster) []row
	narrowed bool
	kind     string
}

var panels = [panelCount]panelSpec{
	panelNodePools:   {"NodePools", nodePoolColumns, nodePoolRows, false, "NodePool"},
	panelNodeClaims:  {"NodeClaims", nodeClaimColumns, nodeClaimRows, true, "NodeClaim"},
	panelNodes:       {"Nodes", nodeColumns, nodeRows, true, "Node"},
	panelComponents:  {"Components", componentColumns, componentRows, false, kindComponent},
	panelNodeClasses: {"NodeClasses", nodeClassColumns, nodeClassRows, false, "NodeClass"},
	panelFindings:    {"Findings", findingColumns, findingRows, true, kindFinding},
}

// podPanel lists a Node's pods on its page; pods have no panel of their
// own on the dashboard.
var podPanel = panelSpec{"Pods", podColumns, podRows, false, "Pod"}
