package rules

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
)

// All lists every rule of the catalogue in the contract's order.
var All = []*Rule{
	LoadSpike, SessionSpike, WeeklyJump, Monotony,
	CadenceDrop, LowCadence, CadenceFade,
	GCTImbalance, AsymmetryDrift,
	DownhillLoad, TrackDirection,
	ShoeMileage,
	CompoundRisk,
	Symptom,
}

// ByID returns the rule with the given id, or nil when there is none.
func ByID(id string) *Rule {
	for _, r := range All {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// SortFindings orders findings by date, then severity (highest first), then
// rule id, then activity, as reports list them.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Rule.ID != b.Rule.ID {
			return a.Rule.ID < b.Rule.ID
		}
		return a.Activity < b.Activity
	})
}

// Enabled reports whether rule r runs under this config: the config's
// rules.<id>.enabled when set, else the rule's default. c may be nil.
func (c *Config) Enabled(r *Rule) bool {
	if c != nil {
		if st, ok := c.Rules[r.ID]; ok && st.Enabled != nil {
			return *st.Enabled
		}
	}
	return !r.DisabledByDefault
}

// Thresholds returns rule r's thresholds in force: its defaults with the
// config's rules.<id> overrides applied. c may be nil.
func (c *Config) Thresholds(r *Rule) Thresholds {
	t := r.Defaults
	if c == nil {
		return t
	}
	st, ok := c.Rules[r.ID]
	if !ok {
		return t
	}
	if st.Low != nil {
		t.Low = *st.Low
	}
	if st.Medium != nil {
		t.Medium = *st.Medium
	}
	if st.High != nil {
		t.High = *st.High
	}
	return t
}

// Validate checks the config's rule settings and gear: every rule id must
// exist, thresholds must be finite, non-negative and ordered low ≤ medium ≤
// high (reversed for rules whose lower values are worse), and shoe mileages
// must not be negative. The error names the offending key. c may be nil.
func (c *Config) Validate() error {
	if c == nil {
		return nil
	}
	ids := slices.Sorted(maps.Keys(c.Rules))
	for _, id := range ids {
		r := ByID(id)
		if r == nil {
			return fmt.Errorf("rules.%s: unknown rule id (known: %s)", id, strings.Join(ruleIDs(), ", "))
		}
		if err := validateThresholds(r, c.Thresholds(r)); err != nil {
			return err
		}
	}
	names := slices.Sorted(maps.Keys(c.Gear))
	for _, name := range names {
		shoe := c.Gear[name]
		if shoe.PriorKm < 0 || math.IsNaN(shoe.PriorKm) || math.IsInf(shoe.PriorKm, 0) {
			return fmt.Errorf("gear.%s.prior_km: must be a number ≥ 0 (%g)", name, shoe.PriorKm)
		}
		if shoe.LimitKm < 0 || math.IsNaN(shoe.LimitKm) || math.IsInf(shoe.LimitKm, 0) {
			return fmt.Errorf("gear.%s.limit_km: must be a number ≥ 0 (%g)", name, shoe.LimitKm)
		}
	}
	return nil
}

// validateThresholds checks one rule's thresholds in force. NaN means "no
// such severity" and is skipped; infinities and negative values are errors.
func validateThresholds(r *Rule, t Thresholds) error {
	levels := []struct {
		name string
		v    float64
	}{{"low", t.Low}, {"medium", t.Medium}, {"high", t.High}}
	prevName, prev := "", math.NaN()
	for _, l := range levels {
		key := "rules." + r.ID + "." + l.name
		if math.IsNaN(l.v) {
			continue
		}
		if math.IsInf(l.v, 0) {
			return fmt.Errorf("%s: must be a finite number", key)
		}
		if l.v < 0 {
			return fmt.Errorf("%s: must be ≥ 0 (%g)", key, l.v)
		}
		if !math.IsNaN(prev) && !r.levelsUnordered {
			if r.LowerIsWorse && l.v > prev {
				return fmt.Errorf("%s: must be ≤ %s (%g)", key, prevName, prev)
			}
			if !r.LowerIsWorse && l.v < prev {
				return fmt.Errorf("%s: must be ≥ %s (%g)", key, prevName, prev)
			}
		}
		prevName, prev = l.name, l.v
	}
	return nil
}

// ruleIDs lists the ids of All, for error messages.
func ruleIDs() []string {
	ids := make([]string, len(All))
	for i, r := range All {
		ids[i] = r.ID
	}
	return ids
}

// ThresholdText prints thresholds t in plain words with units, e.g.
// "low ≥ 1.30, medium ≥ 1.50, high ≥ 2.00 (ACWR; high from 1.50 when
// weekly-jump ≥ medium)". Severities without a threshold (NaN) are left out.
func (r *Rule) ThresholdText(t Thresholds) string {
	if r.describe != nil {
		return r.describe(t)
	}
	return levelText(t, "≥", "%.2f", "") + noteText(r.Unit.Text, "")
}

// levelText lists the severities that have a threshold: "low ≥ 1.30, ...".
// format prints one value; suffix follows each value (a unit).
func levelText(t Thresholds, op, format, suffix string) string {
	var parts []string
	for _, l := range []struct {
		name string
		v    float64
	}{{"low", t.Low}, {"medium", t.Medium}, {"high", t.High}} {
		if math.IsNaN(l.v) {
			continue
		}
		parts = append(parts, l.name+" "+op+" "+fmt.Sprintf(format, l.v)+suffix)
	}
	if len(parts) == 0 {
		return "no thresholds"
	}
	return strings.Join(parts, ", ")
}

// noteText is " (unit; note)" or the parts that are present.
func noteText(unit, note string) string {
	switch {
	case unit != "" && note != "":
		return " (" + unit + "; " + note + ")"
	case unit != "":
		return " (" + unit + ")"
	case note != "":
		return " (" + note + ")"
	}
	return ""
}

// grade returns the highest severity whose threshold v reaches (v ≥ limit),
// and that limit. NaN values and NaN limits never match.
func grade(v float64, t Thresholds) (Severity, float64) {
	switch {
	case v >= t.High:
		return High, t.High
	case v >= t.Medium:
		return Medium, t.Medium
	case v >= t.Low:
		return Low, t.Low
	}
	return None, math.NaN()
}

// dayText formats a local day as YYYY-MM-DD for summaries.
func dayText(t time.Time) string { return t.Format(time.DateOnly) }

// dayOf is the calendar day of local time t, as findings carry it.
func dayOf(t time.Time) analysis.Day { return analysis.DayOf(t) }
