package cli

import (
	"fmt"
	"strings"
	"time"

	"k8s.io/client-go/rest"

	"github.com/kubectl-automode/kubectl-automode/kube"
)

// probeTimeout bounds the first request when --request-timeout is not
// given. client-go runs an exec credential plugin (aws eks get-token)
// without a deadline of its own, so a plugin waiting for an SSO login
// that never comes would otherwise hang the tool without a word.
const probeTimeout = 30 * time.Second

// probe asks the API server its version, the cheapest request there is,
// so that a broken credential plugin or an unreachable server is one
// clear line before anything starts, not a hang or a screen of errors.
func probe(c kube.Clients, cfg *rest.Config, plugin string) error {
	limit := probeTimeout
	if cfg.Timeout > 0 {
		limit = cfg.Timeout
	}
	done := make(chan error, 1)
	go func() {
		_, err := c.Discovery.ServerVersion()
		done <- err
	}()

	select {
	case err := <-done:
		if err == nil {
			return nil
		}
		if plugin != "" && strings.Contains(err.Error(), "getting credentials") {
			return fmt.Errorf("the credential plugin %q failed (%s); run it yourself to see "+
				"why, then log in again (for EKS: aws sso login, or check AWS_PROFILE)",
				plugin, credentialCause(err))
		}
		return fmt.Errorf("reaching the API server at %s: %w", cfg.Host, err)
	case <-time.After(limit):
		if plugin != "" {
			return fmt.Errorf("the credential plugin %q did not answer within %v; run it "+
				"yourself to see whether it waits for a login, or raise --request-timeout",
				plugin, limit)
		}
		return fmt.Errorf("the API server at %s did not answer within %v; check the "+
			"network or raise --request-timeout", cfg.Host, limit)
	}
}

// credentialCause is the part of client-go's error that says what the
// plugin did, "exec: executable aws failed with exit code 255", on one
// line.
func credentialCause(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "getting credentials: "); i >= 0 {
		msg = msg[i+len("getting credentials: "):]
	}
	msg, _, _ = strings.Cut(msg, "\n")
	return strings.TrimSpace(msg)
}

// credentialPlugin is the exec credential plugin of the kubeconfig user in
// use, as a command line ("aws eks get-token --cluster-name prod"), or ""
// when the user has none.
func (o *options) credentialPlugin() string {
	raw, err := o.config.ToRawKubeConfigLoader().RawConfig()
	if err != nil {
		return ""
	}
	context := raw.CurrentContext
	if o.config.Context != nil && *o.config.Context != "" {
		context = *o.config.Context
	}
	user := ""
	if c := raw.Contexts[context]; c != nil {
		user = c.AuthInfo
	}
	if o.config.AuthInfoName != nil && *o.config.AuthInfoName != "" {
		user = *o.config.AuthInfoName
	}
	info := raw.AuthInfos[user]
	if info == nil || info.Exec == nil {
		return ""
	}
	return strings.Join(append([]string{info.Exec.Command}, info.Exec.Args...), " ")
}
