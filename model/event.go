package model

import "time"

// Ref names one object for a detail view: its kind as kubectl spells it
// (Node, Pod, NodePool, NodeClaim, NodeClass, EC2NodeClass), and its
// namespace when it has one.
type Ref struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
}

// String reads as kubectl names objects, "NodeClaim/general-purpose-87brc".
func (r Ref) String() string {
	if r.Namespace != "" {
		return r.Kind + "/" + r.Namespace + "/" + r.Name
	}
	return r.Kind + "/" + r.Name
}

// Event is one Kubernetes event about an object, as a detail view lists
// it: newest first, with who reported it.
type Event struct {
	Type    string    `json:"type"`
	Reason  string    `json:"reason"`
	Message string    `json:"message"`
	Source  string    `json:"source"`
	Count   int       `json:"count"`
	First   time.Time `json:"first,omitzero"`
	Last    time.Time `json:"last,omitzero"`
}
