package model

// Pod is the little the tool keeps of a pod: enough to count pods per node,
// add up their requests and tell which workload owns them. A full pod costs
// about 7 KB in an informer; this costs a few hundred bytes.
type Pod struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	NodeName  string `json:"nodeName,omitempty"`
	Phase     string `json:"phase"`

	// Requests are the pod's effective requests: the larger of the sum of
	// its containers and its largest init container, as the scheduler
	// counts them.
	Requests Resources `json:"requests"`

	OwnerKind string `json:"ownerKind,omitempty"`
	OwnerName string `json:"ownerName,omitempty"`
}

// Terminal reports whether the pod has finished. The kubelet no longer
// counts a finished pod against the node's pod limit.
func (p Pod) Terminal() bool {
	return p.Phase == "Succeeded" || p.Phase == "Failed"
}
