package kube

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestHealthFollowsRequests(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/forbidden" {
			w.WriteHeader(http.StatusForbidden)
		}
		_, _ = io.WriteString(w, "ok")
	}))
	url := srv.URL
	clock := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	h := newHealth()
	h.now = func() time.Time { return clock }
	notified := 0
	h.onChange(func() { notified++ })
	client := &http.Client{Transport: h.wrap(http.DefaultTransport)}
	get := func(ctx context.Context, path string) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+path, nil)
		if resp, err := client.Do(req); err == nil {
			_, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
	}
	state := func(after time.Duration) model.Connection {
		return h.connection(clock.Add(after), 5*time.Second)
	}

	get(t.Context(), "/forbidden")
	if c := state(0); c.State != model.ConnectionLive || !c.Since.Equal(clock) || notified != 1 {
		t.Fatalf("after a 403: %+v, %d notices; a 403 is an answer", c, notified)
	}

	srv.Close()
	lost := clock.Add(time.Minute)
	clock = lost
	get(t.Context(), "/")
	get(t.Context(), "/")
	if c := state(time.Second); c.State != model.ConnectionReconnecting ||
		!c.Since.Equal(lost) || notified != 2 {
		t.Errorf("a second after the server went: %+v, %d notices", c, notified)
	}
	if c := state(5 * time.Second); c.State != model.ConnectionStale || !c.Since.Equal(lost) {
		t.Errorf("five seconds after: %+v, want stale since %v", c, lost)
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	clock = lost.Add(time.Hour)
	get(ctx, "/")
	if c := state(0); !c.Since.Equal(lost) || notified != 2 {
		t.Errorf("a request its caller cancelled moved the state: %+v", c)
	}
}
