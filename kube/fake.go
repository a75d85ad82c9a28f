package kube

import (
	"fmt"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	fakediscovery "k8s.io/client-go/discovery/fake"
	dynamicfake "k8s.io/client-go/dynamic/fake"
	"k8s.io/client-go/kubernetes/fake"
)

// listKinds tells the fake dynamic client the list kind of each custom
// resource it may be asked to list.
var listKinds = map[schema.GroupVersionResource]string{
	NodePools:             "NodePoolList",
	NodeClaims:            "NodeClaimList",
	NodeClasses:           "NodeClassList",
	EC2NodeClasses:        "EC2NodeClassList",
	SecurityGroupPolicies: "SecurityGroupPolicyList",
	ENIConfigs:            "ENIConfigList",
}

// FakeClients serves objects through client-go's fake clientset, fake
// dynamic client and fake discovery, so that the demo and saved snapshots
// are read by exactly the code that reads a live cluster. Typed objects go
// to the clientset and unstructured ones to the dynamic client. served
// lists the resources discovery reports, as "plural.group"
// ("nodeclasses.eks.amazonaws.com"); a custom resource is only watched when
// it is served, as on a real API server.
func FakeClients(objs []runtime.Object, served []string) (Clients, error) {
	var typed, custom []runtime.Object
	for _, o := range objs {
		if _, ok := o.(*unstructured.Unstructured); ok {
			custom = append(custom, o)
		} else {
			typed = append(typed, o)
		}
	}

	kc := fake.NewClientset(typed...)
	disco, ok := kc.Discovery().(*fakediscovery.FakeDiscovery)
	if !ok {
		return Clients{}, fmt.Errorf("fake clientset has no fake discovery")
	}
	lists, err := resourceLists(served)
	if err != nil {
		return Clients{}, err
	}
	disco.Resources = lists

	dc := dynamicfake.NewSimpleDynamicClientWithCustomListKinds(runtime.NewScheme(),
		listKinds, custom...)
	return Clients{Kube: kc, Dynamic: dc, Discovery: disco}, nil
}

// resourceLists groups "plural.group" names into the discovery lists of
// the group versions the watcher asks for.
func resourceLists(served []string) ([]*metav1.APIResourceList, error) {
	byGV := map[string]*metav1.APIResourceList{}
	var out []*metav1.APIResourceList
	for _, name := range served {
		plural, group, ok := strings.Cut(name, ".")
		if !ok {
			return nil, fmt.Errorf("served resource %q is not plural.group", name)
		}
		gv := group + "/" + versionOf(plural, group)
		l := byGV[gv]
		if l == nil {
			l = &metav1.APIResourceList{GroupVersion: gv}
			byGV[gv] = l
			out = append(out, l)
		}
		l.APIResources = append(l.APIResources, metav1.APIResource{Name: plural})
	}
	return out, nil
}

// versionOf is the version the watcher asks discovery for in a group.
func versionOf(plural, group string) string {
	for _, gv := range evidenceGroupVersions {
		g, v, _ := strings.Cut(gv, "/")
		if g != group {
			continue
		}
		// eks.amazonaws.com serves two versions; CNINode and NodeDiagnostic
		// are only at v1alpha1 on the clusters seen so far.
		if group == "eks.amazonaws.com" && (plural == "cninodes" || plural == "nodediagnostics") {
			return "v1alpha1"
		}
		return v
	}
	return "v1"
}
