package eksapi

import (
	"strings"

	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// Target finds the EKS cluster name and region of a kubeconfig context:
// from the cluster's ARN, which `aws eks update-kubeconfig` uses as the
// cluster's name, or from the `aws eks get-token` arguments (or
// aws-iam-authenticator's) of the context's user. Either may be empty.
func Target(cfg *clientcmdapi.Config, context string) (name, region string) {
	if cfg == nil {
		return "", ""
	}
	if context == "" {
		context = cfg.CurrentContext
	}
	ctx := cfg.Contexts[context]
	if ctx == nil {
		return "", ""
	}
	name, region = fromARN(ctx.Cluster)
	if user := cfg.AuthInfos[ctx.AuthInfo]; user != nil && user.Exec != nil {
		n, r := fromExec(user.Exec)
		name, region = first(name, n), first(region, r)
	}
	return name, region
}

// fromARN reads "arn:aws:eks:REGION:ACCOUNT:cluster/NAME".
func fromARN(arn string) (name, region string) {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "eks" ||
		!strings.HasPrefix(parts[5], "cluster/") {
		return "", ""
	}
	return strings.TrimPrefix(parts[5], "cluster/"), parts[3]
}

// fromExec reads the cluster and region from an exec credential plugin's
// arguments and environment.
func fromExec(e *clientcmdapi.ExecConfig) (name, region string) {
	args := e.Args
	authenticator := strings.Contains(e.Command, "aws-iam-authenticator")
	for i := 0; i < len(args); i++ {
		flag, value, inline := strings.Cut(args[i], "=")
		if !inline && i+1 < len(args) {
			value = args[i+1]
		}
		switch {
		case flag == "--cluster-name":
			name = value
		case (flag == "--cluster-id" || flag == "-i") && authenticator:
			// aws-iam-authenticator's -i is the cluster name; aws eks
			// get-token's --cluster-id is an Outposts ID, not a name.
			name = value
		case flag == "--region":
			region = value
		}
	}
	for _, env := range e.Env {
		if env.Name == "AWS_REGION" || (env.Name == "AWS_DEFAULT_REGION" && region == "") {
			region = first(region, env.Value)
		}
	}
	return name, region
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
