//go:build tools

// Package tools pins the etcd server so that `go build` can find it.
package tools

import _ "go.etcd.io/etcd/server/v3"
