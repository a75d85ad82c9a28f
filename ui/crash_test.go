package ui

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// broken is a UI whose NodePools table is missing, so that any key that
// reaches a list, and any frame, panics inside the model.
func broken(t *testing.T) Model {
	quietLog(t)
	m := autoModel(t, 80, 24)
	m.tables[panelNodePools] = nil
	return m
}

func TestPanicInUpdateQuitsWithOneLine(t *testing.T) {
	next, cmd := broken(t).Update(keyMsg("j"))
	if cmd == nil {
		t.Fatal("a panic in Update returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("a panic in Update did not quit")
	}
	err := next.(Model).Crashed()
	if err == nil || !strings.HasPrefix(err.Error(), "internal error: ") ||
		strings.Contains(err.Error(), "\n") {
		t.Errorf("Crashed() = %v, want one line starting internal error", err)
	}
}

func TestPanicInViewDrawsOneLine(t *testing.T) {
	v := broken(t).View()
	if !strings.HasPrefix(v.Content, "internal error: ") || strings.Contains(v.Content, "\n") {
		t.Errorf("View() after a panic = %q", v.Content)
	}
}

// TestPanicRestoresTheTerminal runs the program itself on a buffer, with a
// table that panics when drawn and when moved, and checks that it still
// quits, leaves the alternate screen and shows the cursor again.
func TestPanicRestoresTheTerminal(t *testing.T) {
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	quietLog(t)
	m := autoModel(t, 80, 24)
	m.tables[panelNodePools].view = []int{999} // a row that does not exist
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(nil), tea.WithOutput(&out),
		tea.WithWindowSize(80, 24))
	go p.Send(keyMsg("j"))
	final, err := p.Run()
	if err != nil {
		t.Fatalf("Run after a panic = %v, want a clean quit", err)
	}
	if final.(Model).Crashed() == nil {
		t.Error("the program quit without recording the panic")
	}
	got := out.String()
	for name, seq := range map[string]string{"leave the alternate screen": "\x1b[?1049l",
		"show the cursor": "\x1b[?25h"} {
		if !strings.Contains(got, seq) {
			t.Errorf("the output does not %s (%q):\n%q", name, seq, got)
		}
	}
}

// quietLog keeps the panics' logged stacks out of the test output.
func quietLog(t *testing.T) {
	old := slog.Default()
	slog.SetDefault(slog.New(slog.DiscardHandler))
	t.Cleanup(func() { slog.SetDefault(old) })
}
