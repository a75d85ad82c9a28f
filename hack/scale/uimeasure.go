//go:build !probe

package main

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"
)

// heapOnly starts a probe, waits for its first frame and returns its heap.
func heapOnly(ctx context.Context, probe, kubeconfig string, nodes int) (float64, error) {
	p, err := startProbe(ctx, probe, kubeconfig, targetsFor(nodes))
	if err != nil {
		return 0, err
	}
	defer p.stop()
	if _, err := p.wait(ctx, "first", 2*time.Minute); err != nil {
		return 0, err
	}
	if err := p.settle(ctx, 2*time.Second, time.Minute); err != nil {
		return 0, err
	}
	h, err := p.ask(ctx, "heap")
	return float64(h.HeapAlloc) / (1 << 20), err
}

// firstFrame is one probe start's first full frame.
type firstFrame struct {
	wallMs, cpuMs, peakMB, fileMB float64
}

// waitFirst waits for p's first frame and checks that it shows the whole
// cluster.
func waitFirst(ctx context.Context, p *probe, r *sizeResult) (firstFrame, error) {
	first, err := p.wait(ctx, "first", 2*time.Minute)
	if err != nil {
		return firstFrame{}, err
	}
	if first.Nodes != r.Nodes || first.Pods != r.Pods || first.Claims != r.Claims {
		return firstFrame{}, fmt.Errorf("the first snapshot has %d nodes, %d pods, %d "+
			"NodeClaims; want %d, %d, %d", first.Nodes, first.Pods, first.Claims, r.Nodes,
			r.Pods, r.Claims)
	}
	return firstFrame{wallMs: ms(time.Unix(0, first.At).Sub(p.started)),
		cpuMs: float64(first.CPUNs) / 1e6, peakMB: float64(first.HWMBytes) / (1 << 20),
		fileMB: float64(first.FileBytes) / (1 << 20)}, nil
}

// firstFrameOnly starts a probe for its first frame alone.
func firstFrameOnly(ctx context.Context, cfg config, s *server, r *sizeResult) (firstFrame,
	error) {
	p, err := startProbe(ctx, cfg.probe, s.kubeconfig, targetsFor(r.Nodes))
	if err != nil {
		return firstFrame{}, err
	}
	defer p.stop()
	return waitFirst(ctx, p, r)
}

