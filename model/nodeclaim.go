package model

import "time"

// ClaimState is one word for where a NodeClaim is in its life, derived from
// its conditions so that a table can show it in one column.
type ClaimState string

// The NodeClaim states, in the order a healthy claim passes through them.
const (
	ClaimLaunching    ClaimState = "Launching"
	ClaimRegistering  ClaimState = "Registering"
	ClaimInitializing ClaimState = "Initializing"
	ClaimReady        ClaimState = "Ready"
	ClaimDrifted      ClaimState = "Drifted"
	ClaimTerminating  ClaimState = "Terminating"
	ClaimFailed       ClaimState = "Failed"
	ClaimUnknown      ClaimState = "Unknown"
)

// NodeClaim condition types (kubernetes-sigs/karpenter pkg/apis/v1).
const (
	CondLaunched            = "Launched"
	CondRegistered          = "Registered"
	CondInitialized         = "Initialized"
	CondReady               = "Ready"
	CondDrifted             = "Drifted"
	CondConsolidatable      = "Consolidatable"
	CondInstanceTerminating = "InstanceTerminating"
)

// NodeClaim is Karpenter's request for one node, and the record of how far
// that request got.
type NodeClaim struct {
	Name         string      `json:"name"`
	NodePool     string      `json:"nodePool"`
	NodeName     string      `json:"nodeName"`
	InstanceType string      `json:"instanceType"`
	CapacityType string      `json:"capacityType"`
	Zone         string      `json:"zone"`
	NodeClassRef ObjectRef   `json:"nodeClassRef"`
	State        ClaimState  `json:"state"`
	Conditions   []Condition `json:"conditions"`

	// Reason and Message come from the condition that holds the claim back,
	// so a stuck claim can say why in one row.
	Reason  string `json:"reason,omitempty"`
	Message string `json:"message,omitempty"`

	ProviderID string    `json:"providerID,omitempty"`
	Created    time.Time `json:"created"`
	Deleting   bool      `json:"deleting,omitempty"`

	// Version is the object's resourceVersion, when the source has one:
	// two claims of one name and one version are the same claim, so a
	// reader that kept what it made of one need not compare the other
	// field by field. Empty means unknown, never equal.
	Version string `json:"-"`
}

// ReadState sets the claim's state, and the reason and message of the
// condition that decided it. Build does so for each claim whose State is
// unset; the watcher once for each version of a claim.
func (nc *NodeClaim) ReadState() {
	var why Condition
	nc.State, why = ClaimStateOf(nc.Conditions, nc.Deleting)
	nc.Reason, nc.Message = why.Reason, why.Message
}

// ClaimStateOf derives a NodeClaim's state from its conditions. Deletion
// wins; then the first of Launched, Registered, Initialized that is not True
// says which step the claim waits on (False meaning the step failed); a
// claim past all three is Ready, or Drifted when Karpenter has marked it for
// replacement. It also returns the condition that decided, when one did.
func ClaimStateOf(conds []Condition, deleting bool) (ClaimState, Condition) {
	if deleting {
		return ClaimTerminating, Condition{}
	}
	if c, ok := FindCondition(conds, CondInstanceTerminating); ok && c.Status == StatusTrue {
		return ClaimTerminating, c
	}

	steps := []struct {
		cond  string
		state ClaimState
	}{
		{CondLaunched, ClaimLaunching},
		{CondRegistered, ClaimRegistering},
		{CondInitialized, ClaimInitializing},
	}
	for _, step := range steps {
		c, ok := FindCondition(conds, step.cond)
		switch {
		case !ok:
			return step.state, Condition{}
		case c.Status == StatusFalse:
			return ClaimFailed, c
		case c.Status != StatusTrue:
			return step.state, c
		}
	}

	if c, ok := FindCondition(conds, CondDrifted); ok && c.Status == StatusTrue {
		return ClaimDrifted, c
	}
	if c, ok := FindCondition(conds, CondReady); ok && c.Status != StatusTrue {
		return ClaimUnknown, c
	}
	return ClaimReady, Condition{}
}
