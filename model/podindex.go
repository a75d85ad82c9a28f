package model

import "strings"

// PodIndex is everything Build derives from the pods alone: each node's pod
// count and requests, and, for each workload the component rules name, the
// pod of it that is cited as evidence. With 100,000 pods that pass is most
// of Build's cost, and a source whose pods have not changed since its last
// snapshot (only nodes or NodeClaims did) can hand the same index to the
// next Build through Inputs.PodIndex instead of paying it again.
type PodIndex struct {
	byNode map[string]podTotals
	owned  map[string]Pod
}

// podTotals are what the pods bound to one node add up to.
type podTotals struct {
	pods     int
	requests Resources
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
	return idx
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
