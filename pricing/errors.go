package pricing

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/aws/smithy-go"

	"github.com/kubectl-automode/kubectl-automode/pricing/internal/pricelist"
)

// describe turns a failed lookup into the one line the UI header and get
// show: what failed, and what to do about it.
func describe(action, region string, err error, retry time.Duration) string {
	where := action
	if region != "" {
		where += " for " + region
	}
	fallback := "using cached or embedded prices"
	if action == actionSpotHistory {
		fallback = "spot nodes stay unpriced"
	}

	var apiErr smithy.APIError
	var netErr net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("pricing: %s timed out; check the network or use "+
			"--price-source embedded (%s)", where, fallback)
	case errors.Is(err, pricelist.ErrMalformed) || errors.Is(err, errBulkFormat):
		return fmt.Sprintf("pricing: %s gave an answer that could not be read (%s); %s",
			where, shorten(err), fallback)
	case errors.As(err, &apiErr):
		return describeAPIError(where, action, apiErr, retry, fallback)
	case isNoCredentials(err):
		return fmt.Sprintf("pricing: no AWS credentials for %s; set up a profile or "+
			"AWS_* variables, or use --price-source embedded (%s)", where, fallback)
	}
	return fmt.Sprintf("pricing: %s failed: %s; %s", where, shorten(err), fallback)
}

func describeAPIError(where, action string, e smithy.APIError, retry time.Duration,
	fallback string) string {
	code := e.ErrorCode()
	switch code {
	case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation":
		todo := "grant it or use --price-source embedded"
		if action == actionSpotHistory {
			todo = "grant it to price spot nodes"
		}
		return fmt.Sprintf("pricing: AccessDenied on %s; %s (%s)", where, todo, fallback)
	case "ThrottlingException", "Throttling", "RequestLimitExceeded",
		"TooManyRequestsException":
		return fmt.Sprintf("pricing: %s was throttled; retrying in %s (%s)", where,
			minutes(retry), fallback)
	case "UnrecognizedClientException", "InvalidClientTokenId", "ExpiredToken",
		"ExpiredTokenException", "AuthFailure", "SignatureDoesNotMatch",
		"InvalidSignatureException":
		return fmt.Sprintf("pricing: AWS refused the credentials for %s (%s); refresh "+
			"them or use --price-source embedded (%s)", where, code, fallback)
	}
	return fmt.Sprintf("pricing: %s failed: %s: %s; %s", where, code,
		firstLine(e.ErrorMessage()), fallback)
}

// errBulkFormat marks a bulk file that is not the Price List's JSON.
var errBulkFormat = errors.New("unreadable bulk price file")

// isNoCredentials recognises the SDK's credential chain coming up empty.
// The SDK has no error type for it, only these phrases.
func isNoCredentials(err error) bool {
	s := err.Error()
	for _, phrase := range []string{"get identity", "retrieve credentials",
		"refresh cached credentials", "no EC2 IMDS role"} {
		if strings.Contains(s, phrase) {
			return true
		}
	}
	return false
}

func minutes(d time.Duration) string {
	if d < time.Minute {
		return d.Round(time.Second).String()
	}
	return fmt.Sprintf("%dm", int(d.Round(time.Minute).Minutes()))
}

// shorten keeps error lines to one short line: the innermost message.
func shorten(err error) string {
	s := firstLine(err.Error())
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
