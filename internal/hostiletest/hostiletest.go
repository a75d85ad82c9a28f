// Package hostiletest holds a corpus of hostile cluster objects for tests:
// text that anyone with create rights can put in front of the user (escape
// sequences of every family, bidi controls, huge values) and objects whose
// fields have the wrong types. The CLI's integration tests check `get` and
// the detail views against it, and the end-to-end tests check a real
// terminal screen, so both prove their claims on the same data.
package hostiletest

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// Text is one string per family of terminal control, each wrapped around
// a plain word that a sanitised rendering keeps (see Visible).
var Text = map[string]string{
	"csi":    "\x1b[2J\x1b[H\x1b[31mred",
	"osc":    "\x1b]0;pwned\x07title",
	"osc52":  "\x1b]52;c;ZWNobyBwd25lZA==\x1b\\clip",
	"osc8":   "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
	"dcs":    "\x1bPq#0;2;0;0;0\x1b\\sixel",
	"apc":    "\x1b_Gf=100;AAAA\x1b\\kitty",
	"pm":     "\x1b^private\x1b\\pm",
	"sos":    "\x1bXstring\x1b\\sos",
	"c1":     "\u009b2J\u009d0;t\u009ceight-bit",
	"bidi":   "\u202eevil\u202c\u2067iso\u2069\u200f",
	"c0":     "nul\x00bell\x07back\bcr\rend",
	"format": "zero\u200bwidth\ufeffbom\u2028line",
}

// Families lists the keys of Text in the order All joins them.
var Families = []string{"csi", "osc", "osc52", "osc8", "dcs", "apc", "pm", "sos", "c1",
	"bidi", "c0", "format"}

// Visible is what each string of Text reads as once its controls are gone
// and it is drawn on one line: the words a user should still see.
var Visible = map[string]string{
	"csi":    "red",
	"osc":    "title",
	"osc52":  "clip",
	"osc8":   "link",
	"dcs":    "sixel",
	"apc":    "kitty",
	"pm":     "pm",
	"sos":    "sos",
	"c1":     "eight-bit",
	"bidi":   "eviliso",
	"c0":     "nulbellbackcr end",
	"format": "zerowidthbom line",
}

// All joins every family, for fields that hold one string.
func All() string {
	var b strings.Builder
	for _, k := range Families {
		b.WriteString(Text[k])
	}
	return b.String()
}

// Names of the objects Create makes, for tests that look for them.
const (
	PoolName       = "hostile"
	WrongTypesPool = "wrongtypes"
	EmptyPool      = "nothing"
	ClaimName      = "hostile-claim"
	ClassName      = "hostile-class"
	NodeName       = "ip-hostile"
)

// permissiveCRDs serve the Karpenter and Auto Mode kinds with no schema,
// so that objects with fields of any type can be stored, as a future or
// broken Karpenter might store them.
const permissiveCRDs = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: nodepools.karpenter.sh}
spec:
  group: karpenter.sh
  scope: Cluster
  names: {kind: NodePool, plural: nodepools, singular: nodepool, listKind: NodePoolList}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: nodeclaims.karpenter.sh}
spec:
  group: karpenter.sh
  scope: Cluster
  names: {kind: NodeClaim, plural: nodeclaims, singular: nodeclaim, listKind: NodeClaimList}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: nodeclasses.eks.amazonaws.com}
