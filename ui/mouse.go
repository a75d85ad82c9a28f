package ui

import tea "charm.land/bubbletea/v2"

// wheelRows is how far one turn of the wheel scrolls.
const wheelRows = 3

// click puts the cursor on the row clicked. On the dashboard it also
// focuses the panel under the pointer, or the tab clicked.
func (m *Model) click(ms tea.Mouse) {
	if ms.Button != tea.MouseLeft || m.help {
		return
	}
	if v := m.top(); v != nil {
		if v.list != nil {
			v.list.clickRow(ms.Y - contentY - 1)
		}
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

// wheel scrolls what is under the pointer: a panel, a page's list, or a
// text view.
func (m *Model) wheel(ms tea.Mouse) {
	delta := 0
	switch ms.Button {
	case tea.MouseWheelUp:
		delta = -wheelRows
	case tea.MouseWheelDown:
		delta = wheelRows
	default:
		return
	}
	if v := m.top(); v != nil {
		switch {
		case v.list != nil:
			v.list.move(delta)
		case delta < 0:
			v.text.vp.ScrollUp(-delta)
		default:
			v.text.vp.ScrollDown(delta)
		}
		return
	}
	if p, ok := m.panelAt(ms.X, ms.Y); ok {
		m.tables[p.id].move(delta)
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
