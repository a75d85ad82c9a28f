package demo

import (
	"fmt"
	"time"

	"github.com/kubectl-automode/kubectl-automode/kube"
)

// ContextName is the context the demo reports, so that every screen and
// table says it is not a real cluster.
const ContextName = "DEMO"

// ClusterName names the demo cluster.
const ClusterName = "demo-cluster"

// Scenarios lists the demo scenarios by name; the first is the default.
var Scenarios = []string{"auto", "standard"}

// Clients serves a scenario through fake clients, as it stands at now.
func Clients(scenario string, now time.Time) (kube.Clients, error) {
	switch scenario {
	case "", "auto":
		return kube.FakeClients(AutoMode(now), AutoModeServed)
	case "standard":
		return kube.FakeClients(Standard(now), StandardServed)
	}
	return kube.Clients{}, fmt.Errorf("unknown demo scenario %q (known: %v)", scenario, Scenarios)
}
