package report

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// The human reports (text, Markdown, HTML) open each athlete with a verdict,
// one line per rule that fired, then show one block per rule: its findings
// as compact lines, and the rule's "why it matters" and "what to do" once.

// ruleGroup is one rule's findings for one athlete.
type ruleGroup struct {
	Rule        *rules.Rule
	Name        string         // the rule in plain words, capitalised
	Highest     rules.Severity // highest severity among Findings
	Findings    []rules.Finding
	Chain       []rules.Link // the union of the findings' mechanism paths
	Explanation string
	Advice      string
}

// groupByRule gathers findings by rule: compound-risk first (it says that
// patterns pile up), then by highest severity, first date and catalogue
// order. Within a group, findings are in date order, then highest severity
// first.
func groupByRule(fs []rules.Finding) []ruleGroup {
	index := map[*rules.Rule]int{}
	var gs []ruleGroup
	for _, f := range fs {
		i, ok := index[f.Rule]
		if !ok {
			i = len(gs)
			index[f.Rule] = i
			gs = append(gs, ruleGroup{Rule: f.Rule, Name: titleOf(f.Rule),
				Explanation: f.Rule.Explanation, Advice: f.Rule.Advice})
		}
		g := &gs[i]
		g.Findings = append(g.Findings, f)
		if f.Severity > g.Highest {
			g.Highest = f.Severity
		}
		if g.Explanation == "" {
			g.Explanation = f.Explanation
		}
		if g.Advice == "" {
			g.Advice = f.Advice
		}
	}
	order := map[string]int{}
	for i, id := range catalogueIDs(fs) {
		order[id] = i
	}
	for i := range gs {
		g := &gs[i]
		sort.SliceStable(g.Findings, func(a, b int) bool {
			fa, fb := g.Findings[a], g.Findings[b]
			if fa.Date != fb.Date {
				return fa.Date < fb.Date
			}
			return fa.Severity > fb.Severity
		})
		g.Chain = unionChain(g.Rule, g.Findings)
		if own := ownExplanations(g.Rule, g.Findings); own != "" {
			g.Explanation = own
		}
	}
	sort.SliceStable(gs, func(i, j int) bool {
		a, b := gs[i], gs[j]
		if ca, cb := a.Rule == rules.CompoundRisk, b.Rule == rules.CompoundRisk; ca != cb {
			return ca
		}
		if a.Highest != b.Highest {
			return a.Highest > b.Highest
		}
		if da, db := a.Findings[0].Date, b.Findings[0].Date; da != db {
			return da < db
		}
		return order[a.Rule.ID] < order[b.Rule.ID]
	})
	return gs
}

// ownExplanations joins, in date order and once each, the explanations
// the symptom rule's findings carry: each pain episode is described with
// the training before it; "" for other rules.
func ownExplanations(r *rules.Rule, fs []rules.Finding) string {
	if r != rules.Symptom {
		return ""
	}
	var own []string
	for _, f := range fs {
		if f.Explanation != "" && f.Explanation != rules.Symptom.Explanation && !slices.Contains(own, f.Explanation) {
			own = append(own, f.Explanation)
		}
	}
	return strings.Join(own, " ")
}

// unionChain joins the mechanism paths of a rule's findings: the links in
// the order of the rule's own path, then links the catalogue does not list
// for it in the order first seen.
func unionChain(r *rules.Rule, fs []rules.Finding) []rules.Link {
	seen := map[rules.Link]bool{}
	for _, f := range fs {
		for _, l := range f.Mechanism {
			seen[l] = true
		}
	}
	var out []rules.Link
	if r != nil {
		for _, l := range r.Mechanism {
			if seen[l] {
				out = append(out, l)
				delete(seen, l)
			}
		}
	}
	for _, f := range fs {
		for _, l := range f.Mechanism {
			if seen[l] {
				out = append(out, l)
				delete(seen, l)
			}
		}
	}
	return out
}

// titleOf gives rule r in plain words, capitalised (its Title); the id
// for a rule without one.
func titleOf(r *rules.Rule) string {
	if r.Title != "" {
		return r.Title
	}
	return r.ID
}

// ruleName gives the rule of a status (id) in plain words, capitalised
// (its Title); the id for a rule the report does not know.
func ruleName(id string) string {
	if r := rules.ByID(id); r != nil && r.Title != "" {
		return r.Title
	}
	return id
}

// riskGroups are the groups with a finding at low or higher; noteGroups
// the groups of info notes alone.
func riskGroups(gs []ruleGroup) (risks, notes []ruleGroup) {
	for _, g := range gs {
		if g.Highest >= rules.Low {
			risks = append(risks, g)
		} else {
			notes = append(notes, g)
		}
	}
	return risks, notes
}

