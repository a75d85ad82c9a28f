package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"k8s.io/apimachinery/pkg/util/duration"
	"sigs.k8s.io/yaml"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// format is an output format of `get`.
type format string

const (
	formatTable format = "table"
	formatWide  format = "wide"
	formatJSON  format = "json"
	formatYAML  format = "yaml"
)

func parseFormat(s string) (format, error) {
	switch f := format(strings.ToLower(s)); f {
	case formatTable, formatWide, formatJSON, formatYAML:
		return f, nil
	case "":
		return formatTable, nil
	}
	return "", fmt.Errorf("unknown output format %q; use table, wide, json or yaml", s)
}

// list is the JSON and YAML shape: {"items": [...]}, like kubectl's lists.
type list struct {
	Items []any `json:"items"`
}

func print(w io.Writer, f format, resource string, c *model.Cluster, rows []row) error {
	switch f {
	case formatJSON, formatYAML:
		l := list{Items: make([]any, len(rows))}
		for i, r := range rows {
			l.Items[i] = jsonItem(r.value)
		}
		out, err := json.MarshalIndent(l, "", "  ")
		if err != nil {
			return fmt.Errorf("encoding %s as JSON: %w", resource, err)
		}
		if f == formatYAML {
			if out, err = yaml.JSONToYAML(out); err != nil {
				return fmt.Errorf("encoding %s as YAML: %w", resource, err)
			}
		} else {
			out = append(out, '\n')
		}
		_, err = w.Write(out)
		return err
	}

	t := table{now: c.BuiltAt, wide: f == formatWide, pricingOff: pricingOff(c)}
	for _, r := range rows {
		t.add(r.value)
	}
	if len(rows) == 0 {
		_, err := fmt.Fprintf(w, "No %s found.\n", resource)
		return err
	}
	return t.write(w, resource)
}

// table lays out rows the way kubectl get does: upper-case headers,
// columns aligned by tabwriter, wide adding columns on the right. Every
// cell is sanitised, since its text came from the cluster.
type table struct {
	now  time.Time
	wide bool
	// pricingOff blanks the money columns (--no-pricing).
	pricingOff bool
	rows       [][]string
}

func (t *table) add(v any) {
	var cells []string
	switch x := v.(type) {
	case model.Node:
		cells = []string{x.Name, x.Kind.Badge(), dash(x.NodePool), dash(string(x.PoolOrigin)),
			dash(x.InstanceType), dash(x.CapacityType), dash(x.Zone), yesNo(x.Ready),
			podCount(x)}
		cells = append(append(cells, priceCells(x)...), t.age(x.Created))
		if t.wide {
			cells = append(cells, dash(x.NodeClass), dash(x.NodeGroup), dash(x.Region),
				overLimit(x.PodsOverAutoModeLimit))
		}
	case model.NodePool:
		cells = []string{x.Name, string(x.Origin), refName(x.NodeClassRef),
			fmt.Sprint(x.Nodes), dash(x.Ready)}
		cells = append(append(cells, costCells(x.Cost, t.pricingOff)...), t.age(x.Created))
		if t.wide {
			cells = append(cells, fmt.Sprint(x.NodeClaims), weight(x.Weight),
				dash(x.ExpireAfter), limit(cpu(x.Requests.CPUMillis), x.Limits.CPUMillis, cpu),
				limit(mem(x.Requests.MemoryBytes), x.Limits.MemoryBytes, mem))
		}
	case model.NodeClaim:
		cells = []string{x.Name, dash(x.NodePool), string(x.State), dash(x.InstanceType),
			dash(x.CapacityType), dash(x.Zone), dash(x.NodeName), dash(x.Reason),
			t.age(x.Created)}
		if t.wide {
			cells = append(cells, conditionSummary(x.Conditions), dash(x.Message))
		}
	case model.NodeClass:
		cells = []string{x.Name, x.Kind, yesNo(x.BuiltIn), dash(x.Role), dash(x.Ready),
			fmt.Sprint(x.NodePools), fmt.Sprint(x.Nodes), t.age(x.Created)}
		if t.wide {
			cells = append(cells, dash(x.EphemeralStorageSize), fmt.Sprint(len(x.Tags)))
		}
	case model.Component:
		cells = []string{x.Name, string(x.State), dash(x.Version), firstOr(x.Evidence)}
		if t.wide {
			cells[3] = strings.Join(x.Evidence, "; ")
		}
	}
	for i, c := range cells {
		cells[i] = dash(cut(sanitize.Line(c), maxCellRunes))
	}
	t.rows = append(t.rows, cells)
}

