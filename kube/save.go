package kube

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"sigs.k8s.io/yaml"
)

// SnapshotInfoKind is the kind of the first item of a saved snapshot: who
// saved it, when, from where, and which resources the cluster served,
// which a plain `kubectl get -o yaml` cannot say.
const (
	SnapshotInfoKind       = "SnapshotInfo"
	SnapshotInfoAPIVersion = "kubectl-automode/v1"
)

// SnapshotInfo describes a saved snapshot.
type SnapshotInfo struct {
	Context     string    `json:"context,omitempty"`
	ClusterName string    `json:"clusterName,omitempty"`
	SavedAt     time.Time `json:"savedAt"`
	// Served are the custom resources the cluster served, as
	// "plural.group"; the snapshot's watcher serves the same.
	Served []string `json:"served"`
	// Refused are the lists the saving user was refused, named as kubectl
	// names them ("daemonsets.apps", "pods"). Reading the file back
	// refuses them again, so their panels say forbidden, not empty.
	Refused []string `json:"refused,omitempty"`
}

// eventsKept bounds how many events a snapshot keeps, newest first; they
// are there to explain a stuck NodeClaim, not to archive the cluster.
const eventsKept = 1000

// eventKinds are the objects whose events a snapshot keeps.
var eventKinds = []string{"Node", "NodeClaim", "NodePool", "NodeClass", "EC2NodeClass"}

// SaveSnapshot lists every object the tool reads and writes them to w as
// one YAML List: nodes, pods trimmed to what the tool uses, the workloads,
// CSI drivers, StorageClasses and IngressClasses that are component
// evidence, the Karpenter and Auto Mode objects, and the recent events of
// those. It reads no Secret and no ConfigMap.
//
// A list the user may not read (or that the server no longer serves) does
// not stop it, as it does not stop get: the file holds the rest, its
// SnapshotInfo names the refused lists, and the problems come back one
// line each, in the words get warns with. Any other error fails the save.
func SaveSnapshot(ctx context.Context, c Clients, info SnapshotInfo,
	w io.Writer) (problems []string, err error) {
	found, err := discover(c.Discovery)
	if err != nil {
		return nil, err
	}
	info.Served = found.apiResources

	s := &saving{}
	if err := s.listTyped(ctx, c); err != nil {
		return nil, err
	}
	for _, gvr := range watchedResources {
		if !found.served[gvr] {
			continue
		}
		list, err := c.Dynamic.Resource(gvr).List(ctx, metav1.ListOptions{})
		if err != nil {
			if err := s.failed(gvr, err); err != nil {
				return nil, err
			}
			continue
		}
		for i := range list.Items {
			u := &list.Items[i]
			_, _ = trimObject(u)
			s.items = append(s.items, u.Object)
		}
	}

	info.Refused = s.refused
	items := append([]any{map[string]any{
		"apiVersion": SnapshotInfoAPIVersion, "kind": SnapshotInfoKind, "info": info,
	}}, s.items...)
	out, err := yaml.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "items": items})
	if err != nil {
		return nil, fmt.Errorf("encoding the snapshot: %w", err)
	}
	if _, err := w.Write(out); err != nil {
		return nil, err
	}
	return s.problems, nil
}

// saving is a snapshot being gathered: its items so far, and what could
// not be read.
type saving struct {
	items    []any
	refused  []string
	problems []string
}

// failed records a list that could not be read, when the user may not
// read it or the server does not serve it, and returns nil; any other
// error is returned, naming the list.
func (s *saving) failed(gvr schema.GroupVersionResource, err error) error {
	name := resourceName(gvr)
	switch {
	case apierrors.IsForbidden(err):
		s.refused = append(s.refused, name)
	case !apierrors.IsNotFound(err):
		return fmt.Errorf("listing %s: %w", name, err)
	}
	s.problems = append(s.problems, listProblem(name, err))
	return nil
}

