# kubectl-automode: `make test` runs every test on a fresh machine with
# nothing but Go. The first run builds kube-apiserver and etcd for the
# integration tests (several minutes); later runs reuse them from the cache.

GO ?= go
BINARY := kubectl-automode

.PHONY: build test vet fmt-check assets clean scale bench screenshots

# build matches the release build (.goreleaser.yaml): without cgo the
# binary is static and half the size, because kustomize's import of Go's
# plugin package no longer makes every symbol dynamic, and its resident
# memory at start halves with it.
build:
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/$(BINARY) .

# test checks formatting and vet, then runs every package's tests against a
# real API server. REQUIRE_ENVTEST=1 makes a missing server a failure rather
# than a skip.
test: fmt-check vet
	KUBEBUILDER_ASSETS="$$(bash hack/envtest-assets.sh)" REQUIRE_ENVTEST=1 \
		$(GO) test -count=1 ./...

vet:
	$(GO) vet ./...

fmt-check:
	@out="$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"; \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# assets prints the directory holding kube-apiserver and etcd, building
# them first if they are not cached.
assets:
	@bash hack/envtest-assets.sh

clean:
	rm -rf bin

# scale runs the scale harness of issue 7 (hack/scale): a real API server
# filled with 500, then 5,000 nodes and 100,000 pods, and one table of
# figures with their targets. It takes up to ten minutes; SCALE_FLAGS
# passes flags (for a quick run: -sizes 100,500 -idle 10s -churn 10s), and
# SCALE_JSON=path writes the figures as JSON too.
scale: build
	CGO_ENABLED=0 $(GO) build -trimpath -o bin/automode-scale ./hack/scale
	CGO_ENABLED=0 $(GO) build -trimpath -tags probe -o bin/automode-scale-probe ./hack/scale
	KUBEBUILDER_ASSETS="$$(bash hack/envtest-assets.sh)" bin/automode-scale $(SCALE_FLAGS)

# bench runs the Go benchmarks at 5,000 nodes and 100,000 pods: snapshot
# building, classification, pricing and View(). BENCH_COUNT repeats them
# for benchstat.
BENCH_COUNT ?= 1
bench:
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) \
		./model/ ./kube/ ./pricing/ ./ui/

# screenshots renders the README's pictures (docs/screenshots) from the
# demo in tmux; see hack/screenshots.sh.
screenshots:
	bash hack/screenshots.sh
