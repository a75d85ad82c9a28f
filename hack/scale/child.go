//go:build !probe

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"
)

// probe is a running probe process and the events it wrote.
type probe struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	started time.Time
	events  chan event

	mu     sync.Mutex
	frames []event
}

// startProbe runs the probe binary against the cluster; its clock starts
// just before the process does.
func startProbe(ctx context.Context, binary, kubeconfig string, targets int) (*probe, error) {
	cmd := exec.CommandContext(ctx, binary, "-kubeconfig", kubeconfig,
		"-targets", strconv.Itoa(targets))
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("starting probe: %w", err)
	}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("starting probe: %w", err)
	}
	p := &probe{cmd: cmd, stdin: stdin, events: make(chan event, 64)}
	p.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting probe: %w", err)
	}
	go p.read(stdout)
	return p, nil
}

// read files frames away and passes every other event on.
func (p *probe) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var ev event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			logf("probe wrote %q: %v", sc.Text(), err)
			continue
		}
		if ev.Ev == "frame" {
			p.mu.Lock()
			p.frames = append(p.frames, ev)
			p.mu.Unlock()
			continue
		}
		p.events <- ev
	}
	close(p.events)
}

// wait returns the next event of that kind, or an error when the probe
// ends or the time is up first.
func (p *probe) wait(ctx context.Context, kind string, limit time.Duration) (event, error) {
	t := time.NewTimer(limit)
	defer t.Stop()
	for {
		select {
		case ev, ok := <-p.events:
			if !ok {
				return event{}, fmt.Errorf("probe ended before its %q event", kind)
			}
			if ev.Ev == "error" {
				return event{}, fmt.Errorf("probe: %s", ev.Err)
			}
			if ev.Ev == kind {
				return ev, nil
			}
		case <-t.C:
			return event{}, fmt.Errorf("probe sent no %q event within %v", kind, limit)
		case <-ctx.Done():
			return event{}, ctx.Err()
		}
	}
}

// ask sends a request and waits for its answer.
func (p *probe) ask(ctx context.Context, what string) (event, error) {
	if _, err := fmt.Fprintln(p.stdin, what); err != nil {
		return event{}, fmt.Errorf("asking the probe for %s: %w", what, err)
	}
	return p.wait(ctx, what, 30*time.Second)
}

// settle waits until the probe has drawn no frame for quiet, or limit
// has passed. Heap read right after the first frame catches snapshots
// still being built from the tail of the initial sync, which counts their
// temporaries as retained; read after settling, the heap is what a
// running UI keeps.
func (p *probe) settle(ctx context.Context, quiet, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	seen := -1
	for time.Now().Before(deadline) {
		p.mu.Lock()
		n := len(p.frames)
		p.mu.Unlock()
		if n == seen {
			return nil
		}
		seen = n
		if err := sleep(ctx, quiet); err != nil {
			return err
		}
	}
	return nil
}

// takeFrames returns the frames since the last call.
func (p *probe) takeFrames() []event {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.frames
	p.frames = nil
	return out
}

// stop ends the probe and waits for it.
func (p *probe) stop() {
	_, _ = fmt.Fprintln(p.stdin, "quit")
	done := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
	}
}
