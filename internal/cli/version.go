package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// Set by the release build through -ldflags -X.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

func newVersionCommand(o *options) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of kubectl-automode",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			w := o.streams.Out
			fmt.Fprintf(w, "kubectl-automode %s\n", version)
			if commit != "" {
				fmt.Fprintf(w, "commit:     %s\n", commit)
			}
			if date != "" {
				fmt.Fprintf(w, "built:      %s\n", date)
			}
			fmt.Fprintf(w, "go:         %s\n", runtime.Version())
			fmt.Fprintf(w, "client-go:  %s\n", moduleVersion("k8s.io/client-go"))
			return nil
		},
	}
}

// moduleVersion reads a dependency's version from the build information.
func moduleVersion(path string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, m := range info.Deps {
		if m.Path == path {
			return m.Version
		}
	}
	return "unknown"
}
