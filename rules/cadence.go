package rules

import (
	"fmt"
	"math"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
)

// Chain paths of the cadence rules.
var (
	cadenceDropPath = []Link{KneeFlexionLoad, ITBTension, GluteFatigue, PelvicTilt, LumbarOverload}
	lowCadencePath  = []Link{KneeFlexionLoad, ITBTension, PelvicTilt, LumbarOverload}
	cadenceFadePath = []Link{GluteFatigue, TFLCompensation, ITBTension, PelvicTilt, LumbarOverload}
)

const (
	// minDropRuns is the fewest runs with cadence a week needs for
	// cadence-drop; minLowDropRuns for its low severity.
	minDropRuns, minLowDropRuns = 2, 3
	// minEasyPaceRuns is the fewest runs with speed needed to define easy pace.
	minEasyPaceRuns = 5
	// minThirdsRunS is the shortest run whose balance thirds are compared;
	// minFadeRunS the shortest for cadence-fade.
	minThirdsRunS = 45 * 60
	minFadeRunS   = 60 * 60
	// maxLevelGrade is the steepest mean climb or descent (fraction of the
	// distance) of a run cadence-fade still judges: climbs and descents
	// change cadence by themselves.
	maxLevelGrade = 0.02
	// repeatDays is the window in which a second long run confirms a
	// within-run pattern (cadence-fade, asymmetry-drift) for medium.
	repeatDays = 21
)

// dropText prints thresholds that are magnitudes of a fall in percent.
func dropText(t Thresholds) string {
	return levelText(t, "fall ≥", "%.0f", " %")
}

// CadenceDrop flags weeks whose step rate falls below the athlete's own baseline.
var CadenceDrop = &Rule{
	ID:     "cadence-drop",
	Family: FamilyCadence,
	Title:  "Cadence down from your baseline",
	Doc:    "Sustained fall of step rate from the athlete's own speed-adjusted baseline.",
	Computes: "Median speed-adjusted cadence of this week's runs (at least 2) vs the baseline: cadence = a + b·speed fitted " +
		"by least squares on the runs of the previous 8 weeks that were not themselves part of a drop (at least 8 runs; " +
		"raw median cadence when speed is missing or does not vary), so a slow fall cannot become its own baseline. Change in percent of the predicted cadence; the thresholds are the size of the fall, so the " +
		"finding's value and threshold are negative percentages. Low needs at least 3 runs; two consecutive weeks at the " +
		"medium fall or more are high. Consecutive weeks make one episode.",
	Mechanism: cadenceDropPath,
	Evidence:  "Heiderscheit 2011: +5–10 % step rate cuts hip and knee loading in the lab; a fall reverses it. Moderate for the mechanics, no prospective injury data.",
	Grade:     GradeModerate,
	Explanation: "Fewer, longer steps keep the knee longer near 20–30° of flexion, where the IT band presses the outer knee hardest; " +
		"that step rate changes hip and knee loading is shown in the lab (Heiderscheit 2011), though no study follows it to injury. " +
		"Longer strides are thought to bring more hip adduction, which strains the band and tires the gluteus medius; " +
		"a watch does not measure hip adduction, it is inferred from the cadence. " +
		"The resulting pelvic tilt may overload the lower back muscles: plausible, not proven.",
	Advice:   advise(adviceCadence, adviceHip),
	Defaults: Thresholds{Low: 3, Medium: 5, High: 8},
	Unit:     Unit{Percent, "% below baseline"},
	Run:      checkCadenceDrop,
	describe: func(t Thresholds) string {
		return dropText(t) + noteText("speed-adjusted cadence vs the previous 8 weeks", fmt.Sprintf("or 2 weeks ≥ %.0f %%", t.Medium))
	},
}

