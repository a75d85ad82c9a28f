package demo

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	storagev1 "k8s.io/api/storage/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

// AutoModeServed are the resources an Auto Mode cluster with OSS Karpenter
// installed beside it serves (facts sheet §5a).
var AutoModeServed = []string{
	"nodepools.karpenter.sh",
	"nodeclaims.karpenter.sh",
	"nodeclasses.eks.amazonaws.com",
	"ingressclassparams.eks.amazonaws.com",
	"targetgroupbindings.eks.amazonaws.com",
	"cninodes.eks.amazonaws.com",
	"nodediagnostics.eks.amazonaws.com",
	"ec2nodeclasses.karpenter.k8s.aws",
}

// The stuck NodeClaim's condition, word for word as Auto Mode reports a
// launch refused for want of the tagging permissions (facts sheet §8).
const (
	unauthorizedReason  = "Unauthorized"
	unauthorizedMessage = "Error getting launch template configs: User is not authorized " +
		"to perform this operation because no identity-based policy allows it"
)

// AutoMode is the Auto Mode scenario's objects as they stand at now.
func AutoMode(now time.Time) []runtime.Object {
	// The API server keeps timestamps to the second; so does the demo, so
	// that a saved demo reads back exactly.
	now = now.Truncate(time.Second)
	var objs []runtime.Object
	objs = append(objs, nodeClasses(now)...)
	objs = append(objs, nodePools(now)...)
	objs = append(objs, autoModeNodes(now)...)
	objs = append(objs, autoModeWorkloads(now)...)
	objs = append(objs,
		&storagev1.StorageClass{
			TypeMeta:    metav1.TypeMeta{APIVersion: "storage.k8s.io/v1", Kind: "StorageClass"},
			ObjectMeta:  metav1.ObjectMeta{Name: "auto-ebs-sc"},
			Provisioner: "ebs.csi.eks.amazonaws.com",
		},
		&networkingv1.IngressClass{
			TypeMeta:   metav1.TypeMeta{APIVersion: "networking.k8s.io/v1", Kind: "IngressClass"},
			ObjectMeta: metav1.ObjectMeta{Name: "alb"},
			Spec:       networkingv1.IngressClassSpec{Controller: "eks.amazonaws.com/alb"},
		},
	)
	return objs
}

func nodeClasses(now time.Time) []runtime.Object {
	created := now.Add(-30 * 24 * time.Hour)
	ready := []any{condition("Ready", "True", "Ready", "", created.Add(time.Minute))}
	eks := map[string]string{"app.kubernetes.io/managed-by": "eks"}
	return []runtime.Object{
		object("eks.amazonaws.com/v1", "NodeClass", "default", eks, created, map[string]any{
			"spec": map[string]any{
				"role":                       "demo-cluster-auto-node-role",
				"subnetSelectorTerms":        []any{map[string]any{"id": "subnet-0a1b2c3d4e5f60718"}},
				"securityGroupSelectorTerms": []any{map[string]any{"id": "sg-0f1e2d3c4b5a69788"}},
				"ephemeralStorage": map[string]any{
					"size": "80Gi", "iops": int64(3000), "throughput": int64(125),
				},
			},
			"status": map[string]any{"conditions": ready},
		}),
		object("eks.amazonaws.com/v1", "NodeClass", "tagged", nil, now.Add(-2*time.Hour),
			map[string]any{"spec": map[string]any{
				"role":                       "demo-cluster-auto-node-role",
				"subnetSelectorTerms":        []any{map[string]any{"tags": map[string]any{"tier": "private"}}},
				"securityGroupSelectorTerms": []any{map[string]any{"tags": map[string]any{"app": "web"}}},
				"tags":                       map[string]any{"team": "payments", "cost-center": "cc-4711"},
			},
				"status": map[string]any{"conditions": ready},
			}),
		object("karpenter.k8s.aws/v1", "EC2NodeClass", "batch", nil, created, map[string]any{
			"spec": map[string]any{
				"role":                       "KarpenterNodeRole-demo-cluster",
				"amiSelectorTerms":           []any{map[string]any{"alias": "al2023@latest"}},
				"subnetSelectorTerms":        []any{map[string]any{"tags": map[string]any{"karpenter.sh/discovery": "demo-cluster"}}},
				"securityGroupSelectorTerms": []any{map[string]any{"tags": map[string]any{"karpenter.sh/discovery": "demo-cluster"}}},
			},
			"status": map[string]any{"conditions": ready},
		}),
	}
}

