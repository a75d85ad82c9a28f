package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pluginKubeconfig writes a kubeconfig whose user gets its token from an
// exec credential plugin, a shell script named aws with the given body, as
// EKS kubeconfigs do with `aws eks get-token`. The server is never reached.
func pluginKubeconfig(t *testing.T, script string) (kubeconfig, plugin string) {
	t.Helper()
	dir := t.TempDir()
	plugin = filepath.Join(dir, "aws")
	if err := os.WriteFile(plugin, []byte("#!/bin/sh\n"+script+"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	kubeconfig = filepath.Join(dir, "kubeconfig")
	config := `apiVersion: v1
kind: Config
clusters:
- name: prod
  cluster: {server: "https://127.0.0.1:1"}
users:
- name: prod
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: ` + plugin + `
      args: [eks, get-token, --cluster-name, prod]
      interactiveMode: Never
contexts:
- name: prod
  context: {cluster: prod, user: prod}
current-context: prod
`
	if err := os.WriteFile(kubeconfig, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return kubeconfig, plugin + " eks get-token --cluster-name prod"
}

func TestCredentialPluginErrorsAreOneLineNamingThePlugin(t *testing.T) {
	tests := []struct {
		name, script string
		args         []string
		want         string
	}{
		{"a plugin that fails", "echo 'token expired' >&2; exit 255", nil,
			"failed (exec: executable"},
		{"a plugin that hangs", "exec sleep 20", []string{"--request-timeout", "1s"},
			"did not answer within 1s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kubeconfig, plugin := pluginKubeconfig(t, tt.script)
			args := append([]string{"--kubeconfig", kubeconfig}, tt.args...)
			out, errOut, code := run(t, append(args, "get", "nodes")...)
			if code != 1 || out != "" {
				t.Fatalf("exit %d, stdout %q; want exit 1 and no output", code, out)
			}
			lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
			if len(lines) != 1 || !strings.HasPrefix(lines[0], "error: ") {
				t.Fatalf("stderr is not one error line:\n%s", errOut)
			}
			if !strings.Contains(lines[0], `the credential plugin "`+plugin+`"`) ||
				!strings.Contains(lines[0], tt.want) {
				t.Errorf("stderr = %q\nwant it to name %q and say %q", lines[0], plugin,
					tt.want)
			}
		})
	}
}
