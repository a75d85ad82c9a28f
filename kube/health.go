package kube

import (
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// health follows whether the API server answers, from every request the
// live clients make: the informers' lists and watches, discovery and the
// detail views. Watch errors alone cannot tell: client-go's reflector
// retries a refused watch quietly, without calling the informer's watch
// error handler, so a stopped API server would go unnoticed.
type health struct {
	now func() time.Time

	mu sync.Mutex
	// down is set from the first failed request to the next answer.
	down bool
	// since is when the server came up, or, while it is down, when the
	// first request failed. An open watch keeps the data current until the
	// moment it breaks, so that moment is the data's age.
	since  time.Time
	notify func()
}

func newHealth() *health { return &health{now: time.Now} }

// onChange sets what to call when the server goes down or comes back.
func (h *health) onChange(f func()) {
	h.mu.Lock()
	h.notify = f
	h.mu.Unlock()
}

// answer records a response from the server, whatever its status: a 403
// or a 404 still proves the server is there.
func (h *health) answer() {
	h.mu.Lock()
	now := h.now()
	changed := h.down || h.since.IsZero()
	if changed {
		h.down, h.since = false, now
	}
	notify := h.notify
	h.mu.Unlock()
	if changed && notify != nil {
		notify()
	}
}

// fail records a request that got no answer.
func (h *health) fail() {
	h.mu.Lock()
	changed := !h.down
	if changed {
		h.down, h.since = true, h.now()
	}
	notify := h.notify
	h.mu.Unlock()
	if changed && notify != nil {
		notify()
	}
}

// connection is the state at now: reconnecting while the server has been
// silent for less than staleAfter, stale after that.
func (h *health) connection(now time.Time, staleAfter time.Duration) model.Connection {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case !h.down:
		return model.Connection{State: model.ConnectionLive, Since: h.since}
	case now.Sub(h.since) < staleAfter:
		return model.Connection{State: model.ConnectionReconnecting, Since: h.since}
	}
	return model.Connection{State: model.ConnectionStale, Since: h.since}
}

// wrap is a rest.Config transport wrapper that reports to h.
func (h *health) wrap(next http.RoundTripper) http.RoundTripper {
	return healthTransport{next: next, h: h}
}

type healthTransport struct {
	next http.RoundTripper
	h    *health
}

// RoundTrip passes the request on and records whether it was answered. A
// request its caller cancelled (an informer stopping) says nothing about
// the server.
func (t healthTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		if req.Context().Err() == nil {
			t.h.fail()
		}
		return resp, err
	}
	t.h.answer()
	resp.Body = &healthBody{ReadCloser: resp.Body, req: req, h: t.h}
	return resp, nil
}

// healthBody notices a watch stream cut off mid-way, as when the server
// stops.
type healthBody struct {
	io.ReadCloser
	req *http.Request
	h   *health
}

func (b *healthBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && !errors.Is(err, io.EOF) && b.req.Context().Err() == nil {
		b.h.fail()
	}
	return n, err
}
