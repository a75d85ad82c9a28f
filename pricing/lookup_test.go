package pricing_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/internal/awstest"
	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// autoTokyo is one Auto Mode c6g.large node in Tokyo, whose price the
// embedded table already knows.
func autoTokyo() *model.Cluster {
	return cluster(node("auto", model.KindAuto, "c6g.large", "on-demand", "ap-northeast-1a"))
}

// A failed lookup never blanks a price an earlier source gave: the node
// keeps its embedded price, and one line says what failed and what to do.
func TestFailedLookupsKeepEarlierPrices(t *testing.T) {
	tests := []struct {
		name    string
		fail    awstest.Failure
		timeout time.Duration
		want    string
	}{
		{"access denied", awstest.Failure{Code: "AccessDeniedException", Status: 400},
			0, "pricing: AccessDenied on pricing:GetProducts for ap-northeast-1; grant it " +
				"or use --price-source embedded"},
		{"throttled", awstest.Failure{Code: "ThrottlingException", Status: 400},
			0, "pricing: pricing:GetProducts for ap-northeast-1 was throttled; retrying in 15m"},
		{"malformed answer", awstest.Failure{Malformed: true},
			0, "pricing: pricing:GetProducts for ap-northeast-1 gave an answer that could " +
				"not be read"},
		{"slow server", awstest.Failure{Delay: 5 * time.Second},
			50 * time.Millisecond, "pricing: pricing:GetProducts for ap-northeast-1 timed out"},
		{"credentials refused", awstest.Failure{Code: "UnrecognizedClientException",
			Status: 400}, 0, "pricing: AWS refused the credentials for pricing:GetProducts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fake(t)
			s.Fail(awstest.GetProducts, tt.fail)
			s.Fail(awstest.Bulk, awstest.Failure{Status: http.StatusForbidden})
			o := withFake(t, s)
			if tt.timeout > 0 {
				o.Timeout = tt.timeout
			}
			start := time.Now()

			got := priceSettled(t, pricing.New(o), autoTokyo())

			p := got.Nodes[0].Price
			if !near(p.EC2.PerHour, 0.0856) || p.EC2.Source != model.SourceEmbedded ||
				!near(p.Fee.PerHour, 0.010272) || p.Fee.Source != model.SourceEmbedded {
				t.Errorf("price = %+v; want the embedded figures kept", p)
			}
			if !hasLine(got.PricingErrors, tt.want) {
				t.Errorf("errors = %q\nwant a line starting %q", got.PricingErrors, tt.want)
			}
			if d := time.Since(start); d > 3*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// Throttling that clears is retried by the SDK and leaves no error line.
func TestThrottlingThatClears(t *testing.T) {
	s := fake(t)
	s.Fail(awstest.GetProducts, awstest.Failure{Code: "ThrottlingException", Status: 400,
		Times: 1})

	got := priceSettled(t, pricing.New(withFake(t, s)), autoTokyo())

	if p := got.Nodes[0].Price; p.Fee.Source != model.SourceAPI || p.EC2.Source != model.SourceAPI {
		t.Errorf("price = %+v, want api figures", p)
	}
	if len(got.PricingErrors) != 0 {
		t.Errorf("errors = %q", got.PricingErrors)
	}
}

// When the API refuses, the fee comes from the public bulk file, which
// needs no credentials.
func TestBulkFileWhenTheAPIRefuses(t *testing.T) {
	s := fake(t)
	s.SetFee(tokyo, "m6i.large", "0.0148800000")
	s.Fail(awstest.GetProducts, awstest.Failure{Code: "AccessDeniedException", Status: 400})
	c := cluster(
		node("auto", model.KindAuto, "c6g.large", "on-demand", "ap-northeast-1a"),
		node("auto-m6i", model.KindAuto, "m6i.large", "on-demand", "ap-northeast-1a"),
	)

	got := byName(priceSettled(t, pricing.New(withFake(t, s)), c))

	if f := got["auto"].Price.Fee; f.Source != model.SourceBulk || !near(f.PerHour, 0.010272) ||
		!f.AsOf.Equal(awstest.PublicationDate) {
		t.Errorf("fee = %+v, want 0.010272 from the bulk file", f)
	}
	// No EC2 price anywhere for m6i.large: the node is named, fee or not.
	if p := got["auto-m6i"].Price; p.Fee.Source != model.SourceBulk ||
		p.Unpriced != "no price for m6i.large in "+tokyo {
		t.Errorf("m6i node = %+v", p)
	}
}

func TestBulkFileFailures(t *testing.T) {
	tests := []struct {
		name string
		fail awstest.Failure
		want string
	}{
		{"missing", awstest.Failure{Status: http.StatusNotFound},
			"pricing: the AmazonEKS bulk price file for ap-northeast-1 failed: fetching"},
		{"malformed", awstest.Failure{Malformed: true},
			"pricing: the AmazonEKS bulk price file for ap-northeast-1 gave an answer that " +
				"could not be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := fake(t)
			s.Fail(awstest.GetProducts, awstest.Failure{Code: "AccessDeniedException",
				Status: 400})
			s.Fail(awstest.Bulk, tt.fail)
			o := withFake(t, s)
			o.Source = pricing.SourceBulk

			got := priceSettled(t, pricing.New(o), autoTokyo())

			if !hasLine(got.PricingErrors, tt.want) {
				t.Errorf("errors = %q\nwant a line starting %q", got.PricingErrors, tt.want)
			}
			if s.Calls(awstest.GetProducts) != 0 {
				t.Error("--price-source bulk called the API")
			}
			if p := got.Nodes[0].Price; p.EC2.Known() || p.Fee.Known() || p.Priced() {
				t.Errorf("pinned to bulk, price = %+v; want nothing from other sources", p)
			}
		})
	}
}

// Fees come in pages; every page is read.
func TestFeesArePaged(t *testing.T) {
	s := fake(t)
	types := []string{"c6g.large", "c6g.xlarge", "m6i.large", "m6i.xlarge", "r6i.large"}
	for i, typ := range types {
		s.SetFee(tokyo, typ, []string{"0.0102720000", "0.02", "0.03", "0.04", "0.05"}[i])
		s.SetEC2(tokyo, typ, []string{"0.0856000000", "0.2", "0.3", "0.4", "0.5"}[i])
	}
	var nodes []model.Node
	for _, typ := range types {
		nodes = append(nodes, node(typ, model.KindAuto, typ, "on-demand", "ap-northeast-1a"))
	}

	got := byName(priceSettled(t, pricing.New(withFake(t, s)), cluster(nodes...)))

	for _, typ := range types {
		if f := got[typ].Price.Fee; f.Source != model.SourceAPI {
			t.Errorf("%s fee = %+v, want one from the API", typ, f)
		}
	}
	fees := 0
	for _, r := range s.Requests() {
		if r.Service == "AmazonEKS" {
			fees++
		}
	}
	if fees != 3 { // five fees, two a page
		t.Errorf("%d fee pages asked for, want 3", fees)
	}
}

// The region comes from the cluster, never the AWS profile: a Tokyo
// cluster gets Tokyo fees though AWS_REGION and the profile say us-west-2,
// asked of the ap-south-1 endpoint that serves Asia-Pacific prices.
func TestRegionComesFromTheCluster(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config")
	os.WriteFile(cfg, []byte("[default]\nregion = us-west-2\n"), 0o600)
	t.Setenv("AWS_CONFIG_FILE", cfg)
	t.Setenv("AWS_REGION", "us-west-2")
	s := fake(t)
	s.SetFee("us-west-2", "c6g.large", "0.0099")
	s.SetEC2("us-west-2", "c6g.large", "0.068")
	c := autoTokyo()
	c.Nodes[0].Region = "" // only the cluster says where it is
	c.Nodes[0].Zone = ""

	got := priceSettled(t, pricing.New(withFake(t, s)), c)

	if f := got.Nodes[0].Price.Fee; !near(f.PerHour, 0.010272) || f.Source != model.SourceAPI {
		t.Errorf("fee = %+v, want Tokyo's 0.010272 from the API", f)
	}
	for _, r := range s.Requests() {
		if r.API != awstest.GetProducts {
			continue
		}
		if r.Filters["regionCode"] != tokyo || r.SigningRegion != "ap-south-1" ||
			r.SigningService != "pricing" {
			t.Errorf("request for %s signed for %s/%s; want %s at ap-south-1/pricing",
				r.Filters["regionCode"], r.SigningRegion, r.SigningService, tokyo)
		}
	}
}

func TestRegionFlagOverrides(t *testing.T) {
	p := pricing.New(pricing.Options{Source: pricing.SourceEmbedded, Region: "us-east-1"})

	got := p.Price(autoTokyo())

	if e := got.Nodes[0].Price.EC2; !near(e.PerHour, 0.068) {
		t.Errorf("EC2 = %+v, want us-east-1's 0.068", e)
	}
}

func TestNoCredentials(t *testing.T) {
	s := fake(t)
	o := withFake(t, s)
	o.Clients = pricing.NewAWSClients(s.ClientOptions()[0]) // endpoint, no credentials

	got := priceSettled(t, pricing.New(o), autoTokyo())

	want := "pricing: no AWS credentials for pricing:GetProducts for ap-northeast-1"
	if !hasLine(got.PricingErrors, want) {
		t.Errorf("errors = %q\nwant a line starting %q", got.PricingErrors, want)
	}
	if p := got.Nodes[0].Price; p.EC2.Source != model.SourceEmbedded {
		t.Errorf("price = %+v, want the embedded one kept", p)
	}
}

func TestSpotLookups(t *testing.T) {
	spot := func() *model.Cluster {
		return cluster(
			node("a", model.KindKarpenter, "c5.xlarge", "spot", "ap-northeast-1a"),
			node("c", model.KindKarpenter, "c5.xlarge", "spot", "ap-northeast-1c"),
			node("d", model.KindKarpenter, "m5.large", "spot", "ap-northeast-1d"),
		)
	}
	fixtures := func(s *awstest.Server) {
		s.SetSpot("ap-northeast-1a", "c5.xlarge", "0.0812")
		s.SetSpot("ap-northeast-1c", "c5.xlarge", "0.0799")
		s.SetSpot("ap-northeast-1d", "m5.large", "0.0457")
		s.SetSpot("ap-northeast-1d", "c5.xlarge", "0.0811")
	}

	t.Run("paged per zone", func(t *testing.T) {
		s := fake(t)
		fixtures(s)

		got := byName(priceSettled(t, pricing.New(withFake(t, s)), spot()))

		for name, want := range map[string]float64{"a": 0.0812, "c": 0.0799, "d": 0.0457} {
			if e := got[name].Price.EC2; !near(e.PerHour, want) || e.Source != model.SourceAPI {
				t.Errorf("%s EC2 = %+v, want %v", name, e, want)
			}
		}
		if n := s.Calls(awstest.SpotHistory); n != 2 {
			t.Errorf("%d spot history pages, want 2", n)
		}
		for _, r := range s.Requests() {
			if r.API == awstest.SpotHistory && (r.SigningRegion != tokyo ||
				!slices.Equal(r.InstanceTypes, []string{"c5.xlarge", "m5.large"})) {
				t.Errorf("spot request = %+v", r)
			}
		}
	})
	t.Run("unauthorized", func(t *testing.T) {
		s := fake(t)
		fixtures(s)
		s.Fail(awstest.SpotHistory, awstest.Failure{Code: "UnauthorizedOperation",
			Status: 403})

		got := priceSettled(t, pricing.New(withFake(t, s)), spot())

		want := "pricing: AccessDenied on ec2:DescribeSpotPriceHistory for ap-northeast-1; " +
			"grant it to price spot nodes"
		if !hasLine(got.PricingErrors, want) {
			t.Errorf("errors = %q", got.PricingErrors)
		}
		if len(got.Cost.Unpriced) != 3 {
			t.Errorf("unpriced = %v, want all three spot nodes", got.Cost.Unpriced)
		}
	})
	t.Run("malformed", func(t *testing.T) {
		s := fake(t)
		fixtures(s)
		s.Fail(awstest.SpotHistory, awstest.Failure{Malformed: true})

		got := priceSettled(t, pricing.New(withFake(t, s)), spot())

		if !hasLine(got.PricingErrors, "pricing: ec2:DescribeSpotPriceHistory for "+
			"ap-northeast-1 gave an answer that could not be read") {
			t.Errorf("errors = %q", got.PricingErrors)
		}
	})
}

// Answers arrive in the background and are announced on Updates; pricing
// itself never waits for them.
func TestUpdatesSignalNewPrices(t *testing.T) {
	s := fake(t)
	s.SetEC2(tokyo, "m6i.large", "0.1488")
	s.Fail(awstest.GetProducts, awstest.Failure{Delay: 200 * time.Millisecond, Times: 1})
	c := cluster(node("m6i", model.KindKarpenter, "m6i.large", "on-demand", "ap-northeast-1a"))
	p := pricing.New(withFake(t, s))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go p.Run(ctx)

	first := p.Price(c)
	if first.Nodes[0].Price.Priced() {
		t.Fatalf("first price = %+v, want unpriced until the lookup answers", first.Nodes[0].Price)
	}
	select {
	case <-p.Updates():
	case <-time.After(5 * time.Second):
		t.Fatal("no update after the lookup answered")
	}
	if e := p.Price(c).Nodes[0].Price.EC2; !near(e.PerHour, 0.1488) {
		t.Errorf("after the update EC2 = %+v", e)
	}
}

func hasLine(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}
