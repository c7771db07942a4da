package rules

import (
	"fmt"
	"math"

	"github.com/itbcheck/itbcheck/analysis"
)

// Chain paths of the cadence rules.
var (
	cadenceDropPath = []Link{KneeFlexionLoad, ITBTension, GluteFatigue, PelvicTilt, LumbarOverload}
	lowCadencePath  = []Link{KneeFlexionLoad, ITBTension, PelvicTilt, LumbarOverload}
	cadenceFadePath = []Link{GluteFatigue, TFLCompensation, ITBTension, PelvicTilt, LumbarOverload}
)

const (
	// minDropRuns is the fewest runs with cadence a week needs for cadence-drop.
	minDropRuns = 2
	// minEasyPaceRuns is the fewest runs with speed needed to define easy pace.
	minEasyPaceRuns = 5
	// minThirdsRunS is the shortest run whose thirds are compared.
	minThirdsRunS = 45 * 60
)

// dropText prints thresholds that are magnitudes of a fall in percent.
func dropText(t Thresholds) string {
	return levelText(t, "fall ≥", "%.0f", " %")
}

// CadenceDrop flags weeks whose step rate falls below the athlete's own baseline.
var CadenceDrop = &Rule{
	ID:     "cadence-drop",
	Family: "cadence",
	Title:  "Cadence down from your baseline",
	Doc:    "Sustained fall of step rate from the athlete's own baseline.",
	Computes: "Median speed-adjusted cadence of this week's runs (at least 2) vs the baseline: cadence = a + b·speed fitted " +
		"by least squares on the runs of the previous 6 weeks (at least 8 runs; raw median cadence when speed is missing " +
		"or does not vary). Change in percent of the predicted cadence; the thresholds are the size of the fall, so the " +
		"finding's value and threshold are negative percentages.",
	Mechanism: cadenceDropPath,
	Evidence:  "Heiderscheit 2011: +5–10 % step rate cuts hip and knee loading; a fall reverses it (longer strides, more hip adduction). Moderate.",
	Grade:     GradeModerate,
	Explanation: "Fewer, longer steps keep the knee longer near 20–30° of flexion, where the IT band presses the outer knee hardest; " +
		"that step rate changes hip and knee loading is shown in the lab (Heiderscheit 2011), though no study follows it to injury. " +
		"Longer strides are thought to bring more hip adduction, which strains the band and tires the gluteus medius; " +
		"a watch does not measure hip adduction, it is inferred from the cadence. " +
		"The resulting pelvic tilt may overload the lower back muscles: plausible, not proven.",
	Advice:   advise(adviceCadence, adviceHip),
	Defaults: Thresholds{Low: 3, Medium: 5, High: 8},
	Unit:     "% below baseline",
	Run:      checkCadenceDrop,
	describe: func(t Thresholds) string {
		return dropText(t) + noteText("speed-adjusted cadence vs the previous 6 weeks", "")
	},
}

// LowCadence flags easy runs with a low step rate.
var LowCadence = &Rule{
	ID:     "low-cadence",
	Family: "cadence",
	Title:  "Low cadence on easy runs",
	Doc:    "Low step rate at easy pace, a marker of overstriding.",
	Computes: "A run's average cadence (steps/min) when it is run at easy pace, defined as slower than the athlete's median " +
		"running speed over that week and the 6 weeks before it (needs at least 5 runs with speed), so a week's verdict " +
		"never depends on later runs. At most one finding per week: the week's lowest-cadence easy run. Low only by " +
		"default; medium and high limits, when configured, are lower cadences.",
	Mechanism: lowCadencePath,
	Evidence:  "Weak to moderate: low cadence as a marker of overstriding.",
	Grade:     GradeWeak,
	Explanation: "A step rate below your own usual band at easy pace can be a marker of overstriding, which keeps the knee near 20–30° of flexion " +
		"where the IT band presses the outer knee hardest; a fixed 160 spm is population folklore, and the evidence for the marker is weak. " +
		"Band tension may tilt the pelvis so that the lower back muscles overwork: plausible, not proven.",
	Advice:       advise(adviceCadence),
	Defaults:     Thresholds{Low: 160, Medium: math.NaN(), High: math.NaN()},
	Unit:         "spm",
	LowerIsWorse: true,
	Run:          checkLowCadence,
	describe: func(t Thresholds) string {
		return levelText(t, "<", "%.0f", " spm") + noteText("average cadence at easy pace", "")
	},
}

