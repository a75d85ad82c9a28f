package apitest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/go-logr/logr/funcr"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/scheme"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
	ctrllog "sigs.k8s.io/controller-runtime/pkg/log"
)

// ContextName names the cluster, user and context in the kubeconfig file that Start writes,
// so that tests of the CLI can pass --context explicitly and recognise the server in output.
const ContextName = "apitest"

// Names of the environment variables that decide where the binaries are and whether their
// absence skips or fails the tests.
const (
	assetsEnv  = "KUBEBUILDER_ASSETS"
	requireEnv = "REQUIRE_ENVTEST"
)

// howToGetAssets tells a developer who hit a skip how to get the binaries.
const howToGetAssets = "run `make test`, or export " +
	"KUBEBUILDER_ASSETS=\"$(bash hack/envtest-assets.sh)\""

// Env is one running kube-apiserver and etcd with the CRDs of testdata/crds installed.
// Its clients are built once and are safe for concurrent use by parallel tests.
type Env struct {
	// Config reaches the API server as a cluster admin. Its QPS is -1 (no client-side rate
	// limit) so that tests creating hundreds of objects are not throttled; copy it with
	// rest.CopyConfig before changing it.
	Config *rest.Config

	// Kubeconfig is the path of a kubeconfig file for the same server and user, whose
	// current context is ContextName, for running the CLI as a separate process
	// (--kubeconfig) or through client-go's loading rules.
	Kubeconfig string

	// AuditLog is the path of the server's audit log when StartWith asked for one.
	AuditLog string

	env       *envtest.Environment
	client    client.Client
	dynamic   dynamic.Interface
	clientset kubernetes.Interface
}

// Start runs a new API server for one test, or for the tests of a package that call it once,
// and stops it in t.Cleanup. It skips the test when the binaries are missing, unless
// REQUIRE_ENVTEST=1, when it fails instead. Starting takes about three seconds. The first
// create of a custom resource within two seconds of its CRD becoming established waits out
// the rest of those two seconds (the API server does this on purpose), so the first fixture
// of a fresh server is slow and later ones are not.
//
// Cancel every informer and watch opened against the server before the test ends: stopping
// an API server that still has open watches waits out its 20 s shutdown timeout. Because
// t.Cleanup runs functions in reverse order, register the cancellation after calling Start
// (or defer it in the test body) so it runs before the server stops.
func Start(t testing.TB) *Env {
	t.Helper()
	return startOwn(t, true)
}

// StartWithoutCRDs is Start for a cluster that serves none of the Karpenter
// or Auto Mode resources, as a standard EKS cluster without Karpenter does.
func StartWithoutCRDs(t testing.TB) *Env {
	t.Helper()
	return startOwn(t, false)
}

func startOwn(t testing.TB, crds bool) *Env {
	t.Helper()
	assets := requireAssets(t)
	e, err := start(assets, t.TempDir(), crds)
	if err != nil {
		t.Fatalf("apitest: %v", err)
	}
	t.Cleanup(func() {
		if err := e.stop(); err != nil {
			t.Errorf("apitest: %v", err)
		}
	})
	return e
}

// shared is the package-wide server behind Main and Shared.
var shared struct {
	sync.Mutex
	inMain  bool
	started bool
	env     *Env
	dir     string
	err     error
}

// Main runs a test package's tests so that they can share one API server through Shared,
// which saves the start-up cost per test. Call it as the whole of TestMain:
//
//	func TestMain(m *testing.M) { apitest.Main(m) }
//
// The server starts on the first call to Shared, so a run that selects only tests which do
// not need it starts nothing; Main stops it after the tests. Tests that share the server
// share its objects too: give objects names unique to the test, and cancel watches before
// the test returns (see Start).
func Main(m *testing.M) {
	shared.Lock()
	shared.inMain = true
	shared.Unlock()

	code := m.Run()

	shared.Lock()
	if shared.env != nil {
		if err := shared.env.stop(); err != nil {
			fmt.Fprintf(os.Stderr, "apitest: %v\n", err)
			code = max(code, 1)
		}
	}
	if shared.dir != "" {
		_ = os.RemoveAll(shared.dir)
	}
	shared.Unlock()
	os.Exit(code)
}

