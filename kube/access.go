package kube

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	rbacv1 "k8s.io/api/rbac/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// access is one resource the tool reads and the verbs it reads it with.
// The watcher starts its informers from this list, Details and the
// snapshot command read nothing it does not name, and `rbac` prints it as
// a ClusterRole, so the role the README asks for cannot drift from what
// the code does. An integration test checks every audited request
// against it.
type access struct {
	gvr   schema.GroupVersionResource
	verbs []string
	// watched resources have an informer; custom ones only when discovery
	// finds them served.
	watched bool
	custom  bool
}

var (
	listWatch    = []string{"list", "watch"}
	getListWatch = []string{"get", "list", "watch"}
)

func core(resource string) schema.GroupVersionResource {
	return schema.GroupVersionResource{Version: "v1", Resource: resource}
}

// reads is every resource the tool touches. Only get, list and watch
// appear: the tool never writes.
var reads = []access{
	// Nodes and pods: detail views get one, describe lists a node's pods.
	{gvr: core("nodes"), verbs: getListWatch, watched: true},
	{gvr: core("pods"), verbs: getListWatch, watched: true},
	// Component evidence (facts sheet §5).
	{gvr: schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "daemonsets"},
		verbs: listWatch, watched: true},
	{gvr: schema.GroupVersionResource{Group: "apps", Version: "v1", Resource: "deployments"},
		verbs: listWatch, watched: true},
	{gvr: schema.GroupVersionResource{Group: "storage.k8s.io", Version: "v1",
		Resource: "csidrivers"}, verbs: listWatch, watched: true},
	{gvr: schema.GroupVersionResource{Group: "storage.k8s.io", Version: "v1",
		Resource: "storageclasses"}, verbs: listWatch, watched: true},
	{gvr: schema.GroupVersionResource{Group: "networking.k8s.io", Version: "v1",
		Resource: "ingressclasses"}, verbs: listWatch, watched: true},

	// Karpenter and Auto Mode: detail views get one.
	{gvr: NodePools, verbs: getListWatch, watched: true, custom: true},
	{gvr: NodeClaims, verbs: getListWatch, watched: true, custom: true},
	{gvr: NodeClasses, verbs: getListWatch, watched: true, custom: true},
	{gvr: EC2NodeClasses, verbs: getListWatch, watched: true, custom: true},
	{gvr: SecurityGroupPolicies, verbs: listWatch, watched: true, custom: true},
	{gvr: ENIConfigs, verbs: listWatch, watched: true, custom: true},

	// Detail views list an object's events; kubectl's node describer
	// reads the node's lease for its heartbeat and lists the node's DRA
	// resource slices.
	{gvr: core("events"), verbs: []string{"list"}},
	{gvr: schema.GroupVersionResource{Group: "coordination.k8s.io", Version: "v1",
		Resource: "leases"}, verbs: []string{"get"}},
	{gvr: schema.GroupVersionResource{Group: "resource.k8s.io", Version: "v1",
		Resource: "resourceslices"}, verbs: []string{"list"}},
}

// watchedResources are the custom resources with an informer of their own.
var watchedResources = func() []schema.GroupVersionResource {
	var out []schema.GroupVersionResource
	for _, a := range reads {
		if a.watched && a.custom {
			out = append(out, a.gvr)
		}
	}
	return out
}()

// ClusterRoleName is the name `rbac` gives the role it prints.
const ClusterRoleName = "kubectl-automode-reader"

// ClusterRole is the least a user needs for every panel and detail view:
// get, list and watch on exactly the resources the tool reads, one rule per
// API group and set of verbs.
func ClusterRole() *rbacv1.ClusterRole {
	type key struct{ group, verbs string }
	byKey := map[key]*rbacv1.PolicyRule{}
	var rules []*rbacv1.PolicyRule
	for _, a := range reads {
		k := key{a.gvr.Group, strings.Join(a.verbs, ",")}
		r := byKey[k]
		if r == nil {
			r = &rbacv1.PolicyRule{APIGroups: []string{a.gvr.Group},
				Verbs: slices.Clone(a.verbs)}
			byKey[k] = r
			rules = append(rules, r)
		}
		r.Resources = append(r.Resources, a.gvr.Resource)
	}
	role := &rbacv1.ClusterRole{
		TypeMeta:   metav1.TypeMeta{APIVersion: "rbac.authorization.k8s.io/v1", Kind: "ClusterRole"},
		ObjectMeta: metav1.ObjectMeta{Name: ClusterRoleName},
	}
	for _, r := range rules {
		slices.Sort(r.Resources)
		role.Rules = append(role.Rules, *r)
	}
	slices.SortStableFunc(role.Rules, func(a, b rbacv1.PolicyRule) int {
		return cmp.Compare(a.APIGroups[0], b.APIGroups[0])
	})
	return role
}

// grantingRule is the RBAC rule that would let the tool read one resource,
// "plural" or "plural.group", in the words of a ClusterRole.
func grantingRule(resource string) string {
	plural, group, _ := strings.Cut(resource, ".")
	verbs := listWatch
	for _, a := range reads {
		if a.gvr.Resource == plural && a.gvr.Group == group {
			verbs = a.verbs
		}
	}
	return fmt.Sprintf("apiGroups: [%q], resources: [%q], verbs: [%s]", group, plural,
		quoteAll(verbs))
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// resourceName names a resource as kubectl does: "nodeclaims.karpenter.sh",
// or the plural alone for the core group.
func resourceName(gvr schema.GroupVersionResource) string {
	if gvr.Group == "" {
		return gvr.Resource
	}
	return gvr.Resource + "." + gvr.Group
}
