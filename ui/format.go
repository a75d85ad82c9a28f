package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// ellipsis marks text cut to fit a column.
const ellipsis = "…"

// cellWidth is the width of s in terminal cells. Names are nearly always
// ASCII, so the fast path skips the grapheme scan that wide characters and
// emoji need.
func cellWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] == 0x1b {
			return ansi.StringWidth(s)
		}
	}
	return len(s)
}

// fit pads or cuts s to exactly w cells, aligned left or right. A cut ends
// in an ellipsis so that a reader knows the name goes on.
func fit(s string, w int, right bool) string {
	if w <= 0 {
		return ""
	}
	n := cellWidth(s)
	if n > w {
		s = ansi.Truncate(s, w, ellipsis)
		n = cellWidth(s)
	}
	if n == w {
		return s
	}
	if right {
		return strings.Repeat(" ", w-n) + s
	}
	return s + strings.Repeat(" ", w-n)
}

// writeFit is fit written into b, without building the cell's string when
// it fits as it is, which nearly every cell does.
func writeFit(b *strings.Builder, s string, w int, right bool) {
	n := cellWidth(s)
	if w <= 0 || n > w {
		b.WriteString(fit(s, w, right))
		return
	}
	pad := func() {
		for range w - n {
			b.WriteByte(' ')
		}
	}
	if right {
		pad()
	}
	b.WriteString(s)
	if !right {
		pad()
	}
}

// fitWords is fit for prose such as a stuck claim's reason: a cut falls
// between words, so that no word shows half of itself. A single word too
// long for the column is still cut, with the ellipsis saying so.
func fitWords(s string, w int) string {
	if w <= 1 || cellWidth(s) <= w {
		return fit(s, w, false)
	}
	const breaks = " :;,"
	prefix := ansi.Truncate(s, w-1, "")
	atBreak := len(prefix) < len(s) && strings.ContainsRune(breaks, rune(s[len(prefix)]))
	if i := strings.LastIndexAny(prefix, breaks); !atBreak && i > 0 {
		prefix = prefix[:i]
	}
	return fit(strings.TrimRight(prefix, breaks)+ellipsis, w, false)
}

// clipLine cuts a line, styled or not, to w cells. Every line of the screen
// passes through it, so no row can wrap whatever a column held.
func clipLine(s string, w int) string {
	if cellWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "")
}

// age says how long ago t was, seen from the snapshot's time rather than
// the wall clock, so that the screen changes only when a snapshot does.
func age(now, t time.Time) string { return ageOf(now, t).String() }

// ageSpan is an age as a column shows it: a count of one unit, seconds
// up to two minutes, then minutes, hours and days. Rows compare spans to
// know whether their age cell would change. The zero span is unknown.
type ageSpan struct {
	n    int
	unit byte
}

func ageOf(now, t time.Time) ageSpan {
	if t.IsZero() || now.IsZero() {
		return ageSpan{}
	}
	d := now.Sub(t)
	switch {
	case d < 0:
		return ageSpan{0, 's'}
	case d < 2*time.Minute:
		return ageSpan{int(d.Seconds()), 's'}
	case d < 2*time.Hour:
		return ageSpan{int(d.Minutes()), 'm'}
	case d < 48*time.Hour:
		return ageSpan{int(d.Hours()), 'h'}
	}
	return ageSpan{int(d.Hours() / 24), 'd'}
}

func (a ageSpan) String() string {
	if a.unit == 0 {
		return "-"
	}
	return strconv.Itoa(a.n) + string(a.unit)
}

// cell is the age column's cell for an object created at t. It sorts by
// the creation time, the latest first, rather than by the age: the order
// is the same, and it stays the same from one snapshot to the next. An
// unknown time sorts first, as an age of nothing would.
func (a ageSpan) cell(t time.Time) cell {
	c := cell{text: a.String()}
	if !t.IsZero() {
		c.order = -float64(t.Unix()) - float64(t.Nanosecond())/1e9
	} else {
		c.order = math.Inf(-1)
	}
	return c
}

// ageCell is an age column's cell.
func ageCell(now, t time.Time) cell { return ageOf(now, t).cell(t) }

// cores writes CPU millicores as kubectl's quantities do: whole cores when
// round, millicores below one core, one decimal otherwise.
func cores(millis int64) string {
	switch {
	case millis%1000 == 0:
		return fmt.Sprintf("%d", millis/1000)
	case millis < 1000:
		return fmt.Sprintf("%dm", millis)
	}
	return fmt.Sprintf("%.1f", float64(millis)/1000)
}

// bytesIEC writes a memory size in the binary units Kubernetes uses.
func bytesIEC(b int64) string {
	const (
		mi = 1 << 20
		gi = 1 << 30
		ti = 1 << 40
	)
	switch {
	case b >= ti:
		return trimZero(fmt.Sprintf("%.1f", float64(b)/ti)) + "Ti"
	case b >= gi:
		return trimZero(fmt.Sprintf("%.1f", float64(b)/gi)) + "Gi"
	case b >= mi:
		return fmt.Sprintf("%dMi", b/mi)
	case b == 0:
		return "0"
	}
	return fmt.Sprintf("%dKi", (b+1023)/1024)
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }

// usedOf is a "requested/limit" cell. A pool without a limit shows "-" as
// the limit; a pool at 90% of its limit or more is marked in words too.
func usedOf(used, limit int64, format func(int64) string) cell {
	c := cell{order: float64(used)}
	if limit <= 0 {
		c.text = format(used) + "/-"
		return c
	}
	c.text = format(used) + "/" + format(limit)
	switch pct := used * 100 / limit; {
	case pct >= 100:
		c.text += " full"
		c.tone = toneBad
	case pct >= 90:
		c.tone = toneWarn
	}
	return c
}

// status turns a condition status into a word and a tone. good says which
// status is the healthy one: True for Ready, False for Drifted.
func status(s string, good string) cell {
	switch s {
	case "":
		return cell{text: "-", tone: toneMuted}
	case model.StatusUnknown:
		return cell{text: "unknown", tone: toneWarn, order: 1}
	case good:
		return cell{text: yesNo(s), tone: toneGood, order: 0}
	}
	return cell{text: yesNo(s), tone: toneBad, order: 2}
}

func yesNo(s string) string {
	if s == model.StatusTrue {
		return "yes"
	}
	return "no"
}

// orDash keeps empty fields visible as a dash, as kubectl prints <none>.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
