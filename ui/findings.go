package ui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

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
	keys := findingKeys(fs)
	for i, f := range fs {
		key, ref := keys[i], shownRef(f.Object)
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

// findingKeys are the rows' keys, one per finding. A second finding of the
// same rule about the same object gets a number, so that every key names
// one row.
func findingKeys(fs []model.Finding) []string {
	keys := make([]string, len(fs))
	seen := map[string]int{}
	for i, f := range fs {
		key := findingKey(f.Rule, shownRef(f.Object))
		keys[i] = key
		if n := seen[key]; n > 0 {
			keys[i] += fmt.Sprintf(" #%d", n)
		}
		seen[key]++
	}
	return keys
}

// shownRef is an object's Ref as the screen shows it, sanitised.
func shownRef(ref model.Ref) model.Ref {
	return model.Ref{Kind: sanitize.Line(ref.Kind), Namespace: sanitize.Line(ref.Namespace),
		Name: sanitize.Line(ref.Name)}
}

// findingByKey finds the finding a row's key names in a snapshot, or nil
// when the snapshot no longer raises it. It runs the rules again, which
// only an open finding's view asks for.
func findingByKey(c *model.Cluster, key string) any {
	now := c.BuiltAt
	if now.IsZero() {
		now = time.Now()
	}
	fs := model.Findings(c, now)
	for i, k := range findingKeys(fs) {
		if k == key {
			return fs[i]
		}
	}
	return nil
}

// openFinding is d on a finding: its whole text, with the documentation
// link, which the panel's cut cells cannot hold. Enter goes to the object.
func (m *Model) openFinding(key string) tea.Cmd {
	return m.openText(model.Ref{Kind: kindFinding, Name: key}, modeDescribe)
}

// findingText is a finding's detail, drawn from the snapshot.
func findingText(f model.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Severity:  %s\n", f.Severity)
	fmt.Fprintf(&b, "Object:    %s\n", shownRef(f.Object))
	if f.Field != "" {
		fmt.Fprintf(&b, "Field:     %s\n", sanitize.Line(f.Field))
	}
	fmt.Fprintf(&b, "Message:   %s\n", sanitize.Line(f.Message))
	fmt.Fprintf(&b, "Hint:      %s\n", sanitize.Line(f.Hint))
	fmt.Fprintf(&b, "Rule:      %s\n", f.Rule)
	fmt.Fprintf(&b, "Docs:      %s\n", f.Link)
	b.WriteString("\nenter on the finding in its panel opens the object.\n")
	return b.String()
}

// findingKey is a row's key: the object as kubectl names it, then the
// rule, "NodeClaim/gpu-m9n0p nodeclaim-unauthorized". Kinds, names and
// rules hold neither a space nor a slash, so findingRef can split it again.
func findingKey(rule string, ref model.Ref) string {
	return ref.String() + " " + rule
}

// findingRef is the object a finding row's key names.
func findingRef(key string) model.Ref {
	object, _, _ := strings.Cut(key, " ")
	parts := strings.Split(object, "/")
	switch len(parts) {
	case 2:
		return model.Ref{Kind: parts[0], Name: parts[1]}
	case 3:
		return model.Ref{Kind: parts[0], Namespace: parts[1], Name: parts[2]}
	}
	return model.Ref{}
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
// NodeClaims and Nodes are found by binary search, since model.Build
// sorts them by name: a snapshot with few findings then costs no index of
// its thousands of nodes.
type poolIndex struct {
	claims  []model.NodeClaim
	nodes   []model.Node
	classes map[model.ObjectRef][]string
}

func newPoolIndex(c *model.Cluster) poolIndex {
	ix := poolIndex{claims: c.NodeClaims, nodes: c.Nodes,
		classes: map[model.ObjectRef][]string{}}
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
		if i, ok := slices.BinarySearchFunc(ix.claims, ref.Name, byClaimName); ok {
			return one(ix.claims[i].NodePool)
		}
	case "Node":
		if i, ok := slices.BinarySearchFunc(ix.nodes, ref.Name, byNodeName); ok {
			return one(ix.nodes[i].NodePool)
		}
	case model.KindNodeClass, model.KindEC2NodeClass:
		return ix.classes[model.ObjectRef{Kind: ref.Kind, Name: ref.Name}]
	}
	return nil
}

func byClaimName(nc model.NodeClaim, name string) int { return strings.Compare(nc.Name, name) }
func byNodeName(n model.Node, name string) int        { return strings.Compare(n.Name, name) }

// findingDetail answers a finding's view: a finding is not a Kubernetes
// object, so it has a describe of its own and no YAML or events.
func findingDetail(v *view, mode textMode, seq int) detailMsg {
	f, ok := v.seen.(model.Finding)
	switch {
	case !ok:
		return detailMsg{seq: seq, err: fmt.Errorf("the finding is gone from the cluster")}
	case mode != modeDescribe:
		return detailMsg{seq: seq, err: fmt.Errorf("a finding is not a Kubernetes object: "+
			"it has no %s; d shows it, enter on its row opens %s", mode, shownRef(f.Object))}
	}
	return detailMsg{seq: seq, text: findingText(f)}
}
