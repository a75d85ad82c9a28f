package ui

import (
	"fmt"
	"strings"
)

// Terminal sizes at which the dashboard shows every panel at once. Below
// them the panels become tabs, one at a time at full size, so that 80×24
// shows whole rows rather than slivers of five tables.
const (
	minWidth      = 40
	minHeight     = 8
	stackedWidth  = 100
	stackedHeight = 30
	wideWidth     = 160
	wideHeight    = 40
)

// A drill-down level fills the screen under the header: the breadcrumb,
// a title line, then its list or text down to the footer.
const (
	crumbY   = headerLines
	levelY   = headerLines + 1
	contentY = headerLines + 2
)

// placement is a panel's box on screen, title line included.
type placement struct {
	id         panelID
	x, y, w, h int
}

// band is a strip of the screen holding one panel, or two side by side.
type band struct {
	y, h   int
	panels []placement
}

// screenLayout is where everything goes at the current size, worked out
// when the size or the snapshot changes, not on every frame.
type screenLayout struct {
	tabs     bool
	headerY  int // the header's two lines
	tabsY    int // the tab bar, in tab mode
	bands    []band
	problemY int // -1 without a problem line
	footerY  int
	contentH int // lines a drill-down level's list or text gets
}

const headerLines = 2

// arrange works out the layout and gives every table its size.
func (m *Model) arrange() {
	s := screenLayout{problemY: -1}
	top := headerLines
	bottom := m.height - 1 // the footer
	s.footerY = bottom
	if len(m.problems()) > 0 {
		bottom--
		s.problemY = bottom
	}

	switch {
	case m.width >= wideWidth && m.height >= wideHeight:
		s.bands = m.wideBands(top, bottom-top)
	case m.width >= stackedWidth && m.height >= stackedHeight:
		s.bands = m.stackedBands(top, bottom-top)
	default:
		s.tabs = true
		s.tabsY = top
		s.bands = []band{m.row(top+1, bottom-top-1, m.focus)}
		for id := range panelCount {
			m.tables[id].setSize(m.width, bottom-top-1-2)
		}
	}

	for _, b := range s.bands {
		for _, p := range b.panels {
			m.tables[p.id].setSize(p.w, p.h-2)
		}
	}
	s.contentH = max(0, bottom-contentY)
	for _, v := range m.stack {
		if v.list != nil {
			v.list.setSize(m.width, s.contentH-1)
		}
		if v.text != nil {
			v.text.vp.SetWidth(max(0, m.width))
			v.text.vp.SetHeight(s.contentH)
			redrawCompare(v, m.width)
		}
	}
	m.screen = s
}

// tooSmall reports whether the terminal cannot hold even one panel with a
// row; the screen then says so in one line rather than drawing scraps.
func (m Model) tooSmall() bool {
	return m.width < minWidth || m.height < minHeight
}

// wideBands: NodePools beside NodeClasses, then NodeClaims and Nodes each
// across the full width, where every column of theirs fits (a NodeClaim
// row needs about 115 cells), then Components, whose evidence is long,
// and Findings, whose messages and hints are.
func (m *Model) wideBands(y, h int) []band {
	pools := m.fitHeight(h/5, panelNodePools, panelNodeClasses)
	comps := m.fitHeight(h/5, panelComponents)
	finds := m.fitHeight(h/5, panelFindings)
	claims := (h - pools - comps - finds) / 2
	nodes := h - pools - comps - finds - claims
	return []band{
		m.row(y, pools, panelNodePools, panelNodeClasses),
		m.row(y+pools, claims, panelNodeClaims),
		m.row(y+pools+claims, nodes, panelNodes),
		m.row(y+pools+claims+nodes, comps, panelComponents),
		m.row(y+pools+claims+nodes+comps, finds, panelFindings),
	}
}

// stackedBands: NodePools, NodeClaims, Nodes and Findings across the full
// width, with Components beside NodeClasses at the bottom.
func (m *Model) stackedBands(y, h int) []band {
	pools := m.fitHeight(h/5, panelNodePools)
	comps := m.fitHeight(h/4, panelComponents, panelNodeClasses)
	finds := m.fitHeight(h/6, panelFindings)
	claims := (h - pools - comps - finds) / 2
	nodes := h - pools - comps - finds - claims
	return []band{
		m.row(y, pools, panelNodePools),
		m.row(y+pools, claims, panelNodeClaims),
		m.row(y+pools+claims, nodes, panelNodes),
		m.row(y+pools+claims+nodes, finds, panelFindings),
		m.row(y+pools+claims+nodes+finds, comps, panelComponents, panelNodeClasses),
	}
}

