// Package scalegen makes the objects of a large synthetic EKS cluster: the
// nodes, NodeClaims, NodePools, NodeClasses and pods that the scale harness
// (hack/scale) writes into a real API server and that the benchmarks keep
// in informer stores. Every object is a pure function of its index, so a
// cluster grows from 500 to 5,000 nodes by adding indexes 500 to 4,999.
package scalegen

import (
	"fmt"
	"time"
)

// Size is how big a cluster is.
type Size struct {
	Nodes       int
	PodsPerNode int
}

// Pods is the number of pods of a cluster of this size.
func (s Size) Pods() int { return s.Nodes * s.PodsPerNode }

// DefaultPodsPerNode is the density issue 7 asks for: 100,000 pods on 5,000
// nodes.
const DefaultPodsPerNode = 20

// Created is the creation time written into generated statuses, so that
// two runs generate equal objects.
var Created = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

// Region is the AWS region every generated node runs in.
const Region = "ap-northeast-1"

var zones = []string{"ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"}

// Kind is the kind of node at an index, in the proportions of a large Auto
// Mode cluster that still has a managed node group and an OSS Karpenter
// pool beside it: 90% Auto Mode, 5% each of the others.
type Kind int

// The node kinds a generated cluster has.
const (
	Auto Kind = iota
	ManagedNodeGroup
	Karpenter
)

// KindOf is the kind of node index i.
func KindOf(i int) Kind {
	switch i % 20 {
	case 0:
		return ManagedNodeGroup
	case 1:
		return Karpenter
	}
	return Auto
}

// NodeName is the name of node index i: an EC2 instance ID, as Auto Mode
// and Karpenter name nodes (facts sheet §3a), or the private DNS name a
// managed node group's node takes.
func NodeName(i int) string {
	if KindOf(i) == ManagedNodeGroup {
		return fmt.Sprintf("ip-10-%d-%d-%d.%s.compute.internal", 10+i/65536, i/256%256, i%256,
			Region)
	}
	return fmt.Sprintf("i-0%016x", 0x5ca1e0000+i*7919)
}

// ClaimName is the name of the NodeClaim index i: its pool's name and a
// suffix, as Karpenter names them.
func ClaimName(i int) string {
	return fmt.Sprintf("%s-%05x", PoolOf(i), i)
}

// The NodePools of a generated cluster: Auto Mode's two built-in pools,
// AutoPools custom ones on Auto Mode NodeClasses, and OSS Karpenter's.
const (
	AutoPools      = 45
	KarpenterPools = 3
	// NodePools is how many pools a cluster has, whatever its size.
	NodePools = 2 + AutoPools + KarpenterPools
)

// PoolName is the name of pool index p, 0 <= p < NodePools.
func PoolName(p int) string {
	switch {
	case p == 0:
		return "system"
	case p == 1:
		return "general-purpose"
	case p < 2+AutoPools:
		return fmt.Sprintf("team-%02d", p-2)
	}
	return fmt.Sprintf("oss-%d", p-2-AutoPools)
}

// PoolOf is the pool of node or claim index i. Managed node group indexes
// get a claim that never launched, so their pool is an Auto Mode one.
func PoolOf(i int) string {
	if KindOf(i) == Karpenter {
		return PoolName(2 + AutoPools + i%KarpenterPools)
	}
	return PoolName(i % (2 + AutoPools))
}

// NodeGroupOf is the managed node group of a node of that kind.
func NodeGroupOf(i int) string { return fmt.Sprintf("core-%d", i%4) }

// ClassOf is the NodeClass or EC2NodeClass behind pool index p.
func ClassOf(p int) string {
	switch {
	case p < 2:
		return "default"
	case p < 2+AutoPools:
		return fmt.Sprintf("team-%d", (p-2)%5)
	}
	return "oss"
}

// instanceTypes cycle over the nodes: what a general-purpose pool picks.
var instanceTypes = []struct {
	name     string
	cpu      int
	memMiB   int
	maxPods  int
	family   string
	category string
	size     string
}{
	{"m6i.xlarge", 4, 16384, 58, "m6i", "m", "xlarge"},
	{"c6g.2xlarge", 8, 16384, 58, "c6g", "c", "2xlarge"},
	{"r6i.large", 2, 16384, 29, "r6i", "r", "large"},
	{"m7g.4xlarge", 16, 65536, 110, "m7g", "m", "4xlarge"},
}

func zoneOf(i int) string { return zones[i%len(zones)] }
