package pricing_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// m6iTokyo is a node whose price only the API knows.
func m6iTokyo() *model.Cluster {
	return cluster(node("m6i", model.KindAuto, "m6i.large", "on-demand", "ap-northeast-1a"))
}

// What the API answered is on disk for the next start, which prices at
// once and offline, and refreshes in the background only once the figures
// are a day old.
func TestCacheCarriesPricesToTheNextStart(t *testing.T) {
	s := fake(t)
	s.SetEC2(tokyo, "m6i.large", "0.1488")
	s.SetFee(tokyo, "m6i.large", "0.017856")
	o := withFake(t, s)
	priceSettled(t, pricing.New(o), m6iTokyo())
	if _, err := os.Stat(filepath.Join(o.CacheDir, "prices.json")); err != nil {
		t.Fatalf("no cache file: %v", err)
	}
	asked := len(s.Requests())

	t.Run("pinned to the cache", func(t *testing.T) {
		p := pricing.New(pricing.Options{Source: pricing.SourceCache, CacheDir: o.CacheDir})

		got := p.Price(m6iTokyo()).Nodes[0].Price

		if !near(got.EC2.PerHour, 0.1488) || got.EC2.Source != model.SourceCache ||
			!near(got.Fee.PerHour, 0.017856) || got.Fee.Source != model.SourceCache {
			t.Errorf("price = %+v, want both figures from the cache", got)
		}
	})
	t.Run("fresh cache asks nothing", func(t *testing.T) {
		got := priceSettled(t, pricing.New(o), m6iTokyo()).Nodes[0].Price

		if got.EC2.Source != model.SourceCache || len(s.Requests()) != asked {
			t.Errorf("price %+v after %d more requests; want the cache and none",
				got, len(s.Requests())-asked)
		}
	})
	t.Run("day-old cache refreshes", func(t *testing.T) {
		stale := o
		stale.Now = func() time.Time { return time.Now().Add(25 * time.Hour) }
		p := pricing.New(stale)

		if got := p.Price(m6iTokyo()).Nodes[0].Price; got.EC2.Source != model.SourceCache {
			t.Errorf("before the refresh, price = %+v; want the cache's", got)
		}
		got := priceSettled(t, p, m6iTokyo()).Nodes[0].Price
		if got.EC2.Source != model.SourceAPI || len(s.Requests()) == asked {
			t.Errorf("after the refresh, price = %+v; want the API's", got)
		}
	})
}

func TestUnreadableCache(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "prices.json"), []byte("{not json"), 0o600)

	got := pricing.New(pricing.Options{Source: pricing.SourceCache, CacheDir: dir}).
		Price(m6iTokyo())

	if len(got.PricingErrors) != 1 || !strings.Contains(got.PricingErrors[0],
		"is not valid JSON") || !strings.HasSuffix(got.PricingErrors[0], "it will be rewritten") {
		t.Errorf("errors = %q", got.PricingErrors)
	}
	if got.Nodes[0].Price.Unpriced != "no price for m6i.large in "+tokyo {
		t.Errorf("price = %+v", got.Nodes[0].Price)
	}
}

func TestDefaultCacheDirIsTheUsers(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/home/someone/.cache")

	dir, err := pricing.DefaultCacheDir()

	if err != nil || dir != "/home/someone/.cache/kubectl-automode/pricing" {
		t.Errorf("DefaultCacheDir() = %q, %v", dir, err)
	}
}

// Every figure built into the binary names its public source and date,
// and the project's documented facts are among them (facts sheet §7).
func TestEmbeddedTable(t *testing.T) {
	data, err := os.ReadFile("embedded.json")
	if err != nil {
		t.Fatal(err)
	}
	var table pricing.EmbeddedTable
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range table.Figures {
		if f.Source == "" || f.AsOf.IsZero() || f.PerHour <= 0 || f.Region == "" ||
			f.InstanceType == "" || (f.Kind != "ec2" && f.Kind != "fee") {
			t.Errorf("incomplete figure %+v", f)
		}
		got[f.Kind+" "+f.Region+" "+f.InstanceType] = f.PerHour
	}
	for k, want := range map[string]float64{
		"ec2 ap-northeast-1 c6g.large": 0.0856, "fee ap-northeast-1 c6g.large": 0.010272,
		"ec2 us-east-1 m5.large": 0.096, "fee us-east-1 m5.large": 0.01152,
		"ec2 us-east-1 c6g.large": 0.068, "ec2 us-east-1 t4g.xlarge": 0.1344,
		"ec2 us-east-1 c6a.large": 0.0765,
	} {
		if !near(got[k], want) {
			t.Errorf("%s = %v, want %v", k, got[k], want)
		}
	}

	p := pricing.New(pricing.Options{Source: pricing.SourceEmbedded})
	if errs := p.Errors(); len(errs) != 0 {
		t.Errorf("the embedded table does not load: %q", errs)
	}
}
