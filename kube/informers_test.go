package kube

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/tools/cache"
)

// TestObjectsReadsWhatChanged follows a store through updates, an
// addition and a removal, and checks that objects always gives what the
// handlers told of, in name order.
func TestObjectsReadsWhatChanged(t *testing.T) {
	inf := cache.NewSharedIndexInformer(&cache.ListWatch{}, &corev1.Node{}, 0, cache.Indexers{})
	store := inf.GetStore()
	wi := &watched{resource: "nodes", informer: inf}
	node := func(name, version string) *corev1.Node {
		return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name, ResourceVersion: version}}
	}
	versions := func() []string {
		var out []string
		for _, obj := range wi.objects() {
			n := obj.(*corev1.Node)
			out = append(out, n.Name+"@"+n.ResourceVersion)
		}
		return out
	}
	check := func(step string, want ...string) {
		t.Helper()
		got := versions()
		if len(got) != len(want) {
			t.Fatalf("%s: objects %v, want %v", step, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%s: objects %v, want %v", step, got, want)
			}
		}
	}

	for _, n := range []*corev1.Node{node("c", "1"), node("a", "1"), node("b", "1")} {
		if err := store.Add(n); err != nil {
			t.Fatal(err)
		}
		wi.arrivals.Add(1)
	}
	check("first read", "a@1", "b@1", "c@1")

	b2 := node("b", "2")
	if err := store.Update(b2); err != nil {
		t.Fatal(err)
	}
	wi.wasUpdated(b2)
	check("after b was updated", "a@1", "b@2", "c@1")

	// An update the handler has not told of yet shows once it has.
	c2 := node("c", "2")
	if err := store.Update(c2); err != nil {
		t.Fatal(err)
	}
	check("before the handler told of c", "a@1", "b@2", "c@1")
	wi.wasUpdated(c2)
	check("after it did", "a@1", "b@2", "c@2")

	if err := store.Add(node("aa", "1")); err != nil {
		t.Fatal(err)
	}
	wi.arrivals.Add(1)
	check("after aa came", "a@1", "aa@1", "b@2", "c@2")

	// An object updated and then removed before the handler told of the
	// removal is left out, and stays out once it has.
	a3 := node("a", "3")
	if err := store.Update(a3); err != nil {
		t.Fatal(err)
	}
	wi.wasUpdated(a3)
	if err := store.Delete(a3); err != nil {
		t.Fatal(err)
	}
	check("after a went, untold", "aa@1", "b@2", "c@2")
	wi.arrivals.Add(1)
	check("after a went", "aa@1", "b@2", "c@2")
}
