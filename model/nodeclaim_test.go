package model_test

import (
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// cond builds a condition; reason and message are made from the type and
// status so that a test can tell which condition was returned.
func cond(condType, status string) model.Condition {
	return model.Condition{
		Type:    condType,
		Status:  status,
		Reason:  condType + status + "Reason",
		Message: condType + " is " + status,
	}
}

// stepsDone has the three steps of a claim, all True.
var stepsDone = []model.Condition{
	cond(model.CondLaunched, model.StatusTrue),
	cond(model.CondRegistered, model.StatusTrue),
	cond(model.CondInitialized, model.StatusTrue),
}

func withSteps(extra ...model.Condition) []model.Condition {
	return append(append([]model.Condition{}, stepsDone...), extra...)
}

func TestClaimStateOf(t *testing.T) {
	tests := []struct {
		name     string
		conds    []model.Condition
		deleting bool
		want     model.ClaimState
		// why is the type and status of the condition that decided, "" for
		// none.
		why string
	}{
		{"no conditions is launching", nil, false, model.ClaimLaunching, ""},
		{"Launched=Unknown is launching and keeps the reason",
			[]model.Condition{cond(model.CondLaunched, model.StatusUnknown)}, false,
			model.ClaimLaunching, "LaunchedUnknown"},
		{"Launched=False failed",
			[]model.Condition{cond(model.CondLaunched, model.StatusFalse)}, false,
			model.ClaimFailed, "LaunchedFalse"},
		{"launched with no Registered condition is registering",
			[]model.Condition{cond(model.CondLaunched, model.StatusTrue)}, false,
			model.ClaimRegistering, ""},
		{"Registered=Unknown is registering",
			[]model.Condition{cond(model.CondLaunched, model.StatusTrue),
				cond(model.CondRegistered, model.StatusUnknown)}, false,
			model.ClaimRegistering, "RegisteredUnknown"},
		{"Registered=False failed",
			[]model.Condition{cond(model.CondLaunched, model.StatusTrue),
				cond(model.CondRegistered, model.StatusFalse)}, false,
			model.ClaimFailed, "RegisteredFalse"},
		{"registered with no Initialized condition is initializing",
			stepsDone[:2], false, model.ClaimInitializing, ""},
		{"Initialized=Unknown is initializing",
			append(append([]model.Condition{}, stepsDone[:2]...),
				cond(model.CondInitialized, model.StatusUnknown)), false,
			model.ClaimInitializing, "InitializedUnknown"},
		{"the first step not True decides, in step order",
			[]model.Condition{cond(model.CondInitialized, model.StatusFalse),
				cond(model.CondLaunched, model.StatusUnknown)}, false,
			model.ClaimLaunching, "LaunchedUnknown"},
		{"all steps True is ready", stepsDone, false, model.ClaimReady, ""},
		{"all steps and Ready True is ready",
			withSteps(cond(model.CondReady, model.StatusTrue)), false, model.ClaimReady, ""},
		{"Drifted=True is drifted",
			withSteps(cond(model.CondReady, model.StatusTrue),
				cond(model.CondDrifted, model.StatusTrue)), false,
			model.ClaimDrifted, "DriftedTrue"},
		{"Drifted=False is ready",
			withSteps(cond(model.CondDrifted, model.StatusFalse)), false, model.ClaimReady, ""},
		{"Ready=False after all steps is unknown",
			withSteps(cond(model.CondReady, model.StatusFalse)), false,
			model.ClaimUnknown, "ReadyFalse"},
		{"Ready=Unknown after all steps is unknown",
			withSteps(cond(model.CondReady, model.StatusUnknown)), false,
			model.ClaimUnknown, "ReadyUnknown"},
		{"deleting is terminating", stepsDone, true, model.ClaimTerminating, ""},
		{"deleting wins over a failed launch",
			[]model.Condition{cond(model.CondLaunched, model.StatusFalse)}, true,
			model.ClaimTerminating, ""},
		{"InstanceTerminating=True is terminating",
			withSteps(cond(model.CondInstanceTerminating, model.StatusTrue)), false,
			model.ClaimTerminating, "InstanceTerminatingTrue"},
		{"InstanceTerminating=True wins over drift",
			withSteps(cond(model.CondDrifted, model.StatusTrue),
				cond(model.CondInstanceTerminating, model.StatusTrue)), false,
			model.ClaimTerminating, "InstanceTerminatingTrue"},
		{"InstanceTerminating=False changes nothing",
			withSteps(cond(model.CondInstanceTerminating, model.StatusFalse)), false,
			model.ClaimReady, ""},
		{"Consolidatable=True is still ready",
			withSteps(cond(model.CondConsolidatable, model.StatusTrue)), false,
			model.ClaimReady, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, why := model.ClaimStateOf(tt.conds, tt.deleting)
			if got != tt.want {
				t.Errorf("state = %q, want %q", got, tt.want)
			}
			if tt.why == "" {
				if why != (model.Condition{}) {
					t.Errorf("deciding condition = %+v, want none", why)
				}
				return
			}
			if why.Type+why.Status != tt.why {
				t.Errorf("deciding condition = %s=%s, want %s", why.Type, why.Status, tt.why)
			}
			if why.Reason != tt.why+"Reason" || why.Message != why.Type+" is "+why.Status {
				t.Errorf("deciding condition lost its reason or message: %+v", why)
			}
		})
	}
}

func TestClaimStateOfCarriesLaunchFailure(t *testing.T) {
	// An Auto Mode launch failure as §8 of the facts sheet gives it.
	launched := model.Condition{
		Type:    model.CondLaunched,
		Status:  model.StatusUnknown,
		Reason:  "Unauthorized",
		Message: "Error getting launch template configs: User is not authorized",
	}
	state, why := model.ClaimStateOf([]model.Condition{launched}, false)
	if state != model.ClaimLaunching || why != launched {
		t.Errorf("ClaimStateOf = %q, %+v; want %q, %+v", state, why, model.ClaimLaunching,
			launched)
	}
}
