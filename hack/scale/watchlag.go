//go:build !probe

package main

import (
	"context"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/watch"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// rawWatch is the API server's own delivery of the churn, for comparison
// with the tool's: a bare watch of nodes and of NodeClaims from this
// process, noting when each target's number arrives, in the shape of the
// probe's frames so that lagOf reads both.
type rawWatch struct {
	mu     sync.Mutex
	frames []event
	index  [2]map[string]int
	last   [2][]int
	// bases are the target nodes' generated allocatable memories.
	bases []int64
}

func (s *server) watchChurn(ctx context.Context, targets int) (*rawWatch, error) {
	names := targetNames(targets)
	rw := &rawWatch{bases: baseMemories(targets)}
	for kind := range 2 {
		rw.index[kind] = map[string]int{}
		rw.last[kind] = make([]int, targets)
		for k, n := range names[kind] {
			rw.index[kind][n] = k
		}
	}
	// The bare watch dials connections of its own (a config with its own
	// Dial gets a transport of its own), as the probe, another process,
	// does: on the connection the churn writer shares, the writer's
	// requests could hold the watch's events back.
	cfg := rest.CopyConfig(s.cfg)
	cfg.Dial = (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	kc, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	dc, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, err
	}
	open := [2]func(rv string) (watch.Interface, error){
		func(rv string) (watch.Interface, error) {
			return kc.CoreV1().Nodes().Watch(ctx, metav1.ListOptions{ResourceVersion: rv})
		},
		func(rv string) (watch.Interface, error) {
			return dc.Resource(nodeClaimsGVR).Watch(ctx, metav1.ListOptions{ResourceVersion: rv})
		},
	}
	// Each watch starts at the resource's current version: one without a
	// version first sends every existing object as added, and at 5,000
	// nodes and NodeClaims decoding those held the churn's first events
	// back by seconds.
	now := [2]func() (string, error){
		func() (string, error) {
			l, err := kc.CoreV1().Nodes().List(ctx, metav1.ListOptions{Limit: 1})
			if err != nil {
				return "", err
			}
			return l.ResourceVersion, nil
		},
		func() (string, error) {
			l, err := dc.Resource(nodeClaimsGVR).List(ctx, metav1.ListOptions{Limit: 1})
			if err != nil {
				return "", err
			}
			return l.GetResourceVersion(), nil
		},
	}
	for kind := range 2 {
		rv, err := now[kind]()
		if err != nil {
			return nil, err
		}
		w, err := open[kind](rv)
		if err != nil {
			return nil, err
		}
		go rw.read(ctx, w, kind, rv, open[kind])
	}
	return rw, nil
}

// read notes every event, and opens the watch again from the last
// resource version seen whenever the server ends it.
func (rw *rawWatch) read(ctx context.Context, w watch.Interface, kind int, rv string,
	open func(rv string) (watch.Interface, error)) {
	for {
		for ev := range w.ResultChan() {
			if m, err := meta.Accessor(ev.Object); err == nil && ev.Type != watch.Error {
				rv = m.GetResourceVersion()
			}
			rw.note(kind, ev.Object)
		}
		w.Stop()
		if ctx.Err() != nil {
			return
		}
		var err error
		if w, err = open(rv); err != nil {
			logf("bare watch: %v", err)
			return
		}
	}
}

func (rw *rawWatch) note(kind int, obj any) {
	at := time.Now().UnixNano()
	var name string
	seq := 0
	switch o := obj.(type) {
	case *corev1.Node:
		name = o.Name
		if k, ok := rw.index[kind][name]; ok {
			seq = seqOfMemory(rw.bases[k], o.Status.Allocatable.Memory().Value())
		}
	case *unstructured.Unstructured:
		name = o.GetName()
		conds, _, _ := unstructured.NestedSlice(o.Object, "status", "conditions")
		for _, c := range conds {
			if m, ok := c.(map[string]any); ok && m["type"] == seqCondition {
				msg, _ := m["message"].(string)
				seq, _ = strconv.Atoi(strings.TrimPrefix(msg, "seq "))
			}
		}
	default:
		return
	}
	rw.mu.Lock()
	defer rw.mu.Unlock()
	k, ok := rw.index[kind][name]
	if !ok || seq <= rw.last[kind][k] {
		return
	}
	rw.last[kind][k] = seq
	rw.frames = append(rw.frames, event{At: at, Seen: [][3]int{{kind, k, seq}}})
}

func (rw *rawWatch) taken() []event {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	return rw.frames
}
