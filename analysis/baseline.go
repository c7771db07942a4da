package analysis

import (
	"math"
	"sort"
	"time"

	"gonum.org/v1/gonum/stat"
)

// Baseline settings (DOMAIN.md: the previous 6–8 weeks, at least 8 runs).
const (
	// BaselineWeeks is how many weeks before week i make its baseline.
	BaselineWeeks = 8
	// MinBaselineRuns is the fewest runs a per-run baseline needs.
	MinBaselineRuns = 8
	// MinDescentBaselineWeeks is the fewest of the BaselineWeeks weeks with
	// a known descent that the descent baseline needs.
	MinDescentBaselineWeeks = 4
	// minSpeedSpreadMS is the smallest spread (SD) of baseline speeds for
	// which a cadence-on-speed slope is fitted; below it the model falls
	// back to the median cadence with slope 0.
	minSpeedSpreadMS = 0.05
)

// WeekIndex is the index in Weeks of the ISO week holding t's calendar date
// (in t's own zone: pass a Run's LocalDate), or -1 outside the season.
func (s *Season) WeekIndex(t time.Time) int {
	if len(s.Weeks) == 0 {
		return -1
	}
	d := dayNumber(t) - dayNumber(s.Weeks[0].Monday)
	if d < 0 || d/7 >= len(s.Weeks) {
		return -1
	}
	return d / 7
}

// WeekRuns returns the running activities (IsRun) of week i in start order;
// nil for an index outside Weeks. Non-running activities are in Runs only.
func (s *Season) WeekRuns(i int) []Run {
	if i < 0 || i >= len(s.Weeks) {
		return nil
	}
	if len(s.weekRuns) == len(s.Weeks) {
		out := make([]Run, 0, len(s.weekRuns[i]))
		for _, k := range s.weekRuns[i] {
			out = append(out, s.Runs[k])
		}
		return out
	}
	from := dayNumber(s.Weeks[i].Monday)
	var out []Run
	for _, r := range s.Runs {
		if d := dayNumber(localDate(r, s.location())); r.IsRun && d >= from && d < from+7 {
			out = append(out, r)
		}
	}
	return out
}

func (s *Season) location() *time.Location {
	if s.Params.Location == nil {
		return time.UTC
	}
	return s.Params.Location
}

// baselineRuns are the running activities of the BaselineWeeks weeks before
// week i.
func (s *Season) baselineRuns(i int) []Run {
	var out []Run
	for k := max(0, i-BaselineWeeks); k < i && k < len(s.Weeks); k++ {
		out = append(out, s.WeekRuns(k)...)
	}
	return out
}

// CadenceBaseline is the cadence model for week i, fitted on the runs of the
// 8 weeks before it: cadence = a + b·speed by least squares
// (stat.LinearRegression) when at least 8 runs have cadence and speed and
// their speeds differ (SD ≥ 0.05 m/s); the median cadence with slope 0 when
// they do not (SpeedAdjusted false); Valid false with fewer than 8 runs
// with cadence ("not enough data").
func (s *Season) CadenceBaseline(i int) CadenceModel {
	if len(s.cadenceModels) == len(s.Weeks) && i >= 0 && i < len(s.Weeks) {
		return s.cadenceModels[i]
	}
	return s.fitCadence(i)
}

// fitCadence computes CadenceBaseline(i).
func (s *Season) fitCadence(i int) CadenceModel { return FitCadence(s.baselineRuns(i)) }

// FitCadence fits the cadence model of CadenceBaseline on the given
// baseline runs, for rules that choose the runs themselves (leaving out
// weeks that are part of a pattern).
func FitCadence(runs []Run) CadenceModel {
	var cad, spd, cadAll []float64
	for _, r := range runs {
		if math.IsNaN(r.CadenceSPM) {
			continue
		}
		cadAll = append(cadAll, r.CadenceSPM)
		if !math.IsNaN(r.AvgSpeedMS) {
			cad = append(cad, r.CadenceSPM)
			spd = append(spd, r.AvgSpeedMS)
		}
	}
	if len(cadAll) < MinBaselineRuns {
		return CadenceModel{Runs: len(cadAll), Intercept: math.NaN(), Slope: math.NaN()}
	}
	if len(cad) >= MinBaselineRuns && stat.StdDev(spd, nil) >= minSpeedSpreadMS {
		a, b := stat.LinearRegression(spd, cad, nil, false)
		m := CadenceModel{Valid: true, Intercept: a, Slope: b, Runs: len(cad), SpeedAdjusted: true}
		res := make([]float64, len(cad))
		for k := range cad {
			res[k] = m.residualPct(cad[k], spd[k])
		}
		m.BaselineResidualPct = Median(res)
		return m
	}
	return CadenceModel{Valid: true, Intercept: Median(cadAll), Slope: 0, Runs: len(cadAll)}
}

// Predict is the model's cadence at speed v (steps/min): the intercept
// alone for a model that is not speed-adjusted; NaN for an invalid model or
// an unknown speed of a speed-adjusted one.
func (m CadenceModel) Predict(speedMS float64) float64 {
	switch {
	case !m.Valid:
		return math.NaN()
	case !m.SpeedAdjusted:
		return m.Intercept
	}
	return m.Intercept + m.Slope*speedMS
}

// ResidualPct is the run's cadence minus the model's cadence at the run's
// speed, in percent of the model's cadence (negative: fewer steps than the
// athlete's norm at that pace); NaN when either is unknown.
func (m CadenceModel) ResidualPct(r Run) float64 {
	return m.residualPct(r.CadenceSPM, r.AvgSpeedMS)
}

