package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/config"
	awspricing "github.com/aws/aws-sdk-go-v2/service/pricing"

	"github.com/kubectl-automode/kubectl-automode/internal/awstest"
	"github.com/kubectl-automode/kubectl-automode/pricing/internal/pricelist"
)

// The generator takes every type with a fee in a -regions region, and the
// -extra types, and writes both prices of each with the API as source.
func TestBuildFromThePriceListAPI(t *testing.T) {
	empty := filepath.Join(t.TempDir(), "empty")
	os.WriteFile(empty, nil, 0o600)
	t.Setenv("AWS_CONFIG_FILE", empty)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", empty)
	s := awstest.Start(t)
	s.SetFee("us-east-1", "m5.large", "0.0115200000")
	s.SetFee("us-east-1", "c6g.large", "0.0081600000")
	s.SetEC2("us-east-1", "m5.large", "0.0960000000")
	s.SetEC2("us-east-1", "c6g.large", "0.0680000000")
	s.SetEC2("us-east-1", "t3.nano", "0.0052000000") // no fee: not Auto Mode's
	s.SetFee("ap-northeast-1", "c6g.large", "0.0102720000")
	s.SetFee("ap-northeast-1", "m6i.large", "0.0148800000")
	s.SetEC2("ap-northeast-1", "c6g.large", "0.0856000000")
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx, s.ClientOptions()...)
	if err != nil {
		t.Fatal(err)
	}
	clients := func(region string) pricelist.Client {
		return awspricing.NewFromConfig(cfg, func(o *awspricing.Options) { o.Region = region })
	}

	table, err := build(ctx, clients, []string{"us-east-1"},
		map[string][]string{"ap-northeast-1": {"c6g.large"}}, time.Now())
	if err != nil {
		t.Fatal(err)
	}

	got := map[string]float64{}
	for _, f := range table.Figures {
		got[f.Kind+" "+f.Region+" "+f.InstanceType] = f.PerHour
		if !f.AsOf.Equal(awstest.PublicationDate) || f.Source == "" {
			t.Errorf("figure %+v lacks its date or source", f)
		}
	}
	want := map[string]float64{
		"ec2 us-east-1 c6g.large": 0.068, "ec2 us-east-1 m5.large": 0.096,
		"fee us-east-1 c6g.large": 0.00816, "fee us-east-1 m5.large": 0.01152,
		"ec2 ap-northeast-1 c6g.large": 0.0856, "fee ap-northeast-1 c6g.large": 0.010272,
	}
	if len(got) != len(want) {
		t.Errorf("figures = %v, want %v", got, want)
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %v, want %v", k, got[k], w)
		}
	}
}

func TestExtraFlag(t *testing.T) {
	var e extraFlag
	if err := e.Set("ap-northeast-1=c6g.large, m6i.large"); err != nil {
		t.Fatal(err)
	}
	if got := e["ap-northeast-1"]; len(got) != 2 || got[1] != "m6i.large" {
		t.Errorf("extra = %v", e)
	}
	if err := e.Set("c6g.large"); err == nil {
		t.Error("a value with no region was accepted")
	}
}
