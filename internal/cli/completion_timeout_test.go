package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCompletionGivesUpOnASilentServer points completion at an API server
// that never answers: it must return no names once its timeout passes.
func TestCompletionGivesUpOnASilentServer(t *testing.T) {
	stop := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	t.Cleanup(silent.Close)
	t.Cleanup(func() { close(stop) }) // runs first, so that Close need not wait
	kubeconfig := filepath.Join(t.TempDir(), "kubeconfig")
	if err := os.WriteFile(kubeconfig, []byte(fmt.Sprintf(`apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: %q}}]
users: [{name: u, user: {}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`, silent.URL)), 0o600); err != nil {
		t.Fatal(err)
	}

	old := completionTimeout
	completionTimeout = 200 * time.Millisecond
	t.Cleanup(func() { completionTimeout = old })

	type result struct {
		out  string
		code int
	}
	done := make(chan result, 1)
	go func() {
		out, _, code := runCommand(t, "__complete", "--kubeconfig", kubeconfig, "get", "nodes", "")
		done <- result{out, code}
	}()
	select {
	case r := <-done:
		if r.code != 0 || strings.TrimSpace(r.out) != ":4" {
			t.Errorf("exit %d, output %q; want no names and :4", r.code, r.out)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("completion did not give up on a server that never answers")
	}
}
