package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-automode/kubectl-automode/kube"
)

// story is what the simulator plays in a scenario: which pool scales, on
// what, and who reports it.
type story struct {
	pool, nodeClassGroup, nodeClassKind, nodeClass string
	capacity                                       string
	types                                          []string
	// reporter is the component that signs the events: Auto Mode's
	// compute controller, or OSS Karpenter (facts sheet §5c).
	reporter         string
	consolidateAfter time.Duration
	auto             bool
}

var stories = map[string]story{
	"auto": {"general-purpose", "eks.amazonaws.com", "NodeClass", "default", "on-demand",
		[]string{"m6i.large", "c6i.xlarge", "r6i.large"}, "eks-auto-mode/compute",
		30 * time.Second, true},
	"standard": {"batch", "karpenter.k8s.aws", "EC2NodeClass", "batch", "spot",
		[]string{"c5.xlarge"}, "karpenter", 30 * time.Second, false},
}

// The pace of one scale-up and scale-down, in simulated time.
const (
	launchAfter     = 2 * time.Second
	registerAfter   = 5 * time.Second
	readyAfter      = 8 * time.Second
	scaleDownAfter  = 40 * time.Second
	terminateFor    = 3 * time.Second
	nextCycleAfter  = 15 * time.Second
	replicasScaled  = 3
	eventsNamespace = "default"
)

// Simulator makes a demo cluster live: a workload scales up, a NodeClaim
// walks through Launched, Registered, Initialized and Ready, its node
// appears and takes the pods, and once the workload scales down the empty
// node is consolidated away. It writes through the same fake clients the
// watcher reads, so the UI sees what it would see on a cluster. Time is
// the simulator's own: tests drive it with Advance, the CLI with Run.
type Simulator struct {
	clients kube.Clients
	story   story
	rng     *rand.Rand
	now     time.Time
	steps   []step
	cycle   int
}

// step is one thing due to happen at a simulated time.
type step struct {
	at time.Time
	do func(ctx context.Context) error
}

// NewSimulator plays scenario on clients, starting at start. The same seed
// gives the same names, instance types and zones.
func NewSimulator(clients kube.Clients, scenario string, start time.Time,
	seed uint64) (*Simulator, error) {
	if scenario == "" {
		scenario = Scenarios[0]
	}
	st, ok := stories[scenario]
	if !ok {
		return nil, fmt.Errorf("unknown demo scenario %q (known: %v)", scenario, Scenarios)
	}
	s := &Simulator{
		clients: clients, story: st, now: start.Truncate(time.Second),
		rng: rand.New(rand.NewPCG(seed, seed^0x5eed)),
	}
	s.at(s.now.Add(3*time.Second), s.scaleUp)
	return s, nil
}

// Now is the simulator's clock.
func (s *Simulator) Now() time.Time { return s.now }

// at schedules do at t, keeping the steps in time order.
func (s *Simulator) at(t time.Time, do func(ctx context.Context) error) {
	i, _ := slices.BinarySearchFunc(s.steps, t, func(st step, t time.Time) int {
		return st.at.Compare(t)
	})
	s.steps = slices.Insert(s.steps, i, step{at: t, do: do})
}

// Advance moves the clock to t, running every step due by then in order.
func (s *Simulator) Advance(ctx context.Context, t time.Time) error {
	for len(s.steps) > 0 && !s.steps[0].at.After(t) {
		st := s.steps[0]
		s.steps = s.steps[1:]
		s.now = st.at
		if err := st.do(ctx); err != nil {
			return err
		}
	}
	s.now = t
	return nil
}

// Run plays the simulation in real time, speed times as fast, until ctx
// ends. It sleeps until the next step rather than ticking.
func (s *Simulator) Run(ctx context.Context, speed float64) error {
	if speed <= 0 {
		speed = 1
	}
	began, simBegan := time.Now(), s.now
	for len(s.steps) > 0 {
		due := s.steps[0].at
		wait := time.Duration(float64(due.Sub(simBegan))/speed) - time.Since(began)
		t := time.NewTimer(max(wait, 0))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		if err := s.Advance(ctx, due); err != nil {
			return err
		}
	}
	return nil
}