// CadenceFade flags long runs whose step rate falls towards the end.
var CadenceFade = &Rule{
	ID:     "cadence-fade",
	Family: "cadence",
	Title:  "Cadence fading late in long runs",
	Doc:    "Fall of step rate within a long run, a sign of fatigue.",
	Computes: "Runs of at least 45 min: cadence of the last third vs the first third (which starts after minute 5), in percent. " +
		"Speed-adjusted with the slope of the athlete's cadence–speed baseline when there is one, else raw (the summary says " +
		"so). Thresholds are the size of the fall.",
	Mechanism: cadenceFadePath,
	Evidence:  "Moderate: fatigue raises hip adduction and ITB strain (Miller 2007).",
	Grade:     GradeWeakModerate,
	Explanation: "A step rate that falls late in a long run at the same pace is a sign of fatigue; " +
		"at exhaustion knee mechanics change (Miller 2007), and more hip adduction and IT band strain are inferred from that, not measured by the watch. " +
		"As the gluteus medius tires, the tensor fasciae latae may take over and pull the band tight. " +
		"Band tension may tilt the pelvis and overload the lower back: plausible, not proven.",
	Advice:   advise(adviceHip, adviceCadence),
	Defaults: Thresholds{Low: 3, Medium: 5, High: 8},
	Unit:     "% fall, last vs first third",
	Run:      checkCadenceFade,
	describe: func(t Thresholds) string {
		return dropText(t) + noteText("last third vs first third of runs ≥ 45 min", "")
	},
}

// checkCadenceDrop grades each week's CadenceResidualPct, which analysis
// computes against the cadence model of the 6 weeks before (NaN without 8
// baseline runs), when at least minDropRuns runs of the week have one.
func checkCadenceDrop(p *Pass) {
	s, t := p.Season, p.Thresholds
	for i, w := range s.Weeks {
		change := w.CadenceResidualPct
		if !finite(change) || w.CadenceRuns < minDropRuns {
			continue
		}
		sev, limit := grade(-change, t)
		if sev == None {
			continue
		}
		how := "speed-adjusted"
		if !s.CadenceBaseline(i).SpeedAdjusted {
			how = "not speed-adjusted: no usable speed"
		}
		summary := fmt.Sprintf("Cadence %.1f %% below your 6-week baseline (%s; median %.0f spm over %d runs)",
			-change, how, w.CadenceSPM, w.CadenceRuns)
		p.Report(Finding{Severity: sev, Date: dayText(w.Monday), Metric: "cadence_change_pct", Value: change, Threshold: -limit, Summary: summary})
	}
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

// checkLowCadence reports, per week, the easy run (slower than the median speed
// of that week and the 6 before it) with the lowest cadence when it is under the limit.
func checkLowCadence(p *Pass) {
	s, t := p.Season, p.Thresholds
	for i := range s.Weeks {
		easy, ok := easySpeed(s, i)
		if !ok {
			continue
		}
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
		sev, limit := gradeBelow(lowest.CadenceSPM, t)
		if sev == None {
			continue
		}
		summary := fmt.Sprintf("Cadence %.0f spm on an easy run (%s/km, below %.0f spm)", lowest.CadenceSPM, pace(lowest.AvgSpeedMS), limit)
		p.Report(Finding{Severity: sev, Date: dayText(runDay(s, *lowest)), Activity: lowest.Source, Metric: "cadence_spm", Value: lowest.CadenceSPM, Threshold: limit, Summary: summary})
	}
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

// checkCadenceFade compares the last third of each long run with its first
// third, moving the last third to the first third's speed along the slope
// of the week's cadence model when there is one.
func checkCadenceFade(p *Pass) {
	s, t := p.Season, p.Thresholds
	for _, r := range s.Runs {
		if !r.IsRun || r.DurationS < minThirdsRunS || !r.First.Valid || !r.Last.Valid ||
			!finite(r.First.CadenceSPM) || !finite(r.Last.CadenceSPM) || r.First.CadenceSPM <= 0 {
			continue
		}
		m := s.CadenceBaseline(s.WeekIndex(runDay(s, r)))
		last, how := r.Last.CadenceSPM, "speed-adjusted"
		if m.Valid && m.SpeedAdjusted && finite(r.First.SpeedMS) && finite(r.Last.SpeedMS) {
			last -= m.Slope * (r.Last.SpeedMS - r.First.SpeedMS)
		} else {
			how = "not speed-adjusted"
		}
		change := (last - r.First.CadenceSPM) / r.First.CadenceSPM * 100
		sev, limit := grade(-change, t)
		if sev == None {
			continue
		}
		summary := fmt.Sprintf("Cadence fell %.1f %% from the first to the last third of a %.0f-minute run (%.0f → %.0f spm, %s)",
			-change, r.DurationS/60, r.First.CadenceSPM, r.Last.CadenceSPM, how)
		p.Report(Finding{Severity: sev, Date: dayText(runDay(s, r)), Activity: r.Source, Metric: "cadence_change_pct", Value: change, Threshold: -limit, Summary: summary})
	}
}
