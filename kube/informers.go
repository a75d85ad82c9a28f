package kube

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/tools/cache"
)

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
	// stop ends this informer alone; stopped says it was ended because the
	// user may not read the resource, so its problem stays.
	stop    context.CancelFunc
	stopped bool

	// arrivals counts the objects that came into or left the store. While
	// it holds still the keys keep their order, so a snapshot reads the
	// store in name order without sorting it again (objects).
	arrivals atomic.Uint64
	orderAt  uint64
	order    []string
	// items are the store's objects as the last snapshot read them, by
	// order; nil where an object had gone. While the keys keep their
	// order, a snapshot reads again only the objects updated since, whose
	// keys the handler gathers in updated (under mu): under churn a
	// snapshot of 5,000 nodes reads a few dozen rather than every one.
	items   []any
	updated map[string]struct{}
}

// startInformers starts an informer for each resource of the read list
// that has one: typed informers for the built-in resources, dynamic ones
// for each custom resource discovery found. Each runs under its own
// context, so that one the user may not read can be stopped alone. Resync
// is off: nothing happens unless the cluster changes.
func (w *Watcher) startInformers(ctx context.Context, running *sync.WaitGroup,
	found discovered) {
	typed := informers.NewSharedInformerFactoryWithOptions(w.clients.Kube, 0,
		informers.WithTransform(slimOrTrim))
	w.slimPods(typed)
	dyn := dynamicinformer.NewDynamicSharedInformerFactory(w.clients.Dynamic, 0)
	for _, a := range reads {
		name := resourceName(a.gvr)
		switch {
		case !a.watched:
			continue
		case a.custom && !found.served[a.gvr]:
			continue
		case a.custom:
			inf := dyn.ForResource(a.gvr).Informer()
			if err := inf.SetTransform(slimOrTrimCustom); err != nil {
				w.log.Error("setting informer transform", "resource", name, "err", err)
			}
			w.add(name, inf)
		default:
			gi, err := typed.ForResource(a.gvr)
			if err != nil {
				w.log.Error("creating informer", "resource", name, "err", err)
				continue
			}
			inf := gi.Informer()
			if a.gvr == podsResource {
				// Each Informer() call wraps the shared informer anew, so
				// the pod cache's must be the one watched for snapshots to
				// find their pods in it.
				inf = w.pods.informer
			}
			w.add(name, inf)
		}
	}

	for _, wi := range w.watched {
		ictx, cancel := context.WithCancel(ctx)
		wi.stop = cancel
		running.Go(func() { wi.informer.RunWithContext(ictx) })
	}
}

// add registers the change handler and the error handler on an informer
// that has not started yet.
func (w *Watcher) add(resource string, inf cache.SharedIndexInformer) {
	wi := &watched{resource: resource, informer: inf}
	if err := inf.SetWatchErrorHandler(func(_ *cache.Reflector, err error) {
		w.watchFailed(wi, err)
	}); err != nil {
		w.log.Error("setting watch error handler", "resource", resource, "err", err)
	}
	arrived := func() {
		wi.arrivals.Add(1)
		w.changed()
	}
	// The pod cache reads its store whole, so nothing reads what changed.
	track := inf != w.pods.informer
	reg, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: func(any) { arrived() },
		UpdateFunc: func(_, obj any) {
			if track {
				wi.wasUpdated(obj)
			}
			w.changed()
		},
		DeleteFunc: func(any) { arrived() },
	})
	if err != nil {
		w.log.Error("adding event handler", "resource", resource, "err", err)
	}
	wi.handler = reg
	w.watched = append(w.watched, wi)
}

// objects are the store's objects in the order of their keys, which for
// the cluster-scoped kinds is name order: model.Build finds nodes and
// NodeClaims sorted and does not sort them. The keys are listed and
// sorted, and every object read, only after an object came or went;
// otherwise only the objects updated since the last call are read again.
// The count and the updated keys are taken before the store is read, so
// a change that lands during the read is read again by the next call. An
// object the handler has not told of yet shows in the next snapshot,
// which its event brings.
func (wi *watched) objects() []any {
	store := wi.informer.GetStore()
	seen := wi.arrivals.Load()
	wi.mu.Lock()
	updated := wi.updated
	wi.updated = nil
	wi.mu.Unlock()

	read := func(key string) any {
		if obj, ok, err := store.GetByKey(key); ok && err == nil {
			return obj
		}
		return nil
	}
	if wi.items == nil || seen != wi.orderAt {
		wi.order, wi.orderAt = store.ListKeys(), seen
		slices.Sort(wi.order)
		wi.items = make([]any, len(wi.order))
		for i, key := range wi.order {
			wi.items[i] = read(key)
		}
	} else {
		for key := range updated {
			if i, ok := slices.BinarySearch(wi.order, key); ok {
				wi.items[i] = read(key)
			}
		}
	}

	objs := make([]any, 0, len(wi.items))
	for _, obj := range wi.items {
		if obj != nil {
			objs = append(objs, obj)
		}
	}
	return objs
}

// wasUpdated notes the key of an updated object for the next objects.
// A key it cannot make sends the next call back to reading every object.
func (wi *watched) wasUpdated(obj any) {
	key, err := cache.MetaNamespaceKeyFunc(obj)
	if err != nil {
		wi.arrivals.Add(1)
		return
	}
	wi.mu.Lock()
	if wi.updated == nil {
		wi.updated = map[string]struct{}{}
	}
	wi.updated[key] = struct{}{}
	wi.mu.Unlock()
}

// watchFailed records why an informer could not list or watch. A 403 will
// not heal by retrying, so that informer stops for good instead of asking
// again every few seconds; its panel stays empty and says why.
func (w *Watcher) watchFailed(wi *watched, err error) {
	forbidden := apierrors.IsForbidden(err)
	wi.mu.Lock()
	wi.problem = listProblem(wi.resource, err)
	if forbidden && !wi.stopped {
		wi.stopped = true
		if wi.stop != nil {
			wi.stop()
		}
	}
	wi.mu.Unlock()
	if forbidden {
		w.log.Warn("not allowed to read, stopped watching", "resource", wi.resource, "err", err)
	} else {
		w.log.Warn("watch failed", "resource", wi.resource, "err", err)
	}
	w.changed()
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

// refused says the user may not read the resource: its informer was
// stopped on a 403, so its empty store shows nothing, not that nothing
// exists.
func (wi *watched) refused() bool {
	wi.mu.Lock()
	defer wi.mu.Unlock()
	return wi.stopped
}

// lastProblem is the informer's error, or "" once it has synced: a watch
// that dropped and came back is not a problem. A stopped informer keeps
// its problem, synced or not.
func (wi *watched) lastProblem() string {
	wi.mu.Lock()
	defer wi.mu.Unlock()
	if wi.stopped {
		return wi.problem
	}
	if wi.synced() {
		return ""
	}
	return wi.problem
}