// LowCadence notes easy runs below a population step rate; the athlete's
// own band is cadence-drop's.
var LowCadence = &Rule{
	ID:     "low-cadence",
	Family: FamilyCadence,
	Title:  "Low cadence on easy runs",
	Doc:    "Easy-run step rate below a population figure: context, since the athlete's own band is what cadence-drop judges.",
	Computes: "Each week's easy run (slower than the athlete's median running speed over that week and the 8 weeks before, at " +
		"least 5 runs with speed) with the lowest cadence. Below the low limit it is an info note, one for the season " +
		"(160 spm is population folklore, not a limit); a fall below the athlete's own speed-adjusted band is judged by " +
		"cadence-drop. Medium and high limits, when configured, are lower cadences graded per week.",
	Mechanism: lowCadencePath,
	Evidence:  "A fixed 160–170 spm target has no injury evidence; low cadence as a marker of overstriding only.",
	Grade:     GradeWeak,
	Explanation: "A step rate below your own usual band at easy pace can be a marker of overstriding, which keeps the knee near 20–30° of flexion " +
		"where the IT band presses the outer knee hardest; a fixed 160 spm is population folklore, and the evidence for the marker is weak. " +
		"Band tension may tilt the pelvis so that the lower back muscles overwork: plausible, not proven.",
	Advice:       advise(adviceCadence),
	Defaults:     Thresholds{Low: 160, Medium: math.NaN(), High: math.NaN()},
	Unit:         Unit{StepsPerMinute, "spm"},
	LowerIsWorse: true,
	Run:          checkLowCadence,
	describe: func(t Thresholds) string {
		s := fmt.Sprintf("info note below %.0f spm at easy pace (context, not a risk)", t.Low)
		if finite(t.Medium) || finite(t.High) {
			s += "; " + levelText(Thresholds{Low: math.NaN(), Medium: t.Medium, High: t.High}, "<", "%.0f", " spm")
		}
		return s
	},
}

// CadenceFade flags long runs whose step rate falls towards the end.
var CadenceFade = &Rule{
	ID:     "cadence-fade",
	Family: FamilyCadence,
	Title:  "Cadence fading late in long runs",
	Doc:    "Fall of step rate within a long run on level ground, a sign of fatigue.",
	Computes: "Runs of at least 60 min on mostly level ground (mean climb and descent within 2 % of the distance, or no " +
		"altitude): cadence of the final quarter of the moving time vs the first third (which starts after minute 5), in percent, " +
		"speed-adjusted with the slope of the athlete's cadence–speed baseline when there is one. The fade compares a run with itself, " +
		"so it needs no baseline of cadence levels and a new sensor does not make it learn again: until the new instrument's baseline " +
		"is fitted, the slope of the runs before the change adjusts for speed (the slope is the runner's; a sensor's offset cancels " +
		"within a run). A fade often starts late, and " +
		"a last-third mean would halve it. One run at the low limit is low; medium needs a run at the medium limit and another " +
		"long run at the low limit within 3 weeks. Thresholds are the size of the fall; consecutive weeks make one episode.",
	Mechanism: cadenceFadePath,
	Evidence: "Miller RH et al., Gait Posture 2007;26(3):407–13: knee kinematics of runners with ITBS change at exhaustion (not cadence itself); " +
		"a run to exhaustion cut hip-abductor torque and raised hip adduction (J Athl Train 2020, 38 men); weak–moderate.",
	Grade: GradeWeakModerate,
	Explanation: "A step rate that falls late in a long run at the same pace is a sign of fatigue; " +
		"at exhaustion knee mechanics change (Miller 2007), and more hip adduction and IT band strain are inferred from that, not measured by the watch. " +
		"As the gluteus medius tires, the tensor fasciae latae may take over and pull the band tight. " +
		"Band tension may tilt the pelvis and overload the lower back: plausible, not proven.",
	Advice:    advise(adviceHip, adviceCadence),
	Defaults:  Thresholds{Low: 4, Medium: 7, High: math.NaN()},
	Unit:      Unit{Percent, "% fall, final quarter vs first third"},
	WithinRun: true,
	Run:       checkCadenceFade,
	describe: func(t Thresholds) string {
		return dropText(t) + noteText("final quarter vs first third of level runs ≥ 60 min", "medium needs a second long run within 3 weeks")
	},
}

