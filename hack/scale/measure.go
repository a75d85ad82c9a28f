//go:build !probe

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"

	"github.com/kubectl-automode/kubectl-automode/internal/scalegen"
)

// memLimit is the soft memory limit of one extra get run.
const memLimit = "100MiB"

// churnTargets is how many nodes, and as many NodeClaims, the churn writer
// cycles over.
const churnTargets = 100

// targetsFor is the number of churn targets a cluster of that many nodes
// has: its Auto Mode nodes, at most churnTargets.
func targetsFor(nodes int) int {
	n := 0
	for i := 0; i < nodes && n < churnTargets; i++ {
		if scalegen.KindOf(i) == scalegen.Auto {
			n++
		}
	}
	return n
}

// sizeResult is every figure for one cluster size.
type sizeResult struct {
	Nodes  int `json:"nodes"`
	Pods   int `json:"pods"`
	Claims int `json:"nodeClaims"`
	Pools  int `json:"nodePools"`

	FillSeconds float64 `json:"fillSeconds"`
	LoadBefore  string  `json:"loadBefore"`
	LoadAfter   string  `json:"loadAfter"`

	// FloorMs is the best of the runs; FloorEachMs the resources of it.
	FloorMs     float64            `json:"floorMs"`
	FloorEachMs map[string]float64 `json:"floorEachMs"`

	GetWallMs   float64 `json:"getWallMs"`
	GetCPUMs    float64 `json:"getCpuMs"`
	GetMaxRSSMB float64 `json:"getMaxRssMB"`
	GetItems    int     `json:"getItems"`

	// GetLimited* is one run of get with GOMEMLIMIT=memLimit.
	GetLimitedWallMs float64 `json:"getLimitedWallMs"`
	GetLimitedCPUMs  float64 `json:"getLimitedCpuMs"`
	GetLimitedRSSMB  float64 `json:"getLimitedMaxRssMB"`

	UIFirstFrameMs float64 `json:"uiFirstFrameMs"`
	// UIFirstFrameEachMs are the first frames of each probe start, of
	// which UIFirstFrameMs is the median.
	UIFirstFrameEachMs []float64 `json:"uiFirstFrameEachMs"`
	UIFirstCPUMs       float64   `json:"uiFirstCpuMs"`
	UIPeakRSSMB        float64   `json:"uiPeakRssMB"`
	UIFileRSSMB        float64   `json:"uiFileRssMB"`
	HeapMB             float64   `json:"heapMB"`

	IdleSeconds  float64 `json:"idleSeconds"`
	IdleCPUPct   float64 `json:"idleCpuPct"`
	IdleFrames   int     `json:"idleFrames"`
	ChurnSeconds float64 `json:"churnSeconds"`
	ChurnCPUPct  float64 `json:"churnCpuPct"`
	// ChurnPeakRSSMB is the UI's peak RSS over its whole run, read at the
	// end of the churn: the heap a burst of snapshots leaves to collect.
	ChurnPeakRSSMB float64 `json:"churnPeakRssMB"`
	ChurnSent      int     `json:"churnSent"`
	ChurnFailed    int64   `json:"churnFailed"`
	ChurnShown     int     `json:"churnShown"`
	ChurnShownBy   [2]int  `json:"churnShownNodesClaims"`
	ChurnFrames    int     `json:"churnFrames"`
	LagP50Ms       float64 `json:"lagP50Ms"`
	LagP99Ms       float64 `json:"lagP99Ms"`
	LagMaxMs       float64 `json:"lagMaxMs"`
	// Watch* is the same delay for a bare watch in the harness: the API
	// server's own share of the lag.
	WatchP50Ms float64 `json:"watchP50Ms"`
	WatchP99Ms float64 `json:"watchP99Ms"`
	WatchMaxMs float64 `json:"watchMaxMs"`
	// Own* is the tool's own share: from the bare watch's receipt of each
	// update to the frame that showed it.
	OwnP50Ms   float64 `json:"ownLagP50Ms"`
	OwnP99Ms   float64 `json:"ownLagP99Ms"`
	OwnMaxMs   float64 `json:"ownLagMaxMs"`
	ApplyP50Ms float64 `json:"applyP50Ms"`
	ApplyMaxMs float64 `json:"applyMaxMs"`
	ApplyP99Ms float64 `json:"applyP99Ms"`
	ViewP50Ms  float64 `json:"viewP50Ms"`
	ViewMaxMs  float64 `json:"viewMaxMs"`
	ViewP99Ms  float64 `json:"viewP99Ms"`

	// heapMidMB is the heap with this size's nodes but the previous
	// size's pods, for the per-node figure.
	heapMidMB float64
}

