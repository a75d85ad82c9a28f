package model

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// ComponentState says who runs one of the components Auto Mode hides.
type ComponentState string

// The component states, as the JSON output spells them.
const (
	// StateBuiltIn means Auto Mode runs the component off the cluster's
	// nodes: no pod of it shows.
	StateBuiltIn ComponentState = "built-in"
	// StateSelfManaged means its pods or workload are visible, so you (or
	// an EKS add-on you installed) run and upgrade it.
	StateSelfManaged ComponentState = "self-managed"
	// StateAbsent means nothing runs it.
	StateAbsent ComponentState = "absent"
	// StateUnknown means the reads that decide between the other states
	// were refused, so calling it absent (or built-in) would be a guess;
	// its first piece of evidence names the refused reads.
	StateUnknown ComponentState = "unknown"
)

// Component is one of the pieces of a cluster that Auto Mode takes over.
type Component struct {
	Name    string         `json:"name"`
	State   ComponentState `json:"state"`
	Version string         `json:"version"`

	// Evidence lists what decided the state, one fact per entry.
	Evidence []string `json:"evidence"`

	// AutoMode is true when Auto Mode provides the component, even where a
	// self-managed copy also runs (OSS Karpenter beside Auto Mode, say).
	AutoMode bool `json:"autoMode"`
}