// SegmentResidualPct is ResidualPct for part of a run (a Segment's cadence
// at its own speed), for the within-run fade of cadence.
func (m CadenceModel) SegmentResidualPct(g Segment) float64 {
	if !g.Valid {
		return math.NaN()
	}
	return m.residualPct(g.CadenceSPM, g.SpeedMS)
}

func (m CadenceModel) residualPct(cadenceSPM, speedMS float64) float64 {
	want := m.Predict(speedMS)
	if math.IsNaN(cadenceSPM) || !(want > 0) {
		return math.NaN()
	}
	return (cadenceSPM - want) / want * 100
}

// BalanceBaseline is the median per-run GCT balance (% left) of the runs of
// the 8 weeks before week i; ok false with fewer than 8 such runs.
func (s *Season) BalanceBaseline(i int) (pct float64, ok bool) {
	var bal []float64
	for _, r := range s.baselineRuns(i) {
		if !math.IsNaN(r.BalanceLeftPct) {
			bal = append(bal, r.BalanceLeftPct)
		}
	}
	if len(bal) < MinBaselineRuns {
		return math.NaN(), false
	}
	return Median(bal), true
}

// DescentBaseline is the median weekly descent (m) of the up to
// BaselineWeeks weeks with running in them among the HistoryWeeks weeks
// before week i (a break's empty weeks are not a flat usual). After a
// break (a week without running among the 4 before i) it is at least the
// last tolerated descent, the median of the 4 highest of those weeks, so
// that resuming the usual mountain running is not a change. ok is false
// when fewer than MinDescentBaselineWeeks of them have a known descent.
func (s *Season) DescentBaseline(i int) (m float64, ok bool) {
	if i < MinDescentBaselineWeeks || i > len(s.Weeks) {
		return math.NaN(), false
	}
	var d []float64
	for k := i - 1; k >= max(0, i-HistoryWeeks) && len(d) < BaselineWeeks; k-- {
		w := s.Weeks[k]
		if w.Runs > 0 && !math.IsNaN(w.DescentM) {
			d = append(d, w.DescentM)
		}
	}
	if len(d) < MinDescentBaselineWeeks {
		return math.NaN(), false
	}
	m = Median(append([]float64(nil), d...))
	for _, w := range s.Weeks[max(0, i-4):i] {
		if w.Runs == 0 {
			if level, ok := s.ToleratedLevel(i, func(w Week) float64 {
				if w.Runs == 0 {
					return math.NaN()
				}
				return w.DescentM
			}); ok && level > m {
				m = level
			}
			break
		}
	}
	return m, true
}

// Robust baselines over the athlete's own history (DOMAIN.md, "How rules
// judge"): the previous 8–12 weeks, median and MAD or quantiles.
const (
	// HistoryWeeks is how many weeks before week i a robust baseline uses.
	HistoryWeeks = 12
	// ToleratedBest is how many of the best weeks of the history give the
	// tolerated level (their median).
	ToleratedBest = 4
	// madScale turns a median absolute deviation into a standard
	// deviation for normal noise.
	madScale = 1.4826
)

// MedianMAD is the median of the values of xs that are not NaN and their
// median absolute deviation scaled to a standard deviation (× 1.4826);
// NaN for none. It does not change xs.
func MedianMAD(xs []float64) (median, mad float64) {
	vals := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	if len(vals) == 0 {
		return math.NaN(), math.NaN()
	}
	median = Median(append([]float64(nil), vals...))
	dev := make([]float64, len(vals))
	for k, x := range vals {
		dev[k] = math.Abs(x - median)
	}
	return median, madScale * Median(dev)
}

// Quantile is the p-quantile (0 ≤ p ≤ 1, linear interpolation) of the
// values of xs that are not NaN; NaN for none. It does not change xs.
func Quantile(p float64, xs []float64) float64 {
	vals := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			vals = append(vals, x)
		}
	}
	if len(vals) == 0 {
		return math.NaN()
	}
	sort.Float64s(vals)
	return stat.Quantile(p, stat.LinInterp, vals, nil)
}

// ToleratedLevel is the last well-tolerated weekly level before week i of
// the figure of (a week's load or km): the median of the ToleratedBest
// highest weeks among the HistoryWeeks weeks before i; with a shorter
// history, of its best third (at least 2 weeks), so that a young history's
// easy weeks do not pull the level down. ok is false with fewer than
// ToleratedBest weeks of history.
func (s *Season) ToleratedLevel(i int, of func(Week) float64) (level float64, ok bool) {
	if i < ToleratedBest || i > len(s.Weeks) {
		return math.NaN(), false
	}
	var xs []float64
	for _, w := range s.Weeks[max(0, i-HistoryWeeks):i] {
		if v := of(w); !math.IsNaN(v) {
			xs = append(xs, v)
		}
	}
	if len(xs) < ToleratedBest {
		return math.NaN(), false
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(xs)))
	best := min(ToleratedBest, max(2, (len(xs)+2)/3))
	return Median(xs[:best]), true
}

// WeeklyHistory gives of(week) for the up to HistoryWeeks weeks before
// week i, oldest first, leaving out NaN values.
func (s *Season) WeeklyHistory(i int, of func(Week) float64) []float64 {
	var xs []float64
	for k := max(0, i-HistoryWeeks); k < i && k < len(s.Weeks); k++ {
		if v := of(s.Weeks[k]); !math.IsNaN(v) {
			xs = append(xs, v)
		}
	}
	return xs
}
