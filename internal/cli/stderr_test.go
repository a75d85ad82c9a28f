package cli

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"testing"
)

func TestMuteStderrSendsWritesToTheLog(t *testing.T) {
	var logged bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, nil)))
	t.Cleanup(func() { slog.SetDefault(old) })
	before := os.Stderr

	restore := muteStderr()
	fmt.Fprintln(os.Stderr, "SDK WARN ec2imds: getToken failed")
	restore()

	if os.Stderr != before {
		t.Error("stderr was not put back")
	}
	if !strings.Contains(logged.String(), "ec2imds: getToken failed") {
		t.Errorf("the write did not reach the log: %q", logged.String())
	}
}
