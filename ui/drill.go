package ui

import (
	"reflect"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// view is one level of the drill-down. A page lists what belongs to an
// object (a NodePool's NodeClaims, a NodeClaim's Node, a Node's pods, the
// NodePools of a NodeClass); a text view shows one object's describe, YAML
// or events. A text view is always the last level.
type view struct {
	ref model.Ref
	// list is the page's table, and spec what it lists.
	list *table
	spec panelSpec
	// seen is the object's model value when the level was last drawn; a
	// snapshot that changes it refreshes the level, and nil means the
	// object is gone from the cluster.
	seen any
	text *textView
}

// top is the deepest level of the drill-down, nil on the dashboard.
func (m Model) top() *view {
	if len(m.stack) == 0 {
		return nil
	}
	return m.stack[len(m.stack)-1]
}

// list is the table the list keys act on: the page's or the focused
// panel's.
func (m Model) list() (*table, panelSpec) {
	if v := m.top(); v != nil && v.list != nil {
		return v.list, v.spec
	}
	return m.tables[m.focus], panels[m.focus]
}

// selectedRef is the object under the cursor of the current list.
func (m Model) selectedRef() (model.Ref, bool) {
	t, spec := m.list()
	key := t.selected()
	if key == "" {
		return model.Ref{}, false
	}
	return refOf(spec.kind, key), true
}

// refOf turns a row's key into the object it names. Pods are keyed
// "namespace/name" and NodeClasses "name/Kind", since names repeat across
// namespaces and across the two NodeClass kinds.
func refOf(kind, key string) model.Ref {
	switch kind {
	case "Pod":
		ns, name, _ := strings.Cut(key, "/")
		return model.Ref{Kind: kind, Namespace: ns, Name: name}
	case "NodeClass":
		name, k, _ := strings.Cut(key, "/")
		return model.Ref{Kind: k, Name: name}
	case kindFinding:
		return findingRef(key)
	}
	return model.Ref{Kind: kind, Name: key}
}

// open is enter: a page of what belongs to the selected object, or, for
// objects that own nothing (pods, components), its describe.
func (m *Model) open() tea.Cmd {
	ref, ok := m.selectedRef()
	if !ok {
		return nil
	}
	spec, ok := pageSpec(ref)
	if !ok {
		return m.openText(ref, modeDescribe)
	}
	v := &view{ref: ref, spec: spec, list: newTable(spec.columns)}
	m.stack = append(m.stack, v)
	m.refreshView(v)
	m.arrange()
	return nil
}

// back is esc in the drill-down: it leaves the deepest level.
func (m *Model) back() {
	if len(m.stack) > 0 {
		m.stack = m.stack[:len(m.stack)-1]
		m.arrange()
	}
}

// resetStack goes back to the dashboard.
func (m *Model) resetStack() {
	m.stack = nil
	m.arrange()
}

// refreshView brings a level up to date with the snapshot: a page gets its
// rows again, and a text view whose object changed fetches its text again.
func (m *Model) refreshView(v *view) tea.Cmd {
	if m.cluster == nil {
		return nil
	}
	now := lookup(m.cluster, v.ref)
	changed := !reflect.DeepEqual(now, v.seen)
	v.seen = now
	if v.list != nil {
		v.list.setRows(v.spec.rows(related(m.cluster, v.ref)))
		return nil
	}
	if v.text != nil && now != nil && (changed || v.text.wantsNewEvents(m.cluster.BuiltAt)) {
		return m.fetch(v)
	}
	return nil
}

// breadcrumb says where the user is: the panel, then each object opened
// and what its page lists, then the text view's mode.
func (m Model) breadcrumb() []string {
	parts := []string{panels[m.focus].title}
	if m.pool != "" && panels[m.focus].narrowed {
		parts[0] += " (pool " + m.pool + ")"
	}
	for _, v := range m.stack {
		name := v.ref.Name
		if v.ref.Namespace != "" {
			name = v.ref.Namespace + "/" + name
		}
		parts = append(parts, name)
		switch {
		case v.text != nil:
			parts = append(parts, v.text.mode.String())
		default:
			parts = append(parts, v.spec.title)
		}
	}
	return parts
}

// breadcrumbLine fits the breadcrumb to the width, dropping levels from
// the left first: where the user is matters more than where they began.
func (m Model) breadcrumbLine() string {
	parts := m.breadcrumb()
	const sep = " › "
	line := " " + strings.Join(parts, sep)
	for len(parts) > 1 && cellWidth(line) > m.width {
		parts = parts[1:]
		line = " …" + sep + strings.Join(parts, sep)
	}
	return m.st.crumb.Render(fit(line, m.width, false))
}
