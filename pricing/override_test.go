package pricing_test

import (
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// TestConfigOverridesAndFeeDiscount checks that the config file's per-type
// on-demand overrides and fee discount change the prices they should and
// leave the others alone.
func TestConfigOverridesAndFeeDiscount(t *testing.T) {
	asOf := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		capacity   string
		overrides  map[string]float64
		discount   float64
		wantEC2    float64
		wantEC2Src model.PriceSource
		wantFee    float64
	}{
		{"override replaces on-demand", "on-demand", map[string]float64{"c6g.large": 0.07},
			0, 0.07, model.SourceOverride, 0.010272},
		// The embedded table has no spot prices: the node stays unpriced
		// rather than taking the on-demand override.
		{"spot is not overridden", "spot", map[string]float64{"c6g.large": 0.07},
			0, 0, "", 0.010272},
		{"fee discount of 10%", "on-demand", nil, 10, 0.0856, model.SourceEmbedded, 0.0092448},
		{"zero discount changes nothing", "on-demand", nil, 0, 0.0856, model.SourceEmbedded,
			0.010272},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := pricing.New(pricing.Options{Source: pricing.SourceEmbedded,
				Overrides: tt.overrides, OverridesAsOf: asOf, FeeDiscount: tt.discount})
			c := cluster(node("n", model.KindAuto, "c6g.large", tt.capacity, tokyo+"a"))
			got := p.Price(c).Nodes[0].Price

			if got.EC2.Source != tt.wantEC2Src {
				t.Errorf("EC2 source = %q, want %q (%+v)", got.EC2.Source, tt.wantEC2Src, got)
			}
			if !near(got.EC2.PerHour, tt.wantEC2) {
				t.Errorf("EC2 = %v, want %v", got.EC2.PerHour, tt.wantEC2)
			}
			if tt.wantEC2Src == model.SourceOverride && !got.EC2.AsOf.Equal(asOf) {
				t.Errorf("override AsOf = %v, want %v", got.EC2.AsOf, asOf)
			}
			if !near(got.Fee.PerHour, tt.wantFee) || got.Fee.Source != model.SourceEmbedded {
				t.Errorf("fee = %+v, want %v from embedded", got.Fee, tt.wantFee)
			}
		})
	}
}
