package scalegen

import (
	"fmt"
	"strconv"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
)

// Node is node index i with the labels its kind really carries (facts
// sheet §3a and §3b) and a status: allocatable and a Ready condition.
func Node(i int) *corev1.Node {
	it := instanceTypes[i%len(instanceTypes)]
	name, zone := NodeName(i), zoneOf(i)
	labels := map[string]string{
		"kubernetes.io/arch":                       "amd64",
		"kubernetes.io/os":                         "linux",
		"kubernetes.io/hostname":                   name,
		"node.kubernetes.io/instance-type":         it.name,
		"beta.kubernetes.io/instance-type":         it.name,
		"beta.kubernetes.io/arch":                  "amd64",
		"beta.kubernetes.io/os":                    "linux",
		"topology.kubernetes.io/region":            Region,
		"topology.kubernetes.io/zone":              zone,
		"failure-domain.beta.kubernetes.io/region": Region,
		"failure-domain.beta.kubernetes.io/zone":   zone,
		"topology.k8s.aws/zone-id":                 "apne1-az" + strconv.Itoa(1+i%3),
	}
	switch KindOf(i) {
	case Auto:
		for k, v := range map[string]string{
			"eks.amazonaws.com/compute-type":                             "auto",
			"eks.amazonaws.com/nodeclass":                                ClassOf(poolIndex(PoolOf(i))),
			"karpenter.sh/nodepool":                                      PoolOf(i),
			"karpenter.sh/capacity-type":                                 capacityType(i),
			"karpenter.sh/registered":                                    "true",
			"karpenter.sh/initialized":                                   "true",
			"karpenter.sh/do-not-sync-taints":                            "true",
			"app.kubernetes.io/managed-by":                               "eks",
			"topology.ebs.csi.eks.amazonaws.com/zone":                    zone,
			"eks.amazonaws.com/instance-category":                        it.category,
			"eks.amazonaws.com/instance-family":                          it.family,
			"eks.amazonaws.com/instance-generation":                      it.family[1:2],
			"eks.amazonaws.com/instance-size":                            it.size,
			"eks.amazonaws.com/instance-cpu":                             strconv.Itoa(it.cpu),
			"eks.amazonaws.com/instance-memory":                          strconv.Itoa(it.memMiB),
			"eks.amazonaws.com/instance-cpu-manufacturer":                "intel",
			"eks.amazonaws.com/instance-cpu-sustained-clock-speed-mhz":   "3500",
			"eks.amazonaws.com/instance-hypervisor":                      "nitro",
			"eks.amazonaws.com/instance-encryption-in-transit-supported": "true",
			"eks.amazonaws.com/instance-ebs-bandwidth":                   "10000",
			"eks.amazonaws.com/instance-network-bandwidth":               "1562",
		} {
			labels[k] = v
		}
	case ManagedNodeGroup:
		labels["eks.amazonaws.com/nodegroup"] = NodeGroupOf(i)
		labels["eks.amazonaws.com/nodegroup-image"] = "ami-0a1b2c3d4e5f60718"
		labels["eks.amazonaws.com/capacityType"] = "ON_DEMAND"
		labels["eks.amazonaws.com/sourceLaunchTemplateId"] = "lt-0a1b2c3d4e5f60718"
		labels["eks.amazonaws.com/sourceLaunchTemplateVersion"] = "3"
	case Karpenter:
		labels["karpenter.sh/nodepool"] = PoolOf(i)
		labels["karpenter.sh/capacity-type"] = "spot"
		labels["karpenter.sh/registered"] = "true"
		labels["karpenter.sh/initialized"] = "true"
		labels["karpenter.k8s.aws/ec2nodeclass"] = "oss"
		labels["karpenter.k8s.aws/instance-category"] = it.category
		labels["karpenter.k8s.aws/instance-family"] = it.family
		labels["karpenter.k8s.aws/instance-size"] = it.size
		labels["karpenter.k8s.aws/instance-cpu"] = strconv.Itoa(it.cpu)
		labels["karpenter.k8s.aws/instance-memory"] = strconv.Itoa(it.memMiB)
		labels["karpenter.k8s.aws/instance-hypervisor"] = "nitro"
	}

	milli, mem := int64(it.cpu*1000-70), int64(it.memMiB-900)<<20
	alloc := corev1.ResourceList{
		corev1.ResourceCPU:              *resource.NewMilliQuantity(milli, resource.DecimalSI),
		corev1.ResourceMemory:           *resource.NewQuantity(mem, resource.BinarySI),
		corev1.ResourcePods:             *resource.NewQuantity(int64(it.maxPods), resource.DecimalSI),
		corev1.ResourceEphemeralStorage: resource.MustParse("76043298691"),
	}
	capacity := alloc.DeepCopy()
	capacity[corev1.ResourceCPU] = *resource.NewQuantity(int64(it.cpu), resource.DecimalSI)
	transition := metav1.NewTime(Created)
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels, Annotations: map[string]string{
			"alpha.kubernetes.io/provided-node-ip":                   "10.0.1.5",
			"node.alpha.kubernetes.io/ttl":                           "0",
			"volumes.kubernetes.io/controller-managed-attach-detach": "true",
		}},
		Spec: corev1.NodeSpec{ProviderID: fmt.Sprintf("aws:///%s/%s", zone, name)},
		Status: corev1.NodeStatus{
			Capacity: capacity, Allocatable: alloc,
			Conditions: []corev1.NodeCondition{
				{Type: "MemoryPressure", Status: "False", Reason: "KubeletHasSufficientMemory",
					LastHeartbeatTime: transition, LastTransitionTime: transition},
				{Type: "DiskPressure", Status: "False", Reason: "KubeletHasNoDiskPressure",
					LastHeartbeatTime: transition, LastTransitionTime: transition},
				{Type: "PIDPressure", Status: "False", Reason: "KubeletHasSufficientPID",
					LastHeartbeatTime: transition, LastTransitionTime: transition},
				{Type: corev1.NodeReady, Status: "True", Reason: "KubeletReady",
					Message:           "kubelet is posting ready status",
					LastHeartbeatTime: transition, LastTransitionTime: transition},
			},
			Addresses: []corev1.NodeAddress{{Type: "InternalIP", Address: "10.0.1.5"},
				{Type: "Hostname", Address: name}},
			NodeInfo: corev1.NodeSystemInfo{
				KubeletVersion: "v1.37.2-eks-113cf36", OSImage: "Bottlerocket (EKS Auto, " +
					"Standard) 2026.11.5 (aws-k8s-1.37-standard)",
				ContainerRuntimeVersion: "containerd://2.1.5+bottlerocket",
				KernelVersion:           "6.12.46", OperatingSystem: "linux",
				Architecture: "amd64", MachineID: "ec2" + name, SystemUUID: "ec2" + name,
			},
		},
	}
}