// fitHeight is the height that shows every row of the panels, but no more
// than limit; a panel always keeps its title, header and one row.
func (m *Model) fitHeight(limit int, ids ...panelID) int {
	rows := 1
	for _, id := range ids {
		rows = max(rows, len(m.tables[id].rows))
	}
	return max(3, min(rows+2, limit))
}

// row puts one or two panels side by side in a band, a separator column
// between them.
func (m *Model) row(y, h int, ids ...panelID) band {
	b := band{y: y, h: max(0, h)}
	if len(ids) == 1 {
		b.panels = []placement{{id: ids[0], x: 0, y: y, w: m.width, h: b.h}}
		return b
	}
	left := (m.width - 1) / 2
	b.panels = []placement{
		{id: ids[0], x: 0, y: y, w: left, h: b.h},
		{id: ids[1], x: left + 1, y: y, w: m.width - left - 1, h: b.h},
	}
	return b
}

// render draws the screen as text: every line at most the terminal's
// width, and no more lines than its height.
func (m Model) render() string {
	if m.tooSmall() {
		msg := fmt.Sprintf("terminal too small: %d×%d, need %d×%d", m.width, m.height,
			minWidth, minHeight)
		if cellWidth(msg) > m.width {
			msg = "terminal too small"
		}
		return clipLine(msg, max(0, m.width))
	}
	lines := make([]string, max(0, m.height))
	blank := strings.Repeat(" ", max(0, m.width))
	for i := range lines {
		lines[i] = blank
	}
	put := func(y int, s string) {
		if y >= 0 && y < len(lines) {
			lines[y] = s
		}
	}

	// The header, tab bar, problem and footer lines are fitted item by
	// item; the clip is a last guard. Panel lines are exact by
	// construction and skip it, a frame's largest saving.
	put(0, clipLine(m.headerLine(), m.width))
	put(1, clipLine(m.countsLine(), m.width))
	switch {
	case len(m.stack) > 0:
		put(crumbY, m.breadcrumbLine())
	case m.screen.tabs:
		bar, _ := m.tabBar()
		put(m.screen.tabsY, clipLine(bar, m.width))
	}
	switch {
	case m.help:
		for i, l := range m.helpLines(m.screen.footerY - headerLines) {
			put(headerLines+i, l)
		}
	case len(m.stack) > 0:
		for i, l := range m.levelLines(m.top()) {
			put(levelY+i, l)
		}
	default:
		for _, b := range m.screen.bands {
			for i, l := range m.bandLines(b) {
				put(b.y+i, l)
			}
		}
	}
	if m.screen.problemY >= 0 {
		put(m.screen.problemY, clipLine(m.problemLine(), m.width))
	}
	put(m.screen.footerY, clipLine(m.footerLine(), m.width))
	return strings.Join(lines, "\n")
}

// bandLines draws the panels of a band and joins them line by line.
func (m Model) bandLines(b band) []string {
	boxes := make([][]string, len(b.panels))
	for i, p := range b.panels {
		boxes[i] = m.panelLines(p)
	}
	out := make([]string, b.h)
	for y := range out {
		var sb strings.Builder
		for i := range boxes {
			sb.Grow(len(boxes[i][y]) + len(m.st.separator))
		}
		for i := range boxes {
			if i > 0 {
				sb.WriteString(m.st.separator)
			}
			sb.WriteString(boxes[i][y])
		}
		out[y] = sb.String()
	}
	return out
}

// panelLines draws one panel: its title line, then its table, cut to the
// box's height.
func (m Model) panelLines(p placement) []string {
	out := make([]string, 0, p.h)
	if p.h <= 0 {
		return out
	}
	focused := p.id == m.focus
	title := fit(m.panelTitle(p.id), p.w, false)
	if focused {
		title = m.st.titleFocused.Render(title)
	} else {
		title = m.st.title.Render(title)
	}
	out = append(out, title)
	t := m.tables[p.id]
	out = append(out, t.lines(&m.st, focused)...)
	if len(t.view) == 0 && len(out) > 2 {
		out[2] = m.st.hint.Render(fit("  "+m.emptyText(p.id), p.w, false))
	}
	blank := strings.Repeat(" ", max(0, p.w))
	for len(out) < p.h {
		out = append(out, blank)
	}
	return out[:p.h]
}

// emptyText says why a panel shows no rows, so that an empty table is not
// mistaken for one still loading.
func (m Model) emptyText(id panelID) string {
	t := m.tables[id]
	switch {
	case m.cluster == nil:
		return "waiting for the first snapshot…"
	case t.filter != "" && len(t.rows) > 0:
		return "nothing matches the filter; esc clears it"
	case panels[id].narrowed && m.pool != "" && len(t.rows) > 0:
		return "none in NodePool " + m.pool + "; P shows all"
	}
	return "none in this cluster"
}
