package rules

import (
	"math"
	"sort"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// Small views of a Season that several rules share.
//
// TODO(analysis): the baseline helpers here (weekly run lists, cadence and
// balance baselines, descent baseline) are planned as methods of
// analysis.Season; switch to them when they land.

const (
	// baselineWeeks is how many weeks before week i form its baseline.
	baselineWeeks = 6
	// minBaselineRuns is the fewest runs a baseline needs to be valid.
	minBaselineRuns = 8
)

// seasonView groups a season's running activities by ISO week.
type seasonView struct {
	s      *analysis.Season
	byWeek [][]analysis.Run // running activities of s.Weeks[i], in start order
	index  map[string]int   // week index by its Monday, YYYY-MM-DD
}

// newView indexes the season's runs by week. Runs outside the weeks (which
// analysis does not produce) and non-running activities are left out.
func newView(s *analysis.Season) *seasonView {
	v := &seasonView{s: s, byWeek: make([][]analysis.Run, len(s.Weeks))}
	for _, r := range s.Runs {
		if !r.IsRun {
			continue
		}
		if i := v.weekIndex(r); i >= 0 {
			v.byWeek[i] = append(v.byWeek[i], r)
		}
	}
	return v
}

// baselineRuns returns the runs of the baselineWeeks weeks before week i.
func (v *seasonView) baselineRuns(i int) []analysis.Run {
	var runs []analysis.Run
	for j := max(0, i-baselineWeeks); j < i; j++ {
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

// cadenceModel fits cadence = a + b·speed on runs (the baseline): gonum's
// least squares when at least minBaselineRuns runs have speed and cadence,
// the speeds vary and the slope is positive; else the median cadence of
// the runs with slope 0 (SpeedAdjusted false). Valid false with fewer than
// minBaselineRuns runs with cadence.
func cadenceModel(runs []analysis.Run) analysis.CadenceModel {
	var cad, spdX, spdY []float64
	for _, r := range runs {
		if !finite(r.CadenceSPM) {
			continue
		}
		cad = append(cad, r.CadenceSPM)
		if finite(r.AvgSpeedMS) && r.AvgSpeedMS > 0 {
			spdX = append(spdX, r.AvgSpeedMS)
			spdY = append(spdY, r.CadenceSPM)
		}
	}
	if len(cad) < minBaselineRuns {
		return analysis.CadenceModel{Runs: len(cad)}
	}
	if len(spdX) >= minBaselineRuns && stat.StdDev(spdX, nil) > 0.05 {
		a, b := stat.LinearRegression(spdX, spdY, nil, false)
		if finite(a) && finite(b) && b > 0 {
			return analysis.CadenceModel{Valid: true, Intercept: a, Slope: b, Runs: len(spdX), SpeedAdjusted: true}
		}
	}
	return analysis.CadenceModel{Valid: true, Intercept: median(cad), Runs: len(cad)}
}

// residualPct is how far a cadence lies from the model's prediction at the
// given speed, in percent of the prediction; NaN when it cannot be judged.
func residualPct(m analysis.CadenceModel, cadenceSPM, speedMS float64) float64 {
	if !m.Valid || !finite(cadenceSPM) {
		return math.NaN()
	}
	want := m.Intercept
	if m.SpeedAdjusted {
		if !finite(speedMS) || speedMS <= 0 {
			return math.NaN()
		}
		want += m.Slope * speedMS
	}
	if want <= 0 {
		return math.NaN()
	}
	return (cadenceSPM - want) / want * 100
}

// predict is the model's cadence at a speed (the intercept without speed
// adjustment).
func predict(m analysis.CadenceModel, speedMS float64) float64 {
	if m.SpeedAdjusted {
		return m.Intercept + m.Slope*speedMS
	}
	return m.Intercept
}

// weekIndex is the index in s.Weeks of the week run r falls in, or -1.
func (v *seasonView) weekIndex(r analysis.Run) int {
	if v.index == nil {
		v.index = make(map[string]int, len(v.s.Weeks))
		for i, w := range v.s.Weeks {
			v.index[dayText(w.Monday)] = i
		}
	}
	if i, ok := v.index[dayText(mondayOf(runDay(v.s, r)))]; ok {
		return i
	}
	return -1
}
