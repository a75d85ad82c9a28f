package model

import (
	"cmp"
	"slices"
)

// sortedByName returns items sorted by name, ties kept in input order. It
// sorts positions and moves each item once: nodes and NodeClaims are a few
// hundred bytes each, and sorting 5,000 of them in place spent more time
// swapping than comparing. Items that come in sorted, as the watcher
// reads them, are returned as they are, after one pass to check.
func sortedByName[T any](items []T, name func(*T) string) []T {
	sorted := true
	for i := 1; i < len(items) && sorted; i++ {
		sorted = name(&items[i-1]) <= name(&items[i])
	}
	if sorted {
		return items
	}
	order := make([]int32, len(items))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(name(&items[a]), name(&items[b])), cmp.Compare(a, b))
	})
	out := make([]T, len(items))
	for i, j := range order {
		out[i] = items[j]
	}
	return out
}
