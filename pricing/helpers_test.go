package pricing_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/internal/awstest"
	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// TestMain keeps every test away from the user's AWS configuration,
// credentials and instance metadata: the SDK sees empty files and no
// variables, so only what a test passes in exists.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pricing-test-")
	if err != nil {
		panic(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		panic(err)
	}
	for _, v := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ACCESS_KEY_ID",
		"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION",
		"AWS_ENDPOINT_URL", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"} {
		os.Unsetenv(v)
	}
	os.Setenv("AWS_CONFIG_FILE", empty)
	os.Setenv("AWS_SHARED_CREDENTIALS_FILE", empty)
	os.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	os.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

const tokyo = "ap-northeast-1"

// node makes a node as Build leaves it, before pricing.
func node(name string, kind model.NodeKind, typ, capacity, zone string) model.Node {
	region := ""
	if len(zone) > 1 {
		region = zone[:len(zone)-1]
	}
	pool := ""
	if kind == model.KindAuto || kind == model.KindKarpenter {
		pool = "pool-" + string(kind)
	}
	return model.Node{Name: name, Kind: kind, InstanceType: typ, CapacityType: capacity,
		Zone: zone, Region: region, NodePool: pool}
}

func cluster(nodes ...model.Node) *model.Cluster {
	return &model.Cluster{Region: tokyo, Nodes: nodes, NodePools: []model.NodePool{
		{Name: "pool-auto", Origin: model.OriginBuiltIn},
		{Name: "pool-karpenter", Origin: model.OriginKarpenter},
	}}
}

// fake starts the AWS stand-in with the Tokyo example's prices.
func fake(t *testing.T) *awstest.Server {
	s := awstest.Start(t)
	s.SetEC2(tokyo, "c6g.large", "0.0856000000")
	s.SetFee(tokyo, "c6g.large", "0.0102720000")
	return s
}

// withFake returns options that price through the stand-in, with a cache
// in a temporary directory.
func withFake(t *testing.T, s *awstest.Server) pricing.Options {
	return pricing.Options{
		Clients:     pricing.NewAWSClients(s.ClientOptions()...),
		BulkBaseURL: s.URL,
		CacheDir:    t.TempDir(),
		Timeout:     5 * time.Second,
	}
}

// priceSettled prices c, lets the background lookups finish, and prices it
// again, as the UI does when Updates fires.
func priceSettled(t *testing.T, p *pricing.Pricer, c *model.Cluster) *model.Cluster {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })

	p.Price(c)
	wait, stop := context.WithTimeout(ctx, 10*time.Second)
	defer stop()
	if err := p.Settle(wait); err != nil {
		t.Fatalf("lookups did not settle: %v", err)
	}
	return p.Price(c)
}

func byName(c *model.Cluster) map[string]model.Node {
	out := map[string]model.Node{}
	for _, n := range c.Nodes {
		out[n.Name] = n
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
