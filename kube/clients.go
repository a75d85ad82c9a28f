package kube

import (
	"fmt"

	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// Clients are the three client-go interfaces the watcher reads through. A
// live cluster, the demo and tests each supply their own.
type Clients struct {
	Kube      kubernetes.Interface
	Dynamic   dynamic.Interface
	Discovery discovery.DiscoveryInterface

	// health follows whether the API server answers; nil for sources that
	// cannot lose their connection (fakes).
	health *health
}

// NewClients builds clients for a live cluster from a rest config. They
// report every request's fate to the watcher, which shows whether the
// connection is live.
func NewClients(cfg *rest.Config) (Clients, error) {
	h := newHealth()
	cfg = rest.CopyConfig(cfg)
	cfg.Wrap(h.wrap)
	kc, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return Clients{}, fmt.Errorf("creating kubernetes client: %w", err)
	}
	dc, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return Clients{}, fmt.Errorf("creating dynamic client: %w", err)
	}
	return Clients{Kube: kc, Dynamic: dc, Discovery: kc.Discovery(), health: h}, nil
}
