// Package model holds what kubectl-automode knows about a cluster, as plain
// values, and the rules that classify them: which nodes Auto Mode runs, which
// NodePools are its built-in ones, what state each NodeClaim is in, and which
// components Auto Mode hides.
//
// Nothing here talks to the API server or draws on a terminal. Package kube
// fills these values from a live cluster, a snapshot or the demo; package ui
// and the get commands only read them. A Cluster is immutable once built, so
// one snapshot can be shared between goroutines without locks.
package model