// typedList lists one built-in resource a snapshot keeps, each item made
// to stand on its own (apiVersion and kind set) and slimmed or trimmed.
type typedList struct {
	gvr  schema.GroupVersionResource
	kind string
	list func(ctx context.Context, c Clients) ([]runtime.Object, error)
}

var typedLists = []typedList{
	{core("nodes"), "Node", func(ctx context.Context, c Clients) ([]runtime.Object, error) {
		l, err := c.Kube.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, err
		}
		return objects(l.Items, func(n *corev1.Node) runtime.Object { return n }), nil
	}},
	{core("pods"), "Pod", func(ctx context.Context, c Clients) ([]runtime.Object, error) {
		l, err := c.Kube.CoreV1().Pods("").List(ctx, metav1.ListOptions{})
		if err != nil {
			return nil, err
		}
		return objects(l.Items, func(p *corev1.Pod) runtime.Object {
			return slimPodObject(p)
		}), nil
	}},
	{appsV1("daemonsets"), "DaemonSet",
		func(ctx context.Context, c Clients) ([]runtime.Object, error) {
			l, err := c.Kube.AppsV1().DaemonSets("").List(ctx, metav1.ListOptions{})
			if err != nil {
				return nil, err
			}
			return objects(l.Items, func(d *appsv1.DaemonSet) runtime.Object {
				return slimDaemonSet(d)
			}), nil
		}},
	{appsV1("deployments"), "Deployment",
		func(ctx context.Context, c Clients) ([]runtime.Object, error) {
			l, err := c.Kube.AppsV1().Deployments("").List(ctx, metav1.ListOptions{})
			if err != nil {
				return nil, err
			}
			return objects(l.Items, func(d *appsv1.Deployment) runtime.Object {
				return slimDeployment(d)
			}), nil
		}},
	{storageV1("csidrivers"), "CSIDriver",
		func(ctx context.Context, c Clients) ([]runtime.Object, error) {
			l, err := c.Kube.StorageV1().CSIDrivers().List(ctx, metav1.ListOptions{})
			if err != nil {
				return nil, err
			}
			return objects(l.Items, func(d *storagev1.CSIDriver) runtime.Object { return d }), nil
		}},
	{storageV1("storageclasses"), "StorageClass",
		func(ctx context.Context, c Clients) ([]runtime.Object, error) {
			l, err := c.Kube.StorageV1().StorageClasses().List(ctx, metav1.ListOptions{})
			if err != nil {
				return nil, err
			}
			return objects(l.Items, func(sc *storagev1.StorageClass) runtime.Object {
				return sc
			}), nil
		}},
	{schema.GroupVersionResource{Group: "networking.k8s.io", Version: "v1",
		Resource: "ingressclasses"}, "IngressClass",
		func(ctx context.Context, c Clients) ([]runtime.Object, error) {
			l, err := c.Kube.NetworkingV1().IngressClasses().List(ctx, metav1.ListOptions{})
			if err != nil {
				return nil, err
			}
			return objects(l.Items, func(ic *networkingv1.IngressClass) runtime.Object {
				return ic
			}), nil
		}},
	{core("events"), "Event", func(ctx context.Context, c Clients) ([]runtime.Object, error) {
		events, err := recentEvents(ctx, c)
		if err != nil {
			return nil, err
		}
		return objects(events, func(e **corev1.Event) runtime.Object { return *e }), nil
	}},
}

func appsV1(resource string) schema.GroupVersionResource {
	return schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: resource}
}

func storageV1(resource string) schema.GroupVersionResource {
	return schema.GroupVersionResource{Group: "storage.k8s.io", Version: "v1",
		Resource: resource}
}

// objects turns a list's items into objects, each through keep.
func objects[T any](items []T, keep func(*T) runtime.Object) []runtime.Object {
	out := make([]runtime.Object, len(items))
	for i := range items {
		out[i] = keep(&items[i])
	}
	return out
}

