package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// kindCluster names the cluster as a whole. Its page is the comparison of
// standard EKS and Auto Mode, so that enter on a finding about the cluster
// opens it too.
const kindCluster = "Cluster"

// compareGap is the blank cells between two of the comparison's columns.
const compareGap = 2

// openCompare is c: the comparison for the snapshot on show, as a text
// view under the breadcrumb, which esc leaves and the search searches.
func (m *Model) openCompare() tea.Cmd {
	if m.cluster == nil {
		m.flash = "no snapshot yet: the comparison needs the cluster"
		return nil
	}
	cmp := model.Compare(m.cluster)
	tv := newTextView(modeCompare, &m.st)
	tv.vp.SoftWrap = false
	v := &view{ref: model.Ref{Kind: kindCluster, Name: sanitize.Line(cmp.Cluster)}, text: tv,
		seen: cmp}
	m.stack = append(m.stack, v)
	m.arrange()
	return nil
}

// redrawCompare lays the comparison out again at width: on opening, on a
// new snapshot and on a resize, since its cells are cut to the width.
// Other views are left alone.
func redrawCompare(v *view, width int) {
	cmp, ok := v.seen.(model.Comparison)
	if v.text == nil || v.ref.Kind != kindCluster || !ok {
		return
	}
	tv := v.text
	tv.mode, tv.loading, tv.err = modeCompare, false, ""
	text := compareText(cmp, width)
	if text != tv.vp.GetContent() {
		tv.vp.SetContent(text)
		tv.setSearch(tv.query)
	}
}

// compareText draws the comparison as lines of exactly width cells: the
// points where the two differ (the fee rows last), each node's fee, then
// the points that stay the same. Cells too long for their column end in
// an ellipsis; no row wraps.
func compareText(cmp model.Comparison, width int) string {
	head := []string{"POINT", "STANDARD EKS", "AUTO MODE",
		"THIS CLUSTER (" + cmp.Cluster + ", " + string(cmp.Mode) + ")"}
	sameHead := []string{"THE SAME IN BOTH", "STANDARD EKS", "AUTO MODE", "THIS CLUSTER"}
	var points, same [][]string
	for _, r := range cmp.Rows {
		points = append(points, []string{r.Topic, r.Standard, r.AutoMode, r.Cluster})
	}
	for _, r := range cmp.Same {
		same = append(same, []string{r.Topic, r.Standard, r.AutoMode, r.Cluster})
	}
	widths := columnWidths(append(append([][]string{head, sameHead}, points...), same...),
		width)

	var lines []string
	lines = append(lines, tableLines(widths, width, head, points)...)
	if len(cmp.Fees) > 0 {
		feeHead := []string{"FEE PER NODE", "KIND", "INSTANCE TYPE", "AUTO MODE FEE"}
		var fees [][]string
		for _, f := range cmp.Fees {
			fees = append(fees, []string{f.Node, string(f.Kind), orDash(f.InstanceType),
				f.Summary()})
		}
		feeWidths := columnWidths(append([][]string{feeHead}, fees...), width)
		lines = append(lines, strings.Repeat(" ", max(0, width)))
		lines = append(lines, tableLines(feeWidths, width, feeHead, fees)...)
		lines = append(lines, tableLine([]int{width - 1}, width, []string{totalFeeText(cmp.Fee)}))
	}
	lines = append(lines, strings.Repeat(" ", max(0, width)))
	lines = append(lines, tableLines(widths, width, sameHead, same)...)
	return strings.Join(lines, "\n")
}

// tableLines is a title row and its rows, each cut to the widths.
func tableLines(widths []int, width int, head []string, rows [][]string) []string {
	out := make([]string, 0, len(rows)+1)
	out = append(out, tableLine(widths, width, head))
	for _, r := range rows {
		out = append(out, tableLine(widths, width, r))
	}
	return out
}

// tableLine is one row of the comparison: a margin, then each cell
// sanitised and fitted to its column, padded to exactly width cells.
func tableLine(widths []int, width int, cells []string) string {
	var b strings.Builder
	b.WriteByte(' ')
	for i, w := range widths {
		if i > 0 {
			b.WriteString(strings.Repeat(" ", compareGap))
		}
		text := ""
		if i < len(cells) {
			text = sanitize.Line(cells[i])
		}
		b.WriteString(fit(text, w, false))
	}
	return fit(b.String(), width, false)
}

// columnWidths shares width among the columns: each gets its widest cell
// when all fit; otherwise the widest column gives up a cell at a time, so
// that short columns (the topic, the kind) stay whole and the prose
// columns share the cut.
func columnWidths(rows [][]string, width int) []int {
	n := 0
	for _, r := range rows {
		n = max(n, len(r))
	}
	widths := make([]int, n)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], cellWidth(sanitize.Line(c)))
		}
	}
	avail := width - 1 - compareGap*max(0, n-1)
	for sum(widths) > avail {
		widest := 0
		for i, w := range widths {
			if w > widths[widest] {
				widest = i
			}
		}
		if widths[widest] <= 1 {
			break
		}
		widths[widest]--
	}
	return widths
}

func sum(xs []int) int {
	total := 0
	for _, x := range xs {
		total += x
	}
	return total
}

// totalFeeText is the cluster's fee on one line of its own, so that the
// sum is never lost to a cut cell: what the Auto Mode nodes pay today, and
// what every EC2 node would pay on Auto Mode.
func totalFeeText(total model.FeeTotal) string {
	month := func(perHour float64) string {
		return fmt.Sprintf("$%.4f/h ($%.0f/month)", perHour, perHour*model.HoursPerMonth)
	}
	approx := ""
	if total.Estimated {
		approx = "≈"
	}
	text := fmt.Sprintf("TOTAL FEE  today %s; all on Auto Mode %s%s", month(total.PaidPerHour),
		approx, month(total.AllAutoPerHour))
	if n := len(total.Unpriced); n > 0 {
		text += fmt.Sprintf("; %d node(s) not priced", n)
	}
	return text
}
