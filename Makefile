# kubectl-automode: `make test` runs every test on a fresh machine with
# nothing but Go. The first run builds kube-apiserver and etcd for the
# integration tests (several minutes); later runs reuse them from the cache.

GO ?= go
BINARY := kubectl-automode

.PHONY: build test vet fmt-check assets clean

build:
	$(GO) build -trimpath -o bin/$(BINARY) .

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
