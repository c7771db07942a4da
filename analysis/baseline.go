package analysis

import (
	"math"
	"sort"
	"time"

	"github.com/itbcheck/itbcheck/ingest"

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
	d := dayNumber(t) - int(s.Weeks[0].Monday)
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
	from := int(s.Weeks[i].Monday)
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

// CadenceBaseline is the cadence model week i is judged by: the one the
// cadence rule recorded for it (RecordCadence), else
// FitCadenceBaseline(i, nil). The weekly figures (CadenceResidualPct),
// the symptom context and the charts read it, so that they show what the
// rule judged.
func (s *Season) CadenceBaseline(i int) CadenceModel {
	if len(s.cadenceModels) == len(s.Weeks) && i >= 0 && i < len(s.Weeks) {
		return s.cadenceModels[i]
	}
	return s.FitCadenceBaseline(i, nil)
}

// FitCadenceBaseline is the cadence model for week i, fitted (FitCadence)
// on the runs of the BaselineWeeks weeks before it that leaveOut does not
// mark (leaveOut[k] true leaves week k out, e.g. a week of the pattern
// itself, so that a slow fall cannot become its own baseline), looking
// back at most 2×BaselineWeeks weeks. A nil leaveOut leaves none out:
// the 8 weeks before i.
//
// The model is the outdoor runs' (treadmill runs have their own,
// FitTreadmillBaseline), and it looks no further back than the week the
// cadence instrument of week i started (InstrumentEpoch: a new sensor
// restarts the baseline).
func (s *Season) FitCadenceBaseline(i int, leaveOut []bool) CadenceModel {
	return FitCadence(s.usualCadenceRuns(s.runsOfWeeks(s.sinceEpoch(ingest.ChanCadence, i, s.baselineWeeks(i, BaselineWeeks, 2*BaselineWeeks, leaveOut, nil)), false)))
}

// usualCadenceRuns keeps the runs whose cadence the instrument in force
// measured (WithoutUsualInstrument): a run without the usual pod is no
// part of the pod's baseline.
func (s *Season) usualCadenceRuns(runs []Run) []Run {
	out := runs[:0]
	for _, r := range runs {
		if !s.WithoutUsualInstrument(r, ingest.ChanCadence) {
			out = append(out, r)
		}
	}
	return out
}

// FitTreadmillBaseline is FitCadenceBaseline on the treadmill runs of the
// same weeks: belt cadence is compared only with belt cadence (DOMAIN.md).
func (s *Season) FitTreadmillBaseline(i int, leaveOut []bool) CadenceModel {
	return FitCadence(s.usualCadenceRuns(s.runsOfWeeks(s.sinceEpoch(ingest.ChanCadence, i, s.baselineWeeks(i, BaselineWeeks, 2*BaselineWeeks, leaveOut, nil)), true)))
}

// sinceEpoch keeps the weeks not before the week channel ch's instrument
// of week i started.
func (s *Season) sinceEpoch(ch ingest.Channel, i int, weeks []int) []int {
	first := s.InstrumentEpoch(ch, i)
	out := weeks[:0]
	for _, k := range weeks {
		if k >= first {
			out = append(out, k)
		}
	}
	return out
}

// baselineWeeks are the up to n weeks before week i, newest first, that
// leaveOut does not mark and keep (when not nil) accepts, looking back at
// most lookback weeks.
func (s *Season) baselineWeeks(i, n, lookback int, leaveOut []bool, keep func(Week) bool) []int {
	var out []int
	for k := min(i, len(s.Weeks)) - 1; k >= 0 && k >= i-lookback && len(out) < n; k-- {
		if k < len(leaveOut) && leaveOut[k] || keep != nil && !keep(s.Weeks[k]) {
			continue
		}
		out = append(out, k)
	}
	return out
}

// runsOfWeeks gives the running activities of the weeks on the treadmill
// (or, with treadmill false, the others), week by week in the order
// given. It copies only those runs, once: it runs for every week of every
// season, and copies of whole weeks were most of a batch's garbage.
func (s *Season) runsOfWeeks(weeks []int, treadmill bool) []Run {
	if len(s.weekRuns) != len(s.Weeks) {
		var out []Run
		for _, k := range weeks {
			for _, r := range s.WeekRuns(k) {
				if r.Treadmill() == treadmill {
					out = append(out, r)
				}
			}
		}
		return out
	}
	n := 0
	for _, k := range weeks {
		for _, j := range s.weekRuns[k] {
			if s.Runs[j].Treadmill() == treadmill {
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]Run, 0, n)
	for _, k := range weeks {
		for _, j := range s.weekRuns[k] {
			if s.Runs[j].Treadmill() == treadmill {
				out = append(out, s.Runs[j])
			}
		}
	}
	return out
}

// RecordCadence records the cadence models the cadence rule judged each
// week by (one per week; nil goes back to FitCadenceBaseline(i, nil)) and
// recomputes the weeks' CadenceResidualPct against them.
func (s *Season) RecordCadence(models []CadenceModel) {
	if models == nil && !s.cadenceRecorded {
		return // the weeks are the plain fit's already
	}
	s.cadenceRecorded = models != nil
	if len(models) != len(s.Weeks) {
		models = make([]CadenceModel, len(s.Weeks))
		for i := range models {
			models[i] = s.FitCadenceBaseline(i, nil)
		}
	}
	s.cadenceModels = models
	for i := range s.Weeks {
		s.fillCadenceResidual(i)
	}
}

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

// Balance baseline settings (gct-imbalance's, DOMAIN.md).
const (
	// BalanceLookbackWeeks bounds how far back a balance baseline looks
	// for weeks that are not left out.
	BalanceLookbackWeeks = 2 * HistoryWeeks
	// MinBalanceWeeks and MinBalanceRuns are what a balance baseline
	// needs: weeks with a balance, and runs with one in them.
	MinBalanceWeeks, MinBalanceRuns = 6, 20
)

// BalanceModel is the GCT balance a week is judged against: the median of
// earlier weeks' mean balance (% left) and their week-to-week spread.
type BalanceModel struct {
	// Valid is true with MinBalanceWeeks weeks and MinBalanceRuns runs.
	Valid bool
	// MedianPct is the median weekly mean balance, % on the left foot.
	MedianPct float64
	// SpreadPP is the weeks' median absolute deviation scaled to a
	// standard deviation, in percentage points (NaN for none).
	SpreadPP    float64
	Weeks, Runs int
	// Trend is set when the balance rule judged the week by a trend that
	// runs through it rather than by the median (DOMAIN.md, principle 8):
	// the week is then judged against the trend's start.
	Trend *BalanceTrend
}

// BalanceTrend is a significant trend of the weekly balance a week was
// judged by: anchored where it began, graded by the change since.
type BalanceTrend struct {
	// Start is the week (its Monday) the trend began.
	Start Day
	// AnchorPct is the fitted balance at Start, % left: the level the
	// week is judged against.
	AnchorPct float64
	// SlopePP is the trend in pp a week; ChangePP the change it made
	// from Start to the week judged (slope × weeks).
	SlopePP, ChangePP float64
}

// JudgedPct is the balance (% left) the week was judged against: the
// trend's anchor when a trend judged it, else the median when the model
// is valid, else NaN.
func (m BalanceModel) JudgedPct() float64 {
	switch {
	case m.Trend != nil:
		return m.Trend.AnchorPct
	case m.Valid:
		return m.MedianPct
	}
	return math.NaN()
}

// BalanceBaseline is the balance model week i is judged by: the one the
// balance rule recorded for it (RecordBalance), else
// FitBalanceBaseline(i, nil).
func (s *Season) BalanceBaseline(i int) BalanceModel {
	if len(s.balanceModels) == len(s.Weeks) && i >= 0 && i < len(s.Weeks) {
		return s.balanceModels[i]
	}
	return s.FitBalanceBaseline(i, nil)
}

// FitBalanceBaseline is the balance model for week i: the median and
// spread (MedianMAD) of the weekly mean balance of up to HistoryWeeks
// weeks before it that have one and that leaveOut does not mark (weeks of
// a shift), looking back at most BalanceLookbackWeeks.
func (s *Season) FitBalanceBaseline(i int, leaveOut []bool) BalanceModel {
	weeks := s.sinceEpoch(ingest.ChanStanceTimeBalance, i, s.baselineWeeks(i, HistoryWeeks, BalanceLookbackWeeks, leaveOut,
		func(w Week) bool { return !math.IsNaN(w.BalanceLeftPct) }))
	m := BalanceModel{Weeks: len(weeks)}
	xs := make([]float64, len(weeks))
	for j, k := range weeks {
		xs[j] = s.Weeks[k].BalanceLeftPct
		for _, r := range s.WeekRuns(k) {
			if !math.IsNaN(r.BalanceLeftPct) && !r.OnTrack() && !s.WithoutUsualInstrument(r, ingest.ChanStanceTimeBalance) {
				m.Runs++
			}
		}
	}
	m.MedianPct, m.SpreadPP = MedianMAD(xs)
	m.Valid = m.Weeks >= MinBalanceWeeks && m.Runs >= MinBalanceRuns
	return m
}

// RecordBalance records the balance models the balance rule judged each
// week by (one per week; nil goes back to FitBalanceBaseline(i, nil)).
func (s *Season) RecordBalance(models []BalanceModel) {
	if len(models) != len(s.Weeks) {
		models = nil
	}
	s.balanceModels = models
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