// measureUI runs the probe: first frame, heap, idle and churn. The first
// frame is timed over cfg.runs starts, the last of which goes on to the
// rest: its wall time is the median, with that start's CPU, and its peak
// RSS the highest.
func measureUI(ctx context.Context, cfg config, s *server, r *sizeResult) error {
	var firsts []firstFrame
	for range cfg.runs - 1 {
		f, err := firstFrameOnly(ctx, cfg, s, r)
		if err != nil {
			return err
		}
		firsts = append(firsts, f)
	}

	targets := targetsFor(r.Nodes)
	p, err := startProbe(ctx, cfg.probe, s.kubeconfig, targets)
	if err != nil {
		return err
	}
	defer p.stop()
	last, err := waitFirst(ctx, p, r)
	if err != nil {
		return err
	}
	firsts = append(firsts, last)
	r.UIFileRSSMB = last.fileMB
	for _, f := range firsts {
		r.UIFirstFrameEachMs = append(r.UIFirstFrameEachMs, f.wallMs)
		r.UIPeakRSSMB = max(r.UIPeakRSSMB, f.peakMB)
	}
	slices.SortFunc(firsts, func(a, b firstFrame) int { return cmp.Compare(a.wallMs, b.wallMs) })
	mid := firsts[len(firsts)/2]
	r.UIFirstFrameMs, r.UIFirstCPUMs = mid.wallMs, mid.cpuMs
	if err := p.settle(ctx, 2*time.Second, time.Minute); err != nil {
		return err
	}
	heap, err := p.ask(ctx, "heap")
	if err != nil {
		return err
	}
	r.HeapMB = float64(heap.HeapAlloc) / (1 << 20)
	logf("%d nodes: first frame %.0f ms (median of %v), %.0f ms CPU, peak RSS %.0f MB, "+
		"heap %.1f MB", r.Nodes, r.UIFirstFrameMs, r.UIFirstFrameEachMs, r.UIFirstCPUMs,
		r.UIPeakRSSMB, r.HeapMB)

	// Idle: nothing changes, so nothing should run.
	p.takeFrames()
	c0, err := p.ask(ctx, "cpu")
	if err != nil {
		return err
	}
	t0 := time.Now()
	if err := sleep(ctx, cfg.idle); err != nil {
		return err
	}
	c1, err := p.ask(ctx, "cpu")
	if err != nil {
		return err
	}
	r.IdleSeconds = time.Since(t0).Seconds()
	r.IdleCPUPct = 100 * float64(c1.CPUNs-c0.CPUNs) / 1e9 / r.IdleSeconds
	r.IdleFrames = len(p.takeFrames())
	logf("%d nodes: idle CPU %.2f%% of a core over %.0f s", r.Nodes, r.IdleCPUPct,
		r.IdleSeconds)

	// Churn, watched beside the probe by a bare watch, the API server's own
	// delivery time.
	wctx, stopWatch := context.WithCancel(ctx)
	defer stopWatch()
	raw, err := s.watchChurn(wctx, targets)
	if err != nil {
		return err
	}
	t0 = time.Now()
	res := s.churn(ctx, cfg.churnRate, cfg.churn, targets)
	c2, err := p.ask(ctx, "cpu")
	if err != nil {
		return err
	}
	r.ChurnSeconds = time.Since(t0).Seconds()
	r.ChurnCPUPct = 100 * float64(c2.CPUNs-c1.CPUNs) / 1e9 / r.ChurnSeconds
	r.ChurnPeakRSSMB = float64(c2.HWMBytes) / (1 << 20)
	r.ChurnSent, r.ChurnFailed = len(res.sent), res.failed
	if err := sleep(ctx, 2*time.Second); err != nil {
		return err
	}
	frames := p.takeFrames()
	r.ChurnFrames = len(frames)
	l := lagOf(res, frames, targets)
	r.ChurnShown, r.ChurnShownBy = l.shown, l.shownBy
	rf := raw.taken()
	wl := lagOf(res, rf, targets)
	r.WatchP50Ms, r.WatchP99Ms, r.WatchMaxMs = ms(wl.p50), ms(wl.p99), ms(wl.max)
	ol := ownLagOf(res, rf, frames, targets)
	r.OwnP50Ms, r.OwnP99Ms, r.OwnMaxMs = ms(ol.p50), ms(ol.p99), ms(ol.max)
	r.LagP50Ms, r.LagP99Ms, r.LagMaxMs = ms(l.p50), ms(l.p99), ms(l.max)
	var apply, view []time.Duration
	for _, f := range frames {
		apply = append(apply, time.Duration(f.ApplyNs))
		view = append(view, time.Duration(f.ViewNs))
	}
	r.ApplyP50Ms, r.ApplyP99Ms, r.ApplyMaxMs = percentiles(apply)
	r.ViewP50Ms, r.ViewP99Ms, r.ViewMaxMs = percentiles(view)
	logf("%d nodes: churn CPU %.1f%%, lag p50 %.0f p99 %.0f max %.0f ms, %d/%d shown "+
		"(%d of nodes, %d of NodeClaims); bare watch p50 %.0f p99 %.0f max %.0f ms; "+
		"own p50 %.0f p99 %.0f max %.0f ms", r.Nodes,
		r.ChurnCPUPct, r.LagP50Ms, r.LagP99Ms, r.LagMaxMs, r.ChurnShown, r.ChurnSent,
		r.ChurnShownBy[0], r.ChurnShownBy[1], r.WatchP50Ms, r.WatchP99Ms, r.WatchMaxMs,
		r.OwnP50Ms, r.OwnP99Ms, r.OwnMaxMs)
	return nil
}
