package cli_test

import "testing"

// The demo's point is who pays the fee: on Auto Mode the system pool's two
// c6g.large nodes pay it on top of EC2; on standard EKS the same workloads
// run on managed node groups and OSS Karpenter, and no node pays it.
func TestDemoFeeAutoModeAgainstStandard(t *testing.T) {
	tests := []struct {
		scenario string
		// feePaying is how many c6g.large nodes must pay the Tokyo fee.
		feePaying int
	}{
		{"auto", 2},
		{"standard", 0},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			out, errOut, code := run(t, "--demo="+tt.scenario, "get", "nodes", "-o", "json")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}

			c6g, paying := 0, 0
			for _, n := range items(t, out) {
				fee, _ := n["autoModeFeePerHour"].(float64)
				if n["kind"] != "auto" && fee != 0 {
					t.Errorf("%s node %s pays a fee of %v", n["kind"], n["name"], fee)
				}
				if n["instanceType"] != "c6g.large" {
					continue
				}
				c6g++
				if fee == 0.010272 && n["ec2PricePerHour"] == 0.0856 {
					paying++
				}
			}
			if c6g < 2 {
				t.Errorf("%d c6g.large nodes, want the two that Metrics Server spreads over", c6g)
			}
			if paying != tt.feePaying {
				t.Errorf("%d c6g.large nodes pay 0.0856 + 0.010272 $/h, want %d", paying,
					tt.feePaying)
			}
		})
	}
}
