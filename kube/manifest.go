package kube

import (
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// NodePoolFromManifest reads a NodePool the way the watcher reads one from
// the cluster, for checking a manifest before it is applied. Unset fields
// stay unset: the API server's defaults have not been applied to them.
func NodePoolFromManifest(u *unstructured.Unstructured) model.NodePool {
	p := nodePoolFromUnstructured(u)
	p.Origin = model.ClassifyPool(p.Name, p.Labels, p.NodeClassRef)
	return p
}

// NodeClassFromManifest reads an Auto Mode NodeClass or an EC2NodeClass
// the way the watcher does, for checking a manifest before it is applied.
func NodeClassFromManifest(u *unstructured.Unstructured) model.NodeClass {
	c := nodeClassFromUnstructured(u)
	c.Ready = model.ConditionStatus(c.Conditions, model.CondReady)
	return c
}
