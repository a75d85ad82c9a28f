package kube

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/tools/cache"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// DefaultMinInterval is the shortest time between two snapshots: ten a
// second is as fast as anyone reads a screen, and it caps the cost of churn.
const DefaultMinInterval = 100 * time.Millisecond

// Options describe the cluster a Watcher reads and how it reports.
type Options struct {
	// Context and ClusterName label every snapshot, as kubeconfig names them.
	Context     string
	ClusterName string
	// Source labels where the objects come from ("live", "demo",
	// "snapshot FILE"); see model.Cluster.Source.
	Source string
	// Problems are added to every snapshot's own, for what went wrong
	// before watching began (items a snapshot file skipped, say).
	Problems []string

	// MinInterval is the shortest time between two snapshots;
	// DefaultMinInterval when zero.
	MinInterval time.Duration

	// Logger receives what went wrong while watching; nothing when nil.
	Logger *slog.Logger

	// Now stamps each snapshot; time.Now when nil. Tests and the demo's
	// simulated clock set it.
	Now func() time.Time
}

// Watcher turns a cluster into a stream of model.Cluster snapshots. It
// watches through informers and sends a new snapshot only after something
// changed, and no more often than Options.MinInterval.
type Watcher struct {
	clients Clients
	opts    Options
	log     *slog.Logger

	out chan *model.Cluster

	// changes counts informer events; the loop compares it with the count
	// of the last snapshot to know whether anything changed.
	changes atomic.Uint64
	wake    chan struct{}

	watched   []*watched
	evidence  []string
	startOnce sync.Once
}

// watched is one informer and what the watcher knows about its health.
type watched struct {
	// resource names the resource as kubectl does, "nodeclaims.karpenter.sh".
	resource string
	informer cache.SharedIndexInformer
	handler  cache.ResourceEventHandlerRegistration

	mu sync.Mutex
	// problem is the last list or watch error, cleared once the informer
	// has synced; "" when there is none.
	problem string
}

// NewWatcher returns a watcher over the given clients. Nothing is read from
// the cluster until Run.
func NewWatcher(c Clients, opts Options) *Watcher {
	if opts.MinInterval <= 0 {
		opts.MinInterval = DefaultMinInterval
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Watcher{
		clients: c,
		opts:    opts,
		log:     log,
		out:     make(chan *model.Cluster, 1),
		wake:    make(chan struct{}, 1),
	}
}

// Snapshots delivers each new model.Cluster. A reader that falls behind
// gets only the newest one: snapshots are whole states, not deltas, so an
// old one is never worth reading. The channel closes when Run returns.
func (w *Watcher) Snapshots() <-chan *model.Cluster { return w.out }

// Run discovers which resources the cluster serves, starts an informer for
// each, sends the first snapshot once every informer has either synced or
// failed, and then one after each burst of changes, until ctx ends. It
// returns an error only when discovery fails; a resource that cannot be
// listed shows as a problem in the snapshot instead.
func (w *Watcher) Run(ctx context.Context) error {
	defer close(w.out)

	found, err := discover(w.clients.Discovery)
	if err != nil {
		return err
	}
	w.evidence = found.apiResources

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w.startInformers(ctx, found)

	if !w.waitForSync(ctx) {
		return nil
	}
	var emitted uint64
	last := time.Now()
	for {
		count := w.changes.Load()
		if count != emitted || emitted == 0 {
			emitted = max(count, 1)
			w.send(w.snapshot())
			last = time.Now()
		}

		select {
		case <-ctx.Done():
			return nil
		case <-w.wake:
		}
		if wait := w.opts.MinInterval - time.Since(last); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil
			case <-t.C:
			}
		}
	}
}

// send hands a snapshot over, replacing one the reader has not taken yet.
// The watcher is the only sender, so after the drain the send cannot block.
func (w *Watcher) send(c *model.Cluster) {
	select {
	case w.out <- c:
		return
	default:
	}
	select {
	case <-w.out:
	default:
	}
	w.out <- c
}

// changed records an informer event and wakes the loop.
func (w *Watcher) changed() {
	w.changes.Add(1)
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// startInformers starts the typed informers for the built-in resources and
// a dynamic informer for each custom resource discovery found. Resync is
// off: nothing happens unless the cluster changes.
func (w *Watcher) startInformers(ctx context.Context, found discovered) {
	typed := informers.NewSharedInformerFactoryWithOptions(w.clients.Kube, 0,
		informers.WithTransform(slimOrTrim))
	w.add("nodes", typed.Core().V1().Nodes().Informer())
	w.add("pods", typed.Core().V1().Pods().Informer())
	w.add("daemonsets.apps", typed.Apps().V1().DaemonSets().Informer())
	w.add("deployments.apps", typed.Apps().V1().Deployments().Informer())
	w.add("csidrivers.storage.k8s.io", typed.Storage().V1().CSIDrivers().Informer())
	w.add("storageclasses.storage.k8s.io", typed.Storage().V1().StorageClasses().Informer())
	w.add("ingressclasses.networking.k8s.io",
		typed.Networking().V1().IngressClasses().Informer())

	dyn := dynamicinformer.NewDynamicSharedInformerFactory(w.clients.Dynamic, 0)
	for _, gvr := range watchedResources {
		if !found.served[gvr] {
			continue
		}
		inf := dyn.ForResource(gvr).Informer()
		if err := inf.SetTransform(trimObject); err != nil {
			w.log.Error("setting informer transform", "resource", resourceName(gvr), "err", err)
		}
		w.add(resourceName(gvr), inf)
	}

	typed.Start(ctx.Done())
	dyn.Start(ctx.Done())
}

// add registers the change handler and the error handler on an informer
// that has not started yet.
func (w *Watcher) add(resource string, inf cache.SharedIndexInformer) {
	wi := &watched{resource: resource, informer: inf}
	if err := inf.SetWatchErrorHandler(func(_ *cache.Reflector, err error) {
		msg := listProblem(resource, err)
		wi.mu.Lock()
		wi.problem = msg
		wi.mu.Unlock()
		w.log.Warn("watch failed", "resource", resource, "err", err)
		w.changed()
	}); err != nil {
		w.log.Error("setting watch error handler", "resource", resource, "err", err)
	}
	reg, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(any) { w.changed() },
		UpdateFunc: func(any, any) { w.changed() },
		DeleteFunc: func(any) { w.changed() },
	})
	if err != nil {
		w.log.Error("adding event handler", "resource", resource, "err", err)
	}
	wi.handler = reg
	w.watched = append(w.watched, wi)
}

// waitForSync waits until every informer has synced or reported an error,
// so that the first snapshot is complete, or says what it lacks. It polls
// only while starting; it returns false when ctx ends first.
func (w *Watcher) waitForSync(ctx context.Context) bool {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		done := true
		for _, wi := range w.watched {
			if !wi.synced() && wi.lastProblem() == "" {
				done = false
				break
			}
		}
		if done {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-tick.C:
		}
	}
}

func (wi *watched) synced() bool {
	return wi.handler != nil && wi.handler.HasSynced()
}

// lastProblem is the informer's error, or "" once it has synced: a watch
// that dropped and came back is not a problem.
func (wi *watched) lastProblem() string {
	if wi.synced() {
		return ""
	}
	wi.mu.Lock()
	defer wi.mu.Unlock()
	return wi.problem
}

func resourceName(gvr schema.GroupVersionResource) string {
	return fmt.Sprintf("%s.%s", gvr.Resource, gvr.Group)
}