// Shared returns the package's shared API server, starting it on first use. It skips or
// fails like Start when the binaries are missing, and fails when TestMain does not call
// Main, since nothing else would stop the server.
func Shared(t testing.TB) *Env {
	t.Helper()
	assets := requireAssets(t)

	shared.Lock()
	defer shared.Unlock()
	if !shared.inMain {
		t.Fatal("apitest: Shared needs TestMain to call apitest.Main(m)")
	}
	if !shared.started {
		shared.started = true
		shared.env, shared.err = startShared(assets)
	}
	if shared.err != nil {
		t.Fatalf("apitest: %v", shared.err)
	}
	return shared.env
}

// startShared starts the shared server with its kubeconfig in a directory that Main removes.
func startShared(assets string) (*Env, error) {
	dir, err := os.MkdirTemp("", "apitest-")
	if err != nil {
		return nil, fmt.Errorf("creating a directory for the kubeconfig: %w", err)
	}
	shared.dir = dir
	return start(assets, dir, true)
}

// Client returns a controller-runtime client that knows the client-go scheme and, through
// discovery, the CRDs; it takes typed and unstructured objects alike.
func (e *Env) Client() client.Client { return e.client }

// Dynamic returns a dynamic client, the kind the plugin uses for the Auto Mode resources.
func (e *Env) Dynamic() dynamic.Interface { return e.dynamic }

// Clientset returns a typed client for the built-in resources such as nodes and pods.
func (e *Env) Clientset() kubernetes.Interface { return e.clientset }

// CRDDir returns the absolute path of testdata/crds, found from this source file so that it
// is right whichever package's tests ask, for tests that feed the CRDs to other tools.
func CRDDir() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("apitest: cannot locate apitest.go to find testdata/crds")
	}
	return filepath.Join(filepath.Dir(file), "testdata", "crds")
}

// requireAssets returns the directory holding kube-apiserver and etcd, or ends the test:
// with a skip normally, with a failure when REQUIRE_ENVTEST is set.
func requireAssets(t testing.TB) string {
	t.Helper()
	dir, err := findAssets()
	if err == nil {
		return dir
	}
	if required, _ := strconv.ParseBool(os.Getenv(requireEnv)); required {
		t.Fatalf("apitest: %v (%s=1 makes this a failure); %s", err, requireEnv, howToGetAssets)
	}
	t.Skipf("apitest: %v; %s", err, howToGetAssets)
	return ""
}

// findAssets checks KUBEBUILDER_ASSETS up front, so that a missing binary reads as a skip
// with instructions rather than as envtest's retries and a start-up error.
func findAssets() (string, error) {
	dir := os.Getenv(assetsEnv)
	if dir == "" {
		return "", errors.New(assetsEnv + " is not set")
	}
	for _, name := range []string{"kube-apiserver", "etcd"} {
		path := filepath.Join(dir, name)
		info, err := os.Stat(path)
		if err != nil {
			return "", fmt.Errorf("%s=%s has no %s: %w", assetsEnv, dir, name, err)
		}
		if info.IsDir() || info.Mode().Perm()&0o111 == 0 {
			return "", fmt.Errorf("%s=%s: %s is not an executable file", assetsEnv, dir, name)
		}
	}
	return dir, nil
}

// setLoggerOnce routes controller-runtime's log, which envtest writes to, to stderr.
var setLoggerOnce sync.Once

// start runs the server from the binaries in assets, installs the CRDs when crds is set,
// waits until discovery serves them and writes the kubeconfig into dir.
func start(assets, dir string, crds bool) (*Env, error) {
	return startConfigured(assets, dir, crds, nil)
}

