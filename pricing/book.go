package pricing

import (
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// figureKind is which of the three prices a figure is.
type figureKind uint8

const (
	// kindEC2 is the Linux on-demand price of an instance type in a region.
	kindEC2 figureKind = iota + 1
	// kindFee is the Auto Mode fee of an instance type in a region.
	kindFee
	// kindSpot is the spot price of an instance type in one zone.
	kindSpot
)

var kindNames = map[figureKind]string{kindEC2: "ec2", kindFee: "fee", kindSpot: "spot"}

func kindNamed(s string) figureKind {
	for k, n := range kindNames {
		if n == s {
			return k
		}
	}
	return 0
}

// key names one figure. Zone is set only for spot prices.
type key struct {
	kind   figureKind
	region string
	zone   string
	typ    string
}

// entry is one figure as a source gave it.
type entry struct {
	perHour float64
	// asOf is the date of the data; fetched is when this tool read it from
	// AWS, zero for the embedded table.
	asOf    time.Time
	fetched time.Time
	// origin is the source that first gave the figure: api or bulk for
	// anything fetched, embedded for the table.
	origin model.PriceSource
}

// freshFor is how long a fetched figure is trusted before a background
// refresh: AWS changes on-demand prices rarely, so a day is plenty
// (issue 4 §3d).
const freshFor = 24 * time.Hour

// book holds what each source said, apart, so that a pinned source reads
// only its own figures and a failed lookup cannot blank an earlier one.
type book struct {
	// live is what api and bulk answered in this run.
	live map[key]entry
	// cache is what the disk cache held when the Pricer started.
	cache map[key]entry
	// embedded is the table built into the binary; never written.
	embedded map[key]entry
}

// figure finds the best figure the source allows for k: this run's
// answers, then the cache, then the embedded table.
func (b *book) figure(src Source, k key) (model.Figure, bool) {
	if src.usesNetwork() {
		if e, ok := b.live[k]; ok && (src == SourceAuto || e.origin == model.PriceSource(src)) {
			return model.Figure{PerHour: e.perHour, Source: e.origin, AsOf: e.asOf}, true
		}
		if src != SourceAuto {
			return model.Figure{}, false
		}
	}
	if src == SourceAuto || src == SourceCache {
		if e, ok := b.cache[k]; ok {
			return model.Figure{PerHour: e.perHour, Source: model.SourceCache, AsOf: e.asOf}, true
		}
	}
	if src == SourceAuto || src == SourceEmbedded {
		if e, ok := b.embedded[k]; ok {
			return model.Figure{PerHour: e.perHour, Source: model.SourceEmbedded,
				AsOf: e.asOf}, true
		}
	}
	return model.Figure{}, false
}

// fresh reports whether k holds a figure fetched within freshFor of now,
// in this run or (for auto) an earlier one through the cache.
func (b *book) fresh(src Source, k key, now time.Time) bool {
	if e, ok := b.live[k]; ok && now.Sub(e.fetched) < freshFor &&
		(src == SourceAuto || e.origin == model.PriceSource(src)) {
		return true
	}
	if src != SourceAuto {
		return false
	}
	e, ok := b.cache[k]
	return ok && now.Sub(e.fetched) < freshFor
}
