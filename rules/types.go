package rules

import (
	"fmt"
	"strings"

	"github.com/itbcheck/itbcheck/analysis"
)

// Severity grades a finding.
type Severity int

// Severities in increasing order. None is the zero value: no finding.
// Info is a note (context, a constant exposure): it never counts for
// `check --fail-on` nor for the team ranking.
const (
	None Severity = iota
	Info
	Low
	Medium
	High
)

// String gives the contract's lower-case name.
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
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

// ParseSeverity reads "info", "low", "medium" or "high".
func ParseSeverity(v string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "info":
		return Info, nil
	case "low":
		return Low, nil
	case "medium":
		return Medium, nil
	case "high":
		return High, nil
	}
	return None, fmt.Errorf("unknown severity %q (want info, low, medium or high)", v)
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

// Finding is one risk pattern seen in the data, with its evidence. A
// pattern that lasts several weeks is one finding, an episode: Date is its
// first day or week, Until its last, Value its peak.
type Finding struct {
	Rule     *Rule // the rule that found it; marshalled as its id
	Severity Severity
	Date     analysis.Day // the activity's day, or the Monday of the (first) week
	Until    analysis.Day // the episode's last day or week; zero when it is one day or week
	Activity string       // source of the run the finding is about; "" for week findings
	Metric   string
	Value    float64 // the episode's peak value, in the rule's unit
	// Threshold is the limit of Severity the peak was graded on.
	Threshold float64
	// Trend says how the episode's value moved from its first to its last
	// week: TrendRising, TrendFalling, TrendSteady, or "" for one week.
	Trend       Trend
	Summary     string // one line with the numbers
	Mechanism   []Link
	Explanation string // walks the mechanism path in plain words
	Advice      string
	// Side is "left" or "right" for a pattern towards one side (the foot
	// whose ground contact grew), "" for the others; not in the JSON.
	Side string
}

// Trend is how an episode's value moved over its weeks.
type Trend string

// Trends of an episode.
const (
	TrendRising  Trend = "rising"
	TrendFalling Trend = "falling"
	TrendSteady  Trend = "steady"
)

// Rule is one risk pattern: everything the reports say about it, its
// defaults, what it builds on, and its check.
type Rule struct {
	ID     string // stable id of the contract
	Family Family // what the rule watches; charts and compound-risk select by it
	// Title names the pattern in the runner's words, capitalised:
	// "Training load spike".
	Title    string
	Doc      string // what it detects, one or two sentences
	Computes string // how the metric is computed, with units
	// Explanation walks the rule's mechanism path in plain words, saying
	// which links are well established and which plausible; findings carry it.
	Explanation string
	// Advice says what to do, ending with the pointer to a physiotherapist.
	Advice    string
	Mechanism []Link // its path through the chain; ends at lumbar-overload
	Evidence  string // sources
	Grade     Grade  // how strong the evidence is
	Defaults  Thresholds
	// Unit is the unit of the thresholds and of Finding.Value/Threshold.
	Unit Unit
	// WithinRun marks rules that judge the course of single runs (first
	// third against last): their findings name a run, which the HTML
	// report draws minute by minute.
	WithinRun bool
	// LowerIsWorse marks rules whose thresholds are lower limits (a value
	// below the threshold fires), such as low-cadence.
	LowerIsWorse bool
	// DisabledByDefault rules run only when the config enables them.
	DisabledByDefault bool
	// Requires lists the rules whose findings this rule reads through
	// Pass.ResultOf; they run first (a required rule that is disabled
	// gives no findings).
	Requires []*Rule
	// Run finds the pattern in pass.Season with pass.Thresholds and
	// reports findings and the rule's status through the pass.
	Run func(pass *Pass)

	// describe, when set, prints the thresholds in force for ThresholdText.
	describe func(t Thresholds) string
	// levelsUnordered marks rules whose limits count different things, so
	// that low ≤ medium ≤ high does not apply (compound-risk).
	levelsUnordered bool
}

// MarshalText gives the rule's id: a finding marshals its rule as the id.
func (r *Rule) MarshalText() ([]byte, error) {
	if r == nil {
		return nil, nil
	}
	return []byte(r.ID), nil
}

// Family is what a rule watches; one risk family counts once in
// compound-risk, and a chart shows the findings of its family.
type Family string

// Rule families.
const (
	FamilyLoad      Family = "training load"
	FamilyCadence   Family = "cadence"
	FamilyAsymmetry Family = "asymmetry"
	FamilyTerrain   Family = "terrain"
	FamilyEquipment Family = "equipment"
	FamilyCompound  Family = "compound"
	FamilySymptoms  Family = "symptoms"
)

// Unit is the unit of a rule's thresholds and of its findings' values:
// the quantity (how a report prints a number in it) and the words the
// catalogue says it in.
type Unit struct {
	Quantity Quantity
	Text     string // in words: "% below baseline", "km per shoe"
}

// Quantity is what a rule's numbers count, so that reports print them
// with the right symbol and precision.
type Quantity int

// Quantities of rule units.
const (
	QuantityNone   Quantity = iota // a bare number, named by the finding's metric
	Ratio                          // a multiple: 1.80×
	Percent                        // a signed percentage: +79 %
	PercentPoints                  // percentage points: 3.1 pp
	StepsPerMinute                 // cadence: 162 spm
	Kilometres                     // distance: 812 km
	Metres                         // height: 1450 m
	Index                          // a dimensionless index named by the unit: monotony 2.10
	Families                       // a count of risk families: 3 families
	PainScore                      // pain on 0–10: 6/10
)

// Grade is how strong a rule's evidence is, in DOMAIN.md's words.
type Grade string

// Evidence grades.
const (
	GradeWeak         Grade = "weak"
	GradeWeakModerate Grade = "weak–moderate"
	GradeModerate     Grade = "moderate"
	GradePlausible    Grade = "plausible, not proven"
)

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
