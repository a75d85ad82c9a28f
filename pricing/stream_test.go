package pricing_test

import (
	"context"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/internal/awstest"
	"github.com/kubectl-automode/kubectl-automode/model"
	"github.com/kubectl-automode/kubectl-automode/pricing"
)

// The UI's stream carries priced snapshots, and a new one whenever looked-up
// prices arrive, though the cluster did not change; it closes after its
// source does. The snapshot already handed on is not changed by the second
// pricing.
func TestStreamRepricesOnNewPrices(t *testing.T) {
	fake := awstest.Start(t)
	fake.SetEC2("ap-northeast-1", "m6i.large", "0.1488")
	fake.Fail(awstest.GetProducts, awstest.Failure{Delay: 100 * time.Millisecond, Times: 1})
	p := pricing.New(pricing.Options{
		Clients:  pricing.NewAWSClients(fake.ClientOptions()...),
		CacheDir: t.TempDir(), BulkBaseURL: fake.URL,
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := make(chan *model.Cluster)
	out := p.Stream(ctx, in)
	c := &model.Cluster{Region: "ap-northeast-1", Nodes: []model.Node{{Name: "n",
		Kind: model.KindKarpenter, InstanceType: "m6i.large", CapacityType: "on-demand"}}}

	in <- c
	first := receive(t, out)
	if first.Nodes[0].Price.Priced() {
		t.Fatalf("first snapshot priced before the lookup answered: %+v", first.Nodes[0].Price)
	}
	second := receive(t, out)
	if e := second.Nodes[0].Price.EC2; e.PerHour != 0.1488 || e.Source != model.SourceAPI {
		t.Errorf("re-priced snapshot EC2 = %+v, want 0.1488 from the api", e)
	}
	if first.Nodes[0].Price.EC2.Known() {
		t.Error("pricing again changed the snapshot handed on before")
	}

	close(in)
	select {
	case _, ok := <-out:
		if ok {
			t.Error("a snapshot after the source closed")
		}
	case <-time.After(5 * time.Second):
		t.Error("stream did not close after its source")
	}
}

func receive(t *testing.T, out <-chan *model.Cluster) *model.Cluster {
	t.Helper()
	select {
	case c := <-out:
		return c
	case <-time.After(5 * time.Second):
		t.Fatal("no snapshot")
		return nil
	}
}
