//go:build !probe

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/kubectl-automode/kubectl-automode/internal/scalegen"
)

// churnResult is what the writer did: when each update was sent, by
// update number, and how many failed.
type churnResult struct {
	sent   []time.Time
	failed int64
	// base is added to every update's number: numbers keep rising from one
	// size's churn to the next, since the targets keep theirs.
	base int
}

// churn sends rate updates a second for dur, alternating the allocatable
// memory of a target node (see seqMemory) and the message of a target
// NodeClaim's Consolidatable condition, both carrying the update's number
// (base plus its index plus one). Update n goes to target (n/2) mod
// targets.
func (s *server) churn(ctx context.Context, rate int, dur time.Duration, targets int) churnResult {
	idx, bases := targetIndexes(targets), baseMemories(targets)
	names := targetNames(targets)
	total := int(dur.Seconds() * float64(rate))
	res := churnResult{sent: make([]time.Time, total), base: s.churned}
	s.churned += total
	var failed atomic.Int64

	jobs := make(chan int, total)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for n := range jobs {
				res.sent[n] = time.Now()
				if err := s.update(ctx, n, res.base+n+1, idx, bases, names); err != nil {
					if failed.Add(1) == 1 {
						logf("churn: %v", err)
					}
				}
			}
		})
	}
	tick := time.NewTicker(time.Second / time.Duration(rate))
	for n := 0; n < total; n++ {
		select {
		case <-ctx.Done():
			n = total
			continue
		case <-tick.C:
		}
		jobs <- n
	}
	tick.Stop()
	close(jobs)
	wg.Wait()
	res.failed = failed.Load()
	return res
}

// update sends update n; bases are the target nodes' generated memories.
func (s *server) update(ctx context.Context, n, seq int, idx []int, bases []int64,
	names [2][]string) error {
	k := (n / 2) % len(idx)
	if n%2 == 0 {
		patch := fmt.Sprintf(`{"status":{"allocatable":{"memory":"%d"}}}`,
			seqMemory(bases[k], seq))
		_, err := s.kube.CoreV1().Nodes().Patch(ctx, names[0][k], types.MergePatchType,
			[]byte(patch), metav1.PatchOptions{}, "status")
		return err
	}
	status := scalegen.NodeClaim(idx[k]).Object["status"].(map[string]any)
	conds := status["conditions"].([]any)
	for _, c := range conds {
		if m := c.(map[string]any); m["type"] == seqCondition {
			m["message"] = fmt.Sprintf("seq %d", seq)
		}
	}
	patch, err := json.Marshal(map[string]any{"status": map[string]any{"conditions": conds}})
	if err != nil {
		return err
	}
	_, err = s.dynamic.Resource(nodeClaimsGVR).Patch(ctx, names[1][k], types.MergePatchType,
		patch, metav1.PatchOptions{}, "status")
	return err
}

// lag is how long updates waited to be drawn.
type lag struct {
	p50, p99, max time.Duration
	shown, total  int
	// shownBy counts the updates shown, of nodes and of NodeClaims.
	shownBy [2]int
}

// lagOf matches each update with the first frame that showed its number,
// or a later one, on its target.
func lagOf(res churnResult, frames []event, targets int) lag {
	shownAt := shownTimes(res, frames, targets)
	var delays []time.Duration
	out := lag{total: len(res.sent)}
	for n, sent := range res.sent {
		if sent.IsZero() || shownAt[n].IsZero() {
			continue
		}
		delays = append(delays, max(0, shownAt[n].Sub(sent)))
		out.shownBy[n%2]++
	}
	out.shown = len(delays)
	if len(delays) == 0 {
		return out
	}
	slices.Sort(delays)
	out.p50 = delays[len(delays)/2]
	out.p99 = delays[len(delays)*99/100]
	out.max = delays[len(delays)-1]
	return out
}

// shownTimes is, for each update, the time of the first frame that showed
// its number or a later one on its target; zero when none did.
func shownTimes(res churnResult, frames []event, targets int) []time.Time {
	type point struct {
		at  time.Time
		seq int
	}
	var seen [2][][]point
	for kind := range 2 {
		seen[kind] = make([][]point, targets)
	}
	for _, f := range frames {
		for _, s := range f.Seen {
			kind, k, seq := s[0], s[1], s[2]
			seen[kind][k] = append(seen[kind][k], point{time.Unix(0, f.At), seq})
		}
	}
	out := make([]time.Time, len(res.sent))
	for n := range res.sent {
		pts := seen[n%2][(n/2)%targets]
		i, _ := slices.BinarySearchFunc(pts, res.base+n+1, func(p point, seq int) int {
			return p.seq - seq
		})
		if i < len(pts) {
			out[n] = pts[i].at
		}
	}
	return out
}

// ownLagOf is the tool's own share of the lag: from when the bare watch
// received each update (watched, its events in the shape of frames) to the
// frame that showed it. Updates the bare watch never saw are left out.
func ownLagOf(res churnResult, watched, frames []event, targets int) lag {
	arrived := churnResult{sent: shownTimes(res, watched, targets), base: res.base}
	return lagOf(arrived, frames, targets)
}
