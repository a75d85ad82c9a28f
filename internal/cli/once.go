package cli

import (
	"context"
	"fmt"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// readOnce is what get, check and compare share: open the source the
// flags pick, wait for its first complete snapshot, price it as get does
// when priced is true, and warn on stderr, one line each, about what could
// not be read.
func (o *options) readOnce(ctx context.Context, priced bool) (*model.Cluster, error) {
	var pricer *pricing.Pricer
	if priced {
		p, err := o.newPricer()
		if err != nil {
			return nil, err
		}
		pricer = p
	}
	w, err := o.watcher()
	if err != nil {
		return nil, err
	}
	c, err := firstSnapshot(ctx, w)
	if err != nil {
		return nil, err
	}
	if pricer != nil {
		c = priceForGet(ctx, pricer, c, o.getPricingWait())
	}
	for _, p := range c.Problems {
		fmt.Fprintf(o.streams.ErrOut, "warning: %s\n", sanitize.Line(p))
	}
	return c, nil
}
