package model_test

import "flag"

// runKnownBugs runs the cases skipped for a known bug, to see whether a fix
// works: go test ./model/ -args -known-bugs
var runKnownBugs = flag.Bool("known-bugs", false, "run test cases skipped for a known bug")
