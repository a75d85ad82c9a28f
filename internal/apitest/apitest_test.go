package apitest_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
)

func TestMain(m *testing.M) { apitest.Main(m) }

var (
	nodePools = schema.GroupVersionResource{
		Group: "karpenter.sh", Version: "v1", Resource: "nodepools",
	}
	nodeClasses = schema.GroupVersionResource{
		Group: "eks.amazonaws.com", Version: "v1", Resource: "nodeclasses",
	}
)

func TestCRDsAreServed(t *testing.T) {
	env := apitest.Shared(t)
	disco := env.Clientset().Discovery()

	want := map[string][]string{
		"karpenter.sh/v1":            {"nodepools", "nodeclaims"},
		"eks.amazonaws.com/v1":       {"nodeclasses", "nodediagnostics"},
		"eks.amazonaws.com/v1alpha1": {"nodediagnostics"},
		"karpenter.k8s.aws/v1":       {"ec2nodeclasses"},
	}
	for gv, resources := range want {
		list, err := disco.ServerResourcesForGroupVersion(gv)
		if err != nil {
			t.Errorf("discovery of %s: %v", gv, err)
			continue
		}
		served := map[string]metav1.APIResource{}
		for _, r := range list.APIResources {
			served[r.Name] = r
		}
		for _, name := range resources {
			r, ok := served[name]
			if !ok {
				t.Errorf("%s does not serve %s; it serves %v", gv, name, keys(served))
				continue
			}
			if r.Namespaced {
				t.Errorf("%s %s is namespaced, want cluster-scoped", gv, name)
			}
			if _, ok := served[name+"/status"]; !ok {
				t.Errorf("%s %s has no status subresource", gv, name)
			}
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestKubeconfigReachesServer(t *testing.T) {
	env := apitest.Shared(t)

	raw, err := clientcmd.LoadFromFile(env.Kubeconfig)
	if err != nil {
		t.Fatalf("loading %s: %v", env.Kubeconfig, err)
	}
	if raw.CurrentContext != apitest.ContextName {
		t.Errorf("current context = %q, want %q", raw.CurrentContext, apitest.ContextName)
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", env.Kubeconfig)
	if err != nil {
		t.Fatalf("building config from %s: %v", env.Kubeconfig, err)
	}
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		t.Fatalf("creating clientset: %v", err)
	}
	ns, err := cs.CoreV1().Namespaces().Get(t.Context(), "default", metav1.GetOptions{})
	if err != nil {
		t.Fatalf("getting namespace default through the kubeconfig: %v", err)
	}
	if ns.Name != "default" {
		t.Errorf("got namespace %q", ns.Name)
	}
	if env.Config.QPS >= 0 {
		t.Errorf("Config.QPS = %v, want negative (no client-side rate limit)", env.Config.QPS)
	}
}

// nodePool builds a NodePool on the given node class with the given expiry settings; an
// empty terminationGracePeriod leaves the field unset.
func nodePool(name, group, kind, expireAfter, tgp string) *unstructured.Unstructured {
	spec := map[string]any{
		"nodeClassRef": map[string]any{"group": group, "kind": kind, "name": "default"},
		"requirements": []any{map[string]any{
			"key":      "karpenter.sh/capacity-type",
			"operator": "In",
			"values":   []any{"on-demand"},
		}},
	}
	if expireAfter != "" {
		spec["expireAfter"] = expireAfter
	}
	if tgp != "" {
		spec["terminationGracePeriod"] = tgp
	}
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "karpenter.sh/v1",
		"kind":       "NodePool",
		"metadata":   map[string]any{"name": name},
		"spec":       map[string]any{"template": map[string]any{"spec": spec}},
	}}
}

func TestNodePoolExpiryRules(t *testing.T) {
	env := apitest.Shared(t)
	const (
		never = "expireAfter may not be set to Never"
		sum   = "the sum of expireAfter and terminationGracePeriod (defaulted to 24h) " +
			"may not exceed 21 days"
	)
	tests := []struct {
		name        string
		group, kind string
		expireAfter string
		tgp         string
		wantErr     string
	}{
		{"never", "eks.amazonaws.com", "NodeClass", "Never", "", never},
		{"720h-default-tgp", "eks.amazonaws.com", "NodeClass", "720h", "", sum},
		{"480h-48h", "eks.amazonaws.com", "NodeClass", "480h", "48h", sum},
		{"mixed-units-over", "eks.amazonaws.com", "NodeClass", "500h", "4h1s", sum},
		{"336h-24h", "eks.amazonaws.com", "NodeClass", "336h", "24h", ""},
		{"480h-default-tgp", "eks.amazonaws.com", "NodeClass", "480h", "", ""},
		{"500h-4h", "eks.amazonaws.com", "NodeClass", "500h", "4h", ""},
		{"never-ec2nodeclass", "karpenter.k8s.aws", "EC2NodeClass", "Never", "", ""},
		{"720h-ec2nodeclass", "karpenter.k8s.aws", "EC2NodeClass", "720h", "48h", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			obj := nodePool("expiry-"+tt.name, tt.group, tt.kind, tt.expireAfter, tt.tgp)
			_, err := env.Dynamic().Resource(nodePools).Create(t.Context(), obj,
				metav1.CreateOptions{})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("create rejected: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("create accepted, want rejection %q", tt.wantErr)
			}
			if !apierrors.IsInvalid(err) {
				t.Errorf("error is not Invalid: %v", err)
			}
			if !strings.Contains(err.Error(), "spec.template.spec") ||
				!strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error = %v\nwant it to name spec.template.spec and say %q",
					err, tt.wantErr)
			}
			// A CEL runtime error also quotes the rule's message; the rule must have
			// evaluated to false instead.
			if strings.Contains(err.Error(), "evaluating rule") {
				t.Errorf("the rule failed to evaluate: %v", err)
			}
			t.Logf("rejected: %v", err)
		})
	}
}