// startConfigured is start with a hook that sets the server up further before it starts and
// returns the path of its audit log, if any.
func startConfigured(assets, dir string, crds bool,
	configure func(*envtest.Environment, string) (string, error)) (*Env, error) {
	setLoggerOnce.Do(func() {
		// Without a logger, controller-runtime prints a stack trace on its first log line
		// after 30 s; with this one, envtest's errors (such as start retries) show up and
		// its verbose progress lines do not.
		ctrllog.SetLogger(funcr.New(func(prefix, args string) {
			fmt.Fprintln(os.Stderr, prefix, args)
		}, funcr.Options{}))
	})

	env := &envtest.Environment{
		BinaryAssetsDirectory: assets,
		CRDInstallOptions: envtest.CRDInstallOptions{
			MaxTime:      30 * time.Second,
			PollInterval: 50 * time.Millisecond,
		},
	}
	if crds {
		env.CRDDirectoryPaths = []string{CRDDir()}
		env.ErrorIfCRDPathMissing = true
	}
	env.ControlPlane.GetAPIServer().Path = filepath.Join(assets, "kube-apiserver")
	env.ControlPlane.Etcd = &envtest.Etcd{Path: filepath.Join(assets, "etcd")}
	auditLog := ""
	if configure != nil {
		var err error
		if auditLog, err = configure(env, dir); err != nil {
			return nil, err
		}
	}

	cfg, err := env.Start()
	if err != nil {
		// Start can fail after the processes are up (a CRD the server refuses, say), so stop
		// whatever runs; a failure to stop matters less than the reason for stopping.
		_ = env.Stop()
		return nil, fmt.Errorf("starting kube-apiserver and etcd, installing CRDs: %w", err)
	}
	e, err := newEnv(env, cfg, dir)
	if err != nil {
		_ = env.Stop()
		return nil, err
	}
	e.AuditLog = auditLog
	return e, nil
}

// newEnv builds the clients and the kubeconfig file for a started server.
func newEnv(env *envtest.Environment, cfg *rest.Config, dir string) (*Env, error) {
	cfg = rest.CopyConfig(cfg)
	cfg.QPS = -1
	e := &Env{Config: cfg, env: env, Kubeconfig: filepath.Join(dir, "kubeconfig")}

	if err := writeKubeconfig(cfg, e.Kubeconfig); err != nil {
		return nil, fmt.Errorf("writing kubeconfig: %w", err)
	}
	var err error
	if e.client, err = client.New(cfg, client.Options{Scheme: scheme.Scheme}); err != nil {
		return nil, fmt.Errorf("creating controller-runtime client: %w", err)
	}
	if e.dynamic, err = dynamic.NewForConfig(cfg); err != nil {
		return nil, fmt.Errorf("creating dynamic client: %w", err)
	}
	if e.clientset, err = kubernetes.NewForConfig(cfg); err != nil {
		return nil, fmt.Errorf("creating clientset: %w", err)
	}
	return e, nil
}

// writeKubeconfig writes cfg's server, CA and client certificate as a kubeconfig file whose
// only context is ContextName.
func writeKubeconfig(cfg *rest.Config, path string) error {
	kc := clientcmdapi.NewConfig()
	kc.Clusters[ContextName] = &clientcmdapi.Cluster{
		Server:                   cfg.Host,
		CertificateAuthorityData: cfg.CAData,
	}
	kc.AuthInfos[ContextName] = &clientcmdapi.AuthInfo{
		ClientCertificateData: cfg.CertData,
		ClientKeyData:         cfg.KeyData,
		Token:                 cfg.BearerToken,
	}
	kc.Contexts[ContextName] = &clientcmdapi.Context{
		Cluster:  ContextName,
		AuthInfo: ContextName,
	}
	kc.CurrentContext = ContextName
	return clientcmd.WriteToFile(*kc, path)
}

// stop shuts the server down and removes its data; it is what Start registers in t.Cleanup.
func (e *Env) stop() error {
	if err := e.env.Stop(); err != nil {
		return fmt.Errorf("stopping kube-apiserver and etcd: %w", err)
	}
	return nil
}
