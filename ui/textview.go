package ui

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// textMode is what a text view shows of its object.
type textMode int

const (
	modeDescribe textMode = iota
	modeYAML
	modeEvents
	modeCompare
)

func (t textMode) String() string {
	return [...]string{"describe", "yaml", "events", "comparison"}[t]
}

// fetchTimeout bounds one describe, YAML or events request, so that a view
// never waits forever on a server that stopped answering.
const fetchTimeout = 30 * time.Second

// maxMatches caps the matches a search highlights: past it, n and N stop
// being useful and the highlighting costs more than it helps.
const maxMatches = 10000

// textView is a scrolling view of one object's describe, YAML or events,
// with a search.
type textView struct {
	mode    textMode
	vp      viewport.Model
	err     string
	loading bool
	seq     int
	query   string
	matches int
	// fetchedAt is the snapshot time of the last fetch. Events about an
	// unchanged object still arrive, so an events or describe view fetches
	// again on a later snapshot once eventsRefresh has passed.
	fetchedAt time.Time
}

// eventsRefresh is how much snapshot time must pass before a view that
// shows events fetches them again for an object that has not changed. It
// bounds the requests a busy cluster's snapshots, up to ten a second, cause.
const eventsRefresh = 2 * time.Second

// wantsNewEvents reports whether a view that shows events should fetch
// them again at snapshot time now, although its object has not changed.
func (tv *textView) wantsNewEvents(now time.Time) bool {
	if tv.mode != modeEvents && tv.mode != modeDescribe {
		return false
	}
	return !tv.loading && now.Sub(tv.fetchedAt) >= eventsRefresh
}

// detailMsg is a fetch's answer; seq says which fetch it answers.
type detailMsg struct {
	seq  int
	text string
	err  error
}

func newTextView(mode textMode, st *styles) *textView {
	tv := &textView{mode: mode, vp: viewport.New()}
	tv.vp.SoftWrap = true
	tv.vp.FillHeight = true
	tv.style(st)
	return tv
}

// style marks matches in reverse video, which shows without colour too.
func (tv *textView) style(st *styles) {
	tv.vp.HighlightStyle = st.lipgloss.match
	tv.vp.SelectedHighlightStyle = st.lipgloss.matchSelected
}

// openText pushes a text view of ref and starts fetching its text.
func (m *Model) openText(ref model.Ref, mode textMode) tea.Cmd {
	v := &view{ref: ref, text: newTextView(mode, &m.st)}
	if m.cluster != nil {
		v.seen = lookup(m.cluster, ref)
	}
	m.stack = append(m.stack, v)
	m.arrange()
	return m.fetch(v)
}

// showMode switches an open text view to another mode of the same object.
func (m *Model) showMode(v *view, mode textMode) tea.Cmd {
	v.text.mode = mode
	v.text.setSearch("")
	v.text.vp.SetContent("")
	v.text.vp.GotoTop()
	return m.fetch(v)
}

// fetch asks Details for the view's text in a command, off the update
// loop. Components are not Kubernetes objects: their page is drawn from
// the snapshot here.
func (m *Model) fetch(v *view) tea.Cmd {
	m.seq++
	tv := v.text
	tv.seq, tv.loading, tv.err = m.seq, true, ""
	if m.cluster != nil {
		tv.fetchedAt = m.cluster.BuiltAt
	}
	ref, mode, seq, d := v.ref, tv.mode, tv.seq, m.details

	if ref.Kind == kindComponent {
		comp, _ := v.seen.(model.Component)
		if mode != modeDescribe {
			m.gotDetail(detailMsg{seq: seq, err: fmt.Errorf("%s is not a Kubernetes "+
				"object: it has no %s; d shows its evidence", ref.Name, mode)})
			return nil
		}
		m.gotDetail(detailMsg{seq: seq, text: componentText(comp)})
		return nil
	}
	if ref.Kind == kindCluster {
		redrawCompare(v, tv.vp.Width())
		return nil
	}
	if ref.Kind == kindFinding {
		m.gotDetail(findingDetail(v, mode, seq))
		return nil
	}
	if d == nil {
		m.gotDetail(detailMsg{seq: seq, err: fmt.Errorf("this source cannot show %s", mode)})
		return nil
	}
	var now time.Time
	if m.cluster != nil {
		now = m.cluster.BuiltAt
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), fetchTimeout)
		defer cancel()
		text, err := fetchText(ctx, d, ref, mode, now)
		return detailMsg{seq: seq, text: text, err: err}
	}
}

