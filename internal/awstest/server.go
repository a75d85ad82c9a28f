package awstest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// API names one of the answered calls.
type API string

// The calls the server answers.
const (
	GetProducts API = "GetProducts"
	SpotHistory API = "DescribeSpotPriceHistory"
	Bulk        API = "bulk"
)

// Failure is how the server misbehaves for one API.
type Failure struct {
	// Code is the AWS error code to answer with (AccessDeniedException,
	// ThrottlingException, UnauthorizedOperation...), with Status.
	Code   string
	Status int
	// Malformed sends a document that is not what the API sends.
	Malformed bool
	// Delay holds each answer back, until the client gives up.
	Delay time.Duration
	// Times is how many calls fail before the server answers well; zero
	// means every call.
	Times int
}

// Request is what the server saw of one call.
type Request struct {
	API API
	// SigningRegion and SigningService come from the SigV4 credential
	// scope: where the SDK sent the call.
	SigningRegion  string
	SigningService string
	// Service is GetProducts' ServiceCode; Filters its filters by field.
	Service string
	Filters map[string]string
	// InstanceTypes are DescribeSpotPriceHistory's types.
	InstanceTypes []string
}

// PublicationDate is the date every answer carries.
var PublicationDate = time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)

// Server is the fake. Its fixture methods may be called while it runs.
type Server struct {
	*httptest.Server
	// PageSize is how many items one page holds, whatever the client asks
	// for, so that small fixtures still page.
	PageSize int

	mu       sync.Mutex
	ec2      map[[2]string]string // region, type -> price
	fees     map[[2]string]string
	spot     []spotFixture
	fail     map[API]*Failure
	calls    map[API]int
	requests []Request
}

type spotFixture struct{ zone, typ, price string }

// Start starts a server that t closes.
func Start(t testing.TB) *Server {
	s := New()
	t.Cleanup(s.Close)
	return s
}

// New starts a server the caller closes, for a TestMain that shares one
// among all of a package's tests.
func New() *Server {
	s := &Server{PageSize: 2, ec2: map[[2]string]string{}, fees: map[[2]string]string{},
		fail: map[API]*Failure{}, calls: map[API]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// SetEC2 sets the Linux on-demand price of a type in a region.
func (s *Server) SetEC2(region, typ, price string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ec2[[2]string{region, typ}] = price
}

// SetFee sets the Auto Mode fee of a type in a region.
func (s *Server) SetFee(region, typ, price string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fees[[2]string{region, typ}] = price
}

// SetSpot sets the spot price of a type in a zone.
func (s *Server) SetSpot(zone, typ, price string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.spot = append(s.spot, spotFixture{zone, typ, price})
}

// Fail makes an API misbehave; a zero Failure makes it answer well again.
func (s *Server) Fail(api API, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f == (Failure{}) {
		delete(s.fail, api)
		return
	}
	s.fail[api] = &f
}

// Calls is how many calls an API has had.
func (s *Server) Calls(api API) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[api]
}

// Requests is every call seen so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ClientOptions point the SDK's default configuration at the server with
// static credentials, and retry throttled calls without waiting.
func (s *Server) ClientOptions() []func(*config.LoadOptions) error {
	return []func(*config.LoadOptions) error{
		config.WithBaseEndpoint(s.URL),
		config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider("AKIDTEST", "secret", "")),
		config.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) {
				o.MaxAttempts = 3
				o.Backoff = noBackoff{}
			})
		}),
	}
}

type noBackoff struct{}

func (noBackoff) BackoffDelay(int, error) (time.Duration, error) { return 0, nil }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	api := Bulk
	switch {
	case strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".GetProducts"):
		api = GetProducts
	case r.Method == http.MethodPost:
		api = SpotHistory
	}

	s.mu.Lock()
	s.calls[api]++
	f := s.fail[api]
	if f != nil && f.Times > 0 {
		if f.Times--; f.Times == 0 {
			delete(s.fail, api)
		}
	}
	var fail Failure
	if f != nil {
		fail = *f
	}
	s.mu.Unlock()

	// Reading the body first lets the server notice a client that gives
	// up, so that a stalled answer ends with it.
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	if fail.Delay > 0 && !wait(r.Context(), fail.Delay) {
		return
	}
	switch api {
	case GetProducts:
		s.getProducts(w, r, fail)
	case SpotHistory:
		s.spotHistory(w, r, fail)
	default:
		s.bulk(w, r, fail)
	}
}

// wait holds an answer back, and reports false when the client left.
func wait(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func (s *Server) record(req Request, r *http.Request) {
	// Credential=AKID/20261204/ap-south-1/pricing/aws4_request, ...
	auth := r.Header.Get("Authorization")
	if _, scope, ok := strings.Cut(auth, "Credential="); ok {
		scope, _, _ = strings.Cut(scope, ",")
		if parts := strings.Split(scope, "/"); len(parts) == 5 {
			req.SigningRegion, req.SigningService = parts[2], parts[3]
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, req)
}
