package ui

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// command is the keys that type :line and press enter.
func command(line string) []string {
	return append(append([]string{":"}, typed(line)...), "enter")
}

func TestCommandsJumpToPanelsAndLeaveTheDrillDown(t *testing.T) {
	tests := []struct {
		line string
		want panelID
	}{
		{"nodes", panelNodes},
		{"pools", panelNodePools},
		{"claims", panelNodeClaims},
		{"components", panelComponents},
		{"np", panelNodePools},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			m := drive(t, detailModel(t, newFakeDetails(), 80, 24), "3", "enter")
			m = drive(t, m, command(tt.line)...)
			if m.focus != tt.want || len(m.stack) != 0 {
				t.Errorf(":%s left focus %d with %d levels, want panel %d on the dashboard",
					tt.line, m.focus, len(m.stack), tt.want)
			}
		})
	}
}

func TestCommandLineShowsWhatIsTypedAndRefusesUnknownCommands(t *testing.T) {
	m := drive(t, autoModel(t, 80, 24), ":", "n", "o")
	if !strings.Contains(ansi.Strip(m.View().Content), ":no▏") {
		t.Errorf("the footer does not show the command being typed:\n%s", m.View().Content)
	}
	m = drive(t, m, "p", "e", "enter")
	footer := lastLine(m.View().Content)
	if !strings.Contains(footer, "unknown command :nope") {
		t.Errorf("footer = %q, want an unknown-command line", footer)
	}
	m = drive(t, m, "j")
	if strings.Contains(lastLine(m.View().Content), "unknown command") {
		t.Error("the message outlived the next key")
	}
}

func lastLine(view string) string {
	lines := strings.Split(ansi.Strip(view), "\n")
	return lines[len(lines)-1]
}

func TestCtrlCQuitsEvenWhileTyping(t *testing.T) {
	for _, keys := range [][]string{{":"}, {"/"}, {"3", "d", "/"}} {
		m := drive(t, detailModel(t, newFakeDetails(), 80, 24), keys...)
		_, cmd := m.Update(keyMsg("ctrl+c"))
		if cmd == nil {
			t.Fatalf("%v then ctrl+c returned no command", keys)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%v then ctrl+c did not quit", keys)
		}
	}
}

func TestColonQQuits(t *testing.T) {
	m := drive(t, autoModel(t, 80, 24), ":", "q")
	_, cmd := m.Update(keyMsg("enter"))
	if cmd == nil {
		t.Fatal(":q returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error(":q did not quit")
	}
}

func TestCtxSwitchesToTheOtherContextsSnapshots(t *testing.T) {
	staging := model.Build(standardInputs())
	d := newFakeDetails()
	t.Setenv("NO_COLOR", "")
	m := NewWithOptions(nil, nil, Options{NoColor: true, Details: d,
		SwitchContext: fakeContexts(map[string]*model.Cluster{"staging": staging}, d)})
	m = step(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = step(t, m, snapshotMsg{cluster: model.Build(autoModeInputs())})
	m = drive(t, m, "3", "enter")

	m = drive(t, m, command("ctx staging")...)
	view := m.View().Content
	if !strings.Contains(view, "context staging") || !strings.Contains(view, "mode standard") {
		t.Fatalf("after :ctx staging the header does not show it:\n%s", view)
	}
	if got := shown(m, panelNodes); len(got) != 2 || !strings.HasPrefix(got[0], "ip-10-0-1-17") {
		t.Errorf("Nodes after the switch = %v, want staging's two", got)
	}
	if len(m.stack) != 0 {
		t.Error("the drill-down into the old context is still open")
	}

	late := step(t, m, snapshotMsg{cluster: model.Build(autoModeInputs()), gen: 0})
	if late.cluster.Context != "staging" {
		t.Errorf("a late snapshot of the old context replaced the new one: %s",
			late.cluster.Context)
	}
}

func TestCtxUnknownIsOneLineAndKeepsTheCluster(t *testing.T) {
	m := NewWithOptions(nil, nil, Options{NoColor: true,
		SwitchContext: fakeContexts(nil, nil)})
	m = step(t, m, tea.WindowSizeMsg{Width: 120, Height: 40})
	m = step(t, m, snapshotMsg{cluster: model.Build(autoModeInputs())})
	m = drive(t, m, command("ctx nope")...)
	if footer := lastLine(m.View().Content); !strings.Contains(footer,
		"context nope: no context nope in the kubeconfig") {
		t.Errorf("footer = %q", footer)
	}
	if m.cluster.ClusterName != "shop" {
		t.Error("a failed switch dropped the cluster on screen")
	}

	m = drive(t, m, command("ctx")...)
	if footer := lastLine(m.View().Content); !strings.Contains(footer, "needs a context name") {
		t.Errorf("footer after a bare :ctx = %q", footer)
	}
}

func TestTinyTerminalShowsOneLine(t *testing.T) {
	for _, size := range [][2]int{{20, 5}, {39, 24}, {80, 7}, {1, 1}, {0, 0}} {
		m := autoModel(t, size[0], size[1])
		view := m.View().Content
		if strings.Contains(view, "\n") {
			t.Errorf("%dx%d: %d lines, want one", size[0], size[1], strings.Count(view, "\n")+1)
		}
		if size[0] >= 20 && !strings.HasPrefix(view, "terminal too small") {
			t.Errorf("%dx%d: %q", size[0], size[1], view)
		}
		checkFits(t, view, size[0], max(1, size[1]))
	}
}

func TestResizeStormKeepsEveryFrameInsideTheTerminal(t *testing.T) {
	d := newFakeDetails()
	d.describe["Node/i-0a11"] = strings.Repeat("a long describe line, wrapped softly ", 40)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, keys := range [][]string{{}, {"3", "enter"}, {"3", "d"}, {"?"}} {
		m := drive(t, detailModel(t, d, 120, 40), keys...)
		for range 500 {
			w, h := rng.IntN(260), rng.IntN(90)
			m = step(t, m, tea.WindowSizeMsg{Width: w, Height: h})
			if m.tooSmall() {
				_ = m.View()
				continue
			}
			checkFits(t, m.View().Content, w, h)
		}
	}
}

func TestDemoBadgeOnlyForTheDemo(t *testing.T) {
	for source, want := range map[string]bool{"demo": true, "live": false,
		"snapshot x.yaml": false} {
		in := autoModeInputs()
		in.Source = source
		m := newTestModel(t, model.Build(in), 120, 40, true)
		if got := strings.Contains(m.View().Content, "DEMO"); got != want {
			t.Errorf("source %q: DEMO shown = %v, want %v", source, got, want)
		}
	}
}

func TestPanelsSayStaleWhileTheConnectionIsDown(t *testing.T) {
	in := autoModeInputs()
	in.Connection = model.Connection{State: model.ConnectionStale,
		Since: testNow.Add(-42 * time.Second)}
	m := newTestModel(t, model.Build(in), 120, 40, true)
	view := m.View().Content
	for _, want := range []string{"stale 42s", "1 NodePools (3)  stale", "3 Nodes (4)  stale"} {
		if !strings.Contains(view, want) {
			t.Errorf("the screen lacks %q:\n%s", want, view)
		}
	}
	m = drive(t, m, "enter")
	if !strings.Contains(m.View().Content, "NodeClaims of NodePool general-purpose (2)  stale") {
		t.Errorf("a page does not say stale:\n%s", m.View().Content)
	}
	live := step(t, m, snapshotMsg{cluster: model.Build(autoModeInputs())})
	if strings.Contains(live.View().Content, "stale") {
		t.Error("stale outlived the connection's return")
	}
}