// maxCellRunes bounds a table cell: a 32 KiB condition message must not
// push every other column off the screen. JSON and YAML keep the whole
// value, as do the UI's detail views.
const maxCellRunes = 80

// cut shortens s to at most n runes, ending in … when it cut.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	runes := []rune(s)
	return string(runes[:n-1]) + "…"
}

var headers = map[string][]string{
	"nodes": {"NAME", "KIND", "NODEPOOL", "ORIGIN", "INSTANCE-TYPE", "CAPACITY", "ZONE",
		"READY", "PODS", "EC2-$/H", "FEE-$/H", "AGE"},
	"nodepools":   {"NAME", "ORIGIN", "NODECLASS", "NODES", "READY", "$/H", "$/MONTH", "AGE"},
	"nodeclaims":  {"NAME", "NODEPOOL", "STATE", "TYPE", "CAPACITY", "ZONE", "NODE", "REASON", "AGE"},
	"nodeclasses": {"NAME", "KIND", "BUILT-IN", "ROLE", "READY", "NODEPOOLS", "NODES", "AGE"},
	"components":  {"NAME", "STATE", "VERSION", "EVIDENCE"},
}

var wideHeaders = map[string][]string{
	"nodes":       {"NODECLASS", "NODEGROUP", "REGION", "OVER-110"},
	"nodepools":   {"NODECLAIMS", "WEIGHT", "EXPIRE-AFTER", "CPU", "MEMORY"},
	"nodeclaims":  {"CONDITIONS", "MESSAGE"},
	"nodeclasses": {"STORAGE", "TAGS"},
}

func (t *table) write(w io.Writer, resource string) error {
	tw := tabwriter.NewWriter(w, 0, 8, 3, ' ', 0)
	head := headers[resource]
	if t.wide {
		head = append(append([]string{}, head...), wideHeaders[resource]...)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range t.rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}

func (t *table) age(created time.Time) string {
	if created.IsZero() {
		return "<unknown>"
	}
	return duration.HumanDuration(t.now.Sub(created))
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

func firstOr(s []string) string {
	if len(s) == 0 {
		return "-"
	}
	return s[0]
}

func podCount(n model.Node) string {
	if n.MaxPods == 0 {
		return fmt.Sprint(n.Pods)
	}
	return fmt.Sprintf("%d/%d", n.Pods, n.MaxPods)
}

// overLimit says how many pods Auto Mode's limit of 110 would cut.
func overLimit(n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("+%d", n)
}

func refName(r model.ObjectRef) string {
	if r.Kind == "" {
		return dash(r.Name)
	}
	return r.Kind + "/" + r.Name
}

func weight(w int) string {
	if w == 0 {
		return "-"
	}
	return fmt.Sprint(w)
}

// limit shows what is requested against the pool's limit, "1.5/64".
func limit(used string, max int64, unit func(int64) string) string {
	if max == 0 {
		return used
	}
	return used + "/" + unit(max)
}

func cpu(millis int64) string {
	if millis%1000 == 0 {
		return fmt.Sprint(millis / 1000)
	}
	return fmt.Sprintf("%.1f", float64(millis)/1000)
}

func mem(bytes int64) string {
	return fmt.Sprintf("%.1fGi", float64(bytes)/(1<<30))
}

// conditionSummary lists conditions as kubectl users read them,
// "Launched=True,Registered=Unknown".
func conditionSummary(conds []model.Condition) string {
	parts := make([]string, len(conds))
	for i, c := range conds {
		parts[i] = c.Type + "=" + c.Status
	}
	return dash(strings.Join(parts, ","))
}
