package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// NodePool rule IDs.
const (
	RuleDurationInvalid    = "nodepool-duration-invalid"
	RuleExpireNever        = "nodepool-expire-never"
	RuleLifetimeOver21d    = "nodepool-lifetime-over-21d"
	RuleRestrictedLabel    = "nodepool-restricted-label"
	RuleBeyondBuiltInPools = "nodepool-beyond-built-in"
)

// Field paths of the NodePool fields the rules read.
const (
	fieldTemplateSpec = "spec.template.spec"
	fieldExpireAfter  = fieldTemplateSpec + ".expireAfter"
	fieldTGP          = fieldTemplateSpec + ".terminationGracePeriod"
)

// LintNodePool checks one NodePool the way Auto Mode will when it is
// applied, and notes what a custom pool adds to the built-in ones. A
// NodePool on any other NodeClass is checked only for its durations: Auto
// Mode's rules are guarded by its nodeClassRef (facts sheet §2b).
func LintNodePool(p NodePool) []Finding {
	ref := Ref{Kind: "NodePool", Name: p.Name}
	out, expire, grace := nodePoolDurations(p, ref)
	if !p.NodeClassRef.IsAutoModeNodeClass() {
		return out
	}

	if p.ExpireAfter == never {
		out = append(out, Finding{
			Severity: SeverityError, Rule: RuleExpireNever, Object: ref, Field: fieldExpireAfter,
			Message: "expireAfter: Never is refused on an Auto Mode NodeClass",
			Hint:    "set expireAfter so that it plus terminationGracePeriod is at most 504h",
			Link:    LinkNodePool,
		})
	} else if expire > 0 && expire+grace > MaxNodeLifetime {
		field := fieldExpireAfter
		if p.ExpireAfter == "" {
			field = fieldTGP
		}
		out = append(out, Finding{
			Severity: SeverityError, Rule: RuleLifetimeOver21d, Object: ref, Field: field,
			Message: fmt.Sprintf("expireAfter %s + terminationGracePeriod %s is over 21 days",
				lifetimePart(p.ExpireAfter, expire), lifetimePart(p.TerminationGracePeriod, grace)),
			Hint: "keep the sum at most 504h; an unset terminationGracePeriod counts as 24h",
			Link: LinkNodePool,
		})
	}

	out = append(out, restrictedLabelFindings(p, ref)...)
	if ClassifyPool(p.Name, p.Labels, p.NodeClassRef) == OriginCustom {
		out = append(out, beyondBuiltInFindings(p, ref)...)
	}
	return out
}

// nodePoolDurations parses expireAfter and terminationGracePeriod, with
// Auto Mode's defaults for unset ones. expire is 0 when it is Never or
// unreadable.
func nodePoolDurations(p NodePool, ref Ref) (out []Finding, expire, grace time.Duration) {
	expire, grace = DefaultExpireAfter, DefaultTerminationGracePeriod
	parse := func(value, field string, into *time.Duration) {
		if value == "" {
			return
		}
		d, err := ParseKarpenterDuration(value)
		if err != nil {
			*into = 0
			out = append(out, Finding{
				Severity: SeverityError, Rule: RuleDurationInvalid, Object: ref, Field: field,
				Message: fmt.Sprintf("%s is not a duration: %v",
					field[strings.LastIndexByte(field, '.')+1:], err),
				Hint: `write it as hours, minutes and seconds, such as "336h" or "24h0m0s"`,
				Link: LinkDisruption,
			})
			return
		}
		*into = d
	}
	if p.ExpireAfter == never {
		expire = 0
	} else {
		parse(p.ExpireAfter, fieldExpireAfter, &expire)
	}
	parse(p.TerminationGracePeriod, fieldTGP, &grace)
	if len(out) > 0 {
		expire = 0
	}
	return out, expire, grace
}

func lifetimePart(written string, d time.Duration) string {
	if written == "" {
		return fmt.Sprintf("%s (default)", strings.TrimSuffix(strings.TrimSuffix(
			d.String(), "0s"), "0m"))
	}
	return written
}

