package model

import "time"

// Findings runs every cluster rule: the NodePool and NodeClass lint rules
// over what the cluster holds, why each NodeClaim is held back, and what a
// move to Auto Mode would change. now decides how long a claim has waited.
// The result is sorted with SortFindings.
func Findings(c *Cluster, now time.Time) []Finding {
	var out []Finding
	for _, p := range c.NodePools {
		if p.Origin == OriginBuiltIn {
			// EKS owns the built-in pools; nothing in them is the user's
			// to fix.
			continue
		}
		out = append(out, LintNodePool(p)...)
	}

	covered := map[string]bool{}
	for _, nc := range c.NodeClasses {
		if nc.BuiltIn && nc.Role != "" {
			covered[nc.Role] = true
		}
	}
	for _, nc := range c.NodeClasses {
		out = append(out, nodeClassFindings(nc, covered)...)
	}

	for _, claim := range c.NodeClaims {
		out = append(out, NodeClaimFindings(claim, classOf(c, claim.NodeClassRef), now)...)
	}

	out = append(out, MigrationFindings(c)...)
	SortFindings(out)
	return out
}

// classOf finds the NodeClass a reference points at, or nil.
func classOf(c *Cluster, ref ObjectRef) *NodeClass {
	for i := range c.NodeClasses {
		nc := &c.NodeClasses[i]
		if nc.Name == ref.Name && nc.Group == ref.Group && nc.Kind == ref.Kind {
			return nc
		}
	}
	return nil
}
