package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"k8s.io/cli-runtime/pkg/genericclioptions"

	"github.com/kubectl-automode/kubectl-automode/internal/awstest"
	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// get waits for lookups only so long, then prints what it knows and says
// that lookups were still running.
func TestGetStopsWaitingForSlowPrices(t *testing.T) {
	fake := awstest.Start(t)
	fake.Fail(awstest.GetProducts, awstest.Failure{Delay: 10 * time.Second})
	p := pricing.New(pricing.Options{
		Clients:  pricing.NewAWSClients(fake.ClientOptions()...),
		CacheDir: t.TempDir(), BulkBaseURL: fake.URL,
	})
	c := &model.Cluster{Region: "ap-northeast-1", Nodes: []model.Node{{Name: "n",
		Kind: model.KindAuto, InstanceType: "c6g.large", CapacityType: "on-demand"}}}
	start := time.Now()

	got := priceForGet(context.Background(), p, c, 100*time.Millisecond)

	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("get waited %v", d)
	}
	if e := got.Nodes[0].Price.EC2; e.Source != model.SourceEmbedded {
		t.Errorf("EC2 = %+v, want the embedded figure while the API is slow", e)
	}
	want := "pricing: lookups still running after 100ms"
	if n := len(got.PricingErrors); n == 0 || !strings.HasPrefix(got.PricingErrors[n-1], want) {
		t.Errorf("errors = %q, want a last line starting %q", got.PricingErrors, want)
	}
}

func TestGetPricingWaitReadsRequestTimeout(t *testing.T) {
	for flag, want := range map[string]time.Duration{
		"0": defaultGetPricingWait, "": defaultGetPricingWait, "7": 7 * time.Second,
		"750ms": 750 * time.Millisecond, "junk": defaultGetPricingWait,
	} {
		o := &options{config: genericclioptions.NewConfigFlags(true)}
		*o.config.Timeout = flag
		if got := o.getPricingWait(); got != want {
			t.Errorf("--request-timeout %q: wait %v, want %v", flag, got, want)
		}
	}
}