// restrictedLabelFindings flags requirement keys and template labels that
// Auto Mode's NodePool refuses (facts sheet §2b).
func restrictedLabelFindings(p NodePool, ref Ref) []Finding {
	var out []Finding
	add := func(key, field string, requirement bool) {
		why, hint := LabelKeyProblem(key, requirement)
		if why == "" {
			return
		}
		out = append(out, Finding{
			Severity: SeverityError, Rule: RuleRestrictedLabel, Object: ref, Field: field,
			Message: why, Hint: hint, Link: LinkNodePool,
		})
	}
	for i, r := range p.Requirements {
		add(r.Key, fmt.Sprintf("%s.requirements[%d].key", fieldTemplateSpec, i), true)
	}
	keys := make([]string, 0, len(p.TemplateLabels))
	for k := range p.TemplateLabels {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		add(k, fmt.Sprintf("spec.template.metadata.labels[%s]", k), false)
	}
	return out
}

// beyondBuiltInFindings says which instance categories, generations or
// capacity types a custom pool asks for that the built-in pools do not
// offer (c, m and r, generation over 4, on-demand; facts sheet §4a).
func beyondBuiltInFindings(p NodePool, ref Ref) []Finding {
	var needs []string
	field := ""
	for i, r := range p.Requirements {
		if r.Operator != "In" && r.Key != labelGeneration {
			continue
		}
		need := beyondBuiltIn(r)
		if need == "" {
			continue
		}
		needs = append(needs, need)
		if field == "" {
			field = fmt.Sprintf("%s.requirements[%d]", fieldTemplateSpec, i)
		}
	}
	if len(needs) == 0 {
		return nil
	}
	return []Finding{{
		Severity: SeverityInfo, Rule: RuleBeyondBuiltInPools, Object: ref, Field: field,
		Message: "asks for " + strings.Join(needs, "; ") + ": the built-in pools offer none",
		Hint:    "built-in pools run c, m and r, generation 5 and later, on-demand only",
		Link:    LinkBuiltInPools,
	}}
}

const (
	labelCategory   = "eks.amazonaws.com/instance-category"
	labelGeneration = "eks.amazonaws.com/instance-generation"
	labelFamily     = "eks.amazonaws.com/instance-family"
)

// beyondBuiltIn describes what one requirement admits that the built-in
// pools lack, or returns "".
func beyondBuiltIn(r Requirement) string {
	var extra []string
	switch r.Key {
	case labelCategory:
		for _, v := range r.Values {
			if !builtInCategory(v) {
				extra = append(extra, v)
			}
		}
		return listed("instance category", extra)
	case labelFamily:
		for _, v := range r.Values {
			cat, gen := splitFamily(v)
			if !builtInCategory(cat) || (gen > 0 && gen <= 4) {
				extra = append(extra, v)
			}
		}
		return listed("instance family", extra)
	case labelGeneration:
		return oldGenerations(r)
	case LabelCapacityType:
		for _, v := range r.Values {
			if v != "on-demand" {
				extra = append(extra, v)
			}
		}
		return listed("capacity type", extra)
	}
	return ""
}

func builtInCategory(c string) bool { return c == "c" || c == "m" || c == "r" }

func listed(what string, values []string) string {
	if len(values) == 0 {
		return ""
	}
	return what + " " + strings.Join(values, ", ")
}

// oldGenerations describes a generation requirement that admits generation
// 4 or older, which the built-in pools exclude with Gt 4.
func oldGenerations(r Requirement) string {
	if len(r.Values) == 0 {
		return ""
	}
	n, err := strconv.Atoi(r.Values[0])
	switch {
	case err != nil:
		return ""
	case r.Operator == "Gt" && n < 4, r.Operator == "Gte" && n <= 4:
		return fmt.Sprintf("instance generation %s %d", r.Operator, n)
	case r.Operator == "Lt" && n > 1, r.Operator == "Lte" && n >= 1:
		return fmt.Sprintf("instance generation %s %d", r.Operator, n)
	case r.Operator == "In":
		var old []string
		for _, v := range r.Values {
			if g, err := strconv.Atoi(v); err == nil && g <= 4 {
				old = append(old, v)
			}
		}
		return listed("instance generation", old)
	}
	return ""
}

// splitFamily splits "c6gn" into its category "c" and generation 6; "inf2"
// into "inf" and 2. A family without a number has generation 0.
func splitFamily(family string) (string, int) {
	i := strings.IndexFunc(family, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 {
		return family, 0
	}
	j := i
	for j < len(family) && family[j] >= '0' && family[j] <= '9' {
		j++
	}
	gen, _ := strconv.Atoi(family[i:j])
	return family[:i], gen
}
