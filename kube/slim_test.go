package kube

import (
	"reflect"
	"testing"
	"unsafe"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/tools/cache"

	"github.com/kubectl-automode/kubectl-automode/model"
)

func TestSlimOrTrimCustom(t *testing.T) {
	claim := func() *unstructured.Unstructured { return fixture(t, "nodeclaim-gpu.yaml") }
	// The slim claim holds its state already, so that snapshots do not
	// derive it again for every claim.
	slim := func() *slimClaim {
		c := wantGPUClaim()
		c.State, c.Reason, c.Message = model.ClaimRegistering, "NodeNotFound",
			"Node not registered with cluster"
		return &slimClaim{NodeClaim: c}
	}
	tests := []struct {
		name string
		obj  any
		want any
	}{
		{"a NodeClaim becomes a slim claim", claim(), slim()},
		{"a NodeClaim's tombstone holds a slim claim",
			cache.DeletedFinalStateUnknown{Key: "gpu-x7k2p", Obj: claim()},
			cache.DeletedFinalStateUnknown{Key: "gpu-x7k2p", Obj: slim()}},
		{"another tombstone passes through",
			cache.DeletedFinalStateUnknown{Key: "x", Obj: "gone"},
			cache.DeletedFinalStateUnknown{Key: "x", Obj: "gone"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := slimOrTrimCustom(tt.obj)
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("slimOrTrimCustom = %#v, %v\nwant %#v", got, err, tt.want)
			}
		})
	}

	t.Run("a NodePool is trimmed, not converted", func(t *testing.T) {
		pool := fixture(t, "nodepool-gpu.yaml")
		pool.SetManagedFields([]metav1.ManagedFieldsEntry{{Manager: "kubectl"}})
		got, err := slimOrTrimCustom(pool)
		if err != nil || got != any(pool) {
			t.Fatalf("slimOrTrimCustom = %T %v, want the same NodePool", got, err)
		}
		if mf := pool.GetManagedFields(); mf != nil {
			t.Errorf("managedFields = %v, want none", mf)
		}
	})
}

func TestSlimObjectsAreKeyedByName(t *testing.T) {
	for _, obj := range []any{&slimNode{Node: model.Node{Name: "i-1"}},
		&slimClaim{NodeClaim: model.NodeClaim{Name: "i-1"}}} {
		if key, err := cache.MetaNamespaceKeyFunc(obj); err != nil || key != "i-1" {
			t.Errorf("key of %T = %q, %v; want i-1", obj, key, err)
		}
	}
}

// TestInterningSharesStrings checks that the strings two decoded objects
// repeat end up stored once.
func TestInterningSharesStrings(t *testing.T) {
	decoded := func() *corev1.Node {
		// Separate copies, as a decoder makes them.
		zone := string([]byte("ap-northeast-1a"))
		key := string([]byte(model.LabelZone))
		return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: string([]byte("i-1")),
			Labels: map[string]string{key: zone}}}
	}
	a, b := toSlimNode(decoded()), toSlimNode(decoded())
	if za, zb := a.Zone, b.Zone; za != "ap-northeast-1a" ||
		unsafe.StringData(za) != unsafe.StringData(zb) {
		t.Errorf("zones %q and %q are stored apart", za, zb)
	}
	if a.Labels != nil {
		t.Errorf("slim node keeps its labels %v after reading them", a.Labels)
	}

	pa, _ := toSlimPod(podNamed("p1", "i-1"))
	pb, _ := toSlimPod(podNamed("p2", string([]byte("i-1"))))
	na, nb := pa.(*slimPod).NodeName, pb.(*slimPod).NodeName
	if unsafe.StringData(na) != unsafe.StringData(nb) {
		t.Errorf("node names of two pods are stored apart")
	}
}

// TestPodCacheReadsTheStoreOnlyAfterAnEvent checks that snapshots share
// the pods until the pod informer reports a change.
func TestPodCacheReadsTheStoreOnlyAfterAnEvent(t *testing.T) {
	inf := cache.NewSharedIndexInformer(&cache.ListWatch{}, &corev1.Pod{}, 0, cache.Indexers{})
	c := &podCache{informer: inf}
	add := func(name string) {
		p, _ := toSlimPod(podNamed(name, "i-1"))
		if err := inf.GetStore().Add(p); err != nil {
			t.Fatal(err)
		}
	}
	add("p1")

	first, idx := c.list()
	if len(first) != 1 || idx == nil {
		t.Fatalf("first list = %d pods, index %v; want 1 and an index", len(first), idx)
	}
	add("p2")
	if again, againIdx := c.list(); len(again) != 1 || againIdx != idx {
		t.Errorf("without an event, list = %d pods; want the cached 1 and the same index",
			len(again))
	}
	c.events.Add(1)
	if after, afterIdx := c.list(); len(after) != 2 || afterIdx == idx {
		t.Errorf("after an event, list = %d pods; want 2 and a new index", len(after))
	}
}
