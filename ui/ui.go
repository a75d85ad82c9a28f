package ui

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// Details answers a detail view's questions about one object. It is the
// only way the UI reaches the cluster; *kube.Details satisfies it. Each
// call runs in a tea.Cmd, off the update loop.
type Details interface {
	Describe(ctx context.Context, ref model.Ref) (string, error)
	YAML(ctx context.Context, ref model.Ref) (string, error)
	Events(ctx context.Context, ref model.Ref) ([]model.Event, error)
}

// Source is what the UI draws from: a stream of snapshots, the stream's
// result once it closes, and details on demand.
type Source struct {
	Snapshots <-chan *model.Cluster
	Done      <-chan error
	Details   Details
}

// Options are the choices the command line passes to the UI.
type Options struct {
	// NoColor draws without colour, for --no-color. NO_COLOR in the
	// environment does the same whatever this says (no-color.org).
	NoColor bool
	// Details answers describe, YAML and events; nil shows a one-line
	// error in those views.
	Details Details
	// SwitchContext opens the named kubeconfig context for `:ctx NAME`.
	// The caller stops the source it replaces. Nil refuses the command.
	SwitchContext func(name string) (Source, error)

	// Theme is "dark" or "light" to pick that palette whatever the
	// terminal reports, "mono" for no colour; "" or "auto" asks the
	// terminal for its background.
	Theme string
	// Panel is the panel the UI opens on, by the name `get` uses
	// (PanelColumns lists them); "" opens on NodePools.
	Panel string
	// Sort is each panel's starting sort column by title, a leading "-"
	// reversing it; Columns are the columns a panel shows, in order. Both
	// are keyed by panel name, and the titles are PanelColumns'. Unknown
	// names are ignored here: the caller checks them, to say which line
	// of its file is wrong.
	Sort    map[string]string
	Columns map[string][]string
}

// snapshotMsg carries a new snapshot into Update; gen says which source
// sent it, so that a late snapshot of a context left behind is dropped.
type snapshotMsg struct {
	cluster *model.Cluster
	gen     int
}

// sourceDoneMsg says the snapshot stream ended, with the source's error.
type sourceDoneMsg struct {
	err error
	gen int
}

// Model is the root Bubble Tea model: the newest snapshot, one table per
// panel, the drill-down, and where the user is. It redraws only when a
// snapshot arrives or the user does something; there is no timer.
type Model struct {
	snapshots <-chan *model.Cluster
	done      <-chan error
	gen       int
	details   Details
	switchCtx func(string) (Source, error)

	keys        keyMap
	helpModel   help.Model
	footerCache *footerCache
	st          styles
	noColor     bool

	cluster    *model.Cluster
	nodeCounts string
	tables     [panelCount]*table
	// kept holds the rows of the long panels between snapshots (memo.go).
	kept *keptRows

	focus  panelID
	pool   string  // the NodePool NodeClaims and Nodes are narrowed to
	stack  []*view // the drill-down; empty on the dashboard
	prompt prompt  // a filter, search or command being typed
	flash  string  // a command's one-line answer, until the next key
	help   bool
	seq    int // numbers detail fetches, so that a late answer is dropped

	// panelChosen is set when the user chose the opening panel, which a
	// cluster without NodePools then does not override; themeFixed when
	// they chose the palette, which the terminal's report then does not.
	// choices are each table's starting sort and columns (choices.go).
	panelChosen bool
	themeFixed  bool
	choices     tableChoices

	width, height int
	screen        screenLayout

	ended    error
	endedSet bool
	crashed  error
}

// New returns a UI that draws each snapshot from snapshots as it arrives.
// done delivers the source's result once the stream has closed.
func New(snapshots <-chan *model.Cluster, done <-chan error) Model {
	return NewWithOptions(snapshots, done, Options{})
}

