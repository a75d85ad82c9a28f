package ui

import (
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// TestComponentsPanelShowsRefusedAsUnknown checks that a user refused the
// workload lists sees each component as unknown, with the refused lists as
// its evidence, and none as absent or built-in.
func TestComponentsPanelShowsRefusedAsUnknown(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	in := autoModeInputs()
	in.Evidence.Refused = []string{model.ResourceDaemonSets, model.ResourceDeployments}
	c := model.Build(in)

	rows := componentRows(c)
	if len(rows) != len(c.Components) || len(rows) == 0 {
		t.Fatalf("%d rows for %d components", len(rows), len(c.Components))
	}
	for _, r := range rows {
		state, evidence := r.cells[1], r.cells[3].text
		if state.text != "unknown" || state.tone != toneWarn ||
			!strings.HasPrefix(evidence, "forbidden: cannot list daemonsets.apps, "+
				"deployments.apps; ") {
			t.Errorf("%s: state %+v, evidence %q; want unknown, warned, with the refused "+
				"lists first", r.key, state, evidence)
		}
	}

	view := press(t, newTestModel(t, c, 160, 30, true), "4").View().Content
	if !strings.Contains(view, "karpenter                    unknown") ||
		!strings.Contains(view, "forbidden: cannot list") {
		t.Errorf("the Components panel does not draw unknown and why:\n%s", view)
	}
}
