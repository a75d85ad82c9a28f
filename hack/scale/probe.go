package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"log/slog"
	"os"
	"reflect"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"k8s.io/cli-runtime/pkg/genericclioptions"

	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
	"github.com/kubectl-automode/kubectl-automode/ui"
)

// The probe is the process under measurement for the UI. It reads the
// cluster as `kubectl automode` does (kubeconfig through cli-runtime,
// kube.NewClients, kube.NewWatcher) and drives the real Bubble Tea model
// without a terminal: every message goes through Update, and every
// snapshot is followed by one View at the requested size, timed. It
// writes one JSON line per event on stdout and answers "heap", "cpu" and
// "quit" lines on stdin.

// event is one line the probe writes.
type event struct {
	Ev string `json:"ev"`
	// At is the wall clock in Unix nanoseconds.
	At int64 `json:"at"`

	ApplyNs int64 `json:"applyNs,omitempty"`
	ViewNs  int64 `json:"viewNs,omitempty"`
	Nodes   int   `json:"nodes,omitempty"`
	Pods    int   `json:"pods,omitempty"`
	Claims  int   `json:"claims,omitempty"`
	// Seen lists [kind, target, seq] for each target whose number rose.
	Seen [][3]int `json:"seen,omitempty"`

	CPUNs     int64  `json:"cpuNs,omitempty"`
	HeapAlloc uint64 `json:"heapAlloc,omitempty"`
	HWMBytes  int64  `json:"hwmBytes,omitempty"`
	RSSBytes  int64  `json:"rssBytes,omitempty"`
	// FileBytes is the part of RSSBytes that is file pages: the binary's
	// text and data, which the kernel may map in huge pages.
	FileBytes int64  `json:"rssFileBytes,omitempty"`
	Err       string `json:"err,omitempty"`
}

type emitter struct {
	mu  sync.Mutex
	enc *json.Encoder
}

func (e *emitter) emit(ev event) {
	if ev.At == 0 {
		ev.At = time.Now().UnixNano()
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	_ = e.enc.Encode(ev)
}

func probeMain(args []string) int {
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	kubeconfig := fs.String("kubeconfig", "", "kubeconfig of the cluster")
	targets := fs.Int("targets", 100, "nodes and NodeClaims the churn writer updates")
	width := fs.Int("width", 200, "screen width")
	height := fs.Int("height", 60, "screen height")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	out := &emitter{enc: json.NewEncoder(os.Stdout)}

	flags := genericclioptions.NewConfigFlags(true)
	flags.KubeConfig = kubeconfig
	cfg, err := flags.ToRESTConfig()
	if err != nil {
		out.emit(event{Ev: "error", Err: err.Error()})
		return 1
	}
	clients, err := kube.NewClients(cfg)
	if err != nil {
		out.emit(event{Ev: "error", Err: err.Error()})
		return 1
	}
	opts := kube.Options{Context: "scale", ClusterName: "scale", Source: "live"}
	if path := os.Getenv("SCALE_PROBE_LOG"); path != "" {
		f, err := os.Create(path)
		if err != nil {
			out.emit(event{Ev: "error", Err: err.Error()})
			return 1
		}
		defer f.Close()
		opts.Logger = slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{
			Level: slog.LevelDebug}))
	}
	// The CPU profile starts after the first frame, so that it shows what
	// idling and churn cost rather than the initial LIST, which dwarfs them.
	profile := os.Getenv("SCALE_PROBE_CPUPROFILE")
	defer pprof.StopCPUProfile()
	w := kube.NewWatcher(clients, opts)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	go commands(out, cancel)

	// Snapshots are priced as `kubectl automode` prices them before the UI
	// sees them, from the embedded table, which needs no lookups. The
	// forwarder hands each to the UI and notes which one the UI took, so
	// that the frame after it can say what it shows.
	pricer := pricing.New(pricing.Options{Source: pricing.SourceEmbedded})
	fwd := make(chan *model.Cluster)
	taken := make(chan *model.Cluster, 1024)
	go func() {
		for c := range pricer.Stream(ctx, w.Snapshots()) {
			fwd <- c
			taken <- c
		}
		close(fwd)
	}()

	names, bases := targetNames(*targets), baseMemories(*targets)
	seen := [2][]int{make([]int, len(names[0])), make([]int, len(names[1]))}
	loop := newRuntime(ui.New(fwd, done))
	loop.update(tea.WindowSizeMsg{Width: *width, Height: *height})
	first := true
	for {
		var msg tea.Msg
		select {
		case <-ctx.Done():
			return 0
		case msg = <-loop.msgs:
		}
		if reflect.TypeOf(msg).Name() != "snapshotMsg" {
			loop.update(msg)
			continue
		}
		c := <-taken
		t0 := time.Now()
		loop.update(msg)
		t1 := time.Now()
		_ = loop.m.View()
		t2 := time.Now()
		ev := event{Ev: "frame", At: t2.UnixNano(), ApplyNs: t1.Sub(t0).Nanoseconds(),
			ViewNs: t2.Sub(t1).Nanoseconds(), Seen: seenIn(c, names, bases, &seen)}
		if first {
			first = false
			ev.Ev, ev.Seen = "first", nil
			ev.Nodes, ev.Pods, ev.Claims = len(c.Nodes), len(c.Pods), len(c.NodeClaims)
			ev.CPUNs = cpuTime()
			ev.HWMBytes, ev.RSSBytes, ev.FileBytes = memoryOfSelf()
			if profile != "" {
				if f, err := os.Create(profile); err == nil {
					_ = pprof.StartCPUProfile(f)
				}
			}
		}
		out.emit(ev)
	}
}

