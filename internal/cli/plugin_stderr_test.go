//go:build linux

package cli_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"k8s.io/cli-runtime/pkg/genericiooptions"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/internal/cli"
)

// TestCredentialPluginStderr runs a real exec credential plugin, a shell
// script that says something on stderr and then hands over the admin's
// client certificate, against the real API server. get leaves what it says
// on stderr, where a user running a command wants it; the UI sends it to
// the log file, or nowhere, so that it never lands on the screen the UI
// draws. Each case has a plugin of its own: client-go keeps one
// authenticator per plugin configuration for the life of the process.
func TestCredentialPluginStderr(t *testing.T) {
	env := apitest.Start(t)
	dir := t.TempDir()

	t.Run("get leaves the plugin's stderr on stderr", func(t *testing.T) {
		kubeconfig, said := tokenPluginKubeconfig(t, env, dir, "get")
		stderr := filepath.Join(dir, "get-stderr")
		f, err := os.Create(stderr)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		old := os.Stderr
		os.Stderr = f
		_, errOut, code := run(t, "--kubeconfig", kubeconfig, "--no-pricing", "get", "nodes")
		os.Stderr = old
		if code != 0 {
			t.Fatalf("get nodes through the plugin: exit %d: %s", code, errOut)
		}
		if got, _ := os.ReadFile(stderr); !bytes.Contains(got, []byte(said)) {
			t.Errorf("the plugin's stderr line %q is not on stderr: %q", said, got)
		}
	})

	t.Run("the UI sends the plugin's stderr to the log file", func(t *testing.T) {
		kubeconfig, said := tokenPluginKubeconfig(t, env, dir, "ui-log")
		logFile := filepath.Join(dir, "ui.log")
		screen := runUIOnATerminal(t, "--kubeconfig", kubeconfig, "--no-pricing",
			"--log-file", logFile)
		if strings.Contains(screen, said) {
			t.Errorf("the plugin's stderr reached the terminal:\n%q", screen)
		}
		logged, err := os.ReadFile(logFile)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(logged, []byte(said)) {
			t.Errorf("the log file lacks the plugin's stderr line %q:\n%s", said, logged)
		}
	})

	t.Run("without a log file the UI drops it", func(t *testing.T) {
		kubeconfig, said := tokenPluginKubeconfig(t, env, dir, "ui-nolog")
		screen := runUIOnATerminal(t, "--kubeconfig", kubeconfig, "--no-pricing")
		if strings.Contains(screen, said) {
			t.Errorf("the plugin's stderr reached the terminal:\n%q", screen)
		}
		if _, err := os.Stat(filepath.Join(dir, "ui-nolog.ran")); err != nil {
			t.Errorf("the plugin never ran, so the test proves nothing: %v", err)
		}
	})
}

// tokenPluginKubeconfig writes a kubeconfig whose user gets its credentials
// from a plugin script named after tag, and returns the kubeconfig and
// the line the plugin writes to stderr. The script also leaves tag.ran
// behind, to show that it ran.
func tokenPluginKubeconfig(t *testing.T, env *apitest.Env, dir, tag string) (string, string) {
	t.Helper()
	said := "plugin " + tag + " on stderr: opening the SSO cache"
	cred, err := json.Marshal(map[string]any{
		"apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
		"status": map[string]string{
			"clientCertificateData": string(env.Config.CertData),
			"clientKeyData":         string(env.Config.KeyData),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(env.Config.CertData) == 0 {
		t.Fatal("the admin config has no client certificate for the plugin to hand over")
	}
	// The credential goes through base64 so that the script needs no quoting.
	script := filepath.Join(dir, tag+".sh")
	body := fmt.Sprintf("#!/bin/sh\necho '%s' >&2\ntouch '%s'\necho '%s' | base64 -d\n",
		said, filepath.Join(dir, tag+".ran"), base64.StdEncoding.EncodeToString(cred))
	if err := os.WriteFile(script, []byte(body), 0o700); err != nil {
		t.Fatal(err)
	}

	kc := clientcmdapi.NewConfig()
	kc.Clusters["c"] = &clientcmdapi.Cluster{Server: env.Config.Host,
		CertificateAuthorityData: env.Config.CAData}
	kc.AuthInfos["u"] = &clientcmdapi.AuthInfo{Exec: &clientcmdapi.ExecConfig{
		APIVersion: "client.authentication.k8s.io/v1", Command: script,
		InteractiveMode: clientcmdapi.NeverExecInteractiveMode,
	}}
	kc.Contexts["c"] = &clientcmdapi.Context{Cluster: "c", AuthInfo: "u"}
	kc.CurrentContext = "c"
	path := filepath.Join(dir, tag+".kubeconfig")
	if err := clientcmd.WriteToFile(*kc, path); err != nil {
		t.Fatal(err)
	}
	return path, said
}

// runUIOnATerminal runs the UI with a pseudo-terminal as its stdin,
// stdout, stderr and the process's os.Stderr, as a shell would start it,
// waits until it has drawn the cluster, quits it with q, and returns
// everything that reached the terminal.
func runUIOnATerminal(t *testing.T, args ...string) string {
	t.Helper()
	master, tty := openPTY(t, 40, 140)
	old := os.Stderr
	os.Stderr = tty
	defer func() { os.Stderr = old }()

	var (
		mu     sync.Mutex
		screen bytes.Buffer
	)
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			mu.Lock()
			screen.Write(buf[:n])
			mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	shown := func() string {
		mu.Lock()
		defer mu.Unlock()
		return screen.String()
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	done := make(chan int, 1)
	go func() {
		streams := genericiooptions.IOStreams{In: tty, Out: tty, ErrOut: tty}
		done <- cli.Run(ctx, streams, args)
	}()

	// The header says live once the first snapshot, read through the
	// plugin's credentials, is drawn.
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(shown(), "live") {
		if time.Now().After(deadline) {
			t.Fatalf("the UI drew no live cluster within 20 s:\n%q", shown())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := master.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("the UI exited %d:\n%q", code, shown())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("the UI did not quit on q:\n%q", shown())
	}
	// Close the terminal side so that the reader sees the end of it.
	_ = tty.Close()
	select {
	case <-drained:
	case <-time.After(5 * time.Second):
		t.Fatal("the terminal was not drained")
	}
	return shown()
}

// openPTY opens a pseudo-terminal of rows by cols with the kernel's
// /dev/ptmx interface, returning its master and its terminal side.
func openPTY(t *testing.T, rows, cols uint16) (master, tty *os.File) {
	t.Helper()
	master, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { _ = master.Close() })
	ioctl := func(req uintptr, arg unsafe.Pointer) error {
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, master.Fd(), req,
			uintptr(arg)); e != 0 {
			return e
		}
		return nil
	}
	var unlock int32
	if err := ioctl(syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		t.Fatalf("unlocking the pseudo-terminal: %v", err)
	}
	var n uint32
	if err := ioctl(syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		t.Fatalf("numbering the pseudo-terminal: %v", err)
	}
	size := [4]uint16{rows, cols, 0, 0}
	if err := ioctl(syscall.TIOCSWINSZ, unsafe.Pointer(&size)); err != nil {
		t.Fatalf("sizing the pseudo-terminal: %v", err)
	}
	tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatalf("opening the terminal side: %v", err)
	}
	t.Cleanup(func() { _ = tty.Close() })
	return master, tty
}
