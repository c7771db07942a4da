package screen

import (
	"sort"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
)

// SortByRisk orders athletes with a red flag first, then by the highest
// severity open now (a resolved HIGH never ranks above an open MEDIUM),
// then by their current open risk (OpenRisk, highest first), then highest
// severity, then name. Info notes never count.
func SortByRisk(as []*Athlete) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if fa, fb := a.HasRedFlag(), b.HasRedFlag(); fa != fb {
			return fa // red flags first, always
		}
		if oa, ob := a.OpenHighest(), b.OpenHighest(); oa != ob {
			return oa > ob
		}
		if ra, rb := a.OpenRisk(), b.OpenRisk(); ra != rb {
			return ra > rb
		}
		if ha, hb := a.Highest(), b.Highest(); ha != hb {
			return ha > hb
		}
		return a.Name < b.Name
	})
}

// ByRisk returns a copy of the athletes sorted by SortByRisk.
func ByRisk(as []*Athlete) []*Athlete {
	out := append([]*Athlete(nil), as...)
	SortByRisk(out)
	return out
}

// HasRedFlag reports whether the athlete has a red flag.
func (a *Athlete) HasRedFlag() bool { return len(rules.RedFlagsOf(a.Findings)) > 0 }

// Weights of the team ranking: a finding at low, medium and high, and the
// share of that weight a resolved episode keeps.
const (
	riskLow, riskMedium, riskHigh = 1.0, 3.0, 9.0
	resolvedShare                 = 0.3
	// ackedShare is the share an open finding keeps once a coach has
	// acknowledged it (itbcheck ack): below an unacknowledged finding of
	// the same severity, above any of a lower one.
	ackedShare = 0.9
	// openWeeks is how many weeks at the end of the athlete's period count
	// as "now": a finding whose last week falls in them is open.
	openWeeks = 2
)

// OpenRisk scores the athlete's current risk for the team ranking: every
// finding at low or higher weighs by its severity (low 1, medium 3, high
// 9), fully while it is open (its last day or week within the last 2
// weeks of the period), 0.3 of that once resolved, 0.9 while a coach's
// acknowledgement of it is in force. Info notes weigh nothing.
func (a *Athlete) OpenRisk() float64 {
	score := 0.0
	for _, f := range a.Findings {
		w := 0.0
		switch f.Severity {
		case rules.Low:
			w = riskLow
		case rules.Medium:
			w = riskMedium
		case rules.High:
			w = riskHigh
		}
		if !a.IsOpen(f) {
			w *= resolvedShare
		} else if _, ok := a.Acknowledged(f); ok {
			w *= ackedShare
		}
		score += w
	}
	return score
}

// OpenSince is the first day (YYYY-MM-DD) of the athlete's "now": the
// Monday openWeeks-1 weeks before the last week of the period; "" when
// the athlete has no period.
func (a *Athlete) OpenSince() string {
	end := a.To
	if a.Season != nil && len(a.Season.Weeks) > 0 {
		end = (a.Season.Weeks[len(a.Season.Weeks)-1].Monday + 6).Time(a.Season.Params.Location)
	}
	if end.IsZero() {
		return ""
	}
	return (analysis.DayOf(end).Monday() - 7*(openWeeks-1)).String()
}

// IsOpen reports whether finding f is open now: its last day or week
// falls within the last openWeeks weeks of the athlete's period. Without a
// period every finding is open.
func (a *Athlete) IsOpen(f rules.Finding) bool {
	since := a.OpenSince()
	last := f.Date
	if f.Until != 0 {
		last = f.Until
	}
	return since == "" || last == 0 || last.String() >= since
}

// OpenHighest is the highest severity among the athlete's findings open
// now (IsOpen), info notes left out: rules.None when nothing is open.
func (a *Athlete) OpenHighest() rules.Severity {
	h := rules.None
	for _, f := range a.Findings {
		if f.Severity >= rules.Low && f.Severity > h && a.IsOpen(f) {
			h = f.Severity
		}
	}
	return h
}

