package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/spf13/pflag"

	"github.com/kubectl-automode/kubectl-automode/internal/eksapi"
	"github.com/kubectl-automode/kubectl-automode/model"
)

// awsTimeout bounds everything check and compare ask AWS, credentials
// included, so that a machine without them does not hang.
const awsTimeout = 20 * time.Second

// awsFlags say whether and where check and compare ask AWS about the
// cluster. The region is the global --region, which pricing reads too.
type awsFlags struct {
	mode, cluster string
}

func (a *awsFlags) add(fs *pflag.FlagSet) {
	fs.StringVar(&a.mode, "aws", "auto", "ask EKS and IAM about the cluster: auto (for a "+
		"live cluster, when AWS credentials are found) or off")
	fs.StringVar(&a.cluster, "cluster-name", "", "EKS cluster name for the AWS calls "+
		"(default: from the kubeconfig)")
}

// read asks AWS about the cluster. It returns nil and a one-line note of
// what was skipped and why when it cannot; a note of "" means AWS was not
// to be asked at all (--aws off, the demo or a snapshot).
func (a *awsFlags) read(ctx context.Context, o *options) (*model.AWSView, string, error) {
	switch a.mode {
	case "off":
		return nil, "", nil
	case "auto":
	default:
		return nil, "", fmt.Errorf("unknown --aws %q; use auto or off", a.mode)
	}
	if o.demo != "" || o.snapshot != "" {
		return nil, "", nil
	}
	const skipped = "aws: skipped DescribeCluster and IAM: "

	name, region := a.cluster, o.pricing.region
	if name == "" || region == "" {
		if raw, err := o.config.ToRawKubeConfigLoader().RawConfig(); err == nil {
			kubeContext, _ := o.contextNames()
			n, r := eksapi.Target(&raw, kubeContext)
			name, region = firstSet(name, n), firstSet(region, r)
		}
	}
	if name == "" || region == "" {
		return nil, skipped + "no EKS cluster name or region in the kubeconfig; " +
			"pass --cluster-name and --region", nil
	}

	ctx, cancel := context.WithTimeout(ctx, awsTimeout)
	defer cancel()
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(region))
	if err != nil {
		return nil, skipped + "loading the AWS configuration: " + err.Error(), nil
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, skipped + "no AWS credentials (set AWS_PROFILE, or aws sso login)", nil
	}
	view, err := eksapi.Read(ctx, eksapi.NewClients(cfg), name, region)
	if err != nil {
		return nil, "aws: " + err.Error(), nil
	}
	return &view, "", nil
}

func firstSet(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
