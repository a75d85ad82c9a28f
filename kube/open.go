package kube

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	yaml "go.yaml.in/yaml/v3"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
)

// MaxSnapshotBytes is the largest file OpenSnapshot reads. A snapshot of
// 5,000 nodes and 100,000 trimmed pods is well under it; a file beyond it
// is something else, and reading it would only exhaust memory.
var MaxSnapshotBytes int64 = 512 << 20

// Snapshot is a saved cluster, ready to serve through FakeClients.
type Snapshot struct {
	Info    SnapshotInfo
	Objects []runtime.Object
	// Warnings are items that were skipped, one line each, naming the file
	// and line.
	Warnings []string
}

// typedKinds makes an empty typed object for each built-in kind a snapshot
// may hold.
var typedKinds = map[string]func() runtime.Object{
	"v1/Node":                           func() runtime.Object { return &corev1.Node{} },
	"v1/Pod":                            func() runtime.Object { return &corev1.Pod{} },
	"v1/Event":                          func() runtime.Object { return &corev1.Event{} },
	"apps/v1/DaemonSet":                 func() runtime.Object { return &appsv1.DaemonSet{} },
	"apps/v1/Deployment":                func() runtime.Object { return &appsv1.Deployment{} },
	"storage.k8s.io/v1/CSIDriver":       func() runtime.Object { return &storagev1.CSIDriver{} },
	"storage.k8s.io/v1/StorageClass":    func() runtime.Object { return &storagev1.StorageClass{} },
	"networking.k8s.io/v1/IngressClass": func() runtime.Object { return &networkingv1.IngressClass{} },
}

// customKinds maps the custom resources a snapshot may hold to the
// resource the watcher serves them as.
var customKinds = map[string]string{
	"karpenter.sh/v1/NodePool":          "nodepools.karpenter.sh",
	"karpenter.sh/v1/NodeClaim":         "nodeclaims.karpenter.sh",
	"eks.amazonaws.com/v1/NodeClass":    "nodeclasses.eks.amazonaws.com",
	"karpenter.k8s.aws/v1/EC2NodeClass": "ec2nodeclasses.karpenter.k8s.aws",

	"vpcresources.k8s.aws/v1beta1/SecurityGroupPolicy": "securitygrouppolicies.vpcresources.k8s.aws",
	"crd.k8s.amazonaws.com/v1alpha1/ENIConfig":         "eniconfigs.crd.k8s.amazonaws.com",
}

// OpenSnapshot reads a snapshot file: what `kubectl-automode snapshot`
// saves, what `kubectl get … -o yaml` prints, or multi-document YAML of the
// same objects. Errors name the file and, where there is one, the line.
func OpenSnapshot(path string) (*Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening snapshot: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSnapshotBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading snapshot %s: %w", path, err)
	}
	if int64(len(data)) > MaxSnapshotBytes {
		return nil, fmt.Errorf("%s: larger than %d MiB, too large to be a snapshot", path,
			MaxSnapshotBytes>>20)
	}
	return parseSnapshot(filepath.Base(path), data)
}

// parseSnapshot decodes each YAML document, unwrapping Lists, into objects.
func parseSnapshot(name string, data []byte) (*Snapshot, error) {
	s := &Snapshot{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	items := 0
	for {
		var doc yaml.Node
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: not a YAML snapshot: %w", name, err)
		}
		for _, item := range documentItems(&doc) {
			if err := s.add(name, item); err != nil {
				return nil, err
			}
			items++
		}
	}
	if items == 0 {
		return nil, fmt.Errorf("%s: holds no Kubernetes objects", name)
	}
	if s.Info.Served == nil {
		s.Info.Served = servedByKinds(s.Objects)
	}
	return s, nil
}

// documentItems returns the objects of one document: the items of a List,
// or the document itself.
func documentItems(doc *yaml.Node) []*yaml.Node {
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return []*yaml.Node{doc}
	}
	if kind := mappingValue(doc, "kind"); kind != nil && kind.Value == "List" {
		if items := mappingValue(doc, "items"); items != nil && items.Kind == yaml.SequenceNode {
			return items.Content
		}
		return nil
	}
	return []*yaml.Node{doc}
}

func mappingValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// add turns one item into an object, or a warning when its kind is not one
// the tool reads.
func (s *Snapshot) add(file string, item *yaml.Node) error {
	where := fmt.Sprintf("%s:%d", file, item.Line)
	if item.Kind != yaml.MappingNode {
		return fmt.Errorf("%s: an item is not an object", where)
	}
	var raw map[string]any
	if err := item.Decode(&raw); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	obj := normalize(raw).(map[string]any)
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	switch {
	case apiVersion == "" || kind == "":
		return fmt.Errorf("%s: an item has no apiVersion or kind", where)
	case apiVersion == SnapshotInfoAPIVersion && kind == SnapshotInfoKind:
		return s.readInfo(where, obj)
	}

	u := &unstructured.Unstructured{Object: obj}
	if u.GetName() == "" {
		return fmt.Errorf("%s: %s has no metadata.name", where, kind)
	}
	key := apiVersion + "/" + kind
	if _, ok := customKinds[key]; ok {
		s.Objects = append(s.Objects, u)
		return nil
	}
	newObj, ok := typedKinds[key]
	if !ok {
		s.Warnings = append(s.Warnings, fmt.Sprintf("%s: skipping %s %s, a kind the tool "+
			"does not read", where, kind, u.GetName()))
		return nil
	}
	typed := newObj()
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(obj, typed); err != nil {
		return fmt.Errorf("%s: %s %s: %w", where, kind, u.GetName(), err)
	}
	s.Objects = append(s.Objects, typed)
	return nil
}

func (s *Snapshot) readInfo(where string, obj map[string]any) error {
	info, ok := obj["info"].(map[string]any)
	if !ok {
		return fmt.Errorf("%s: %s has no info", where, SnapshotInfoKind)
	}
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(info, &s.Info); err != nil {
		return fmt.Errorf("%s: %s: %w", where, SnapshotInfoKind, err)
	}
	if s.Info.Served == nil {
		s.Info.Served = []string{}
	}
	return nil
}

// servedByKinds guesses what a cluster served from the custom resources a
// file holds, for files that kubectl wrote.
func servedByKinds(objs []runtime.Object) []string {
	var served []string
	for _, o := range objs {
		gvk := o.GetObjectKind().GroupVersionKind()
		r, ok := customKinds[gvk.GroupVersion().String()+"/"+gvk.Kind]
		if ok && !slices.Contains(served, r) {
			served = append(served, r)
		}
	}
	return served
}

// normalize turns what the YAML decoder produces into what unstructured
// objects hold: int64 for integers and map[string]any for mappings.
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			x[k] = normalize(e)
		}
		return x
	case map[any]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[fmt.Sprint(k)] = normalize(e)
		}
		return m
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
		return x
	case int:
		return int64(x)
	case uint64:
		return int64(x)
	}
	return v
}
