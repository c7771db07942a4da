package report

import (
	"sort"
	"time"

	"github.com/itbcheck/itbcheck/rules"
)

// Options tune rendering.
type Options struct {
	// Color turns on ANSI colour in text output. The CLI sets it when
	// stdout is a terminal and NO_COLOR is unset.
	Color bool
	// FailOn is the lowest severity that is a JUnit failure; lower findings
	// are reported as output of a passing test. The zero value (rules.None)
	// means rules.High.
	FailOn rules.Severity
	// Weekly makes the csv format write one row per athlete-week instead of
	// one row per athlete.
	Weekly bool
	// AthletePages maps an athlete's name to the relative path of their own
	// report. When set, the HTML team overview links to those pages (the
	// batch -o DIR index) instead of to sections of the same page.
	AthletePages map[string]string
	// OverviewOnly writes a team's overview without each athlete's report
	// (batch -o team.html). It has no effect on one athlete, nor on json,
	// csv and junit, whose one document is the team's.
	OverviewOnly bool
	// Verbose makes the text report list every episode in full, with each
	// rule's explanation and the whole weekly table; the default is the
	// brief view that fits a screen.
	Verbose bool
	// Width is the column the text report wraps at; 0 means 80 (the CLI
	// passes the terminal's width when stdout is one).
	Width int
}

// width is the text report's wrapping column: Width, at least minWidth,
// 80 when unset.
func (o Options) width() int {
	if o.Width <= 0 {
		return defaultWidth
	}
	return max(o.Width, minWidth)
}

// overviewOnly reports whether r is rendered as the team overview alone.
func (o Options) overviewOnly(r *Report) bool { return o.OverviewOnly && len(r.Athletes) > 1 }

// failOn is the effective failure threshold.
func (o Options) failOn() rules.Severity {
	if o.FailOn == rules.None {
		return rules.High
	}
	return o.FailOn
}

// SortByRisk orders athletes with a red flag first, then by the highest
// severity open now (a resolved HIGH never ranks above an open MEDIUM),
// then by their current open risk (OpenRisk, highest first), then highest
// severity, then name. Info notes never count.
func SortByRisk(as []*Athlete) {
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if fa, fb := hasRedFlag(a), hasRedFlag(b); fa != fb {
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

// Weights of the team ranking: a finding at low, medium and high, and the
// share of that weight a resolved episode keeps.
const (
	riskLow, riskMedium, riskHigh = 1.0, 3.0, 9.0
	resolvedShare                 = 0.3
	// openWeeks is how many weeks at the end of the athlete's period count
	// as "now": a finding whose last week falls in them is open.
	openWeeks = 2
)

// OpenRisk scores the athlete's current risk for the team ranking: every
// finding at low or higher weighs by its severity (low 1, medium 3, high
// 9), fully while it is open (its last day or week within the last 2
// weeks of the period), 0.3 of that once resolved. Info notes weigh nothing.
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
		end = a.Season.Weeks[len(a.Season.Weeks)-1].Monday.AddDate(0, 0, 6)
	}
	if end.IsZero() {
		return ""
	}
	return day(mondayOf(end).AddDate(0, 0, -7*(openWeeks-1)))
}

// IsOpen reports whether finding f is open now: its last day or week
// falls within the last openWeeks weeks of the athlete's period. Without a
// period every finding is open.
func (a *Athlete) IsOpen(f rules.Finding) bool {
	since := a.OpenSince()
	last := lastDate(f)
	return since == "" || last == "" || last >= since
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

// byRisk returns a copy of the athletes sorted by SortByRisk.
func byRisk(as []*Athlete) []*Athlete {
	out := append([]*Athlete(nil), as...)
	SortByRisk(out)
	return out
}

// day formats t as YYYY-MM-DD, "" for the zero time.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// periodText describes the athlete's period for people.
func periodText(a *Athlete) string {
	if a.From.IsZero() && a.To.IsZero() {
		return "no activity"
	}
	return day(a.From) + " to " + day(a.To)
}

// weeksOf returns the athlete's weeks, nil without a season.
func weeksOf(a *Athlete) int {
	if a.Season == nil {
		return 0
	}
	return len(a.Season.Weeks)
}

// flaggedWeeks gives the Mondays (YYYY-MM-DD) of weeks that have a finding
// at low or higher (every week of an episode), with the highest severity
// found in them.
func flaggedWeeks(fs []rules.Finding) map[string]rules.Severity {
	m := map[string]rules.Severity{}
	for _, f := range fs {
		if f.Severity < rules.Low {
			continue // a note is not a finding
		}
		t, err := time.Parse("2006-01-02", f.Date)
		if err != nil {
			continue
		}
		end := t
		if u, err := time.Parse("2006-01-02", f.Until); err == nil && u.After(t) {
			end = u
		}
		for w := mondayOf(t); !w.After(end); w = w.AddDate(0, 0, 7) {
			if k := day(w); f.Severity > m[k] {
				m[k] = f.Severity
			}
		}
	}
	return m
}

// mondayOf is the Monday of t's ISO week, at midnight in t's location.
func mondayOf(t time.Time) time.Time {
	off := (int(t.Weekday()) + 6) % 7
	y, mo, d := t.Date()
	return time.Date(y, mo, d-off, 0, 0, 0, 0, t.Location())
}
