package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/internal/hostiletest"
	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	env := apitest.StartWithoutCRDs(t)
	huge := hostiletest.Create(t, env)
	log := filepath.Join(t.TempDir(), "automode.log")
	base := []string{"--kubeconfig", env.Kubeconfig, "--log-file", log}

	t.Run("get tables hold no raw control character", func(t *testing.T) {
		for _, r := range []string{"nodes", "nodepools", "nodeclaims", "nodeclasses",
			"components"} {
			for _, o := range []string{"table", "wide"} {
				out, errOut, code := run(t, append(base, "get", r, "-o", o)...)
				if code != 0 {
					t.Fatalf("get %s -o %s: exit %d: %s", r, o, code, errOut)
				}
				for name, text := range map[string]string{"stdout": out, "stderr": errOut} {
					if c, at, bad := hostiletest.RawControl(text, "\n"); bad {
						t.Errorf("get %s -o %s: %s holds %U at byte %d:\n%q", r, o, name, c,
							at, text)
					}
				}
			}
		}
	})

	t.Run("a huge value is cut in a table", func(t *testing.T) {
		out, _, _ := run(t, append(base, "get", "nodeclaims", "-o", "wide")...)
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "hostile-claim") {
				if !strings.Contains(line, "…") || utf8.RuneCountInString(line) > 1000 {
					t.Errorf("the 30 KB message is not cut: %d runes", utf8.RuneCountInString(line))
				}
				return
			}
		}
		t.Errorf("no hostile-claim row:\n%s", out)
	})

	t.Run("JSON keeps every value exactly", func(t *testing.T) {
		out, errOut, code := run(t, append(base, "get", "nodeclaims", "-o", "json")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		claim := byName(items(t, out))["hostile-claim"]
		conds, _ := claim["conditions"].([]any)
		if len(conds) != 2 {
			t.Fatalf("hostile-claim conditions = %v", claim["conditions"])
		}
		first := conds[0].(map[string]any)
		if first["message"] != huge || first["reason"] != hostiletest.Text["c1"] ||
			claim["nodeName"] != hostiletest.Text["csi"] {
			t.Errorf("the JSON changed the cluster's text: reason %q nodeName %q",
				first["reason"], claim["nodeName"])
		}
		pools, _, _ := run(t, append(base, "get", "nodepools", "-o", "json")...)
		byPool := byName(items(t, pools))
		for _, name := range []string{"hostile", "wrongtypes", "nothing"} {
			if byPool[name] == nil {
				t.Errorf("pool %s is not shown", name)
			}
		}
		ref, _ := byPool["hostile"]["nodeClassRef"].(map[string]any)
		if ref["name"] != hostiletest.All() {
			t.Errorf("nodeClassRef.name = %q, want the exact hostile text", ref["name"])
		}
	})

	t.Run("fields of the wrong type are logged", func(t *testing.T) {
		data, err := os.ReadFile(log)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "wrong type") ||
			!strings.Contains(string(data), "wrongtypes") ||
			!strings.Contains(string(data), "spec.weight is a string, not a number") {
			t.Errorf("the log does not name the pool's wrong types:\n%s", data)
		}
	})

	t.Run("detail views hold no raw control character", func(t *testing.T) {
		clients, err := kube.NewClients(env.Config)
		if err != nil {
			t.Fatal(err)
		}
		d := kube.NewDetails(clients)
		for _, ref := range []model.Ref{{Kind: "NodeClaim", Name: "hostile-claim"},
			{Kind: "NodePool", Name: "hostile"}, {Kind: "NodePool", Name: "wrongtypes"},
			{Kind: "NodeClass", Name: "hostile-class"}, {Kind: "Node", Name: "ip-hostile"}} {
			describe, err := d.Describe(t.Context(), ref)
			if err != nil {
				t.Errorf("describe %s: %v", ref, err)
			}
			yaml, err := d.YAML(t.Context(), ref)
			if err != nil {
				t.Errorf("YAML of %s: %v", ref, err)
			}
			events, err := d.Events(t.Context(), ref)
			if err != nil {
				t.Errorf("events of %s: %v", ref, err)
			}
			evJSON, _ := json.Marshal(events)
			var texts []string
			for _, e := range events {
				texts = append(texts, e.Type, e.Reason, e.Message, e.Source)
			}
			for name, text := range map[string]string{"describe": describe, "YAML": yaml,
				"events": strings.Join(texts, "|")} {
				if c, at, bad := hostiletest.RawControl(text, "\n\t"); bad {
					t.Errorf("%s of %s holds %U at byte %d", name, ref, c, at)
				}
			}
			if ref.Kind == "NodeClaim" && (len(events) != 1 ||
				!strings.Contains(describe, "clip")) {
				t.Errorf("the claim's page lost its text: events %s", evJSON)
			}
		}
	})
}
