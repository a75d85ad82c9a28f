package ui

import (
	"fmt"
	"strings"
)

// levelLines draws a drill-down level under its breadcrumb: a title line,
// then the page's list or the text view, exactly as many lines as fit.
func (m Model) levelLines(v *view) []string {
	out := make([]string, 0, 1+m.screen.contentH)
	out = append(out, m.st.titleFocused.Render(fit(m.levelTitle(v), m.width, false)))
	if v.list != nil {
		out = append(out, v.list.lines(&m.st, true)...)
		if len(v.list.view) == 0 && len(out) > 2 {
			empty := "none"
			if v.list.filter != "" {
				empty = "nothing matches the filter; esc clears it"
			}
			out[2] = m.st.hint.Render(fit("  "+empty, m.width, false))
		}
		return out
	}

	tv := v.text
	switch {
	case tv.err != "":
		out = append(out, m.st.problem.Render(fit(tv.err, m.width, false)))
	case tv.loading && tv.vp.TotalLineCount() == 0:
		out = append(out, m.st.hint.Render(fit("loading "+tv.mode.String()+" of "+
			v.ref.String()+"…", m.width, false)))
	default:
		for l := range strings.SplitSeq(tv.vp.View(), "\n") {
			out = append(out, clipLine(l, m.width))
		}
	}
	return out[:min(len(out), 1+m.screen.contentH)]
}

// levelTitle names what a level shows, and for a text view how far down
// the reader is, the search and whether the text is being refreshed.
func (m Model) levelTitle(v *view) string {
	if v.list != nil {
		t := v.list
		title := fmt.Sprintf(" %s of %s %s (%d)", v.spec.title, v.ref.Kind, v.ref.Name, len(t.rows))
		if len(t.view) != len(t.rows) {
			title = fmt.Sprintf(" %s of %s %s (%d of %d)", v.spec.title, v.ref.Kind, v.ref.Name,
				len(t.view), len(t.rows))
		}
		title += m.staleMark()
		switch {
		case m.prompt.active && m.prompt.kind == promptFilter:
			return title + "  filter /" + t.filter + "▏"
		case t.filter != "":
			return title + "  filter /" + t.filter
		}
		return withSummary(title, v.seen, m.width)
	}

	tv := v.text
	title := " " + tv.mode.String() + " " + v.ref.String()
	switch {
	case tv.loading:
		title += "  loading…"
	case v.seen == nil && m.cluster != nil:
		title += "  gone from the cluster"
	}
	if tv.query != "" {
		title += fmt.Sprintf("  /%s: %d matches", tv.query, tv.matches)
	}
	if n := tv.vp.TotalLineCount(); n > 0 {
		title += fmt.Sprintf("  %d lines  %d%%", n, int(tv.vp.ScrollPercent()*100))
	}
	return title
}
