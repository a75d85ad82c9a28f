package kube

import (
	"fmt"
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

// watchedResources are the custom resources with an informer of their own.
var watchedResources = []schema.GroupVersionResource{
	NodePools, NodeClaims, NodeClasses, EC2NodeClasses, SecurityGroupPolicies, ENIConfigs,
}

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
}

// discover asks the API server, one group version at a time, which of the
// resources the tool reads it serves. Asking for a handful of group versions
// is far cheaper than full discovery on a cluster with many CRDs. A group
// version that is not found is normal; any other error is returned.
func discover(d discovery.DiscoveryInterface) (discovered, error) {
	out := discovered{served: map[schema.GroupVersionResource]bool{}}
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
	return out, nil
}
