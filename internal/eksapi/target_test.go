package eksapi_test

import (
	"testing"

	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"

	"github.com/kubectl-automode/kubectl-automode/internal/eksapi"
)

func TestTarget(t *testing.T) {
	cfg := &clientcmdapi.Config{
		CurrentContext: "arn",
		Contexts: map[string]*clientcmdapi.Context{
			"arn":     {Cluster: "arn:aws:eks:eu-west-1:123456789012:cluster/prod", AuthInfo: "plain"},
			"exec":    {Cluster: "prod.example", AuthInfo: "aws-cli"},
			"inline":  {Cluster: "x", AuthInfo: "inline"},
			"env":     {Cluster: "x", AuthInfo: "env"},
			"authn":   {Cluster: "x", AuthInfo: "authenticator"},
			"outpost": {Cluster: "x", AuthInfo: "outpost"},
			"none":    {Cluster: "kind-kind", AuthInfo: "plain"},
		},
		AuthInfos: map[string]*clientcmdapi.AuthInfo{
			"plain": {},
			"aws-cli": {Exec: &clientcmdapi.ExecConfig{Command: "aws", Args: []string{
				"--region", "ap-northeast-1", "eks", "get-token", "--cluster-name", "staging"}}},
			"inline": {Exec: &clientcmdapi.ExecConfig{Command: "aws", Args: []string{
				"eks", "get-token", "--cluster-name=dev", "--region=us-west-2"}}},
			"env": {Exec: &clientcmdapi.ExecConfig{Command: "aws",
				Args: []string{"eks", "get-token", "--cluster-name", "ops"},
				Env:  []clientcmdapi.ExecEnvVar{{Name: "AWS_REGION", Value: "us-east-2"}}}},
			"authenticator": {Exec: &clientcmdapi.ExecConfig{Command: "aws-iam-authenticator",
				Args: []string{"token", "-i", "legacy"}}},
			"outpost": {Exec: &clientcmdapi.ExecConfig{Command: "aws", Args: []string{
				"eks", "get-token", "--cluster-id", "abcd-1234"}}},
		},
	}
	tests := []struct{ context, name, region string }{
		{"", "prod", "eu-west-1"},
		{"exec", "staging", "ap-northeast-1"},
		{"inline", "dev", "us-west-2"},
		{"env", "ops", "us-east-2"},
		{"authn", "legacy", ""},
		{"outpost", "", ""},
		{"none", "", ""},
		{"missing", "", ""},
	}
	for _, tt := range tests {
		name, region := eksapi.Target(cfg, tt.context)
		if name != tt.name || region != tt.region {
			t.Errorf("context %q: %q %q, want %q %q", tt.context, name, region, tt.name, tt.region)
		}
	}
}
