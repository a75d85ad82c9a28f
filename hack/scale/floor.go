//go:build !probe

package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/rest"

	"github.com/kubectl-automode/kubectl-automode/kube"
)

// pageSize is client-go's own page size for paginated lists
// (tools/pager.defaultPageSize).
const pageSize = 500

// lister lists one page of a resource and returns the continue token.
type lister func(ctx context.Context, opts metav1.ListOptions) (string, error)

// floorListers are every resource the watcher reads, through clients built
// the way the tool builds them (kube.NewClients: the same content types),
// but with client-side rate limits off, so that the floor is the API
// server's time and the decoding's, not a throttle's.
func floorListers(cfg *rest.Config) (map[string]lister, error) {
	cfg = rest.CopyConfig(cfg)
	cfg.QPS = -1
	c, err := kube.NewClients(cfg)
	if err != nil {
		return nil, err
	}
	k := c.Kube
	out := map[string]lister{
		"nodes": func(ctx context.Context, o metav1.ListOptions) (string, error) {
			l, err := k.CoreV1().Nodes().List(ctx, o)
			return cont(l, err)
		},
		"pods": func(ctx context.Context, o metav1.ListOptions) (string, error) {
			l, err := k.CoreV1().Pods("").List(ctx, o)
			return cont(l, err)
		},
		"daemonsets": func(ctx context.Context, o metav1.ListOptions) (string, error) {
			l, err := k.AppsV1().DaemonSets("").List(ctx, o)
			return cont(l, err)
		},
		"deployments": func(ctx context.Context, o metav1.ListOptions) (string, error) {
			l, err := k.AppsV1().Deployments("").List(ctx, o)
			return cont(l, err)
		},
		"csidrivers": func(ctx context.Context, o metav1.ListOptions) (string, error) {
			l, err := k.StorageV1().CSIDrivers().List(ctx, o)
			return cont(l, err)
		},
		"storageclasses": func(ctx context.Context, o metav1.ListOptions) (string, error) {
			l, err := k.StorageV1().StorageClasses().List(ctx, o)
			return cont(l, err)
		},
		"ingressclasses": func(ctx context.Context, o metav1.ListOptions) (string, error) {
			l, err := k.NetworkingV1().IngressClasses().List(ctx, o)
			return cont(l, err)
		},
	}
	for _, gvr := range []schema.GroupVersionResource{nodePoolsGVR, nodeClaimsGVR, nodeClassGVR,
		ec2NodeClassGVR} {
		out[gvr.Resource] = func(ctx context.Context, o metav1.ListOptions) (string, error) {
			l, err := c.Dynamic.Resource(gvr).List(ctx, o)
			if err != nil {
				return "", err
			}
			return l.GetContinue(), nil
		}
	}
	return out, nil
}

// cont is the continue token of a page, or the error that stopped it.
func cont(l interface{ GetContinue() string }, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return l.GetContinue(), nil
}

// measureFloor lists every resource to the last page, all resources at
// once as the watcher's informers do, and returns the wall time of the
// slowest, with the time of each.
func measureFloor(ctx context.Context, listers map[string]lister) (time.Duration,
	map[string]time.Duration, error) {
	var (
		mu    sync.Mutex
		each  = map[string]time.Duration{}
		first error
		wg    sync.WaitGroup
	)
	start := time.Now()
	for name, list := range listers {
		wg.Go(func() {
			t0 := time.Now()
			opts := metav1.ListOptions{Limit: pageSize}
			for {
				next, err := list(ctx, opts)
				if err != nil {
					mu.Lock()
					first = cmpErr(first, fmt.Errorf("listing %s: %w", name, err))
					mu.Unlock()
					return
				}
				if next == "" {
					break
				}
				opts.Continue = next
			}
			mu.Lock()
			each[name] = time.Since(t0)
			mu.Unlock()
		})
	}
	wg.Wait()
	return time.Since(start), each, first
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
