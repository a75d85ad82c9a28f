package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

func newCompareCommand(o *options) *cobra.Command {
	var (
		output string
		aws    awsFlags
	)
	cmd := &cobra.Command{
		Use:   "compare",
		Short: "Set standard EKS beside Auto Mode, for this cluster",
		Long: "compare prints, point by point, how standard EKS and Auto Mode differ (who " +
			"runs each\ncomponent, built-in pools, IAM, pods per node, node lifetime, AMI " +
			"and OS, networking,\nthe fee) and what this cluster has on each point, then " +
			"the points that stay the same\nand each node's Auto Mode fee, paid today or " +
			"estimated at 12% of its EC2 price.",
		Example: "  kubectl automode compare\n" +
			"  kubectl automode compare --demo standard -o json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "text" && output != "json" {
				return fmt.Errorf("unknown output format %q; use text or json", output)
			}
			// The fee rows need prices: wait for them as get does.
			c, err := o.readOnce(cmd.Context(), true)
			if err != nil {
				return err
			}
			warnPricing(o.streams.ErrOut, c, "compare", formatTable)
			cmp := model.Compare(c)
			view, note, err := aws.read(cmd.Context(), o)
			if err != nil {
				return err
			}
			if note != "" {
				fmt.Fprintf(o.streams.ErrOut, "warning: %s\n", sanitize.Line(note))
			}
			if view != nil {
				cmp = cmp.WithAWS(*view)
			}
			return printCompare(o.streams.Out, output, cmp)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text or json")
	aws.add(cmd.Flags())
	return cmd
}

func printCompare(w io.Writer, output string, cmp model.Comparison) error {
	if output == "json" {
		out, err := json.MarshalIndent(cmp, "", "  ")
		if err != nil {
			return fmt.Errorf("encoding the comparison as JSON: %w", err)
		}
		_, err = fmt.Fprintf(w, "%s\n", out)
		return err
	}

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(cells ...string) {
		for i, c := range cells {
			if i > 0 {
				fmt.Fprint(tw, "\t")
			}
			fmt.Fprint(tw, sanitize.Line(c))
		}
		fmt.Fprintln(tw)
	}
	row("POINT", "STANDARD EKS", "AUTO MODE", "THIS CLUSTER ("+cmp.Cluster+", "+
		string(cmp.Mode)+")")
	for _, r := range cmp.Rows {
		row(r.Topic, r.Standard, r.AutoMode, r.Cluster)
	}
	row("", "", "", "")
	row("STAYS THE SAME", "STANDARD EKS", "AUTO MODE", "")
	for _, r := range cmp.Same {
		row(r.Topic, r.Standard, r.AutoMode, "")
	}
	if len(cmp.Fees) > 0 {
		row("", "", "", "")
		row("NODE", "KIND", "INSTANCE TYPE", "AUTO MODE FEE")
		for _, f := range cmp.Fees {
			row(f.Node, string(f.Kind), f.InstanceType, f.Summary())
		}
	}
	return tw.Flush()
}
