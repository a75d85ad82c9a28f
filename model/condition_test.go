package model_test

import (
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestFindCondition(t *testing.T) {
	conds := []model.Condition{
		cond(model.CondLaunched, model.StatusTrue),
		cond(model.CondReady, model.StatusUnknown),
		{Type: model.CondDrifted},
	}
	tests := []struct {
		name       string
		conds      []model.Condition
		condType   string
		want       model.Condition
		wantFound  bool
		wantStatus string
	}{
		{"present condition is found", conds, model.CondReady, conds[1], true,
			model.StatusUnknown},
		{"missing condition is not found", conds, model.CondRegistered,
			model.Condition{}, false, ""},
		{"condition with no status is found but has none", conds, model.CondDrifted,
			conds[2], true, ""},
		{"types are case-sensitive", conds, "ready", model.Condition{}, false, ""},
		{"no conditions", nil, model.CondReady, model.Condition{}, false, ""},
		{"the first of duplicate types wins",
			[]model.Condition{cond(model.CondReady, model.StatusFalse),
				cond(model.CondReady, model.StatusTrue)}, model.CondReady,
			cond(model.CondReady, model.StatusFalse), true, model.StatusFalse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, found := model.FindCondition(tt.conds, tt.condType)
			if got != tt.want || found != tt.wantFound {
				t.Errorf("FindCondition = %+v, %v; want %+v, %v", got, found, tt.want,
					tt.wantFound)
			}
			if s := model.ConditionStatus(tt.conds, tt.condType); s != tt.wantStatus {
				t.Errorf("ConditionStatus = %q, want %q", s, tt.wantStatus)
			}
		})
	}
}

func TestPodTerminal(t *testing.T) {
	tests := []struct {
		phase string
		want  bool
	}{
		{"Succeeded", true},
		{"Failed", true},
		{"Running", false},
		{"Pending", false},
		{"Unknown", false},
		{"", false},
	}
	for _, tt := range tests {
		name := "phase " + tt.phase
		if tt.want {
			name += " is terminal"
		} else {
			name += " holds a slot"
		}
		t.Run(name, func(t *testing.T) {
			if got := (model.Pod{Phase: tt.phase}).Terminal(); got != tt.want {
				t.Errorf("Pod{Phase: %q}.Terminal() = %v, want %v", tt.phase, got, tt.want)
			}
		})
	}
}
