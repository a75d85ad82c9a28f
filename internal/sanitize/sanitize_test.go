package sanitize_test

import (
	"testing"

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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sanitize.Line(tt.in); got != tt.want {
				t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTextKeepsLayout(t *testing.T) {
	in := "spec:\n\trole: x\x1b[1m\r\n"
	if got, want := sanitize.Text(in), "spec:\n\trole: x\n"; got != want {
		t.Errorf("Text(%q) = %q, want %q", in, got, want)
	}
}

func FuzzLineIsPrintable(f *testing.F) {
	f.Add("\x1b]52;c;AAAA\x07")
	f.Add("a\u009b1;2Hb\u202e")
	f.Fuzz(func(t *testing.T, s string) {
		out := sanitize.Line(s)
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0x202e {
				t.Fatalf("Line(%q) = %q keeps control %U", s, out, r)
			}
		}
		if sanitize.Line(out) != out {
			t.Fatalf("Line is not idempotent on %q", s)
		}
	})
}

func BenchmarkLineClean(b *testing.B) {
	for b.Loop() {
		sanitize.Line("ip-192-168-12-34.ap-northeast-1.compute.internal")
	}
}
