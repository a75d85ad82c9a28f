package awstest

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// spotHistory answers DescribeSpotPriceHistory the way EC2's query API
// does: form parameters in, XML out, paged with nextToken.
func (s *Server) spotHistory(w http.ResponseWriter, r *http.Request, fail Failure) {
	if err := r.ParseForm(); err != nil {
		ec2Error(w, http.StatusBadRequest, "InvalidParameterValue", err.Error())
		return
	}
	var types []string
	for k, v := range r.PostForm {
		if strings.HasPrefix(k, "InstanceType.") {
			types = append(types, v...)
		}
	}
	slices.Sort(types)
	s.record(Request{API: SpotHistory, InstanceTypes: types}, r)
	if r.PostForm.Get("Action") != "DescribeSpotPriceHistory" {
		ec2Error(w, http.StatusBadRequest, "InvalidAction", "unknown action")
		return
	}
	if fail.Code != "" {
		ec2Error(w, fail.Status, fail.Code, "refused by the test server")
		return
	}

	type item struct {
		InstanceType       string `xml:"instanceType"`
		ProductDescription string `xml:"productDescription"`
		SpotPrice          string `xml:"spotPrice"`
		Timestamp          string `xml:"timestamp"`
		AvailabilityZone   string `xml:"availabilityZone"`
	}
	var all []item
	s.mu.Lock()
	for _, sp := range s.spot {
		if slices.Contains(types, sp.typ) {
			all = append(all, item{sp.typ, "Linux/UNIX", sp.price,
				PublicationDate.Format("2006-01-02T15:04:05.000Z"), sp.zone})
		}
	}
	s.mu.Unlock()
	if fail.Malformed && len(all) > 0 {
		all[0].SpotPrice = "not-a-price"
	}

	start, _ := strconv.Atoi(r.PostForm.Get("NextToken"))
	end := min(start+s.PageSize, len(all))
	out := struct {
		XMLName   xml.Name `xml:"DescribeSpotPriceHistoryResponse"`
		Xmlns     string   `xml:"xmlns,attr"`
		RequestID string   `xml:"requestId"`
		Items     []item   `xml:"spotPriceHistorySet>item"`
		NextToken string   `xml:"nextToken"`
	}{Xmlns: "http://ec2.amazonaws.com/doc/2016-11-15/", RequestID: "test", Items: all[start:end]}
	if end < len(all) {
		out.NextToken = strconv.Itoa(end)
	}
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	fmt.Fprint(w, xml.Header)
	xml.NewEncoder(w).Encode(out)
}

func ec2Error(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/xml;charset=UTF-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors>`+
		`<RequestID>test</RequestID></Response>`, code, msg)
}
