package pricing

import (
	"fmt"
	"strings"
)

// Source is what --price-source pins: where prices may come from.
type Source string

// The values --price-source accepts.
const (
	// SourceAuto tries every source in order, falling through on failure.
	SourceAuto Source = "auto"
	// SourceAPI uses only the Price List Query API and EC2 spot history.
	SourceAPI Source = "api"
	// SourceBulk uses only the public bulk price file, which carries the
	// Auto Mode fee but no EC2 prices.
	SourceBulk Source = "bulk"
	// SourceCache uses only the disk cache and never the network.
	SourceCache Source = "cache"
	// SourceEmbedded uses only the table built into the binary.
	SourceEmbedded Source = "embedded"
	// SourceOff prices nothing.
	SourceOff Source = "off"
)

// Sources lists the values of --price-source, for help and errors.
var Sources = []Source{SourceAuto, SourceAPI, SourceBulk, SourceCache, SourceEmbedded,
	SourceOff}

// ParseSource reads a --price-source value; "" means auto.
func ParseSource(s string) (Source, error) {
	if s == "" {
		return SourceAuto, nil
	}
	for _, src := range Sources {
		if strings.EqualFold(s, string(src)) {
			return src, nil
		}
	}
	names := make([]string, len(Sources))
	for i, src := range Sources {
		names[i] = string(src)
	}
	return "", fmt.Errorf("unknown price source %q; use one of %s", s, strings.Join(names, ", "))
}

// usesNetwork reports whether the source looks anything up.
func (s Source) usesNetwork() bool {
	return s == SourceAuto || s == SourceAPI || s == SourceBulk
}

// allowsAPI and allowsBulk say which lookups the source may make.
func (s Source) allowsAPI() bool  { return s == SourceAuto || s == SourceAPI }
func (s Source) allowsBulk() bool { return s == SourceAuto || s == SourceBulk }
