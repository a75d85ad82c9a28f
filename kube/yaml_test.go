package kube

import (
	"strings"
	"testing"
)

func TestMarshalYAMLEscapesControlCharacters(t *testing.T) {
	tests := []struct {
		name string
		in   any
		want string
	}{
		{"plain values read as kubectl writes them",
			map[string]any{"spec": map[string]any{"role": "r", "tags": []any{"a"}}},
			"spec:\n  role: r\n  tags:\n  - a\n"},
		{"an escape sequence is written escaped, not refused",
			map[string]any{"message": "\x1b]52;c;AAAA\x07x"},
			"message: \"\\e]52;c;AAAA\\ax\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := marshalYAML(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", out, tt.want)
			}
			if strings.ContainsRune(string(out), 0x1b) {
				t.Errorf("raw ESC in %q", out)
			}
		})
	}
}
