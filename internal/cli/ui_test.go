package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/cli-runtime/pkg/genericiooptions"

	"github.com/kubectl-automode/kubectl-automode/internal/cli"
)

// TestUIRefusesWithoutATerminal checks that the explorer, asked to draw on
// a pipe or a file, says so in one line and points to get, rather than
// writing escape sequences into the file.
func TestUIRefusesWithoutATerminal(t *testing.T) {
	file, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()

	for name, args := range map[string][]string{
		"buffer": {"--demo"}, "buffer, --no-color": {"--demo", "--no-color"},
	} {
		t.Run(name, func(t *testing.T) {
			out, errOut, code := run(t, args...)
			checkRefusal(t, out, errOut, code)
		})
	}
	t.Run("file", func(t *testing.T) {
		var errOut strings.Builder
		streams := genericiooptions.IOStreams{In: strings.NewReader(""), Out: file,
			ErrOut: &errOut}
		code := cli.Run(t.Context(), streams, []string{"--demo"})
		written, _ := os.ReadFile(file.Name())
		checkRefusal(t, string(written), errOut.String(), code)
	})
}

func checkRefusal(t *testing.T, out, errOut string, code int) {
	t.Helper()
	if code != 1 || out != "" {
		t.Errorf("exit %d with %q on stdout, want exit 1 and nothing", code, out)
	}
	if strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, "needs a terminal") ||
		!strings.Contains(errOut, "kubectl automode get") {
		t.Errorf("stderr = %q, want one line pointing to get", errOut)
	}
}
