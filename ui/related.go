package ui

import (
	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// pageSpec is what an object's page lists: a NodePool's NodeClaims, a
// NodeClaim's Node, a Node's pods, a NodeClass's NodePools. Pods and
// components own nothing and have no page.
func pageSpec(ref model.Ref) (panelSpec, bool) {
	switch ref.Kind {
	case "NodePool":
		return panels[panelNodeClaims], true
	case "NodeClaim":
		spec := panels[panelNodes]
		spec.title = "Node"
		return spec, true
	case "Node":
		return podPanel, true
	case model.KindNodeClass, model.KindEC2NodeClass:
		return panels[panelNodePools], true
	}
	return panelSpec{}, false
}

// related is the part of the snapshot an object's page lists, as a
// cluster of its own so that the panels' row builders serve pages too.
// Names are compared as the rows show them, sanitised.
func related(c *model.Cluster, ref model.Ref) *model.Cluster {
	sub := &model.Cluster{BuiltAt: c.BuiltAt}
	switch ref.Kind {
	case "NodePool":
		for _, nc := range c.NodeClaims {
			if sanitize.Line(nc.NodePool) == ref.Name {
				sub.NodeClaims = append(sub.NodeClaims, nc)
			}
		}
	case "NodeClaim":
		claim, _ := lookup(c, ref).(model.NodeClaim)
		for _, n := range c.Nodes {
			if claim.NodeName != "" && n.Name == claim.NodeName {
				sub.Nodes = append(sub.Nodes, n)
			}
		}
	case "Node":
		for _, p := range c.Pods {
			if sanitize.Line(p.NodeName) == ref.Name {
				sub.Pods = append(sub.Pods, p)
			}
		}
	case model.KindNodeClass, model.KindEC2NodeClass:
		for _, p := range c.NodePools {
			if sanitize.Line(p.NodeClassRef.Name) == ref.Name && p.NodeClassRef.Kind == ref.Kind {
				sub.NodePools = append(sub.NodePools, p)
			}
		}
	}
	return sub
}

// lookup finds the object a Ref names in the snapshot, as its model value,
// or nil when the snapshot no longer has it.
func lookup(c *model.Cluster, ref model.Ref) any {
	name := func(s string) bool { return sanitize.Line(s) == ref.Name }
	switch ref.Kind {
	case "NodePool":
		for _, p := range c.NodePools {
			if name(p.Name) {
				return p
			}
		}
	case "NodeClaim":
		for _, nc := range c.NodeClaims {
			if name(nc.Name) {
				return nc
			}
		}
	case "Node":
		for _, n := range c.Nodes {
			if name(n.Name) {
				return n
			}
		}
	case "Pod":
		for _, p := range c.Pods {
			if name(p.Name) && sanitize.Line(p.Namespace) == ref.Namespace {
				return *p // a value, as for every other kind, so views compare like with like
			}
		}
	case model.KindNodeClass, model.KindEC2NodeClass:
		for _, nc := range c.NodeClasses {
			if name(nc.Name) && nc.Kind == ref.Kind {
				return nc
			}
		}
	case kindCluster:
		return model.Compare(c)
	case kindFinding:
		return findingByKey(c, ref.Name)
	case kindComponent:
		for _, comp := range c.Components {
			if name(comp.Name) {
				return comp
			}
		}
	}
	return nil
}

// kindComponent names the Components panel's rows. Components are not
// Kubernetes objects: their detail view is the evidence, drawn here.
const kindComponent = "Component"
