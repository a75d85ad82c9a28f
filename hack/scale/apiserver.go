//go:build !probe

package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
	"sigs.k8s.io/controller-runtime/pkg/envtest"
)

// server is a running kube-apiserver and etcd with the Karpenter and Auto
// Mode CRDs installed, and clients without rate limits to fill it.
type server struct {
	env        *envtest.Environment
	dir        string
	kubeconfig string
	cfg        *rest.Config
	kube       kubernetes.Interface
	dynamic    dynamic.Interface
	// etcd reaches the server's etcd directly, for the pod fill.
	etcd *etcdClient
	// churned counts the churn updates sent so far.
	churned int
}

// startServer starts the binaries of KUBEBUILDER_ASSETS, which `make scale`
// sets from hack/envtest-assets.sh, as the integration tests do.
func startServer(crds string) (*server, error) {
	assets := os.Getenv("KUBEBUILDER_ASSETS")
	if assets == "" {
		return nil, errors.New("KUBEBUILDER_ASSETS is not set; run `make scale`, or export " +
			"KUBEBUILDER_ASSETS=\"$(bash hack/envtest-assets.sh)\"")
	}
	dir, err := os.MkdirTemp("", "automode-scale-")
	if err != nil {
		return nil, fmt.Errorf("making a temp dir: %w", err)
	}
	env := &envtest.Environment{
		BinaryAssetsDirectory: assets,
		CRDDirectoryPaths:     []string{crds},
		ErrorIfCRDPathMissing: true,
		CRDInstallOptions: envtest.CRDInstallOptions{
			MaxTime: time.Minute, PollInterval: 50 * time.Millisecond,
		},
	}
	env.ControlPlane.GetAPIServer().Path = filepath.Join(assets, "kube-apiserver")
	env.ControlPlane.GetAPIServer().Configure().Set("etcd-prefix", etcdPrefix)
	env.ControlPlane.Etcd = &envtest.Etcd{Path: filepath.Join(assets, "etcd")}
	// 100,000 pods, each written twice when they go through the API server,
	// outgrow etcd's default 2 GiB quota before its first compaction.
	env.ControlPlane.Etcd.Configure().Append("quota-backend-bytes", "8589934592")
	// The data is thrown away at the end: waiting for the disk on every
	// write would only slow the fill down.
	env.ControlPlane.Etcd.Configure().Append("unsafe-no-fsync", "true")

	cfg, err := env.Start()
	if err != nil {
		_ = env.Stop()
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("starting kube-apiserver and etcd: %w", err)
	}
	s := &server{env: env, dir: dir, kubeconfig: filepath.Join(dir, "kubeconfig"),
		etcd: newEtcdClient(env.ControlPlane.Etcd.URL.String())}
	s.cfg = rest.CopyConfig(cfg)
	s.cfg.QPS = -1
	s.cfg.ContentType = "application/vnd.kubernetes.protobuf"
	if s.kube, err = kubernetes.NewForConfig(s.cfg); err == nil {
		s.dynamic, err = dynamic.NewForConfig(rest.CopyConfig(cfg))
	}
	if err == nil {
		err = writeKubeconfig(cfg, s.kubeconfig)
	}
	if err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

// stop kills the API server and etcd and removes their data and ours.
func (s *server) stop() {
	if err := s.env.Stop(); err != nil {
		logf("stopping kube-apiserver and etcd: %v", err)
	}
	_ = os.RemoveAll(s.dir)
}

// writeKubeconfig writes a kubeconfig whose only context reaches cfg, for
// the processes under measurement.
func writeKubeconfig(cfg *rest.Config, path string) error {
	kc := clientcmdapi.NewConfig()
	kc.Clusters["scale"] = &clientcmdapi.Cluster{Server: cfg.Host,
		CertificateAuthorityData: cfg.CAData}
	kc.AuthInfos["scale"] = &clientcmdapi.AuthInfo{ClientCertificateData: cfg.CertData,
		ClientKeyData: cfg.KeyData, Token: cfg.BearerToken}
	kc.Contexts["scale"] = &clientcmdapi.Context{Cluster: "scale", AuthInfo: "scale"}
	kc.CurrentContext = "scale"
	if err := clientcmd.WriteToFile(*kc, path); err != nil {
		return fmt.Errorf("writing kubeconfig: %w", err)
	}
	return nil
}
