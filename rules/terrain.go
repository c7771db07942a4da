package rules

import (
	"fmt"
	"math"

	"github.com/itbcheck/itbcheck/analysis"
)

// Chain paths of the terrain rules.
var (
	downhillPath = []Link{KneeFlexionLoad, ITBTension, PelvicTilt, LumbarOverload}
	trackPath    = []Link{SurfaceAsymmetry, PelvicTilt, ITBTension, LumbarOverload}
)

const (
	// steepGradePct is the mean downhill grade at or below which a run's
	// descent counts for downhill-load's low severity.
	steepGradePct = -3.0
	// descentRatioMedium and descentRatioHigh are the multiples of the
	// baseline weekly descent for medium and high.
	descentRatioMedium = 2.0
	descentRatioHigh   = 3.0
)

// DownhillLoad flags steep descents and weeks of much more descent than usual.
var DownhillLoad = &Rule{
	ID:     "downhill-load",
	Family: "terrain",
	Title:  "Downhill load",
	Doc:    "Descent volume: downhill running keeps the knee in the IT band's impingement zone.",
	Computes: "Per run: descent (m) and mean grade of the descending stretches (%). Per week: descent vs the baseline, the " +
		"median weekly descent of the previous 6 weeks (at least 4 of them with altitude data). Low: a run with at least the low limit " +
		"of descent at a mean grade of −3 % or steeper (at most one per week, the largest). Medium: weekly descent ≥ 2× the " +
		"baseline and ≥ the medium limit. High: ≥ 3× and ≥ the high limit. The limits are in metres; the ratios are fixed.",
	Mechanism: downhillPath,
	Evidence:  "Orchard 1996: downhill running keeps the knee near 20–30° of flexion, the impingement zone. Moderate.",
	Grade:     GradeWeak,
	Explanation: "Running downhill keeps the knee near 20–30° of flexion, the zone where the IT band presses the outer knee (Orchard 1996 describes the anatomy; " +
		"no study measured descent exposure and injury), so a sudden rise over your usual descent matters more than the descent itself. " +
		"A tight band may tilt the pelvis, so that the lower back muscles overwork to keep the torso upright: plausible, not proven.",
	Advice:   advise(adviceDownhill, adviceHip),
	Defaults: Thresholds{Low: 300, Medium: 500, High: 1000},
	Unit:     "m of descent",
	Run:      checkDownhillLoad,
	describe: func(t Thresholds) string {
		return fmt.Sprintf("low: a run with ≥ %.0f m of descent at ≤ %.0f %% grade; medium: weekly descent ≥ %.0f× your 6-week median and ≥ %.0f m; high: ≥ %.0f× and ≥ %.0f m",
			t.Low, steepGradePct, descentRatioMedium, t.Medium, descentRatioHigh, t.High)
	},
}

// TrackDirection flags weeks of track laps run the same way round.
var TrackDirection = &Rule{
	ID:     "track-direction",
	Family: "terrain",
	Title:  "Track laps run one way",
	Doc:    "Track laps run one way round: the banked, curved surface loads one leg more.",
	Computes: "Per week: km on a ~400 m oval (GPS) turning one way minus km turning the other way, in km; laps run both " +
		"ways cancel out. No high severity by default.",
	Mechanism: trackPath,
	Evidence:  "Clinical guidance (change direction on tracks); weak.",
	Grade:     GradeWeak,
	Explanation: "Running track bends always the same way makes one leg functionally longer and drops the pelvis on one side; " +
		"changing direction is clinical guidance with weak evidence. " +
		"The tilted pelvis may tension the IT band of one leg, and the lower back muscles may overwork to keep the torso upright: plausible, not proven.",
	Advice:   advise(adviceTrack, adviceHip),
	Defaults: Thresholds{Low: 10, Medium: 20, High: math.NaN()},
	Unit:     "km per week one way",
	Run:      checkTrackDirection,
	describe: func(t Thresholds) string {
		return levelText(t, "≥", "%.0f", " km") + noteText("per week on a track turning one way, net of laps the other way", "")
	},
}

// checkDownhillLoad reports a week at medium or high when its descent is a
// multiple of the baseline, else at low its largest steep-descent run.
func checkDownhillLoad(p *Pass) {
	s, t := p.Season, p.Thresholds
	for i, w := range s.Weeks {
		if base, ok := s.DescentBaseline(i); ok && finite(w.DescentM) {
			sev, limit := None, math.NaN()
			switch {
			case w.DescentM >= descentRatioHigh*base && w.DescentM >= t.High:
				sev, limit = High, t.High
			case w.DescentM >= descentRatioMedium*base && w.DescentM >= t.Medium:
				sev, limit = Medium, t.Medium
			}
			if sev != None {
				summary := fmt.Sprintf("Weekly descent %.0f m, %s your usual week (6-week median %.0f m)", w.DescentM, times(w.DescentM, base), base)
				p.Report(Finding{Severity: sev, Date: dayText(w.Monday), Metric: "descent_m", Value: w.DescentM, Threshold: limit, Summary: summary})
				continue
			}
		}
		var steepest *analysis.Run
		runs := s.WeekRuns(i)
		for j, r := range runs {
			if r.DescentM >= t.Low && r.DownhillGradePct <= steepGradePct && (steepest == nil || r.DescentM > steepest.DescentM) {
				steepest = &runs[j]
			}
		}
		if steepest != nil {
			summary := fmt.Sprintf("Run with %.0f m of descent at %.1f %% mean downhill grade", steepest.DescentM, steepest.DownhillGradePct)
			p.Report(Finding{Severity: Low, Date: dayText(runDay(s, *steepest)), Activity: steepest.Source, Metric: "descent_m", Value: steepest.DescentM, Threshold: t.Low, Summary: summary})
		}
	}
}

// times says how many times the baseline a value is.
func times(v, base float64) string {
	if base <= 0 {
		return "up from none in"
	}
	return fmt.Sprintf("%.1f×", v/base)
}

// checkTrackDirection grades each week's track km turning one way net of
// the km turning the other way (analysis sums 0 for weeks without laps).
func checkTrackDirection(p *Pass) {
	s, t := p.Season, p.Thresholds
	for _, w := range s.Weeks {
		cw, ccw := w.TrackKmCW, w.TrackKmCCW
		net := math.Abs(cw - ccw)
		sev, limit := grade(net, t)
		if sev == None {
			continue
		}
		way, other := "counter-clockwise", "clockwise"
		if cw > ccw {
			way, other = other, way
		}
		summary := fmt.Sprintf("%.1f km more track laps turning %s than %s this week (%.1f km vs %.1f km)",
			net, way, other, math.Max(cw, ccw), math.Min(cw, ccw))
		p.Report(Finding{Severity: sev, Date: dayText(w.Monday), Metric: "track_one_way_km", Value: net, Threshold: limit, Summary: summary})
	}
}
