package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
)

// promptKind is what a line being typed is for.
type promptKind int

const (
	promptFilter  promptKind = iota // narrows the current list as it is typed
	promptSearch                    // finds text in a detail view on enter
	promptCommand                   // a k9s-style command, run on enter
)

// prompt is a filter, search or command being typed.
type prompt struct {
	active bool
	kind   promptKind
	text   string
}

// line is the footer while a search or command is typed; a filter shows
// in its panel's title instead, beside what it narrows.
func (p prompt) line(st *styles) string {
	switch p.kind {
	case promptCommand:
		return st.key.Render(":") + p.text + "▏"
	case promptSearch:
		return st.key.Render("/") + p.text + "▏  " + st.hint.Render("enter search · esc cancel")
	}
	return st.key.Render("enter") + " " + st.hint.Render("keep filter") + st.hint.Render(" · ") +
		st.key.Render("esc") + " " + st.hint.Render("clear filter")
}

// startPrompt begins typing; a filter starts from the list's own.
func (m *Model) startPrompt(kind promptKind) {
	m.prompt = prompt{active: true, kind: kind}
	switch kind {
	case promptFilter:
		t, _ := m.list()
		m.prompt.text = t.filter
	case promptSearch:
		m.prompt.text = m.top().text.query
	}
}

// typeIntoPrompt edits the line being typed. A filter narrows its list on
// every key; a search and a command act on enter.
func (m Model) typeIntoPrompt(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	p := &m.prompt
	switch {
	case matches(msg, m.keys.accept):
		p.active = false
		return m.submit()
	case matches(msg, m.keys.cancel):
		p.active = false
		if p.kind == promptFilter {
			t, _ := m.list()
			t.setFilter("")
		}
		return m, nil
	case msg.Code == tea.KeyBackspace:
		if r := []rune(p.text); len(r) > 0 {
			p.text = string(r[:len(r)-1])
		}
	case msg.Text != "":
		p.text += sanitize.Line(msg.Text)
	default:
		return m, nil
	}
	if p.kind == promptFilter {
		t, _ := m.list()
		t.setFilter(p.text)
	}
	return m, nil
}

// submit acts on a finished search or command.
func (m Model) submit() (tea.Model, tea.Cmd) {
	switch m.prompt.kind {
	case promptSearch:
		if v := m.top(); v != nil && v.text != nil {
			v.text.setSearch(m.prompt.text)
			if v.text.matches == 0 && m.prompt.text != "" {
				m.flash = "no match for " + m.prompt.text
			}
		}
	case promptCommand:
		return m.runCommand(strings.TrimSpace(m.prompt.text))
	}
	return m, nil
}

// commandPanels are the k9s-style names of the panels, with the short
// forms kubectl accepts.
var commandPanels = map[string]panelID{
	"pools": panelNodePools, "nodepools": panelNodePools, "np": panelNodePools,
	"claims": panelNodeClaims, "nodeclaims": panelNodeClaims, "nc": panelNodeClaims,
	"nodes": panelNodes, "node": panelNodes, "no": panelNodes,
	"components": panelComponents, "comp": panelComponents,
	"classes": panelNodeClasses, "nodeclasses": panelNodeClasses,
	"findings": panelFindings,
}

// runCommand runs a `:` command. A mistake is one line in the footer.
func (m Model) runCommand(line string) (tea.Model, tea.Cmd) {
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	if id, ok := commandPanels[name]; ok {
		m.resetStack()
		m.focusOn(id)
		return m, nil
	}
	switch name {
	case "":
		return m, nil
	case "q", "q!", "quit":
		return m, tea.Quit
	case "ctx", "context":
		return m.askContext(arg)
	}
	m.flash = fmt.Sprintf("unknown command :%s; try :pools :claims :nodes :components "+
		":ctx NAME :q", name)
	return m, nil
}

// contextMsg is the answer to `:ctx NAME`.
type contextMsg struct {
	name string
	src  Source
	err  error
}

// askContext opens another kubeconfig context in a command: building its
// clients may read files and run a credential plugin.
func (m Model) askContext(name string) (tea.Model, tea.Cmd) {
	switch {
	case name == "":
		m.flash = ":ctx needs a context name, as in :ctx my-cluster"
		return m, nil
	case m.switchCtx == nil:
		m.flash = "this source cannot switch context"
		return m, nil
	}
	m.flash = "switching to context " + name + "…"
	switchCtx := m.switchCtx
	return m, func() tea.Msg {
		src, err := switchCtx(name)
		return contextMsg{name: name, src: src, err: err}
	}
}

// switched starts drawing the new context's snapshots and forgets the old
// ones: their late messages carry the old generation and are dropped.
func (m Model) switched(msg contextMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.flash = "context " + sanitize.Line(msg.name) + ": " + sanitize.Line(msg.err.Error())
		return m, nil
	}
	m.gen++
	m.snapshots, m.done, m.details = msg.src.Snapshots, msg.src.Done, msg.src.Details
	m.cluster, m.nodeCounts = nil, ""
	m.ended, m.endedSet = nil, false
	m.stack, m.pool = nil, ""
	for id := range panelCount {
		m.tables[id] = m.newPanelTable(id)
	}
	m.flash = "switched to context " + sanitize.Line(msg.name)
	m.arrange()
	return m, m.next()
}
