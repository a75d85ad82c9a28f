package main

import "github.com/kubectl-automode/kubectl-automode/internal/scalegen"

// What the churn writer and the probe agree on: which nodes and NodeClaims
// are updated, and where each update carries its number.

// seqCondition is the NodeClaim condition whose message the writer sets
// to "seq N".
const seqCondition = "Consolidatable"

// targetNames are the nodes and NodeClaims the churn writer updates: the
// first n Auto Mode indexes.
func targetNames(n int) [2][]string {
	var out [2][]string
	for i := 0; len(out[0]) < n; i++ {
		if scalegen.KindOf(i) == scalegen.Auto {
			out[0] = append(out[0], scalegen.NodeName(i))
			out[1] = append(out[1], scalegen.ClaimName(i))
		}
	}
	return out
}

// targetIndexes are the node indexes behind targetNames.
func targetIndexes(n int) []int {
	var out []int
	for i := 0; len(out) < n; i++ {
		if scalegen.KindOf(i) == scalegen.Auto {
			out = append(out, i)
		}
	}
	return out
}

// seqMemory is the allocatable memory, in bytes, that carries update seq on
// a node whose generated amount is base: base plus seq. The number rides
// on a field the tool keeps, as a kubelet's status update would change it;
// a label would not do, since the tool reads a node's labels when it
// arrives and keeps only what they decide.
func seqMemory(base int64, seq int) int64 { return base + int64(seq) }

// seqOfMemory is the update number that allocatable memory mem carries on
// a node whose generated amount is base, or 0 for the generated amount.
func seqOfMemory(base, mem int64) int { return int(max(mem-base, 0)) }

// baseMemories are the generated allocatable memories, in bytes, of the
// first n target nodes, by target, worked out once so that neither an
// update nor a frame generates nodes.
func baseMemories(n int) []int64 {
	idx := targetIndexes(n)
	out := make([]int64, len(idx))
	for k, i := range idx {
		out[k] = scalegen.Node(i).Status.Allocatable.Memory().Value()
	}
	return out
}
