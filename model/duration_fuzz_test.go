package model_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/kubectl-automode/kubectl-automode/model"
)

// karpenterDuration is the pattern Karpenter's CRDs put on expireAfter,
// terminationGracePeriod and consolidateAfter (besides "Never").
var karpenterDuration = regexp.MustCompile(`^([0-9]+(s|m|h))+$`)

// FuzzParseKarpenterDuration checks the duration reader against the CRDs'
// own pattern: it accepts only what the pattern accepts, never panics, and
// what it accepts is a duration Go reads the same way.
func FuzzParseKarpenterDuration(f *testing.F) {
	for _, seed := range []string{"336h", "24h0m0s", "30s", "720h", "Never", "", "1h30",
		"h1", "1.5h", "-1h", "99999999999999999999h", "2562047h", "0s", "1d", "1hh"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := model.ParseKarpenterDuration(s)
		if err != nil {
			if d != 0 {
				t.Errorf("%q: error %v with duration %v", s, err, d)
			}
			return
		}
		if !karpenterDuration.MatchString(s) {
			t.Errorf("%q is accepted but does not match the CRDs' pattern", s)
		}
		if want, goErr := time.ParseDuration(s); goErr != nil || want != d || d < 0 {
			t.Errorf("%q = %v, Go reads %v (%v)", s, d, want, goErr)
		}
	})
}
