package model

import (
	"cmp"
	"slices"
)

// Severity says how much a finding matters.
type Severity string

// The severities, most serious first.
const (
	// SeverityError is something Auto Mode will refuse or that keeps nodes
	// from coming up.
	SeverityError Severity = "error"
	// SeverityWarning is something that works today but costs or breaks
	// later.
	SeverityWarning Severity = "warning"
	// SeverityInfo is worth knowing, with nothing to fix.
	SeverityInfo Severity = "info"
)

// rank orders severities, most serious first.
func (s Severity) rank() int {
	switch s {
	case SeverityError:
		return 0
	case SeverityWarning:
		return 1
	}
	return 2
}

// Finding is one thing the rules noticed about an object: what is wrong or
// worth knowing, what to do about it, and where the documentation says so.
type Finding struct {
	Severity Severity `json:"severity"`
	// Rule is a stable identifier, such as "nodepool-expire-never", for
	// scripts that filter or silence findings.
	Rule    string `json:"rule"`
	Object  Ref    `json:"object"`
	Message string `json:"message"`
	Hint    string `json:"hint"`
	Link    string `json:"link"`
	// Field is the path of the field at fault, "spec.template.spec.expireAfter",
	// when one field is; lint turns it into a line number.
	Field string `json:"field,omitempty"`
}

// SortFindings orders findings most serious first, then by object and rule,
// so that output is stable.
func SortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.Severity.rank(), b.Severity.rank()),
			cmp.Compare(a.Object.Kind, b.Object.Kind),
			cmp.Compare(a.Object.Name, b.Object.Name),
			cmp.Compare(a.Rule, b.Rule),
		)
	})
}
