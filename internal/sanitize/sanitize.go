// Package sanitize makes text from the cluster safe to draw on a terminal.
//
// Anyone who may create a pod, label a node or write an event can put bytes
// in front of the user: an escape sequence that moves the cursor, retitles
// the window or, with OSC 52, writes the clipboard. Every string that came
// from the API server passes through Line or Text before it is printed or
// drawn, so that what reaches the terminal is only printable text.
package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Line returns s as one line of printable text: escape sequences and
// control characters are removed, and line breaks and tabs become spaces,
// so that a value cannot break a table row.
func Line(s string) string {
	return clean(s, false)
}

// Text returns s with escape sequences and control characters removed, but
// newlines and tabs kept, for multi-line views such as YAML and describe.
func Text(s string) string {
	return clean(s, true)
}

// clean scans s once. The fast path returns s itself when it is already
// clean, which is nearly always, so that sanitising costs no allocation.
func clean(s string, multiline bool) string {
	if isClean(s, multiline) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			i += escapeLength(s[i:])
			continue
		case r >= 0x80 && r <= 0x9f && size == 2:
			// A C1 control: CSI, OSC, DCS and the rest have 8-bit forms.
			i += c1Length(r, s[i+size:]) + size
			continue
		case r == utf8.RuneError && size == 1:
			// Not UTF-8: drop the byte rather than guess at an encoding.
		case r == '\n' || r == '\t' || r == '\r' || r == lineSeparator ||
			r == paragraphSeparator:
			switch {
			case multiline && (r == '\n' || r == '\t'):
				b.WriteRune(r)
			case multiline && r != '\r':
				b.WriteByte('\n')
			case !multiline:
				b.WriteByte(' ')
			}
		case unsafeRune(r):
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func isClean(s string, multiline bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f {
			if multiline && (c == '\n' || c == '\t') {
				continue
			}
			return false
		}
		if c >= 0x80 {
			return isCleanUnicode(s[i:])
		}
	}
	return true
}

func isCleanUnicode(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError || unsafeRune(r) || (r < 0x20 && r != '\n' && r != '\t') {
			return false
		}
		if r >= 0x80 && r <= 0x9f {
			return false
		}
	}
	return true
}

// The Unicode line and paragraph separators break a line in some
// terminals and not in others; they become plain line breaks.
const (
	lineSeparator      = '\u2028'
	paragraphSeparator = '\u2029'
)

// unsafeRune reports the characters that are not escape sequences but
// still change how a terminal shows the text around them: C0 and DEL,
// bidirectional overrides and isolates (which reorder what follows, the
// "Trojan Source" trick), and other invisible format characters.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f,
		r == 0x061c:
		return true
	case r == lineSeparator, r == paragraphSeparator:
		return true
	}
	return unicode.Is(unicode.Cf, r) && r != 0x200d // keep ZWJ, which joins emoji
}

// escapeLength is the length in bytes of the escape sequence at the start
// of s, which begins with ESC. An unterminated sequence runs to the end.
func escapeLength(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters and intermediates, then one final byte
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: a string to ST or BEL
		return 2 + stringLength(s[2:])
	}
	// A two-byte escape (ESC c, ESC 7 ...), or ESC + intermediates + final.
	i := 1
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) {
		i++
	}
	return i
}

// c1Length is how many bytes after an 8-bit C1 control belong to it.
func c1Length(r rune, rest string) int {
	switch r {
	case 0x9b: // CSI
		for i := 0; i < len(rest); i++ {
			if rest[i] >= 0x40 && rest[i] <= 0x7e {
				return i + 1
			}
		}
		return len(rest)
	case 0x9d, 0x90, 0x98, 0x9e, 0x9f: // OSC, DCS, SOS, PM, APC
		return stringLength(rest)
	}
	return 0
}

// stringLength finds the end of a control string: BEL, ESC \ or the 8-bit
// ST (U+009C), counting the terminator.
func stringLength(s string) int {
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
			return i + 2
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		}
	}
	return len(s)
}
