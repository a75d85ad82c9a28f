package apitest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
)

// requestTimeout bounds the fixture calls, so that a wedged server fails the test quickly.
const requestTimeout = time.Minute

// Create creates objs in order as test fixtures and fails the test on the first error.
// It takes typed objects of the client-go scheme and unstructured objects (which the Auto
// Mode resources are), and updates each in place with what the server stored.
//
// Fixtures usually need a status, which the API server drops or resets on create for most
// resources with a status subresource (all the CRDs here, and pods). So when an object
// arrives with a non-empty status that differs from the stored one, Create writes it through
// the status subresource, as the owning controller would.
func (e *Env) Create(t testing.TB, objs ...client.Object) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), requestTimeout)
	defer cancel()
	for _, obj := range objs {
		if err := e.create(ctx, obj); err != nil {
			t.Fatalf("apitest: %v", err)
		}
	}
}

// CreateYAML creates the objects of a YAML (or JSON) manifest, documents separated by "---",
// with Create, and returns them as stored. Fixtures for custom resources read best as YAML.
func (e *Env) CreateYAML(t testing.TB, manifest string) []*unstructured.Unstructured {
	t.Helper()
	objs, err := decodeManifest(manifest)
	if err != nil {
		t.Fatalf("apitest: %v", err)
	}
	for _, obj := range objs {
		e.Create(t, obj)
	}
	return objs
}

// decodeManifest splits a manifest into objects, skipping empty documents.
func decodeManifest(manifest string) ([]*unstructured.Unstructured, error) {
	dec := yaml.NewYAMLOrJSONDecoder(strings.NewReader(manifest), 4096)
	var objs []*unstructured.Unstructured
	for i := 0; ; i++ {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return objs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("decoding manifest document %d: %w", i, err)
		}
		if len(doc) == 0 {
			continue
		}
		objs = append(objs, &unstructured.Unstructured{Object: doc})
	}
}

// create creates one object, then writes its status if the server dropped it.
func (e *Env) create(ctx context.Context, obj client.Object) error {
	gvk, err := apiutil.GVKForObject(obj, scheme.Scheme)
	if err != nil {
		return fmt.Errorf("creating %s: %w", obj.GetName(), err)
	}
	what := describe(gvk, obj)
	u, err := toUnstructured(obj, gvk)
	if err != nil {
		return fmt.Errorf("creating %s: %w", what, err)
	}
	want, _, _ := unstructured.NestedMap(u.Object, "status")

	if err := e.client.Create(ctx, u); err != nil {
		return fmt.Errorf("creating %s: %w", what, err)
	}
	if got, _, _ := unstructured.NestedMap(u.Object, "status"); len(want) > 0 &&
		!equality.Semantic.DeepEqual(got, want) {
		u.Object["status"] = want
		if err := e.client.Status().Update(ctx, u); err != nil {
			return fmt.Errorf("writing status of %s: %w", what, err)
		}
	}

	if out, ok := obj.(*unstructured.Unstructured); ok {
		out.Object = u.Object
		return nil
	}
	if err := runtime.DefaultUnstructuredConverter.FromUnstructured(u.Object, obj); err != nil {
		return fmt.Errorf("reading back %s: %w", what, err)
	}
	return nil
}

// toUnstructured copies obj into an unstructured object of the given kind, leaving the
// caller's object untouched until the server has answered.
func toUnstructured(obj client.Object, gvk schema.GroupVersionKind) (*unstructured.Unstructured,
	error) {
	var content map[string]any
	if in, ok := obj.(*unstructured.Unstructured); ok {
		content = in.DeepCopy().Object
	} else {
		var err error
		if content, err = runtime.DefaultUnstructuredConverter.ToUnstructured(obj); err != nil {
			return nil, fmt.Errorf("converting to unstructured: %w", err)
		}
	}
	u := &unstructured.Unstructured{Object: content}
	u.SetGroupVersionKind(gvk)
	return u, nil
}

// describe names an object in error messages as Kind namespace/name.
func describe(gvk schema.GroupVersionKind, obj client.Object) string {
	name := obj.GetName()
	if name == "" {
		name = obj.GetGenerateName() + "*"
	}
	if ns := obj.GetNamespace(); ns != "" {
		name = ns + "/" + name
	}
	return gvk.Kind + " " + name
}

// Fixture returns the manifest testdata/clusters/name, a whole cluster's
// objects for tests of the watcher and the CLI to create with CreateYAML.
func Fixture(t testing.TB, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(filepath.Dir(CRDDir()), "clusters", name))
	if err != nil {
		t.Fatalf("apitest: reading fixture: %v", err)
	}
	return string(data)
}
