package report

import (
	"fmt"
	"github.com/itbcheck/itbcheck/analysis"
	"time"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
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
func (o Options) overviewOnly(r *screen.Report) bool { return o.OverviewOnly && len(r.Athletes) > 1 }

// failOn is the effective failure threshold.
func (o Options) failOn() rules.Severity {
	if o.FailOn == rules.None {
		return rules.High
	}
	return o.FailOn
}

// day formats t as YYYY-MM-DD, "" for the zero time.
func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// periodText describes the athlete's period for people.
func periodText(a *screen.Athlete) string {
	if a.From.IsZero() && a.To.IsZero() {
		return "no activity"
	}
	s := day(a.From) + " to " + day(a.To)
	if c := cappedText(a); c != "" {
		s += "; " + c
	}
	return s
}

// cappedText says that the default window cut the season: "showing the
// last 26 weeks of this season (it began 2025-09-01); --since shows
// more"; "" when it did not.
func cappedText(a *screen.Athlete) string {
	if !a.Capped || a.Season == nil {
		return ""
	}
	began := ""
	for _, sp := range a.Season.Seasons {
		if sp.Current {
			began = fmt.Sprintf(" (it began %s)", sp.First.Format(time.DateOnly))
			break
		}
	}
	return fmt.Sprintf("showing the last %d weeks of this season%s; --since shows more", analysis.WindowWeeks, began)
}

// weeksOf returns the athlete's weeks, nil without a season.
func weeksOf(a *screen.Athlete) int {
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
		first, last := f.Date, f.Date
		if f.Until > first {
			last = f.Until
		}
		for w := first.Monday(); w <= last; w += 7 {
			if k := w.String(); f.Severity > m[k] {
				m[k] = f.Severity
			}
		}
	}
	return m
}

// mondayOf is the Monday of t's ISO week (analysis.Day.Monday), at
// midnight in t's location.
func mondayOf(t time.Time) time.Time { return analysis.DayOf(t).Monday().Time(t.Location()) }