func TestNodePoolDefaults(t *testing.T) {
	env := apitest.Shared(t)
	obj := nodePool("defaults", "eks.amazonaws.com", "NodeClass", "", "")
	env.Create(t, obj)

	for _, c := range []struct {
		path []string
		want any
	}{
		{[]string{"spec", "template", "spec", "expireAfter"}, "336h"},
		{[]string{"spec", "disruption", "consolidationPolicy"}, "WhenEmptyOrUnderutilized"},
		{[]string{"spec", "disruption", "consolidateAfter"}, "0s"},
	} {
		got, _, _ := unstructured.NestedFieldNoCopy(obj.Object, c.path...)
		if got != c.want {
			t.Errorf("%s = %v, want %v", strings.Join(c.path, "."), got, c.want)
		}
	}
	if _, found, _ := unstructured.NestedFieldNoCopy(obj.Object,
		"spec", "template", "spec", "terminationGracePeriod"); found {
		t.Error("terminationGracePeriod was defaulted on the NodePool; Auto Mode defaults it " +
			"on the NodeClaim only")
	}
	budgets, _, _ := unstructured.NestedSlice(obj.Object, "spec", "disruption", "budgets")
	if len(budgets) != 1 || budgets[0].(map[string]any)["nodes"] != "10%" {
		t.Errorf("budgets = %v, want [{nodes: 10%%}]", budgets)
	}
}

func nodeClass(name, role string) *unstructured.Unstructured {
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "eks.amazonaws.com/v1",
		"kind":       "NodeClass",
		"metadata":   map[string]any{"name": name},
		"spec": map[string]any{
			"role":                       role,
			"subnetSelectorTerms":        []any{map[string]any{"id": "subnet-0abc"}},
			"securityGroupSelectorTerms": []any{map[string]any{"id": "sg-0abc"}},
		},
	}}
}

