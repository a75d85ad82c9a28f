package kube

// GCPercent lets the external tests read the GC percent in force.
var GCPercent = gcPercent
