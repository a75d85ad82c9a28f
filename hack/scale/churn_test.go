//go:build !probe

package main

import (
	"testing"
	"time"
)

func TestLagOf(t *testing.T) {
	t0 := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	at := func(ms int) int64 { return t0.Add(time.Duration(ms) * time.Millisecond).UnixNano() }
	sent := func(ms ...int) []time.Time {
		out := make([]time.Time, len(ms))
		for i, m := range ms {
			out[i] = t0.Add(time.Duration(m) * time.Millisecond)
		}
		return out
	}
	tests := []struct {
		name   string
		res    churnResult
		frames []event
		want   lag
	}{
		{"each update drawn by the first frame with its number",
			churnResult{sent: sent(0, 10)},
			[]event{{At: at(50), Seen: [][3]int{{0, 0, 1}}}, {At: at(150), Seen: [][3]int{{1, 0, 2}}}},
			lag{p50: 140 * time.Millisecond, p99: 140 * time.Millisecond,
				max: 140 * time.Millisecond, shown: 2, total: 2, shownBy: [2]int{1, 1}}},
		{"a later number on the same target draws an earlier update",
			churnResult{sent: sent(0, 5, 10)},
			[]event{{At: at(100), Seen: [][3]int{{0, 0, 3}, {1, 0, 2}}}},
			lag{p50: 95 * time.Millisecond, p99: 100 * time.Millisecond,
				max: 100 * time.Millisecond, shown: 3, total: 3, shownBy: [2]int{2, 1}}},
		{"an update never drawn is not counted as shown",
			churnResult{sent: sent(0, 10)},
			[]event{{At: at(30), Seen: [][3]int{{0, 0, 1}}}},
			lag{p50: 30 * time.Millisecond, p99: 30 * time.Millisecond,
				max: 30 * time.Millisecond, shown: 1, total: 2, shownBy: [2]int{1, 0}}},
		{"numbers continue from an earlier churn",
			churnResult{sent: sent(0), base: 40},
			[]event{{At: at(20), Seen: [][3]int{{0, 0, 40}}}, {At: at(70), Seen: [][3]int{{0, 0, 41}}}},
			lag{p50: 70 * time.Millisecond, p99: 70 * time.Millisecond,
				max: 70 * time.Millisecond, shown: 1, total: 1, shownBy: [2]int{1, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lagOf(tt.res, tt.frames, 1); got != tt.want {
				t.Errorf("lagOf = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestOwnLagOf(t *testing.T) {
	t0 := time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)
	at := func(ms int) int64 { return t0.Add(time.Duration(ms) * time.Millisecond).UnixNano() }
	res := churnResult{sent: []time.Time{t0, t0.Add(10 * time.Millisecond),
		t0.Add(20 * time.Millisecond)}}
	// The bare watch received update 1 at 20 ms and 2 at 40 ms, and never
	// saw update 3; the tool drew 1 at 50 ms and 2 and 3 at 110 ms.
	watched := []event{{At: at(20), Seen: [][3]int{{0, 0, 1}}},
		{At: at(40), Seen: [][3]int{{1, 0, 2}}}}
	frames := []event{{At: at(50), Seen: [][3]int{{0, 0, 1}}},
		{At: at(110), Seen: [][3]int{{1, 0, 2}, {0, 0, 3}}}}
	got := ownLagOf(res, watched, frames, 1)
	want := lag{p50: 70 * time.Millisecond, p99: 70 * time.Millisecond,
		max: 70 * time.Millisecond, shown: 2, total: 3, shownBy: [2]int{1, 1}}
	if got != want {
		t.Errorf("ownLagOf = %+v, want %+v", got, want)
	}
}
