//go:build !probe

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/watch"

	"github.com/kubectl-automode/kubectl-automode/internal/scalegen"
)

// startTestServer starts the harness's API server for one test and stops
// it in t.Cleanup. Without KUBEBUILDER_ASSETS it skips, unless
// REQUIRE_ENVTEST=1 (as `make test` sets) asks for a failure instead, as
// the tests of internal/apitest do.
func startTestServer(t *testing.T) *server {
	t.Helper()
	if os.Getenv("KUBEBUILDER_ASSETS") == "" {
		if ok, _ := strconv.ParseBool(os.Getenv("REQUIRE_ENVTEST")); ok {
			t.Fatal("KUBEBUILDER_ASSETS is not set and REQUIRE_ENVTEST=1; run `make test`")
		}
		t.Skip("KUBEBUILDER_ASSETS is not set; run `make test`, or export " +
			"KUBEBUILDER_ASSETS=\"$(bash hack/envtest-assets.sh)\"")
	}
	s, err := startServer("../../internal/apitest/testdata/crds")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.stop)
	return s
}

// fillStep is one call of fillPods in TestEtcdFill: nodes [from, to).
type fillStep struct {
	fill      string
	from, to  int
	podStatus bool
}

// TestEtcdFill fills pods both ways, each way with and without status and
// with node indexes of every node kind, and checks that the API server
// hands out the pods written into etcd exactly as it hands out those it
// created itself, apart from what differs between any two creates.
func TestEtcdFill(t *testing.T) {
	s := startTestServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := s.fillBase(ctx); err != nil {
		t.Fatal(err)
	}

	// Node i%20 == 0 is a managed node group's, 1 a Karpenter node's, the
	// rest Auto Mode's; four pods a node are two DaemonSets' and two
	// ReplicaSets'.
	const podsPerNode = 4
	steps := []fillStep{
		{fillAPI, 0, 3, true}, {fillAPI, 40, 42, false},
		{fillEtcd, 20, 23, true}, {fillEtcd, 60, 62, false},
	}
	for _, step := range steps[:2] {
		cfg := config{fill: step.fill, podsPerNode: podsPerNode, workers: 4,
			podStatus: step.podStatus}
		if err := s.fillPods(ctx, step.from, step.to, cfg); err != nil {
			t.Fatal(err)
		}
	}

	// A watch from before the etcd writes must see each of them added.
	l, err := s.kube.CoreV1().Pods("").List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	w, err := s.kube.CoreV1().Pods("").Watch(ctx,
		metav1.ListOptions{ResourceVersion: l.ResourceVersion})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	for _, step := range steps[2:] {
		cfg := config{fill: step.fill, podsPerNode: podsPerNode, workers: 4,
			podStatus: step.podStatus}
		if err := s.fillPods(ctx, step.from, step.to, cfg); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]bool{}
	for _, step := range steps[2:] {
		for k := step.from * podsPerNode; k < step.to*podsPerNode; k++ {
			want[scalegen.Pod(k/podsPerNode, k%podsPerNode).Name] = true
		}
	}
	if missed := watchAdded(t, w, want); len(missed) > 0 {
		t.Errorf("the watch saw no ADDED event for %d etcd-written pods: %v", len(missed),
			missed)
	}

	// Every pod, by LIST from the watch cache and by GET from etcd, must be
	// what storedPod makes of its index: for the API-written ones that
	// checks storedPod against the server's own defaults, for the
	// etcd-written ones that the server reads what writePods stored.
	listed, err := s.kube.CoreV1().Pods("").List(ctx, metav1.ListOptions{ResourceVersion: "0"})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]corev1.Pod{}
	for _, p := range listed.Items {
		byName[p.Namespace+"/"+p.Name] = p
	}
	total := 0
	for _, step := range steps {
		for k := step.from * podsPerNode; k < step.to*podsPerNode; k++ {
			total++
			wantPod := storedPod(scalegen.Pod(k/podsPerNode, k%podsPerNode), step.podStatus)
			wantPod.ManagedFields = twinFields(ctx, t, s, k, podsPerNode, step.podStatus)
			wantPod = comparable(wantPod)
			id := wantPod.Namespace + "/" + wantPod.Name
			listedPod, ok := byName[id]
			if !ok {
				t.Errorf("%s pod %s: not listed", step.fill, id)
				continue
			}
			checkPod(t, step.fill+" pod "+id+" as listed", &listedPod, wantPod)

			got, err := s.kube.CoreV1().Pods(wantPod.Namespace).Get(ctx, wantPod.Name,
				metav1.GetOptions{})
			if err != nil {
				t.Errorf("%s pod %s: getting it: %v", step.fill, id, err)
				continue
			}
			checkPod(t, step.fill+" pod "+id+" as got", got, wantPod)
		}
	}
	if len(listed.Items) != total {
		t.Errorf("the API server lists %d pods, want %d", len(listed.Items), total)
	}
}

