package config

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// instanceType is the shape of an EC2 instance type, family.size
// ("m7g.large", "c6in.metal-48xl"), to catch a mistyped override key.
var instanceType = regexp.MustCompile(`^[a-z][a-z0-9-]*\.[a-z0-9-]+$`)

// validate checks the values decoding could not: enumerations, ranges and
// the shape of names. lines holds each key's line, by dotted path.
func validate(name string, f File, lines map[string]int) error {
	bad := func(path, format string, args ...any) error {
		return &Error{File: name, Line: lines[path], Key: path, Msg: fmt.Sprintf(format, args...)}
	}

	if err := oneOf(f.Theme, Themes); err != "" {
		return bad("theme", "%s", err)
	}
	if err := oneOf(f.Panel, Panels); err != "" {
		return bad("panel", "%s", err)
	}
	for _, panel := range inFileOrder(f.Sort, "sort.", lines) {
		path := "sort." + panel
		if err := oneOf(panel, Panels); err != "" {
			return bad(path, "no such panel: %s", err)
		}
		if strings.TrimPrefix(f.Sort[panel], "-") == "" {
			return bad(path, "want a column title, optionally after \"-\" to reverse it")
		}
	}
	for _, panel := range inFileOrder(f.Columns, "columns.", lines) {
		path := "columns." + panel
		if err := oneOf(panel, Panels); err != "" {
			return bad(path, "no such panel: %s", err)
		}
		cols := f.Columns[panel]
		if len(cols) == 0 {
			return bad(path, "want at least one column; remove the key to show them all")
		}
		for i, c := range cols {
			// Titles match without regard to case, so "AGE" and "age" repeat.
			same := func(prev string) bool { return strings.EqualFold(prev, c) }
			if c == "" || slices.ContainsFunc(cols[:i], same) {
				return bad(path, "column %d, %q, is empty or repeated", i+1, c)
			}
		}
	}

	p := f.Pricing
	if err := oneOf(p.Source, PriceSources); err != "" {
		return bad("pricing.source", "%s", err)
	}
	if p.FeeDiscount < 0 || p.FeeDiscount > 100 || math.IsNaN(p.FeeDiscount) {
		return bad("pricing.feeDiscount", "%v is not a percentage from 0 to 100", p.FeeDiscount)
	}
	for _, it := range inFileOrder(p.Overrides, "pricing.overrides.", lines) {
		path := "pricing.overrides." + it
		if !instanceType.MatchString(it) {
			return bad(path, "%q is not an instance type such as m7g.large", it)
		}
		if price := p.Overrides[it]; !(price > 0) || math.IsInf(price, 0) {
			return bad(path, "%v is not a price in dollars per hour above 0", price)
		}
	}
	return nil
}

// oneOf says what is wrong with v, or "" when it is empty or allowed.
func oneOf(v string, allowed []string) string {
	if v == "" || slices.Contains(allowed, v) {
		return ""
	}
	return fmt.Sprintf("%q is not one of %s", v, strings.Join(allowed, ", "))
}

// inFileOrder lists a map's keys in the order the file gives them, so
// that the error reported is the first one a reader meets.
func inFileOrder[V any](m map[string]V, prefix string, lines map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return lines[prefix+keys[i]] < lines[prefix+keys[j]]
	})
	return keys
}
