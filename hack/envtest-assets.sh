#!/usr/bin/env bash
# Builds kube-apiserver and etcd for the integration tests, once per version
# set, into a cache outside the work tree, and prints the directory that
# holds them (the value for KUBEBUILDER_ASSETS).
#
# A cold build takes minutes; a cache hit takes well under a second. The
# cache key is a hash of the two build modules, so changing a version in
# either go.mod builds afresh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
k8s_version="v1.37.2"
etcd_version="v3.7.3"

key="$(cat "$here/apiserver/go.mod" "$here/apiserver/go.sum" \
	"$here/etcd/go.mod" "$here/etcd/go.sum" "$here/envtest-assets.sh" |
	sha256sum | cut -c1-12)"
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-automode"
dir="$cache_root/k8s-$k8s_version-etcd-$etcd_version-$key"

if [[ -x "$dir/kube-apiserver" && -x "$dir/etcd" ]]; then
	echo "$dir"
	exit 0
fi

mkdir -p "$cache_root"
tmp="$(mktemp -d "$cache_root/.build-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

major="${k8s_version#v}"; major="${major%%.*}"
minor="${k8s_version#v*.}"; minor="${minor%%.*}"
pkg="k8s.io/component-base/version"
ldflags="-s -w -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=$major"
ldflags="$ldflags -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"

echo "building kube-apiserver $k8s_version and etcd $etcd_version into $dir" >&2
echo "(a cold build takes several minutes and about 2.5 GB of memory)" >&2

(cd "$here/apiserver" && CGO_ENABLED=0 go build -trimpath -ldflags "$ldflags" \
	-o "$tmp/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver)
(cd "$here/etcd" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" \
	-o "$tmp/etcd" go.etcd.io/etcd/server/v3)

rm -rf "$dir"
mv "$tmp" "$dir"
trap - EXIT
echo "$dir"
