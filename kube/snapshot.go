package kube

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// snapshot reads every informer's store into model inputs and builds an
// immutable Cluster from them. The stores hold trimmed or slim objects
// that the informers replace, never change, so the snapshot may share
// their maps and slices.
func (w *Watcher) snapshot() *model.Cluster { return w.snapshotAt(w.connection()) }

// snapshotAt is snapshot with the connection state already read.
func (w *Watcher) snapshotAt(conn model.Connection) *model.Cluster {
	in := model.Inputs{
		Context:     w.opts.Context,
		ClusterName: w.opts.ClusterName,
		Source:      w.opts.Source,
		Problems:    slices.Concat(w.opts.Problems, w.problems),
		Connection:  conn,
		Now:         w.opts.Now(),
		Evidence:    model.Evidence{APIResources: w.evidence},
	}
	for _, wi := range w.watched {
		if p := wi.lastProblem(); p != "" {
			in.Problems = append(in.Problems, p)
		}
		if wi.refused() {
			in.Evidence.Refused = append(in.Evidence.Refused, wi.resource)
		}
		if wi.informer == w.pods.informer {
			in.Pods, in.PodIndex = w.pods.list()
			continue
		}
		objs := wi.objects()
		reserve(&in, objs)
		for _, obj := range objs {
			if u, ok := obj.(*unstructured.Unstructured); ok {
				w.logWrongTypes(u)
			}
			addObject(&in, obj)
		}
	}
	return model.Build(in)
}

// logWrongTypes logs, once per version of an object, the fields it holds
// with a type the converters cannot read: those show as unset, and the log
// says why. Only the emitting goroutine calls it.
func (w *Watcher) logWrongTypes(u *unstructured.Unstructured) {
	key, rv := string(u.GetUID())+"/"+u.GetName(), u.GetResourceVersion()
	if w.shapeChecked[key] == rv {
		return
	}
	w.shapeChecked[key] = rv
	if wrong := wrongTypes(u); len(wrong) > 0 {
		w.log.Warn("fields of the wrong type read as unset", "kind", u.GetKind(),
			"name", u.GetName(), "fields", wrong)
	}
}

// reserve makes room for a store's objects in the input they feed, so
// that filing 5,000 nodes copies each once rather than on every growth of
// the slice. A store holds one kind, so its first object says which.
func reserve(in *model.Inputs, objs []any) {
	if len(objs) == 0 {
		return
	}
	switch objs[0].(type) {
	case *slimNode, *corev1.Node:
		in.Nodes = slices.Grow(in.Nodes, len(objs))
	case *slimClaim:
		in.NodeClaims = slices.Grow(in.NodeClaims, len(objs))
	}
}

// addObject files one stored object under the input it feeds.
func addObject(in *model.Inputs, obj any) {
	switch o := obj.(type) {
	case *slimNode:
		in.Nodes = append(in.Nodes, o.Node)
	case *slimClaim:
		in.NodeClaims = append(in.NodeClaims, o.NodeClaim)
	case *corev1.Node:
		in.Nodes = append(in.Nodes, nodeFromAPI(o))
	case *slimPod:
		in.Pods = append(in.Pods, &o.Pod)
	case *slimWorkload:
		in.Evidence.Workloads = append(in.Evidence.Workloads, o.Workload)
	case *storagev1.CSIDriver:
		in.Evidence.CSIDrivers = append(in.Evidence.CSIDrivers, o.Name)
	case *storagev1.StorageClass:
		in.Evidence.StorageClassProvisioners = append(in.Evidence.StorageClassProvisioners,
			o.Provisioner)
	case *networkingv1.IngressClass:
		in.Evidence.IngressClassControllers = append(in.Evidence.IngressClassControllers,
			o.Spec.Controller)
	case *unstructured.Unstructured:
		addCustomResource(in, o)
	}
}

func addCustomResource(in *model.Inputs, u *unstructured.Unstructured) {
	gvk := u.GroupVersionKind()
	switch {
	case gvk.Group == model.GroupKarpenter && gvk.Kind == "NodePool":
		in.NodePools = append(in.NodePools, nodePoolFromUnstructured(u))
	case gvk.Group == model.GroupKarpenter && gvk.Kind == "NodeClaim":
		in.NodeClaims = append(in.NodeClaims, nodeClaimFromUnstructured(u))
	case gvk.Kind == model.KindNodeClass || gvk.Kind == model.KindEC2NodeClass:
		in.NodeClasses = append(in.NodeClasses, nodeClassFromUnstructured(u))
	case gvk.Kind == "SecurityGroupPolicy":
		in.Evidence.SecurityGroupPolicies++
	case gvk.Kind == "ENIConfig":
		in.Evidence.ENIConfigs++
	}
}

// listProblem says in one line why a resource could not be read, in the
// words kubectl users know, with what to do when it is a permission.
func listProblem(resource string, err error) string {
	switch {
	case apierrors.IsForbidden(err):
		return fmt.Sprintf("forbidden: cannot list %s (grant it with the rule %s; "+
			"kubectl-automode rbac prints the whole role)", resource, grantingRule(resource))
	case apierrors.IsNotFound(err):
		return fmt.Sprintf("%s: not served by this API server", resource)
	}
	return fmt.Sprintf("cannot list %s: %v", resource, firstLine(err.Error()))
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