spec:
  group: eks.amazonaws.com
  scope: Cluster
  names: {kind: NodeClass, plural: nodeclasses, singular: nodeclass, listKind: NodeClassList}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`

// Create installs schema-less CRDs on a server started without any
// (apitest.StartWithoutCRDs), then creates objects whose every string
// field the tool shows holds escape sequences, bidi controls and huge
// values, and objects whose fields have the wrong types. It returns the
// huge condition message of the NodeClaim.
func Create(t testing.TB, env *apitest.Env) string {
	t.Helper()
	all := All()
	huge := Text["osc52"] + strings.Repeat("x", 30000)
	env.CreateYAML(t, permissiveCRDs)
	waitServed(t, env, "karpenter.sh/v1", "nodepools")
	waitServed(t, env, "karpenter.sh/v1", "nodeclaims")
	waitServed(t, env, "eks.amazonaws.com/v1", "nodeclasses")

	cond := func(typ, status, reason, message string) map[string]any {
		return map[string]any{"type": typ, "status": status, "reason": reason,
			"message": message, "lastTransitionTime": "2026-11-01T00:00:00Z"}
	}
	env.Create(t,
		custom("karpenter.sh/v1", "NodePool", PoolName, map[string]any{
			"spec": map[string]any{
				"template": map[string]any{"spec": map[string]any{
					"nodeClassRef": map[string]any{"group": model.GroupAutoMode,
						"kind": model.KindNodeClass, "name": all},
					"expireAfter": Text["csi"],
				}},
				"disruption": map[string]any{"consolidationPolicy": Text["osc"]},
			},
			"status": map[string]any{"conditions": []any{
				cond(Text["bidi"]+"Ready", "True", Text["dcs"], all)}},
		}),
		custom("karpenter.sh/v1", "NodePool", WrongTypesPool, map[string]any{
			"spec": map[string]any{"weight": "ten", "template": "x", "limits": []any{int64(1)},
				"disruption": int64(5)},
			"status": map[string]any{"conditions": "bad", "resources": int64(7)},
		}),
		custom("karpenter.sh/v1", "NodePool", EmptyPool, nil),
		custom("karpenter.sh/v1", "NodeClaim", ClaimName, map[string]any{
			"spec": map[string]any{"nodeClassRef": "x"},
			"status": map[string]any{"nodeName": Text["csi"], "providerID": int64(5),
				"conditions": []any{
					cond("Launched", "False", Text["c1"], huge),
					cond("FutureCondition"+Text["apc"], "Unknown", Text["pm"], all),
				}},
		}),
		custom("eks.amazonaws.com/v1", "NodeClass", ClassName, map[string]any{
			"spec": map[string]any{"role": Text["osc52"],
				"ephemeralStorage": map[string]any{"size": Text["pm"]},
				"tags":             map[string]any{"a": Text["sos"], "b": int64(3)}},
			"status": map[string]any{"conditions": []any{int64(1), "x",
				cond("Ready", "True", "", Text["c0"])}},
		}),
		&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: NodeName,
			Labels:      map[string]string{model.LabelComputeType: "auto"},
			Annotations: map[string]string{"note": all}}},
		&appsv1.DaemonSet{
			ObjectMeta: metav1.ObjectMeta{Name: "aws-node", Namespace: "kube-system"},
			Spec: appsv1.DaemonSetSpec{
				Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"k": "v"}},
				Template: corev1.PodTemplateSpec{
					ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"k": "v"}},
					Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c",
						Image: "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1" +
							Text["osc52"] + Text["bidi"]}}},
				},
			},
		},
		&corev1.Event{
			ObjectMeta: metav1.ObjectMeta{Name: ClaimName + ".1", Namespace: "default"},
			InvolvedObject: corev1.ObjectReference{Kind: "NodeClaim", Name: ClaimName,
				APIVersion: "karpenter.sh/v1"},
			Reason: "Hostile", Message: all, Type: corev1.EventTypeWarning,
			Source:         corev1.EventSource{Component: Text["osc"]},
			FirstTimestamp: metav1.Now(), LastTimestamp: metav1.Now(), Count: 1,
		},
	)
	return huge
}

func custom(apiVersion, kind, name string, fields map[string]any) *unstructured.Unstructured {
	obj := map[string]any{"apiVersion": apiVersion, "kind": kind,
		"metadata": map[string]any{"name": name}}
	for k, v := range fields {
		obj[k] = v
	}
	return &unstructured.Unstructured{Object: obj}
}

// waitServed polls until discovery lists a new custom resource, so that
// the first create of its kind does not race the CRD.
func waitServed(t testing.TB, env *apitest.Env, groupVersion, resource string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		list, err := env.Clientset().Discovery().ServerResourcesForGroupVersion(groupVersion)
		if err == nil && slices.ContainsFunc(list.APIResources, func(r metav1.APIResource) bool {
			return r.Name == resource
		}) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("hostiletest: %s in %s not served within 30 s: %v", resource,
				groupVersion, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// RawControl finds the first character in s that a terminal would act on
// or that reorders text: C0 controls other than those in keep, DEL, C1,
// bytes that are not UTF-8, bidi controls, invisible format characters and
// the Unicode line separators. It returns the character and its byte
// offset.
func RawControl(s, keep string) (rune, int, bool) {
	for i, r := range s {
		switch {
		case strings.ContainsRune(keep, r):
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r == utf8.RuneError,
			r == 0x2028, r == 0x2029,
			unicode.Is(unicode.Cf, r) && r != 0x200d:
			return r, i, true
		}
	}
	return 0, 0, false
}
