package cli_test

import (
	"strings"
	"testing"
)

// --demo-start pins the demo's clock, which make screenshots relies on:
// the objects are created relative to that instant, and their ages are
// read on the demo's clock rather than the wall clock, so a start long
// past still shows the demo's own ages.
func TestDemoStartPinsTheDemoClock(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	args := []string{"--demo", "--seed", "1", "--demo-start", "2026-01-01T09:00:00Z"}

	out, errOut, code := run(t, append(args, "get", "nodes", "-o", "json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	created := map[string]bool{}
	for _, n := range items(t, out) {
		created[n["created"].(string)] = true
	}
	if !created["2025-12-29T09:00:00Z"] {
		t.Errorf("no node was created three days before the start: %v", created)
	}
	again, _, _ := run(t, append(args, "get", "nodes", "-o", "json")...)
	if again != out {
		t.Error("two runs with the same --demo-start and --seed differ")
	}

	table, errOut, code := run(t, append(args, "get", "nodes")...)
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if code != 0 || len(lines) < 2 {
		t.Fatalf("exit %d, stderr %q, output:\n%s", code, errOut, table)
	}
	if fields := strings.Fields(lines[1]); fields[len(fields)-1] != "3d" {
		t.Errorf("the oldest node's age is %q, want 3d on the demo's clock:\n%s",
			fields[len(fields)-1], table)
	}
}

func TestDemoStartRefusesATimeItCannotRead(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	_, errOut, code := run(t, "--demo", "--demo-start", "yesterday", "get", "nodes")
	want := "error: --demo-start \"yesterday\": want an RFC 3339 time such as " +
		"2026-01-01T09:00:00Z\n"
	if code != 1 || errOut != want {
		t.Errorf("exit %d, stderr %q; want %q", code, errOut, want)
	}
}
