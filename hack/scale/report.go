//go:build !probe

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"text/tabwriter"
)

func numCPU() int { return runtime.NumCPU() }

// row is one measure: its name, its value at each size, and its target.
type row struct {
	name   string
	value  func(r sizeResult) string
	target string
}

// rows are the table, in the order of issue 7.
var rows = []row{
	{"pods / NodeClaims / NodePools", func(r sizeResult) string {
		return fmt.Sprintf("%d / %d / %d", r.Pods, r.Claims, r.Pools)
	}, ""},
	{"fill (create in parallel)", func(r sizeResult) string { return secs(r.FillSeconds) }, ""},
	{"load average before / after", func(r sizeResult) string {
		return r.LoadBefore + " / " + r.LoadAfter
	}, ""},
	{"floor: paginated LIST of all", func(r sizeResult) string { return msf(r.FloorMs) }, "the limit"},
	{"  of which pods", func(r sizeResult) string { return msf(r.FloorEachMs["pods"]) }, ""},
	{"get nodes -o json: wall", func(r sizeResult) string {
		return fmt.Sprintf("%s (%.2fx floor)", msf(r.GetWallMs), r.GetWallMs/r.FloorMs)
	}, "<= 1.5x floor"},
	{"get nodes -o json: CPU", func(r sizeResult) string { return msf(r.GetCPUMs) }, ""},
	{"get nodes -o json: peak RSS", func(r sizeResult) string { return mb(r.GetMaxRSSMB) },
		"< 150 MB"},
	{"  the same with GOMEMLIMIT=" + memLimit, func(r sizeResult) string {
		return fmt.Sprintf("%s wall, %s CPU, %s", msf(r.GetLimitedWallMs), msf(r.GetLimitedCPUMs),
			mb(r.GetLimitedRSSMB))
	}, "(one run)"},
	{"UI first full frame: wall", func(r sizeResult) string {
		return fmt.Sprintf("%s (%.2fx floor, median of %d)", msf(r.UIFirstFrameMs),
			r.UIFirstFrameMs/r.FloorMs, len(r.UIFirstFrameEachMs))
	}, "<= 1.5x floor"},
	{"UI first full frame: CPU", func(r sizeResult) string { return msf(r.UIFirstCPUMs) }, ""},
	{"UI peak RSS after sync", func(r sizeResult) string { return mb(r.UIPeakRSSMB) }, "< 150 MB"},
	{"  file pages in RSS at first frame", func(r sizeResult) string { return mb(r.UIFileRSSMB) },
		"(the probe binary)"},
	{"UI live heap after GC", func(r sizeResult) string { return mb(r.HeapMB) }, ""},
	{"idle CPU", func(r sizeResult) string {
		return fmt.Sprintf("%.2f%% (%s, %d frames)", r.IdleCPUPct, secs(r.IdleSeconds),
			r.IdleFrames)
	}, "< 1% of a core"},
	{"churn CPU", func(r sizeResult) string {
		return fmt.Sprintf("%.1f%% (%d updates in %s, %d failed)", r.ChurnCPUPct, r.ChurnSent,
			secs(r.ChurnSeconds), r.ChurnFailed)
	}, "< 25% of a core"},
	{"UI peak RSS after churn", func(r sizeResult) string { return mb(r.ChurnPeakRSSMB) },
		"(< 150 MB)"},
	{"update -> frame p50 / p99 / max", func(r sizeResult) string {
		return fmt.Sprintf("%.0f / %.0f / %.0f ms (%d shown, %d frames)", r.LagP50Ms,
			r.LagP99Ms, r.LagMaxMs, r.ChurnShown, r.ChurnFrames)
	}, "max < 200 ms"},
	{"  bare watch of the same p50/p99/max", func(r sizeResult) string {
		return fmt.Sprintf("%.0f / %.0f / %.0f ms", r.WatchP50Ms, r.WatchP99Ms, r.WatchMaxMs)
	}, "(API server's share)"},
	{"  bare watch's receipt -> frame", func(r sizeResult) string {
		return fmt.Sprintf("%.0f / %.0f / %.0f ms", r.OwnP50Ms, r.OwnP99Ms, r.OwnMaxMs)
	}, "(the tool's own share)"},
	{"apply snapshot to UI p50 / p99 / max", func(r sizeResult) string {
		return fmt.Sprintf("%.2f / %.2f / %.2f ms", r.ApplyP50Ms, r.ApplyP99Ms, r.ApplyMaxMs)
	}, ""},
	{"View() at 200x60 p50 / p99 / max", func(r sizeResult) string {
		return fmt.Sprintf("%.2f / %.2f / %.2f ms", r.ViewP50Ms, r.ViewP99Ms, r.ViewMaxMs)
	}, "< 5 ms"},
}

// print writes the table: one column per size, the target last.
func (rep report) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"measure"}
	for _, r := range rep.Sizes {
		head = append(head, fmt.Sprintf("%d nodes", r.Nodes))
	}
	fmt.Fprintln(tw, strings.Join(append(head, "target"), "\t"))
	for _, row := range rows {
		line := []string{row.name}
		for _, r := range rep.Sizes {
			line = append(line, row.value(r))
		}
		fmt.Fprintln(tw, strings.Join(append(line, row.target), "\t"))
	}
	_ = tw.Flush()
	if rep.HeapPerPod != 0 || rep.HeapPerNode != 0 {
		fmt.Fprintf(w, "retained heap per pod: %.0f B (target < 400 B); per node with its "+
			"NodeClaim: %.0f B\n", rep.HeapPerPod, rep.HeapPerNode)
	}
	if rep.Note != "" {
		fmt.Fprintln(w, rep.Note)
	}
	fmt.Fprintf(w, "machine: %d cores\n", rep.Cores)
}

func (rep report) writeJSON(path string) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing SCALE_JSON: %w", err)
	}
	return nil
}

func secs(s float64) string { return fmt.Sprintf("%.1f s", s) }
func msf(v float64) string  { return fmt.Sprintf("%.0f ms", v) }
func mb(v float64) string   { return fmt.Sprintf("%.0f MB", v) }