// NewWithOptions is New with the command line's choices.
func NewWithOptions(snapshots <-chan *model.Cluster, done <-chan error, opts Options) Model {
	noColor := opts.NoColor || opts.Theme == "mono" || os.Getenv("NO_COLOR") != ""
	m := Model{
		snapshots: snapshots,
		done:      done,
		details:   opts.Details,
		switchCtx: opts.SwitchContext,
		keys:      defaultKeys(),
		noColor:   noColor,
		width:     80,
		height:    24,
		kept:      &keptRows{},
	}
	m.setStyles(newStyles(noColor, opts.Theme != "light"))
	m.applyChoices(opts)
	for id := range panelCount {
		m.tables[id] = m.newPanelTable(id)
	}
	m.arrange()
	return m
}

func (m *Model) setStyles(st styles) {
	m.st = st
	m.helpModel = newHelp(st)
	m.footerCache = &footerCache{}
	for _, v := range m.stack {
		if v.text != nil {
			v.text.style(&m.st)
		}
	}
}

// Init waits for the first snapshot and asks the terminal for its
// background, to pick the palette.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.next(), tea.RequestBackgroundColor)
}

// next waits for the next snapshot, or for the source to end.
func (m Model) next() tea.Cmd {
	snapshots, done, gen := m.snapshots, m.done, m.gen
	if snapshots == nil {
		return nil
	}
	return func() tea.Msg {
		c, ok := <-snapshots
		if !ok {
			var err error
			if done != nil {
				err = <-done
			}
			return sourceDoneMsg{err: err, gen: gen}
		}
		return snapshotMsg{cluster: c, gen: gen}
	}
}

// Update applies one message. A panic here must not leave the terminal in
// raw mode with a stack trace over it: it is logged with its stack, and the
// UI quits, saying so in one line (see Crashed).
func (m Model) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			slog.Error("the UI panicked", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			m.crashed = fmt.Errorf("internal error: %v", r)
			next, cmd = m, tea.Quit
		}
	}()
	return m.update(msg)
}

// Crashed is the panic the UI quit on, or nil.
func (m Model) Crashed() error { return m.crashed }

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case snapshotMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		cmd := m.apply(msg.cluster)
		return m, tea.Batch(m.next(), cmd)
	case sourceDoneMsg:
		if msg.gen == m.gen {
			m.ended, m.endedSet = msg.err, true
			m.arrange()
		}
	case detailMsg:
		m.gotDetail(msg)
	case contextMsg:
		return m.switched(msg)
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.arrange()
	case tea.BackgroundColorMsg:
		if !m.themeFixed {
			m.setStyles(newStyles(m.noColor, msg.IsDark()))
		}
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.MouseClickMsg:
		m.click(msg.Mouse())
	case tea.MouseWheelMsg:
		m.wheel(msg.Mouse())
	}
	return m, nil
}

// apply draws a new snapshot into every panel and every open drill-down
// level. Rows are built and laid out here, once, not on every frame. A
// detail view whose object changed fetches its text again.
func (m *Model) apply(c *model.Cluster) tea.Cmd {
	if c == nil {
		return nil
	}
	if m.cluster == nil && len(c.NodePools) == 0 && m.focus == panelNodePools &&
		!m.panelChosen {
		// A cluster without NodePools opens on its nodes, not an empty list.
		m.focus = panelNodes
	}
	m.cluster = c
	m.nodeCounts = countNodes(c)
	for id := range panelCount {
		m.tables[id].setRows(m.kept.rows(id, c))
	}
	var cmds []tea.Cmd
	for _, v := range m.stack {
		cmds = append(cmds, m.refreshView(v))
	}
	m.arrange()
	return tea.Batch(cmds...)
}

// View draws the whole screen in the alternate screen, with mouse clicks
// and the wheel reported. A panic while drawing shows one line instead of
// the screen, and is logged with its stack.
func (m Model) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			slog.Error("drawing the UI panicked", "panic", fmt.Sprint(r),
				"stack", string(debug.Stack()))
			v = tea.NewView(clipLine(fmt.Sprintf("internal error: %v; q quits", r), m.width))
			v.AltScreen = true
		}
	}()
	v = tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}
