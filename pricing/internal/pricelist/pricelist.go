// Package pricelist asks the AWS Price List Query API for the two prices
// kubectl-automode needs, EC2 on-demand and the Auto Mode fee, and reads
// the product documents it answers with. The bulk price files use the same
// documents, so their reader lives here too. It keeps no state: the pricing
// package and the table generator share it.
package pricelist

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awspricing "github.com/aws/aws-sdk-go-v2/service/pricing"
	"github.com/aws/aws-sdk-go-v2/service/pricing/types"
)

// Client is the one call of the Price List Query API this package makes.
type Client = awspricing.GetProductsAPIClient

// ErrMalformed marks an answer that is not a price list product document,
// or one whose price cannot be read.
var ErrMalformed = errors.New("malformed price list answer")

// Quote is one hourly price the Price List gave for an instance type.
type Quote struct {
	InstanceType string
	Region       string
	PerHour      float64
	// AsOf is the date of the price list the quote came from.
	AsOf time.Time
}

// The Price List service codes and the fee's operation (facts sheet §7b).
const (
	ServiceEC2     = "AmazonEC2"
	ServiceEKS     = "AmazonEKS"
	OperationAuto  = "EKSAutoUsage"
	pageSize       = 100
	typesPerSearch = 20
)

// OnDemand asks for the Linux on-demand price of each instance type in a
// region, with the filters Karpenter uses for the same question (facts
// sheet §7b): shared tenancy, no pre-installed software, capacity status
// Used, and both the plain and the bare-metal product families. Types are
// asked for in groups with an ANY_OF filter, so a cluster with fifty types
// costs three calls, not fifty.
func OnDemand(ctx context.Context, c Client, region string, instanceTypes []string) (
	[]Quote, error) {
	var out []Quote
	for start := 0; start < len(instanceTypes); start += typesPerSearch {
		group := instanceTypes[start:min(start+typesPerSearch, len(instanceTypes))]
		filters := []types.Filter{
			termMatch("regionCode", region),
			termMatch("tenancy", "Shared"),
			termMatch("operatingSystem", "Linux"),
			termMatch("preInstalledSw", "NA"),
			termMatch("capacitystatus", "Used"),
			termMatch("marketoption", "OnDemand"),
			anyOf("productFamily", "Compute Instance", "Compute Instance (bare metal)"),
			anyOf("instanceType", group...),
		}
		quotes, err := products(ctx, c, ServiceEC2, filters, "instanceType")
		if err != nil {
			return out, err
		}
		out = append(out, quotes...)
	}
	return out, nil
}

// Fees asks for the Auto Mode fee of every instance type in a region: one
// paginated search of AmazonEKS for operation EKSAutoUsage in that region
// (facts sheet §7b). The region is the cluster's own, never the endpoint's.
func Fees(ctx context.Context, c Client, region string) ([]Quote, error) {
	filters := []types.Filter{
		termMatch("operation", OperationAuto),
		termMatch("regionCode", region),
	}
	return products(ctx, c, ServiceEKS, filters, "instancetype")
}

func products(ctx context.Context, c Client, service string, filters []types.Filter,
	typeAttr string) ([]Quote, error) {
	in := &awspricing.GetProductsInput{
		ServiceCode:   aws.String(service),
		Filters:       filters,
		FormatVersion: aws.String("aws_v1"),
		MaxResults:    aws.Int32(pageSize),
	}
	var out []Quote
	pages := awspricing.NewGetProductsPaginator(c, in)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return out, err
		}
		for _, doc := range page.PriceList {
			q, ok, err := ParseProduct([]byte(doc), typeAttr)
			if err != nil {
				return out, err
			}
			if ok {
				out = append(out, q)
			}
		}
	}
	return out, nil
}

func termMatch(field, value string) types.Filter {
	return types.Filter{Type: types.FilterTypeTermMatch, Field: aws.String(field),
		Value: aws.String(value)}
}

func anyOf(field string, values ...string) types.Filter {
	return types.Filter{Type: types.FilterTypeAnyOf, Field: aws.String(field),
		Value: aws.String(strings.Join(values, ","))}
}

// Product is a price list product document as the Query API and the bulk
// files write it.
type Product struct {
	Product struct {
		SKU           string            `json:"sku"`
		ProductFamily string            `json:"productFamily"`
		Attributes    map[string]string `json:"attributes"`
	} `json:"product"`
	Terms struct {
		OnDemand map[string]Term `json:"OnDemand"`
	} `json:"terms"`
	PublicationDate string `json:"publicationDate"`
}

// Term is one offer term: its price dimensions and when it took effect.
type Term struct {
	EffectiveDate   string `json:"effectiveDate"`
	PriceDimensions map[string]struct {
		Unit         string            `json:"unit"`
		PricePerUnit map[string]string `json:"pricePerUnit"`
	} `json:"priceDimensions"`
}

// ParseProduct reads one product document. ok is false for a product that
// has no hourly price (a zero price, which the Price List uses for some
// placeholder products); err is set only when the document is unreadable.
func ParseProduct(doc []byte, typeAttr string) (q Quote, ok bool, err error) {
	var p Product
	if err := json.Unmarshal(doc, &p); err != nil {
		return Quote{}, false, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	attrs := p.Product.Attributes
	q.InstanceType = attrs[typeAttr]
	q.Region = attrs["regionCode"]
	if q.InstanceType == "" {
		return Quote{}, false, fmt.Errorf("%w: product %q has no %s", ErrMalformed,
			p.Product.SKU, typeAttr)
	}
	perHour, asOf, err := HourlyUSD(p.Terms.OnDemand)
	if err != nil {
		return Quote{}, false, fmt.Errorf("%s in %s: %w", q.InstanceType, q.Region, err)
	}
	if t, err := time.Parse(time.RFC3339, p.PublicationDate); err == nil {
		asOf = t
	}
	q.PerHour, q.AsOf = perHour, asOf.UTC()
	return q, perHour > 0, nil
}

// HourlyUSD finds the hourly US-dollar price among a product's on-demand
// terms and the date the term took effect.
func HourlyUSD(terms map[string]Term) (float64, time.Time, error) {
	for _, t := range terms {
		for _, d := range t.PriceDimensions {
			unit := strings.ToLower(d.Unit)
			if unit != "hrs" && unit != "hours" {
				continue
			}
			usd, ok := d.PricePerUnit["USD"]
			if !ok {
				continue
			}
			v, err := strconv.ParseFloat(usd, 64)
			if err != nil || v < 0 {
				return 0, time.Time{}, fmt.Errorf("%w: price %q", ErrMalformed, usd)
			}
			asOf, _ := time.Parse(time.RFC3339, t.EffectiveDate)
			return v, asOf, nil
		}
	}
	return 0, time.Time{}, fmt.Errorf("%w: no hourly USD price", ErrMalformed)
}
