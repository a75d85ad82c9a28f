package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/kubectl-automode/kubectl-automode/kube"
)

func newSnapshotCommand(o *options) *cobra.Command {
	var file string
	cmd := &cobra.Command{
		Use:   "snapshot -f FILE",
		Short: "Save what the tool reads from the cluster to a file, for offline use",
		Long: "snapshot saves every object kubectl-automode reads (nodes, pods trimmed to " +
			"what it uses,\nNodePools, NodeClaims, NodeClasses, EC2NodeClasses, component " +
			"evidence and recent events)\nas one YAML List. It saves no Secret and no " +
			"ConfigMap. Open the file with --snapshot FILE.",
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
			if err := kube.SaveSnapshot(cmd.Context(), src.clients, info, &buf); err != nil {
				return fmt.Errorf("saving snapshot: %w", err)
			}
			if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
				return fmt.Errorf("writing snapshot: %w", err)
			}
			fmt.Fprintf(o.streams.ErrOut, "saved %s (%d KiB)\n", file, buf.Len()>>10)
			return nil
		},
	}
	cmd.Flags().StringVarP(&file, "filename", "f", "", "the file to write")
	return cmd
}
