package rules

import (
	"fmt"
	"strings"

	"github.com/itbcheck/itbcheck/analysis"
)

// Severity grades a finding.
type Severity int

// Severities in increasing order. None is the zero value: no finding.
const (
	None Severity = iota
	Low
	Medium
	High
)

// String gives the contract's lower-case name.
func (s Severity) String() string {
	switch s {
	case Low:
		return "low"
	case Medium:
		return "medium"
	case High:
		return "high"
	}
	return "none"
}

// MarshalText writes the lower-case name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// ParseSeverity reads "low", "medium" or "high".
func ParseSeverity(v string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "low":
		return Low, nil
	case "medium":
		return Medium, nil
	case "high":
		return High, nil
	}
	return None, fmt.Errorf("unknown severity %q (want low, medium or high)", v)
}

// Link is one link of the mechanism chain (ids of DOMAIN.md).
type Link string

// The mechanism chain.
const (
	TrainingLoad     Link = "training-load"
	GluteFatigue     Link = "glute-fatigue"
	TFLCompensation  Link = "tfl-compensation"
	ITBTension       Link = "itb-tension"
	KneeFlexionLoad  Link = "knee-flexion-load"
	PelvicTilt       Link = "pelvic-tilt"
	LumbarOverload   Link = "lumbar-overload"
	GaitCompensation Link = "gait-compensation"
	SurfaceAsymmetry Link = "surface-asymmetry"
	Footwear         Link = "footwear"
)

// Thresholds are a rule's limits for each severity, in the unit of the
// rule's metric. A NaN limit means the rule has no such severity.
type Thresholds struct {
	Low    float64
	Medium float64
	High   float64
}

// Finding is one risk pattern seen in the data, with its evidence.
type Finding struct {
	Rule        string
	Severity    Severity
	Date        string // YYYY-MM-DD: the activity's day, or the Monday of the week
	Activity    string // source of the run the finding is about; "" for week findings
	Metric      string
	Value       float64
	Threshold   float64
	Summary     string // one line with the numbers
	Mechanism   []Link
	Explanation string // walks the mechanism path in plain words
	Advice      string
}

// Rule is one risk pattern: documentation plus a check.
type Rule struct {
	ID        string // stable id of the contract
	Family    string // training load, cadence, asymmetry, terrain, equipment, compound
	Doc       string // what it detects, one or two sentences
	Computes  string // how the metric is computed, with units
	Mechanism []Link // its path through the chain; ends at lumbar-overload
	Evidence  string // sources and how strong they are
	Defaults  Thresholds
	// Unit names the unit of the thresholds and of Finding.Value/Threshold,
	// e.g. "ACWR", "% weekly change", "spm".
	Unit string
	// LowerIsWorse marks rules whose thresholds are lower limits (a value
	// below the threshold fires), such as low-cadence.
	LowerIsWorse bool
	// DisabledByDefault rules run only when the config enables them.
	DisabledByDefault bool
	// Check finds the pattern in a season with the thresholds in force.
	Check func(s *analysis.Season, t Thresholds, cfg *Config) []Finding

	// describe, when set, prints the thresholds in force for ThresholdText.
	describe func(t Thresholds) string
}

// Settings override one rule's defaults; nil fields keep the default.
type Settings struct {
	Enabled *bool
	Low     *float64
	Medium  *float64
	High    *float64
}

// Shoe is a pair of shoes from the config's gear section.
type Shoe struct {
	PriorKm float64 // km run in them before the exports start
	LimitKm float64 // the athlete's own retirement mileage; 0 for the rule's defaults
}

// Config is what the rules read from the configuration.
type Config struct {
	Rules map[string]Settings // by rule id
	Gear  map[string]Shoe     // by shoe name, as in Strava's "Activity Gear"
}
