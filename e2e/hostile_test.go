package e2e_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/internal/hostiletest"
)

// sgr matches the colour and attribute sequences tmux writes itself when
// it captures a pane with -e; any other escape in a capture came through.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// visibleAll is what hostiletest.All reads as on one line once sanitised:
// the words of every family with their controls gone.
func visibleAll() string {
	var b strings.Builder
	for _, k := range hostiletest.Families {
		b.WriteString(hostiletest.Visible[k])
	}
	return b.String()
}

// screenStep is one step of a session: keys to send, then what the
// screen must show before the step counts as done.
type screenStep struct {
	keys []string
	want []string
}

// TestHostileCorpusOnScreen draws the hostile corpus in a real terminal
// (tmux, with the clipboard open to OSC 52) and goes through every panel
// and into the describe, YAML and events views of the hostile objects. After
// every step the screen must hold no raw control character from the data,
// show the hostile text in its sanitised form, keep its header in place,
// and the terminal must have no paste buffer, no new window title and no
// bell: nothing the data asked the terminal to do happened.
func TestHostileCorpusOnScreen(t *testing.T) {
	requireTmux(t)
	var env *apitest.Env
	bin := buildWhile(t, func() {
		env = apitest.StartWithoutCRDs(t)
		hostiletest.Create(t, env)
	})
	dir := t.TempDir()

	// After the UI quits, the pane does on purpose what the data must
	// not: it writes the clipboard, retitles the window and rings the
	// bell, proving that the checks below can see each of these.
	probe := `printf '\033]52;c;cHJvYmU=\007\033]2;probe\033\134\007'; echo probe sent;`
	s := startInTmux(t, "hostile", uiCommand(bin, env.Kubeconfig, dir, probe),
		[]string{"set-option", "-s", "set-clipboard", "on"})
	title := s.format("#{pane_title}")

	visible := visibleAll()
	dashboard := []string{"● live", "NodePools (3)", "NodeClaims (1)", "Nodes (1)",
		"Components (", "NodeClasses (1)", "Findings (", hostiletest.ClaimName,
		hostiletest.NodeName, hostiletest.ClassName,
		// the pool's NodeClass name, cut to its column
		hostiletest.Visible["csi"] + hostiletest.Visible["osc"] + hostiletest.Visible["osc52"],
		hostiletest.Visible["c1"]} // the claim's condition reason
	back := screenStep{keys: []string{"Escape"}, want: dashboard}
	steps := []screenStep{
		{want: dashboard},

		{keys: []string{"1", "d"}, want: []string{"describe NodePool/hostile",
			"evilisoReady", visible[:40]}},
		{keys: []string{"y"}, want: []string{"yaml NodePool/hostile", "consolidationPolicy"}},
		{keys: []string{"e"}, want: []string{"events NodePool/hostile"}},
		back,

		{keys: []string{"2", "d"}, want: []string{"describe NodeClaim/hostile-claim",
			"Launched", hostiletest.Visible["c1"], hostiletest.Visible["osc52"] + "xxxx",
			`nodeName: "\e[2J\e[H\e[31mred"`}},
		{keys: []string{"y"}, want: []string{"yaml NodeClaim/hostile-claim", "clipxxxx"}},
		{keys: []string{"e"}, want: []string{"events NodeClaim/hostile-claim", "Hostile",
			visible[:40]}},
		back,

		{keys: []string{"3", "d"}, want: []string{"describe Node/ip-hostile", "note:"}},
		{keys: []string{"y"}, want: []string{"yaml Node/ip-hostile", `note: "\e[2J\e[H\e[31mred`}},
		{keys: []string{"e"}, want: []string{"events Node/ip-hostile"}},
		back,

		{keys: []string{"5", "d"}, want: []string{"describe NodeClass/hostile-class",
			hostiletest.Visible["osc52"]}},
		{keys: []string{"y"}, want: []string{"yaml NodeClass/hostile-class",
			`role: "\e]52;c;ZWNobyBwd25lZA==\e\\clip"`}},
		{keys: []string{"e"}, want: []string{"events NodeClass/hostile-class"}},
		back,

		{keys: []string{"4", "/", "vpc", "Enter"}, want: []string{"filter /vpc", "vpc-cni"}},
		{keys: []string{"Enter"}, want: []string{"describe Component/vpc-cni",
			"v1" + hostiletest.Visible["osc52"] + hostiletest.Visible["bidi"]}},
		back,

		{keys: []string{"6", "d"}, want: []string{"Severity:  error",
			"Object:    NodePool/hostile", `\x1b[2J\x1b[H\x1b[31mred`}},
		back,

		// the drill-down pages of the hostile pool, claim and node
		{keys: []string{"1", "Enter"}, want: []string{"NodePools › hostile › NodeClaims"}},
		back,
		{keys: []string{"2", "Enter"}, want: []string{"NodeClaims › hostile-claim › Node"}},
		back,
		{keys: []string{"3", "Enter"}, want: []string{"Nodes › ip-hostile › Pods"}},
		back,
	}
	for i, step := range steps {
		if len(step.keys) > 0 {
			s.keys(step.keys...)
		}
		s.waitFor(step.want...)
		checkUntouched(t, s, i, step, title)
	}

	s.keys("q")
	s.waitFor("exit status 0", "probe sent")
	checkStderr(t, dir)
	if s.tmux("list-buffers") == "" || s.format("#{pane_title}") != "probe" ||
		s.format("#{window_bell_flag}") != "1" {
		t.Errorf("the probe's OSC 52, OSC 2 and BEL left no buffer, title or bell "+
			"(buffers %q, title %q, bell %s): the checks above could not have failed",
			s.tmux("list-buffers"), s.format("#{pane_title}"), s.format("#{window_bell_flag}"))
	}
}

// checkUntouched fails the test if the data reached the terminal as
// anything but text: a raw control character on the screen (plain, or
// after tmux's own colour sequences are taken out of the styled capture),
// a screen whose header moved, a paste buffer, a new title or a bell.
func checkUntouched(t *testing.T, s *tmuxSession, i int, step screenStep, title string) {
	t.Helper()
	plain := s.screen()
	styled := s.styledScreen()
	what := func() string { return strings.Join(step.keys, " ") }
	for name, text := range map[string]string{"screen": plain,
		"styled screen": sgr.ReplaceAllString(styled, "")} {
		if c, at, bad := hostiletest.RawControl(text, "\n"); bad {
			t.Errorf("step %d (%s): the %s holds %U at byte %d:\n%q", i, what(), name, c, at,
				text[max(0, at-80):min(len(text), at+80)])
		}
	}

	lines := strings.Split(strings.TrimSuffix(plain, "\n"), "\n")
	if len(lines) != 40 || !strings.HasPrefix(lines[0], "kubectl-automode  context apitest") ||
		!strings.HasPrefix(lines[len(lines)-1], "? help") {
		t.Errorf("step %d (%s): the screen is mangled (%d lines, header and help line "+
			"expected first and last):\n%s", i, what(), len(lines), plain)
	}
	if buffers := s.tmux("list-buffers"); buffers != "" {
		t.Errorf("step %d (%s): an OSC 52 reached the terminal, tmux holds a paste buffer:\n%s",
			i, what(), buffers)
	}
	if got := s.format("#{pane_title}"); got != title {
		t.Errorf("step %d (%s): the window title changed from %q to %q", i, what(), title, got)
	}
	if bell := s.format("#{window_bell_flag}"); bell != "0" {
		t.Errorf("step %d (%s): a BEL reached the terminal", i, what())
	}
}
