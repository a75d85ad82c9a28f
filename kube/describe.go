package kube

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/duration"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// describeCustom lays out a Karpenter or Auto Mode object the way kubectl
// describe lays out built-in ones: aligned metadata, the spec, a table of
// conditions and a table of events. Dynamic objects have no describer of
// their own in kubectl; this page is the one users would want.
func describeCustom(u *unstructured.Unstructured, events []model.Event, now time.Time) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 8, 2, ' ', 0)
	age := func(t time.Time) string {
		if t.IsZero() {
			return "<unknown>"
		}
		return duration.HumanDuration(now.Sub(t))
	}

	fmt.Fprintf(tw, "Name:\t%s\n", u.GetName())
	fmt.Fprintf(tw, "Kind:\t%s (%s)\n", u.GetKind(), u.GetAPIVersion())
	fmt.Fprintf(tw, "Labels:\t%s\n", pairs(u.GetLabels()))
	annotations := u.GetAnnotations()
	delete(annotations, lastApplied)
	fmt.Fprintf(tw, "Annotations:\t%s\n", pairs(annotations))
	created := u.GetCreationTimestamp().Time
	fmt.Fprintf(tw, "Created:\t%s (%s ago)\n", created.UTC().Format(time.RFC3339), age(created))
	if del := u.GetDeletionTimestamp(); del != nil {
		fmt.Fprintf(tw, "Deleting:\tsince %s\n", del.UTC().Format(time.RFC3339))
	}
	if owners := u.GetOwnerReferences(); len(owners) > 0 {
		fmt.Fprintf(tw, "Owner:\t%s/%s\n", owners[0].Kind, owners[0].Name)
	}
	_ = tw.Flush()

	section(&b, "Spec", u.Object["spec"])
	status, _ := u.Object["status"].(map[string]any)
	rest := maps.Clone(status)
	delete(rest, "conditions")
	if len(rest) > 0 {
		section(&b, "Status", rest)
	}

	b.WriteString("Conditions:\n")
	conds := conditionsOf(u.Object)
	if len(conds) == 0 {
		b.WriteString("  <none>\n")
	} else {
		tw = tabwriter.NewWriter(&b, 0, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "  Type\tStatus\tReason\tAge\tMessage")
		for _, c := range conds {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", sanitize.Line(c.Type),
				sanitize.Line(c.Status), orDash(sanitize.Line(c.Reason)),
				age(c.LastTransitionTime), sanitize.Line(c.Message))
		}
		_ = tw.Flush()
	}

	b.WriteString("Events:\n")
	if len(events) == 0 {
		b.WriteString("  <none>\n")
		return b.String()
	}
	tw = tabwriter.NewWriter(&b, 0, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "  Type\tReason\tAge\tFrom\tMessage")
	for _, e := range events {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", e.Type, e.Reason, age(e.Last),
			orDash(e.Source), e.Message)
	}
	_ = tw.Flush()
	return b.String()
}

// section writes a titled block of YAML, indented under its title.
func section(b *strings.Builder, title string, v any) {
	fmt.Fprintf(b, "%s:\n", title)
	if v == nil {
		b.WriteString("  <none>\n")
		return
	}
	out, err := marshalYAML(v)
	if err != nil {
		fmt.Fprintf(b, "  <cannot show: %v>\n", err)
		return
	}
	for _, line := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		fmt.Fprintf(b, "  %s\n", line)
	}
}

// pairs lists a map as kubectl describe does, "k=v" joined, sorted.
func pairs(m map[string]string) string {
	if len(m) == 0 {
		return "<none>"
	}
	keys := slices.Sorted(maps.Keys(m))
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k + "=" + m[k]
	}
	return strings.Join(out, "\n\t")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
