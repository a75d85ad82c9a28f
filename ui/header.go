package ui

import (
	"fmt"
	"strings"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// item is one piece of a header or footer line. When a line is too narrow
// the items of lowest priority go whole, so no word is ever cut.
type item struct {
	text     string
	priority int
}

// fitItems joins the items that fit in width, dropping the lowest
// priorities first and keeping the order of the rest.
func fitItems(items []item, sep string, width int) []string {
	keep := make([]bool, len(items))
	for i := range keep {
		keep[i] = true
	}
	for {
		total, n := 0, 0
		lowest := -1
		for i, it := range items {
			if !keep[i] {
				continue
			}
			total += cellWidth(it.text)
			n++
			if lowest < 0 || it.priority < items[lowest].priority {
				lowest = i
			}
		}
		total += cellWidth(sep) * max(0, n-1)
		if total <= width || lowest < 0 {
			break
		}
		keep[lowest] = false
	}
	var out []string
	for i, it := range items {
		if keep[i] {
			out = append(out, it.text)
		}
	}
	return out
}

// headerLine names what is on screen: context, cluster, mode and region,
// and whether the data is live. An EKS context is often the cluster's ARN,
// which repeats the cluster and region, so it is the first to go.
func (m Model) headerLine() string {
	items := []item{{"kubectl-automode", 10}}
	if c := m.cluster; c != nil {
		items = append(items,
			item{"context " + orDash(sanitize.Line(c.Context)), 60},
			item{"cluster " + orDash(sanitize.Line(c.ClusterName)), 90},
			item{"mode " + modeWords(c.Mode), 85},
			item{"region " + orDash(sanitize.Line(c.Region)), 70},
		)
		if c.Source == "demo" {
			items = append(items, item{"DEMO", 95})
		}
	}
	items = append(items, item{m.connection(), 100})
	parts := fitItems(items, "  ", m.width)
	if len(parts) > 0 && parts[0] == "kubectl-automode" {
		parts[0] = m.st.brand.Render(parts[0])
	}
	return strings.Join(parts, "  ")
}

// connection is the state of the snapshot stream, in words.
func (m Model) connection() string {
	switch {
	case m.endedSet:
		return "■ stopped"
	case m.cluster == nil:
		return "… connecting"
	case strings.HasPrefix(m.cluster.Source, "snapshot"):
		return "■ " + sanitize.Line(m.cluster.Source)
	case m.cluster.Connection.State == model.ConnectionReconnecting:
		return "◌ reconnecting…"
	case m.cluster.Connection.State == model.ConnectionStale:
		return "◌ stale " + staleFor(m.cluster)
	}
	return "● live"
}

// staleMark follows a panel's count while the connection is down: the
// rows are the last ones known, not necessarily the cluster's now.
func (m Model) staleMark() string {
	if m.cluster != nil && m.cluster.Connection.Stale() {
		return "  stale"
	}
	return ""
}

// staleFor is how old the data is: from the API server's last answer to
// this snapshot, which the watcher resends each second while it is down.
func staleFor(c *model.Cluster) string {
	s := max(0, int(c.BuiltAt.Sub(c.Connection.Since).Seconds()))
	if s < 120 {
		return fmt.Sprintf("%ds", s)
	}
	return fmt.Sprintf("%dm", s/60)
}

func modeWords(mode model.Mode) string {
	switch mode {
	case model.ModeAuto:
		return "Auto Mode"
	case model.ModeMixed:
		return "mixed"
	case model.ModeStandard:
		return "standard"
	}
	return orDash(string(mode))
}

// nodeKindOrder is the order the header counts node kinds in.
var nodeKindOrder = []model.NodeKind{model.KindAuto, model.KindManagedNodeGroup,
	model.KindKarpenter, model.KindFargate, model.KindHybrid, model.KindSelfManaged}

// countsLine counts nodes by kind and the provisioning objects, and says
// what the nodes cost.
func (m Model) countsLine() string {
	c := m.cluster
	if c == nil {
		return "reading the cluster…"
	}
	items := []item{
		{m.nodeCounts, 100},
		{fmt.Sprintf("%d NodePools", len(c.NodePools)), 50},
		{fmt.Sprintf("%d NodeClaims", len(c.NodeClaims)), 40},
	}
	items = append(items, costItems(c.Cost)...)
	return strings.Join(fitItems(items, "  ·  ", m.width), "  ·  ")
}

// countNodes says how many nodes there are of each kind, once per
// snapshot rather than once per frame.
func countNodes(c *model.Cluster) string {
	kinds := map[model.NodeKind]int{}
	for _, n := range c.Nodes {
		kinds[n.Kind]++
	}
	var byKind []string
	for _, k := range nodeKindOrder {
		if kinds[k] > 0 {
			byKind = append(byKind, fmt.Sprintf("%d %s", kinds[k], k.Badge()))
		}
	}
	nodes := fmt.Sprintf("%d nodes", len(c.Nodes))
	if len(byKind) > 0 {
		nodes += ": " + strings.Join(byKind, ", ")
	}
	return nodes
}

// problems are what the source could not read, and why it stopped.
func (m Model) problems() []string {
	var out []string
	if m.cluster != nil {
		out = append(out, m.cluster.Problems...)
		if errs := m.cluster.PricingErrors; len(errs) > 0 {
			first, _, _ := strings.Cut(errs[0], "\n")
			if !strings.HasPrefix(first, "pricing") {
				first = "pricing: " + first
			}
			out = append(out, first)
		}
	}
	if m.endedSet && m.ended != nil {
		out = append(out, "stopped: "+m.ended.Error())
	}
	return out
}

// problemLine shows the first problem and how many there are.
func (m Model) problemLine() string {
	ps := m.problems()
	text := "! " + sanitize.Line(ps[0])
	if len(ps) > 1 {
		text = fmt.Sprintf("! %d problems: %s", len(ps), sanitize.Line(ps[0]))
	}
	return m.st.problem.Render(fit(text, m.width, false))
}

// panelTitle is a panel's title line: its number and name, how many rows
// it shows of how many, and the pool and filter that narrow it.
func (m Model) panelTitle(id panelID) string {
	t := m.tables[id]
	var b strings.Builder
	if len(t.view) != len(t.rows) {
		fmt.Fprintf(&b, " %d %s (%d of %d)", id+1, panels[id].title, len(t.view), len(t.rows))
	} else {
		fmt.Fprintf(&b, " %d %s (%d)", id+1, panels[id].title, len(t.rows))
	}
	b.WriteString(m.staleMark())
	if panels[id].narrowed && m.pool != "" {
		b.WriteString("  pool " + m.pool)
	}
	switch {
	case m.prompt.active && m.prompt.kind == promptFilter && id == m.focus &&
		len(m.stack) == 0:
		b.WriteString("  filter /" + t.filter + "▏")
	case t.filter != "":
		b.WriteString("  filter /" + t.filter)
	}
	return b.String()
}

// tabBar lists the panels in tab mode, the shown one in brackets, and
// returns where each tab starts and ends for mouse clicks.
func (m Model) tabBar() (string, [][2]int) {
	var b strings.Builder
	spans := make([][2]int, 0, panelCount)
	x := 0
	for id := range panelCount {
		label := fmt.Sprintf(" %d %s ", id+1, panels[id].title)
		if id == m.focus {
			label = fmt.Sprintf("[%d %s]", id+1, panels[id].title)
		}
		w := cellWidth(label)
		if x+w > m.width {
			break
		}
		spans = append(spans, [2]int{x, x + w})
		if id == m.focus {
			b.WriteString(m.st.tabActive.Render(label))
		} else {
			b.WriteString(m.st.tab.Render(label))
		}
		x += w
	}
	return b.String(), spans
}
