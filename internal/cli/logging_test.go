package cli

import (
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"k8s.io/klog/v2"
)

func TestLogsGoOnlyToTheLogFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "automode.log")
	if err := setUpLogging(path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		closeLog()
		_ = setUpLogging("")
	})

	klog.InfoS("from klog", "node", "i-0abc")
	klog.Error("klog error line")
	slog.Info("from slog")
	log.Print("from log")
	klog.Flush()

	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{"from klog", "klog error line", "from slog", "from log"} {
		if n := strings.Count(text, want); n != 1 {
			t.Errorf("%q appears %d times in the log, want once:\n%s", want, n, text)
		}
	}
}

func TestLogFileThatCannotBeOpened(t *testing.T) {
	err := setUpLogging(filepath.Join(t.TempDir(), "missing", "dir", "x.log"))
	if err == nil || !strings.Contains(err.Error(), "--log-file") {
		t.Errorf("error = %v, want one naming --log-file", err)
	}
}
