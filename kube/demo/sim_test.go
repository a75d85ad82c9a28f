package demo_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/kube/demo"
	"github.com/kubectl-automode/kubectl-automode/model"
)

var start = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

// world is what the test sees of the simulated cluster at one moment.
type world struct {
	claim     string // the simulator's NodeClaim, "" when there is none
	trueConds []string
	deleting  bool
	node      string // "", "NotReady" or "Ready"
	bound     int    // burst pods on the node
}

func look(t *testing.T, c kube.Clients, before map[string]bool) world {
	t.Helper()
	ctx := context.Background()
	var w world
	claims, err := c.Dynamic.Resource(kube.NodeClaims).List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range claims.Items {
		if before[u.GetName()] {
			continue
		}
		w.claim, w.deleting = u.GetName(), u.GetDeletionTimestamp() != nil
		conds, _, _ := unstructured.NestedSlice(u.Object, "status", "conditions")
		for _, c := range conds {
			m := c.(map[string]any)
			if m["status"] == "True" {
				w.trueConds = append(w.trueConds, m["type"].(string))
			}
		}
		nodeName, _, _ := unstructured.NestedString(u.Object, "status", "nodeName")
		if nodeName == "" {
			continue
		}
		n, err := c.Kube.CoreV1().Nodes().Get(ctx, nodeName, metav1.GetOptions{})
		if err != nil {
			continue
		}
		w.node = "NotReady"
		if n.Status.Conditions[0].Status == "True" {
			w.node = "Ready"
		}
		pods, _ := c.Kube.CoreV1().Pods("shop").List(ctx, metav1.ListOptions{})
		for _, p := range pods.Items {
			if p.Spec.NodeName == nodeName {
				w.bound++
			}
		}
	}
	return w
}

func (w world) String() string {
	if w.claim == "" {
		return "no claim"
	}
	return fmt.Sprintf("true=%v deleting=%v node=%q bound=%d", w.trueConds, w.deleting,
		w.node, w.bound)
}

// play runs the simulator second by second for the given time and returns
// each distinct state of the world in order.
func play(t *testing.T, scenario string, seed uint64, d time.Duration) ([]string, []string) {
	t.Helper()
	clients, err := demo.Clients(scenario, start)
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]bool{}
	list, _ := clients.Dynamic.Resource(kube.NodeClaims).List(t.Context(), metav1.ListOptions{})
	for _, u := range list.Items {
		before[u.GetName()] = true
	}
	sim, err := demo.NewSimulator(clients, scenario, start, seed)
	if err != nil {
		t.Fatal(err)
	}
	var states, claims []string
	for now := start; now.Before(start.Add(d)); now = now.Add(time.Second) {
		if err := sim.Advance(t.Context(), now); err != nil {
			t.Fatal(err)
		}
		w := look(t, clients, before)
		if s := w.String(); len(states) == 0 || states[len(states)-1] != s {
			states = append(states, s)
		}
		if w.claim != "" && !slices.Contains(claims, w.claim) {
			claims = append(claims, w.claim)
		}
	}
	return states, claims
}

func TestNodeClaimLifecycleInOrder(t *testing.T) {
	for _, scenario := range demo.Scenarios {
		t.Run(scenario, func(t *testing.T) {
			states, claims := play(t, scenario, 7, 100*time.Second)
			want := []string{
				"no claim",
				"true=[] deleting=false node=\"\" bound=0",
				"true=[Launched] deleting=false node=\"\" bound=0",
				"true=[Launched Registered] deleting=false node=\"NotReady\" bound=0",
				"true=[Launched Registered Initialized Ready] deleting=false node=\"Ready\" bound=3",
				"true=[Launched Registered Initialized Ready] deleting=false node=\"Ready\" bound=0",
				"true=[Launched Registered Initialized Ready Consolidatable] deleting=true " +
					"node=\"Ready\" bound=0",
				"no claim",
			}
			if strings.Join(states[:len(want)], "\n") != strings.Join(want, "\n") {
				t.Errorf("states:\n%s\nwant:\n%s", strings.Join(states, "\n"),
					strings.Join(want, "\n"))
			}
			if len(claims) < 2 {
				t.Errorf("claims %v: the story should begin again after consolidation", claims)
			}
		})
	}
}

func TestSimulatorIsDeterministic(t *testing.T) {
	_, a := play(t, "auto", 42, 30*time.Second)
	_, b := play(t, "auto", 42, 30*time.Second)
	_, c := play(t, "auto", 43, 30*time.Second)
	if len(a) == 0 || !slices.Equal(a, b) {
		t.Errorf("same seed, different claims: %v and %v", a, b)
	}
	if slices.Equal(a, c) {
		t.Errorf("different seeds, same claims: %v", a)
	}
}

func TestWatcherSeesTheSimulatedNode(t *testing.T) {
	clients, err := demo.Clients("auto", start)
	if err != nil {
		t.Fatal(err)
	}
	sim, err := demo.NewSimulator(clients, "auto", start, 1)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	w := kube.NewWatcher(clients, kube.Options{Now: sim.Now})
	go func() { _ = w.Run(ctx) }()
	first := <-w.Snapshots()

	if err := sim.Advance(ctx, start.Add(15*time.Second)); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(5 * time.Second)
	for {
		select {
		case c := <-w.Snapshots():
			if len(c.Nodes) == len(first.Nodes)+1 && readyClaims(c) == readyClaims(first)+1 {
				return
			}
		case <-deadline:
			t.Fatal("the watcher never showed the new node and its Ready claim")
		}
	}
}

func readyClaims(c *model.Cluster) int {
	n := 0
	for _, nc := range c.NodeClaims {
		if nc.State == model.ClaimReady {
			n++
		}
	}
	return n
}

func TestSimulatorEmitsEvents(t *testing.T) {
	clients, _ := demo.Clients("auto", start)
	sim, _ := demo.NewSimulator(clients, "auto", start, 1)
	if err := sim.Advance(t.Context(), start.Add(80*time.Second)); err != nil {
		t.Fatal(err)
	}
	events, err := clients.Kube.CoreV1().Events("default").List(t.Context(),
		metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var reasons []string
	for _, e := range events.Items {
		if e.InvolvedObject.Kind == "NodeClaim" {
			reasons = append(reasons, e.Reason)
			if e.Source.Component != "eks-auto-mode/compute" {
				t.Errorf("event %s from %q, want Auto Mode's compute controller", e.Reason,
					e.Source.Component)
			}
		}
	}
	for _, want := range []string{"Launched", "Registered", "Initialized", "Ready",
		"DisruptionTerminating"} {
		if !slices.Contains(reasons, want) {
			t.Errorf("no %s event; got %v", want, reasons)
		}
	}
}
