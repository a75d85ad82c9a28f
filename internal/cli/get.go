package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// resource is one thing `get` can print.
type resource struct {
	name    string
	aliases []string
	// items picks the resource's values out of a snapshot.
	items func(c *model.Cluster) []row
}

// row is one printable item: its name, for filtering, and its value, for
// JSON and YAML.
type row struct {
	name  string
	value any
}

var resources = []resource{
	{"nodes", []string{"node", "no"}, func(c *model.Cluster) []row {
		return rowsOf(c.Nodes, func(n model.Node) string { return n.Name })
	}},
	{"nodepools", []string{"nodepool", "np"}, func(c *model.Cluster) []row {
		return rowsOf(c.NodePools, func(p model.NodePool) string { return p.Name })
	}},
	{"nodeclaims", []string{"nodeclaim", "nc"}, func(c *model.Cluster) []row {
		return rowsOf(c.NodeClaims, func(nc model.NodeClaim) string { return nc.Name })
	}},
	{"nodeclasses", []string{"nodeclass", "ec2nodeclasses", "ec2nodeclass"},
		func(c *model.Cluster) []row {
			return rowsOf(c.NodeClasses, func(nc model.NodeClass) string { return nc.Name })
		}},
	{"components", []string{"component", "comp"}, func(c *model.Cluster) []row {
		return rowsOf(c.Components, func(comp model.Component) string { return comp.Name })
	}},
}

func rowsOf[T any](items []T, name func(T) string) []row {
	out := make([]row, len(items))
	for i, it := range items {
		out[i] = row{name: name(it), value: it}
	}
	return out
}

func findResource(arg string) (resource, bool) {
	arg = strings.ToLower(arg)
	for _, r := range resources {
		if r.name == arg || slices.Contains(r.aliases, arg) {
			return r, true
		}
	}
	return resource{}, false
}

func resourceNames() []string {
	names := make([]string, len(resources))
	for i, r := range resources {
		names[i] = r.name
	}
	return names
}

func newGetCommand(o *options) *cobra.Command {
	var (
		output string
		strict bool
	)
	cmd := &cobra.Command{
		Use:   "get (" + strings.Join(resourceNames(), "|") + ") [NAME...]",
		Short: "Print nodes, NodePools, NodeClaims, NodeClasses or components once",
		Long: "get prints the cluster's current state once, from the same snapshot the UI " +
			"draws,\nand exits. -o json and -o yaml print {\"items\": [...]}.\n\n" +
			"What it cannot read (a resource the user may not list, say) is a warning on " +
			"stderr;\nit prints the rest and exits 0, or, with --strict, prints only the " +
			"warnings and exits 1.",
		Example: "  kubectl automode get nodes\n" +
			"  kubectl automode get nodepools -o wide\n" +
			"  kubectl automode get components -o json",
		Args:      cobra.MinimumNArgs(1),
		ValidArgs: resourceNames(),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, ok := findResource(args[0])
			if !ok {
				return fmt.Errorf("unknown resource %q; use one of %s", args[0],
					strings.Join(resourceNames(), ", "))
			}
			format, err := parseFormat(output)
			if err != nil {
				return err
			}
			c, err := o.readOnce(cmd.Context(), true)
			if err != nil {
				return err
			}
			if strict && len(c.Problems) > 0 {
				return fmt.Errorf("--strict: %d warning(s) above; fix them or drop --strict "+
					"to print what could be read", len(c.Problems))
			}
			rows, err := pick(res, c, args[1:])
			if err != nil {
				return err
			}
			warnPricing(o.streams.ErrOut, c, res.name, format)
			return print(o.streams.Out, format, res.name, c, rows)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table",
		"output format: table, wide, json or yaml")
	cmd.Flags().BoolVar(&strict, "strict", false,
		"fail (exit 1) instead of printing a partial result when something cannot be read")
	return cmd
}

// pick narrows a resource's rows to the names asked for, in the order
// asked, failing the way kubectl does on a name that is not there.
func pick(res resource, c *model.Cluster, names []string) ([]row, error) {
	all := res.items(c)
	if len(names) == 0 {
		return all, nil
	}
	out := make([]row, 0, len(names))
	for _, name := range names {
		i := slices.IndexFunc(all, func(r row) bool { return r.name == name })
		if i < 0 {
			return nil, fmt.Errorf("%s %q not found", res.name, name)
		}
		out = append(out, all[i])
	}
	return out, nil
}