func TestNodeClassValidation(t *testing.T) {
	env := apitest.Shared(t)
	client := env.Dynamic().Resource(nodeClasses)

	role64 := strings.Repeat("r", 64)
	if _, err := client.Create(t.Context(), nodeClass("role-64", role64),
		metav1.CreateOptions{}); err != nil {
		t.Errorf("a 64-byte role was rejected: %v", err)
	}

	_, err := client.Create(t.Context(), nodeClass("role-65", role64+"r"), metav1.CreateOptions{})
	if err == nil {
		t.Fatal("a 65-byte role was accepted")
	}
	if want := "spec.role: Too long: may not be more than 64 bytes"; !apierrors.IsInvalid(err) ||
		!strings.Contains(err.Error(), want) {
		t.Errorf("error = %v\nwant Invalid saying %q", err, want)
	}

	got, err := client.Get(t.Context(), "role-64", metav1.GetOptions{})
	if err != nil {
		t.Fatalf("reading back role-64: %v", err)
	}
	storage, _, _ := unstructured.NestedMap(got.Object, "spec", "ephemeralStorage")
	want := map[string]any{"size": "80Gi", "iops": int64(3000), "throughput": int64(125)}
	if fmt.Sprint(storage) != fmt.Sprint(want) {
		t.Errorf("ephemeralStorage defaulted to %v, want %v", storage, want)
	}

	for size, ok := range map[string]bool{
		"1Gi": true, "59000Gi": true, "59001Gi": false, "64000G": true, "64001G": false,
		"58Ti": true, "59Ti": false, "64T": true, "65T": false, "0Gi": false, "80": false,
	} {
		obj := nodeClass("size-"+strings.ToLower(size), "MyNodeRole")
		_ = unstructured.SetNestedField(obj.Object, size, "spec", "ephemeralStorage", "size")
		_, err := client.Create(t.Context(), obj, metav1.CreateOptions{
			DryRun: []string{metav1.DryRunAll},
		})
		if ok && err != nil {
			t.Errorf("ephemeralStorage.size %q rejected: %v", size, err)
		}
		if !ok && err == nil {
			t.Errorf("ephemeralStorage.size %q accepted", size)
		}
	}
}

func TestNodeDiagnosticServedAtBothVersions(t *testing.T) {
	env := apitest.Shared(t)
	env.CreateYAML(t, `
apiVersion: eks.amazonaws.com/v1alpha1
kind: NodeDiagnostic
metadata:
  name: i-0123456789abcdef0
spec:
  logCapture:
    destination: https://example.com/upload
status:
  captureStatuses:
    - type: Base
      state:
        completed:
          reason: Success
`)
	gvr := schema.GroupVersionResource{
		Group: "eks.amazonaws.com", Version: "v1", Resource: "nodediagnostics",
	}
	got, err := env.Dynamic().Resource(gvr).Get(t.Context(), "i-0123456789abcdef0",
		metav1.GetOptions{})
	if err != nil {
		t.Fatalf("reading the NodeDiagnostic at v1: %v", err)
	}
	if got.GetAPIVersion() != "eks.amazonaws.com/v1" {
		t.Errorf("apiVersion = %q", got.GetAPIVersion())
	}
	cats, _, _ := unstructured.NestedStringSlice(got.Object, "spec", "logCapture", "categories")
	if !slices.Equal(cats, []string{"All"}) {
		t.Errorf("categories = %v, want the default [All]", cats)
	}
	statuses, _, _ := unstructured.NestedSlice(got.Object, "status", "captureStatuses")
	if len(statuses) != 1 {
		t.Errorf("captureStatuses = %v, want the one CreateYAML wrote", statuses)
	}
}

func TestCreateWritesStatus(t *testing.T) {
	env := apitest.Shared(t)
	pools := env.CreateYAML(t, `
apiVersion: karpenter.sh/v1
kind: NodePool
metadata:
  name: with-status
spec:
  template:
    spec:
      nodeClassRef: {group: eks.amazonaws.com, kind: NodeClass, name: default}
      requirements: [{key: kubernetes.io/arch, operator: In, values: [arm64]}]
status:
  nodes: 2
  resources: {cpu: "4", memory: 8Gi, nodes: "2"}
  conditions:
    - type: Ready
      status: "True"
      reason: Ready
      lastTransitionTime: "2026-01-02T03:04:05Z"
`)
	if len(pools) != 1 {
		t.Fatalf("CreateYAML returned %d objects, want 1", len(pools))
	}
	if pools[0].GetResourceVersion() == "" {
		t.Error("CreateYAML did not return the stored object")
	}

	got, err := env.Dynamic().Resource(nodePools).Get(t.Context(), "with-status",
		metav1.GetOptions{})
	if err != nil {
		t.Fatalf("reading back: %v", err)
	}
	if n, _, _ := unstructured.NestedInt64(got.Object, "status", "nodes"); n != 2 {
		t.Errorf("status.nodes = %d, want 2", n)
	}
	conds, _, _ := unstructured.NestedSlice(got.Object, "status", "conditions")
	if len(conds) != 1 || conds[0].(map[string]any)["status"] != "True" {
		t.Errorf("status.conditions = %v", conds)
	}

	// A typed pod: the server resets its status to Pending on create.
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "running", Namespace: "default"},
		Spec: corev1.PodSpec{
			NodeName:   "i-0123456789abcdef0",
			Containers: []corev1.Container{{Name: "app", Image: "registry.example/app"}},
		},
		Status: corev1.PodStatus{Phase: corev1.PodRunning},
	}
	env.Create(t, pod)
	if pod.Status.Phase != corev1.PodRunning || pod.UID == "" {
		t.Errorf("after Create, pod phase = %q, uid = %q; want Running and set",
			pod.Status.Phase, pod.UID)
	}
}

