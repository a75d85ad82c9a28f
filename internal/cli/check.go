package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// failOn values: which findings make check exit 1.
var failOnLevels = map[string][]model.Severity{
	"none":    nil,
	"error":   {model.SeverityError},
	"warning": {model.SeverityError, model.SeverityWarning},
}

func newCheckCommand(o *options) *cobra.Command {
	var (
		output, failOn string
		aws            awsFlags
	)
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Run every rule against the cluster: stuck NodeClaims, refused pools, migration",
		Long: "check reads the cluster once (or --snapshot FILE, or --demo) and runs every " +
			"rule:\nNodePools and NodeClasses Auto Mode would refuse, why NodeClaims are " +
			"stuck, and what\nmoving the cluster's other nodes to Auto Mode would change. With " +
			"AWS credentials,\nit also checks DescribeCluster and the roles' policies. " +
			"Findings are sorted most\nserious first. The exit status is 0 unless " +
			"--fail-on is error or warning and a finding\nof that severity (or worse) is found.",
		Example: "  kubectl automode check\n" +
			"  kubectl automode check --demo\n" +
			"  kubectl automode check --fail-on error -o json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			failing, ok := failOnLevels[failOn]
			if !ok {
				return fmt.Errorf("unknown --fail-on %q; use none, error or warning", failOn)
			}
			if output != "text" && output != "json" {
				return fmt.Errorf("unknown output format %q; use text or json", output)
			}
			c, err := o.readOnce(cmd.Context(), false)
			if err != nil {
				return err
			}
			now := c.BuiltAt
			if now.IsZero() {
				now = time.Now()
			}
			findings := model.Findings(c, now)
			view, note, err := aws.read(cmd.Context(), o)
			if err != nil {
				return err
			}
			if note != "" {
				fmt.Fprintf(o.streams.ErrOut, "warning: %s\n", sanitize.Line(note))
			}
			if view != nil {
				findings = append(findings, model.AWSFindings(c, *view)...)
				model.SortFindings(findings)
			}
			if err := printCheck(o.streams.Out, output, c, findings); err != nil {
				return err
			}
			return checkVerdict(findings, failing)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text or json")
	cmd.Flags().StringVar(&failOn, "fail-on", "none",
		"exit 1 when a finding is this severe: none, error or warning")
	aws.add(cmd.Flags())
	return cmd
}

// checkReport is check's JSON shape.
type checkReport struct {
	Source string          `json:"source"`
	Items  []model.Finding `json:"items"`
}

func printCheck(w io.Writer, output string, c *model.Cluster, fs []model.Finding) error {
	if output == "json" {
		out, err := json.MarshalIndent(checkReport{Source: c.Source,
			Items: append([]model.Finding{}, fs...)}, "", "  ")
		if err != nil {
			return fmt.Errorf("encoding findings as JSON: %w", err)
		}
		_, err = fmt.Fprintf(w, "%s\n", out)
		return err
	}
	if len(fs) == 0 {
		_, err := fmt.Fprintf(w, "No findings in %s.\n", sanitize.Line(c.Source))
		return err
	}
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%-7s %s: %s\n", strings.ToUpper(string(f.Severity)),
			sanitize.Line(f.Object.String()), sanitize.Line(f.Message))
		fmt.Fprintf(&b, "        hint: %s\n", sanitize.Line(f.Hint))
		fmt.Fprintf(&b, "        rule: %s  docs: %s\n", f.Rule, f.Link)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func checkVerdict(fs []model.Finding, failing []model.Severity) error {
	n := 0
	for _, f := range fs {
		for _, s := range failing {
			if f.Severity == s {
				n++
			}
		}
	}
	if n > 0 {
		return fmt.Errorf("check found %d finding(s) at or above --fail-on", n)
	}
	return nil
}
