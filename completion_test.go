package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// pluginDir holds a built kubectl-automode and the kubectl_complete-automode
// script from plugins/, as an install from a release archive leaves them.
func pluginDir(t *testing.T) string {
	t.Helper()
	bin := buildBinary(t, "")
	dir := filepath.Dir(bin)
	script, err := os.ReadFile(filepath.Join("plugins", "kubectl_complete-automode"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kubectl_complete-automode"), script,
		0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// completionLines runs a command with dir first on PATH and returns its
// output lines.
func completionLines(t *testing.T, dir string, name string, args ...string) []string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = append(os.Environ(), "PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

func TestPluginCompletionScript(t *testing.T) {
	dir := pluginDir(t)
	want := []string{"general-purpose", "system"}

	t.Run("run as kubectl runs it", func(t *testing.T) {
		lines := completionLines(t, dir, filepath.Join(dir, "kubectl_complete-automode"),
			"--demo", "get", "nodepools", "")
		for _, w := range want {
			if !slices.Contains(lines, w) {
				t.Errorf("completion lacks %q: %v", w, lines)
			}
		}
		if lines[len(lines)-1] != ":4" {
			t.Errorf("last line %q, want the directive :4", lines[len(lines)-1])
		}
	})

	t.Run("through kubectl", func(t *testing.T) {
		if _, err := exec.LookPath("kubectl"); err != nil {
			t.Skip("kubectl is not installed; the script alone was checked above")
		}
		lines := completionLines(t, dir, "kubectl", "__complete", "automode", "--demo",
			"get", "nodepools", "")
		for _, w := range want {
			if !slices.Contains(lines, w) {
				t.Errorf("kubectl automode completion lacks %q: %v", w, lines)
			}
		}
	})

	t.Run("through bash's completion script", func(t *testing.T) {
		// cobra's bash script needs the bash-completion package, as
		// kubectl's own does.
		const bashCompletion = "/usr/share/bash-completion/bash_completion"
		if _, err := os.Stat(bashCompletion); err != nil {
			t.Skip("bash-completion is not installed")
		}
		script := `source ` + bashCompletion + `
source <(kubectl-automode completion bash)
COMP_WORDS=(kubectl-automode --demo get nodepools "")
COMP_CWORD=4
COMP_LINE="kubectl-automode --demo get nodepools "
COMP_POINT=${#COMP_LINE}
__start_kubectl-automode
printf '%s\n' "${COMPREPLY[@]}"`
		lines := completionLines(t, dir, "bash", "-c", script)
		for _, w := range want {
			if !slices.Contains(lines, w) {
				t.Errorf("bash completion lacks %q: %v", w, lines)
			}
		}
	})
}
