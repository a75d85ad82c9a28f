package cli

import (
	"bufio"
	"log/slog"
	"os"
)

// muteStderr sends what the process writes to stderr into the log while the
// UI owns the terminal: a library that warns on stderr, as the AWS SDK's
// credential lookup does when no credentials are found, would otherwise
// draw over the screen. Libraries that took os.Stderr before the call keep
// it, so call this before the source and its clients are built. That holds
// for exec credential plugins (aws eks get-token) above all: client-go's
// authenticator takes os.Stderr when the first client with that plugin is
// built, hands it to every later run of the plugin (each token refresh),
// and keeps it for the life of the process. TestCredentialPluginStderr
// runs a real plugin through get and the UI. It returns the function that
// puts stderr back.
func muteStderr() (restore func()) {
	r, w, err := os.Pipe()
	if err != nil {
		return func() {}
	}
	old := os.Stderr
	os.Stderr = w

	done := make(chan struct{})
	go func() {
		defer close(done)
		lines := bufio.NewScanner(r)
		for lines.Scan() {
			slog.Warn("written to stderr while the UI ran", "line", lines.Text())
		}
	}()
	return func() {
		os.Stderr = old
		_ = w.Close()
		<-done
		_ = r.Close()
	}
}
