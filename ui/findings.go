package ui

import (
	"fmt"
	"strings"
	"time"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// kindFinding names the Findings panel's rows. A finding is not an object
// of its own: its row key holds the object it is about, so that enter,
// describe, YAML and events act on that object.
const kindFinding = "Finding"

// findingColumns are the Findings panel's columns. The severity is a word,
// so that it reads without colour; the message outlasts the hint on a
// narrow screen.
var findingColumns = []column{
	{title: "SEVERITY", priority: 95},
	{title: "OBJECT", priority: 100, name: true},
	{title: "MESSAGE", priority: 90, fill: true, min: 20, max: 72},
	{title: "HINT", priority: 60, fill: true, min: 16},
}

// findingRows runs every cluster rule once per snapshot, when it is
// applied, and turns the findings into rows, most serious first. Each row
// names every NodePool its object belongs to, for the narrowing: a
// NodeClass belongs to each pool that uses it.
func findingRows(c *model.Cluster) []row {
	now := c.BuiltAt
	if now.IsZero() {
		now = time.Now()
	}
	fs := model.Findings(c, now)

	rows := make([]row, 0, len(fs))
	pools := newPoolIndex(c)
	seen := map[string]int{}
	for _, f := range fs {
		ref := model.Ref{Kind: sanitize.Line(f.Object.Kind),
			Namespace: sanitize.Line(f.Object.Namespace), Name: sanitize.Line(f.Object.Name)}
		key := findingKey(f.Rule, ref)
		if n := seen[key]; n > 0 {
			key += fmt.Sprintf(" #%d", n)
		}
		seen[findingKey(f.Rule, ref)]++

		in := pools.of(f.Object)
		r := row{key: key, pools: in, cells: []cell{
			severityCell(f.Severity),
			{text: ref.String()},
			{text: sanitize.Line(f.Message)},
			{text: sanitize.Line(f.Hint)},
		}}
		if len(in) > 0 {
			r.pool = in[0]
		}
		rows = append(rows, r)
	}
	return rows
}

// findingKey is a row's key: the rule, then the object's kind, namespace
// and name. None of them holds a space, so findingRef can split it again.
func findingKey(rule string, ref model.Ref) string {
	return strings.Join([]string{rule, ref.Kind, ref.Namespace, ref.Name}, " ")
}

// findingRef is the object a finding row's key names.
func findingRef(key string) model.Ref {
	parts := strings.Split(key, " ")
	if len(parts) < 4 {
		return model.Ref{}
	}
	return model.Ref{Kind: parts[1], Namespace: parts[2], Name: parts[3]}
}

func severityCell(s model.Severity) cell {
	switch s {
	case model.SeverityError:
		return cell{text: string(s), tone: toneBad}
	case model.SeverityWarning:
		return cell{text: string(s), tone: toneWarn}
	}
	return cell{text: string(s), tone: toneAccent}
}

// poolIndex names the NodePools each object belongs to, as the other
// panels name them (sanitised): a pool itself, a NodeClaim's or Node's
// pool, and every pool on a NodeClass. Other objects belong to no pool.
// It is built once per snapshot, so that thousands of findings about
// stuck claims cost one map lookup each.
type poolIndex struct {
	claims, nodes map[string]string
	classes       map[model.ObjectRef][]string
}

func newPoolIndex(c *model.Cluster) poolIndex {
	ix := poolIndex{claims: map[string]string{}, nodes: map[string]string{},
		classes: map[model.ObjectRef][]string{}}
	for _, nc := range c.NodeClaims {
		ix.claims[nc.Name] = nc.NodePool
	}
	for _, n := range c.Nodes {
		ix.nodes[n.Name] = n.NodePool
	}
	for _, p := range c.NodePools {
		ref := model.ObjectRef{Kind: p.NodeClassRef.Kind, Name: p.NodeClassRef.Name}
		ix.classes[ref] = append(ix.classes[ref], sanitize.Line(p.Name))
	}
	return ix
}

func (ix poolIndex) of(ref model.Ref) []string {
	one := func(pool string) []string {
		if pool == "" {
			return nil
		}
		return []string{sanitize.Line(pool)}
	}
	switch ref.Kind {
	case "NodePool":
		return one(ref.Name)
	case "NodeClaim":
		return one(ix.claims[ref.Name])
	case "Node":
		return one(ix.nodes[ref.Name])
	case model.KindNodeClass, model.KindEC2NodeClass:
		return ix.classes[model.ObjectRef{Kind: ref.Kind, Name: ref.Name}]
	}
	return nil
}
