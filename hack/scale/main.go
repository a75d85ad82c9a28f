//go:build !probe

// Command scale is the scale harness of issue 7: it starts a real
// kube-apiserver and etcd, fills them with a generated EKS cluster (by
// default 500 nodes, then 5,000 nodes, 5,000 NodeClaims, 50 NodePools and
// 100,000 pods), measures kubectl-automode against the API server's own
// LIST time, prints one table with the targets beside the figures, and
// cleans up. `make scale` builds and runs it; it is not part of `make test`.
//
// The same package built with -tags probe is the probe, the process under
// measurement for the UI: the watcher and the Bubble Tea model, driven
// without a terminal (see probe.go). It is a binary of its own so that
// its memory counts the pages of the tool's code, not the harness's.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// config is what the flags choose.
type config struct {
	sizes       []int
	podsPerNode int
	binary      string
	probe       string
	crds        string
	idle        time.Duration
	churn       time.Duration
	churnRate   int
	runs        int
	deadline    time.Duration
	workers     int
	podStatus   bool
	fill        string
	jsonPath    string
	hold        bool
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "rusage" {
		os.Exit(rusageMain(os.Args[2:]))
	}
	os.Exit(run())
}

func run() int {
	var cfg config
	var sizes string
	flag.StringVar(&sizes, "sizes", "500,5000", "node counts to measure, in growing order")
	flag.IntVar(&cfg.podsPerNode, "pods-per-node", 20, "pods on each node")
	flag.StringVar(&cfg.binary, "binary", "bin/kubectl-automode",
		"the kubectl-automode binary to time with get nodes -o json")
	flag.StringVar(&cfg.probe, "probe", "bin/automode-scale-probe",
		"the probe binary: this package built with -tags probe")
	flag.StringVar(&cfg.crds, "crds", "internal/apitest/testdata/crds",
		"directory of the CRDs to install")
	flag.DurationVar(&cfg.idle, "idle", 60*time.Second, "window for idle CPU")
	flag.DurationVar(&cfg.churn, "churn", 60*time.Second, "window for CPU under churn")
	flag.IntVar(&cfg.churnRate, "churn-rate", 200, "object updates per second under churn")
	flag.IntVar(&cfg.runs, "runs", 3, "repetitions of the floor and first-snapshot timings")
	flag.DurationVar(&cfg.deadline, "deadline", 9*time.Minute+30*time.Second,
		"stop everything after this long, printing what was measured")
	flag.IntVar(&cfg.workers, "workers", 24, "parallel writers while filling the cluster")
	flag.BoolVar(&cfg.podStatus, "pod-status", true,
		"write each pod's status (Running, IPs, container statuses) as a kubelet would")
	flag.StringVar(&cfg.fill, "fill", fillEtcd, "how to fill the pods: "+fillEtcd+
		" writes them straight into etcd as the API server stores them (100,000 in "+
		"seconds); "+fillAPI+" creates each and writes its status through the API server, "+
		"as a controller and a kubelet would, which takes minutes of the server's CPU")
	flag.BoolVar(&cfg.hold, "hold", false, "after filling the last size, print the "+
		"kubeconfig and keep the cluster until interrupted, measuring nothing")
	flag.Parse()
	cfg.jsonPath = os.Getenv("SCALE_JSON")
	for _, s := range strings.Split(sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 || (len(cfg.sizes) > 0 && n <= cfg.sizes[len(cfg.sizes)-1]) {
			fmt.Fprintf(os.Stderr, "scale: -sizes %q: want growing positive node counts\n", sizes)
			return 2
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	if cfg.fill != fillAPI && cfg.fill != fillEtcd {
		fmt.Fprintf(os.Stderr, "scale: -fill %q: want %s or %s\n", cfg.fill, fillAPI, fillEtcd)
		return 2
	}
	if _, err := os.Stat(cfg.binary); err != nil {
		fmt.Fprintf(os.Stderr, "scale: %v; run `make build` first or pass -binary\n", err)
		return 2
	}
	if _, err := os.Stat(cfg.probe); err != nil {
		fmt.Fprintf(os.Stderr, "scale: %v; run `make scale`, which builds it, or pass -probe\n",
			err)
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, cfg.deadline)
	defer cancel()

	rep, err := measureAll(ctx, cfg)
	rep.print(os.Stdout)
	if cfg.jsonPath != "" {
		if werr := rep.writeJSON(cfg.jsonPath); werr != nil {
			fmt.Fprintf(os.Stderr, "scale: %v\n", werr)
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "scale: %v\n", err)
		return 1
	}
	return 0
}

// logf prints progress to stderr, stamped with the time since start, so
// that a slow phase shows where the ten minutes went.
var started = time.Now()

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "[%6.1fs] %s\n", time.Since(started).Seconds(),
		fmt.Sprintf(format, args...))
}
