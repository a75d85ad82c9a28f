package model_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// ruleCase is one table row for a rule: the findings of some input, and
// whether the rule under test should be among them.
type ruleCase struct {
	name  string
	got   []model.Finding
	fires bool
}

// checkRule asserts, for every case, that rule fires or does not, and that
// each finding of it carries everything a reader needs.
func checkRule(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			i := slices.IndexFunc(tc.got, func(f model.Finding) bool { return f.Rule == rule })
			if (i >= 0) != tc.fires {
				t.Fatalf("%s fired = %v, want %v; findings: %+v", rule, i >= 0, tc.fires, tc.got)
			}
			if i >= 0 {
				checkComplete(t, tc.got[i])
			}
		})
	}
}

// checkComplete asserts a finding has a severity, an object, a one-line
// message and hint, and a documentation link.
func checkComplete(t *testing.T, f model.Finding) {
	t.Helper()
	switch f.Severity {
	case model.SeverityError, model.SeverityWarning, model.SeverityInfo:
	default:
		t.Errorf("%s: severity %q", f.Rule, f.Severity)
	}
	if f.Object.Kind == "" || f.Object.Name == "" {
		t.Errorf("%s: object %+v lacks a kind or name", f.Rule, f.Object)
	}
	for what, s := range map[string]string{"message": f.Message, "hint": f.Hint} {
		if s == "" || strings.ContainsAny(s, "\n\r") {
			t.Errorf("%s: %s %q is empty or not one line", f.Rule, what, s)
		}
	}
	if !strings.HasPrefix(f.Link, "https://docs.aws.amazon.com/eks/latest/userguide/") &&
		!strings.HasPrefix(f.Link, "https://karpenter.sh/docs/") {
		t.Errorf("%s: link %q is not an AWS or Karpenter documentation page", f.Rule, f.Link)
	}
}

func findRule(fs []model.Finding, rule string) (model.Finding, bool) {
	i := slices.IndexFunc(fs, func(f model.Finding) bool { return f.Rule == rule })
	if i < 0 {
		return model.Finding{}, false
	}
	return fs[i], true
}
