package ui

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// fakeDetails answers detail views from maps, counting the calls, so that
// tests can see what the UI asked for and when.
type fakeDetails struct {
	mu       sync.Mutex
	describe map[string]string
	yaml     map[string]string
	events   map[string][]model.Event
	err      error
	calls    map[string]int
}

func newFakeDetails() *fakeDetails {
	return &fakeDetails{describe: map[string]string{}, yaml: map[string]string{},
		events: map[string][]model.Event{}, calls: map[string]int{}}
}

func (f *fakeDetails) answer(what string, ref model.Ref) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[what+" "+ref.String()]++
	return f.err
}

func (f *fakeDetails) Describe(_ context.Context, ref model.Ref) (string, error) {
	if err := f.answer("describe", ref); err != nil {
		return "", err
	}
	return f.describe[ref.String()], nil
}

func (f *fakeDetails) YAML(_ context.Context, ref model.Ref) (string, error) {
	if err := f.answer("yaml", ref); err != nil {
		return "", err
	}
	return f.yaml[ref.String()], nil
}

func (f *fakeDetails) Events(_ context.Context, ref model.Ref) ([]model.Event, error) {
	if err := f.answer("events", ref); err != nil {
		return nil, err
	}
	return f.events[ref.String()], nil
}

func (f *fakeDetails) count(call string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[call]
}

// runCmd runs a command as the program would, feeding what it returns
// back into the model, batches included, until nothing is left to run.
func runCmd(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	if cmd == nil {
		return m
	}
	switch msg := cmd().(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			m = runCmd(t, m, c)
		}
	default:
		next, more := m.Update(msg)
		m = runCmd(t, next.(Model), more)
	}
	return m
}

// drive presses keys one by one and runs what each returns.
func drive(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		next, cmd := m.Update(keyMsg(k))
		m = runCmd(t, next.(Model), cmd)
	}
	return m
}

// typed is the keys that type s.
func typed(s string) []string {
	var out []string
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

// detailModel is the Auto Mode cluster at a size, with details from d.
func detailModel(t testing.TB, d Details, w, h int) Model {
	t.Helper()
	t.Setenv("NO_COLOR", "")
	m := NewWithOptions(nil, nil, Options{NoColor: true, Details: d})
	m = step(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return step(t, m, snapshotMsg{cluster: model.Build(autoModeInputs())})
}

// fakeContexts is a SwitchContext over a fixed set of clusters: each
// switch gets a stream holding that cluster's one snapshot.
func fakeContexts(clusters map[string]*model.Cluster, d Details) func(string) (Source, error) {
	return func(name string) (Source, error) {
		c, ok := clusters[name]
		if !ok {
			return Source{}, errors.New("no context " + name + " in the kubeconfig")
		}
		snaps := make(chan *model.Cluster, 1)
		done := make(chan error, 1)
		snaps <- c
		close(snaps)
		done <- nil
		return Source{Snapshots: snaps, Done: done, Details: d}, nil
	}
}

// event is a Warning event last seen at a time.
func event(reason string, last time.Time) model.Event {
	return model.Event{Type: "Warning", Reason: reason, Message: reason + " happened",
		Source: "karpenter", Count: 1, First: last, Last: last}
}