// scaleUp adds pending pods and the NodeClaim Karpenter creates for them,
// and schedules the claim's lifecycle.
func (s *Simulator) scaleUp(ctx context.Context) error {
	s.cycle++
	st := s.story
	claim := fmt.Sprintf("%s-%s", st.pool, s.suffix())
	node := s.nodeName()
	spec := nodeSpec{name: node, instanceType: st.types[s.rng.IntN(len(st.types))],
		zone:     []string{"ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"}[s.rng.IntN(3)],
		capacity: st.capacity}

	var pods []string
	for i := range replicasScaled {
		name := fmt.Sprintf("burst-%d-%s", s.cycle, hash(s.cycle, i))
		pods = append(pods, name)
		p := pod(s.now, podSpec{"shop", name, "", "ReplicaSet", "burst-6c5d4f7b8",
			500, 1024, "registry.example.com/shop/burst:1.0"})
		p.Status.Phase = corev1.PodPending
		if _, err := s.clients.Kube.CoreV1().Pods("shop").Create(ctx, p,
			metav1.CreateOptions{}); err != nil {
			return fmt.Errorf("creating pod %s: %w", name, err)
		}
		s.event(ctx, "Pod", "shop", name, "Nominated",
			"Pod should schedule on: nodeclaim/"+claim)
	}

	u := object("karpenter.sh/v1", "NodeClaim", claim,
		map[string]string{"karpenter.sh/nodepool": st.pool}, s.now, map[string]any{
			"spec": map[string]any{
				"nodeClassRef": map[string]any{
					"group": st.nodeClassGroup, "kind": st.nodeClassKind, "name": st.nodeClass,
				},
				"requirements": []any{req("karpenter.sh/nodepool", "In", st.pool)},
			},
			"status": map[string]any{"conditions": []any{
				condition("Launched", "Unknown", "AwaitingReconciliation", "", s.now),
				condition("Ready", "Unknown", "AwaitingReconciliation", "", s.now),
			}},
		})
	if _, err := s.claims().Create(ctx, u, metav1.CreateOptions{}); err != nil {
		return fmt.Errorf("creating NodeClaim %s: %w", claim, err)
	}

	begin := s.now
	s.at(begin.Add(launchAfter), func(ctx context.Context) error {
		return s.launch(ctx, claim, spec)
	})
	s.at(begin.Add(registerAfter), func(ctx context.Context) error {
		return s.register(ctx, claim, spec)
	})
	s.at(begin.Add(readyAfter), func(ctx context.Context) error {
		return s.initialize(ctx, claim, spec, pods)
	})
	s.at(begin.Add(scaleDownAfter), func(ctx context.Context) error {
		return s.scaleDown(ctx, claim, spec, pods)
	})
	return nil
}

// suffix is a Karpenter-style five-letter name suffix.
func (s *Simulator) suffix() string {
	const letters = "bcdfghjklmnpqrstvwxz2456789"
	b := make([]byte, 5)
	for i := range b {
		b[i] = letters[s.rng.IntN(len(letters))]
	}
	return string(b)
}

// nodeName names a node as its launcher would: Auto Mode after the
// instance ID, OSS Karpenter after the private IP.
func (s *Simulator) nodeName() string {
	if s.story.auto {
		return fmt.Sprintf("i-0%016x", s.rng.Uint64()>>4)
	}
	return fmt.Sprintf("ip-10-0-%d-%d.ap-northeast-1.compute.internal",
		64+s.rng.IntN(64), 1+s.rng.IntN(254))
}

func (s *Simulator) claims() dynamicResource {
	return s.clients.Dynamic.Resource(kube.NodeClaims)
}

// event records what a controller would report about an object.
func (s *Simulator) event(ctx context.Context, kind, namespace, name, reason,
	message string) {
	at := metav1.NewTime(s.now)
	e := &corev1.Event{
		ObjectMeta: metav1.ObjectMeta{Namespace: eventsNamespace,
			Name: fmt.Sprintf("%s.%x", name, s.rng.Uint64()>>16), CreationTimestamp: at},
		InvolvedObject: corev1.ObjectReference{Kind: kind, Namespace: namespace, Name: name},
		Reason:         reason, Message: message, Type: corev1.EventTypeNormal,
		Source:              corev1.EventSource{Component: s.story.reporter},
		ReportingController: s.story.reporter,
		FirstTimestamp:      at, LastTimestamp: at, Count: 1,
	}
	// An event that cannot be written only loses a line of history; the
	// cluster's story goes on.
	_, _ = s.clients.Kube.CoreV1().Events(eventsNamespace).Create(ctx, e,
		metav1.CreateOptions{})
}

// setConditions rewrites a claim's status conditions and runs edit on it.
func (s *Simulator) updateClaim(ctx context.Context, name string,
	edit func(u *unstructured.Unstructured)) error {
	u, err := s.claims().Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return fmt.Errorf("getting NodeClaim %s: %w", name, err)
	}
	edit(u)
	if _, err := s.claims().Update(ctx, u, metav1.UpdateOptions{}); err != nil {
		return fmt.Errorf("updating NodeClaim %s: %w", name, err)
	}
	return nil
}
