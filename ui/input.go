package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
)

// handleKey answers a key press. While a filter is being typed, keys go to
// the filter; while help is open, only closing it and quitting work.
func (m Model) handleKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	if m.typing {
		m.typeFilter(msg)
		return m, nil
	}
	if k.quit.matches(msg) {
		return m, tea.Quit
	}
	if m.help {
		if k.help.matches(msg) || k.cancel.matches(msg) {
			m.help = false
		}
		return m, nil
	}

	t := m.tables[m.focus]
	switch {
	case k.help.matches(msg):
		m.help = true
	case k.next.matches(msg):
		m.focusOn((m.focus + 1) % panelCount)
	case k.prev.matches(msg):
		m.focusOn((m.focus + panelCount - 1) % panelCount)
	case k.jump.matches(msg):
		m.focusOn(panelID(msg.String()[0] - '1'))
	case k.filter.matches(msg):
		m.typing = true
	case k.sort.matches(msg):
		t.cycleSort()
	case k.reverse.matches(msg):
		t.reverseSort()
	case k.selectPool.matches(msg):
		m.selectPool()
	case k.clearPool.matches(msg):
		m.clear(msg.String() == "c")
	default:
		m.navigate(msg)
	}
	return m, nil
}

// navigate moves the focused panel's cursor.
func (m *Model) navigate(msg tea.KeyPressMsg) {
	k, t := m.keys, m.tables[m.focus]
	page := max(1, t.height-1)
	switch {
	case k.up.matches(msg):
		t.move(-1)
	case k.down.matches(msg):
		t.move(1)
	case k.pageUp.matches(msg):
		t.move(-page)
	case k.pageDown.matches(msg):
		t.move(page)
	case k.top.matches(msg):
		t.moveTo(0)
	case k.bottom.matches(msg):
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

// selectPool narrows NodeClaims and Nodes to the NodePool under the
// cursor, and moves on to its NodeClaims, the next thing one looks at.
func (m *Model) selectPool() {
	if m.focus != panelNodePools {
		return
	}
	pool := m.tables[panelNodePools].selected()
	if pool == "" {
		return
	}
	m.setPool(pool)
	m.focusOn(panelNodeClaims)
}

func (m *Model) setPool(pool string) {
	m.pool = pool
	for id := range panelCount {
		if panels[id].narrowed {
			m.tables[id].setPool(pool)
		}
	}
}

// clear takes back one narrowing: esc clears the focused panel's filter
// first, then the pool; c clears the pool only.
func (m *Model) clear(poolOnly bool) {
	if t := m.tables[m.focus]; !poolOnly && t.filter != "" {
		t.setFilter("")
		return
	}
	if m.pool != "" {
		m.setPool("")
	}
}

// typeFilter edits the focused panel's filter as it is typed; the panel
// narrows on every key.
func (m *Model) typeFilter(msg tea.KeyPressMsg) {
	t := m.tables[m.focus]
	switch {
	case m.keys.accept.matches(msg):
		m.typing = false
	case m.keys.cancel.matches(msg):
		m.typing = false
		t.setFilter("")
	case msg.Code == tea.KeyBackspace:
		if r := []rune(t.filter); len(r) > 0 {
			t.setFilter(string(r[:len(r)-1]))
		}
	case msg.Text != "":
		t.setFilter(t.filter + sanitize.Line(msg.Text))
	}
}

// click focuses the panel under the pointer, or the tab, and puts the
// cursor on the row clicked.
func (m *Model) click(ms tea.Mouse) {
	if ms.Button != tea.MouseLeft {
		return
	}
	if m.screen.tabs && ms.Y == m.screen.tabsY {
		_, spans := m.tabBar()
		for id, s := range spans {
			if ms.X >= s[0] && ms.X < s[1] {
				m.focusOn(panelID(id))
			}
		}
		return
	}
	p, ok := m.panelAt(ms.X, ms.Y)
	if !ok {
		return
	}
	if p.id != m.focus {
		m.focusOn(p.id)
	}
	m.tables[p.id].clickRow(ms.Y - p.y - 2)
}

// wheel scrolls the panel under the pointer by three rows.
func (m *Model) wheel(ms tea.Mouse) {
	p, ok := m.panelAt(ms.X, ms.Y)
	if !ok {
		return
	}
	switch ms.Button {
	case tea.MouseWheelUp:
		m.tables[p.id].move(-3)
	case tea.MouseWheelDown:
		m.tables[p.id].move(3)
	}
}

func (m *Model) panelAt(x, y int) (placement, bool) {
	for _, b := range m.screen.bands {
		for _, p := range b.panels {
			if x >= p.x && x < p.x+p.w && y >= p.y && y < p.y+p.h {
				return p, true
			}
		}
	}
	return placement{}, false
}
