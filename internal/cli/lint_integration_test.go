package cli_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/yaml"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// celRules maps the messages of Auto Mode's two CEL rules on a NodePool
// (facts sheet §2b) to the lint rules that mirror them. The lifetime rule
// also rejects, with its own message, a duration it cannot evaluate; lint
// calls that nodepool-duration-invalid.
var celRules = map[string][]string{
	"expireAfter may not be set to Never": {model.RuleExpireNever},
	"may not exceed 21 days":              {model.RuleLifetimeOver21d, model.RuleDurationInvalid},
}

// TestLintAgreesWithTheAPIServer creates every manifest of
// testdata/crosscheck on a real API server with the Auto Mode CRDs (as a
// dry run) and lints it. A manifest the CEL rules reject must be an error
// for the rule that mirrors them; one the server accepts must raise no
// error from those two rules. Beyond that, every manifest of this set that
// the server rejects for any reason must be an error for lint.
func TestLintAgreesWithTheAPIServer(t *testing.T) {
	env := apitest.Start(t)
	files, err := filepath.Glob(filepath.Join("testdata", "crosscheck", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cross-check manifests: %v", err)
	}

	var byCEL, accepted int
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			serverErr := dryRunCreate(t, env, file)
			errs := lintErrors(t, file)

			if serverErr == nil {
				accepted++
				for _, rules := range celRules {
					for _, rule := range rules {
						if errs[rule] {
							t.Errorf("the server accepts it, but lint reports %s", rule)
						}
					}
				}
				return
			}
			t.Logf("server: %v", serverErr)
			for text, rules := range celRules {
				if !strings.Contains(serverErr.Error(), text) {
					continue
				}
				byCEL++
				if !slices.ContainsFunc(rules, func(r string) bool { return errs[r] }) {
					t.Errorf("the CEL rule rejects it (%q), lint has no %v error (has %v)",
						text, rules, errs)
				}
			}
			if len(errs) == 0 {
				t.Errorf("the server rejects it, lint reports no error")
			}
		})
	}
	if byCEL < 5 || accepted < 5 {
		t.Errorf("%d manifests rejected by the CEL rules and %d accepted; the set needs "+
			"at least 5 of each to mean anything", byCEL, accepted)
	}
}

// dryRunCreate asks the API server to create the file's object without
// keeping it, and returns its answer.
func dryRunCreate(t *testing.T, env *apitest.Env, file string) error {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := yaml.YAMLToJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	obj := &unstructured.Unstructured{}
	if err := obj.UnmarshalJSON(raw); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	return env.Client().Create(ctx, obj, client.DryRunAll)
}

// lintErrors runs lint on the file and returns the rules of its errors.
func lintErrors(t *testing.T, file string) map[string]bool {
	t.Helper()
	out, errOut, _ := run(t, "lint", "-f", file, "-o", "json")
	var got struct {
		Items []struct{ Severity, Rule string } `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("lint output is not JSON (stderr %q): %v", errOut, err)
	}
	errs := map[string]bool{}
	for _, it := range got.Items {
		if it.Severity == string(model.SeverityError) {
			errs[it.Rule] = true
		}
	}
	return errs
}
