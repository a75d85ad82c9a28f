package ui

import (
	"slices"
	"strings"
)

// panelNames are the panels by the names `get` gives their resources, the
// names the config file uses. Findings has no `get` of its own and is
// named as the check command calls them.
var panelNames = [panelCount]string{
	panelNodePools:   "nodepools",
	panelNodeClaims:  "nodeclaims",
	panelNodes:       "nodes",
	panelComponents:  "components",
	panelNodeClasses: "nodeclasses",
	panelFindings:    "findings",
}

// PanelColumns lists each panel's column titles by panel name, so that a
// caller can check a user's sort and column choices before the UI starts
// and say exactly which one names no column. The UI itself matches the
// titles ignoring case.
func PanelColumns() map[string][]string {
	out := make(map[string][]string, panelCount)
	for id := range panelCount {
		titles := make([]string, len(panels[id].columns))
		for i, c := range panels[id].columns {
			titles[i] = c.title
		}
		out[panelNames[id]] = titles
	}
	return out
}

// tableChoices are the user's starting sort and columns per panel name,
// kept so that the tables a context switch builds start the same way.
type tableChoices struct {
	sort    map[string]string
	columns map[string][]string
}

// applyChoices sets the opening panel and whether the palette is fixed,
// and remembers the tables' choices for newPanelTable.
func (m *Model) applyChoices(opts Options) {
	if i := slices.Index(panelNames[:], opts.Panel); i >= 0 {
		m.focus, m.panelChosen = panelID(i), true
	}
	m.themeFixed = opts.Theme == "dark" || opts.Theme == "light"
	m.choices = tableChoices{sort: opts.Sort, columns: opts.Columns}
}

// newPanelTable is a panel's empty table with the user's starting sort
// and columns applied.
func (m *Model) newPanelTable(id panelID) *table {
	t := newTable(panels[id].columns)
	name := panelNames[id]
	if by, ok := m.choices.sort[name]; ok {
		if col := columnIndex(t.cols, strings.TrimPrefix(by, "-")); col >= 0 {
			t.sortCol, t.desc = col, strings.HasPrefix(by, "-")
		}
	}
	if titles, ok := m.choices.columns[name]; ok {
		t.choose(titles)
	}
	return t
}

// columnIndex finds a column by title, ignoring case, so that "fee/h"
// in a config file finds FEE/H; -1 when there is none.
func columnIndex(cols []column, title string) int {
	return slices.IndexFunc(cols, func(c column) bool { return strings.EqualFold(c.title, title) })
}

// choose limits the table to the columns titled, in that order. The name
// column is kept whatever the list says, first when the list leaves it
// out, since a row without its name cannot be told from the next; the
// sort column is kept too, last, so that the order the rows are in shows.
// Width still decides which of these fit.
func (t *table) choose(titles []string) {
	var order []int
	for _, title := range titles {
		if i := columnIndex(t.cols, title); i >= 0 && !slices.Contains(order, i) {
			order = append(order, i)
		}
	}
	for i, c := range t.cols {
		if c.name && !slices.Contains(order, i) {
			order = slices.Insert(order, 0, i)
		}
	}
	if !slices.Contains(order, t.sortCol) {
		order = append(order, t.sortCol)
	}
	t.chosen = order
	t.layout()
}