// statusNotes gives one sentence for each rule that could not judge the
// athlete's data: "Still learning your baseline for cadence down from
// your baseline (3 of 8 weeks with cadence)." or "Could not judge track
// laps run one way (no GPS)."; and for a judged rule that left runs out,
// "Judged ... in part: 2 runs recorded with ... were not judged
// for balance."
//
// Activities whose figures cannot be a run (analysis.Run.Implausible) are
// noted last, with their count: they are listed, never counted.
func statusNotes(a *screen.Athlete) []string {
	out := ruleNotes(a)
	if n, why := implausibleRuns(a); n > 0 {
		acts := "activities"
		if n == 1 {
			acts = "activity"
		}
		out = append(out, fmt.Sprintf("%d %s tagged as runs listed as implausible (e.g. %s): not counted as running load nor in the cadence rules.", n, acts, why))
	}
	return out
}

// implausibleRuns counts the athlete's implausible "runs" and gives the
// first one's reason.
func implausibleRuns(a *screen.Athlete) (n int, first string) {
	if a.Season == nil {
		return 0, ""
	}
	for _, r := range a.Season.Runs {
		if r.Implausible != "" {
			if n == 0 {
				first = r.Implausible
			}
			n++
		}
	}
	return n, first
}

// ruleNotes gives the sentences of statusNotes about the rules.
func ruleNotes(a *screen.Athlete) []string {
	var out []string
	for _, st := range a.Rules {
		reason := ""
		if st.Reason != "" {
			reason = " (" + st.Reason + ")"
		}
		name := lowerFirst(ruleName(st.Rule))
		switch st.State {
		case rules.Learning:
			out = append(out, "Still learning your baseline for "+name+reason+".")
		case rules.NoData:
			out = append(out, "Could not judge "+name+reason+".")
		case rules.Judged:
			if st.Reason != "" {
				out = append(out, "Judged "+name+" in part: "+st.Reason+".")
			}
		}
	}
	return out
}

// quietText is what an athlete without risk findings reads: an all-clear
// only when every rule could judge.
func quietText(a *screen.Athlete) string {
	if u := unknownSportText(a); u != "" {
		// Never an all-clear over files that were not judged at all.
		return fmt.Sprintf("No risk pattern found in %d weeks of running; %s, not judged.", weeksOf(a), u)
	}
	if len(ruleNotes(a)) == 0 {
		return fmt.Sprintf("No risk pattern found in %d weeks of running. Keep building gradually.", weeksOf(a))
	}
	for _, st := range a.Rules {
		if st.State == rules.Learning || st.State == rules.NoData {
			return fmt.Sprintf("No risk pattern found in %d weeks of running by the rules that could judge; the others are listed below.", weeksOf(a))
		}
	}
	return fmt.Sprintf("No risk pattern found in %d weeks of running; some runs were not judged, as listed below.", weeksOf(a))
}

// spanText is a finding's date, or its episode's first and last: "2026-05-04 to 2026-05-25".
func spanText(f rules.Finding) string {
	if f.Until == 0 || f.Until == f.Date {
		return f.Date.String()
	}
	return f.Date.String() + " to " + f.Until.String()
}

// lastDate is the last day or week a finding covers.
func lastDate(f rules.Finding) analysis.Day {
	if f.Until != 0 {
		return f.Until
	}
	return f.Date
}

// verdictText is a group in one line of plain words: when it happened and
// its strongest number, e.g. "Ground contact balance off 50/50: 5 weeks
// from 4 May to 1 Jun, at worst 2.6 pp". keep, when set, rewrites the
// number so that it stays on one line.
func verdictText(g ruleGroup, a *screen.Athlete, keep func(string) string) string {
	withYear := a.From.Year() != a.To.Year()
	first := g.Findings[0]
	end := lastDate(first)
	for _, f := range g.Findings {
		end = max(end, lastDate(f))
	}
	n := len(g.Findings)
	runs := 0
	for _, f := range g.Findings {
		if f.Activity != "" {
			runs++
		}
	}
	var when string
	switch {
	case n == 1 && runs == 1:
		when = "run on " + shortDay(first.Date, withYear)
	case n == 1 && end != first.Date:
		when = "weeks of " + shortDay(first.Date, withYear) + " to " + shortDay(end, withYear)
	case n == 1:
		when = "week of " + shortDay(first.Date, withYear)
	default:
		unit := "times"
		if runs == n {
			unit = "runs"
		}
		when = fmt.Sprintf("%d %s from %s to %s", n, unit, shortDay(first.Date, withYear), shortDay(end, withYear))
	}
	worst := strongest(g.Findings)
	if worst.Metric == "" {
		return g.Name + ": " + when
	}
	v := valueText(worst)
	if n > 1 {
		v = "at worst " + v
	}
	if keep != nil {
		v = keep(v)
	}
	return g.Name + ": " + when + ", " + v
}

