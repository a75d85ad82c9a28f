package cli

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestConfigOverrideChangesDemoPrices checks that a price override in the
// config file reaches get's JSON: the on-demand price, and the source of a
// node without an Auto Mode fee (an Auto node's source is its weakest
// figure, the embedded fee).
func TestConfigOverrideChangesDemoPrices(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	writeConfig(t, path, "pricing:\n  overrides:\n    m5.large: 0.05\n")

	out, errOut, code := runCommand(t, "--config", path, "--demo", "get", "nodes", "-o", "json")
	if code != 0 {
		t.Fatalf("get: exit %d, stderr %q", code, errOut)
	}
	var got struct {
		Items []struct {
			InstanceType string  `json:"instanceType"`
			CapacityType string  `json:"capacityType"`
			EC2          float64 `json:"ec2PricePerHour"`
			Source       string  `json:"priceSource"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("get -o json: %v", err)
	}
	seen := 0
	for _, n := range got.Items {
		if n.InstanceType != "m5.large" || n.CapacityType != "on-demand" {
			continue
		}
		seen++
		if n.EC2 != 0.05 || n.Source != "override" {
			t.Errorf("m5.large: ec2PricePerHour %v, priceSource %q; want 0.05, override",
				n.EC2, n.Source)
		}
	}
	if seen == 0 {
		t.Fatal("the demo has no on-demand m5.large node to check")
	}
}