// Highest is the highest severity among the athlete's findings, info notes
// left out: rules.None when there is no finding at low or higher.
func (a *Athlete) Highest() rules.Severity {
	h := rules.None
	for _, f := range a.Findings {
		if f.Severity > h && f.Severity >= rules.Low {
			h = f.Severity
		}
	}
	return h
}

// Counts is the number of findings per severity.
type Counts struct {
	High, Medium, Low, Info int
}

// Total is the number of findings at low or higher; info notes are
// counted apart.
func (c Counts) Total() int { return c.High + c.Medium + c.Low }

func (c *Counts) add(s rules.Severity) {
	switch s {
	case rules.High:
		c.High++
	case rules.Medium:
		c.Medium++
	case rules.Low:
		c.Low++
	case rules.Info:
		c.Info++
	}
}

// Counts gives the number of the athlete's findings per severity.
func (a *Athlete) Counts() Counts {
	var c Counts
	for _, f := range a.Findings {
		c.add(f.Severity)
	}
	return c
}

// Counts gives the number of findings per severity over all athletes.
func (r *Report) Counts() Counts {
	var c Counts
	for _, a := range r.Athletes {
		for _, f := range a.Findings {
			c.add(f.Severity)
		}
	}
	return c
}

// Runs is the number of running activities of the athlete (the ones that
// count for load).
func (a *Athlete) Runs() int {
	if a.counted != nil {
		return a.counted.runs
	}
	if a.Season == nil {
		return 0
	}
	n := 0
	for _, r := range a.Season.Runs {
		if r.IsRun {
			n++
		}
	}
	return n
}

// Activities is the number of activities read for the athlete, running or
// not.
func (a *Athlete) Activities() int {
	if a.counted != nil {
		return a.counted.activities
	}
	if a.Season == nil {
		return 0
	}
	return len(a.Season.Runs)
}

// SummaryWeeks is how many of an athlete's last weeks a Summary keeps:
// the team overview's sparkline's, which hold this week's and last week's
// figures too.
const SummaryWeeks = 16

// Summary is what the team overview, the totals and the exit codes need
// of an athlete, without the runs and all but the last weeks of the
// season and without the per-run spike figures: its name, findings and
// rule statuses, unreadable inputs, period, symptom log, and the counts
// of activities and runs. It is a
// copy, made once: later calls with the same a return the same copy, so
// that the reports of a run that each keep the team's summaries hold one
// per athlete between them. Call it once a is final: a change to a made
// after is not in the summary (a copy of *a gets its own). The overview's figures from a
// summary are those from a.
func Summary(a *Athlete) *Athlete {
	if a == nil || a.counted != nil {
		return a
	}
	if a.summary != nil && a.summaryOf == a {
		return a.summary
	}
	s := *a
	s.summary, s.summaryOf = nil, nil
	// The per-run spike figures are for the athlete's own charts, never
	// the overview's: kept, they grew the team's summaries by ~14 KB an
	// athlete (BenchmarkPeakRSS).
	s.SessionSpikes = nil
	last, _ := LastRun(a)
	s.counted = &runCounts{activities: a.Activities(), runs: a.Runs(), lastRun: last}
	if a.Season != nil {
		season := &analysis.Season{Athlete: a.Season.Athlete, Params: a.Season.Params,
			Duplicates: a.Season.Duplicates, Load: a.Season.Load,
			Symptoms: a.Season.Symptoms, SymptomLog: a.Season.SymptomLog}
		weeks := a.Season.Weeks[max(0, len(a.Season.Weeks)-SummaryWeeks):]
		season.Weeks = append([]analysis.Week(nil), weeks...)
		s.Season = season
	}
	a.summary, a.summaryOf = &s, a
	return &s
}

// runCounts are the counts of a summarised athlete's activities, whose
// season no longer holds the runs.
type runCounts struct {
	activities, runs int
	lastRun          time.Time // LastRun's day; zero without a run
}
