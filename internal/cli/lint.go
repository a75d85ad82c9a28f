package cli

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kubectl-automode/kubectl-automode/internal/manifest"
	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// RuleUnreadable marks a file lint could not read as manifests.
const RuleUnreadable = "manifest-unreadable"

// lintResult is one finding in a manifest, with where it is.
type lintResult struct {
	File string `json:"file"`
	Line int    `json:"line"`
	model.Finding
}

// lintCounts says how much lint read, for the summary line.
type lintCounts struct {
	files, pools, classes int
}

func newLintCommand(o *options) *cobra.Command {
	var (
		paths  []string
		output string
	)
	cmd := &cobra.Command{
		Use:   "lint -f FILE|DIR|-",
		Short: "Check NodePool and NodeClass manifests against Auto Mode's rules",
		Long: "lint reads NodePool and NodeClass manifests (multi-document YAML, or a " +
			"List) and reports\nwhat Auto Mode would refuse or trip over, before you apply " +
			"them, as\n  file:line: severity: message (hint)\nA DIR is read one level " +
			"deep (*.yaml, *.yml, *.json); - reads standard input.\nOther kinds are " +
			"skipped. The exit status is 1 when any finding is an error.",
		Example: "  kubectl automode lint -f nodepool.yaml\n" +
			"  kubectl automode lint -f manifests/ -o json\n" +
			"  helm template . | kubectl automode lint -f -",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if len(paths) == 0 {
				return errors.New("lint needs -f FILE, -f DIR or -f -")
			}
			if output != "text" && output != "json" {
				return fmt.Errorf("unknown output format %q; use text or json", output)
			}
			results, counts, err := lintPaths(paths, o.streams.In)
			if err != nil {
				return err
			}
			if err := printLint(o.streams.Out, output, results); err != nil {
				return err
			}
			return lintVerdict(o.streams.ErrOut, output, results, counts)
		},
	}
	cmd.Flags().StringArrayVarP(&paths, "filename", "f", nil,
		"manifest FILE, DIR of manifests, or - for standard input (repeatable)")
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text or json")
	return cmd
}

// lintPaths reads every file the paths name and lints its objects.
func lintPaths(paths []string, stdin io.Reader) ([]lintResult, lintCounts, error) {
	var (
		results []lintResult
		counts  lintCounts
	)
	for _, p := range paths {
		files, err := manifestFiles(p)
		if err != nil {
			return nil, counts, err
		}
		for _, f := range files {
			data, err := readManifest(f, stdin)
			if err != nil {
				return nil, counts, err
			}
			counts.files++
			results = append(results, lintFile(displayName(f), data, &counts)...)
		}
	}
	slices.SortStableFunc(results, func(a, b lintResult) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return results, counts, nil
}

// manifestFiles expands a -f value: a directory into its manifest files,
// sorted; anything else stands for itself.
func manifestFiles(path string) ([]string, error) {
	if path == "-" {
		return []string{path}, nil
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, unwrapPathError(err))
	}
	if !info.IsDir() {
		return []string{path}, nil
	}
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, fmt.Errorf("reading directory %s: %w", path, unwrapPathError(err))
	}
	var files []string
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".yaml", ".yml", ".json":
			if !e.IsDir() {
				files = append(files, filepath.Join(path, e.Name()))
			}
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("directory %s holds no .yaml, .yml or .json file", path)
	}
	return files, nil
}

func readManifest(path string, stdin io.Reader) ([]byte, error) {
	if path == "-" {
		data, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		return data, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, unwrapPathError(err))
	}
	return data, nil
}

// unwrapPathError drops the path os puts in its errors, which the caller
// already names.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func displayName(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	return path
}

// lintFile lints every NodePool and NodeClass in one file. A file that is
// not YAML yields one error at the line where reading stopped, after the
// findings of the objects before it.
func lintFile(name string, data []byte, counts *lintCounts) []lintResult {
	docs, err := manifest.Read(name, data)
	var out []lintResult
	for _, d := range docs {
		findings := lintObject(d, counts)
		model.SortFindings(findings)
		for _, f := range findings {
			out = append(out, lintResult{File: name, Line: d.FieldLine(f.Field), Finding: f})
		}
	}
	var se *manifest.SyntaxError
	if errors.As(err, &se) {
		out = append(out, lintResult{File: name, Line: se.Line, Finding: model.Finding{
			Severity: model.SeverityError, Rule: RuleUnreadable,
			Object:  model.Ref{Kind: "File", Name: name},
			Message: se.Msg, Hint: "fix the file so that each document is one object",
		}})
	}
	return out
}

// lintObject runs the rules for the object's kind; other kinds pass.
func lintObject(d manifest.Document, counts *lintCounts) []model.Finding {
	gvk := d.Object.GroupVersionKind()
	switch {
	case gvk.Group == model.GroupKarpenter && gvk.Kind == "NodePool":
		counts.pools++
		return model.LintNodePool(kube.NodePoolFromManifest(d.Object))
	case gvk.Group == model.GroupAutoMode && gvk.Kind == model.KindNodeClass,
		gvk.Group == model.GroupKarpenterAWS && gvk.Kind == model.KindEC2NodeClass:
		counts.classes++
		return model.LintNodeClass(kube.NodeClassFromManifest(d.Object))
	}
	return nil
}

func printLint(w io.Writer, output string, results []lintResult) error {
	if output == "json" {
		out, err := json.MarshalIndent(struct {
			Items []lintResult `json:"items"`
		}{Items: append([]lintResult{}, results...)}, "", "  ")
		if err != nil {
			return fmt.Errorf("encoding findings as JSON: %w", err)
		}
		_, err = fmt.Fprintf(w, "%s\n", out)
		return err
	}
	for _, r := range results {
		line := fmt.Sprintf("%s:%d: %s: %s (%s)", r.File, r.Line, r.Severity, r.Message, r.Hint)
		if _, err := fmt.Fprintln(w, sanitize.Line(line)); err != nil {
			return err
		}
	}
	return nil
}

// lintVerdict writes what was checked, in text mode, and fails when any
// finding is an error, so that CI stops.
func lintVerdict(w io.Writer, output string, results []lintResult, c lintCounts) error {
	errs := 0
	for _, r := range results {
		if r.Severity == model.SeverityError {
			errs++
		}
	}
	if output == "text" {
		fmt.Fprintf(w, "checked %d NodePool(s) and %d NodeClass(es) in %d file(s): %d finding(s)\n",
			c.pools, c.classes, c.files, len(results))
	}
	if errs > 0 {
		return fmt.Errorf("lint found %d error(s)", errs)
	}
	return nil
}
