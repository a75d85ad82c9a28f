package cli_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeListsTheRoleRBACPrints keeps the README's ClusterRole the one
// `rbac` prints, so that what users are told to grant cannot drift from
// what the tool reads.
func TestReadmeListsTheRoleRBACPrints(t *testing.T) {
	role, errOut, code := run(t, "rbac")
	if code != 0 {
		t.Fatalf("rbac: exit %d: %s", code, errOut)
	}
	if !strings.Contains(role, "kind: ClusterRole") || strings.Contains(role, "create") {
		t.Fatalf("rbac printed no read-only ClusterRole:\n%s", role)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```yaml\n"+role+"```") {
		t.Errorf("README.md does not list the ClusterRole rbac prints; paste in:\n%s", role)
	}
}
