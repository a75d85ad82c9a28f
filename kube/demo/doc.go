// Package demo is a built-in cluster for trying kubectl-automode without
// one: an Auto Mode cluster in ap-northeast-1 with the built-in NodeClass
// and pools, a custom pool whose NodeClaim is stuck on a missing IAM
// permission, a managed node group and an OSS Karpenter pool beside them.
//
// The scenario is plain Kubernetes objects served through kube.FakeClients,
// so the watcher, the model, pricing and the UI treat it exactly as they
// treat a live cluster; only the context name says DEMO.
package demo
