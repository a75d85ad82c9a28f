package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
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
	"github.com/kubectl-automode/kubectl-automode/kube"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// hostile is text anyone with create rights can put in front of the
// user: one string per family of terminal control.
var hostile = map[string]string{
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

// allHostile joins every family, for fields that hold one string.
func allHostile() string {
	var b strings.Builder
	for _, k := range []string{"csi", "osc", "osc52", "osc8", "dcs", "apc", "pm", "sos", "c1",
		"bidi", "c0", "format"} {
		b.WriteString(hostile[k])
	}
	return b.String()
}

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

func custom(apiVersion, kind, name string, fields map[string]any) *unstructured.Unstructured {
	obj := map[string]any{"apiVersion": apiVersion, "kind": kind,
		"metadata": map[string]any{"name": name}}
	for k, v := range fields {
		obj[k] = v
	}
	return &unstructured.Unstructured{Object: obj}
}

// hostileCorpus creates objects whose every string field the tool shows
// holds escape sequences, bidi controls and huge values, and objects whose
// fields have the wrong types. It returns the huge condition message.
func hostileCorpus(t *testing.T, env *apitest.Env) string {
	t.Helper()
	all := allHostile()
	huge := hostile["osc52"] + strings.Repeat("x", 30000)
	env.CreateYAML(t, permissiveCRDs)
	for _, r := range []string{"nodepools.karpenter.sh", "nodeclaims.karpenter.sh",
		"nodeclasses.eks.amazonaws.com"} {
		waitServed(t, env, r)
	}

	cond := func(typ, status, reason, message string) map[string]any {
		return map[string]any{"type": typ, "status": status, "reason": reason,
			"message": message, "lastTransitionTime": "2026-11-01T00:00:00Z"}
	}
	env.Create(t,
		custom("karpenter.sh/v1", "NodePool", "hostile", map[string]any{
			"spec": map[string]any{
				"template": map[string]any{"spec": map[string]any{
					"nodeClassRef": map[string]any{"group": model.GroupAutoMode,
						"kind": model.KindNodeClass, "name": all},
					"expireAfter": hostile["csi"],
				}},
				"disruption": map[string]any{"consolidationPolicy": hostile["osc"]},
			},
			"status": map[string]any{"conditions": []any{
				cond(hostile["bidi"]+"Ready", "True", hostile["dcs"], all)}},
		}),
		custom("karpenter.sh/v1", "NodePool", "wrongtypes", map[string]any{
			"spec": map[string]any{"weight": "ten", "template": "x", "limits": []any{int64(1)},
				"disruption": int64(5)},
			"status": map[string]any{"conditions": "bad", "resources": int64(7)},
		}),
		custom("karpenter.sh/v1", "NodePool", "nothing", nil),
		custom("karpenter.sh/v1", "NodeClaim", "hostile-claim", map[string]any{
			"spec": map[string]any{"nodeClassRef": "x"},
			"status": map[string]any{"nodeName": hostile["csi"], "providerID": int64(5),
				"conditions": []any{
					cond("Launched", "False", hostile["c1"], huge),
					cond("FutureCondition"+hostile["apc"], "Unknown", hostile["pm"], all),
				}},
		}),
		custom("eks.amazonaws.com/v1", "NodeClass", "hostile-class", map[string]any{
			"spec": map[string]any{"role": hostile["osc52"],
				"ephemeralStorage": map[string]any{"size": hostile["pm"]},
				"tags":             map[string]any{"a": hostile["sos"], "b": int64(3)}},
			"status": map[string]any{"conditions": []any{int64(1), "x",
				cond("Ready", "True", "", hostile["c0"])}},
		}),
		&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "ip-hostile",
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
							hostile["osc52"] + hostile["bidi"]}}},
				},
			},
		},
		&corev1.Event{
			ObjectMeta: metav1.ObjectMeta{Name: "hostile-claim.1", Namespace: "default"},
			InvolvedObject: corev1.ObjectReference{Kind: "NodeClaim", Name: "hostile-claim",
				APIVersion: "karpenter.sh/v1"},
			Reason: "Hostile", Message: all, Type: corev1.EventTypeWarning,
			Source:         corev1.EventSource{Component: hostile["osc"]},
			FirstTimestamp: metav1.Now(), LastTimestamp: metav1.Now(), Count: 1,
		},
	)
	return huge
}

