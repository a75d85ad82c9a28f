package cli

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/ui"
)

// runUI starts the watcher and the terminal UI, and stops the watcher when
// the UI quits.
func runUI(ctx context.Context, o *options) error {
	w, err := o.watcher()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	errc := make(chan error, 1)
	go func() { errc <- w.Run(ctx) }()

	p := tea.NewProgram(ui.New(w.Snapshots(), errc),
		tea.WithContext(ctx), tea.WithInput(o.streams.In), tea.WithOutput(o.streams.Out))
	if _, err := p.Run(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("running the terminal UI: %w", err)
	}
	return nil
}
