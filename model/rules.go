package model

import (
	"fmt"
	"strings"
	"time"
)

// Documentation pages the findings link to. The AWS pages are the EKS User
// Guide pages the facts sheet cites for each rule.
const (
	ugBase = "https://docs.aws.amazon.com/eks/latest/userguide/"

	LinkNodePool       = ugBase + "create-node-pool.html"
	LinkNodeClass      = ugBase + "create-node-class.html"
	LinkAccessEntry    = ugBase + "create-node-class.html#auto-node-access-entry"
	LinkTagPermissions = ugBase + "auto-learn-iam.html#tag-prop"
	LinkIAM            = ugBase + "auto-learn-iam.html"
	LinkTroubleshoot   = ugBase + "auto-troubleshoot.html"
	LinkNetworking     = ugBase + "auto-networking.html"
	LinkPodSGs         = ugBase + "auto-sgp.html"
	LinkMigrate        = ugBase + "auto-migrate-reference.html"
	LinkInstances      = ugBase + "automode-learn-instances.html"
	LinkStorageClass   = ugBase + "create-storage-class.html"
	LinkBuiltInPools   = ugBase + "set-builtin-node-pools.html"
	LinkAutoMode       = ugBase + "automode.html"

	// LinkDisruption is Karpenter's page on expiry and the termination
	// grace period.
	LinkDisruption = "https://karpenter.sh/docs/concepts/disruption/"
)

// Auto Mode's node-lifetime limits (facts sheet §2b, §6): expireAfter plus
// terminationGracePeriod may not exceed 21 days, expireAfter defaults to
// 336h, and an unset grace period counts as 24h.
const (
	MaxNodeLifetime               = 504 * time.Hour
	DefaultExpireAfter            = 336 * time.Hour
	DefaultTerminationGracePeriod = 24 * time.Hour
)

// NodeClaim liveness timeouts of upstream Karpenter (facts sheet §2c,
// pkg/controllers/nodeclaim/lifecycle/liveness.go). Auto Mode's own values
// are not published; these are the ones its controller descends from.
const (
	LaunchTimeout       = 5 * time.Minute
	RegistrationTimeout = 15 * time.Minute
)

// never is how Karpenter spells an expireAfter that never expires.
const never = "Never"

// ParseKarpenterDuration reads a Karpenter duration such as "336h" or
// "24h0m0s": one or more numbers each followed by h, m or s, the pattern
// the CRDs enforce. It does not accept "Never"; callers check for it first.
func ParseKarpenterDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("empty duration")
	}
	for i, r := range s {
		digit := r >= '0' && r <= '9'
		unit := r == 'h' || r == 'm' || r == 's'
		if !digit && !unit {
			return 0, fmt.Errorf("%q: only digits and the units h, m and s are allowed", s)
		}
		if unit && (i == 0 || s[i-1] < '0' || s[i-1] > '9') {
			return 0, fmt.Errorf("%q: each unit needs a number before it", s)
		}
	}
	if last := s[len(s)-1]; last >= '0' && last <= '9' {
		return 0, fmt.Errorf("%q: the last number needs a unit (h, m or s)", s)
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("%q: %w", s, err)
	}
	return d, nil
}

// shortDuration writes a duration the way a table has room for: "12m",
// "3h05m", "4d2h".
func shortDuration(d time.Duration) string {
	d = d.Truncate(time.Minute)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	days := int(d.Hours()) / 24
	return fmt.Sprintf("%dd%dh", days, int(d.Hours())%24)
}

// oneLine squeezes text from the cluster onto one line and cuts it to n
// runes, so that a finding's message stays one line.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// clusterRef is the object of findings about the cluster as a whole.
func clusterRef(c *Cluster) Ref {
	name := c.ClusterName
	if name == "" {
		name = c.Context
	}
	return Ref{Kind: "Cluster", Name: name}
}
