package kube

import (
	"fmt"

	"k8s.io/apimachinery/pkg/runtime"
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
//
// The typed client asks for protobuf, which the API server serves for
// every built-in resource: decoding 100,000 pods from protobuf takes a
// fraction of the CPU and garbage of JSON (issue 7). Custom resources have
// no protobuf form, so the dynamic client and discovery keep JSON.
func NewClients(cfg *rest.Config) (Clients, error) {
	h := newHealth()
	cfg = rest.CopyConfig(cfg)
	cfg.Wrap(h.wrap)
	typed := rest.CopyConfig(cfg)
	typed.ContentType = runtime.ContentTypeProtobuf
	typed.AcceptContentTypes = runtime.ContentTypeProtobuf + "," + runtime.ContentTypeJSON
	kc, err := kubernetes.NewForConfig(typed)
	if err != nil {
		return Clients{}, fmt.Errorf("creating kubernetes client: %w", err)
	}
	dc, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return Clients{}, fmt.Errorf("creating dynamic client: %w", err)
	}
	disc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return Clients{}, fmt.Errorf("creating discovery client: %w", err)
	}
	return Clients{Kube: kc, Dynamic: dc, Discovery: disc, health: h}, nil
}
