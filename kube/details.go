package kube

import (
	"context"
	"fmt"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/kubectl/pkg/describe"

	"github.com/kubectl-automode/kubectl-automode/internal/sanitize"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// Details answers a detail view's questions about one object, on demand:
// its describe text, its YAML, its events. It reads through the same
// clients as the watcher, with get and list only, and is safe to call from
// several goroutines. The UI runs each call off its update loop.
type Details struct {
	clients Clients
	node    describe.ResourceDescriber
	pod     describe.ResourceDescriber
}

// NewDetails builds the describers once; they hold nothing but the client.
func NewDetails(c Clients) *Details {
	return &Details{
		clients: c,
		node:    &describe.NodeDescriber{Interface: c.Kube},
		pod:     &describe.PodDescriber{Interface: c.Kube},
	}
}

// customKindResources maps the custom kinds a detail view opens to their
// resources.
var customKindResources = map[string]schema.GroupVersionResource{
	"NodePool":     NodePools,
	"NodeClaim":    NodeClaims,
	"NodeClass":    NodeClasses,
	"EC2NodeClass": EC2NodeClasses,
}

// Describe returns what `kubectl describe` prints for a Node or Pod, and a
// describe-style page for the Karpenter and Auto Mode kinds: metadata, the
// spec, conditions with reason, message and age, and events.
func (d *Details) Describe(ctx context.Context, ref model.Ref) (string, error) {
	settings := describe.DescriberSettings{ShowEvents: true, ChunkSize: 500}
	var (
		text string
		err  error
	)
	switch ref.Kind {
	case "Node":
		text, err = d.node.Describe("", ref.Name, settings)
	case "Pod":
		text, err = d.pod.Describe(ref.Namespace, ref.Name, settings)
	default:
		var u *unstructured.Unstructured
		if u, err = d.custom(ctx, ref); err != nil {
			return "", err
		}
		events, evErr := d.Events(ctx, ref)
		if evErr != nil {
			events = nil // a page without events beats no page
		}
		text = describeCustom(u, events, time.Now())
	}
	if err != nil {
		return "", fmt.Errorf("describing %s: %w", ref, err)
	}
	return sanitize.Text(text), nil
}

// YAML returns the object as YAML without managedFields, the last-applied
// annotation and the bookkeeping fields nobody reads, for a detail view:
// the YAML encoder escapes control characters in strings, but not bidi
// overrides and other printable tricks, so the text is sanitised too.
func (d *Details) YAML(ctx context.Context, ref model.Ref) (string, error) {
	var obj map[string]any
	switch ref.Kind {
	case "Node", "Pod":
		typed, err := d.typed(ctx, ref)
		if err != nil {
			return "", err
		}
		if obj, err = runtime.DefaultUnstructuredConverter.ToUnstructured(typed); err != nil {
			return "", fmt.Errorf("converting %s: %w", ref, err)
		}
		obj["apiVersion"], obj["kind"] = "v1", ref.Kind
	default:
		u, err := d.custom(ctx, ref)
		if err != nil {
			return "", err
		}
		obj = u.Object
	}
	neat(obj)
	out, err := marshalYAML(obj)
	if err != nil {
		return "", fmt.Errorf("encoding %s as YAML: %w", ref, err)
	}
	return sanitize.Text(string(out)), nil
}

// Events lists the events about ref, newest first, their text sanitised
// for a detail view's rows. Events of cluster-scoped objects may sit in any
// namespace, so all are searched.
func (d *Details) Events(ctx context.Context, ref model.Ref) ([]model.Event, error) {
	selector := fields.Set{"involvedObject.kind": ref.Kind, "involvedObject.name": ref.Name}
	list, err := d.clients.Kube.CoreV1().Events(ref.Namespace).List(ctx, metav1.ListOptions{
		FieldSelector: selector.AsSelector().String(),
	})
	if err != nil {
		return nil, fmt.Errorf("listing events of %s: %w", ref, err)
	}
	var out []model.Event
	for _, e := range list.Items {
		// Some servers, and the fake client, ignore field selectors.
		if e.InvolvedObject.Kind != ref.Kind || e.InvolvedObject.Name != ref.Name {
			continue
		}
		out = append(out, eventFromAPI(&e))
	}
	slices.SortFunc(out, func(a, b model.Event) int { return b.Last.Compare(a.Last) })
	return out, nil
}

func eventFromAPI(e *corev1.Event) model.Event {
	source := e.Source.Component
	if source == "" {
		source = e.ReportingController
	}
	first := e.FirstTimestamp.Time
	if first.IsZero() {
		first = e.EventTime.Time
	}
	return model.Event{
		Type: sanitize.Line(e.Type), Reason: sanitize.Line(e.Reason),
		Message: sanitize.Line(e.Message), Source: sanitize.Line(source),
		Count: max(int(e.Count), 1), First: first, Last: eventTime(e),
	}
}

func (d *Details) typed(ctx context.Context, ref model.Ref) (runtime.Object, error) {
	var (
		obj runtime.Object
		err error
	)
	if ref.Kind == "Node" {
		obj, err = d.clients.Kube.CoreV1().Nodes().Get(ctx, ref.Name, metav1.GetOptions{})
	} else {
		obj, err = d.clients.Kube.CoreV1().Pods(ref.Namespace).Get(ctx, ref.Name,
			metav1.GetOptions{})
	}
	if err != nil {
		return nil, fmt.Errorf("getting %s: %w", ref, err)
	}
	return obj, nil
}

func (d *Details) custom(ctx context.Context, ref model.Ref) (*unstructured.Unstructured,
	error) {
	gvr, ok := customKindResources[ref.Kind]
	if !ok {
		return nil, fmt.Errorf("no detail view for kind %q", ref.Kind)
	}
	u, err := d.clients.Dynamic.Resource(gvr).Get(ctx, ref.Name, metav1.GetOptions{})
	if err != nil {
		return nil, fmt.Errorf("getting %s: %w", ref, err)
	}
	return u, nil
}

// neat removes what kubectl-neat would: server bookkeeping that says
// nothing about the object.
func neat(obj map[string]any) {
	meta, _ := obj["metadata"].(map[string]any)
	for _, f := range []string{"managedFields", "resourceVersion", "uid", "generation",
		"selfLink"} {
		delete(meta, f)
	}
	if a, ok := meta["annotations"].(map[string]any); ok {
		delete(a, lastApplied)
		if len(a) == 0 {
			delete(meta, "annotations")
		}
	}
	if ts, ok := meta["creationTimestamp"]; ok && ts == nil {
		delete(meta, "creationTimestamp")
	}
}
