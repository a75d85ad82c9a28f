// Package eksapitest stands in for the EKS and IAM APIs in tests: a local
// HTTP server that answers DescribeCluster (REST-JSON) and
// ListAttachedRolePolicies (query protocol, XML) as the services do, so that
// the real AWS SDK clients can be tested without AWS.
package eksapitest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// Server is the fake. Set its fields before the first call.
type Server struct {
	*httptest.Server
	// Cluster is DescribeCluster's "cluster" object; its "name" is the one
	// cluster the server knows.
	Cluster map[string]any
	// Policies are the managed policy names attached to each role, by role
	// name. They are served one per page, so that clients must page.
	Policies map[string][]string
	// DenyIAM makes every IAM call fail with AccessDenied.
	DenyIAM bool

	mu    sync.Mutex
	calls []string
}

// Start starts a server that t closes, knowing an Auto Mode cluster named
// prod with both built-in pools, whose roles have every policy Auto Mode
// needs but AmazonEKSNetworkingPolicy.
func Start(t testing.TB) *Server {
	s := &Server{
		Cluster: map[string]any{
			"name":    "prod",
			"roleArn": "arn:aws:iam::123456789012:role/prod-cluster",
			"computeConfig": map[string]any{"enabled": true,
				"nodePools":   []string{"system", "general-purpose"},
				"nodeRoleArn": "arn:aws:iam::123456789012:role/eks/prod-node"},
			"storageConfig": map[string]any{"blockStorage": map[string]any{"enabled": true}},
			"kubernetesNetworkConfig": map[string]any{
				"elasticLoadBalancing": map[string]any{"enabled": true}},
		},
		Policies: map[string][]string{
			"prod-cluster": {"AmazonEKSClusterPolicy", "AmazonEKSComputePolicy",
				"AmazonEKSBlockStoragePolicy", "AmazonEKSLoadBalancingPolicy"},
			"prod-node": {"AmazonEKSWorkerNodeMinimalPolicy",
				"AmazonEC2ContainerRegistryPullOnly"},
		},
	}
	s.Server = httptest.NewServer(s)
	t.Cleanup(s.Close)
	return s
}

// Config is an SDK configuration pointed at the server, with static
// credentials and no retries.
func (s *Server) Config() aws.Config {
	return aws.Config{
		Region:       "ap-northeast-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDTEST", "secret", ""),
		BaseEndpoint: aws.String(s.URL),
		Retryer:      func() aws.Retryer { return aws.NopRetryer{} },
	}
}

// Calls lists the calls seen, as "METHOD /path" or the query Action.
func (s *Server) Calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.calls...)
}

func (s *Server) record(call string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, call)
}

// ServeHTTP answers one call.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodGet && strings.HasPrefix(r.URL.Path, "/clusters/") {
		s.record("DescribeCluster")
		s.describeCluster(w, strings.TrimPrefix(r.URL.Path, "/clusters/"))
		return
	}
	if err := r.ParseForm(); err != nil || r.Form.Get("Action") != "ListAttachedRolePolicies" {
		s.record("unexpected " + r.Method + " " + r.URL.Path)
		http.Error(w, "unexpected call", http.StatusBadRequest)
		return
	}
	s.record("ListAttachedRolePolicies " + r.Form.Get("RoleName"))
	s.listAttachedRolePolicies(w, r.Form.Get("RoleName"), r.Form.Get("Marker"))
}

func (s *Server) describeCluster(w http.ResponseWriter, name string) {
	if name != s.Cluster["name"] {
		w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprintf(w, `{"message":"No cluster found for name: %s."}`, name)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"cluster": s.Cluster})
}

func (s *Server) listAttachedRolePolicies(w http.ResponseWriter, role, marker string) {
	w.Header().Set("Content-Type", "text/xml")
	if s.DenyIAM {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprint(w, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>`+
			`<Message>not allowed</Message></Error><RequestId>r1</RequestId></ErrorResponse>`)
		return
	}
	policies := s.Policies[role]
	page := 0
	fmt.Sscan(marker, &page)
	var b strings.Builder
	b.WriteString(`<ListAttachedRolePoliciesResponse><ListAttachedRolePoliciesResult>` +
		`<AttachedPolicies>`)
	if page < len(policies) {
		fmt.Fprintf(&b, `<member><PolicyArn>arn:aws:iam::aws:policy/%s</PolicyArn>`+
			`<PolicyName>%s</PolicyName></member>`, policies[page], policies[page])
	}
	b.WriteString(`</AttachedPolicies>`)
	if page+1 < len(policies) {
		fmt.Fprintf(&b, `<IsTruncated>true</IsTruncated><Marker>%d</Marker>`, page+1)
	} else {
		b.WriteString(`<IsTruncated>false</IsTruncated>`)
	}
	b.WriteString(`</ListAttachedRolePoliciesResult></ListAttachedRolePoliciesResponse>`)
	fmt.Fprint(w, b.String())
}
