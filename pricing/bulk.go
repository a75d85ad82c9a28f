package pricing

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/kubectl-automode/kubectl-automode/pricing/internal/pricelist"
)

// maxBulkBytes bounds how much of a bulk file is read. The AmazonEKS file
// of one region is a few megabytes; anything far bigger is not it.
const maxBulkBytes = 64 << 20

// bulkBase is the host of the public Price List bulk files of a partition
// (facts sheet §7b).
func (p *Pricer) bulkBase(region string) string {
	if p.opts.BulkBaseURL != "" {
		return strings.TrimRight(p.opts.BulkBaseURL, "/")
	}
	if partition(region) == "cn" {
		return "https://pricing.cn-north-1.amazonaws.com.cn"
	}
	return "https://pricing.us-east-1.amazonaws.com"
}

// bulkFees reads the Auto Mode fees of a region from the public AmazonEKS
// bulk file, which needs no credentials: the region index first, then the
// region's current file it points to.
func (p *Pricer) bulkFees(ctx context.Context, region string) ([]pricelist.Quote, error) {
	base := p.bulkBase(region)
	indexURL := fmt.Sprintf("%s/offers/v1.0/%s/%s/current/region_index.json", base,
		partition(region), pricelist.ServiceEKS)
	var index struct {
		Regions map[string]struct {
			CurrentVersionURL string `json:"currentVersionUrl"`
		} `json:"regions"`
	}
	if err := p.getJSON(ctx, indexURL, &index); err != nil {
		return nil, err
	}
	r, ok := index.Regions[region]
	if !ok || r.CurrentVersionURL == "" {
		return nil, fmt.Errorf("%w: the region index has no %s", errBulkFormat, region)
	}

	var offer struct {
		PublicationDate string                      `json:"publicationDate"`
		Products        map[string]json.RawMessage  `json:"products"`
		Terms           map[string]map[string]terms `json:"terms"`
	}
	if err := p.getJSON(ctx, base+r.CurrentVersionURL, &offer); err != nil {
		return nil, err
	}
	published, _ := time.Parse(time.RFC3339, offer.PublicationDate)
	return bulkQuotes(region, offer.Products, offer.Terms["OnDemand"], published)
}

// terms are one SKU's offer terms, by offer term code.
type terms = map[string]pricelist.Term

func bulkQuotes(region string, products map[string]json.RawMessage, onDemand map[string]terms,
	published time.Time) ([]pricelist.Quote, error) {
	var out []pricelist.Quote
	for sku, raw := range products {
		var prod struct {
			Attributes map[string]string `json:"attributes"`
		}
		if err := json.Unmarshal(raw, &prod); err != nil {
			return nil, fmt.Errorf("%w: product %s: %v", errBulkFormat, sku, err)
		}
		a := prod.Attributes
		if a["operation"] != pricelist.OperationAuto || a["regionCode"] != region ||
			a["instancetype"] == "" {
			continue
		}
		perHour, asOf, err := pricelist.HourlyUSD(onDemand[sku])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a["instancetype"], err)
		}
		if !published.IsZero() {
			asOf = published
		}
		if perHour > 0 {
			out = append(out, pricelist.Quote{InstanceType: a["instancetype"], Region: region,
				PerHour: perHour, AsOf: asOf.UTC()})
		}
	}
	return out, nil
}

func (p *Pricer) getJSON(ctx context.Context, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return fmt.Errorf("fetching %s: %w", url, err)
	}
	resp, err := p.opts.HTTPClient.Do(req)
	if err != nil {
		return fmt.Errorf("fetching %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fetching %s: HTTP %d", url, resp.StatusCode)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxBulkBytes)).Decode(v); err != nil {
		return fmt.Errorf("%w: %s: %v", errBulkFormat, url, err)
	}
	return nil
}
