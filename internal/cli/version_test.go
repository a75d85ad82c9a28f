package cli_test

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"
)

// A test binary carries no module list, so clientGoVersion reads "unknown"
// here; release_test.go checks it in a real build.
func TestVersionJSONHasEveryField(t *testing.T) {
	out, errOut, code := run(t, "version", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("version -o json printed %q: %v", out, err)
	}
	for _, key := range []string{"version", "commit", "buildDate", "goVersion",
		"clientGoVersion", "platform"} {
		if got[key] == "" {
			t.Errorf("%s is empty in %s", key, out)
		}
	}
	if got["goVersion"] != runtime.Version() {
		t.Errorf("goVersion = %q, want %q", got["goVersion"], runtime.Version())
	}
	if got["platform"] != runtime.GOOS+"/"+runtime.GOARCH {
		t.Errorf("platform = %q", got["platform"])
	}
}

func TestVersionTextMatchesJSON(t *testing.T) {
	text, _, _ := run(t, "version")
	raw, _, _ := run(t, "version", "-o", "json")
	var v map[string]string
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		"kubectl-automode " + v["version"], "commit:     " + v["commit"],
		"built:      " + v["buildDate"], "go:         " + v["goVersion"],
		"client-go:  " + v["clientGoVersion"], "platform:   " + v["platform"],
	} {
		if !strings.Contains(text, line+"\n") {
			t.Errorf("version lacks the line %q:\n%s", line, text)
		}
	}
}

func TestVersionRefusesAnUnknownFormat(t *testing.T) {
	_, errOut, code := run(t, "version", "-o", "xml")
	if code != 1 || errOut != "error: unknown output format \"xml\"; use text or json\n" {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
