package model

// Well-known labels, annotations and API groups that the classification rules
// read. Sources are in ../shared/docs/automode-facts.md §3 and §4.
const (
	LabelComputeType   = "eks.amazonaws.com/compute-type"
	LabelNodeGroup     = "eks.amazonaws.com/nodegroup"
	LabelAutoNodeClass = "eks.amazonaws.com/nodeclass"
	LabelMNGCapacity   = "eks.amazonaws.com/capacityType"
	LabelNodePool      = "karpenter.sh/nodepool"
	LabelCapacityType  = "karpenter.sh/capacity-type"
	LabelEC2NodeClass  = "karpenter.k8s.aws/ec2nodeclass"
	LabelManagedBy     = "app.kubernetes.io/managed-by"
	LabelInstanceType  = "node.kubernetes.io/instance-type"
	LabelZone          = "topology.kubernetes.io/zone"
	LabelRegion        = "topology.kubernetes.io/region"
	LabelOS            = "kubernetes.io/os"
	LabelArch          = "kubernetes.io/arch"

	// LabelBetaInstanceType is the pre-1.17 spelling, still set by some
	// self-managed AMIs.
	LabelBetaInstanceType = "beta.kubernetes.io/instance-type"
)

// API groups and kinds of the node-provisioning objects.
const (
	GroupKarpenter    = "karpenter.sh"
	GroupAutoMode     = "eks.amazonaws.com"
	GroupKarpenterAWS = "karpenter.k8s.aws"

	KindNodeClass    = "NodeClass"
	KindEC2NodeClass = "EC2NodeClass"
)

// AutoModeMaxPods is the pod limit Auto Mode applies on every node after the
// usual ENI-based calculation (UG create-node-class).
const AutoModeMaxPods = 110
