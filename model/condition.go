package model

import "time"

// Condition is one status condition of a NodePool, NodeClaim or NodeClass,
// in the shape Karpenter and Kubernetes share.
type Condition struct {
	Type               string    `json:"type"`
	Status             string    `json:"status"`
	Reason             string    `json:"reason"`
	Message            string    `json:"message"`
	LastTransitionTime time.Time `json:"lastTransitionTime,omitzero"`
}

// Condition statuses, as the API spells them.
const (
	StatusTrue    = "True"
	StatusFalse   = "False"
	StatusUnknown = "Unknown"
)

// FindCondition returns the condition of the given type, and whether it was
// there at all; a missing condition is not the same as one that is Unknown.
func FindCondition(conds []Condition, condType string) (Condition, bool) {
	for _, c := range conds {
		if c.Type == condType {
			return c, true
		}
	}
	return Condition{}, false
}

// ConditionStatus returns the status of the given condition type, or "" when
// the object does not carry it.
func ConditionStatus(conds []Condition, condType string) string {
	c, _ := FindCondition(conds, condType)
	return c.Status
}