// checkCadenceDrop grades each week's CadenceResidualPct, which analysis
// computes against the cadence model of the 8 weeks before (NaN without 8
// baseline runs).
func checkCadenceDrop(p *Pass) {
	s, t := p.Season, p.Thresholds
	if !anyRun(s, func(r analysis.Run) bool { return finite(r.CadenceSPM) }) {
		p.NoData("no cadence")
		return
	}
	sayOtherInstrumentRuns(p, ingest.ChanCadence, "cadence")
	judged, best := 0, 0
	prevFall := math.NaN()
	flagged := make([]bool, len(s.Weeks))
	models := make([]analysis.CadenceModel, len(s.Weeks))
	defer s.RecordCadence(models) // what each week was judged by: the weekly table and charts show it
	var marks []mark
	for i, w := range s.Weeks {
		m := s.FitCadenceBaseline(i, flagged) // weeks of a drop left out: a slow fall is not its own baseline
		// Treadmill runs against treadmill runs (DOMAIN.md): back outdoors
		// after a treadmill block is no drop.
		mt := s.FitTreadmillBaseline(i, flagged)
		models[i] = m
		best = max(best, m.Runs, mt.Runs)
		if !m.Valid && !mt.Valid {
			prevFall = math.NaN()
			continue
		}
		judged++
		var res []float64
		for _, r := range s.WeekRuns(i) {
			off := 0.0
			if s.WithoutUsualInstrument(r, ingest.ChanCadence) {
				// Judged by its own instrument's runs when they are
				// enough (outdoors), else not judged.
				o, ok := s.CadenceOffsetPct(i, r.CadenceInstrument, m)
				if !ok || r.Treadmill() {
					continue
				}
				off = o
			}
			model := m
			if r.Treadmill() {
				model = mt
			}
			if v := model.ResidualPct(r); finite(v) {
				res = append(res, v-off-model.BaselineResidualPct)
			}
		}
		if !m.Valid {
			m = mt // for how the week's baseline was fitted
		}
		fall := -analysis.Median(res)
		if !finite(fall) || len(res) < minDropRuns {
			prevFall = math.NaN()
			continue
		}
		sev, limit := grade(fall, t)
		if sev == Low && w.CadenceRuns < minLowDropRuns {
			sev = None
		}
		twoWeeks := false
		if sev == Medium && prevFall >= t.Medium {
			sev, limit, twoWeeks = High, t.Medium, true
		}
		prevFall = fall
		if sev == None {
			continue
		}
		flagged[i] = true
		how := "speed-adjusted"
		if !m.SpeedAdjusted {
			how = "not speed-adjusted: no usable speed"
		}
		summary := fmt.Sprintf("Cadence %.1f %% below your baseline (%s; median %.0f spm over %d runs)", fall, how, w.CadenceSPM, len(res))
		if twoWeeks {
			summary += fmt.Sprintf(", the second week at %.0f %% or more", t.Medium)
		}
		marks = append(marks, mark{week: i, sev: sev, value: -fall, limit: -limit, summary: summary})
	}
	if judged == 0 {
		p.Learning("%d of %d runs with cadence in the 8 weeks before", best, analysis.MinBaselineRuns)
	}
	if c, _, runs, ok := s.SinceInstrumentChange(ingest.ChanCadence, len(s.Weeks)-1); ok && runs < analysis.MinBaselineRuns {
		// The baseline restarted at the sensor change (DOMAIN.md,
		// Instruments): learning until it has its minimum data again.
		p.Learning("after a sensor change on %s, now %s: %d of %d runs with cadence with it",
			c.Date.Format(time.DateOnly), c.To, runs, analysis.MinBaselineRuns)
	}
	p.reportEpisodes("cadence_change_pct", marks)
}

// anyRun reports whether a running activity of the season satisfies ok.
func anyRun(s *analysis.Season, ok func(analysis.Run) bool) bool {
	for _, r := range s.Runs {
		if r.IsRun && ok(r) {
			return true
		}
	}
	return false
}

