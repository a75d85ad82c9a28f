package kube

import (
	"time"
	"unique"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/informers"
	coreinformers "k8s.io/client-go/informers/core/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// At 5,000 nodes and 100,000 pods (issue 7) the informer stores are most
// of the tool's memory, and converting 5,000 NodeClaims from unstructured
// maps on every snapshot was most of its CPU. So nodes and NodeClaims, like
// pods, are converted to their model values once, when they arrive, and
// the strings that repeat across objects (pool, instance type, zone,
// phase, owner and condition words) are interned: each distinct
// string is kept once, however many objects carry it.

// intern returns the canonical copy of s, so that equal strings decoded
// from many objects share one backing array.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// slimNode is what the node informer stores instead of a Node: its
// model.Node, a few hundred bytes against 10 KB or more for the trimmed
// object. Detail views read nodes from the API server, not from here.
type slimNode struct{ model.Node }

// GetObjectMeta lets cache.MetaNamespaceKeyFunc key a slimNode.
func (n *slimNode) GetObjectMeta() metav1.Object {
	return &metav1.ObjectMeta{Name: n.Name}
}

// toSlimNode reads the node's labels once, when it arrives, and keeps what
// they decide, not the labels: at 5,000 nodes of thirty-odd labels the maps
// alone were 12 MB, and nothing after ReadLabels looks at them.
func toSlimNode(n *corev1.Node) *slimNode {
	m := nodeFromAPI(n)
	m.ReadLabels()
	m.Labels = nil
	// The name is interned too: the pods' node names are, so that the
	// lookups of a node's pods, and of its row, by name compare one pointer
	// rather than the bytes, and every version of a node keys the store
	// with the same string.
	m.Name = intern(m.Name)
	m.NodePool, m.NodeGroup, m.NodeClass = intern(m.NodePool), intern(m.NodeGroup),
		intern(m.NodeClass)
	m.InstanceType, m.CapacityType = intern(m.InstanceType), intern(m.CapacityType)
	m.Zone, m.Region, m.OS = intern(m.Zone), intern(m.Region), intern(m.OS)
	return &slimNode{Node: m}
}

// slimClaim is what the NodeClaim informer stores: its model.NodeClaim.
type slimClaim struct{ model.NodeClaim }

// GetObjectMeta lets cache.MetaNamespaceKeyFunc key a slimClaim.
func (c *slimClaim) GetObjectMeta() metav1.Object {
	return &metav1.ObjectMeta{Name: c.Name}
}

func toSlimClaim(u *unstructured.Unstructured) *slimClaim {
	c := nodeClaimFromUnstructured(u)
	c.Name, c.NodeName = intern(c.Name), intern(c.NodeName)
	c.NodePool, c.InstanceType = intern(c.NodePool), intern(c.InstanceType)
	c.CapacityType, c.Zone = intern(c.CapacityType), intern(c.Zone)
	c.NodeClassRef = model.ObjectRef{Group: intern(c.NodeClassRef.Group),
		Kind: intern(c.NodeClassRef.Kind), Name: intern(c.NodeClassRef.Name)}
	for i := range c.Conditions {
		cond := &c.Conditions[i]
		cond.Type, cond.Status, cond.Reason = intern(cond.Type), intern(cond.Status),
			intern(cond.Reason)
	}
	c.ReadState()
	return &slimClaim{NodeClaim: c}
}

func isNodeClaim(u *unstructured.Unstructured) bool {
	gvk := u.GroupVersionKind()
	return gvk.Group == model.GroupKarpenter && gvk.Kind == "NodeClaim"
}

// slimOrTrimCustom is the transform of the custom resource informers:
// NodeClaims, thousands in a large cluster, become slim claims; the other
// kinds, a few dozen objects, are trimmed.
func slimOrTrimCustom(obj any) (any, error) {
	switch o := obj.(type) {
	case *unstructured.Unstructured:
		if isNodeClaim(o) {
			return toSlimClaim(o), nil
		}
	case cache.DeletedFinalStateUnknown:
		if u, ok := o.Obj.(*unstructured.Unstructured); ok && isNodeClaim(u) {
			o.Obj = toSlimClaim(u)
		}
		return o, nil
	}
	return trimObject(obj)
}

// internPod interns the strings many pods share: namespace, node, phase and
// owner. Only the pod's own name stays its own.
func internPod(p model.Pod) model.Pod {
	p.Namespace, p.NodeName, p.Phase = intern(p.Namespace), intern(p.NodeName), intern(p.Phase)
	p.OwnerKind, p.OwnerName = intern(p.OwnerKind), intern(p.OwnerName)
	return p
}

// useSlimPodInformer makes the factory's pod informer one without the
// namespace index the generated informer keeps: nothing looks pods up by
// namespace, and the index costs a set entry per pod. It must run before
// anything asks the factory for the pod informer.
func useSlimPodInformer(f informers.SharedInformerFactory) {
	f.InformerFor(&corev1.Pod{},
		func(c kubernetes.Interface, resync time.Duration) cache.SharedIndexInformer {
			return coreinformers.NewFilteredPodInformer(c, "", resync, cache.Indexers{}, nil)
		})
}