// listTyped lists the built-in resources a snapshot keeps.
func (s *saving) listTyped(ctx context.Context, c Clients) error {
	for _, tl := range typedLists {
		objs, err := tl.list(ctx, c)
		if err != nil {
			if err := s.failed(tl.gvr, err); err != nil {
				return err
			}
			continue
		}
		gv := tl.gvr.GroupVersion().String()
		for _, obj := range objs {
			obj.GetObjectKind().SetGroupVersionKind(schema.FromAPIVersionAndKind(gv, tl.kind))
			_, _ = trimObject(obj)
			s.items = append(s.items, obj)
		}
	}
	return nil
}

// recentEvents are the newest events about the tool's objects.
func recentEvents(ctx context.Context, c Clients) ([]*corev1.Event, error) {
	list, err := c.Kube.CoreV1().Events("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, err
	}
	var out []*corev1.Event
	for i := range list.Items {
		e := &list.Items[i]
		if slices.Contains(eventKinds, e.InvolvedObject.Kind) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b *corev1.Event) int {
		return eventTime(b).Compare(eventTime(a))
	})
	return out[:min(len(out), eventsKept)], nil
}

// eventTime is when an event last happened, whichever field its emitter
// filled in.
func eventTime(e *corev1.Event) time.Time {
	switch {
	case !e.LastTimestamp.IsZero():
		return e.LastTimestamp.Time
	case !e.EventTime.IsZero():
		return e.EventTime.Time
	}
	return e.CreationTimestamp.Time
}

// slimPodObject keeps of a pod what the model reads, as a Pod that
// kubectl and the tool can both read back.
func slimPodObject(p *corev1.Pod) *corev1.Pod {
	keep := func(cs []corev1.Container) []corev1.Container {
		out := make([]corev1.Container, len(cs))
		for i, c := range cs {
			out[i] = corev1.Container{Name: c.Name, Image: c.Image, RestartPolicy: c.RestartPolicy,
				Resources: corev1.ResourceRequirements{Requests: c.Resources.Requests}}
		}
		return out
	}
	var owners []metav1.OwnerReference
	if ref := metav1.GetControllerOf(p); ref != nil {
		owners = []metav1.OwnerReference{*ref}
	}
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{
			Name: p.Name, Namespace: p.Namespace, OwnerReferences: owners,
			CreationTimestamp: p.CreationTimestamp,
		},
		Spec: corev1.PodSpec{
			NodeName: p.Spec.NodeName, Containers: keep(p.Spec.Containers),
			InitContainers: keep(p.Spec.InitContainers), Overhead: p.Spec.Overhead,
		},
		Status: corev1.PodStatus{Phase: p.Status.Phase},
	}
}

func slimTemplate(t corev1.PodTemplateSpec) corev1.PodTemplateSpec {
	var cs []corev1.Container
	for _, c := range t.Spec.Containers {
		cs = append(cs, corev1.Container{Name: c.Name, Image: c.Image})
	}
	return corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: cs}}
}

func slimDaemonSet(d *appsv1.DaemonSet) *appsv1.DaemonSet {
	out := &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: d.Name, Namespace: d.Namespace},
		Spec:       appsv1.DaemonSetSpec{Template: slimTemplate(d.Spec.Template)},
	}
	// The VPC CNI's settings are evidence too; keep those and no other env.
	if cs := d.Spec.Template.Spec.Containers; d.Name == "aws-node" && len(cs) > 0 {
		for name, value := range cniSettings(cs[0].Env) {
			out.Spec.Template.Spec.Containers[0].Env = append(
				out.Spec.Template.Spec.Containers[0].Env, corev1.EnvVar{Name: name, Value: value})
		}
	}
	return out
}

func slimDeployment(d *appsv1.Deployment) *appsv1.Deployment {
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: d.Name, Namespace: d.Namespace},
		Spec:       appsv1.DeploymentSpec{Template: slimTemplate(d.Spec.Template)},
	}
}
