package pricing

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/kubectl-automode/kubectl-automode/model"
)

//go:generate go run ./internal/gen -out embedded.json -regions us-east-1 -extra ap-northeast-1=c6g.large,m6i.large,c6i.xlarge,r6i.large,m5.large,c5.xlarge,m5.24xlarge

// embeddedJSON is the price table built into the binary. Every figure in
// it names its public source and date; go generate rebuilds it from the
// Price List API for the types Auto Mode supports in us-east-1 and the
// types the demo runs in ap-northeast-1.
//
//go:embed embedded.json
var embeddedJSON []byte

// EmbeddedTable is the shape of embedded.json, which the generator writes.
type EmbeddedTable struct {
	About   string        `json:"about"`
	Figures []TableFigure `json:"figures"`
}

// embeddedTable reads the built-in table once. It is part of the binary,
// so a broken one is a build mistake that the tests catch.
var embeddedTable = sync.OnceValues(func() (map[key]entry, error) {
	return parseEmbedded(embeddedJSON)
})

func parseEmbedded(data []byte) (map[key]entry, error) {
	var t EmbeddedTable
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("reading the embedded price table: %w", err)
	}
	out := make(map[key]entry, len(t.Figures))
	for _, f := range t.Figures {
		k := f.key()
		if k.kind == 0 || k.kind == kindSpot || k.typ == "" || k.region == "" ||
			f.PerHour <= 0 || f.Source == "" || f.AsOf.IsZero() {
			return nil, fmt.Errorf("embedded price table: bad figure %+v", f)
		}
		out[k] = entry{perHour: f.PerHour, asOf: f.AsOf, origin: model.SourceEmbedded}
	}
	return out, nil
}
