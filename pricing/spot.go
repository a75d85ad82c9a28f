package pricing

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/kubectl-automode/kubectl-automode/pricing/internal/pricelist"
)

// spotPrice is the current spot price of a type in one zone.
type spotPrice struct {
	typ, zone string
	perHour   float64
	asOf      time.Time
}

// spotPrices asks EC2 for the current Linux spot price of each type in
// every zone of the client's region. A StartTime of now makes EC2 answer
// with the price in force now, one per type and zone; should it give more,
// the newest wins.
func spotPrices(ctx context.Context, c ec2.DescribeSpotPriceHistoryAPIClient,
	instanceTypes []string) ([]spotPrice, error) {
	in := &ec2.DescribeSpotPriceHistoryInput{
		ProductDescriptions: []string{"Linux/UNIX"},
		StartTime:           aws.Time(time.Now()),
	}
	for _, t := range instanceTypes {
		in.InstanceTypes = append(in.InstanceTypes, types.InstanceType(t))
	}

	newest := map[[2]string]spotPrice{}
	pages := ec2.NewDescribeSpotPriceHistoryPaginator(c, in)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return collect(newest), err
		}
		for _, sp := range page.SpotPriceHistory {
			zone, price := aws.ToString(sp.AvailabilityZone), aws.ToString(sp.SpotPrice)
			v, err := strconv.ParseFloat(price, 64)
			if err != nil || v <= 0 || zone == "" {
				return collect(newest), fmt.Errorf("%w: spot price %q in zone %q",
					pricelist.ErrMalformed, price, zone)
			}
			p := spotPrice{typ: string(sp.InstanceType), zone: zone, perHour: v,
				asOf: aws.ToTime(sp.Timestamp).UTC()}
			k := [2]string{p.typ, p.zone}
			if old, ok := newest[k]; !ok || p.asOf.After(old.asOf) {
				newest[k] = p
			}
		}
	}
	return collect(newest), nil
}

func collect(m map[[2]string]spotPrice) []spotPrice {
	out := make([]spotPrice, 0, len(m))
	for _, p := range m {
		out = append(out, p)
	}
	return out
}
