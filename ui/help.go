package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
)

// newHelp is the Bubbles help model styled like the rest of the screen.
func newHelp(st styles) help.Model {
	h := help.New()
	h.ShortSeparator = " · "
	h.FullSeparator = "   "
	lg := st.lipgloss
	h.Styles = help.Styles{
		Ellipsis:       lg.hint,
		ShortKey:       lg.key,
		ShortDesc:      lg.hint,
		ShortSeparator: lg.hint,
		FullKey:        lg.key,
		FullDesc:       lg.plain,
		FullSeparator:  lg.hint,
	}
	return h
}

// footerLine offers the keys that work where the user is, or the text of
// the command, filter or search being typed, or the last command's answer.
func (m Model) footerLine() string {
	switch {
	case m.prompt.active:
		return m.prompt.line(&m.st)
	case m.flash != "":
		return m.st.problem.Render(fit(m.flash, m.width, false))
	}
	kind := "dashboard"
	bindings := m.keys.listHelp(len(m.stack) > 0)
	if len(m.stack) > 0 {
		kind = "page"
	}
	if v := m.top(); v != nil && v.text != nil {
		kind, bindings = "text", m.keys.textHelp()
		if v.ref.Kind == kindCluster {
			kind, bindings = "compare", m.keys.compareHelp()
		}
	}
	if m.help {
		kind = "help"
		bindings = []key.Binding{key.NewBinding(key.WithKeys("?", "esc"),
			key.WithHelp("?/esc", "close help")), m.keys.quit}
	}

	c := m.footerCache
	if c.kind == kind && c.width == m.width && c.line != "" {
		return c.line
	}
	h := m.helpModel
	h.SetWidth(m.width)
	c.kind, c.width, c.line = kind, m.width, h.ShortHelpView(bindings)
	return c.line
}

// footerCache keeps the key hints last drawn: they change with the width
// and the kind of view, not from frame to frame, and drawing them through
// the help model styles each hint anew.
type footerCache struct {
	kind  string
	width int
	line  string
}

// helpLines is the help overlay, built from the key map so that it lists
// exactly the keys that work, then a legend for the NodeClaims columns.
// Groups of keys sit side by side as far as the width allows and under one
// another after that, so that none is cut; the legend goes first when the
// screen is short.
func (m Model) helpLines(height int) []string {
	h := m.helpModel
	h.SetWidth(0)
	var rows [][][]key.Binding
	for _, g := range m.keys.fullHelp() {
		if n := len(rows); n > 0 {
			wider := append(append([][]key.Binding{}, rows[n-1]...), g)
			if cellWidth(firstLine(h.FullHelpView(wider))) <= m.width-2 {
				rows[n-1] = wider
				continue
			}
		}
		rows = append(rows, [][]key.Binding{g})
	}

	lines := []string{m.st.title.Render(fit(" Keys", m.width, false))}
	for _, r := range rows {
		for l := range strings.SplitSeq(h.FullHelpView(r), "\n") {
			lines = append(lines, clipLine("  "+l, m.width))
		}
	}

	var legend []string
	for _, cc := range claimConditions {
		legend = append(legend, cc.title+" "+cc.cond)
	}
	legend = append(legend, "values: yes, no, unknown, - not reported")
	legendLines := wrapItems(legend, "  ", "  ", m.width)
	if len(lines)+len(legendLines)+2 <= height {
		lines = append(lines, "")
	}
	lines = append(lines, m.st.title.Render(fit(" NodeClaim conditions", m.width, false)))
	for _, l := range legendLines {
		lines = append(lines, clipLine(l, m.width))
	}

	if len(lines) > height {
		lines = lines[:max(0, height)]
	}
	return lines
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// wrapItems sets items on as many lines as they need, each line starting
// with indent, breaking only between items.
func wrapItems(items []string, indent, sep string, width int) []string {
	var lines []string
	line := ""
	for _, it := range items {
		switch {
		case line == "":
			line = indent + it
		case cellWidth(line)+cellWidth(sep)+cellWidth(it) <= width:
			line += sep + it
		default:
			lines = append(lines, line)
			line = indent + it
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
