package cli

import (
	"context"
	"fmt"

	"log/slog"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/kube"

	"github.com/kubectl-automode/kubectl-automode/ui"
)

// runUI starts the watcher and the terminal UI, and stops the watcher when
// the UI quits.
func runUI(ctx context.Context, o *options) error {
	src, err := o.open()
	if err != nil {
		return err
	}
	w := kube.NewWatcher(src.clients, src.opts)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()
	if src.live != nil {
		go func() {
			if err := src.live(ctx); err != nil {
				slog.Error("demo simulator stopped", "err", err)
			}
		}()
	}

	p := tea.NewProgram(ui.New(w.Snapshots(), errc),
		tea.WithContext(ctx), tea.WithInput(o.streams.In), tea.WithOutput(o.streams.Out))
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("running the terminal UI: %w", err)
	}
	return nil
}
