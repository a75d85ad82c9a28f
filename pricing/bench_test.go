package pricing_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// BenchmarkPriceCluster prices a 5,000-node snapshot of mixed kinds,
// capacity types and zones, as the UI does after every change, from a warm
// cache that knows every type; one node in fifty has a type nobody knows.
func BenchmarkPriceCluster(b *testing.B) {
	kinds := []model.NodeKind{model.KindAuto, model.KindAuto, model.KindManagedNodeGroup,
		model.KindKarpenter}
	types := []string{"c6g.large", "m6i.large", "c6i.xlarge", "r6i.large", "m5.large"}
	capacity := []string{"on-demand", "on-demand", "on-demand", "spot", "reserved"}
	zones := []string{"ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"}
	nodes := make([]model.Node, 5000)
	for i := range nodes {
		typ := types[i%len(types)]
		if i%50 == 0 {
			typ = "x9.unknown"
		}
		nodes[i] = node(fmt.Sprintf("node-%04d", i), kinds[i%len(kinds)], typ,
			capacity[i%len(capacity)], zones[i%len(zones)])
	}
	c := cluster(nodes...)
	p := pricing.New(pricing.Options{Source: pricing.SourceCache,
		CacheDir: warmCache(b, types, zones)})

	b.ReportAllocs()
	for b.Loop() {
		p.Price(c)
	}
}

// warmCache writes a cache file with every figure the benchmark needs.
func warmCache(b *testing.B, types, zones []string) string {
	now := time.Now()
	var figs []pricing.TableFigure
	for i, typ := range types {
		price := 0.1 + float64(i)/100
		figs = append(figs,
			pricing.TableFigure{Kind: "ec2", Region: tokyo, InstanceType: typ, PerHour: price},
			pricing.TableFigure{Kind: "fee", Region: tokyo, InstanceType: typ,
				PerHour: price * 0.12})
		for _, z := range zones {
			figs = append(figs, pricing.TableFigure{Kind: "spot", Region: tokyo, Zone: z,
				InstanceType: typ, PerHour: price / 3})
		}
	}
	for i := range figs {
		figs[i].AsOf, figs[i].Fetched, figs[i].Origin = now, now, model.SourceAPI
	}
	data, err := json.Marshal(map[string]any{"version": 1, "figures": figs})
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "prices.json"), data, 0o600); err != nil {
		b.Fatal(err)
	}
	return dir
}
