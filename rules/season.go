package rules

import (
	"math"
	"sort"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// Small views of a Season that several rules share. The baselines
// themselves (cadence model, balance, descent) are analysis.Season's
// methods; this view only caches the weekly run lists.

// seasonView groups a season's running activities by ISO week.
type seasonView struct {
	s      *analysis.Season
	byWeek [][]analysis.Run // running activities of s.Weeks[i], in start order
}

// newView indexes the season's running activities by week.
func newView(s *analysis.Season) *seasonView {
	v := &seasonView{s: s, byWeek: make([][]analysis.Run, len(s.Weeks))}
	for i := range s.Weeks {
		v.byWeek[i] = s.WeekRuns(i)
	}
	return v
}

// baselineRuns returns the runs of the baselineWeeks weeks before week i.
func (v *seasonView) baselineRuns(i int) []analysis.Run {
	var runs []analysis.Run
	for j := max(0, i-analysis.BaselineWeeks); j < i; j++ {
		runs = append(runs, v.byWeek[j]...)
	}
	return runs
}

// runDay is the run's start in the athlete's local time.
func runDay(s *analysis.Season, r analysis.Run) time.Time {
	if !r.LocalDate.IsZero() {
		return r.LocalDate
	}
	loc := s.Params.Location
	if loc == nil {
		loc = time.UTC
	}
	return r.Start.In(loc)
}

// mondayOf is the Monday of t's ISO week, as a calendar date.
func mondayOf(t time.Time) time.Time {
	y, m, d := t.Date()
	back := (int(t.Weekday()) + 6) % 7
	return time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC)
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// median of the finite values of xs; NaN when there are none. gonum's
// quantile estimators return an order statistic for even counts, so the
// middle pair is averaged here.
func median(xs []float64) float64 {
	var ys []float64
	for _, x := range xs {
		if finite(x) {
			ys = append(ys, x)
		}
	}
	if len(ys) == 0 {
		return math.NaN()
	}
	sort.Float64s(ys)
	n := len(ys)
	if n%2 == 1 {
		return stat.Quantile(0.5, stat.Empirical, ys, nil)
	}
	return floats.Sum(ys[n/2-1:n/2+1]) / 2
}

// weekIndex is the index in s.Weeks of the week run r falls in, or -1.
func (v *seasonView) weekIndex(r analysis.Run) int {
	return v.s.WeekIndex(runDay(v.s, r))
}