// builtInPool is one of Auto Mode's own pools, as the facts sheet §4a gives
// them.
func builtInPool(now time.Time, name string, arch []any, taints []any) runtime.Object {
	spec := map[string]any{
		"nodeClassRef": map[string]any{
			"group": "eks.amazonaws.com", "kind": "NodeClass", "name": "default",
		},
		"expireAfter":            "336h",
		"terminationGracePeriod": "24h0m0s",
		"requirements": []any{
			req("karpenter.sh/capacity-type", "In", "on-demand"),
			req("eks.amazonaws.com/instance-category", "In", "c", "m", "r"),
			req("eks.amazonaws.com/instance-generation", "Gt", "4"),
			req("kubernetes.io/arch", "In", arch...),
			req("kubernetes.io/os", "In", "linux"),
		},
	}
	if len(taints) > 0 {
		spec["taints"] = taints
	}
	created := now.Add(-30 * 24 * time.Hour)
	return object("karpenter.sh/v1", "NodePool", name,
		map[string]string{"app.kubernetes.io/managed-by": "eks"}, created, map[string]any{
			"spec": map[string]any{
				"template": map[string]any{"spec": spec},
				"disruption": map[string]any{
					"budgets":             []any{map[string]any{"nodes": "10%"}},
					"consolidateAfter":    "30s",
					"consolidationPolicy": "WhenEmptyOrUnderutilized",
				},
			},
			"status": poolStatus(created),
		})
}

func nodePools(now time.Time) []runtime.Object {
	week := now.Add(-7 * 24 * time.Hour)
	return []runtime.Object{
		builtInPool(now, "system", []any{"amd64", "arm64"}, []any{
			map[string]any{"key": "CriticalAddonsOnly", "effect": "NoSchedule"},
		}),
		builtInPool(now, "general-purpose", []any{"amd64"}, nil),
		object("karpenter.sh/v1", "NodePool", "tagged-apps", nil, now.Add(-2*time.Hour),
			map[string]any{
				"spec": map[string]any{
					"template": map[string]any{"spec": map[string]any{
						"nodeClassRef": map[string]any{
							"group": "eks.amazonaws.com", "kind": "NodeClass", "name": "tagged",
						},
						"expireAfter": "336h",
						"requirements": []any{
							req("eks.amazonaws.com/instance-category", "In", "m"),
							req("karpenter.sh/capacity-type", "In", "on-demand"),
						},
					}},
					"limits": map[string]any{"cpu": "64", "memory": "256Gi"},
				},
				"status": poolStatus(now.Add(-2 * time.Hour)),
			}),
		object("karpenter.sh/v1", "NodePool", "batch", nil, week, map[string]any{
			"spec": map[string]any{
				"template": map[string]any{"spec": map[string]any{
					"nodeClassRef": map[string]any{
						"group": "karpenter.k8s.aws", "kind": "EC2NodeClass", "name": "batch",
					},
					"expireAfter": "720h",
					"requirements": []any{
						req("karpenter.sh/capacity-type", "In", "spot", "on-demand"),
						req("karpenter.k8s.aws/instance-category", "In", "c"),
					},
				}},
				"limits": map[string]any{"cpu": "100"},
			},
			"status": poolStatus(week),
		}),
	}
}

func req(key, op string, values ...any) map[string]any {
	return map[string]any{"key": key, "operator": op, "values": values}
}

