// Package ui draws model.Cluster snapshots in the terminal with Bubble Tea.
// It never talks to the API server itself: snapshots arrive on a channel
// from the kube package, and the describe, YAML and events of a detail view
// come through the narrow Details interface, each call in a tea.Cmd.
//
// The files follow the screen: ui.go is the root model, one file per panel
// (nodepools.go, nodeclaims.go, nodes.go, pods.go, components.go,
// nodeclasses.go, findings.go), drill.go and related.go the drill-down,
// textview.go the describe/YAML/events view, compare.go the comparison of
// standard EKS and Auto Mode, prompt.go the filter, search and `:` command
// line, keys.go and styles.go the key map and the palette, table.go and
// tableview.go the list every panel draws with.
package ui