// fakeTB records how Start ended a test that it would skip or fail, so that the tests can
// check the message without skipping or failing themselves.
type fakeTB struct {
	*testing.T
	skipped, fatal string
}

func (f *fakeTB) Helper() {}

func (f *fakeTB) Skipf(format string, args ...any) {
	f.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (f *fakeTB) Fatalf(format string, args ...any) {
	f.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// startWith runs Start in its own goroutine, as the testing package runs a test, so that a
// skip or failure (runtime.Goexit) ends only that goroutine.
func startWith(t *testing.T) *fakeTB {
	f := &fakeTB{T: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		apitest.Start(f)
		t.Error("Start returned without binaries")
	}()
	<-done
	return f
}

func TestStartWithoutBinaries(t *testing.T) {
	t.Setenv("KUBEBUILDER_ASSETS", t.TempDir())

	t.Setenv("REQUIRE_ENVTEST", "")
	f := startWith(t)
	if f.fatal != "" || !strings.Contains(f.skipped, "hack/envtest-assets.sh") ||
		!strings.Contains(f.skipped, "make test") {
		t.Errorf("without REQUIRE_ENVTEST: skipped %q, fatal %q; want a skip naming "+
			"make test and hack/envtest-assets.sh", f.skipped, f.fatal)
	}

	t.Setenv("REQUIRE_ENVTEST", "1")
	f = startWith(t)
	if f.skipped != "" || !strings.Contains(f.fatal, "kube-apiserver") {
		t.Errorf("with REQUIRE_ENVTEST=1: skipped %q, fatal %q; want a failure",
			f.skipped, f.fatal)
	}
}

// TestStartOwnServer starts a second, private server, as a test that must not share state
// would, and checks it is separate from the shared one and gone after its cleanup.
func TestStartOwnServer(t *testing.T) {
	shared := apitest.Shared(t)

	var private *rest.Config
	t.Run("private", func(t *testing.T) {
		began := time.Now()
		env := apitest.Start(t)
		t.Logf("Start took %v", time.Since(began).Round(time.Millisecond))
		private = rest.CopyConfig(env.Config)
		if private.Host == shared.Config.Host {
			t.Fatalf("Start returned the shared server %s", private.Host)
		}
		if _, err := os.Stat(env.Kubeconfig); err != nil {
			t.Errorf("kubeconfig: %v", err)
		}
		if filepath.Base(env.Kubeconfig) != "kubeconfig" {
			t.Errorf("kubeconfig path %s", env.Kubeconfig)
		}
		if _, err := env.Dynamic().Resource(nodePools).List(t.Context(),
			metav1.ListOptions{}); err != nil {
			t.Errorf("listing NodePools on the private server: %v", err)
		}
	})

	// After the subtest's cleanup the private server must no longer answer.
	if private == nil {
		t.FailNow()
	}
	private.Timeout = 2 * time.Second
	cs, err := kubernetes.NewForConfig(private)
	if err != nil {
		t.Fatalf("creating clientset: %v", err)
	}
	if _, err := cs.Discovery().ServerVersion(); err == nil {
		t.Errorf("the private server %s still answers after its test ended", private.Host)
	}
}
