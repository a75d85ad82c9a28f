package pricing

import (
	"context"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	awspricing "github.com/aws/aws-sdk-go-v2/service/pricing"
)

// Clients makes the AWS SDK clients the lookups call, for a region each:
// the Price List Query API for its endpoint region, EC2 for the cluster's.
type Clients interface {
	PriceList(ctx context.Context, endpointRegion string) (awspricing.GetProductsAPIClient, error)
	EC2(ctx context.Context, region string) (ec2.DescribeSpotPriceHistoryAPIClient, error)
}

// AWSClients builds SDK clients from the shared AWS configuration and its
// default credential chain (environment, profile, SSO, web identity,
// container and instance roles). The configuration's own region is never
// used for prices: every client is set to the region it is asked for.
type AWSClients struct {
	opts []func(*config.LoadOptions) error

	once sync.Once
	cfg  aws.Config
	err  error

	mu        sync.Mutex
	priceList map[string]*awspricing.Client
	ec2       map[string]*ec2.Client
}

// NewAWSClients loads the configuration on first use, with opts added to
// the defaults (tests give static credentials and a local endpoint).
func NewAWSClients(opts ...func(*config.LoadOptions) error) *AWSClients {
	return &AWSClients{opts: opts, priceList: map[string]*awspricing.Client{},
		ec2: map[string]*ec2.Client{}}
}

func (a *AWSClients) config(ctx context.Context) (aws.Config, error) {
	a.once.Do(func() {
		a.cfg, a.err = config.LoadDefaultConfig(ctx, a.opts...)
		if a.err != nil {
			a.err = fmt.Errorf("loading the AWS configuration: %w", a.err)
		}
	})
	return a.cfg, a.err
}

// PriceList returns the Price List Query API client for an endpoint region.
func (a *AWSClients) PriceList(ctx context.Context, endpointRegion string) (
	awspricing.GetProductsAPIClient, error) {
	cfg, err := a.config(ctx)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	c, ok := a.priceList[endpointRegion]
	if !ok {
		c = awspricing.NewFromConfig(cfg, func(o *awspricing.Options) { o.Region = endpointRegion })
		a.priceList[endpointRegion] = c
	}
	return c, nil
}

// EC2 returns the EC2 client for a region.
func (a *AWSClients) EC2(ctx context.Context, region string) (
	ec2.DescribeSpotPriceHistoryAPIClient, error) {
	cfg, err := a.config(ctx)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	c, ok := a.ec2[region]
	if !ok {
		c = ec2.NewFromConfig(cfg, func(o *ec2.Options) { o.Region = region })
		a.ec2[region] = c
	}
	return c, nil
}
