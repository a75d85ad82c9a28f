package model

import "strings"

// autoModeLabels are the eks.amazonaws.com label names a NodePool on an
// Auto Mode NodeClass may use as requirement keys or template labels; the
// rest of that domain is Auto Mode's own (facts sheet §2b).
var autoModeLabels = map[string]bool{
	"nodeclass": true, "compute-type": true,

	"instance-encryption-in-transit-supported": true, "instance-category": true,
	"instance-hypervisor": true, "instance-family": true, "instance-generation": true,
	"instance-local-nvme": true, "instance-size": true,

	"instance-cpu": true, "instance-cpu-manufacturer": true,
	"instance-cpu-sustained-clock-speed-mhz": true, "instance-memory": true,
	"instance-ebs-bandwidth": true, "instance-network-bandwidth": true,

	"instance-gpu-name": true, "instance-gpu-manufacturer": true, "instance-gpu-count": true,
	"instance-gpu-memory": true, "instance-accelerator-name": true,
	"instance-accelerator-manufacturer": true, "instance-accelerator-count": true,
}

// kubernetesLabels are the well-known kubernetes.io labels Karpenter lets a
// NodePool use; the rest of the kubernetes.io and k8s.io domains is
// restricted (facts sheet §2b; the built-in pools use arch and os).
var kubernetesLabels = map[string]bool{
	LabelArch: true, LabelOS: true, LabelInstanceType: true, LabelZone: true,
	LabelRegion: true,
}

// kubernetesDomainExceptions are label domains inside kubernetes.io and
// k8s.io that upstream Karpenter leaves free for users.
var kubernetesDomainExceptions = []string{"node-restriction.kubernetes.io", "kops.k8s.io"}

// LabelKeyProblem says why a NodePool on an Auto Mode NodeClass may not use
// key as a requirement key (requirement true) or a template label, and what
// to use instead; it returns two empty strings for a key that is fine.
func LabelKeyProblem(key string, requirement bool) (why, hint string) {
	domain, name, ok := strings.Cut(key, "/")
	if !ok {
		return "", ""
	}

	switch {
	case domain == GroupAutoMode:
		if autoModeLabels[name] {
			return "", ""
		}
		return key + " is not one of the eks.amazonaws.com labels Auto Mode allows",
			"use an allowed eks.amazonaws.com/instance-* label or a label of your own domain"

	case domain == GroupKarpenterAWS:
		hint = "Auto Mode uses eks.amazonaws.com labels instead"
		if autoModeLabels[name] {
			hint = "use eks.amazonaws.com/" + name + " instead"
		}
		return key + " is OSS Karpenter's label; Auto Mode refuses the karpenter.k8s.aws domain",
			hint

	case domain == GroupKarpenter:
		if name == "capacity-type" || (requirement && name == "nodepool") {
			return "", ""
		}
		return key + " is set by Karpenter itself", "remove it"

	case key == "node.kubernetes.io/windows-build":
		return key + " selects Windows, and Auto Mode runs Linux only",
			"run Windows on a managed node group"
	}

	if inDomain(domain, "kubernetes.io") || inDomain(domain, "k8s.io") {
		if kubernetesLabels[key] {
			return "", ""
		}
		for _, d := range kubernetesDomainExceptions {
			if inDomain(domain, d) {
				return "", ""
			}
		}
		return key + " is in the restricted " + domain + " domain",
			"use a label of your own domain, or a well-known one such as " + LabelArch
	}
	return "", ""
}

// inDomain reports whether domain is d or one of its subdomains.
func inDomain(domain, d string) bool {
	return domain == d || strings.HasSuffix(domain, "."+d)
}