func poolStatus(at time.Time) map[string]any {
	return map[string]any{"conditions": []any{
		condition("ValidationSucceeded", "True", "ValidationSucceeded", "", at),
		condition("NodeClassReady", "True", "NodeClassReady", "", at),
		condition("Ready", "True", "Ready", "", at),
	}}
}

func autoModeNodes(now time.Time) []runtime.Object {
	day := 24 * time.Hour
	auto := []struct {
		spec      nodeSpec
		pool      string
		nodeClass string
		claim     string
	}{
		{nodeSpec{"i-0a1c5e7a39c88fc91", "c6g.large", "ap-northeast-1a", "on-demand", 3 * day},
			"system", "default", "system-8kq2w"},
		{nodeSpec{"i-0b2d6f8b4ad99ad02", "c6g.large", "ap-northeast-1c", "on-demand", 3 * day},
			"system", "default", "system-x4v7n"},
		{nodeSpec{"i-0c3e7a9c5be0abe13", "m6i.large", "ap-northeast-1a", "on-demand", 2 * day},
			"general-purpose", "default", "general-purpose-87brc"},
		{nodeSpec{"i-0d4f8bad6cf1bcf24", "c6i.xlarge", "ap-northeast-1c", "on-demand", day},
			"general-purpose", "default", "general-purpose-m2t9d"},
		{nodeSpec{"i-0e5a9cbe7d02cd035", "r6i.large", "ap-northeast-1d", "on-demand", 5 * time.Hour},
			"general-purpose", "default", "general-purpose-qz6hl"},
	}
	var objs []runtime.Object
	for _, a := range auto {
		objs = append(objs, autoNode(now, a.spec, a.pool, a.nodeClass),
			readyClaim(now, a.claim, a.spec, a.pool, "eks.amazonaws.com", "NodeClass", a.nodeClass))
	}

	objs = append(objs, stuckClaim(now))
	for _, s := range []nodeSpec{
		{"ip-10-0-41-17.ap-northeast-1.compute.internal", "m5.large", "ap-northeast-1a", "", 20 * day},
		{"ip-10-0-77-203.ap-northeast-1.compute.internal", "m5.large", "ap-northeast-1c", "", 20 * day},
	} {
		objs = append(objs, nodeGroupNode(now, s, "platform"))
	}
	batch := nodeSpec{"ip-10-0-90-4.ap-northeast-1.compute.internal", "c5.xlarge",
		"ap-northeast-1d", "spot", 9 * time.Hour}
	objs = append(objs, karpenterNode(now, batch, "batch", "batch"),
		readyClaim(now, "batch-5xk8z", batch, "batch", "karpenter.k8s.aws", "EC2NodeClass", "batch"))
	return objs
}

// readyClaim is the NodeClaim behind a node that came up: every lifecycle
// condition True.
func readyClaim(now time.Time, name string, n nodeSpec, pool, group, kind,
	nodeClass string) runtime.Object {
	created := now.Add(-n.age).Add(-50 * time.Second)
	conds := []any{}
	for i, t := range []string{"Launched", "Registered", "Initialized", "Ready"} {
		conds = append(conds, condition(t, "True", t, "", created.Add(time.Duration(i+1)*10*time.Second)))
	}
	conds = append(conds, condition("Drifted", "False", "NotDrifted", "", created))
	return object("karpenter.sh/v1", "NodeClaim", name, map[string]string{
		"karpenter.sh/nodepool":            pool,
		"karpenter.sh/capacity-type":       n.capacity,
		"node.kubernetes.io/instance-type": n.instanceType,
		"topology.kubernetes.io/zone":      n.zone,
	}, created, map[string]any{
		"spec": map[string]any{
			"nodeClassRef": map[string]any{"group": group, "kind": kind, "name": nodeClass},
			"requirements": []any{req("karpenter.sh/nodepool", "In", pool)},
		},
		"status": map[string]any{
			"nodeName":   n.name,
			"providerID": "aws:///" + n.zone + "/" + instanceID(n.name),
			"conditions": conds,
		},
	})
}

