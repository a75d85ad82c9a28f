package ui

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// tone is what a cell's colour says. Colour only repeats what the cell's
// own word says ("no", "full", "built-in"), so a screen without colour, or
// a reader who cannot tell red from green, loses nothing.
type tone uint8

const (
	toneNone tone = iota
	toneGood
	toneWarn
	toneBad
	toneMuted
	toneAccent
	toneCount
)

// palette holds one colour per tone for light and for dark backgrounds.
// The pairs are chosen to keep at least 4.5:1 contrast on white and on a
// near-black background.
var palette = [toneCount][2]string{
	toneGood:   {"#116329", "#56d364"},
	toneWarn:   {"#7d4e00", "#e3b341"},
	toneBad:    {"#a40e26", "#ff7b72"},
	toneMuted:  {"#57606a", "#8b949e"},
	toneAccent: {"#0550ae", "#79c0ff"},
}

// styles is every style the screen uses, built once for a background and
// for colour on or off, so that rendering never decides colours.
type styles struct {
	tones [toneCount]lipgloss.Style

	title        lipgloss.Style
	titleFocused lipgloss.Style
	columns      lipgloss.Style
	cursor       lipgloss.Style
	cursorBlur   lipgloss.Style
	tab          lipgloss.Style
	tabActive    lipgloss.Style
	key          lipgloss.Style
	hint         lipgloss.Style
	brand        lipgloss.Style
	problem      lipgloss.Style
	plain        lipgloss.Style
	crumb        lipgloss.Style
	// match and matchSelected mark search matches in a text view.
	match         lipgloss.Style
	matchSelected lipgloss.Style
	separator     string

	// colour is false when NO_COLOR or Options.NoColor turned colour off.
	colour bool
	// open and close are each tone's escape sequences, taken from its
	// Lip Gloss style once, so that painting a cell is two concatenations
	// rather than a Render: a frame paints hundreds of cells.
	open, close [toneCount]string
}

// newStyles builds the styles. Without colour, the cursor and the active
// tab still stand out through reverse video, and headings through bold.
func newStyles(noColor, dark bool) styles {
	pick := lipgloss.LightDark(dark)
	colour := func(t tone) color.Color {
		return pick(lipgloss.Color(palette[t][0]), lipgloss.Color(palette[t][1]))
	}
	plain := lipgloss.NewStyle()

	var s styles
	s.title = plain.Bold(true)
	s.titleFocused = plain.Bold(true).Reverse(true)
	s.columns = plain.Bold(true)
	s.cursor = plain.Reverse(true)
	s.cursorBlur = plain.Bold(true)
	s.tab = plain
	s.tabActive = plain.Bold(true).Reverse(true)
	s.key = plain.Bold(true)
	s.hint = plain
	s.brand = plain.Bold(true)
	s.problem = plain.Bold(true)
	s.plain = plain
	s.crumb = plain.Bold(true)
	s.match = plain.Reverse(true)
	s.matchSelected = plain.Reverse(true).Bold(true).Underline(true)
	s.separator = "│"
	if noColor {
		return s
	}
	s.colour = true

	for t := toneGood; t < toneCount; t++ {
		s.tones[t] = plain.Foreground(colour(t))
		s.open[t], s.close[t], _ = strings.Cut(s.tones[t].Render("x"), "x")
	}
	s.columns = s.columns.Foreground(colour(toneMuted))
	s.titleFocused = plain.Bold(true).Foreground(colour(toneAccent)).Reverse(true)
	s.key = s.key.Foreground(colour(toneAccent))
	s.hint = s.hint.Foreground(colour(toneMuted))
	s.brand = s.brand.Foreground(colour(toneAccent))
	s.problem = s.problem.Foreground(colour(toneBad))
	s.crumb = s.crumb.Foreground(colour(toneAccent))
	s.matchSelected = plain.Bold(true).Reverse(true).Foreground(colour(toneWarn))
	return s
}

// paint styles text in a tone; the plain tone costs nothing.
func (s *styles) paint(t tone, text string) string {
	if !s.colour || t == toneNone || t >= toneCount {
		return text
	}
	return s.open[t] + text + s.close[t]
}
