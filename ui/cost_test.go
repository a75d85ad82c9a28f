package ui

import (
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestPriceCellsSayWhatTheyKnow(t *testing.T) {
	est := model.Figure{PerHour: 0.010272, Source: model.SourceEstimate}
	api := model.Figure{PerHour: 0.0856, Source: model.SourceAPI}
	tests := []struct {
		name string
		got  cell
		want string
	}{
		{"on-demand EC2", ec2Cell(model.NodePrice{EC2: api}), "$0.0856"},
		{"reserved", ec2Cell(model.NodePrice{Reserved: true}), "reserved"},
		{"unpriced", ec2Cell(model.NodePrice{Unpriced: "no price for t9.huge"}), "-"},
		{"estimated fee", feeCell(model.KindAuto, model.NodePrice{Fee: est}), "≈$0.0103"},
		{"Auto Mode node, fee unknown", feeCell(model.KindAuto, model.NodePrice{}), "-"},
		{"managed node group pays none", feeCell(model.KindManagedNodeGroup,
			model.NodePrice{}), "none"},
		{"pool not priced", costCell(model.Cost{}), "-"},
		{"pool priced", costCell(model.Cost{EC2PerHour: 0.0856, FeePerHour: 0.010272}),
			"$0.0959"},
		{"pool partly priced", costCell(model.Cost{EC2PerHour: 1, Unpriced: []string{"a", "b"}}),
			"$1.0000 +2 unpriced"},
		{"pool not priced at all", costCell(model.Cost{Unpriced: []string{"a"}}), "1 unpriced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got.text != tt.want {
				t.Errorf("text = %q, want %q", tt.got.text, tt.want)
			}
		})
	}
}

func TestHeaderShowsCostFeeShareAndPricingError(t *testing.T) {
	c := priced(model.Build(autoModeInputs()), "")
	c.Cost.Unpriced = []string{"i-0zzz"}
	c.PricingErrors = []string{"no price list for eu-west-9: run with --price-source embedded\n" +
		"second line"}
	m := newTestModel(t, c, 200, 60, true)
	view := m.View().Content
	for _, want := range []string{"≈$1.57/h", "≈$1,149/month", "fee 12%", "1 unpriced",
		"! pricing: no price list for eu-west-9: run with --price-source embedded"} {
		if !strings.Contains(view, want) {
			t.Errorf("the screen lacks %q", want)
		}
	}
	if strings.Contains(view, "second line") {
		t.Error("more than the first line of the pricing error is shown")
	}
}

func TestUnpricedClusterShowsNoCost(t *testing.T) {
	m := newTestModel(t, model.Build(autoModeInputs()), 200, 60, true)
	if view := m.View().Content; strings.Contains(view, "/h") || strings.Contains(view, "fee ") {
		t.Errorf("a cluster nobody priced shows a cost:\n%s", view)
	}
}

func TestFitWordsCutsBetweenWords(t *testing.T) {
	tests := []struct {
		in   string
		w    int
		want string
	}{
		{"Unauthorized: not authorized", 16, "Unauthorized…   "},
		{"no capacity in eu-west-1b", 16, "no capacity in… "},
		{"short", 8, "short   "},
		{"averyveryverylongword", 8, "averyve…"},
	}
	for _, tt := range tests {
		if got := fitWords(tt.in, tt.w); got != tt.want {
			t.Errorf("fitWords(%q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
}

func TestPaletteFollowsTheTerminalBackground(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	m := newTestModel(t, model.Build(autoModeInputs()), 120, 40, false)
	dark := m.View().Content
	light := step(t, m, tea.BackgroundColorMsg{Color: color.White}).View().Content
	// The accent is #79c0ff on dark backgrounds and #0550ae on light ones.
	if !strings.Contains(dark, "121;192;255") || strings.Contains(dark, "5;80;174") {
		t.Error("the dark palette does not use the dark accent")
	}
	if !strings.Contains(light, "5;80;174") || strings.Contains(light, "121;192;255") {
		t.Error("a light background did not switch to the light accent")
	}

	t.Setenv("NO_COLOR", "1")
	plain := NewWithOptions(nil, nil, Options{})
	plain = step(t, plain, tea.WindowSizeMsg{Width: 120, Height: 40})
	plain = step(t, plain, snapshotMsg{cluster: model.Build(autoModeInputs())})
	plain = step(t, plain, tea.BackgroundColorMsg{Color: color.White})
	if v := plain.View().Content; strings.Contains(v, "38;2;") {
		t.Error("NO_COLOR set, yet the screen has colour")
	}
}

func TestStandardClusterOpensOnNodes(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	m := newTestModel(t, model.Build(standardInputs()), 80, 24, true)
	if m.focus != panelNodes {
		t.Errorf("a cluster without NodePools opened on panel %d, want Nodes", m.focus)
	}
	m = newTestModel(t, model.Build(autoModeInputs()), 80, 24, true)
	if m.focus != panelNodePools {
		t.Errorf("an Auto Mode cluster opened on panel %d, want NodePools", m.focus)
	}
}

func TestPricingErrorIsNotPrefixedTwice(t *testing.T) {
	c := model.Build(autoModeInputs())
	c.PricingErrors = []string{"pricing: no AWS credentials for ec2:DescribeSpotPriceHistory"}
	view := newTestModel(t, c, 200, 60, true).View().Content
	if strings.Contains(view, "pricing: pricing:") ||
		!strings.Contains(view, "! pricing: no AWS credentials") {
		t.Errorf("the pricing error reads wrong:\n%s", view)
	}
}
