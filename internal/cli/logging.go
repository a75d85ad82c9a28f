package cli

import (
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"strconv"

	"k8s.io/klog/v2"
)

// logFile is the open --log-file, closed when the command ends.
var logFile io.Closer

// setUpLogging sends every log line, from slog, the log package and
// client-go's klog alike, to path, or nowhere when path is empty. While the
// UI owns the terminal nothing may write to it; routing klog through slog
// (rather than klog.SetOutput) also keeps each line from appearing once
// per severity.
//
// verbosity follows klog's -v: klog's V(n) lines are written for n up to
// it, and slog levels line up with them (klog's V(n) arrives in slog as
// level -n), so 0 writes info and above and 4 adds slog's debug lines.
func setUpLogging(path string, verbosity int) error {
	handler := slog.DiscardHandler
	if path != "" {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
		if err != nil {
			return fmt.Errorf("opening --log-file: %w", err)
		}
		logFile = f
		handler = slog.NewTextHandler(f, &slog.HandlerOptions{Level: logLevel(verbosity)})
	} else {
		verbosity = 0 // V(n) lines would only be formatted to be dropped
	}
	logger := slog.New(handler)
	slog.SetDefault(logger)
	if path == "" {
		log.SetOutput(io.Discard)
	}
	klog.SetSlogLogger(logger)
	return setKlogVerbosity(verbosity)
}

// logLevel is the slog level that lets klog's V(verbosity) lines through.
func logLevel(verbosity int) slog.Level {
	return min(slog.LevelInfo, slog.Level(-verbosity))
}

// setKlogVerbosity sets klog's -v, which klog keeps in its own flag.
func setKlogVerbosity(verbosity int) error {
	var fs flag.FlagSet
	klog.InitFlags(&fs)
	if err := fs.Set("v", strconv.Itoa(verbosity)); err != nil {
		return fmt.Errorf("setting klog's verbosity: %w", err)
	}
	return nil
}

func closeLog() {
	if logFile != nil {
		_ = logFile.Close()
		logFile = nil
	}
}