func capacityType(i int) string {
	if i%7 == 0 {
		return "spot"
	}
	return "on-demand"
}

// poolIndex is the index of a pool name; -1 when there is none.
func poolIndex(name string) int {
	for p := range NodePools {
		if PoolName(p) == name {
			return p
		}
	}
	return -1
}

// NodeClaim is the NodeClaim of index i. Auto Mode and Karpenter indexes
// have launched the node of the same index; a managed node group index
// holds a claim that could not launch, with the condition that says why.
func NodeClaim(i int) *unstructured.Unstructured {
	pool := PoolOf(i)
	p := poolIndex(pool)
	group, kind := "eks.amazonaws.com", "NodeClass"
	if KindOf(i) == Karpenter {
		group, kind = "karpenter.k8s.aws", "EC2NodeClass"
	}
	it := instanceTypes[i%len(instanceTypes)]
	at := Created.Format("2006-01-02T15:04:05Z")
	cond := func(t, status, reason, msg string) any {
		return map[string]any{"type": t, "status": status, "reason": reason, "message": msg,
			"lastTransitionTime": at}
	}
	status := map[string]any{
		"conditions": []any{
			cond("Launched", "True", "Launched", ""),
			cond("Registered", "True", "Registered", ""),
			cond("Initialized", "True", "Initialized", ""),
			cond("Ready", "True", "Ready", ""),
			cond("Drifted", "False", "NotDrifted", ""),
			cond("Consolidatable", "False", "NotConsolidatable", ""),
		},
		"nodeName":   NodeName(i),
		"providerID": fmt.Sprintf("aws:///%s/%s", zoneOf(i), NodeName(i)),
		"imageID":    "ami-0a1b2c3d4e5f60718",
		"capacity": map[string]any{"cpu": strconv.Itoa(it.cpu),
			"memory": fmt.Sprintf("%dMi", it.memMiB)},
	}
	if KindOf(i) == ManagedNodeGroup {
		status = map[string]any{"conditions": []any{
			cond("Launched", "False", "InsufficientCapacity",
				"all requested instance types were unavailable during launch"),
		}}
	}
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "karpenter.sh/v1", "kind": "NodeClaim",
		"metadata": map[string]any{
			"name": ClaimName(i),
			"labels": map[string]any{
				"karpenter.sh/nodepool":            pool,
				"karpenter.sh/capacity-type":       capacityType(i),
				"node.kubernetes.io/instance-type": it.name,
				"topology.kubernetes.io/zone":      zoneOf(i),
			},
			"annotations": map[string]any{
				"karpenter.sh/nodepool-hash":         "6821555240594823761",
				"karpenter.sh/nodepool-hash-version": "v3",
			},
		},
		"spec": map[string]any{
			"nodeClassRef": map[string]any{"group": group, "kind": kind, "name": ClassOf(p)},
			"requirements": []any{
				map[string]any{"key": "karpenter.sh/nodepool", "operator": "In",
					"values": []any{pool}},
				map[string]any{"key": "node.kubernetes.io/instance-type", "operator": "In",
					"values": []any{it.name}},
			},
			"expireAfter": "336h",
		},
		"status": status,
	}}
}