func fetchText(ctx context.Context, d Details, ref model.Ref, mode textMode,
	now time.Time) (string, error) {
	switch mode {
	case modeYAML:
		return d.YAML(ctx, ref)
	case modeEvents:
		events, err := d.Events(ctx, ref)
		if err != nil {
			return "", err
		}
		return eventsText(ref, events, now), nil
	}
	return d.Describe(ctx, ref)
}

// gotDetail puts a fetch's answer in the view that asked for it, keeping
// the scroll position and the search, so that a live update does not
// throw the reader back to the top.
func (m *Model) gotDetail(msg detailMsg) {
	v := m.top()
	if v == nil || v.text == nil || v.text.seq != msg.seq {
		return
	}
	tv := v.text
	tv.loading = false
	if msg.err != nil {
		tv.err = "error: " + sanitize.Line(msg.err.Error())
		tv.vp.SetContent("")
		return
	}
	tv.err = ""
	text := strings.TrimRight(sanitize.Text(msg.text), "\n")
	tv.vp.SetContent(strings.ReplaceAll(text, "\t", "    "))
	tv.setSearch(tv.query)
}

// setSearch highlights every match of q, ignoring case; "" clears it.
func (tv *textView) setSearch(q string) {
	tv.query, tv.matches = q, 0
	tv.vp.ClearHighlights()
	if q == "" {
		return
	}
	re := regexp.MustCompile("(?i)" + regexp.QuoteMeta(q))
	found := re.FindAllStringIndex(tv.vp.GetContent(), maxMatches)
	tv.matches = len(found)
	tv.vp.SetHighlights(found)
}

// eventsText lays events out as kubectl lists them, newest first, their
// ages seen from the snapshot's time.
func eventsText(ref model.Ref, events []model.Event, now time.Time) string {
	if len(events) == 0 {
		return "No events about " + ref.String() + ".\n"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-6s  %-8s  %-24s  %-22s  %5s  %s\n", "LAST", "TYPE", "REASON", "FROM",
		"COUNT", "MESSAGE")
	for _, e := range sortedEvents(events) {
		fmt.Fprintf(&b, "%-6s  %-8s  %-24s  %-22s  %5d  %s\n", age(now, e.Last),
			sanitize.Line(e.Type), sanitize.Line(e.Reason), sanitize.Line(e.Source), e.Count,
			sanitize.Line(e.Message))
	}
	return b.String()
}

// sortedEvents is a copy of events, newest first.
func sortedEvents(events []model.Event) []model.Event {
	out := slices.Clone(events)
	slices.SortStableFunc(out, func(a, b model.Event) int { return b.Last.Compare(a.Last) })
	return out
}

// componentText is a component's detail: who runs it and the evidence.
func componentText(c model.Component) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Name:       %s\n", sanitize.Line(c.Name))
	fmt.Fprintf(&b, "State:      %s\n", orDash(string(c.State)))
	fmt.Fprintf(&b, "Version:    %s\n", orDash(sanitize.Line(c.Version)))
	fmt.Fprintf(&b, "Auto Mode:  %v\n", c.AutoMode)
	b.WriteString("Evidence:\n")
	for _, e := range c.Evidence {
		fmt.Fprintf(&b, "  - %s\n", sanitize.Line(e))
	}
	if len(c.Evidence) == 0 {
		b.WriteString("  <none>\n")
	}
	return b.String()
}