// report is the whole run.
type report struct {
	Cores       int          `json:"cores"`
	Sizes       []sizeResult `json:"sizes"`
	HeapPerPod  float64      `json:"heapBytesPerPod"`
	HeapPerNode float64      `json:"heapBytesPerNode"`
	Note        string       `json:"note,omitempty"`
}

// measureAll starts the server, grows the cluster through the sizes and
// measures each; it always stops the server.
func measureAll(ctx context.Context, cfg config) (report, error) {
	rep := report{Cores: numCPU()}
	logf("starting kube-apiserver and etcd")
	s, err := startServer(cfg.crds)
	if err != nil {
		return rep, err
	}
	defer func() {
		logf("stopping kube-apiserver and etcd")
		s.stop()
	}()
	if err := s.fillBase(ctx); err != nil {
		return rep, err
	}

	prev := 0
	for n, nodes := range cfg.sizes {
		r := sizeResult{Nodes: nodes, Pods: nodes * cfg.podsPerNode, Claims: nodes,
			Pools: scalegen.NodePools}
		start := time.Now()
		if err := s.fillNodes(ctx, prev, nodes, cfg.workers); err != nil {
			return rep, err
		}
		if n > 0 {
			if r.heapMidMB, err = heapOnly(ctx, cfg.probe, s.kubeconfig, nodes); err != nil {
				return rep, err
			}
		}
		if err := s.fillPods(ctx, prev, nodes, cfg); err != nil {
			return rep, err
		}
		r.FillSeconds = time.Since(start).Seconds()
		if cfg.hold && n == len(cfg.sizes)-1 {
			logf("holding the cluster; KUBECONFIG=%s; interrupt to stop", s.kubeconfig)
			<-ctx.Done()
			return rep, nil
		}
		err := measureSize(ctx, cfg, s, &r)
		rep.Sizes = append(rep.Sizes, r)
		if err != nil {
			return rep, err
		}
		prev = nodes
	}
	rep.perObject()
	return rep, nil
}

// perObject works out the retained heap per node and per pod from the
// differences between sizes: the step from one size's nodes to the next's
// with pods unchanged, then the step in pods.
func (rep *report) perObject() {
	if len(rep.Sizes) < 2 {
		rep.Note = "heap per node and per pod need two sizes"
		return
	}
	a, b := rep.Sizes[len(rep.Sizes)-2], rep.Sizes[len(rep.Sizes)-1]
	rep.HeapPerNode = (b.heapMidMB - a.HeapMB) * (1 << 20) / float64(b.Nodes-a.Nodes)
	rep.HeapPerPod = (b.HeapMB - b.heapMidMB) * (1 << 20) / float64(b.Pods-a.Pods)
}

// measureSize takes every measure of one size.
func measureSize(ctx context.Context, cfg config, s *server, r *sizeResult) error {
	r.LoadBefore = loadAvg()
	defer func() { r.LoadAfter = loadAvg() }()

	listers, err := floorListers(s.cfg)
	if err != nil {
		return err
	}
	for i := range cfg.runs {
		total, each, err := measureFloor(ctx, listers)
		if err != nil {
			return err
		}
		if i == 0 || total.Seconds()*1000 < r.FloorMs {
			r.FloorMs = ms(total)
			r.FloorEachMs = map[string]float64{}
			for k, v := range each {
				r.FloorEachMs[k] = ms(v)
			}
		}
	}
	logf("%d nodes: floor %.0f ms", r.Nodes, r.FloorMs)

	if err := measureGet(ctx, cfg, s.kubeconfig, r); err != nil {
		return err
	}
	logf("%d nodes: get nodes -o json %.0f ms wall, %.0f ms CPU, %.0f MB", r.Nodes,
		r.GetWallMs, r.GetCPUMs, r.GetMaxRSSMB)
	return measureUI(ctx, cfg, s, r)
}

