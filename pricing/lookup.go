package pricing

import (
	"context"
	"maps"
	"slices"

	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing/internal/pricelist"
)

// Run looks up, in the background, what Price found missing or stale, until
// ctx ends. Each batch of answers is kept in memory, written to the disk
// cache, and announced on Updates. With a source that uses no network it
// returns at once.
func (p *Pricer) Run(ctx context.Context) {
	if !p.src.usesNetwork() {
		return
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.poke:
		}

		p.mu.Lock()
		batch := slices.Collect(maps.Keys(p.pending))
		clear(p.pending)
		now := p.opts.Now()
		for _, k := range batch {
			p.tried[k] = now
		}
		p.busy++
		p.mu.Unlock()

		got := p.lookup(ctx, batch)

		p.mu.Lock()
		maps.Copy(p.book.live, got)
		p.mu.Unlock()
		if len(got) > 0 {
			p.writeCache()
			p.signal()
		}

		p.mu.Lock()
		p.busy--
		if p.busy == 0 && len(p.pending) == 0 && !isClosed(p.idle) {
			close(p.idle)
		}
		p.mu.Unlock()
	}
}

// batch is what one round of lookups asks for, grouped the way the AWS
// calls take it.
type batch struct {
	feeRegions []string
	onDemand   map[string][]string // region -> instance types
	spot       map[string][]string // region -> instance types
}

func group(keys []key) batch {
	b := batch{onDemand: map[string][]string{}, spot: map[string][]string{}}
	fees := map[string]bool{}
	spot := map[[2]string]bool{}
	for _, k := range keys {
		switch k.kind {
		case kindFee:
			fees[k.region] = true
		case kindEC2:
			b.onDemand[k.region] = append(b.onDemand[k.region], k.typ)
		case kindSpot:
			if !spot[[2]string{k.region, k.typ}] {
				spot[[2]string{k.region, k.typ}] = true
				b.spot[k.region] = append(b.spot[k.region], k.typ)
			}
		}
	}
	b.feeRegions = slices.Sorted(maps.Keys(fees))
	for _, m := range []map[string][]string{b.onDemand, b.spot} {
		for r := range m {
			slices.Sort(m[r])
		}
	}
	return b
}

// lookup asks each source the Pricer may use, in order, and returns what
// they answered. A failure is recorded as an error line and leaves every
// earlier figure where it was; a later success clears the line.
func (p *Pricer) lookup(ctx context.Context, keys []key) map[key]entry {
	b := group(keys)
	got := map[key]entry{}

	for _, region := range b.feeRegions {
		if p.src.allowsAPI() && p.feesFromAPI(ctx, region, got) {
			continue
		}
		if p.src.allowsBulk() {
			p.feesFromBulk(ctx, region, got)
		}
	}
	if p.src.allowsAPI() {
		for _, region := range slices.Sorted(maps.Keys(b.onDemand)) {
			p.onDemandFromAPI(ctx, region, b.onDemand[region], got)
		}
		for _, region := range slices.Sorted(maps.Keys(b.spot)) {
			p.spotFromAPI(ctx, region, b.spot[region], got)
		}
	}
	return got
}

const (
	actionGetProducts = "pricing:GetProducts"
	actionSpotHistory = "ec2:DescribeSpotPriceHistory"
	actionBulk        = "the AmazonEKS bulk price file"
)

func (p *Pricer) feesFromAPI(ctx context.Context, region string, got map[key]entry) bool {
	client, err := p.clients.PriceList(ctx, EndpointRegion(region))
	if err == nil {
		ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
		var quotes []pricelist.Quote
		quotes, err = pricelist.Fees(ctx, client, region)
		cancel()
		if err == nil {
			p.keep(got, kindFee, region, quotes, model.SourceAPI)
		}
	}
	return p.outcome(actionGetProducts+" fees", actionGetProducts, region, err)
}

func (p *Pricer) feesFromBulk(ctx context.Context, region string, got map[key]entry) {
	ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	quotes, err := p.bulkFees(ctx, region)
	cancel()
	if err == nil {
		p.keep(got, kindFee, region, quotes, model.SourceBulk)
	}
	p.outcome(actionBulk, actionBulk, region, err)
}

func (p *Pricer) onDemandFromAPI(ctx context.Context, region string, types []string,
	got map[key]entry) {
	client, err := p.clients.PriceList(ctx, EndpointRegion(region))
	if err == nil {
		ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
		var quotes []pricelist.Quote
		quotes, err = pricelist.OnDemand(ctx, client, region, types)
		cancel()
		// A partial answer is still an answer: keep what came before the
		// failure.
		p.keep(got, kindEC2, region, quotes, model.SourceAPI)
	}
	p.outcome(actionGetProducts+" ec2", actionGetProducts, region, err)
}

func (p *Pricer) spotFromAPI(ctx context.Context, region string, types []string,
	got map[key]entry) {
	client, err := p.clients.EC2(ctx, region)
	if err == nil {
		ctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
		var prices []spotPrice
		prices, err = spotPrices(ctx, client, types)
		cancel()
		now := p.opts.Now()
		for _, sp := range prices {
			got[key{kind: kindSpot, region: region, zone: sp.zone, typ: sp.typ}] = entry{
				perHour: sp.perHour, asOf: sp.asOf, fetched: now, origin: model.SourceAPI}
		}
	}
	p.outcome(actionSpotHistory, actionSpotHistory, region, err)
}

// keep files quotes under kind. A quote for another region than the one
// asked (the API should never give one) is dropped.
func (p *Pricer) keep(got map[key]entry, kind figureKind, region string,
	quotes []pricelist.Quote, origin model.PriceSource) {
	now := p.opts.Now()
	for _, q := range quotes {
		if q.Region != "" && q.Region != region {
			continue
		}
		got[key{kind: kind, region: region, typ: q.InstanceType}] = entry{
			perHour: q.PerHour, asOf: q.AsOf, fetched: now, origin: origin}
	}
}

// outcome records or clears the error line of one lookup, logs a failure,
// and reports whether the lookup succeeded.
func (p *Pricer) outcome(id, action, region string, err error) bool {
	line := ""
	if err != nil {
		line = describe(action, region, err, p.opts.RetryAfter)
		p.log.Warn("price lookup failed", "action", action, "region", region, "err", err)
	}
	p.mu.Lock()
	p.setError(id+" "+region, line)
	p.mu.Unlock()
	return err == nil
}
