package kube

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// DefaultMinInterval is the shortest time between two snapshots: ten a
// second is as fast as anyone reads a screen, and it caps the cost of churn.
const DefaultMinInterval = 100 * time.Millisecond

// DefaultStaleAfter is how long a lost connection reads "reconnecting"
// before it reads "stale": a watch that drops usually comes back within a
// few seconds, and only after that is the age of the data worth showing.
const DefaultStaleAfter = 5 * time.Second

// staleTick is how often a snapshot is sent while the connection is down,
// so that the age of the data shown keeps counting.
const staleTick = time.Second

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

	// StaleAfter is how long the API server may stay silent before the
	// connection reads stale rather than reconnecting; DefaultStaleAfter
	// when zero.
	StaleAfter time.Duration

	// Logger receives what went wrong while watching; nothing when nil.
	Logger *slog.Logger

	// Now stamps each snapshot; time.Now when nil. Tests and the demo's
	// simulated clock set it.
	Now func() time.Time

	// SyncGCPercent is the GC percent while the first snapshot is read;
	// DefaultSyncGCPercent when zero, and the collector is left alone
	// when negative or when GOGC is set.
	SyncGCPercent int
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

	watched  []*watched
	evidence []string
	// problems are what discovery found wrong, such as a Karpenter that
	// serves only an older API version.
	problems []string
	// shapeChecked maps each custom object checked for wrong types to the
	// resource version checked, so that each version is logged once.
	shapeChecked map[string]string

	// pods keeps the last snapshot's pods while the pod store is unchanged.
	pods podCache
}

// NewWatcher returns a watcher over the given clients. Nothing is read from
// the cluster until Run.
func NewWatcher(c Clients, opts Options) *Watcher {
	if opts.MinInterval <= 0 {
		opts.MinInterval = DefaultMinInterval
	}
	if opts.StaleAfter <= 0 {
		opts.StaleAfter = DefaultStaleAfter
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.SyncGCPercent == 0 {
		opts.SyncGCPercent = DefaultSyncGCPercent
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Watcher{
		clients:      c,
		opts:         opts,
		log:          log,
		out:          make(chan *model.Cluster, 1),
		wake:         make(chan struct{}, 1),
		shapeChecked: map[string]string{},
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

	if w.clients.health != nil {
		w.clients.health.onChange(w.changed)
	}
	found, err := discover(w.clients.Discovery)
	if err != nil {
		return err
	}
	w.evidence = found.apiResources
	for _, p := range found.problems {
		w.log.Warn("reading what the API server serves", "problem", p)
		w.problems = append(w.problems, p)
	}

	ctx, cancel := context.WithCancel(ctx)
	var running sync.WaitGroup
	defer func() {
		cancel()
		running.Wait()
	}()
	synced := tightenGC(w.opts.SyncGCPercent)
	defer synced()
	w.startInformers(ctx, &running, found)

	if !w.waitForSync(ctx) {
		return nil
	}
	return w.emit(ctx, synced)
}

// emit sends a snapshot after each burst of changes and, while the API
// server is unreachable, one a second so that the data's age keeps
// counting, until ctx ends. It calls synced once the first is sent.
func (w *Watcher) emit(ctx context.Context, synced func()) error {
	var (
		emitted uint64
		shown   model.ConnectionState
		ticked  bool
	)
	last := time.Now()
	for {
		count := w.changes.Load()
		conn := w.connection()
		if count != emitted || emitted == 0 || conn.State != shown || ticked {
			emitted, shown = max(count, 1), conn.State
			w.send(w.snapshotAt(conn))
			synced()
			last = time.Now()
		}

		ticked = false
		var tick *time.Timer
		var tickC <-chan time.Time
		if conn.State != model.ConnectionLive {
			tick = time.NewTimer(staleTick)
			tickC = tick.C
		}
		select {
		case <-ctx.Done():
			return nil
		case <-w.wake:
		case <-tickC:
			ticked = true
		}
		if tick != nil {
			tick.Stop()
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

// connection is the state of the link to the API server now. Sources
// without one (the demo, snapshots) are always live.
func (w *Watcher) connection() model.Connection {
	if w.clients.health == nil {
		return model.Connection{State: model.ConnectionLive}
	}
	return w.clients.health.connection(w.opts.Now(), w.opts.StaleAfter)
}

// changed records an informer event and wakes the loop.
func (w *Watcher) changed() {
	w.changes.Add(1)
	select {
	case w.wake <- struct{}{}:
	default:
	}
}
