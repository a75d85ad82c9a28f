//go:build !probe

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// Linux reports a child's peak RSS (ru_maxrss) as the larger of its own
// and that of the memory it was forked from: Go starts a child by a vfork
// that shares the parent's memory until exec, so a child of the harness,
// which holds a few hundred MB of generated cluster, reports the
// harness's peak, whatever its own. The rusage shim starts the child
// from a fresh, small process instead, and passes on what the kernel
// reports for it.

// childUsage is what the shim reports for its child.
type childUsage struct {
	WallNs   int64 `json:"wallNs"`
	CPUNs    int64 `json:"cpuNs"`
	MaxRSSKB int64 `json:"maxRssKB"`
	Exit     int   `json:"exit"`
}

// rusageMain runs args[0] with the rest of args, on the shim's own stdin,
// stdout and stderr, and writes its childUsage as JSON to file descriptor
// 3. It exits 0 when it could run the child, whatever the child's exit.
func rusageMain(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "scale rusage: no command to run")
		return 2
	}
	report := os.NewFile(3, "rusage-report")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintf(os.Stderr, "scale rusage: %v\n", err)
		return 1
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	u := childUsage{WallNs: wall.Nanoseconds(), CPUNs: ru.Utime.Nano() + ru.Stime.Nano(), MaxRSSKB: ru.Maxrss,
		Exit: cmd.ProcessState.ExitCode()}
	if err := json.NewEncoder(report).Encode(u); err != nil {
		fmt.Fprintf(os.Stderr, "scale rusage: writing the report: %v\n", err)
		return 1
	}
	return 0
}
