package awstest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// getProducts answers GetProducts from the fixtures, paging by PageSize,
// in the Price List's own shape: each product a JSON document in a string.
func (s *Server) getProducts(w http.ResponseWriter, r *http.Request, fail Failure) {
	var in struct {
		ServiceCode string
		Filters     []struct{ Type, Field, Value string }
		NextToken   string
		MaxResults  int
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		jsonError(w, http.StatusBadRequest, "ValidationException", err.Error())
		return
	}
	filters := map[string]string{}
	for _, f := range in.Filters {
		filters[f.Field] = f.Value
	}
	s.record(Request{API: GetProducts, Service: in.ServiceCode, Filters: filters}, r)
	if fail.Code != "" {
		jsonError(w, fail.Status, fail.Code, "refused by the test server")
		return
	}

	docs := s.products(in.ServiceCode, filters)
	start, _ := strconv.Atoi(in.NextToken)
	end := min(start+s.PageSize, len(docs))
	out := struct {
		FormatVersion string
		PriceList     []string
		NextToken     string `json:",omitempty"`
	}{FormatVersion: "aws_v1", PriceList: docs[start:end]}
	if end < len(docs) {
		out.NextToken = strconv.Itoa(end)
	}
	if fail.Malformed && len(out.PriceList) > 0 {
		out.PriceList[0] = `{"product": {"attributes": ` // cut short
	}
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	json.NewEncoder(w).Encode(out)
}

// products are the fixture documents a search matches, in a fixed order.
func (s *Server) products(service string, filters map[string]string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var docs []string
	switch service {
	case "AmazonEC2":
		types := strings.Split(filters["instanceType"], ",")
		for k, price := range s.ec2 {
			if k[0] == filters["regionCode"] && slices.Contains(types, k[1]) {
				docs = append(docs, ec2Product(k[0], k[1], price))
			}
		}
	case "AmazonEKS":
		if filters["operation"] != "EKSAutoUsage" {
			break
		}
		for k, price := range s.fees {
			if k[0] == filters["regionCode"] {
				docs = append(docs, feeProduct(k[0], k[1], price))
			}
		}
	}
	slices.Sort(docs)
	return docs
}

func ec2Product(region, typ, price string) string {
	sku := "EC2-" + region + "-" + typ
	return product(sku, "AmazonEC2", "Compute Instance", map[string]string{
		"instanceType": typ, "regionCode": region, "operatingSystem": "Linux",
		"tenancy": "Shared", "preInstalledSw": "NA", "capacitystatus": "Used",
	}, "Hrs", price)
}

func feeProduct(region, typ, price string) string {
	sku := "EKS-" + region + "-" + typ
	return product(sku, "AmazonEKS", "Compute", map[string]string{
		"instancetype": typ, "regionCode": region, "operation": "EKSAutoUsage",
		"eksproducttype": "AutoMode",
	}, "hours", price)
}

func product(sku, service, family string, attrs map[string]string, unit, price string) string {
	doc := map[string]any{
		"serviceCode":     service,
		"version":         "20261120000000",
		"publicationDate": PublicationDate.Format("2006-01-02T15:04:05Z"),
		"product":         map[string]any{"sku": sku, "productFamily": family, "attributes": attrs},
		"terms":           map[string]any{"OnDemand": onDemandTerms(sku, unit, price)},
	}
	data, _ := json.Marshal(doc)
	return string(data)
}

func onDemandTerms(sku, unit, price string) map[string]any {
	term := sku + ".JRTCKXETXF"
	return map[string]any{term: map[string]any{
		"sku": sku, "offerTermCode": "JRTCKXETXF",
		"effectiveDate": "2026-11-01T00:00:00Z",
		"priceDimensions": map[string]any{term + ".6YS6EN2CT7": map[string]any{
			"unit": unit, "pricePerUnit": map[string]string{"USD": price},
			"description": fmt.Sprintf("%s per %s", price, unit),
		}},
	}}
}

func jsonError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-ErrorType", code)
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"__type": code, "message": msg})
}
