package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/cli-runtime/pkg/genericiooptions"
)

// options are the flags every command shares.
type options struct {
	config   *genericclioptions.ConfigFlags
	demo     string
	snapshot string
	logFile  string
	pricing  pricingFlags
	// seed and demoSpeed steer the demo's simulator.
	seed      uint64
	demoSpeed float64
	// demoStart pins the demo's clock to an RFC 3339 instant instead of
	// now, so that pictures of the demo come out the same on every run.
	demoStart string
	noColor   bool
	streams   genericiooptions.IOStreams
	// settings and diag are the config file and the bug-report flags
	// (config.go, diagnostics.go).
	settings settings
	diag     diagnostics
}

// NewRootCommand builds the command tree. With no subcommand it starts the
// terminal UI.
func NewRootCommand(streams genericiooptions.IOStreams) *cobra.Command {
	o := &options{
		config:  genericclioptions.NewConfigFlags(true),
		streams: streams,
	}
	cmd := &cobra.Command{
		Use:   "kubectl-automode",
		Short: "See what EKS Auto Mode runs, owns and charges in your cluster",
		Long: "kubectl-automode watches an EKS cluster and shows its NodePools, NodeClaims, " +
			"NodeClasses,\nnodes and the components Auto Mode hides, telling Auto Mode's own " +
			"apart from yours.\nIt only reads: it never writes to the cluster.",
		Annotations: map[string]string{
			cobra.CommandDisplayNameAnnotation: "kubectl automode",
		},
		Args:          cobra.NoArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runUI(cmd.Context(), o)
		},
	}
	cmd.SetIn(streams.In)
	cmd.SetOut(streams.Out)
	cmd.SetErr(streams.ErrOut)

	flags := cmd.PersistentFlags()
	o.config.AddFlags(flags)
	flags.StringVar(&o.demo, "demo", "", "show the built-in demo cluster instead of a real "+
		"one: auto (Auto Mode, the default) or standard (standard EKS)")
	flags.Lookup("demo").NoOptDefVal = "auto"
	flags.StringVar(&o.snapshot, "snapshot", "", "read a snapshot FILE saved by the snapshot "+
		"command (or kubectl get -o yaml output) instead of a cluster")
	flags.Uint64Var(&o.seed, "seed", uint64(time.Now().UnixNano()), "make the demo "+
		"deterministic: the same seed plays the same cluster")
	flags.Lookup("seed").DefValue = "random"
	flags.Float64Var(&o.demoSpeed, "demo-speed", 1, "play the demo this many times as fast")
	flags.StringVar(&o.demoStart, "demo-start", "", "start the demo's clock at this RFC 3339 "+
		"time rather than now (for reproducible screenshots)")
	_ = flags.MarkHidden("demo-start")
	flags.StringVar(&o.logFile, "log-file", "", "write logs to PATH (default: no logs)")
	o.pricing.add(flags)
	o.addConfigFlags(flags)
	o.addDiagnosticFlags(flags)
	flags.BoolVar(&o.noColor, "no-color", false, "draw the UI without colour, as NO_COLOR does")
	cmd.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		return o.setUp(cmd)
	}

	cmd.AddCommand(newGetCommand(o), newSnapshotCommand(o), newVersionCommand(o))
	cmd.AddCommand(newRBACCommand(o))
	cmd.AddCommand(newLintCommand(o), newCheckCommand(o), newCompareCommand(o))
	o.registerCompletions(cmd)
	return cmd
}

// Execute runs the command line on the process's own streams and returns
// its exit status.
func Execute(ctx context.Context, args []string) int {
	streams := genericiooptions.IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr}
	return Run(ctx, streams, args)
}

// Run runs the command line on the given streams and returns the exit
// status. Every error is printed as one line; nothing panics out to the
// user.
func Run(ctx context.Context, streams genericiooptions.IOStreams, args []string) int {
	cmd := NewRootCommand(streams)
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(ctx)
	if dumpErr := finishDebugDump(err); err == nil {
		err = dumpErr
	}
	closeLog()
	if err == nil || errors.Is(err, context.Canceled) {
		return 0
	}
	printError(streams.ErrOut, err)
	return 1
}

// printError writes err as a single line, the way kubectl does.
func printError(w io.Writer, err error) {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	fmt.Fprintf(w, "error: %s\n", msg)
}
