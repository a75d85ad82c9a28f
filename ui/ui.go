package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// snapshotMsg carries a new snapshot into Update.
type snapshotMsg struct{ cluster *model.Cluster }

// sourceDoneMsg says the snapshot stream ended, with the source's error.
type sourceDoneMsg struct{ err error }

// Model is the root Bubble Tea model. It holds the newest snapshot and the
// terminal size, and redraws only when one of them changes or a key is
// pressed: there is no timer.
type Model struct {
	snapshots <-chan *model.Cluster
	done      <-chan error

	cluster       *model.Cluster
	width, height int
	offset        int
	ended         error
	endedSet      bool
}

// New returns a UI that draws each snapshot from snapshots as it arrives.
// done delivers the source's result once the stream has closed.
func New(snapshots <-chan *model.Cluster, done <-chan error) Model {
	return Model{snapshots: snapshots, done: done, width: 80, height: 24}
}

// Init starts waiting for the first snapshot.
func (m Model) Init() tea.Cmd { return m.next() }

// next waits for the next snapshot, or for the source to end.
func (m Model) next() tea.Cmd {
	return func() tea.Msg {
		c, ok := <-m.snapshots
		if !ok {
			return sourceDoneMsg{err: <-m.done}
		}
		return snapshotMsg{cluster: c}
	}
}

// Update applies one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case snapshotMsg:
		m.cluster = msg.cluster
		return m, m.next()
	case sourceDoneMsg:
		m.ended, m.endedSet = msg.err, true
		return m, nil
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
	case tea.KeyPressMsg:
		switch msg.String() {
		case "q", "ctrl+c":
			return m, tea.Quit
		case "j", "down":
			m.offset++
		case "k", "up":
			m.offset = max(0, m.offset-1)
		case "g", "home":
			m.offset = 0
		}
	}
	return m, nil
}

var (
	titleStyle  = lipgloss.NewStyle().Bold(true)
	headerStyle = lipgloss.NewStyle().Bold(true).Underline(true)
)

// View draws the screen: a header, then the NodePools, NodeClaims, nodes
// and components as plain lists, cut to the terminal's height.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	return v
}

func (m Model) render() string {
	if m.cluster == nil {
		if m.endedSet {
			return fmt.Sprintf("kubectl-automode: %v\n\npress q to quit\n", m.ended)
		}
		return "kubectl-automode: reading the cluster…\n"
	}
	c := m.cluster
	var lines []string
	lines = append(lines, m.header(c), "")
	lines = append(lines, headerStyle.Render("NODEPOOLS"))
	for _, p := range c.NodePools {
		lines = append(lines, fmt.Sprintf("  %-24s %-9s %-28s nodes %d", clip(p.Name, 24),
			p.Origin, clip(p.NodeClassRef.Kind+"/"+p.NodeClassRef.Name, 28), p.Nodes))
	}
	lines = append(lines, "", headerStyle.Render("NODECLAIMS"))
	for _, nc := range c.NodeClaims {
		lines = append(lines, fmt.Sprintf("  %-28s %-12s %-12s %s", clip(nc.Name, 28), nc.State,
			clip(nc.InstanceType, 12), clip(nc.Reason, 30)))
	}
	lines = append(lines, "", headerStyle.Render("NODES"))
	for _, n := range c.Nodes {
		lines = append(lines, fmt.Sprintf("  %-48s %-9s %-16s %-12s %d/%d", clip(n.Name, 48),
			n.Kind.Badge(), clip(n.NodePool, 16), clip(n.InstanceType, 12), n.Pods, n.MaxPods))
	}
	lines = append(lines, "", headerStyle.Render("COMPONENTS"))
	for _, comp := range c.Components {
		lines = append(lines, fmt.Sprintf("  %-28s %-12s %s", comp.Name, comp.State,
			clip(comp.Version, 30)))
	}
	for _, p := range c.Problems {
		lines = append(lines, "! "+p)
	}

	body := lines[2:]
	room := max(1, m.height-3)
	offset := min(m.offset, max(0, len(body)-room))
	body = body[offset:min(len(body), offset+room)]
	out := append(lines[:2:2], body...)
	for i, l := range out {
		out[i] = truncate(sanitize.Line(l), m.width)
	}
	return strings.Join(out, "\n") + "\n" + m.footer()
}

func (m Model) header(c *model.Cluster) string {
	kinds := map[model.NodeKind]int{}
	for _, n := range c.Nodes {
		kinds[n.Kind]++
	}
	var counts []string
	for _, k := range []model.NodeKind{model.KindAuto, model.KindManagedNodeGroup,
		model.KindKarpenter, model.KindFargate, model.KindHybrid, model.KindSelfManaged} {
		if kinds[k] > 0 {
			counts = append(counts, fmt.Sprintf("%d %s", kinds[k], k.Badge()))
		}
	}
	state := "live"
	if m.endedSet {
		state = "stopped"
	}
	return titleStyle.Render("kubectl-automode") + fmt.Sprintf("  %s  cluster %s  mode %s  %s  "+
		"nodes: %s  %s", c.Context, c.ClusterName, c.Mode, c.Region, strings.Join(counts, " · "),
		state)
}

func (m Model) footer() string {
	return "j/k scroll · q quit"
}

// clip shortens s to n cells, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if lipgloss.Width(s) <= n {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r)) > n-1 {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// truncate cuts a line, styled or not, to the terminal's width.
func truncate(s string, width int) string {
	if lipgloss.Width(s) <= width {
		return s
	}
	return clip(s, width)
}
