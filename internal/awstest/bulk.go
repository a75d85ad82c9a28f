package awstest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// bulk serves the AmazonEKS bulk files: the region index, and for each
// region with fees its current offer file, built from the fee fixtures.
func (s *Server) bulk(w http.ResponseWriter, r *http.Request, fail Failure) {
	s.record(Request{API: Bulk, Filters: map[string]string{"path": r.URL.Path}}, r)
	if fail.Status != 0 {
		http.Error(w, "refused by the test server", fail.Status)
		return
	}
	const prefix = "/offers/v1.0/aws/AmazonEKS/"
	path, ok := strings.CutPrefix(r.URL.Path, prefix)
	if !ok {
		http.NotFound(w, r)
		return
	}
	if fail.Malformed {
		w.Write([]byte(`{"regions": [`))
		return
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if path == "current/region_index.json" {
		regions := map[string]any{}
		for k := range s.fees {
			regions[k[0]] = map[string]string{"regionCode": k[0],
				"currentVersionUrl": prefix + "20261120000000/" + k[0] + "/index.json"}
		}
		json.NewEncoder(w).Encode(map[string]any{"regions": regions})
		return
	}
	region, ok := strings.CutSuffix(strings.TrimPrefix(path, "20261120000000/"), "/index.json")
	if !ok {
		http.NotFound(w, r)
		return
	}
	products, onDemand := map[string]any{}, map[string]any{}
	for k, price := range s.fees {
		if k[0] != region {
			continue
		}
		var doc struct {
			Product map[string]any `json:"product"`
			Terms   struct {
				OnDemand map[string]any `json:"OnDemand"`
			} `json:"terms"`
		}
		json.Unmarshal([]byte(feeProduct(k[0], k[1], price)), &doc)
		sku := doc.Product["sku"].(string)
		products[sku] = doc.Product
		onDemand[sku] = doc.Terms.OnDemand
	}
	json.NewEncoder(w).Encode(map[string]any{
		"formatVersion": "v1.0", "offerCode": "AmazonEKS",
		"publicationDate": PublicationDate.Format("2006-01-02T15:04:05Z"),
		"products":        products, "terms": map[string]any{"OnDemand": onDemand},
	})
}