// strongest is the finding of highest severity that passes its threshold
// by the widest margin; the earliest on a tie.
func strongest(fs []rules.Finding) rules.Finding {
	best := fs[0]
	margin := func(f rules.Finding) float64 {
		m := math.Abs(f.Value - f.Threshold)
		if math.IsNaN(m) {
			return -1
		}
		return m
	}
	for _, f := range fs[1:] {
		if f.Severity > best.Severity || (f.Severity == best.Severity && margin(f) > margin(best)) {
			best = f
		}
	}
	return best
}

// shortDate turns YYYY-MM-DD into "4 May" (or "4 May 2026"); other text is
// returned as it is.
func shortDate(d string, withYear bool) string {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		return d
	}
	return shortTime(t, withYear)
}

// shortDay is day d as "4 May" (or "4 May 2026").
func shortDay(d analysis.Day, withYear bool) string { return shortTime(d.Time(nil), withYear) }

// shortTime is t's day as "4 May" (or "4 May 2026").
func shortTime(t time.Time, withYear bool) string {
	if withYear {
		return t.Format("2 Jan 2006")
	}
	return t.Format("2 Jan")
}

// unitStyle says how to print a finding's value and threshold.
type unitStyle struct {
	prefix    string // before the value: "ACWR "
	suffix    string // after the value: " %", " pp"
	limitUnit bool   // repeat prefix and suffix on the limit
	prec      int    // decimals
	signed    bool   // always print the sign
	trim      bool   // drop trailing zeros, and decimals from values ≥ 10
}

// styleOf picks the style of a finding's numbers from its rule's Unit;
// rules without one print the metric's name and two decimals.
func styleOf(f rules.Finding) unitStyle {
	var unit rules.Unit
	if f.Rule != nil {
		unit = f.Rule.Unit
	}
	switch unit.Quantity {
	case rules.Percent:
		return unitStyle{suffix: " %", limitUnit: true, prec: 1, signed: true, trim: true}
	case rules.PercentPoints:
		return unitStyle{suffix: " pp", limitUnit: true, prec: 1}
	case rules.StepsPerMinute:
		return unitStyle{suffix: " spm", limitUnit: true}
	case rules.Kilometres:
		return unitStyle{suffix: " km", limitUnit: true}
	case rules.Metres:
		return unitStyle{suffix: " m", limitUnit: true}
	case rules.Ratio:
		return unitStyle{suffix: "×", limitUnit: true, prec: 2}
	case rules.Index:
		return unitStyle{prefix: unit.Text + " ", prec: 2}
	case rules.Families:
		return unitStyle{suffix: " families"}
	case rules.PainScore:
		return unitStyle{suffix: "/10", limitUnit: true, trim: true}
	}
	return unitStyle{prefix: f.Metric + " ", prec: 2}
}

// number formats v in style s with prec decimals.
func (s unitStyle) number(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return dash
	}
	if s.trim && math.Abs(v) >= 10 {
		prec = 0
	}
	out := strconv.FormatFloat(round(v, prec), 'f', prec, 64)
	if s.trim && strings.Contains(out, ".") {
		out = strings.TrimRight(strings.TrimRight(out, "0"), ".")
	}
	if s.signed && round(v, prec) > 0 {
		out = "+" + out
	}
	return out
}

// numbers gives value and threshold as printed, with one or two more
// decimals when rounding would make a value that passed its limit look
// equal to it.
func (s unitStyle) numbers(v, limit float64) (string, string) {
	prec := s.prec
	for {
		a, b := s.number(v, prec), s.number(limit, prec)
		if a != b || v == limit || prec >= s.prec+2 {
			return a, b
		}
		prec++
		s.trim = false
	}
}

// valueText is a finding's value with its unit: "+79 %", "ACWR 1.80".
func valueText(f rules.Finding) string {
	s := styleOf(f)
	v, _ := s.numbers(f.Value, f.Threshold)
	return s.prefix + v + s.suffix
}

// evidenceText is a finding's value and limit with their unit, rounded for
// the unit: "+79 % (limit +30 %)", "ACWR 1.80 (limit 1.50)", "3 families
// (limit 2)"; "" when the finding has no metric.
func evidenceText(f rules.Finding) string {
	if f.Metric == "" || rules.IsRedFlag(f) || f.Metric == rules.MetricTrainingSessions {
		return "" // their summary says it all
	}
	s := styleOf(f)
	v, l := s.numbers(f.Value, f.Threshold)
	if s.limitUnit {
		l = s.prefix + l + s.suffix
	}
	return s.prefix + v + s.suffix + " (limit " + l + ")"
}
