//go:build !probe

package main

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/kubectl-automode/kubectl-automode/internal/scalegen"
	"github.com/kubectl-automode/kubectl-automode/kube"
)

var (
	nodePoolsGVR    = kube.NodePools
	nodeClaimsGVR   = kube.NodeClaims
	nodeClassGVR    = kube.NodeClasses
	ec2NodeClassGVR = kube.EC2NodeClasses
)

// parallel calls f(i) for every i in [from, to) on workers goroutines and
// returns the first error; it stops early when ctx ends.
func parallel(ctx context.Context, from, to, workers int,
	f func(ctx context.Context, i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next    atomic.Int64
		wg      sync.WaitGroup
		errOnce sync.Once
		first   error
	)
	next.Store(int64(from))
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= to || ctx.Err() != nil {
					return
				}
				if err := retry(ctx, func() error { return f(ctx, i) }); err != nil {
					errOnce.Do(func() { first = err; cancel() })
					return
				}
			}
		})
	}
	wg.Wait()
	if first == nil {
		first = ctx.Err()
	}
	return first
}

// retry repeats a write that the API server refused for a passing reason:
// too many requests, a timeout, or its own restart of a watch cache.
func retry(ctx context.Context, f func() error) error {
	var err error
	for attempt := range 5 {
		err = f()
		if err == nil || apierrors.IsAlreadyExists(err) || ctx.Err() != nil {
			return nil
		}
		if !apierrors.IsTooManyRequests(err) && !apierrors.IsServerTimeout(err) &&
			!apierrors.IsTimeout(err) && !apierrors.IsInternalError(err) {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 100 * time.Millisecond)
	}
	return err
}

// fillBase creates what every size shares: namespaces, NodeClasses and
// NodePools.
func (s *server) fillBase(ctx context.Context) error {
	for _, ns := range scalegen.Namespaces() {
		_, err := s.kube.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{
			ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{})
		if err != nil && !apierrors.IsAlreadyExists(err) {
			return fmt.Errorf("creating namespace %s: %w", ns, err)
		}
	}
	for _, c := range scalegen.NodeClasses() {
		gvr := nodeClassGVR
		if c.GetKind() == "EC2NodeClass" {
			gvr = ec2NodeClassGVR
		}
		if err := s.createWithStatus(ctx, gvr, c); err != nil {
			return err
		}
	}
	return parallel(ctx, 0, scalegen.NodePools, 8, func(ctx context.Context, p int) error {
		return s.createWithStatus(ctx, nodePoolsGVR, scalegen.NodePool(p))
	})
}

// createWithStatus creates a custom resource and then writes its status,
// which the API server drops on create, as its controller would.
func (s *server) createWithStatus(ctx context.Context, gvr schema.GroupVersionResource,
	u *unstructured.Unstructured) error {
	status := u.Object["status"]
	got, err := s.dynamic.Resource(gvr).Create(ctx, u, metav1.CreateOptions{})
	if err != nil {
		return fmt.Errorf("creating %s %s: %w", gvr.Resource, u.GetName(), err)
	}
	if status == nil {
		return nil
	}
	got.Object["status"] = status
	if _, err := s.dynamic.Resource(gvr).UpdateStatus(ctx, got, metav1.UpdateOptions{}); err != nil {
		return fmt.Errorf("writing status of %s %s: %w", gvr.Resource, u.GetName(), err)
	}
	return nil
}

// fillNodes creates the nodes and NodeClaims of indexes [from, to).
func (s *server) fillNodes(ctx context.Context, from, to, workers int) error {
	start := time.Now()
	err := parallel(ctx, from, to, workers, func(ctx context.Context, i int) error {
		n := scalegen.Node(i)
		status := n.Status
		got, err := s.kube.CoreV1().Nodes().Create(ctx, n, metav1.CreateOptions{})
		if err != nil {
			return fmt.Errorf("creating node %s: %w", n.Name, err)
		}
		if len(got.Status.Conditions) == 0 {
			got.Status = status
			if _, err := s.kube.CoreV1().Nodes().UpdateStatus(ctx, got,
				metav1.UpdateOptions{}); err != nil {
				return fmt.Errorf("writing status of node %s: %w", n.Name, err)
			}
		}
		return s.createWithStatus(ctx, nodeClaimsGVR, scalegen.NodeClaim(i))
	})
	if err != nil {
		return err
	}
	logf("created nodes and NodeClaims %d..%d in %.1fs", from, to-1, time.Since(start).Seconds())
	return nil
}

// The ways of filling the pods, for -fill.
const (
	fillAPI  = "api"
	fillEtcd = "etcd"
)

// fillPods fills the pods of node indexes [from, to), with their status
// when cfg.podStatus is set, through the API server or straight into etcd
// as cfg.fill says, and returns once the API server lists them all.
func (s *server) fillPods(ctx context.Context, from, to int, cfg config) error {
	start := time.Now()
	var err error
	switch cfg.fill {
	case fillAPI:
		err = s.createPods(ctx, from, to, cfg.podsPerNode, cfg.workers, cfg.podStatus)
	case fillEtcd:
		err = s.writePods(ctx, from, to, cfg.podsPerNode, cfg.workers, cfg.podStatus)
	default:
		err = fmt.Errorf("filling pods: unknown way %q, want %s or %s", cfg.fill, fillAPI,
			fillEtcd)
	}
	if err != nil {
		return err
	}
	logf("created pods %d..%d in %.1fs", from*cfg.podsPerNode, to*cfg.podsPerNode-1,
		time.Since(start).Seconds())
	return nil
}

// createPods creates the pods of node indexes [from, to) through the API
// server, as a controller and then a kubelet would: a create, and a status
// update when podStatus is set.
func (s *server) createPods(ctx context.Context, from, to, podsPerNode, workers int,
	podStatus bool) error {
	return parallel(ctx, from*podsPerNode, to*podsPerNode, workers,
		func(ctx context.Context, k int) error {
			_, err := s.createPod(ctx, k, podsPerNode, podStatus)
			return err
		})
}

// createPod creates pod k (pod k%podsPerNode of node index k/podsPerNode)
// and, with podStatus, writes its status, and returns the pod as the API
// server stored it.
func (s *server) createPod(ctx context.Context, k, podsPerNode int,
	podStatus bool) (*corev1.Pod, error) {
	p := scalegen.Pod(k/podsPerNode, k%podsPerNode)
	got, err := s.kube.CoreV1().Pods(p.Namespace).Create(ctx, p, metav1.CreateOptions{})
	if err != nil {
		return nil, fmt.Errorf("creating pod %s/%s: %w", p.Namespace, p.Name, err)
	}
	if !podStatus {
		return got, nil
	}
	got, err = s.kube.CoreV1().Pods(p.Namespace).UpdateStatus(ctx, scalegen.WithStatus(got),
		metav1.UpdateOptions{})
	if err != nil {
		return nil, fmt.Errorf("writing status of pod %s/%s: %w", p.Namespace, p.Name, err)
	}
	return got, nil
}
