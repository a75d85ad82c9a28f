package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// The files --debug-dump writes.
const (
	dumpClusterFile     = "cluster.json"
	dumpDiagnosticsFile = "diagnostics.json"
)

// dumpedFlagValues are the flags whose values a dump may show. Every other
// flag given is named without its value: --token, --password,
// --client-key and the like hold credentials, and new flags are held back
// until someone adds them here.
var dumpedFlagValues = []string{
	"demo", "demo-speed", "seed", "snapshot", "context", "cluster", "namespace",
	"request-timeout", "verbosity", "no-color", "price-source", "region", "output",
}

// debugDump collects what a bug report needs while the command runs: the
// newest snapshot and when snapshots came. The model holds no credentials
// (it is built from object metadata and status, never from the kubeconfig),
// and the flags are filtered, so the dump holds none either.
type debugDump struct {
	dir     string
	started time.Time
	command string
	flags   map[string]string

	mu        sync.Mutex
	first     time.Duration
	last      time.Duration
	snapshots int
	latest    *model.Cluster
	wroteOnce bool
}

// activeDump is the dump of the running command, nil without --debug-dump.
// Like logFile it lives for one command; Run writes and clears it.
var activeDump *debugDump

func startDebugDump(dir string, cmd *cobra.Command, started time.Time) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("--debug-dump: %w", err)
	}
	d := &debugDump{
		dir: dir, started: started, command: cmd.CommandPath(), flags: map[string]string{},
	}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		d.flags[f.Name] = "(set)"
		if slices.Contains(dumpedFlagValues, f.Name) {
			d.flags[f.Name] = f.Value.String()
		}
	})
	activeDump = d
	return nil
}

// observeSnapshot records a snapshot on its way to the screen or printer.
// The first is written at once, so that a command that hangs after it
// still leaves a cluster.json behind.
func observeSnapshot(c *model.Cluster) {
	d := activeDump
	if d == nil || c == nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.last = time.Since(d.started)
	if d.snapshots == 0 {
		d.first = d.last
	}
	d.snapshots++
	d.latest = c
	if !d.wroteOnce {
		d.wroteOnce = true
		_ = writeJSON(filepath.Join(d.dir, dumpClusterFile), c)
	}
}

// teeSnapshots passes every snapshot of in through, observing each, until
// in closes or ctx ends.
func teeSnapshots(ctx context.Context, in <-chan *model.Cluster) <-chan *model.Cluster {
	if activeDump == nil {
		return in
	}
	out := make(chan *model.Cluster)
	go func() {
		defer close(out)
		for c := range in {
			observeSnapshot(c)
			select {
			case out <- c:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// diagnosticsReport is diagnostics.json.
type diagnosticsReport struct {
	Version VersionInfo       `json:"version"`
	Command string            `json:"command"`
	Flags   map[string]string `json:"flags"`
	Cluster struct {
		Source   string   `json:"source"`
		Context  string   `json:"context"`
		Name     string   `json:"name"`
		Nodes    int      `json:"nodes"`
		Pods     int      `json:"pods"`
		Problems []string `json:"problems,omitempty"`
	} `json:"cluster"`
	Timings struct {
		Started            time.Time `json:"started"`
		FirstSnapshotAfter string    `json:"firstSnapshotAfter,omitempty"`
		LastSnapshotAfter  string    `json:"lastSnapshotAfter,omitempty"`
		Snapshots          int       `json:"snapshots"`
		Ran                string    `json:"ran"`
	} `json:"timings"`
	Runtime struct {
		GOMAXPROCS int    `json:"gomaxprocs"`
		HeapBytes  uint64 `json:"heapBytes"`
		Goroutines int    `json:"goroutines"`
	} `json:"runtime"`
	Error string `json:"error,omitempty"`
}

// finishDebugDump writes the dump of the command that just ended, with
// its error, and clears it. It reports a failure to write, since the user
// asked for the files.
func finishDebugDump(cmdErr error) error {
	d := activeDump
	activeDump = nil
	if d == nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()

	var r diagnosticsReport
	r.Version = versionInfo()
	r.Command, r.Flags = d.command, d.flags
	r.Timings.Started = d.started.UTC()
	r.Timings.Snapshots = d.snapshots
	r.Timings.Ran = time.Since(d.started).String()
	if d.snapshots > 0 {
		r.Timings.FirstSnapshotAfter = d.first.String()
		r.Timings.LastSnapshotAfter = d.last.String()
	}
	if c := d.latest; c != nil {
		r.Cluster.Source, r.Cluster.Context, r.Cluster.Name = c.Source, c.Context, c.ClusterName
		r.Cluster.Nodes, r.Cluster.Pods, r.Cluster.Problems = len(c.Nodes), len(c.Pods), c.Problems
	}
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	r.Runtime.GOMAXPROCS, r.Runtime.HeapBytes = runtime.GOMAXPROCS(0), mem.HeapAlloc
	r.Runtime.Goroutines = runtime.NumGoroutine()
	if cmdErr != nil {
		r.Error = strings.Join(strings.Fields(cmdErr.Error()), " ")
	}

	if d.latest != nil {
		if err := writeJSON(filepath.Join(d.dir, dumpClusterFile), d.latest); err != nil {
			return err
		}
	}
	return writeJSON(filepath.Join(d.dir, dumpDiagnosticsFile), r)
}

func writeJSON(path string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return fmt.Errorf("--debug-dump: encoding %s: %w", filepath.Base(path), err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("--debug-dump: %w", err)
	}
	return nil
}