// twinNamespace holds the twins of twinFields.
const twinNamespace = "twins"

// twinFields creates a twin of pod k through the API server, the same pod
// in twinNamespace, and returns the managedFields the server recorded for
// it: what the pod itself must carry however it was filled, since a
// namespace is not one of the fields they list.
func twinFields(ctx context.Context, t *testing.T, s *server, k, podsPerNode int,
	podStatus bool) []metav1.ManagedFieldsEntry {
	t.Helper()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: twinNamespace}}
	_, err := s.kube.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{})
	if err != nil && !apierrors.IsAlreadyExists(err) {
		t.Fatal(err)
	}
	p := scalegen.Pod(k/podsPerNode, k%podsPerNode)
	p.Namespace = twinNamespace
	got, err := s.kube.CoreV1().Pods(twinNamespace).Create(ctx, p, metav1.CreateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if podStatus {
		got, err = s.kube.CoreV1().Pods(twinNamespace).UpdateStatus(ctx,
			scalegen.WithStatus(got), metav1.UpdateOptions{})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(got.ManagedFields) == 0 {
		t.Fatalf("twin of pod %d has no managedFields", k)
	}
	return got.ManagedFields
}

// watchAdded reads w until it has seen an ADDED event for every pod name
// in want, or for five seconds, and returns the names it did not see.
func watchAdded(t *testing.T, w watch.Interface, want map[string]bool) []string {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for len(want) > 0 {
		select {
		case ev, ok := <-w.ResultChan():
			if !ok {
				t.Error("the watch ended early")
				return nil
			}
			if p, isPod := ev.Object.(*corev1.Pod); isPod && ev.Type == watch.Added {
				delete(want, p.Name)
			}
		case <-timeout:
			return slices.Sorted(maps.Keys(want))
		}
	}
	return nil
}

// comparable clears what two creates of the same pod never share: the
// uid, and the timestamps the server takes from its clock, and the
// resourceVersion.
func comparable(p *corev1.Pod) *corev1.Pod {
	p = p.DeepCopy()
	p.UID = ""
	p.CreationTimestamp = metav1.Time{}
	p.ResourceVersion = ""
	for i := range p.ManagedFields {
		p.ManagedFields[i].Time = nil
	}
	return p
}

// checkPod fails the test, naming each differing field, unless got equals
// want apart from what comparable clears.
func checkPod(t *testing.T, what string, got, want *corev1.Pod) {
	t.Helper()
	if got.UID == "" || got.CreationTimestamp.IsZero() || got.ResourceVersion == "" {
		t.Errorf("%s: uid %q, creationTimestamp %v, resourceVersion %q; want all set", what,
			got.UID, got.CreationTimestamp, got.ResourceVersion)
	}
	got = comparable(got)
	if apiequality.Semantic.DeepEqual(got, want) {
		return
	}
	t.Errorf("%s differs from the generated pod:\n%s", what, jsonDiff(got, want))
}

// jsonDiff lists the JSON paths at which a and b differ, with both values.
func jsonDiff(a, b any) string {
	var out string
	var walk func(path string, x, y any)
	walk = func(path string, x, y any) {
		xm, xok := x.(map[string]any)
		ym, yok := y.(map[string]any)
		if xok && yok {
			keys := map[string]bool{}
			for k := range xm {
				keys[k] = true
			}
			for k := range ym {
				keys[k] = true
			}
			for _, k := range slices.Sorted(maps.Keys(keys)) {
				walk(path+"."+k, xm[k], ym[k])
			}
			return
		}
		xs, xok := x.([]any)
		ys, yok := y.([]any)
		if xok && yok && len(xs) == len(ys) {
			for i := range xs {
				walk(fmt.Sprintf("%s[%d]", path, i), xs[i], ys[i])
			}
			return
		}
		if !reflect.DeepEqual(x, y) {
			out += fmt.Sprintf("  %s: got %v, want %v\n", path, x, y)
		}
	}
	walk("", toJSONValue(a), toJSONValue(b))
	return out
}

// toJSONValue is v as encoding/json sees it: maps, slices and scalars.
func toJSONValue(v any) any {
	data, err := json.Marshal(v)
	if err != nil {
		return err.Error()
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		return err.Error()
	}
	return out
}
