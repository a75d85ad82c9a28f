package ui

import (
	"os"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// Options are the choices the command line passes to the UI.
type Options struct {
	// NoColor draws without colour, for --no-color. NO_COLOR in the
	// environment does the same whatever this says (no-color.org).
	NoColor bool
}

// snapshotMsg carries a new snapshot into Update.
type snapshotMsg struct{ cluster *model.Cluster }

// sourceDoneMsg says the snapshot stream ended, with the source's error.
type sourceDoneMsg struct{ err error }

// Model is the root Bubble Tea model: the newest snapshot, one table per
// panel, and where the user is. It redraws only when a snapshot arrives or
// the user does something; there is no timer.
type Model struct {
	snapshots <-chan *model.Cluster
	done      <-chan error

	keys    keyMap
	st      styles
	noColor bool

	cluster    *model.Cluster
	nodeCounts string
	tables     [panelCount]*table

	focus  panelID
	pool   string // the NodePool NodeClaims and Nodes are narrowed to
	typing bool   // a filter is being typed into the focused panel
	help   bool

	width, height int
	screen        screenLayout

	ended    error
	endedSet bool
}

// New returns a UI that draws each snapshot from snapshots as it arrives.
// done delivers the source's result once the stream has closed.
func New(snapshots <-chan *model.Cluster, done <-chan error) Model {
	return NewWithOptions(snapshots, done, Options{})
}

// NewWithOptions is New with the command line's choices.
func NewWithOptions(snapshots <-chan *model.Cluster, done <-chan error, opts Options) Model {
	noColor := opts.NoColor || os.Getenv("NO_COLOR") != ""
	m := Model{
		snapshots: snapshots,
		done:      done,
		keys:      defaultKeys(),
		st:        newStyles(noColor, true),
		noColor:   noColor,
		width:     80,
		height:    24,
	}
	for id := range panelCount {
		m.tables[id] = newTable(panels[id].columns)
	}
	m.arrange()
	return m
}

// Init waits for the first snapshot and asks the terminal for its
// background, to pick the palette.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.next(), tea.RequestBackgroundColor)
}

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
		m.apply(msg.cluster)
		return m, m.next()
	case sourceDoneMsg:
		m.ended, m.endedSet = msg.err, true
		m.arrange()
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.arrange()
	case tea.BackgroundColorMsg:
		m.st = newStyles(m.noColor, msg.IsDark())
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseClickMsg:
		m.click(msg.Mouse())
	case tea.MouseWheelMsg:
		m.wheel(msg.Mouse())
	}
	return m, nil
}

// apply draws a new snapshot into every panel. Rows are built and laid
// out here, once, not on every frame.
func (m *Model) apply(c *model.Cluster) {
	if c == nil {
		return
	}
	m.cluster = c
	m.nodeCounts = countNodes(c)
	for id := range panelCount {
		m.tables[id].setRows(panels[id].rows(c))
	}
	m.arrange()
}

// View draws the whole screen in the alternate screen, with mouse clicks
// and the wheel reported.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}
