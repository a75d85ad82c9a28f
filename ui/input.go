package ui

import (
	tea "charm.land/bubbletea/v2"
)

// handleKey answers a key press. While a line is typed, keys go to it;
// while help is open, only closing it and quitting work; otherwise the
// keys act on the deepest drill-down level, or on the dashboard.
func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	m.flash = ""
	if msg.String() == "ctrl+c" {
		return m, tea.Quit // even while typing: it is how every terminal program stops
	}
	if m.prompt.active {
		return m.typeIntoPrompt(msg)
	}
	if matches(msg, k.quit) {
		return m, tea.Quit
	}
	if m.help {
		if matches(msg, k.help, k.cancel) {
			m.help = false
		}
		return m, nil
	}

	switch {
	case matches(msg, k.help):
		m.help = true
		return m, nil
	case matches(msg, k.command):
		m.startPrompt(promptCommand)
		return m, nil
	}
	if v := m.top(); v != nil && v.text != nil {
		return m, m.textKey(v, msg)
	}
	return m, m.listKey(msg)
}

// listKey answers a key over a list: the dashboard's focused panel or a
// drill-down page.
func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.keys
	t, spec := m.list()
	onDashboard := len(m.stack) == 0
	switch {
	case matches(msg, k.open):
		return m.open()
	case spec.kind == kindFinding && matches(msg, k.describe) && t.selected() != "":
		return m.openFinding(t.selected())
	case matches(msg, k.describe, k.yaml, k.events):
		if ref, ok := m.selectedRef(); ok {
			return m.openText(ref, modeOf(k, msg))
		}
	case matches(msg, k.back):
		m.escape()
	case matches(msg, k.filter):
		m.startPrompt(promptFilter)
	case matches(msg, k.sort):
		t.cycleSort()
	case matches(msg, k.flip):
		t.reverseSort()
	case matches(msg, k.narrow):
		m.narrow()
	case matches(msg, k.clearPool):
		m.setPool("")
	case matches(msg, k.compare):
		return m.openCompare()
	case onDashboard && matches(msg, k.next):
		m.focusOn((m.focus + 1) % panelCount)
	case onDashboard && matches(msg, k.prev):
		m.focusOn((m.focus + panelCount - 1) % panelCount)
	case onDashboard && matches(msg, k.jump):
		m.focusOn(panelID(msg.String()[0] - '1'))
	default:
		navigate(k, t, msg)
	}
	return nil
}

// textKey answers a key over a describe, YAML or events view.
func (m *Model) textKey(v *view, msg tea.KeyPressMsg) tea.Cmd {
	k, tv := m.keys, v.text
	switch {
	case matches(msg, k.back):
		if tv.query != "" {
			tv.setSearch("")
			return nil
		}
		m.back()
	case matches(msg, k.describe, k.yaml, k.events):
		return m.showMode(v, modeOf(k, msg))
	case matches(msg, k.search):
		m.startPrompt(promptSearch)
	case matches(msg, k.nextMatch):
		tv.vp.HighlightNext()
	case matches(msg, k.prevMatch):
		tv.vp.HighlightPrevious()
	case matches(msg, k.up):
		tv.vp.ScrollUp(1)
	case matches(msg, k.down):
		tv.vp.ScrollDown(1)
	case matches(msg, k.pageUp):
		tv.vp.PageUp()
	case matches(msg, k.pageDown):
		tv.vp.PageDown()
	case matches(msg, k.top):
		tv.vp.GotoTop()
	case matches(msg, k.bottom):
		tv.vp.GotoBottom()
	}
	return nil
}

func modeOf(k keyMap, msg tea.KeyPressMsg) textMode {
	switch {
	case matches(msg, k.yaml):
		return modeYAML
	case matches(msg, k.events):
		return modeEvents
	}
	return modeDescribe
}

// navigate moves a list's cursor.
func navigate(k keyMap, t *table, msg tea.KeyPressMsg) {
	page := max(1, t.height-1)
	switch {
	case matches(msg, k.up):
		t.move(-1)
	case matches(msg, k.down):
		t.move(1)
	case matches(msg, k.pageUp):
		t.move(-page)
	case matches(msg, k.pageDown):
		t.move(page)
	case matches(msg, k.top):
		t.moveTo(0)
	case matches(msg, k.bottom):
		t.moveTo(-1)
	}
}

// focusOn moves the focus to a panel; in tab mode that shows it.
func (m *Model) focusOn(id panelID) {
	if id < 0 || id >= panelCount {
		return
	}
	m.focus = id
	m.arrange()
}

// narrow is p on the dashboard: NodeClaims and Nodes show only the pool of
// the selected row. From NodePools the focus moves on to its NodeClaims,
// the next thing one looks at.
func (m *Model) narrow() {
	if len(m.stack) > 0 {
		m.flash = "p narrows the dashboard; esc goes back to it"
		return
	}
	t := m.tables[m.focus]
	if len(t.view) == 0 {
		return
	}
	pool := t.rows[t.view[t.cursor]].pool
	if pool == "" {
		m.flash = "this row belongs to no NodePool"
		return
	}
	m.setPool(pool)
	if m.focus == panelNodePools {
		m.focusOn(panelNodeClaims)
	}
}

func (m *Model) setPool(pool string) {
	m.pool = pool
	for id := range panelCount {
		if panels[id].narrowed {
			m.tables[id].setPool(pool)
		}
	}
}

// escape takes back one step: a list's filter first, then the drill-down
// level, then on the dashboard the pool narrowing.
func (m *Model) escape() {
	t, _ := m.list()
	switch {
	case t.filter != "":
		t.setFilter("")
	case len(m.stack) > 0:
		m.back()
	case m.pool != "":
		m.setPool("")
	}
}