// NodePool is pool index p.
func NodePool(p int) *unstructured.Unstructured {
	name := PoolName(p)
	labels := map[string]any{}
	ref := map[string]any{"group": "eks.amazonaws.com", "kind": "NodeClass", "name": ClassOf(p)}
	switch {
	case p < 2:
		labels["app.kubernetes.io/managed-by"] = "eks"
	case p >= 2+AutoPools:
		ref = map[string]any{"group": "karpenter.k8s.aws", "kind": "EC2NodeClass", "name": "oss"}
	}
	return &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "karpenter.sh/v1", "kind": "NodePool",
		"metadata": map[string]any{"name": name, "labels": labels},
		"spec": map[string]any{
			"template": map[string]any{"spec": map[string]any{
				"nodeClassRef": ref,
				"expireAfter":  "336h",
				"requirements": []any{
					map[string]any{"key": "karpenter.sh/capacity-type", "operator": "In",
						"values": []any{"on-demand", "spot"}},
					map[string]any{"key": "eks.amazonaws.com/instance-category",
						"operator": "In", "values": []any{"c", "m", "r"}},
				},
			}},
			"limits":     map[string]any{"cpu": "20000", "memory": "80000Gi"},
			"disruption": map[string]any{"consolidationPolicy": "WhenEmptyOrUnderutilized"},
		},
		"status": map[string]any{"conditions": []any{map[string]any{
			"type": "Ready", "status": "True", "reason": "Ready", "message": "",
			"lastTransitionTime": Created.Format("2006-01-02T15:04:05Z")}}},
	}}
}

// NodeClasses are the built-in NodeClass, five custom ones and OSS
// Karpenter's EC2NodeClass.
func NodeClasses() []*unstructured.Unstructured {
	spec := func(role string) map[string]any {
		return map[string]any{"role": role,
			"subnetSelectorTerms":        []any{map[string]any{"id": "subnet-0a1b2c3d"}},
			"securityGroupSelectorTerms": []any{map[string]any{"id": "sg-0a1b2c3d"}}}
	}
	ready := map[string]any{"conditions": []any{map[string]any{"type": "Ready",
		"status": "True", "reason": "Ready", "message": "",
		"lastTransitionTime": Created.Format("2006-01-02T15:04:05Z")}}}
	out := []*unstructured.Unstructured{{Object: map[string]any{
		"apiVersion": "eks.amazonaws.com/v1", "kind": "NodeClass",
		"metadata": map[string]any{"name": "default",
			"labels": map[string]any{"app.kubernetes.io/managed-by": "eks"}},
		"spec": spec("auto-node-role"), "status": ready,
	}}}
	for k := range 5 {
		out = append(out, &unstructured.Unstructured{Object: map[string]any{
			"apiVersion": "eks.amazonaws.com/v1", "kind": "NodeClass",
			"metadata": map[string]any{"name": fmt.Sprintf("team-%d", k)},
			"spec":     spec(fmt.Sprintf("team-%d-node-role", k)), "status": ready,
		}})
	}
	return append(out, &unstructured.Unstructured{Object: map[string]any{
		"apiVersion": "karpenter.k8s.aws/v1", "kind": "EC2NodeClass",
		"metadata": map[string]any{"name": "oss"},
		"spec":     spec("KarpenterNodeRole-scale"), "status": ready,
	}})
}
