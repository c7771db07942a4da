package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/itbcheck/itbcheck/analysis"
)

// State says what a rule could make of a season.
type State string

// Rule states of the JSON report's `rules` list.
const (
	// Judged: the rule had the data it needs; no finding means nothing found.
	Judged State = "judged"
	// Learning: the rule is still building the athlete's baseline.
	Learning State = "learning"
	// NoData: the season lacks the channel the rule reads (no GPS, no
	// running dynamics, no altitude, no shoes).
	NoData State = "no-data"
	// Disabled: the config turned the rule off.
	Disabled State = "disabled"
)

// Status is what one rule could judge in a season, with the reason when
// it could not ("3 of 8 weeks of balance data").
type Status struct {
	Rule   string
	State  State
	Reason string
}

// Result is what the catalogue made of one season: the findings, sorted
// as SortFindings does, and one status per rule in catalogue order.
type Result struct {
	Findings []Finding
	Statuses []Status
}

// Pass is what a rule's Run gets: the season, the thresholds and config
// in force, and the findings of the rules it requires. Run reports its
// findings and, when it could not judge, its state through the pass.
type Pass struct {
	Rule       *Rule
	Season     *analysis.Season
	Thresholds Thresholds
	Config     *Config

	results   map[*Rule][]Finding
	findings  []Finding
	status    Status
	notJudged []string
}

// Report adds a finding of the pass's rule. Rule comes from the rule;
// Mechanism, Explanation and Advice too unless the finding sets its own
// (the symptom rule describes each pain episode's own context).
func (p *Pass) Report(f Finding) {
	f.Rule = p.Rule
	if f.Mechanism == nil {
		f.Mechanism = p.Rule.Mechanism
	}
	f.Mechanism = append([]Link(nil), f.Mechanism...)
	if f.Explanation == "" {
		f.Explanation = p.Rule.Explanation
	}
	if f.Advice == "" {
		f.Advice = p.Rule.Advice
	}
	p.findings = append(p.findings, f)
}

// Learning says that the rule lacks the history to judge yet; the reason
// is one short phrase with the numbers, "3 of 8 weeks of balance data".
func (p *Pass) Learning(format string, args ...any) {
	p.status = Status{Rule: p.Rule.ID, State: Learning, Reason: fmt.Sprintf(format, args...)}
}

// Partly says that the rule judged the season but left part of it
// unjudged, and why: "3 track runs not judged (…)". The state stays
// judged; the reports say the reason.
func (p *Pass) Partly(format string, args ...any) {
	p.status = Status{Rule: p.Rule.ID, State: Judged, Reason: fmt.Sprintf(format, args...)}
}

// NoData says that the season lacks what the rule reads, "no GPS".
func (p *Pass) NoData(format string, args ...any) {
	p.status = Status{Rule: p.Rule.ID, State: NoData, Reason: fmt.Sprintf(format, args...)}
}

// NotJudged says that some runs were left out of the rule's judgement
// (nothing silent): "3 runs recorded with … were not judged for balance".
// The phrase is added to the rule's status reason whatever its state, so a
// judged rule carries it as its reason.
func (p *Pass) NotJudged(format string, args ...any) {
	p.notJudged = append(p.notJudged, fmt.Sprintf(format, args...))
}

// ResultOf gives the findings of rule r, which must be among the pass's
// rule's Requires; nil when r is disabled or found nothing.
func (p *Pass) ResultOf(r *Rule) []Finding {
	if !slices.Contains(p.Rule.Requires, r) {
		panic(fmt.Sprintf("rules: %s reads %s without requiring it", p.Rule.ID, r.ID))
	}
	return p.results[r]
}

// Check runs rule r alone (and what it requires) on a season with the
// config's thresholds, and returns its findings and status. cfg may be nil.
func (r *Rule) Check(s *analysis.Season, cfg *Config) ([]Finding, Status) {
	e := newEvaluation(s, cfg)
	e.run(r)
	return e.results[r], e.statuses[r]
}

// Screen runs every rule of All on a season with the config's thresholds.
// cfg may be nil. A nil or empty season gives no findings and every
// enabled rule's state no-data.
func Screen(s *analysis.Season, cfg *Config) Result {
	e := newEvaluation(s, cfg)
	var out Result
	for _, r := range All {
		e.run(r)
		out.Findings = append(out.Findings, e.results[r]...)
		out.Statuses = append(out.Statuses, e.statuses[r])
	}
	SortFindings(out.Findings)
	return out
}

// evaluation runs rules once each, requirements first.
type evaluation struct {
	season   *analysis.Season
	cfg      *Config
	results  map[*Rule][]Finding
	statuses map[*Rule]Status
}

func newEvaluation(s *analysis.Season, cfg *Config) *evaluation {
	if s != nil {
		// The baselines the weeks are judged by start as the plain fits;
		// the cadence and balance rules record their own as they run.
		s.RecordCadence(nil)
		s.RecordBalance(nil)
	}
	return &evaluation{season: s, cfg: cfg, results: map[*Rule][]Finding{}, statuses: map[*Rule]Status{}}
}

// run runs r after its requirements, unless it ran already.
func (e *evaluation) run(r *Rule) {
	if _, done := e.statuses[r]; done {
		return
	}
	e.statuses[r] = Status{Rule: r.ID, State: Learning, Reason: "in progress"} // stops a cycle
	for _, req := range r.Requires {
		e.run(req)
	}
	switch {
	case !e.cfg.Enabled(r):
		e.statuses[r] = Status{Rule: r.ID, State: Disabled}
		return
	case e.season == nil || len(e.season.Weeks) == 0:
		e.statuses[r] = Status{Rule: r.ID, State: NoData, Reason: "no runs"}
		return
	}
	p := &Pass{Rule: r, Season: e.season, Thresholds: e.cfg.Thresholds(r), Config: e.cfg,
		results: e.results, status: Status{Rule: r.ID, State: Judged}}
	if r.Run != nil {
		r.Run(p)
	}
	e.results[r] = p.findings
	if len(p.notJudged) > 0 {
		p.status.Reason = strings.Join(append(slices.DeleteFunc([]string{p.status.Reason}, func(s string) bool { return s == "" }), p.notJudged...), "; ")
	}
	e.statuses[r] = p.status
}
