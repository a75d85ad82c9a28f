package cli

import (
	"fmt"
	"slices"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// diagnostics are the flags for bug reports: how much the log says, and
// where --debug-dump writes.
type diagnostics struct {
	verbosity int
	dumpDir   string
}

func (o *options) addDiagnosticFlags(flags *pflag.FlagSet) {
	// -v is the verbosity of kubectl and of client-go's klog alike, with the
	// same numbers: 4 for debug lines, 6 for every request, 8 for bodies.
	flags.IntVarP(&o.diag.verbosity, "verbosity", "v", 0, "log verbosity for --log-file: 0 "+
		"for info, 4 adds debug lines, 6 every API request (as kubectl's -v)")
	flags.StringVar(&o.diag.dumpDir, "debug-dump", "", "write the cluster snapshot and "+
		"timings to DIR on exit, for a bug report (no credentials are written)")
}

// commandsWithoutSettings run without reading the config file, so that a
// broken file never stops `version` or shell completion.
var commandsWithoutSettings = []string{
	"version", "completion", "help", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd,
}

// setUp runs before every command: logging first, so that the rest can
// log, then the config file, then the debug dump's clock.
func (o *options) setUp(cmd *cobra.Command) error {
	started := time.Now()
	if o.diag.verbosity < 0 {
		return fmt.Errorf("-v %d: the verbosity is 0 or more", o.diag.verbosity)
	}
	if o.diag.verbosity > 0 && o.logFile == "" {
		return fmt.Errorf("-v %d: logs go only to a file; add --log-file PATH",
			o.diag.verbosity)
	}
	if err := setUpLogging(o.logFile, o.diag.verbosity); err != nil {
		return err
	}

	if needsSettings(cmd) {
		if err := o.loadSettings(cmd); err != nil {
			return err
		}
	}

	if o.diag.dumpDir != "" {
		return startDebugDump(o.diag.dumpDir, cmd, started)
	}
	return nil
}

// needsSettings is false for commandsWithoutSettings and their
// subcommands (`completion bash`).
func needsSettings(cmd *cobra.Command) bool {
	for c := cmd; c.HasParent(); c = c.Parent() {
		if slices.Contains(commandsWithoutSettings, c.Name()) {
			return false
		}
	}
	return true
}
