package ui

import (
	"cmp"
	"slices"
	"strings"
)

// The table below replaces bubbles/table for the long lists. It lays out
// each row's text once, when the rows or the width change, and a frame
// only styles the rows on screen: a frame costs the same with 50 rows as
// with 5,000.

// column describes one column of a table.
type column struct {
	title string
	// priority decides which columns a narrow panel keeps: the lowest go
	// first. The name column has the highest and is never dropped.
	priority int
	// numeric columns sort by cell.order and align right.
	numeric bool
	// name marks the column that shrinks to namePreferred cells before any
	// column is dropped, and further only when nothing else can go.
	name bool
	// fill columns (reasons, evidence) take the room that is left.
	fill bool
	// max caps the column's width in cells; zero means no cap.
	max int
	// min is the narrowest a fill column goes; zero means fillMin.
	min int
}

// cell is one value of a row: its text, its tone, and for numeric columns
// the number it sorts by.
type cell struct {
	text  string
	tone  tone
	order float64
	// measured is the text's width in cells plus one, zero until the
	// first table measures it: a row kept from the last snapshot (memo.go)
	// is then not measured again.
	measured int
}

// width is the cell's text's width in cells, measured once.
func (c *cell) width() int {
	if c.measured == 0 {
		c.measured = cellWidth(c.text) + 1
	}
	return c.measured - 1
}

// row is one object in a table.
type row struct {
	// key is the object's name: the cursor follows it across snapshots.
	key string
	// pool is the NodePool the object belongs to, for narrowing; pools
	// are the further pools of an object that serves several, such as a
	// finding about a NodeClass.
	pool  string
	pools []string
	cells []cell

	// The rest is derived from cells, lazily: the filter text when a
	// filter is first typed, the laid-out line when the row is first on
	// screen. Of 5,000 rows a frame shows some sixty, so applying a
	// snapshot lays out only those.
	hay    string   // lower-case text the filter searches
	hayOK  bool     // hay is built
	segs   []string // shown cells cut and padded to their column
	plain  string   // segs joined, for rows drawn without colour
	styled bool     // some shown cell has a tone
	laid   int      // the table's layout generation segs were cut for
}

// Widths, in cells, of the parts of a table line.
const (
	gutterWidth   = 2 // the cursor mark and a space
	columnGap     = 1
	namePreferred = 20
	nameMin       = 8
	fillMin       = 10
	sortMarkWidth = 1 // "▲" after the sorted column's title
)

// table is a sortable, filterable list with a cursor that stays on the
// same object when the rows change.
type table struct {
	cols []column
	rows []row
	view []int // indices into rows: scoped, filtered and sorted

	cellMax []int // widest cell of each column
	natural []int // cellMax or the title, whichever is wider
	shown   []int // columns that fit the width, in order
	widths  []int // width of each shown column
	pad     string
	// overflow is set when even the name and one column do not fit; the
	// lines are then cut at the panel's edge.
	overflow bool

	// chosen are the columns the user listed, in their order; nil shows
	// every column in the table's own order, as width allows.
	chosen []int

	sortCol int
	desc    bool
	filter  string
	pool    string

	cursor    int
	offset    int
	cursorKey string

	width  int // cells, gutter included
	height int // data rows on screen

	// generation counts layouts; a row whose laid differs is cut again
	// before it is drawn.
	generation int
}

func newTable(cols []column) *table {
	return &table{cols: cols}
}

// setRows replaces the rows with a snapshot's. The cursor stays on the
// object it was on, at the same line of the screen when it can.
func (t *table) setRows(rows []row) {
	t.rows = rows
	t.cellMax = make([]int, len(t.cols))
	for r := range t.rows {
		cells := t.rows[r].cells
		for i := range cells {
			t.cellMax[i] = max(t.cellMax[i], cells[i].width())
		}
	}

	t.measure()
	t.layout()
	t.refresh()
}

// filterText is the lower-case text of a row's cells that the filter
// searches, built the first time a filter needs it.
func (r *row) filterText() string {
	if r.hayOK {
		return r.hay
	}
	var b strings.Builder
	for i, c := range r.cells {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(c.text)
	}
	r.hay, r.hayOK = strings.ToLower(b.String()), true
	return r.hay
}

// measure works out each column's natural width: its widest cell or its
// title, with room for the sort mark on the sorted column only, so that
// narrow columns such as the NodeClaim conditions cost no cell for a mark
// they do not show.
func (t *table) measure() {
	t.natural = make([]int, len(t.cols))
	for i := range t.cols {
		t.natural[i] = max(t.titleWidth(i), t.cellMax[i])
	}
}

func (t *table) titleWidth(i int) int {
	w := cellWidth(t.cols[i].title)
	if i == t.sortCol {
		w += sortMarkWidth
	}
	return w
}

// setSize gives the table its panel's size. Only a change of width lays
// the rows out again.
func (t *table) setSize(width, height int) {
	height = max(0, height)
	if width != t.width {
		t.width = width
		t.layout()
	}
	if height != t.height {
		t.height = height
		t.keepCursorVisible()
	}
}