// measureGet times `get nodes -o json`, the median of the runs, and checks
// that it printed every node.
func measureGet(ctx context.Context, cfg config, kubeconfig string, r *sizeResult) error {
	type run struct {
		wall, cpu time.Duration
		rss       int64
	}
	var runs []run
	out, err := os.CreateTemp("", "automode-scale-get-")
	if err != nil {
		return err
	}
	defer os.Remove(out.Name())
	defer out.Close()
	once := func(env ...string) (run, error) {
		if err := out.Truncate(0); err != nil {
			return run{}, err
		}
		if _, err := out.Seek(0, 0); err != nil {
			return run{}, err
		}
		cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
		defer cancel()
		self, err := os.Executable()
		if err != nil {
			return run{}, fmt.Errorf("finding the harness binary: %w", err)
		}
		report, reportW, err := os.Pipe()
		if err != nil {
			return run{}, err
		}
		defer report.Close()
		// Prices come from the table built into the binary: the harness must
		// not reach AWS, and the lookups' latency is not the cluster's. The
		// rusage shim runs it, so that its peak RSS is its own (rusage.go).
		cmd := exec.CommandContext(cctx, self, "rusage", cfg.binary, "get", "nodes", "-o",
			"json", "--price-source", "embedded", "--kubeconfig", kubeconfig)
		cmd.Stdout, cmd.Stderr = out, os.Stderr
		cmd.Env = append(os.Environ(), env...)
		cmd.ExtraFiles = []*os.File{reportW}
		err = cmd.Run()
		reportW.Close()
		if err != nil {
			return run{}, fmt.Errorf("running %s get nodes -o json: %w", cfg.binary, err)
		}
		var u childUsage
		if err := json.NewDecoder(report).Decode(&u); err != nil {
			return run{}, fmt.Errorf("reading the rusage of get nodes -o json: %w", err)
		}
		if u.Exit != 0 {
			return run{}, fmt.Errorf("%s get nodes -o json exited %d", cfg.binary, u.Exit)
		}
		return run{wall: time.Duration(u.WallNs), cpu: time.Duration(u.CPUNs),
			rss: u.MaxRSSKB << 10}, nil
	}
	// One run with a soft memory limit shows what trading CPU for memory
	// would buy.
	limited, err := once("GOMEMLIMIT=" + memLimit)
	if err != nil {
		return err
	}
	r.GetLimitedWallMs, r.GetLimitedCPUMs = ms(limited.wall), ms(limited.cpu)
	r.GetLimitedRSSMB = float64(limited.rss) / (1 << 20)
	for range cfg.runs {
		x, err := once()
		if err != nil {
			return err
		}
		runs = append(runs, x)
	}
	var printed struct {
		Items []json.RawMessage `json:"items"`
	}
	data, err := os.ReadFile(out.Name())
	if err == nil {
		err = json.Unmarshal(data, &printed)
	}
	if err != nil {
		return fmt.Errorf("reading get nodes -o json output: %w", err)
	}
	if r.GetItems = len(printed.Items); r.GetItems != r.Nodes {
		return fmt.Errorf("get nodes -o json printed %d nodes, want %d", r.GetItems, r.Nodes)
	}
	slices.SortFunc(runs, func(a, b run) int { return int(a.wall - b.wall) })
	mid := runs[len(runs)/2]
	r.GetWallMs, r.GetCPUMs = ms(mid.wall), ms(mid.cpu)
	for _, x := range runs {
		r.GetMaxRSSMB = max(r.GetMaxRSSMB, float64(x.rss)/(1<<20))
	}
	return nil
}

// percentiles are the median, the 99th percentile and the maximum of d,
// in milliseconds; d is sorted in place.
func percentiles(d []time.Duration) (p50, p99, most float64) {
	if len(d) == 0 {
		return 0, 0, 0
	}
	slices.Sort(d)
	return ms(d[len(d)/2]), ms(d[len(d)*99/100]), ms(d[len(d)-1])
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// loadAvg is the first three fields of /proc/loadavg, as uptime prints.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
