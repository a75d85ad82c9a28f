package pricing

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// Options configure a Pricer. The zero value prices from the embedded
// table and the network, with no disk cache.
type Options struct {
	// Source pins where prices may come from; "" means auto.
	Source Source
	// Region, when set, overrides every node's region (--region).
	Region string
	// CacheDir is the directory of the disk cache; "" keeps none. The
	// command line passes DefaultCacheDir; tests pass a temporary one.
	CacheDir string
	// Clients makes the AWS SDK clients; nil means NewAWSClients with the
	// default credential chain.
	Clients Clients
	// BulkBaseURL replaces the Price List bulk file host
	// (https://pricing.us-east-1.amazonaws.com, or the China one).
	BulkBaseURL string
	// HTTPClient fetches the bulk file; nil means a client with Timeout.
	HTTPClient *http.Client
	// Timeout bounds each lookup; zero means 10 seconds.
	Timeout time.Duration
	// RetryAfter is how long a failed lookup waits before it is tried
	// again; zero means 15 minutes.
	RetryAfter time.Duration
	// Overrides replace the EC2 on-demand price of an instance type, in
	// $/h, for a negotiated discount; spot and reserved nodes keep theirs.
	Overrides map[string]float64
	// OverridesAsOf dates the overrides (the config file's modification
	// time); zero when unknown.
	OverridesAsOf time.Time
	// FeeDiscount cuts every Auto Mode fee by this percent (0-100).
	FeeDiscount float64
	Logger      *slog.Logger
	Now         func() time.Time
}

// Pricer prices cluster snapshots. It is safe for concurrent use: Price
// may run on any goroutine while Run looks prices up on its own.
type Pricer struct {
	opts    Options
	src     Source
	log     *slog.Logger
	clients Clients

	mu   sync.RWMutex
	book book
	// pending are figures Price wanted and nobody has looked up yet;
	// tried is when each was last looked up; busy counts batches in
	// flight, and idle is closed when there is nothing left to do.
	pending map[key]struct{}
	tried   map[key]time.Time
	busy    int
	idle    chan struct{}
	// errs is what failed, one line per action and region; errLines is
	// the same, sorted, shared read-only with the snapshots.
	errs     map[string]string
	errLines []string

	poke    chan struct{}
	updates chan struct{}
}

// New makes a Pricer and reads the disk cache, which is small, so that the
// first snapshot is priced at once, even offline.
func New(o Options) *Pricer {
	if o.Source == "" {
		o.Source = SourceAuto
	}
	if o.Timeout <= 0 {
		o.Timeout = 10 * time.Second
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = 15 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{Timeout: o.Timeout}
	}
	p := &Pricer{
		opts: o, src: o.Source, log: o.Logger, clients: o.Clients,
		book:    book{live: map[key]entry{}, cache: map[key]entry{}},
		pending: map[key]struct{}{},
		tried:   map[key]time.Time{},
		idle:    make(chan struct{}),
		errs:    map[string]string{},
		poke:    make(chan struct{}, 1),
		updates: make(chan struct{}, 1),
	}
	close(p.idle)
	table, err := embeddedTable()
	if err != nil {
		p.setError("embedded", "pricing: "+err.Error())
	}
	p.book.embedded = table
	if p.clients == nil && p.src.usesNetwork() {
		p.clients = NewAWSClients()
	}
	if o.CacheDir != "" && p.src != SourceOff && p.src != SourceEmbedded {
		cache, err := readCache(o.CacheDir)
		if err != nil {
			p.setError("cache", "pricing: "+err.Error()+"; it will be rewritten")
			p.log.Warn("reading the price cache", "dir", o.CacheDir, "err", err)
		}
		p.book.cache = cache
	}
	return p
}

// Updates receives a value whenever looked-up prices arrive or the errors
// change: the caller should price its latest snapshot again. Signals
// coalesce; the channel is never closed.
func (p *Pricer) Updates() <-chan struct{} { return p.updates }

// Source is the source the Pricer was pinned to.
func (p *Pricer) Source() Source { return p.src }

func (p *Pricer) signal() {
	select {
	case p.updates <- struct{}{}:
	default:
	}
}

// setError records, replaces or (with line "") clears the error line of
// one lookup, and signals when that changes what the snapshots show. The
// caller holds p.mu.
func (p *Pricer) setError(id, line string) {
	if p.errs[id] == line {
		return
	}
	if line == "" {
		delete(p.errs, id)
	} else {
		p.errs[id] = line
	}
	lines := make([]string, 0, len(p.errs))
	for _, l := range p.errs {
		lines = append(lines, l)
	}
	slices.Sort(lines)
	p.errLines = lines
	p.signal()
}

// Settle waits until no lookup is queued or in flight, or ctx ends: get
// calls it, bounded, before it prints.
func (p *Pricer) Settle(ctx context.Context) error {
	for {
		p.mu.RLock()
		done := len(p.pending) == 0 && p.busy == 0
		idle := p.idle
		p.mu.RUnlock()
		if done {
			return nil
		}
		select {
		case <-idle:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Errors is what failed so far, one line each, sorted.
func (p *Pricer) Errors() []string {
	p.mu.RLock()
	defer p.mu.RUnlock()
	return p.errLines
}

// Price returns a priced copy of c: every node's price, every pool's and
// the cluster's cost, and the pricing errors. c is not changed. Figures
// Price lacks are queued for Run to look up.
func (p *Pricer) Price(c *model.Cluster) *model.Cluster {
	if c == nil {
		return nil
	}
	out := *c
	out.Nodes = slices.Clone(c.Nodes)
	out.NodePools = slices.Clone(c.NodePools)
	return p.priceOwned(&out)
}

// priceOwned prices c in place: its nodes, pools and cost. Only a caller
// that holds c alone, and whose c shares no node or pool slice with
// another cluster, may use it; at 5,000 nodes it spares a 2 MB copy.
func (p *Pricer) priceOwned(out *model.Cluster) *model.Cluster {
	out.Cost = model.Cost{}

	p.mu.RLock()
	out.PricingErrors = p.errLines
	want := p.priceNodes(out)
	p.mu.RUnlock()
	p.queue(want)

	pools := make(map[string]int, len(out.NodePools))
	for i := range out.NodePools {
		out.NodePools[i].Cost = model.Cost{}
		pools[out.NodePools[i].Name] = i
	}
	for i := range out.Nodes {
		n := &out.Nodes[i]
		out.Cost.Add(n.Name, n.Price)
		if j, ok := pools[n.NodePool]; ok && n.NodePool != "" {
			out.NodePools[j].Cost.Add(n.Name, n.Price)
		}
	}
	return out
}

// queue adds figures to the pending set, unless they were tried lately,
// and wakes Run.
func (p *Pricer) queue(want []key) {
	if len(want) == 0 {
		return
	}
	now := p.opts.Now()
	p.mu.Lock()
	added := false
	for _, k := range want {
		if _, ok := p.pending[k]; ok {
			continue
		}
		if t, ok := p.tried[k]; ok && now.Sub(t) < p.opts.RetryAfter {
			continue
		}
		if p.book.fresh(p.src, k, now) {
			continue
		}
		p.pending[k] = struct{}{}
		added = true
	}
	if added && p.busy == 0 && isClosed(p.idle) {
		p.idle = make(chan struct{})
	}
	p.mu.Unlock()
	if added {
		select {
		case p.poke <- struct{}{}:
		default:
		}
	}
}

func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
