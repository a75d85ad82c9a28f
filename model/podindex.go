package model

import (
	"slices"
	"strings"
)

// PodIndex is everything Build derives from the pods alone: each node's pod
// count and requests, and, for each workload the component rules name, the
// pod of it that is cited as evidence. With 100,000 pods that pass is most
// of Build's cost, and a source whose pods have not changed since its last
// snapshot (only nodes or NodeClaims did) can hand the same index to the
// next Build through Inputs.PodIndex instead of paying it again.
type PodIndex struct {
	byNode map[string]podTotals
	owned  map[string]Pod
	// sorted holds byNode's totals in node name order, for Build to walk
	// beside nodes in name order instead of looking each one up.
	sorted []nodeTotals
}

// podTotals are what the pods bound to one node add up to.
type podTotals struct {
	pods     int
	requests Resources
}

// nodeTotals are the totals of the node named.
type nodeTotals struct {
	node string
	podTotals
}

// IndexPods makes the index of pods. Finished pods hold no slot and no
// resources on their node. The result is never changed afterwards, so
// snapshots may share it.
func IndexPods(pods []*Pod) *PodIndex {
	idx := &PodIndex{byNode: map[string]podTotals{}, owned: map[string]Pod{}}
	for _, p := range pods {
		if p.NodeName != "" && !p.Terminal() {
			t := idx.byNode[p.NodeName]
			t.pods++
			t.requests = t.requests.Add(p.Requests)
			idx.byNode[p.NodeName] = t
		}
		idx.noteOwner(*p)
	}
	idx.sorted = make([]nodeTotals, 0, len(idx.byNode))
	for node, t := range idx.byNode {
		idx.sorted = append(idx.sorted, nodeTotals{node, t})
	}
	slices.SortFunc(idx.sorted, func(a, b nodeTotals) int { return strings.Compare(a.node, b.node) })
	return idx
}

// totalsWalk gives each node's totals in turn, for nodes asked for in any
// order. Nodes asked for in name order, as sources give them, are found
// by walking the sorted totals alongside: at 5,000 nodes that beats a map
// lookup each, which was a tenth of a snapshot's cost under churn. A node
// out of order is looked up in the map.
type totalsWalk struct {
	idx  *PodIndex
	next int
	last string
}

// of is the totals of the node named.
func (w *totalsWalk) of(node string) podTotals {
	if node < w.last {
		return w.idx.byNode[node]
	}
	w.last = node
	s := w.idx.sorted
	for w.next < len(s) && s[w.next].node < node {
		w.next++
	}
	if w.next < len(s) && s[w.next].node == node {
		return s[w.next].podTotals
	}
	return podTotals{}
}

// noteOwner keeps p as the evidence for its workload when the rules name
// that workload and p's namespace/name sorts before the one kept so far, so
// that the evidence does not depend on informer store order. A Deployment
// owns its pods through a ReplicaSet named "<deployment>-<hash>".
func (idx *PodIndex) noteOwner(p Pod) {
	owner := p.OwnerName
	if p.OwnerKind == "ReplicaSet" {
		if i := strings.LastIndexByte(owner, '-'); i > 0 {
			owner = owner[:i]
		}
	}
	if !ruleWorkloads[owner] {
		return
	}
	if best, ok := idx.owned[owner]; !ok || podBefore(p, best) {
		idx.owned[owner] = p
	}
}

// ruleWorkloads holds every workload name of componentRules, so that one
// pass over the pods finds the pods of all of them.
var ruleWorkloads = func() map[string]bool {
	set := map[string]bool{}
	for _, r := range componentRules {
		for _, w := range r.workloads {
			set[w] = true
		}
	}
	return set
}()