// Workload is a DaemonSet or Deployment, reduced to what component
// detection reads.
type Workload struct {
	Kind      string `json:"kind"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	// Image is the first container's image reference.
	Image string `json:"image,omitempty"`
	// Env holds the VPC CNI settings of the aws-node DaemonSet's first
	// container (WARM_IP_TARGET and the like), which Auto Mode fixes; it is
	// empty for every other workload, to keep workloads small.
	Env map[string]string `json:"env,omitempty"`
}

// Evidence is everything besides nodes and pods that says which components
// run and who runs them.
type Evidence struct {
	// APIResources are the resources discovery found, as
	// "plural.group", for example "nodeclasses.eks.amazonaws.com".
	APIResources []string `json:"apiResources,omitempty"`

	Workloads                []Workload `json:"workloads,omitempty"`
	CSIDrivers               []string   `json:"csiDrivers,omitempty"`
	IngressClassControllers  []string   `json:"ingressClassControllers,omitempty"`
	StorageClassProvisioners []string   `json:"storageClassProvisioners,omitempty"`

	// SecurityGroupPolicies and ENIConfigs count the objects of the VPC
	// resource controller's pod security groups and of VPC CNI custom
	// networking, which Auto Mode handles differently.
	SecurityGroupPolicies int `json:"securityGroupPolicies,omitempty"`
	ENIConfigs            int `json:"eniConfigs,omitempty"`

	// Refused are the resources the user may not list, named as kubectl
	// names them ("daemonsets.apps"): what those would have shown is
	// missing, not absent, so a component they decide is unknown.
	Refused []string `json:"refused,omitempty"`
}

// The resources component detection lists, as Evidence.Refused names them.
const (
	ResourceDaemonSets     = "daemonsets.apps"
	ResourceDeployments    = "deployments.apps"
	ResourceCSIDrivers     = "csidrivers.storage.k8s.io"
	ResourceStorageClasses = "storageclasses.storage.k8s.io"
	ResourceIngressClasses = "ingressclasses.networking.k8s.io"
)

// markerResources maps the kind of a marker ("csidriver" in "csidriver
// ebs.csi.aws.com") to the resource listed to find it. API resources come
// from discovery, which every user may read.
var markerResources = map[string]string{
	"csidriver":    ResourceCSIDrivers,
	"storageclass": ResourceStorageClasses,
	"ingressclass": ResourceIngressClasses,
}

// autoModeNoPods is the evidence of a built-in component with nothing else
// to cite.
const autoModeNoPods = "Auto Mode nodes present, no pods of it visible"

// componentRule says how to recognise one component.
type componentRule struct {
	name string
	// workloads are the DaemonSet or Deployment names of a self-managed
	// copy, in the order their images are the best version source.
	workloads []string
	// selfMarkers are CSI drivers, IngressClass controllers or StorageClass
	// provisioners that only a self-managed copy registers.
	selfMarkers []string
	// autoMarkers are the same for Auto Mode's built-in copy, and API
	// resources only Auto Mode serves.
	autoMarkers []string
}

// componentRules follows the facts sheet §5. The node monitoring agent is
// listed last: it is optional outside Auto Mode.
var componentRules = []componentRule{
	{
		name:        "karpenter",
		workloads:   []string{"karpenter"},
		autoMarkers: []string{"api nodeclasses.eks.amazonaws.com"},
	},
	{
		name:        "aws-load-balancer-controller",
		workloads:   []string{"aws-load-balancer-controller"},
		selfMarkers: []string{"ingressclass ingress.k8s.aws/alb"},
		autoMarkers: []string{
			"ingressclass eks.amazonaws.com/alb",
			"api ingressclassparams.eks.amazonaws.com",
			"api targetgroupbindings.eks.amazonaws.com",
		},
	},
	{
		name:        "ebs-csi-driver",
		workloads:   []string{"ebs-csi-controller", "ebs-csi-node"},
		selfMarkers: []string{"csidriver ebs.csi.aws.com"},
		autoMarkers: []string{
			"csidriver ebs.csi.eks.amazonaws.com",
			"storageclass ebs.csi.eks.amazonaws.com",
		},
	},
	{
		name:        "vpc-cni",
		workloads:   []string{"aws-node"},
		autoMarkers: []string{"api cninodes.eks.amazonaws.com"},
	},
	{name: "kube-proxy", workloads: []string{"kube-proxy"}},
	{name: "coredns", workloads: []string{"coredns"}},
	{name: "eks-pod-identity-agent", workloads: []string{"eks-pod-identity-agent"}},
	{name: "eks-node-monitoring-agent", workloads: []string{"eks-node-monitoring-agent"}},
}

// DetectComponents decides, for each component Auto Mode hides, whether it
// is built in, self-managed or absent, or unknown when the lists that
// would tell were refused (Evidence.Refused). autoMode says whether the
// cluster has Auto Mode compute at all: Auto Mode runs every one of these
// components for its own nodes, so on such a cluster a component with no
// visible workload is built in. Pods count as evidence too, through their
// owner names, for users who may list pods but not workloads.
func DetectComponents(ev Evidence, pods []*Pod, autoMode bool) []Component {
	return detectComponents(ev, IndexPods(pods).owned, autoMode)
}

// detectComponents is DetectComponents with the pods already indexed by
// the workload that owns them (PodIndex).
func detectComponents(ev Evidence, owned map[string]Pod, autoMode bool) []Component {
	markers := markerSet(ev)
	out := make([]Component, 0, len(componentRules))
	for _, rule := range componentRules {
		c := Component{Name: rule.name, State: StateAbsent}

		if w, ok := findWorkload(ev.Workloads, rule.workloads); ok {
			c.State = StateSelfManaged
			c.Version = ImageVersion(w.Image)
			c.Evidence = append(c.Evidence, fmt.Sprintf("%s %s/%s runs %s",
				strings.ToLower(w.Kind), w.Namespace, w.Name, orNone(w.Image)))
		} else if p, ok := findOwnedPod(owned, rule.workloads); ok {
			c.State = StateSelfManaged
			c.Evidence = append(c.Evidence, fmt.Sprintf("pod %s/%s", p.Namespace, p.Name))
		}
		for _, m := range rule.selfMarkers {
			if markers[m] {
				c.Evidence = append(c.Evidence, m)
				if c.State == StateAbsent {
					c.State = StateSelfManaged
				}
			}
		}

		for _, m := range rule.autoMarkers {
			if markers[m] {
				c.Evidence = append(c.Evidence, m)
				c.AutoMode = true
			}
		}
		if autoMode {
			c.AutoMode = true
		}
		if c.AutoMode && c.State == StateAbsent {
			c.State = StateBuiltIn
			if len(c.Evidence) == 0 {
				c.Evidence = append(c.Evidence, autoModeNoPods)
			}
		}
		if refused := rule.undecided(c, ev.Refused); len(refused) > 0 {
			c = unknownComponent(c, refused)
		} else if c.State == StateAbsent {
			c.Evidence = append(c.Evidence, "no workload, pod or registration found")
		}
		out = append(out, c)
	}
	return out
}

// undecided names the refused reads that could have changed c's state,
// or none when the state stands on what was read. A workload or marker
// seen proves a self-managed copy whatever else was refused. Otherwise the
// state rests on not finding one, which only the DaemonSet and Deployment
// lists and the lists of the rule's markers can show; pods cannot, since a
// workload may have none (kube-proxy kept off Auto Mode nodes, say). The
// Auto Mode markers matter only while nothing else says Auto Mode runs it.
func (r componentRule) undecided(c Component, refused []string) []string {
	if c.State == StateSelfManaged || len(refused) == 0 {
		return nil
	}
	needs := func(resource string) bool { return slices.Contains(refused, resource) }
	var out []string
	if len(r.workloads) > 0 {
		for _, res := range []string{ResourceDaemonSets, ResourceDeployments} {
			if needs(res) {
				out = append(out, res)
			}
		}
	}
	markers := r.selfMarkers
	if !c.AutoMode {
		markers = slices.Concat(markers, r.autoMarkers)
	}
	for _, m := range markers {
		kind, _, _ := strings.Cut(m, " ")
		if res := markerResources[kind]; res != "" && needs(res) {
			out = append(out, res)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// unknownComponent turns a component whose deciding reads were refused
// into an unknown one. The refusal comes first, as the one line a table
// shows; markers seen stay as evidence, and AutoMode stays what it was.
func unknownComponent(c Component, refused []string) Component {
	evidence := []string{"forbidden: cannot list " + strings.Join(refused, ", ")}
	if c.State == StateBuiltIn {
		evidence = append(evidence, "Auto Mode runs it for its own nodes; whether a copy "+
			"of your own runs too cannot be seen")
	}
	for _, e := range c.Evidence {
		if e != autoModeNoPods {
			evidence = append(evidence, e)
		}
	}
	c.State, c.Evidence = StateUnknown, evidence
	return c
}

func markerSet(ev Evidence) map[string]bool {
	set := make(map[string]bool)
	for _, r := range ev.APIResources {
		set["api "+r] = true
	}
	for _, d := range ev.CSIDrivers {
		set["csidriver "+d] = true
	}
	for _, c := range ev.IngressClassControllers {
		set["ingressclass "+c] = true
	}
	for _, p := range ev.StorageClassProvisioners {
		set["storageclass "+p] = true
	}
	return set
}

func findWorkload(ws []Workload, names []string) (Workload, bool) {
	for _, name := range names {
		for _, w := range ws {
			if w.Name == name {
				return w, true
			}
		}
	}
	return Workload{}, false
}

// findOwnedPod picks, of the pods owned by a workload of one of the names,
// the one whose namespace/name sorts first.
func findOwnedPod(owned map[string]Pod, names []string) (Pod, bool) {
	var best Pod
	found := false
	for _, name := range names {
		if p, ok := owned[name]; ok && (!found || podBefore(p, best)) {
			best, found = p, true
		}
	}
	return best, found
}

// podBefore orders pods by namespace, then name.
func podBefore(a, b Pod) bool {
	return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name)) < 0
}

// ImageVersion returns the tag of an image reference ("v1.19.2-eksbuild.1"
// from ".../amazon-k8s-cni:v1.19.2-eksbuild.1"), or the digest when there is
// no tag, or "" when there is neither.
func ImageVersion(image string) string {
	ref, digest, _ := strings.Cut(image, "@")
	slash := strings.LastIndexByte(ref, '/')
	if colon := strings.LastIndexByte(ref, ':'); colon > slash {
		return ref[colon+1:]
	}
	return digest
}

func orNone(s string) string {
	if s == "" {
		return "no image"
	}
	return s
}