// waitServed polls until the API server lists a new custom resource.
func waitServed(t *testing.T, env *apitest.Env, resource string) {
	t.Helper()
	gvr := map[string]struct{ g, v, r string }{
		"nodepools.karpenter.sh":        {"karpenter.sh", "v1", "nodepools"},
		"nodeclaims.karpenter.sh":       {"karpenter.sh", "v1", "nodeclaims"},
		"nodeclasses.eks.amazonaws.com": {"eks.amazonaws.com", "v1", "nodeclasses"},
	}[resource]
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, err := env.Clientset().Discovery().ServerResourcesForGroupVersion(gvr.g + "/" + gvr.v)
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not served within 30 s: %v", resource, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// rawControl finds the first character in s that a terminal would act on
// or that reorders text: C0 controls other than those in keep, DEL, C1,
// bytes that are not UTF-8, bidi controls, invisible format characters and
// the Unicode line separators.
func rawControl(s, keep string) (rune, int, bool) {
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

func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	env := apitest.StartWithoutCRDs(t)
	huge := hostileCorpus(t, env)
	log := filepath.Join(t.TempDir(), "automode.log")
	base := []string{"--kubeconfig", env.Kubeconfig, "--log-file", log}

	t.Run("get tables hold no raw control character", func(t *testing.T) {
		for _, r := range []string{"nodes", "nodepools", "nodeclaims", "nodeclasses",
			"components"} {
			for _, o := range []string{"table", "wide"} {
				out, errOut, code := run(t, append(base, "get", r, "-o", o)...)
				if code != 0 {
					t.Fatalf("get %s -o %s: exit %d: %s", r, o, code, errOut)
				}
				for name, text := range map[string]string{"stdout": out, "stderr": errOut} {
					if c, at, bad := rawControl(text, "\n"); bad {
						t.Errorf("get %s -o %s: %s holds %U at byte %d:\n%q", r, o, name, c,
							at, text)
					}
				}
			}
		}
	})

	t.Run("a huge value is cut in a table", func(t *testing.T) {
		out, _, _ := run(t, append(base, "get", "nodeclaims", "-o", "wide")...)
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "hostile-claim") {
				if !strings.Contains(line, "…") || utf8.RuneCountInString(line) > 1000 {
					t.Errorf("the 30 KB message is not cut: %d runes", utf8.RuneCountInString(line))
				}
				return
			}
		}
		t.Errorf("no hostile-claim row:\n%s", out)
	})

	t.Run("JSON keeps every value exactly", func(t *testing.T) {
		out, errOut, code := run(t, append(base, "get", "nodeclaims", "-o", "json")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		claim := byName(items(t, out))["hostile-claim"]
		conds, _ := claim["conditions"].([]any)
		if len(conds) != 2 {
			t.Fatalf("hostile-claim conditions = %v", claim["conditions"])
		}
		first := conds[0].(map[string]any)
		if first["message"] != huge || first["reason"] != hostile["c1"] ||
			claim["nodeName"] != hostile["csi"] {
			t.Errorf("the JSON changed the cluster's text: reason %q nodeName %q",
				first["reason"], claim["nodeName"])
		}
		pools, _, _ := run(t, append(base, "get", "nodepools", "-o", "json")...)
		byPool := byName(items(t, pools))
		for _, name := range []string{"hostile", "wrongtypes", "nothing"} {
			if byPool[name] == nil {
				t.Errorf("pool %s is not shown", name)
			}
		}
		ref, _ := byPool["hostile"]["nodeClassRef"].(map[string]any)
		if ref["name"] != allHostile() {
			t.Errorf("nodeClassRef.name = %q, want the exact hostile text", ref["name"])
		}
	})

	t.Run("fields of the wrong type are logged", func(t *testing.T) {
		data, err := os.ReadFile(log)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "wrong type") ||
			!strings.Contains(string(data), "wrongtypes") ||
			!strings.Contains(string(data), "spec.weight is a string, not a number") {
			t.Errorf("the log does not name the pool's wrong types:\n%s", data)
		}
	})

	t.Run("detail views hold no raw control character", func(t *testing.T) {
		clients, err := kube.NewClients(env.Config)
		if err != nil {
			t.Fatal(err)
		}
		d := kube.NewDetails(clients)
		for _, ref := range []model.Ref{{Kind: "NodeClaim", Name: "hostile-claim"},
			{Kind: "NodePool", Name: "hostile"}, {Kind: "NodePool", Name: "wrongtypes"},
			{Kind: "NodeClass", Name: "hostile-class"}, {Kind: "Node", Name: "ip-hostile"}} {
			describe, err := d.Describe(t.Context(), ref)
			if err != nil {
				t.Errorf("describe %s: %v", ref, err)
			}
			yaml, err := d.YAML(t.Context(), ref)
			if err != nil {
				t.Errorf("YAML of %s: %v", ref, err)
			}
			events, err := d.Events(t.Context(), ref)
			if err != nil {
				t.Errorf("events of %s: %v", ref, err)
			}
			evJSON, _ := json.Marshal(events)
			var texts []string
			for _, e := range events {
				texts = append(texts, e.Type, e.Reason, e.Message, e.Source)
			}
			for name, text := range map[string]string{"describe": describe, "YAML": yaml,
				"events": strings.Join(texts, "|")} {
				if c, at, bad := rawControl(text, "\n\t"); bad {
					t.Errorf("%s of %s holds %U at byte %d", name, ref, c, at)
				}
			}
			if ref.Kind == "NodeClaim" && (len(events) != 1 ||
				!strings.Contains(describe, "clip")) {
				t.Errorf("the claim's page lost its text: events %s", evJSON)
			}
		}
	})
}
