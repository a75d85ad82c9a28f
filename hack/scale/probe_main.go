//go:build probe

package main

import "os"

// Built with -tags probe, this package is the probe alone: a binary of the
// tool's own code and the probe, without the harness, its API server
// control and its etcd client, so that the pages of code the probe's RSS
// counts are about those of kubectl-automode. `make scale` builds it.
func main() { os.Exit(probeMain(os.Args[1:])) }
