package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/kubectl-automode/kubectl-automode/internal/config"
	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// pricingFlags are --region, --price-source and --no-pricing.
type pricingFlags struct {
	region string
	source string
	off    bool
}

// defaultGetPricingWait bounds how long get waits for price lookups when
// --request-timeout does not say: long enough for an answer from AWS,
// short enough that an offline get still feels instant.
const defaultGetPricingWait = 3 * time.Second

func (f *pricingFlags) add(flags *pflag.FlagSet) {
	flags.StringVar(&f.region, "region", "", "price nodes as if in this AWS region "+
		"(default: each node's topology.kubernetes.io/region label)")
	flags.StringVar(&f.source, "price-source", "", "where prices come from: auto, api, "+
		"bulk, cache, embedded or off (default auto; embedded for --demo and --snapshot)")
	flags.BoolVar(&f.off, "no-pricing", false, "show no prices and make no price lookups")
}

var regionName = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)

// newPricer builds the Pricer the flags ask for. The demo and a saved
// snapshot are priced from the embedded table unless --price-source says
// otherwise: the demo's cluster is made up, and a snapshot is read offline
// and should print the same every time.
func (o *options) newPricer() (*pricing.Pricer, error) {
	f := o.pricing
	src, err := pricing.ParseSource(f.source)
	if err != nil {
		return nil, fmt.Errorf("--price-source: %w", err)
	}
	switch {
	case f.off && f.source != "" && src != pricing.SourceOff:
		return nil, fmt.Errorf("--no-pricing and --price-source %s contradict each other; "+
			"use one", f.source)
	case f.off:
		src = pricing.SourceOff
	case f.source == "" && (o.demo != "" || o.snapshot != ""):
		src = pricing.SourceEmbedded
	}
	if f.region != "" && !regionName.MatchString(f.region) {
		return nil, fmt.Errorf("--region %q is not an AWS region name such as ap-northeast-1",
			f.region)
	}

	prices := o.settings.file.Pricing
	opts := pricing.Options{Source: src, Region: f.region, Logger: slog.Default(),
		Overrides: prices.Overrides, OverridesAsOf: o.configModTime(),
		FeeDiscount: prices.FeeDiscount}
	if src != pricing.SourceOff && src != pricing.SourceEmbedded {
		dir, err := pricing.DefaultCacheDir()
		if err != nil {
			slog.Warn("no price cache", "err", err)
		}
		opts.CacheDir = dir
	}
	return pricing.New(opts), nil
}

// configModTime dates the config file's price overrides by when the file
// was last written; zero when it cannot be read (docs/config.md).
func (o *options) configModTime() time.Time {
	path := o.settings.path
	if path == "" {
		var err error
		if path, err = config.DefaultPath(); err != nil {
			return time.Time{}
		}
	}
	st, err := os.Stat(path)
	if err != nil {
		return time.Time{}
	}
	return st.ModTime().UTC()
}

// priceForGet prices one snapshot for get: it starts the lookups, waits for
// them up to wait, and prices with what is known by then, saying so when
// lookups were still running.
func priceForGet(ctx context.Context, p *pricing.Pricer, c *model.Cluster,
	wait time.Duration) *model.Cluster {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go p.Run(ctx)

	p.Price(c) // queues the lookups
	settle, stop := context.WithTimeout(ctx, wait)
	defer stop()
	err := p.Settle(settle)
	priced := p.Price(c)
	if errors.Is(err, context.DeadlineExceeded) {
		priced.PricingErrors = append(slices.Clone(priced.PricingErrors), fmt.Sprintf(
			"pricing: lookups still running after %s; printed what was known (raise "+
				"--request-timeout to wait longer)", wait))
	}
	return priced
}

// getPricingWait reads --request-timeout the way kubectl does: a duration,
// or a bare number of seconds; zero or nothing means the default.
func (o *options) getPricingWait() time.Duration {
	if o.config == nil || o.config.Timeout == nil {
		return defaultGetPricingWait
	}
	s := *o.config.Timeout
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return d
	}
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return time.Duration(n) * time.Second
	}
	return defaultGetPricingWait
}

// warnPricing writes the pricing errors, and for a nodepools table each
// pool's unpriced nodes, as warnings on stderr: a total that misses nodes
// says so.
func warnPricing(w io.Writer, c *model.Cluster, resource string, f format) {
	for _, line := range c.PricingErrors {
		fmt.Fprintf(w, "warning: %s\n", sanitize.Line(line))
	}
	if resource != "nodepools" || (f != formatTable && f != formatWide) || pricingOff(c) {
		return
	}
	for _, np := range c.NodePools {
		if n := len(np.Cost.Unpriced); n > 0 {
			fmt.Fprintf(w, "warning: NodePool %s: %s unpriced, left out of its total (%s)\n",
				sanitize.Line(np.Name), plural(n, "node"),
				sanitize.Line(names(np.Cost.Unpriced, 3)))
		}
	}
}

func pricingOff(c *model.Cluster) bool {
	return len(c.Nodes) > 0 && c.Nodes[0].Price.Unpriced == pricing.UnpricedOff
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func names(list []string, most int) string {
	if len(list) <= most {
		return strings.Join(list, ", ")
	}
	return strings.Join(list[:most], ", ") + fmt.Sprintf(" and %d more", len(list)-most)
}
