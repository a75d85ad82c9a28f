package ui

// helpLines is the help overlay, built from the key map so that it lists
// exactly the keys that work, then a legend for the NodeClaims columns.
// Groups are set apart by a blank line when the screen has room for it.
func (m Model) helpLines(height int) []string {
	groups := m.keys.fullHelp()
	rows := 1 + 3
	for _, g := range groups {
		rows += len(g)
	}
	spaced := rows+len(groups) <= height

	lines := []string{m.st.title.Render(fit(" Keys", m.width, false))}
	for _, group := range groups {
		for _, b := range group {
			lines = append(lines, "  "+m.st.key.Render(fit(b.key, 10, false))+" "+b.desc)
		}
		if spaced {
			lines = append(lines, "")
		}
	}

	lines = append(lines, m.st.title.Render(fit(" NodeClaim conditions", m.width, false)))
	var legend []string
	for _, cc := range claimConditions {
		legend = append(legend, cc.title+" "+cc.cond)
	}
	legend = append(legend, "values: yes, no, ? unknown, - not reported")
	lines = append(lines, wrapItems(legend, "  ", "  ", m.width)...)

	if len(lines) > height {
		lines = lines[:max(0, height)]
	}
	return lines
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
