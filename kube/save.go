package kube

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
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
func SaveSnapshot(ctx context.Context, c Clients, info SnapshotInfo, w io.Writer) error {
	found, err := discover(c.Discovery)
	if err != nil {
		return err
	}
	info.Served = found.apiResources
	items := []any{map[string]any{
		"apiVersion": SnapshotInfoAPIVersion, "kind": SnapshotInfoKind, "info": info,
	}}

	typed, err := listTyped(ctx, c)
	if err != nil {
		return err
	}
	for _, o := range typed {
		items = append(items, o)
	}
	for _, gvr := range watchedResources {
		if !found.served[gvr] {
			continue
		}
		list, err := c.Dynamic.Resource(gvr).List(ctx, metav1.ListOptions{})
		if err != nil {
			return fmt.Errorf("listing %s: %w", resourceName(gvr), err)
		}
		for i := range list.Items {
			u := &list.Items[i]
			_, _ = trimObject(u)
			items = append(items, u.Object)
		}
	}

	out, err := yaml.Marshal(map[string]any{"apiVersion": "v1", "kind": "List", "items": items})
	if err != nil {
		return fmt.Errorf("encoding the snapshot: %w", err)
	}
	_, err = w.Write(out)
	return err
}

// listTyped lists the built-in resources a snapshot keeps, trimmed, with
// apiVersion and kind set so that each item stands on its own.
func listTyped(ctx context.Context, c Clients) ([]runtime.Object, error) {
	var out []runtime.Object
	add := func(gv, kind string, obj runtime.Object) {
		obj.GetObjectKind().SetGroupVersionKind(schema.FromAPIVersionAndKind(gv, kind))
		_, _ = trimObject(obj)
		out = append(out, obj)
	}
	opts := metav1.ListOptions{}

	nodes, err := c.Kube.CoreV1().Nodes().List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("listing nodes: %w", err)
	}
	for i := range nodes.Items {
		add("v1", "Node", &nodes.Items[i])
	}
	pods, err := c.Kube.CoreV1().Pods("").List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("listing pods: %w", err)
	}
	for i := range pods.Items {
		add("v1", "Pod", slimPodObject(&pods.Items[i]))
	}
	ds, err := c.Kube.AppsV1().DaemonSets("").List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("listing daemonsets: %w", err)
	}
	for i := range ds.Items {
		add("apps/v1", "DaemonSet", slimDaemonSet(&ds.Items[i]))
	}
	deps, err := c.Kube.AppsV1().Deployments("").List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("listing deployments: %w", err)
	}
	for i := range deps.Items {
		add("apps/v1", "Deployment", slimDeployment(&deps.Items[i]))
	}
	csi, err := c.Kube.StorageV1().CSIDrivers().List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("listing csidrivers: %w", err)
	}
	for i := range csi.Items {
		add("storage.k8s.io/v1", "CSIDriver", &csi.Items[i])
	}
	sc, err := c.Kube.StorageV1().StorageClasses().List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("listing storageclasses: %w", err)
	}
	for i := range sc.Items {
		add("storage.k8s.io/v1", "StorageClass", &sc.Items[i])
	}
	ic, err := c.Kube.NetworkingV1().IngressClasses().List(ctx, opts)
	if err != nil {
		return nil, fmt.Errorf("listing ingressclasses: %w", err)
	}
	for i := range ic.Items {
		add("networking.k8s.io/v1", "IngressClass", &ic.Items[i])
	}

	events, err := recentEvents(ctx, c)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		add("v1", "Event", e)
	}
	return out, nil
}

// recentEvents are the newest events about the tool's objects.
func recentEvents(ctx context.Context, c Clients) ([]*corev1.Event, error) {
	list, err := c.Kube.CoreV1().Events("").List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("listing events: %w", err)
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
