package apitest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/rest"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// Options ask StartWith for a server set up beyond what Start gives.
type Options struct {
	// WithoutCRDs starts a server that serves none of the Karpenter or Auto
	// Mode resources, as StartWithoutCRDs does.
	WithoutCRDs bool
	// Audit makes the server log every request, at Metadata level, to the
	// file Env.AuditLog names.
	Audit bool
}

// auditPolicy logs every request with who made it, from which client,
// with what verb on what object, and nothing of the bodies. Only the
// completed stage is kept, so each request is one line.
const auditPolicy = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: ["RequestReceived"]
rules:
- level: Metadata
`

// StartWith is Start with options. Its server can also be stopped and
// started again while etcd keeps running (StopAPIServer, StartAPIServer):
// its certificates live in the test's directory, so the same port, CA and
// clients work across a restart.
func StartWith(t testing.TB, o Options) *Env {
	t.Helper()
	assets := requireAssets(t)
	e, err := startConfigured(assets, t.TempDir(), !o.WithoutCRDs, func(env *envtest.Environment,
		dir string) (string, error) {
		return configure(env, dir, o)
	})
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

// configure keeps the server's certificates in dir and turns the audit log
// on; it returns the audit log's path, or "".
func configure(env *envtest.Environment, dir string, o Options) (string, error) {
	// envtest copies this into the API server's process when it starts it.
	env.ControlPlaneStopTimeout = apiServerStopGrace
	api := env.ControlPlane.GetAPIServer()
	api.CertDir = filepath.Join(dir, "apiserver")
	if err := os.MkdirAll(api.CertDir, 0o700); err != nil {
		return "", fmt.Errorf("creating the API server's directory: %w", err)
	}
	if !o.Audit {
		return "", nil
	}
	policy := filepath.Join(dir, "audit-policy.yaml")
	if err := os.WriteFile(policy, []byte(auditPolicy), 0o600); err != nil {
		return "", fmt.Errorf("writing the audit policy: %w", err)
	}
	log := filepath.Join(dir, "audit.log")
	api.Configure().
		Set("audit-policy-file", policy).
		Set("audit-log-path", log).
		Set("audit-log-mode", "blocking").
		Set("audit-log-format", "json")
	return log, nil
}

// apiServerStopGrace is how long a StartWith server may take to shut down
// before envtest kills it. With watches open kube-apiserver would wait them
// out for far longer; a server that vanishes is what the tests are about.
const apiServerStopGrace = 2 * time.Second

// StopAPIServer stops kube-apiserver alone, as a crash or a lost control
// plane node would: SIGTERM, then SIGKILL after two seconds. etcd and
// everything stored in it stay. Clients see connections refused until
// StartAPIServer. Only a server from StartWith comes back with the same
// certificates.
func (e *Env) StopAPIServer() error {
	api := e.env.ControlPlane.APIServer
	err := api.Stop()
	// envtest kills the process when the grace period ends and says so
	// with an error of its own; only a failure to kill is a failure here.
	if err != nil && (!strings.Contains(err.Error(), "timeout waiting for process") ||
		strings.Contains(err.Error(), "unable to kill")) {
		return fmt.Errorf("stopping kube-apiserver: %w", err)
	}
	return waitForPortFree(api.SecureServing.ListenAddr.HostPort(), 10*time.Second)
}

// waitForPortFree polls until nothing listens on addr, so that a restart
// on the same port does not race the killed process.
func waitForPortFree(addr string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		l, err := net.Listen("tcp", addr)
		if err == nil {
			return l.Close()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("kube-apiserver's port %s still busy after %v: %w", addr, limit,
				err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// StartAPIServer starts kube-apiserver again after StopAPIServer, on the
// same port, against the same etcd, and returns once it is healthy.
func (e *Env) StartAPIServer() error {
	if err := e.env.ControlPlane.APIServer.Start(); err != nil {
		return fmt.Errorf("starting kube-apiserver again: %w", err)
	}
	return nil
}

// UserConfig returns a rest config that authenticates as a user of the
// given name and groups, with no rights until a test binds a role to it.
// Its QPS is -1, as Config's is.
func (e *Env) UserConfig(name string, groups ...string) (*rest.Config, error) {
	u, err := e.env.AddUser(envtest.User{Name: name, Groups: groups}, e.Config)
	if err != nil {
		return nil, fmt.Errorf("provisioning user %s: %w", name, err)
	}
	cfg := rest.CopyConfig(u.Config())
	cfg.QPS = -1
	return cfg, nil
}

// AuditEvent is one line of the audit log: one request, who made it and
// what it asked for.
type AuditEvent struct {
	Stage      string `json:"stage"`
	Verb       string `json:"verb"`
	RequestURI string `json:"requestURI"`
	UserAgent  string `json:"userAgent"`
	User       struct {
		Username string `json:"username"`
	} `json:"user"`
	ObjectRef *struct {
		APIGroup    string `json:"apiGroup"`
		Resource    string `json:"resource"`
		Subresource string `json:"subresource"`
		Namespace   string `json:"namespace"`
		Name        string `json:"name"`
	} `json:"objectRef"`
	ResponseStatus *struct {
		Code int `json:"code"`
	} `json:"responseStatus"`
}

// AuditEvents reads the audit log of a server started with Audit. The
// server writes each line before it answers (blocking mode), so a request
// that has returned is in the log.
func (e *Env) AuditEvents(t testing.TB) []AuditEvent {
	t.Helper()
	if e.AuditLog == "" {
		t.Fatal("apitest: AuditEvents needs a server started with Options{Audit: true}")
	}
	f, err := os.Open(e.AuditLog)
	if err != nil {
		t.Fatalf("apitest: opening the audit log: %v", err)
	}
	defer f.Close()
	var out []AuditEvent
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		var ev AuditEvent
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			t.Fatalf("apitest: audit log line %q: %v", sc.Text(), err)
		}
		out = append(out, ev)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("apitest: reading the audit log: %v", err)
	}
	return out
}

// WriteKubeconfig writes cfg's server and credentials as a kubeconfig file
// whose only context is ContextName, for running the CLI as the user of
// cfg (from UserConfig, say).
func WriteKubeconfig(cfg *rest.Config, path string) error {
	return writeKubeconfig(cfg, path)
}