// commands answers the parent's requests, one a line.
func commands(out *emitter, quit context.CancelFunc) {
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		switch strings.TrimSpace(sc.Text()) {
		case "heap":
			runtime.GC()
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			hwm, rss, _ := memoryOfSelf()
			writeHeapProfile()
			out.emit(event{Ev: "heap", HeapAlloc: ms.HeapAlloc, HWMBytes: hwm, RSSBytes: rss})
		case "cpu":
			hwm, rss, _ := memoryOfSelf()
			out.emit(event{Ev: "cpu", CPUNs: cpuTime(), HWMBytes: hwm, RSSBytes: rss})
		case "quit":
			quit()
			return
		}
	}
	quit()
}

// runtime is a Bubble Tea loop without a terminal: commands run on their
// own goroutines and their messages queue for Update.
type teaLoop struct {
	m    tea.Model
	msgs chan tea.Msg
}

func newRuntime(m tea.Model) *teaLoop {
	l := &teaLoop{m: m, msgs: make(chan tea.Msg, 64)}
	l.run(m.Init())
	return l
}

func (l *teaLoop) update(msg tea.Msg) {
	var cmd tea.Cmd
	l.m, cmd = l.m.Update(msg)
	l.run(cmd)
}

func (l *teaLoop) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		switch msg := cmd().(type) {
		case nil:
		case tea.BatchMsg:
			for _, c := range msg {
				l.run(c)
			}
		default:
			l.msgs <- msg
		}
	}()
}

// seenIn reads the churn number of every target in c and returns those
// that rose since the last frame.
func seenIn(c *model.Cluster, names [2][]string, bases []int64, last *[2][]int) [][3]int {
	var out [][3]int
	note := func(kind, k, seq int) {
		if seq > last[kind][k] {
			last[kind][k] = seq
			out = append(out, [3]int{kind, k, seq})
		}
	}
	for k, name := range names[0] {
		i, ok := slices.BinarySearchFunc(c.Nodes, name, func(n model.Node, s string) int {
			return strings.Compare(n.Name, s)
		})
		if ok {
			note(0, k, seqOfMemory(bases[k], c.Nodes[i].Allocatable.MemoryBytes))
		}
	}
	for k, name := range names[1] {
		i, ok := slices.BinarySearchFunc(c.NodeClaims, name, func(n model.NodeClaim, s string) int {
			return strings.Compare(n.Name, s)
		})
		if !ok {
			continue
		}
		if cond, ok := model.FindCondition(c.NodeClaims[i].Conditions, seqCondition); ok {
			seq, _ := strconv.Atoi(strings.TrimPrefix(cond.Message, "seq "))
			note(1, k, seq)
		}
	}
	return out
}

// cpuTime is the user and system CPU this process has used.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// memoryOfSelf reads the peak and current resident set, and the file
// pages in the current one, from /proc/self/status (VmHWM, VmRSS and
// RssFile).
func memoryOfSelf() (hwm, rss, file int64) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmHWM:":
			hwm = kb << 10
		case "VmRSS:":
			rss = kb << 10
		case "RssFile:":
			file = kb << 10
		}
	}
	return hwm, rss, file
}

// writeHeapProfile writes the live heap to SCALE_PROBE_HEAPPROFILE when it
// is set, so that what a pod costs can be traced to where it was allocated.
func writeHeapProfile() {
	path := os.Getenv("SCALE_PROBE_HEAPPROFILE")
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err != nil {
		return
	}
	defer f.Close()
	_ = pprof.WriteHeapProfile(f)
}
