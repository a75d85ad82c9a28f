package cli_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/awstest"
)

// fakeAWS answers every AWS call the commands make in this package's
// tests; TestMain points the SDK's default configuration at it.
var fakeAWS *awstest.Server

// TestMain keeps every test of the command line away from AWS and from the
// user's AWS files and cache: the SDK's default chain finds static
// credentials and a local endpoint in the environment, empty config files,
// no instance metadata, and a cache directory that is thrown away.
func TestMain(m *testing.M) {
	os.Exit(runIsolated(m))
}

func runIsolated(m *testing.M) int {
	dir, err := os.MkdirTemp("", "cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}

	fakeAWS = awstest.New()
	defer fakeAWS.Close()
	// The Tokyo example, then made-up figures for every other node
	// of internal/apitest's automode.yaml, so that get prices the whole
	// fixture cluster and warns about nothing.
	fakeAWS.SetEC2("ap-northeast-1", "c6g.large", "0.0856000000")
	fakeAWS.SetFee("ap-northeast-1", "c6g.large", "0.0102720000")
	for _, typ := range []string{"m6i.large", "m7i.large", "t3.large"} {
		fakeAWS.SetEC2("ap-northeast-1", typ, "0.1")
		fakeAWS.SetFee("ap-northeast-1", typ, "0.012")
	}
	fakeAWS.SetSpot("ap-northeast-1d", "m7i.large", "0.04")
	fakeAWS.SetSpot("ap-northeast-1a", "m5.large", "0.03")
	fakeAWS.SetSpot("ap-northeast-1c", "c5.large", "0.02")

	for _, v := range []string{"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN",
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"} {
		os.Unsetenv(v)
	}
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty,
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": fakeAWS.URL,
		"AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "secret",
		"XDG_CACHE_HOME": filepath.Join(dir, "cache"),
	} {
		os.Setenv(k, v)
	}
	return m.Run()
}
