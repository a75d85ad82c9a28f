package ui

import "github.com/kubectl-automode/kubectl-automode/model"

// keptRows are the memos of the panels that hold a row per node or per
// NodeClaim: the ones a large cluster makes long.
type keptRows struct {
	nodes  rowMemo[nodeShown]
	claims rowMemo[claimShown]
}

// rows are a panel's rows for a snapshot, kept from the last where the
// panel keeps them.
func (k *keptRows) rows(id panelID, c *model.Cluster) []row {
	switch id {
	case panelNodes:
		return nodeRowsKeeping(c, &k.nodes)
	case panelNodeClaims:
		return nodeClaimRowsKeeping(c, &k.claims)
	}
	return panels[id].rows(c)
}

// rowMemo keeps a panel's rows from one snapshot to the next, each with
// the values it was drawn from. Under churn a snapshot of 5,000 nodes
// differs from the last in a few dozen, and making every row again was
// most of what applying it cost; a row whose values are unchanged is the
// same row, so it is kept. The values are compared whole, so a row is
// only ever kept when it would come out the same.
type rowMemo[K comparable] struct {
	rows map[string]*memoRow[K]
	// pass counts the snapshots applied; a row not asked for in the last
	// pass belongs to an object that has gone, and is forgotten.
	pass uint64
}

type memoRow[K comparable] struct {
	shown K
	row   row
	pass  uint64
	// version and age are the object's version and age span when its row
	// was made, for rowOfVersion.
	version string
	age     ageSpan
}

// begin starts a snapshot's pass, sized for n rows. A nil memo keeps
// nothing, so that one function makes rows both ways.
func (m *rowMemo[K]) begin(n int) {
	if m == nil {
		return
	}
	if m.rows == nil {
		m.rows = make(map[string]*memoRow[K], n)
	}
	m.pass++
}

// row returns the row kept for the object named when it was made from
// the same values, and otherwise makes it with build and keeps it. The
// row is made from shown alone, so nothing it draws can escape the
// comparison.
func (m *rowMemo[K]) row(name string, shown K, build func(K) row) row {
	if m == nil {
		return build(shown)
	}
	r, _ := m.keep(name, m.rows[name], shown, build)
	return r
}

// keep is row once kept, the entry for name or nil, has been looked up.
// It returns that entry's row when it was made from shown, and otherwise
// makes the row and files it under name; and the entry either way.
func (m *rowMemo[K]) keep(name string, kept *memoRow[K], shown K,
	build func(K) row) (row, *memoRow[K]) {
	if kept != nil && kept.shown == shown {
		kept.pass = m.pass
		return fresh(kept.row), kept
	}
	r := build(shown)
	if kept == nil {
		kept = &memoRow[K]{}
		m.rows[name] = kept
	}
	*kept = memoRow[K]{shown: shown, row: fresh(r), pass: m.pass}
	return r, kept
}

// rowOfVersion is row for an object whose source names each version of
// it: the row kept for the same version at the same age span is the row
// its values would make, so they are not worked out (shown is not
// called) nor compared. An empty version always works them out.
func (m *rowMemo[K]) rowOfVersion(name, version string, age ageSpan, shown func() K,
	build func(K) row) row {
	if m == nil {
		return build(shown())
	}
	kept := m.rows[name]
	if kept != nil && version != "" && kept.version == version && kept.age == age {
		kept.pass = m.pass
		return fresh(kept.row)
	}
	r, kept := m.keep(name, kept, shown(), build)
	kept.version, kept.age = version, age
	return r
}

// end forgets the rows of objects the pass did not ask for.
func (m *rowMemo[K]) end() {
	if m == nil {
		return
	}
	for name, kept := range m.rows {
		if kept.pass != m.pass {
			delete(m.rows, name)
		}
	}
}

// fresh is a kept row as a new table takes it: its cells are shared, as
// they never change, but what a table works out from them (the filter
// text, the laid-out line) starts again, so that one table's layout never
// reaches another's.
func fresh(r row) row {
	return row{key: r.key, pool: r.pool, pools: r.pools, cells: r.cells}
}
