//go:build !probe

package main

import (
	"context"
	"fmt"
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

// measureUI runs the probe: first frame, heap, idle and churn.
func measureUI(ctx context.Context, cfg config, s *server, r *sizeResult) error {
	targets := targetsFor(r.Nodes)
	p, err := startProbe(ctx, cfg.probe, s.kubeconfig, targets)
	if err != nil {
		return err
	}
	defer p.stop()
	first, err := p.wait(ctx, "first", 2*time.Minute)
	if err != nil {
		return err
	}
	if first.Nodes != r.Nodes || first.Pods != r.Pods || first.Claims != r.Claims {
		return fmt.Errorf("the first snapshot has %d nodes, %d pods, %d NodeClaims; want "+
			"%d, %d, %d", first.Nodes, first.Pods, first.Claims, r.Nodes, r.Pods, r.Claims)
	}
	r.UIFirstFrameMs = ms(time.Unix(0, first.At).Sub(p.started))
	r.UIFirstCPUMs = float64(first.CPUNs) / 1e6
	r.UIPeakRSSMB = float64(first.HWMBytes) / (1 << 20)
	r.UIFileRSSMB = float64(first.FileBytes) / (1 << 20)
	if err := p.settle(ctx, 2*time.Second, time.Minute); err != nil {
		return err
	}
	heap, err := p.ask(ctx, "heap")
	if err != nil {
		return err
	}
	r.HeapMB = float64(heap.HeapAlloc) / (1 << 20)
	logf("%d nodes: first frame %.0f ms, %.0f ms CPU, peak RSS %.0f MB, heap %.1f MB",
		r.Nodes, r.UIFirstFrameMs, r.UIFirstCPUMs, r.UIPeakRSSMB, r.HeapMB)

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
