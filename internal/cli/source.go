package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/kube/demo"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// userAgent names the tool in the API server's audit log.
func userAgent() string {
	return "kubectl-automode/" + version
}

// watcher opens the source the flags pick: the demo, a snapshot, or the
// cluster of the current kubeconfig context.
func (o *options) watcher() (*kube.Watcher, error) {
	src, err := o.open()
	if err != nil {
		return nil, err
	}
	return kube.NewWatcher(src.clients, src.opts), nil
}

// source is what a command reads from, and how to label it.
type source struct {
	clients kube.Clients
	opts    kube.Options
	// live, when set, makes the source change over time: the demo's
	// simulator. Only the UI runs it; get and snapshot read the start.
	live func(ctx context.Context) error
}

func (o *options) open() (source, error) {
	log := slog.Default()
	switch {
	case o.snapshot != "" && o.demo != "":
		return source{}, errors.New("--demo and --snapshot pick different sources; use one")

	case o.snapshot != "":
		snap, err := kube.OpenSnapshot(o.snapshot)
		if err != nil {
			return source{}, err
		}
		clients, err := kube.SnapshotClients(snap)
		if err != nil {
			return source{}, fmt.Errorf("serving snapshot %s: %w", o.snapshot, err)
		}
		opts := kube.Options{
			Context: snap.Info.Context, ClusterName: snap.Info.ClusterName,
			Source: "snapshot " + filepath.Base(o.snapshot), Problems: snap.Warnings,
			Logger: log,
		}
		if saved := snap.Info.SavedAt; !saved.IsZero() {
			// Ages read as they did when the snapshot was saved.
			opts.Now = func() time.Time { return saved }
		}
		return source{clients: clients, opts: opts}, nil

	case o.demo != "":
		if o.demoSpeed <= 0 {
			return source{}, fmt.Errorf("--demo-speed %v: must be more than 0", o.demoSpeed)
		}
		start, now, err := o.demoClock()
		if err != nil {
			return source{}, err
		}
		clients, err := demo.Clients(o.demo, start)
		if err != nil {
			return source{}, fmt.Errorf("--demo: %w", err)
		}
		sim, err := demo.NewSimulator(clients, o.demo, start, o.seed)
		if err != nil {
			return source{}, fmt.Errorf("--demo: %w", err)
		}
		return source{clients: clients, opts: kube.Options{
			Context: demo.ContextName, ClusterName: demo.ClusterName, Source: "demo",
			Logger: log, Now: now,
		}, live: func(ctx context.Context) error { return sim.Run(ctx, o.demoSpeed) }}, nil
	}

	cfg, err := o.config.ToRESTConfig()
	if err != nil {
		return source{}, fmt.Errorf("loading kubeconfig: %w", err)
	}
	cfg.UserAgent = userAgent()
	// The API server's warnings (deprecated APIs, say) would otherwise be
	// written to stderr, under the UI; they belong in the log.
	cfg.WarningHandlerWithContext = logWarnings{log}
	clients, err := kube.NewClients(cfg)
	if err != nil {
		return source{}, err
	}
	if err := probe(clients, cfg, o.credentialPlugin()); err != nil {
		return source{}, err
	}
	context, cluster := o.contextNames()
	return source{clients: clients, opts: kube.Options{
		Context: context, ClusterName: cluster, Source: "live", Logger: log,
	}}, nil
}

// demoClock is when the demo starts, and the clock its snapshots are
// stamped by (nil for the wall clock). By default the demo starts now, on
// a whole minute, so that two runs a moment apart (a snapshot and a get)
// build the same objects. --demo-start pins the start to an instant, and
// then the snapshots' clock runs from there at the demo's speed, so that
// ages and timestamps come out the same on every run: the screenshots
// depend on it.
func (o *options) demoClock() (time.Time, func() time.Time, error) {
	if o.demoStart == "" {
		return time.Now().Truncate(time.Minute), nil, nil
	}
	start, err := time.Parse(time.RFC3339, o.demoStart)
	if err != nil {
		return time.Time{}, nil, fmt.Errorf("--demo-start %q: want an RFC 3339 time such "+
			"as 2026-01-01T09:00:00Z", o.demoStart)
	}
	began, speed := time.Now(), o.demoSpeed
	return start, func() time.Time {
		return start.Add(time.Duration(float64(time.Since(began)) * speed))
	}, nil
}

// contextNames are the kubeconfig context in use and the name of its
// cluster: for an EKS cluster, the last part of its ARN.
func (o *options) contextNames() (context, cluster string) {
	raw, err := o.config.ToRawKubeConfigLoader().RawConfig()
	if err != nil {
		return "", ""
	}
	context = raw.CurrentContext
	if o.config.Context != nil && *o.config.Context != "" {
		context = *o.config.Context
	}
	if c := raw.Contexts[context]; c != nil {
		cluster = c.Cluster
	}
	if o.config.ClusterName != nil && *o.config.ClusterName != "" {
		cluster = *o.config.ClusterName
	}
	return context, eksClusterName(cluster)
}

// eksClusterName turns "arn:aws:eks:ap-northeast-1:123456789012:cluster/prod"
// into "prod"; any other name is returned as it is.
func eksClusterName(name string) string {
	if strings.HasPrefix(name, "arn:") {
		if i := strings.LastIndex(name, ":cluster/"); i >= 0 {
			return name[i+len(":cluster/"):]
		}
	}
	return name
}

// firstSnapshot runs w until it has sent one complete snapshot, then stops
// it.
func firstSnapshot(ctx context.Context, w *kube.Watcher) (*model.Cluster, error) {
	ctx, cancel := context.WithCancel(ctx)
	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()

	c, ok := <-w.Snapshots()
	cancel()
	err := <-errc
	if !ok {
		if err == nil {
			err = ctx.Err()
		}
		return nil, fmt.Errorf("reading the cluster: %w", err)
	}
	observeSnapshot(c)
	return c, nil
}

// logWarnings sends API server warnings to the log.
type logWarnings struct{ log *slog.Logger }

// HandleWarningHeaderWithContext logs one warning.
func (l logWarnings) HandleWarningHeaderWithContext(_ context.Context, code int, agent,
	text string) {
	l.log.Warn("API server warning", "code", code, "agent", agent, "text", text)
}
