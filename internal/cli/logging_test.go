package cli

import (
	"fmt"
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
	if err := setUpLogging(path, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		closeLog()
		_ = setUpLogging("", 0)
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
	err := setUpLogging(filepath.Join(t.TempDir(), "missing", "dir", "x.log"), 0)
	if err == nil || !strings.Contains(err.Error(), "--log-file") {
		t.Errorf("error = %v, want one naming --log-file", err)
	}
}

func TestVerbosityPicksTheLinesLogged(t *testing.T) {
	tests := []struct {
		verbosity int
		want      []string // lines logged
		not       []string // lines held back
	}{
		{0, []string{"slog info", "slog warn", "klog info"},
			[]string{"slog debug", "klog v2", "klog v6"}},
		{2, []string{"slog info", "klog info", "klog v2"}, []string{"slog debug", "klog v6"}},
		{4, []string{"slog debug", "klog v2"}, []string{"klog v6"}},
		{6, []string{"slog debug", "klog v2", "klog v6"}, nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("-v %d", tt.verbosity), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "automode.log")
			if err := setUpLogging(path, tt.verbosity); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				closeLog()
				_ = setUpLogging("", 0)
			})

			slog.Debug("slog debug")
			slog.Info("slog info")
			slog.Warn("slog warn")
			klog.InfoS("klog info")
			klog.V(2).InfoS("klog v2")
			klog.V(6).InfoS("klog v6")
			klog.Flush()

			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(data), w) {
					t.Errorf("log lacks %q:\n%s", w, data)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(string(data), n) {
					t.Errorf("log has %q at -v %d:\n%s", n, tt.verbosity, data)
				}
			}
		})
	}
}
