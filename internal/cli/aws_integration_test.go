package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kubectl-automode/kubectl-automode/internal/apitest"
	"github.com/kubectl-automode/kubectl-automode/internal/eksapi/eksapitest"
)

// isolateAWS points the SDK's default configuration at empty files, with
// no instance metadata, so that only what the test sets is found.
func isolateAWS(t *testing.T) {
	t.Helper()
	empty := filepath.Join(t.TempDir(), "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		"AWS_CONFIG_FILE": empty, "AWS_SHARED_CREDENTIALS_FILE": empty,
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_PROFILE": "", "AWS_ACCESS_KEY_ID": "",
		"AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "", "AWS_WEB_IDENTITY_TOKEN_FILE": "",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI": "", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "",
		"AWS_ENDPOINT_URL": "",
	} {
		t.Setenv(k, v)
	}
}

func liveCheck(t *testing.T, env *apitest.Env, args ...string) (string, string, int) {
	t.Helper()
	return run(t, append([]string{"--kubeconfig", env.Kubeconfig, "--context",
		apitest.ContextName, "check", "-o", "json"}, args...)...)
}

func TestCheckAsksAWSAboutALiveCluster(t *testing.T) {
	env := apitest.Start(t)
	env.CreateYAML(t, apitest.Fixture(t, "automode.yaml"))
	isolateAWS(t)
	fake := eksapitest.Start(t)
	t.Setenv("AWS_ENDPOINT_URL", fake.URL)
	t.Setenv("AWS_ACCESS_KEY_ID", "AKIDTEST")
	t.Setenv("AWS_SECRET_ACCESS_KEY", "secret")

	t.Run("with credentials", func(t *testing.T) {
		out, errOut, code := liveCheck(t, env, "--cluster-name", "prod",
			"--region", "ap-northeast-1")
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		var got struct{ Items []checkItem }
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		var aws []string
		for _, it := range got.Items {
			if strings.HasPrefix(it.Rule, "aws-") {
				aws = append(aws, it.Rule+": "+it.Message)
			}
		}
		want := "aws-cluster-role-policies: cluster role lacks AmazonEKSNetworkingPolicy"
		if strings.Join(aws, "; ") != want {
			t.Errorf("AWS findings = %v, want only %q", aws, want)
		}
		if calls := fake.Calls(); len(calls) == 0 || calls[0] != "DescribeCluster" {
			t.Errorf("calls = %v", calls)
		}
	})

	t.Run("compare fills the IAM rows", func(t *testing.T) {
		out, errOut, code := run(t, "--kubeconfig", env.Kubeconfig, "--context",
			apitest.ContextName, "compare", "-o", "json", "--no-pricing", "--cluster-name", "prod",
			"--region", "ap-northeast-1")
		if code != 0 || errOut != "" {
			t.Fatalf("exit %d, stderr %q", code, errOut)
		}
		var got struct {
			Rows []struct{ Topic, Cluster string }
			AWS  struct{ ComputeEnabled bool }
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		rows := map[string]string{}
		for _, r := range got.Rows {
			rows[r.Topic] = r.Cluster
		}
		if !got.AWS.ComputeEnabled ||
			rows["IAM: cluster role"] != "prod-cluster: lacks AmazonEKSNetworkingPolicy" ||
			rows["IAM: node role"] != "prod-node: has all Auto Mode needs" {
			t.Errorf("aws %+v, IAM rows %q / %q", got.AWS, rows["IAM: cluster role"],
				rows["IAM: node role"])
		}
	})

	t.Run("no cluster name", func(t *testing.T) {
		_, errOut, code := liveCheck(t, env)
		want := "warning: aws: skipped DescribeCluster and IAM: no EKS cluster name or " +
			"region in the kubeconfig; pass --cluster-name and --region\n"
		if code != 0 || errOut != want {
			t.Errorf("exit %d, stderr %q; want 0 and %q", code, errOut, want)
		}
	})

	t.Run("no credentials", func(t *testing.T) {
		t.Setenv("AWS_ACCESS_KEY_ID", "")
		t.Setenv("AWS_SECRET_ACCESS_KEY", "")
		_, errOut, code := liveCheck(t, env, "--cluster-name", "prod", "--region", "eu-west-1")
		want := "warning: aws: skipped DescribeCluster and IAM: no AWS credentials " +
			"(set AWS_PROFILE, or aws sso login)\n"
		if code != 0 || errOut != want {
			t.Errorf("exit %d, stderr %q; want 0 and %q", code, errOut, want)
		}
	})

	t.Run("off", func(t *testing.T) {
		if _, errOut, _ := liveCheck(t, env, "--aws", "off"); errOut != "" {
			t.Errorf("--aws off: stderr %q, want nothing", errOut)
		}
	})

	t.Run("AWS refuses", func(t *testing.T) {
		fake.DenyIAM = true
		defer func() { fake.DenyIAM = false }()
		_, errOut, code := liveCheck(t, env, "--cluster-name", "prod", "--region", "eu-west-1")
		if code != 0 || !strings.HasPrefix(errOut,
			"warning: aws: listing the policies of role prod-cluster: ") ||
			strings.Count(errOut, "\n") != 1 {
			t.Errorf("exit %d, stderr %q; want one warning line", code, errOut)
		}
	})
}
