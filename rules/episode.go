package rules

import (
	"fmt"
	"math"

	"github.com/itbcheck/itbcheck/analysis"
)

// A rule judges week by week; a pattern that lasts several weeks is one
// finding, an episode, with its first and last week, its peak and trend.

// mark is one week's grade by a weekly rule.
type mark struct {
	week    int // index in Season.Weeks
	sev     Severity
	value   float64 // in the rule's unit
	limit   float64 // the threshold sev was graded on
	summary string  // the week in one line; the peak week's becomes the finding's
	// run, for rules that judge runs, is the week's worst run: the episode
	// is then dated by its first and last such run and names its peak run.
	run *analysis.Run
	// side is the side the week's pattern leans to, "" when none.
	side string
}

// episode is consecutive marked weeks of one rule.
type episode struct {
	first, last int  // week indices
	peak        mark // the week of highest severity, then the most extreme value
	start, end  mark // first and last week, for the trend
	weeks       int  // marked weeks in it
}

// maxEpisodeGap is how many quiet weeks may separate two marked weeks of
// one episode: a week of rest inside a pattern does not end it.
const maxEpisodeGap = 1

// episodes merges marks, in week order, into episodes. A week joins the
// current episode when it follows within maxEpisodeGap quiet weeks and is
// not more severe than the episode's peak; a more severe week opens a new
// episode, so that an escalation is news on the week it happens.
func episodes(marks []mark, lowerIsWorse bool) []episode {
	var out []episode
	for _, m := range marks {
		if m.sev == None {
			continue
		}
		if n := len(out); n > 0 {
			e := &out[n-1]
			if m.week-e.last <= maxEpisodeGap+1 && m.sev <= e.peak.sev {
				e.last, e.end = m.week, m
				e.weeks++
				if m.sev == e.peak.sev && worse(m.value, e.peak.value, lowerIsWorse) {
					e.peak = m
				}
				continue
			}
		}
		out = append(out, episode{first: m.week, last: m.week, peak: m, start: m, end: m, weeks: 1})
	}
	return out
}

// worse reports whether a is a more extreme value than b.
func worse(a, b float64, lowerIsWorse bool) bool {
	if lowerIsWorse {
		return a < b
	}
	return math.Abs(a) > math.Abs(b)
}

// trend says how the episode's value moved from its first week to its last.
func (e episode) trend(lowerIsWorse bool) Trend {
	if e.first == e.last {
		return ""
	}
	a, b := math.Abs(e.start.value), math.Abs(e.end.value)
	if lowerIsWorse {
		a, b = -e.start.value, -e.end.value
	}
	switch d := b - a; {
	case d > 0.1*math.Abs(a)+1e-9:
		return TrendRising
	case -d > 0.1*math.Abs(a)+1e-9:
		return TrendFalling
	}
	return TrendSteady
}

// reportEpisodes reports one week finding per episode of marks: dated on
// the first week's Monday, until the last, with the peak's value, limit
// and summary, and the span in words when it lasts more than one week.
func (p *Pass) reportEpisodes(metric string, marks []mark) {
	s := p.Season
	for _, e := range episodes(marks, p.Rule.LowerIsWorse) {
		f := Finding{
			Severity: e.peak.sev, Date: s.Weeks[e.first].Monday,
			Metric: metric, Value: e.peak.value, Threshold: e.peak.limit,
			Trend: e.trend(p.Rule.LowerIsWorse), Summary: e.peak.summary, Side: e.peak.side,
		}
		peak := "the week of " + s.Weeks[e.peak.week].Monday.String()
		if e.last > e.first {
			f.Until = s.Weeks[e.last].Monday
		}
		if e.peak.run != nil {
			f.Activity = e.peak.run.Source
			f.Date = dayOf(runDay(s, *e.start.run))
			if e.last > e.first {
				f.Until = dayOf(runDay(s, *e.end.run))
			}
			peak = "the run of " + dayText(runDay(s, *e.peak.run))
		}
		if f.Until != 0 {
			f.Summary += fmt.Sprintf("; %d weeks from %s to %s, worst on %s, %s",
				e.last-e.first+1, f.Date, f.Until, peak, f.Trend)
		}
		p.Report(f)
	}
}

// findingWeeks gives the first and last week index a finding covers in
// season s; ok false when its dates are outside the season.
func findingWeeks(s *analysis.Season, f Finding) (first, last int, ok bool) {
	first = s.WeekIndex(f.Date.Time(nil))
	last = first
	if f.Until != 0 {
		last = s.WeekIndex(f.Until.Time(nil))
	}
	return first, last, first >= 0 && last >= first
}
