// Package apitest runs the plugin's tests against a real kube-apiserver and etcd, with the
// EKS Auto Mode and Karpenter CRDs installed, so that what the tests see (validation, CEL
// rules, defaulting, discovery, watches, printer columns) is what a cluster would do rather
// than what a fake client guesses.
//
// The binaries come from KUBEBUILDER_ASSETS, which `make test` sets from
// `bash hack/envtest-assets.sh`. Without them the tests that need a server skip, unless
// REQUIRE_ENVTEST=1 asks for a failure instead (as CI does, so a broken setup cannot pass
// silently).
//
// A test that wants its own server calls [Start]. A package whose tests can share one server
// calls [Main] from TestMain and [Shared] from each test; the server then starts once, on
// first use, and stops when the package's tests end.
//
// The CRDs live in testdata/crds next to this file. They were written for these tests from
// the documented fields, not copied from the published CRDs, and carry Auto Mode's CEL rules
// on NodePools and NodeClaims.
package apitest
