package sanitize_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
)

func TestLine(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain text is kept", "ip-10-0-1-5.ec2.internal", "ip-10-0-1-5.ec2.internal"},
		{"wide characters are kept", "ノード-🚀", "ノード-🚀"},
		{"emoji joiner is kept", "👩‍💻", "👩‍💻"},
		{"CSI colour is removed", "\x1b[31mred\x1b[0m", "red"},
		{"CSI cursor move is removed", "a\x1b[2J\x1b[Hb", "ab"},
		{"OSC title ended by BEL is removed", "\x1b]0;pwned\x07name", "name"},
		{"OSC 52 clipboard write is removed", "x\x1b]52;c;ZWNobyBoaQ==\x1b\\y", "xy"},
		{"DCS is removed", "\x1bPq#0;2;0;0;0\x1b\\ok", "ok"},
		{"8-bit CSI is removed", "a\u009b31mb", "ab"},
		{"8-bit OSC is removed", "a\u009d0;t\u009cb", "ab"},
		{"other C1 controls are removed", "a\u0085b", "ab"},
		{"NUL and BEL are removed", "a\x00b\x07c", "abc"},
		{"bidi override is removed", "abc\u202edcba", "abcdcba"},
		{"bidi isolate is removed", "\u2067x\u2069", "x"},
		{"newline becomes a space", "line1\nline2\r\n", "line1 line2  "},
		{"tab becomes a space", "a\tb", "a b"},
		{"invalid UTF-8 is dropped", "a\xffb", "ab"},
		{"unterminated CSI runs to the end", "ok\x1b[12", "ok"},
		{"unterminated OSC runs to the end", "ok\x1b]0;title", "ok"},
		{"lone ESC is removed", "ok\x1b", "ok"},
		{"two-byte escape is removed", "a\x1bcb", "ab"},
		{"DEL is removed", "a\x7fb", "ab"},
		{"SOS is removed", "a\x1bXhidden\x1b\\b", "ab"},
		{"PM is removed", "a\x1b^hidden\x07b", "ab"},
		{"APC is removed", "a\x1b_Gf=100;AAAA\x1b\\b", "ab"},
		{"8-bit DCS, SOS, PM and APC are removed",
			"a\u0090q\u009cb\u0098x\u009cc\u009ex\u009cd\u009fx\u009ce", "abcde"},
		{"OSC 52 ended by the 8-bit ST is removed", "x\x1b]52;c;ZWNobw==\u009cy", "xy"},
		{"8-bit OSC 52 is removed", "x\u009d52;c;ZWNobw==\x07y", "xy"},
		{"OSC 8 hyperlink is removed, its text kept",
			"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"backspace is removed", "abc\b\b\bxyz", "abcxyz"},
		{"every C0 control is removed", "a\x01\x02\x03\x04\x05\x06\x0e\x0f\x10\x1a\x1cb",
			"ab"},
		{"every bidi override and isolate is removed",
			"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061cok",
			"ok"},
		{"invisible format characters are removed", "a\u200bb\ufeffc\u2060d", "abcd"},
		{"Unicode line separators become spaces", "a\u2028b\u2029c", "a b c"},
		{"a raw 8-bit CSI byte is dropped", "a\x9b2Jb", "a2Jb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitize.Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"newlines and tabs are kept, CR and escapes removed",
			"spec:\n\trole: x\x1b[1m\r\n", "spec:\n\trole: x\n"},
		{"an OSC 52 spanning lines is removed whole",
			"a\n\x1b]52;c;ZWNo\nbw==\x07\nb", "a\n\nb"},
		{"a carriage return cannot overwrite a line", "safe\rEVIL", "safeEVIL"},
		{"Unicode line separators become newlines", "a\u2028b", "a\nb"},
		{"bidi overrides are removed", "x := \u202e1 // \u2066", "x := 1 // "},
		{"clean text is returned as it is", "Name: web\n  Ready\tTrue\n",
			"Name: web\n  Ready\tTrue\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitize.Text(tt.in); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzLineIsPrintable(f *testing.F) {
	f.Add("\x1b]52;c;AAAA\x07")
	f.Add("a\u009b1;2Hb\u202e")
	f.Fuzz(func(t *testing.T, s string) {
		out := sanitize.Line(s)
		if r, bad := unsafeOutput(out); bad {
			t.Fatalf("Line(%q) = %q keeps %U", s, out, r)
		}
		if sanitize.Line(out) != out {
			t.Fatalf("Line is not idempotent on %q", s)
		}
	})
}

// unsafeOutput finds a character no sanitised text may hold: C0 but the
// kept layout characters, DEL, C1, bidi controls, invisible format
// characters and the line separators.
func unsafeOutput(out string, keep ...rune) (rune, bool) {
	for _, r := range out {
		if slices.Contains(keep, r) {
			continue
		}
		switch {
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r == utf8.RuneError,
			r == 0x2028, r == 0x2029:
			return r, true
		case unicode.Is(unicode.Cf, r) && r != 0x200d:
			return r, true
		}
	}
	return 0, false
}

func FuzzTextIsPrintable(f *testing.F) {
	f.Add("spec:\n\t\x1b]52;c;AAAA\x1b\\x\r\n")
	f.Add("\u2067\u0090q\u009c\n")
	f.Fuzz(func(t *testing.T, s string) {
		out := sanitize.Text(s)
		if r, bad := unsafeOutput(out, '\n', '\t'); bad {
			t.Fatalf("Text(%q) = %q keeps %U", s, out, r)
		}
		if sanitize.Text(out) != out {
			t.Fatalf("Text is not idempotent on %q", s)
		}
		if strings.Count(out, "\n") > strings.Count(s, "\n")+
			strings.Count(s, "\u2028")+strings.Count(s, "\u2029") {
			t.Fatalf("Text(%q) = %q adds line breaks", s, out)
		}
	})
}

func BenchmarkLineClean(b *testing.B) {
	for b.Loop() {
		sanitize.Line("ip-192-168-12-34.ap-northeast-1.compute.internal")
	}
}
