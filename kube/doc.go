// Package kube turns a cluster into model values as it changes. It watches
// the API server through informers (never by polling), keeps one trimmed
// copy of each object, and emits a new immutable model.Cluster only when
// something changed, at most ten times a second.
//
// The same code serves a live cluster, the demo (fake clients fed with a
// scenario) and, later, saved snapshots: they differ only in the Clients
// they hand to NewWatcher.
package kube
