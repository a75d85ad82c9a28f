package kube

import (
	"fmt"
	"slices"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/watch"
	fakediscovery "k8s.io/client-go/discovery/fake"
	dynamicfake "k8s.io/client-go/dynamic/fake"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
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

// SnapshotClients serves a saved snapshot through FakeClients, and refuses
// every read of the lists the saving user was refused with a 403, as the
// cluster did: their panels then say forbidden, as they did live, rather
// than show an empty list as if nothing existed.
func SnapshotClients(s *Snapshot) (Clients, error) {
	c, err := FakeClients(s.Objects, s.Info.Served)
	if err != nil || len(s.Info.Refused) == 0 {
		return c, err
	}
	kc, ok := c.Kube.(*fake.Clientset)
	dc, dok := c.Dynamic.(*dynamicfake.FakeDynamicClient)
	if !ok || !dok {
		return Clients{}, fmt.Errorf("fake clients of an unexpected type")
	}
	refuse := refuser(s.Info.Refused)
	watchRefuse := func(a k8stesting.Action) (bool, watch.Interface, error) {
		handled, _, err := refuse(a)
		return handled, nil, err
	}
	kc.PrependReactor("*", "*", refuse)
	kc.PrependWatchReactor("*", watchRefuse)
	dc.PrependReactor("*", "*", refuse)
	dc.PrependWatchReactor("*", watchRefuse)
	return c, nil
}

// refuser answers any request for one of the refused resources ("pods",
// "daemonsets.apps") with a 403, and leaves the rest to the next reactor.
func refuser(refused []string) k8stesting.ReactionFunc {
	return func(a k8stesting.Action) (bool, runtime.Object, error) {
		gvr := a.GetResource()
		if !slices.Contains(refused, resourceName(gvr)) {
			return false, nil, nil
		}
		return true, nil, apierrors.NewForbidden(gvr.GroupResource(), "",
			fmt.Errorf("the snapshot's user may not %s it", a.GetVerb()))
	}
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
