package cli

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"

	"k8s.io/klog/v2"
)

// logFile is the open --log-file, closed when the command ends.
var logFile io.Closer

// setUpLogging sends every log line, from slog, the log package and
// client-go's klog alike, to path, or nowhere when path is empty. While the
// UI owns the terminal nothing may write to it; routing klog through slog
// (rather than klog.SetOutput) also keeps each line from appearing once
// per severity.
func setUpLogging(path string) error {
	handler := slog.DiscardHandler
	if path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("opening --log-file: %w", err)
		}
		logFile = f
		handler = slog.NewTextHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug})
	}
	logger := slog.New(handler)
	slog.SetDefault(logger)
	if path == "" {
		log.SetOutput(io.Discard)
	}
	klog.SetSlogLogger(logger)
	return nil
}

func closeLog() {
	if logFile != nil {
		_ = logFile.Close()
		logFile = nil
	}
}
