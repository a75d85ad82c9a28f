package e2e_test

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// startInTmux runs command in a detached 120x40 tmux session on a server
// of its own. The session first runs a placeholder, so that the server
// options given (each one tmux command, such as set-option) are in force
// before the command draws anything; then the command replaces it. The
// server is killed when the test ends.
func startInTmux(t *testing.T, name, command string, options ...[]string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("kam-e2e-%s-%d", name, os.Getpid())}
	s.tmux("new-session", "-d", "-s", "e2e", "-x", "120", "-y", "40", "sleep 600")
	socket := s.format("#{socket_path}")
	t.Cleanup(func() {
		_ = exec.Command("tmux", "-L", s.socket, "kill-server").Run()
		_ = os.Remove(socket) // tmux leaves it behind
	})
	s.tmux("set-option", "-g", "escape-time", "0")
	for _, o := range options {
		s.tmux(o...)
	}
	s.tmux("respawn-pane", "-k", "-t", "e2e", command)
	return s
}

// styledScreen is the screen with the escape sequences tmux keeps for
// colours and attributes (capture-pane -e), so that a sequence that reached
// the terminal and changed a cell shows up.
func (s *tmuxSession) styledScreen() string {
	return s.tmux("capture-pane", "-p", "-e", "-t", "e2e")
}

// format is one of tmux's formats for the pane, such as #{pane_title}.
func (s *tmuxSession) format(f string) string {
	return strings.TrimSpace(s.tmux("display-message", "-p", "-t", "e2e", f))
}

// uiCommand is the shell command that runs the binary under test in the
// pane: prices from the table built into the binary (a test never reaches
// AWS), logs to a file, stderr to a file that must stay empty, and after
// it exits, its exit status and then whatever after says.
func uiCommand(bin, kubeconfig, dir, after string) string {
	return fmt.Sprintf("AWS_EC2_METADATA_DISABLED=true %s --kubeconfig %s "+
		"--price-source embedded --log-file %s/automode.log 2>%s/stderr; "+
		"echo \"exit status $?\"; %s sleep 600", bin, kubeconfig, dir, dir, after)
}

// buildWhile builds the binary while start runs (an API server starting,
// say), and returns the binary's path, or ends the test if it did not
// build.
func buildWhile(t *testing.T, start func()) string {
	t.Helper()
	built := make(chan string, 1)
	var building sync.WaitGroup
	building.Go(func() { built <- buildBinary(t) })
	t.Cleanup(building.Wait)
	start()
	bin := <-built
	if bin == "" {
		t.FailNow()
	}
	return bin
}

// checkStderr fails the test if the program wrote to stderr while the UI
// owned the terminal: such a write would scramble the screen.
func checkStderr(t *testing.T, dir string) {
	t.Helper()
	if out, err := os.ReadFile(dir + "/stderr"); err != nil || len(out) > 0 {
		t.Errorf("the program wrote to stderr while the UI ran (%v):\n%s", err, out)
	}
}
