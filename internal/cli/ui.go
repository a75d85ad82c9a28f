package cli

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/ui"
)

// runUI starts the source and the terminal UI, and stops the source when
// the UI quits. `:ctx NAME` in the UI replaces the source with another
// context's.
func runUI(ctx context.Context, o *options) error {
	if !isTerminal(o.streams.Out) {
		return errNotATerminal
	}
	restoreStderr := muteStderr()
	defer restoreStderr()
	src, cancel, err := o.startSource(ctx)
	if err != nil {
		return err
	}
	switcher := &contextSwitcher{o: o, ctx: ctx, cancel: cancel}
	defer switcher.stop()

	model := ui.NewWithOptions(src.Snapshots, src.Done, o.uiOptions(src.Details, switcher.switchTo))
	// The UI recovers a panic in its Update or View and quits; Bubble Tea
	// recovers one anywhere else and returns tea.ErrProgramPanic. Either
	// way the terminal is restored and the error reads as one line here.
	p := tea.NewProgram(model,
		tea.WithContext(ctx), tea.WithInput(o.streams.In), tea.WithOutput(o.streams.Out))
	final, err := p.Run()
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("running the terminal UI: %w", err)
	}
	if m, ok := final.(ui.Model); ok && m.Crashed() != nil {
		return fmt.Errorf("the terminal UI stopped on %w; --log-file keeps the details",
			m.Crashed())
	}
	return nil
}

// uiOptions are the UI's options from the flags and the config file.
func (o *options) uiOptions(details ui.Details,
	switchTo func(string) (ui.Source, error)) ui.Options {
	f := o.settings.file
	return ui.Options{
		NoColor: o.noColor, Details: details, SwitchContext: switchTo,
		Theme: f.Theme, Panel: f.Panel, Sort: f.Sort, Columns: f.Columns,
	}
}
