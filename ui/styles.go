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

// span is a style for one line of text, kept as the escape sequences that
// open and close it. Rendering is then two concatenations rather than a
// Lip Gloss Render, which measures and pads: a frame styles dozens of
// titles, headers and cursor rows.
type span struct{ open, close string }

// spanOf takes a Lip Gloss style's sequences once.
func spanOf(st lipgloss.Style) span {
	open, close, _ := strings.Cut(st.Render("x"), "x")
	return span{open, close}
}

// Render wraps one line of text in the style.
func (s span) Render(text string) string {
	if s.open == "" {
		return text
	}
	return s.open + text + s.close
}

// styles is every style the screen uses, built once for a background and
// for colour on or off, so that rendering never decides colours.
type styles struct {
	title, titleFocused, columns span
	cursor, cursorBlur           span
	tab, tabActive, key, hint    span
	brand, problem, crumb        span
	// lipgloss keeps the styles the Bubbles help and viewport take:
	// keys, hints and plain text, and the marks of search matches.
	lipgloss struct{ key, hint, plain, match, matchSelected lipgloss.Style }
	// separator is the column between two panels, styled once here
	// rather than on each of the screen's lines.
	separator string

	// colour is false when NO_COLOR or Options.NoColor turned colour off.
	colour bool
	// open and close are each tone's escape sequences, so that painting
	// a cell costs no Render either: a frame paints hundreds of cells.
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
	bold := plain.Bold(true)
	fg := func(st lipgloss.Style, t tone) lipgloss.Style {
		if noColor {
			return st
		}
		return st.Foreground(colour(t))
	}

	var s styles
	s.colour = !noColor
	s.title = spanOf(bold)
	s.titleFocused = spanOf(fg(bold, toneAccent).Reverse(true))
	s.columns = spanOf(fg(bold, toneMuted))
	s.cursor = spanOf(plain.Reverse(true))
	s.cursorBlur = spanOf(bold)
	s.tab = spanOf(plain)
	s.tabActive = spanOf(bold.Reverse(true))
	s.brand = spanOf(fg(bold, toneAccent))
	s.problem = spanOf(fg(bold, toneBad))
	s.crumb = spanOf(fg(bold, toneAccent))

	lg := &s.lipgloss
	lg.key, lg.hint, lg.plain = fg(bold, toneAccent), fg(plain, toneMuted), plain
	lg.match = plain.Reverse(true)
	lg.matchSelected = fg(bold.Reverse(true), toneWarn)
	if noColor {
		lg.matchSelected = lg.matchSelected.Underline(true)
	}
	s.key, s.hint = spanOf(lg.key), spanOf(lg.hint)
	s.separator = s.hint.Render("│")

	if s.colour {
		for t := toneGood; t < toneCount; t++ {
			sp := spanOf(plain.Foreground(colour(t)))
			s.open[t], s.close[t] = sp.open, sp.close
		}
	}
	return s
}

// paint styles text in a tone; the plain tone costs nothing.
func (s *styles) paint(t tone, text string) string {
	if !s.colour || t == toneNone || t >= toneCount {
		return text
	}
	return s.open[t] + text + s.close[t]
}
