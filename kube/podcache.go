package kube

import (
	"sync"
	"sync/atomic"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/tools/cache"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// podCache keeps the pods of the last snapshot while the pod informer has
// had no event since. With 100,000 pods, copying them out of the store is
// most of a snapshot's cost, and under churn of nodes and NodeClaims the
// pods rarely change; model.Build only reads Inputs.Pods, so snapshots may
// share the slice.
type podCache struct {
	informer cache.SharedIndexInformer
	// events counts the pod informer's events; it is bumped after the
	// store has changed.
	events atomic.Uint64

	mu    sync.Mutex
	built uint64
	valid bool
	pods  []*model.Pod
	index *model.PodIndex
}

// podsResource is the pods' resource, which the pod cache serves.
var podsResource = corev1.SchemeGroupVersion.WithResource("pods")

// slimPods sets the factory's pod informer up for the watcher: without
// the namespace index (useSlimPodInformer) and counted by the pod cache.
// Every event also wakes the watcher, after the count, so the snapshot
// that follows an event always sees it.
func (w *Watcher) slimPods(f informers.SharedInformerFactory) {
	useSlimPodInformer(f)
	inf := f.Core().V1().Pods().Informer()
	w.pods.informer = inf
	count := func() {
		w.pods.events.Add(1)
		w.changed()
	}
	if _, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    func(any) { count() },
		UpdateFunc: func(any, any) { count() },
		DeleteFunc: func(any) { count() },
	}); err != nil {
		w.log.Error("adding pod cache handler", "err", err)
	}
}

// list returns the pods in the informer's store and their index, from the
// cache when no event came since it was filled. The count is read before
// the store, so an event racing with the read only makes the next call
// read again.
func (c *podCache) list() ([]*model.Pod, *model.PodIndex) {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := c.events.Load()
	if c.valid && seen == c.built {
		return c.pods, c.index
	}
	objs := c.informer.GetStore().List()
	pods := make([]*model.Pod, 0, len(objs))
	for _, obj := range objs {
		if p, ok := obj.(*slimPod); ok {
			pods = append(pods, &p.Pod)
		}
	}
	c.pods, c.index, c.built, c.valid = pods, model.IndexPods(pods), seen, true
	return c.pods, c.index
}
