// Package ui draws model.Cluster snapshots in the terminal with Bubble Tea.
// It never talks to the API server: snapshots arrive on a channel from the
// kube package, and the UI only renders what they hold.
package ui
