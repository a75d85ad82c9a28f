package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"

	"github.com/charmbracelet/x/term"
	"k8s.io/cli-runtime/pkg/genericclioptions"

	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/ui"
)

// errNotATerminal is the UI's answer when stdout is a pipe or a file: a
// full-screen program there would only write escape sequences into it.
var errNotATerminal = errors.New("the explorer needs a terminal on stdout; for text or " +
	"JSON use get, as in `kubectl automode get nodes -o wide`")

// isTerminal reports whether w is a terminal the UI can draw on.
func isTerminal(w io.Writer) bool {
	f, ok := w.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(f.Fd())
}

// startSource opens the source the options pick and starts reading it for
// the UI: the watcher, the demo's simulator when there is one, and the
// details the UI asks for on demand. cancel stops them all.
func (o *options) startSource(ctx context.Context) (ui.Source, context.CancelFunc, error) {
	src, err := o.open()
	if err != nil {
		return ui.Source{}, nil, err
	}
	pricer, err := o.newPricer()
	if err != nil {
		return ui.Source{}, nil, err
	}
	w := kube.NewWatcher(src.clients, src.opts)
	ctx, cancel := context.WithCancel(ctx)

	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()
	if src.live != nil {
		go func() {
			if err := src.live(ctx); err != nil {
				slog.Error("demo simulator stopped", "err", err)
			}
		}()
	}
	snapshots := teeSnapshots(ctx, pricer.Stream(ctx, w.Snapshots()))
	return ui.Source{Snapshots: snapshots, Done: errc, Details: kube.NewDetails(src.clients)},
		cancel, nil
}

// contextSwitcher answers the UI's `:ctx NAME`: it starts a source on the
// named kubeconfig context and stops the one it replaces.
type contextSwitcher struct {
	mu     sync.Mutex
	o      *options
	ctx    context.Context
	cancel context.CancelFunc
}

// switchTo opens context name. The old source keeps running when the new
// one cannot start, so a typo costs nothing.
func (s *contextSwitcher) switchTo(name string) (ui.Source, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.o.demo != "" || s.o.snapshot != "" {
		return ui.Source{}, errors.New("--demo and --snapshot show one cluster; " +
			":ctx switches between kubeconfig contexts")
	}
	raw, err := s.o.config.ToRawKubeConfigLoader().RawConfig()
	if err != nil {
		return ui.Source{}, fmt.Errorf("reading the kubeconfig: %w", err)
	}
	if _, ok := raw.Contexts[name]; !ok {
		return ui.Source{}, fmt.Errorf("no context %q in the kubeconfig; kubectl config "+
			"get-contexts lists them", name)
	}

	next := *s.o
	next.config = contextFlags(s.o.config, name)
	src, cancel, err := next.startSource(s.ctx)
	if err != nil {
		return ui.Source{}, err
	}
	s.cancel()
	s.cancel = cancel
	return src, nil
}

// stop stops the source in use.
func (s *contextSwitcher) stop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cancel()
}

// contextFlags are the kubeconfig flags for another context of the same
// kubeconfig. The flags cache the client config they first built, so a
// context switch needs flags of its own; the cluster, user and server
// flags belonged to the old context and are not carried over.
func contextFlags(old *genericclioptions.ConfigFlags, name string) *genericclioptions.ConfigFlags {
	f := genericclioptions.NewConfigFlags(true)
	f.KubeConfig = old.KubeConfig
	f.CacheDir = old.CacheDir
	f.Timeout = old.Timeout
	f.Impersonate = old.Impersonate
	f.ImpersonateUID = old.ImpersonateUID
	f.ImpersonateGroup = old.ImpersonateGroup
	f.Context = &name
	return f
}
