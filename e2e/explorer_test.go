// Package e2e_test runs the built binary the way a person does, in a
// terminal (tmux), against a real API server. It is a package of its own so
// that its build and run time count against no other package's time limit.
package e2e_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"k8s.io/client-go/tools/clientcmd"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
)

// screenWait bounds every wait for text on the tmux screen. Waits poll the
// screen and return as soon as the text shows.
const screenWait = 60 * time.Second

// tmuxSession is the built binary running in a detached tmux session on a
// server of its own, so that the test never touches the user's tmux.
type tmuxSession struct {
	t      *testing.T
	socket string
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket, "-f", "/dev/null"},
		args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", "e2e") }

// keys sends keys by tmux's names for them ("Enter", "Escape", "d").
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	s.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

// waitFor polls the screen until it shows every one of texts.
func (s *tmuxSession) waitFor(texts ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(screenWait)
	for {
		screen := s.screen()
		missing := ""
		for _, text := range texts {
			if !strings.Contains(screen, text) {
				missing = text
				break
			}
		}
		if missing == "" {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("the screen did not show %q within %v:\n%s", missing, screenWait, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// requireTmux skips without tmux, unless REQUIRE_ENVTEST=1 asks for every
// integration test to run.
func requireTmux(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err == nil {
		return
	}
	if ok, _ := strconv.ParseBool(os.Getenv("REQUIRE_ENVTEST")); ok {
		t.Fatal("tmux is not installed and REQUIRE_ENVTEST=1; install it (apt-get install tmux)")
	}
	t.Skip("tmux is not installed; the end-to-end UI test needs it (apt-get install tmux)")
}

// built is the binary the package's tests share: linking it takes most of
// a test's time on a small machine, so it is built once, on first use, and
// TestMain removes it.
var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// TestMain runs the tests and removes the shared binary.
func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// buildBinary builds kubectl-automode into a temporary directory once per
// test binary, or reports why it could not and returns "". It may run in
// a goroutine, so it does not end the test itself.
func buildBinary(t *testing.T) string {
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "kam-e2e-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "kubectl-automode")
		cmd := exec.Command("go", "build", "-o", built.bin,
			"github.com/kubectl-automode/kubectl-automode")
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("%w\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Errorf("building the binary: %v", built.err)
		return ""
	}
	return built.bin
}

// withSecondContext copies a kubeconfig and adds a context named second
// for the same server, for :ctx.
func withSecondContext(t *testing.T, path string) string {
	t.Helper()
	kc, err := clientcmd.LoadFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	first := *kc.Contexts[kc.CurrentContext]
	kc.Contexts["second"] = &first
	out := filepath.Join(t.TempDir(), "kubeconfig")
	if err := clientcmd.WriteToFile(*kc, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExplorerEndToEnd runs the binary in tmux against a real API server
// holding an Auto Mode cluster: it drills from the built-in system pool to
// its NodeClaim, to that claim's node, to the node's describe and events,
// switches context with :ctx, and quits with q, leaving the terminal as it
// found it.
func TestExplorerEndToEnd(t *testing.T) {
	requireTmux(t)
	var env *apitest.Env
	bin := buildWhile(t, func() {
		env = apitest.Start(t)
		env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	})
	kubeconfig := withSecondContext(t, env.Kubeconfig)
	dir := t.TempDir()
	s := startInTmux(t, "explorer", uiCommand(bin, kubeconfig, dir, ""))

	s.waitFor("mode mixed", "● live", "NodePools (4)", "system-8kq2w")

	s.keys("/", "system", "Enter")
	s.waitFor("NodePools (1 of 4)  filter /system")
	s.keys("Enter")
	s.waitFor("NodePools › system › NodeClaims", "NodeClaims of NodePool system (1)",
		"system-8kq2w")
	s.keys("Enter")
	s.waitFor("Node of NodeClaim system-8kq2w (1)", "i-0a1c5e7a39c88fc91")
	s.keys("d")
	screen := s.waitFor(
		"NodePools › system › NodeClaims › system-8kq2w › Node › i-0a1c5e7a39c88fc91 › describe",
		"Name:               i-0a1c5e7a39c88fc91", "karpenter.sh/nodepool=system")
	if strings.Contains(screen, "error:") {
		t.Errorf("the describe view shows an error:\n%s", screen)
	}
	s.keys("e")
	s.waitFor("events Node/i-0a1c5e7a39c88fc91")

	// Each escape goes alone and is seen through: an escape followed at
	// once by more input reads as Alt and that input, as in any terminal.
	s.keys("Escape")
	s.waitFor("Node of NodeClaim system-8kq2w (1)")
	s.keys("Escape")
	s.waitFor("NodeClaims of NodePool system (1)")
	s.keys("Escape")
	s.waitFor("NodePools (1 of 4)  filter /system")
	s.keys(":", "ctx second", "Enter")
	s.waitFor("context second", "NodePools (4)")

	s.keys("q")
	screen = s.waitFor("exit status 0")
	if strings.Contains(screen, "NodePools") || strings.Contains(screen, "kubectl-automode ") {
		t.Errorf("the UI is still on screen after quitting:\n%s", screen)
	}
	checkStderr(t, dir)
	for _, flag := range []string{"alternate_on", "mouse_any_flag", "cursor_flag"} {
		want := map[string]string{"cursor_flag": "1"}[flag]
		if want == "" {
			want = "0"
		}
		got := strings.TrimSpace(s.tmux("display-message", "-p", "-t", "e2e", "#{"+flag+"}"))
		if got != want {
			t.Errorf("after quitting, the pane's %s is %s, want %s: the terminal was not "+
				"restored", flag, got, want)
		}
	}
}
