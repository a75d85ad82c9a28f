package ui

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// refresh rebuilds the visible order after the rows, the filter, the pool
// or the sort changed. The cursor keeps its object, and that object keeps
// its line on screen, so a row inserted above does not move what the user
// is looking at.
func (t *table) refresh() {
	line := t.cursor - t.offset
	query := strings.ToLower(t.filter)

	t.view = t.view[:0]
	for i := range t.rows {
		r := &t.rows[i]
		if t.pool != "" && r.pool != t.pool && !slices.Contains(r.pools, t.pool) {
			continue
		}
		if query != "" && !subsequence(query, r.filterText()) {
			continue
		}
		t.view = append(t.view, i)
	}
	t.sortView()

	at := -1
	if t.cursorKey != "" {
		at = slices.IndexFunc(t.view, func(i int) bool { return t.rows[i].key == t.cursorKey })
	}
	if at < 0 {
		at = t.cursor
	}
	t.cursor = at
	t.offset = t.cursor - line
	t.keepCursorVisible()
}

// subsequence reports whether the letters of query appear in s in order,
// the fuzzy match a filter box is expected to do: "gp" finds
// "general-purpose".
func subsequence(query, s string) bool {
	for _, q := range query {
		i := strings.IndexRune(s, q)
		if i < 0 {
			return false
		}
		s = s[i+utf8.RuneLen(q):]
	}
	return true
}

// sortView orders the view by the sort column, then by name, so that equal
// values keep a stable order between snapshots.
func (t *table) sortView() {
	col := t.sortCol
	if col == 0 && !t.desc {
		return // rows arrive sorted by name
	}
	numeric := t.cols[col].numeric
	slices.SortStableFunc(t.view, func(a, b int) int {
		ra, rb := &t.rows[a], &t.rows[b]
		var c int
		if numeric {
			c = cmp.Compare(ra.cells[col].order, rb.cells[col].order)
		} else {
			c = strings.Compare(ra.cells[col].text, rb.cells[col].text)
		}
		if t.desc {
			c = -c
		}
		return cmp.Or(c, strings.Compare(ra.key, rb.key))
	})
}

// keepCursorVisible clamps the cursor to the rows and scrolls so that it
// is on screen, and remembers which object it is on.
func (t *table) keepCursorVisible() {
	n := len(t.view)
	t.cursor = max(0, min(t.cursor, n-1))
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.height > 0 && t.cursor >= t.offset+t.height {
		t.offset = t.cursor - t.height + 1
	}
	t.offset = max(0, min(t.offset, n-t.height))
	t.cursorKey = ""
	if n > 0 {
		t.cursorKey = t.rows[t.view[t.cursor]].key
	}
}

// move shifts the cursor by delta rows.
func (t *table) move(delta int) {
	t.cursor += delta
	t.keepCursorVisible()
}

// moveTo puts the cursor on the row at index i of the view; -1 is the last.
func (t *table) moveTo(i int) {
	if i < 0 {
		i = len(t.view) - 1
	}
	t.cursor = i
	t.keepCursorVisible()
}

// clickRow puts the cursor on the row shown at line y of the data area.
func (t *table) clickRow(y int) {
	if y >= 0 && t.offset+y < len(t.view) {
		t.moveTo(t.offset + y)
	}
}

// selected is the name of the object under the cursor, or "".
func (t *table) selected() string { return t.cursorKey }

// setFilter, setPool and cycleSort change what is shown and refresh.
func (t *table) setFilter(f string) {
	t.filter = f
	t.refresh()
}

func (t *table) setPool(pool string) {
	t.pool = pool
	t.refresh()
}

// cycleSort moves the sort to the next column on screen.
func (t *table) cycleSort() {
	next := 0
	for i, ci := range t.shown {
		if ci == t.sortCol && i+1 < len(t.shown) {
			next = t.shown[i+1]
		}
	}
	t.sortCol, t.desc = next, false
	t.measure()
	t.layout()
	t.refresh()
}

func (t *table) reverseSort() {
	t.desc = !t.desc
	t.refresh()
}

// headerLine is the column titles, the sorted one marked with an arrow.
func (t *table) headerLine(st *styles) string {
	var b strings.Builder
	b.WriteString(strings.Repeat(" ", gutterWidth))
	for i, ci := range t.shown {
		title := t.cols[ci].title
		switch {
		case ci == t.sortCol && t.desc:
			title += "▼"
		case ci == t.sortCol:
			title += "▲"
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(fit(title, t.widths[i], t.cols[ci].numeric))
	}
	b.WriteString(t.pad)
	return st.columns.Render(b.String())
}

// lines draws the header and the rows on screen: exactly height+1 lines,
// each exactly width cells. Only these rows are styled, and the cursor row
// is drawn in reverse video with a mark, so it shows without colour too.
func (t *table) lines(st *styles, focused bool) []string {
	out := make([]string, 0, t.height+1)
	out = append(out, t.headerLine(st))
	blank := strings.Repeat(" ", max(0, t.width))

	end := min(len(t.view), t.offset+t.height)
	for i := t.offset; i < end; i++ {
		r := t.laidOut(&t.rows[t.view[i]])
		switch {
		case i == t.cursor && focused:
			out = append(out, st.cursor.Render("› "+r.plain))
		case i == t.cursor:
			out = append(out, st.cursorBlur.Render("› "+r.plain))
		case r.styled && st.colour:
			out = append(out, "  "+t.paintRow(st, r))
		default:
			out = append(out, "  "+r.plain)
		}
	}
	for len(out) < t.height+1 {
		out = append(out, blank)
	}
	if t.overflow {
		for i := range out {
			out[i] = clipLine(out[i], t.width)
		}
	}
	return out
}

func (t *table) paintRow(st *styles, r *row) string {
	var b strings.Builder
	b.Grow(len(r.plain) + len(t.shown)*12)
	for i, ci := range t.shown {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(st.paint(r.cells[ci].tone, r.segs[i]))
	}
	b.WriteString(t.pad)
	return b.String()
}
