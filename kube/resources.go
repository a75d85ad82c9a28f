package kube

import (
	"fmt"
	"slices"
	"strings"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
)

// The custom resources the tool reads. Any of them may be missing: a
// standard cluster serves none, and an Auto Mode cluster without OSS
// Karpenter serves no EC2NodeClass.
var (
	NodePools = schema.GroupVersionResource{
		Group: "karpenter.sh", Version: "v1", Resource: "nodepools"}
	NodeClaims = schema.GroupVersionResource{
		Group: "karpenter.sh", Version: "v1", Resource: "nodeclaims"}
	NodeClasses = schema.GroupVersionResource{
		Group: "eks.amazonaws.com", Version: "v1", Resource: "nodeclasses"}
	EC2NodeClasses = schema.GroupVersionResource{
		Group: "karpenter.k8s.aws", Version: "v1", Resource: "ec2nodeclasses"}

	// SecurityGroupPolicies (pod security groups) and ENIConfigs (VPC CNI
	// custom networking) are only counted: Auto Mode handles both its own
	// way, so their presence matters to a move to Auto Mode.
	SecurityGroupPolicies = schema.GroupVersionResource{
		Group: "vpcresources.k8s.aws", Version: "v1beta1", Resource: "securitygrouppolicies"}
	ENIConfigs = schema.GroupVersionResource{
		Group: "crd.k8s.amazonaws.com", Version: "v1alpha1", Resource: "eniconfigs"}
)

// evidenceGroupVersions are asked of discovery for component evidence only:
// which Auto Mode resources the API server serves.
var evidenceGroupVersions = []string{
	"karpenter.sh/v1",
	"eks.amazonaws.com/v1",
	"eks.amazonaws.com/v1alpha1",
	"karpenter.k8s.aws/v1",
	"vpcresources.k8s.aws/v1beta1",
	"crd.k8s.amazonaws.com/v1alpha1",
}

// discovered is what discovery said about the groups the tool cares for.
type discovered struct {
	// served holds the watched resources the API server serves.
	served map[schema.GroupVersionResource]bool
	// apiResources lists every resource of those groups as "plural.group".
	apiResources []string
	// problems name groups served only at versions the tool cannot read.
	problems []string
}

// discover asks the API server, one group version at a time, which of the
// resources the tool reads it serves. Asking for a handful of group versions
// is far cheaper than full discovery on a cluster with many CRDs. A group
// version that is not found is normal; any other error is returned.
func discover(d discovery.DiscoveryInterface) (discovered, error) {
	out := discovered{served: map[schema.GroupVersionResource]bool{}}
	foundGroups := map[string]bool{}
	for _, gv := range evidenceGroupVersions {
		list, err := d.ServerResourcesForGroupVersion(gv)
		if apierrors.IsNotFound(err) {
			continue
		}
		if err != nil {
			return out, fmt.Errorf("discovering %s: %w", gv, err)
		}
		parsed, err := schema.ParseGroupVersion(list.GroupVersion)
		if err != nil {
			return out, fmt.Errorf("discovering %s: %w", gv, err)
		}
		foundGroups[parsed.Group] = true
		for _, r := range list.APIResources {
			if strings.Contains(r.Name, "/") {
				continue // a subresource such as nodepools/status
			}
			out.apiResources = append(out.apiResources, r.Name+"."+parsed.Group)
			gvr := parsed.WithResource(r.Name)
			for _, w := range watchedResources {
				if w == gvr {
					out.served[gvr] = true
				}
			}
		}
	}
	out.problems = otherVersions(d, foundGroups)
	return out, nil
}

// otherVersions names the groups the tool reads that the server offers
// only at other versions, such as a Karpenter before 1.0 that serves
// karpenter.sh/v1beta1 alone. Their objects cannot be shown, which the
// user should be told rather than see empty panels. Discovery of all
// groups is asked for only when a group is missing.
func otherVersions(d discovery.DiscoveryInterface, found map[string]bool) []string {
	var missing []string
	for _, gv := range evidenceGroupVersions {
		g, _, _ := strings.Cut(gv, "/")
		if !found[g] && !slices.Contains(missing, g) {
			missing = append(missing, g)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	groups, err := d.ServerGroups()
	if err != nil || groups == nil {
		return nil
	}
	var out []string
	for _, g := range groups.Groups {
		if !slices.Contains(missing, g.Name) || len(g.Versions) == 0 {
			continue
		}
		var versions []string
		for _, v := range g.Versions {
			versions = append(versions, v.Version)
		}
		out = append(out, fmt.Sprintf("%s is served only at %s, a version kubectl-automode "+
			"does not read (it reads %s); its objects are not shown", g.Name,
			strings.Join(versions, ", "), readVersions(g.Name)))
	}
	return out
}

// readVersions lists the versions of a group the tool reads.
func readVersions(group string) string {
	var out []string
	for _, gv := range evidenceGroupVersions {
		if g, v, _ := strings.Cut(gv, "/"); g == group {
			out = append(out, v)
		}
	}
	return strings.Join(out, ", ")
}