// gradeBelow is grade for rules whose lower values are worse (v < limit).
func gradeBelow(v float64, t Thresholds) (Severity, float64) {
	switch {
	case v < t.High:
		return High, t.High
	case v < t.Medium:
		return Medium, t.Medium
	case v < t.Low:
		return Low, t.Low
	}
	return None, math.NaN()
}

// checkLowCadence notes, once for the season, easy runs below the
// population figure; configured medium and high limits grade per week.
func checkLowCadence(p *Pass) {
	s, t := p.Season, p.Thresholds
	if !anyRun(s, func(r analysis.Run) bool { return finite(r.CadenceSPM) }) {
		p.NoData("no cadence")
		return
	}
	judged := 0
	var graded []mark
	var below []float64
	first, last := -1, -1
	for i := range s.Weeks {
		easy, ok := easySpeed(s, i)
		if !ok {
			continue
		}
		judged++
		var lowest *analysis.Run
		runs := s.WeekRuns(i)
		for j, r := range runs {
			if !(r.AvgSpeedMS < easy) || !finite(r.CadenceSPM) {
				continue
			}
			if lowest == nil || r.CadenceSPM < lowest.CadenceSPM {
				lowest = &runs[j]
			}
		}
		if lowest == nil {
			continue
		}
		if sev, limit := gradeBelow(lowest.CadenceSPM, Thresholds{Low: math.NaN(), Medium: t.Medium, High: t.High}); sev > None {
			graded = append(graded, mark{week: i, sev: sev, value: lowest.CadenceSPM, limit: limit, run: lowest,
				summary: fmt.Sprintf("Cadence %.0f spm on an easy run (%s/km, below %.0f spm)", lowest.CadenceSPM, pace(lowest.AvgSpeedMS), limit)})
			continue
		}
		if lowest.CadenceSPM < t.Low {
			below = append(below, lowest.CadenceSPM)
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	if judged == 0 {
		p.Learning("fewer than %d runs with speed to tell your easy pace", minEasyPaceRuns)
	}
	p.reportEpisodes("cadence_spm", graded)
	if len(below) == 0 {
		return
	}
	med := analysis.Median(below)
	f := Finding{Severity: Info, Date: s.Weeks[first].Monday, Metric: "cadence_spm", Value: med, Threshold: t.Low,
		Summary: fmt.Sprintf("Easy runs around %.0f spm in %d weeks, below the %.0f spm of population advice: context only, "+
			"your own speed-adjusted band is what cadence-drop watches", med, len(below), t.Low)}
	if last > first {
		f.Until = s.Weeks[last].Monday
	}
	p.Report(f)
}

// easySpeed is the median running speed of week i and the baseline weeks
// before it: runs slower than that are easy. ok is false with fewer than
// minEasyPaceRuns runs with speed.
func easySpeed(s *analysis.Season, i int) (speedMS float64, ok bool) {
	var speeds []float64
	for j := max(0, i-analysis.BaselineWeeks); j <= i; j++ {
		for _, r := range s.WeekRuns(j) {
			if finite(r.AvgSpeedMS) && r.AvgSpeedMS > 0 {
				speeds = append(speeds, r.AvgSpeedMS)
			}
		}
	}
	if len(speeds) < minEasyPaceRuns {
		return math.NaN(), false
	}
	return analysis.Median(speeds), true
}

// pace formats a speed as min:ss per km.
func pace(speedMS float64) string {
	sec := int(math.Round(1000 / speedMS))
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

// level reports whether a run is on mostly level ground: its climb and
// descent each within maxLevelGrade of its distance (true without altitude).
func level(r analysis.Run) bool {
	m := r.DistanceKm * 1000
	if !(m > 0) {
		return true
	}
	return !(r.AscentM > maxLevelGrade*m) && !(r.DescentM > maxLevelGrade*m)
}

// withinRun is one long run's within-run change, for the repeat rule.
type withinRun struct {
	run  analysis.Run
	size float64 // the fall or drift, positive when worse
}

// repeated reports whether another long run within repeatDays before run
// at index k reached at least limit.
func repeated(runs []withinRun, k int, limit float64, s *analysis.Season) bool {
	day := runDay(s, runs[k].run)
	for j := k - 1; j >= 0; j-- {
		if day.Sub(runDay(s, runs[j].run)) > repeatDays*24*time.Hour {
			break
		}
		if runs[j].size >= limit {
			return true
		}
	}
	return false
}

// weekMarks keeps the worst mark of each week, in week order.
func weekMarks(ms []mark) []mark {
	var out []mark
	for _, m := range ms {
		n := len(out)
		switch {
		case n > 0 && out[n-1].week == m.week:
			if m.sev > out[n-1].sev || (m.sev == out[n-1].sev && math.Abs(m.value) > math.Abs(out[n-1].value)) {
				out[n-1] = m
			}
		default:
			out = append(out, m)
		}
	}
	return out
}

// checkCadenceFade compares the final quarter of each long level run with
// its first third, moving the final quarter to the first third's speed
// along the slope of the week's cadence model when there is one.
func checkCadenceFade(p *Pass) {
	s, t := p.Season, p.Thresholds
	var runs []withinRun
	var how []string
	for _, r := range s.Runs {
		if !r.IsRun || r.DurationS < minFadeRunS || !level(r) || !r.First.Valid || !r.Final.Valid ||
			!finite(r.First.CadenceSPM) || !finite(r.Final.CadenceSPM) || r.First.CadenceSPM <= 0 {
			continue
		}
		wk := s.WeekIndex(runDay(s, r))
		m := s.FitCadenceBaseline(wk, nil)
		last, adj := r.Final.CadenceSPM, "speed-adjusted"
		if c, ok := s.LastInstrumentChange(ingest.ChanCadence, wk); ok && !(m.Valid && m.SpeedAdjusted) {
			// The fade compares the run with itself: a new sensor's offset
			// cancels, and only the slope of cadence against speed, the
			// runner's own, comes from a baseline. Until the new
			// instrument's baseline is fitted, the slope of the runs
			// before the change stands in (DOMAIN.md, Instruments).
			if before := s.FitCadenceBaseline(s.WeekIndex(c.Date)-1, nil); before.Valid && before.SpeedAdjusted {
				m, adj = before, "speed-adjusted by your runs before the sensor change on "+c.Date.Format(time.DateOnly)
			}
		}
		if m.Valid && m.SpeedAdjusted && finite(r.First.SpeedMS) && finite(r.Final.SpeedMS) {
			last -= m.Slope * (r.Final.SpeedMS - r.First.SpeedMS)
		} else {
			adj = "not speed-adjusted"
		}
		runs = append(runs, withinRun{run: r, size: -(last - r.First.CadenceSPM) / r.First.CadenceSPM * 100})
		how = append(how, adj)
	}
	if len(runs) == 0 {
		p.NoData("no level run of 60 minutes or more with cadence")
		return
	}
	var marks []mark
	for k := range runs {
		r, fall := runs[k].run, runs[k].size
		sev, limit := grade(fall, Thresholds{Low: t.Low, Medium: math.NaN(), High: math.NaN()})
		note := ""
		if fall >= t.Medium && repeated(runs, k, t.Low, s) {
			sev, limit, note = Medium, t.Medium, ", the second long run within 3 weeks"
		}
		if sev == None {
			continue
		}
		marks = append(marks, mark{week: s.WeekIndex(runDay(s, r)), sev: sev, value: -fall, limit: -limit, run: &runs[k].run,
			summary: fmt.Sprintf("Cadence fell %.1f %% from the first third to the final quarter of a %.0f-minute run (%.0f → %.0f spm, %s)%s",
				fall, r.DurationS/60, r.First.CadenceSPM, r.Final.CadenceSPM, how[k], note)})
	}
	p.reportEpisodes("cadence_change_pct", weekMarks(marks))
}