// stuckClaim is the custom pool's NodeClaim that never launches: its
// NodeClass sets tags, and the cluster role lacks the tagging policy.
func stuckClaim(now time.Time) runtime.Object {
	created := now.Add(-12 * time.Minute)
	return object("karpenter.sh/v1", "NodeClaim", "tagged-apps-x7k2p",
		map[string]string{"karpenter.sh/nodepool": "tagged-apps"}, created, map[string]any{
			"spec": map[string]any{
				"nodeClassRef": map[string]any{
					"group": "eks.amazonaws.com", "kind": "NodeClass", "name": "tagged",
				},
				"requirements": []any{req("eks.amazonaws.com/instance-category", "In", "m")},
			},
			"status": map[string]any{"conditions": []any{
				condition("Launched", "Unknown", unauthorizedReason, unauthorizedMessage,
					created.Add(5*time.Second)),
				condition("Ready", "Unknown", "AwaitingReconciliation", "", created),
			}},
		})
}

func autoModeWorkloads(now time.Time) []runtime.Object {
	objs := []runtime.Object{
		deployment("kube-system", "metrics-server",
			"602401143452.dkr.ecr.ap-northeast-1.amazonaws.com/eks/metrics-server:v0.8.0-eksbuild.1"),
		deployment("karpenter", "karpenter", "public.ecr.aws/karpenter/controller:1.8.1"),
		deployment("shop", "web", "registry.example.com/shop/web:2.4.0"),
		deployment("shop", "api", "registry.example.com/shop/api:5.1.3"),
		deployment("data", "worker", "registry.example.com/data/worker:0.9.2"),
		&corev1.Namespace{TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
			ObjectMeta: metav1.ObjectMeta{Name: "shop"}},
	}
	pods := []podSpec{
		{"kube-system", "metrics-server-6d94bc8694-2hx7w", "i-0a1c5e7a39c88fc91",
			"ReplicaSet", "metrics-server-6d94bc8694", 100, 200, ""},
		{"kube-system", "metrics-server-6d94bc8694-q8l4f", "i-0b2d6f8b4ad99ad02",
			"ReplicaSet", "metrics-server-6d94bc8694", 100, 200, ""},
		{"karpenter", "karpenter-7f6b9d4c5-kd2mp", "ip-10-0-41-17.ap-northeast-1.compute.internal",
			"ReplicaSet", "karpenter-7f6b9d4c5", 500, 1024, ""},
		{"karpenter", "karpenter-7f6b9d4c5-w9zrt", "ip-10-0-77-203.ap-northeast-1.compute.internal",
			"ReplicaSet", "karpenter-7f6b9d4c5", 500, 1024, ""},
		{"data", "worker-58c7d9f6b-7tq2x", "ip-10-0-90-4.ap-northeast-1.compute.internal",
			"ReplicaSet", "worker-58c7d9f6b", 3000, 4096, ""},
	}
	for i, node := range []string{"i-0c3e7a9c5be0abe13", "i-0d4f8bad6cf1bcf24", "i-0e5a9cbe7d02cd035"} {
		for j, app := range []string{"web", "api"} {
			pods = append(pods, podSpec{"shop", app + "-" + hash(i, j), node,
				"ReplicaSet", app + "-7c9f8d6b5", 400, 768, ""})
		}
	}
	for _, p := range pods {
		p.image = "registry.example.com/" + p.ownerName
		objs = append(objs, pod(now, p))
	}
	return objs
}

// hash makes a stable pod-name suffix such as "7c9f8d6b5-4kx2m".
func hash(i, j int) string {
	const letters = "bcdfghjklmnpqrstvwxz2456789"
	s := []byte("7c9f8d6b5-")
	for k := 0; k < 5; k++ {
		s = append(s, letters[(i*7+j*13+k*5)%len(letters)])
	}
	return string(s)
}
