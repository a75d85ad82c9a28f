package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/kube"
)

func newSnapshotCommand(o *options) *cobra.Command {
	var (
		file   string
		strict bool
	)
	cmd := &cobra.Command{
		Use:   "snapshot -f FILE",
		Short: "Save what the tool reads from the cluster to a file, for offline use",
		Long: "snapshot saves every object kubectl-automode reads (nodes, pods trimmed to " +
			"what it uses,\nNodePools, NodeClaims, NodeClasses, EC2NodeClasses, component " +
			"evidence and recent events)\nas one YAML List. It saves no Secret and no " +
			"ConfigMap. Open the file with --snapshot FILE.\n\n" +
			"A list the user may not read is a warning on stderr, as in get: the file " +
			"holds the rest\nand names the refused lists, which then read as forbidden " +
			"from it. With --strict it\nwrites nothing and exits 1 instead.",
		Example: "  kubectl automode snapshot -f prod.yaml\n" +
			"  kubectl automode --snapshot prod.yaml get nodes",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if file == "" {
				return errors.New("snapshot needs -f FILE, the file to write")
			}
			if o.snapshot != "" {
				return errors.New("snapshot reads a cluster or the demo, not --snapshot")
			}
			src, err := o.open()
			if err != nil {
				return err
			}
			info := kube.SnapshotInfo{
				Context: src.opts.Context, ClusterName: src.opts.ClusterName,
				SavedAt: time.Now().UTC().Truncate(time.Second),
			}
			var buf bytes.Buffer
			problems, err := kube.SaveSnapshot(cmd.Context(), src.clients, info, &buf)
			if err != nil {
				return fmt.Errorf("saving snapshot: %w", err)
			}
			for _, p := range problems {
				fmt.Fprintf(o.streams.ErrOut, "warning: %s\n", sanitize.Line(p))
			}
			if strict && len(problems) > 0 {
				return fmt.Errorf("--strict: %d warning(s) above, so %s was not written; "+
					"fix them or drop --strict to save what could be read", len(problems), file)
			}
			if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
				return fmt.Errorf("writing snapshot: %w", err)
			}
			fmt.Fprintf(o.streams.ErrOut, "saved %s (%d KiB)\n", file, buf.Len()>>10)
			return nil
		},
	}
	cmd.Flags().StringVarP(&file, "filename", "f", "", "the file to write")
	cmd.Flags().BoolVar(&strict, "strict", false,
		"fail (exit 1) instead of saving a partial snapshot when something cannot be read")
	return cmd
}