// layout chooses the columns that fit the width. Rows are cut to them
// when they are drawn (laidOut), not here.
func (t *table) layout() {
	if len(t.natural) != len(t.cols) {
		return
	}
	t.shown, t.widths = t.fitColumns(t.width - gutterWidth)

	used := 0
	for _, w := range t.widths {
		used += w
	}
	used += columnGap * max(0, len(t.widths)-1)
	t.overflow = used > t.width-gutterWidth
	t.pad = strings.Repeat(" ", max(0, t.width-gutterWidth-used))
	t.generation++
}

// laidOut returns the row cut to the current columns, cutting it first if
// the columns changed since it last was.
func (t *table) laidOut(r *row) *row {
	if r.laid != t.generation || r.segs == nil && len(t.shown) > 0 {
		t.layoutRow(r)
		r.laid = t.generation
	}
	return r
}

func (t *table) layoutRow(r *row) {
	if cap(r.segs) < len(t.shown) {
		r.segs = make([]string, len(t.shown))
	}
	r.segs = r.segs[:len(t.shown)]
	r.styled = false

	// The cells are written straight into the row's line, and each
	// segment is a slice of that line: a row costs one allocation, not
	// one per cell, which is most of applying a snapshot of 5,000 rows.
	var ends [32]int
	bounds := ends[:0]
	var b strings.Builder
	b.Grow(t.width + 8)
	for i, ci := range t.shown {
		var c cell
		if ci < len(r.cells) {
			c = r.cells[ci]
		}
		r.styled = r.styled || c.tone != toneNone
		if i > 0 {
			b.WriteByte(' ')
		}
		start := b.Len()
		if t.cols[ci].fill {
			b.WriteString(fitWords(c.text, t.widths[i]))
		} else {
			writeFit(&b, c.text, t.widths[i], t.cols[ci].numeric)
		}
		bounds = append(bounds, start, b.Len())
	}
	b.WriteString(t.pad)
	r.plain = b.String()
	for i := range r.segs {
		r.segs[i] = r.plain[bounds[2*i]:bounds[2*i+1]]
	}
}

// fitColumns decides which columns to show in avail cells and how wide
// each is: the name column shrinks first, then the lowest-priority columns
// go, then the name shrinks further. What is left goes back to the name,
// then to the fill columns.
func (t *table) fitColumns(avail int) (shown, widths []int) {
	want := make([]int, len(t.cols))
	need := make([]int, len(t.cols))
	for i, c := range t.cols {
		want[i] = t.natural[i]
		if c.max > 0 {
			want[i] = min(want[i], c.max)
		}
		need[i] = want[i]
		if c.fill {
			floor := cmp.Or(c.min, fillMin)
			need[i] = min(want[i], max(floor, t.titleWidth(i)))
		}
	}
	active := make([]bool, len(t.cols))
	for i := range active {
		active[i] = t.chosen == nil || slices.Contains(t.chosen, i)
	}

	total := func() int {
		sum, n := 0, 0
		for i, on := range active {
			if on {
				sum += need[i]
				n++
			}
		}
		return sum + columnGap*max(0, n-1)
	}
	for total() > avail {
		over := total() - avail
		if t.shrinkName(need, over, namePreferred) {
			continue
		}
		if t.dropLowest(active) {
			continue
		}
		t.shrinkName(need, over, nameMin)
		break
	}

	spare := avail - total()
	for i, c := range t.cols {
		if active[i] && c.name && spare > 0 {
			grow := min(spare, want[i]-need[i])
			need[i] += grow
			spare -= grow
		}
	}
	for i, c := range t.cols {
		if active[i] && c.fill && spare > 0 {
			grow := min(spare, want[i]-need[i])
			need[i] += grow
			spare -= grow
		}
	}
	for _, i := range t.order() {
		if active[i] {
			shown = append(shown, i)
			widths = append(widths, need[i])
		}
	}
	return shown, widths
}

// order is the order columns are drawn in: the user's, or the table's.
func (t *table) order() []int {
	if t.chosen != nil {
		return t.chosen
	}
	all := make([]int, len(t.cols))
	for i := range all {
		all[i] = i
	}
	return all
}

// shrinkName narrows the name column by up to over cells, not below floor,
// and reports whether it could.
func (t *table) shrinkName(need []int, over, floor int) bool {
	for i, c := range t.cols {
		if c.name && need[i] > floor {
			need[i] = max(floor, need[i]-over)
			return true
		}
	}
	return false
}

// dropLowest hides the shown column of lowest priority, never the name.
func (t *table) dropLowest(active []bool) bool {
	lowest := -1
	for i, c := range t.cols {
		if active[i] && !c.name && (lowest < 0 || c.priority < t.cols[lowest].priority) {
			lowest = i
		}
	}
	if lowest < 0 {
		return false
	}
	active[lowest] = false
	return true
}
