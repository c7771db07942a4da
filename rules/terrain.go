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
	// descentRatioMedium and descentRatioHigh are the multiples of the
	// baseline weekly descent for medium and high.
	descentRatioMedium = 2.0
	descentRatioHigh   = 3.0
	// trackWeekKm is the one-way track km that make a week part of a track
	// block; trackGapWeeks weeks without end the block, and a new block
	// needs that many weeks without before it.
	trackWeekKm   = 2.0
	trackGapWeeks = 4
	// downhillBlockWeeks is how long a new downhill block is news; after
	// it, the block is the athlete's new usual: an info note.
	downhillBlockWeeks = 6
)

// DownhillLoad flags weeks of much more descent than the athlete's usual.
var DownhillLoad = &Rule{
	ID:     "downhill-load",
	Family: FamilyTerrain,
	Title:  "Downhill load",
	Doc:    "Weekly descent well above the athlete's own usual: a mountain runner's usual descent is their normal.",
	Computes: "Weekly descent (m) vs the baseline, the median weekly descent of the up to 8 weeks before with running in them " +
		"(at least 4 with altitude data; a break's empty weeks are not a flat usual), and after a break at least the last " +
		"tolerated descent (the median of the 4 highest of the 12 weeks before). Medium: ≥ 2× the baseline and ≥ the medium " +
		"limit; high: ≥ 3× and ≥ the high limit in two consecutive weeks (the first is medium). A new block stays one episode, " +
		"judged against the pre-block baseline, while it stays above it; after 6 weeks it is the new usual, an info note. " +
		"No per-run alarm. Weeks of at least the medium limit that are the athlete's usual make one info note per block. " +
		"The limits are in metres; the ratios are fixed.",
	Mechanism: downhillPath,
	Evidence: "Orchard JW et al., Am J Sports Med 1996;24(3):375–79 describes the anatomy of the impingement zone (20–30° of knee flexion); " +
		"Robertz L et al., ISBS Proceedings 2022;40(1):143 (lab, 22 runners: IT band strain rises with downhill slope); no study measured descent exposure and injury.",
	Grade: GradeWeak,
	Explanation: "Running downhill keeps the knee near 20–30° of flexion, the zone where the IT band presses the outer knee (Orchard 1996 describes the anatomy; " +
		"no study measured descent exposure and injury), so a sudden rise over your usual descent matters more than the descent itself. " +
		"A tight band may tilt the pelvis, so that the lower back muscles overwork to keep the torso upright: plausible, not proven.",
	Advice:   advise(adviceDownhill, adviceHip),
	Defaults: Thresholds{Low: math.NaN(), Medium: 500, High: 1000},
	Unit:     Unit{Metres, "m of descent"},
	Run:      checkDownhillLoad,
	describe: func(t Thresholds) string {
		return fmt.Sprintf("medium: weekly descent ≥ %.0f× your 8-week median and ≥ %.0f m; high: ≥ %.0f× and ≥ %.0f m two weeks running; "+
			"a usual mountain block is an info note", descentRatioMedium, t.Medium, descentRatioHigh, t.High)
	},
}

// TrackDirection flags a new block of track laps run one way round.
var TrackDirection = &Rule{
	ID:     "track-direction",
	Family: FamilyTerrain,
	Title:  "Track laps run one way",
	Doc:    "Track laps run one way round: the banked, curved surface loads one leg more. A new block is news; a steady habit is context.",
	Computes: "Per week: km on a ~400 m oval (GPS) turning one way minus km turning the other way (laps run both ways " +
		"cancel out). Weeks with at least 2 km one way form a block until 4 weeks without. A new block (after at least 4 " +
		"weeks of data without) is low once, in its first week with at least the low limit; the block as a steady habit " +
		"is one info note.",
	Mechanism: trackPath,
	Evidence:  "Clinical guidance only (change direction on tracks).",
	Grade:     GradeWeak,
	Explanation: "Running track bends always the same way makes one leg functionally longer and drops the pelvis on one side; " +
		"changing direction is clinical guidance with weak evidence. " +
		"The tilted pelvis may tension the IT band of one leg, and the lower back muscles may overwork to keep the torso upright: plausible, not proven.",
	Advice:   advise(adviceTrack, adviceHip),
	Defaults: Thresholds{Low: 10, Medium: math.NaN(), High: math.NaN()},
	Unit:     Unit{Kilometres, "km per week one way"},
	Run:      checkTrackDirection,
	describe: func(t Thresholds) string {
		return levelText(t, "≥", "%.0f", " km") + noteText("per week one way in the first weeks of a new track block, once per block", "a steady habit is an info note")
	},
}

// checkDownhillLoad grades each week's descent against the baseline, and
// notes blocks of usual mountain descent. A block that rises over the
// baseline is judged against the pre-block baseline while it stays above
// it (one episode, not quiet once the rolling median catches up), and
// after downhillBlockWeeks weeks it is the new usual: an info note.
func checkDownhillLoad(p *Pass) {
	s, t := p.Season, p.Thresholds
	if !anyRun(s, func(r analysis.Run) bool { return finite(r.DescentM) }) {
		p.NoData("no altitude data")
		return
	}
	judged := 0
	var marks, notes []mark
	prevHigh := false
	blockBase, blockWeeks, quiet := math.NaN(), 0, 0
	for i, w := range s.Weeks {
		base, ok := s.DescentBaseline(i)
		inBlock := blockWeeks > 0
		if inBlock {
			base, ok = blockBase, true
		}
		if !ok {
			prevHigh = false
			continue
		}
		judged++
		if !finite(w.DescentM) {
			prevHigh = false
			continue
		}
		high := w.DescentM >= descentRatioHigh*base && w.DescentM >= t.High
		medium := w.DescentM >= descentRatioMedium*base && w.DescentM >= t.Medium
		if inBlock && !medium {
			// One quiet week inside a block does not end it.
			if quiet++; quiet >= 2 {
				blockBase, blockWeeks, quiet = math.NaN(), 0, 0
			}
			prevHigh = false
			continue
		}
		m := mark{week: i, value: w.DescentM}
		if medium {
			if !inBlock {
				blockBase = base
			}
			blockWeeks++
			quiet = 0
			if blockWeeks > downhillBlockWeeks {
				m.sev, m.limit = Info, t.Medium
				m.summary = fmt.Sprintf("A block of %.0f m of descent a week, %s your usual before it (%.0f m), for more than %d weeks: "+
					"the new usual, context rather than a change", w.DescentM, times(w.DescentM, base), base, downhillBlockWeeks)
				notes = append(notes, m)
				prevHigh = high
				continue
			}
		}
		switch {
		case high && prevHigh:
			m.sev, m.limit = High, t.High
		case medium:
			m.sev, m.limit = Medium, t.Medium
		}
		prevHigh = high
		if m.sev > None {
			how := "your usual week (median of the 8 weeks before with running in them"
			if inBlock {
				how = "your usual week before this block (median"
			}
			m.summary = fmt.Sprintf("Weekly descent %.0f m, %s %s %.0f m)", w.DescentM, times(w.DescentM, base), how, base)
			if m.sev == High {
				m.summary += ", the second such week"
			}
			marks = append(marks, m)
			continue
		}
		if w.DescentM >= t.Medium {
			m.sev, m.limit = Info, t.Medium
			m.summary = fmt.Sprintf("Weeks of %.0f m of descent or more are your usual (median %.0f m of the weeks with running before): context, not a change", t.Medium, base)
			notes = append(notes, m)
		}
	}
	if judged == 0 {
		p.Learning("fewer than %d weeks with altitude data", analysis.MinDescentBaselineWeeks)
	}
	p.reportEpisodes("descent_m", marks)
	p.reportEpisodes("descent_m", notes)
}

// times says how many times the baseline a value is.
func times(v, base float64) string {
	if base <= 0 {
		return "up from none in"
	}
	return fmt.Sprintf("%.1f×", v/base)
}

// checkTrackDirection finds blocks of one-way track running: low once when
// a block is new, an info note for the block as a habit.
func checkTrackDirection(p *Pass) {
	s, t := p.Season, p.Thresholds
	if !anyRun(s, func(r analysis.Run) bool { return finite(r.TrackKmCW) || finite(r.TrackKmCCW) }) {
		p.NoData("no GPS")
		return
	}
	oneWay := func(w analysis.Week) float64 { return math.Abs(w.TrackKmCW - w.TrackKmCCW) }
	for i := 0; i < len(s.Weeks); i++ {
		if oneWay(s.Weeks[i]) < trackWeekKm {
			continue
		}
		start, end := i, i
		for j := i + 1; j < len(s.Weeks) && j-end < trackGapWeeks; j++ {
			if oneWay(s.Weeks[j]) >= trackWeekKm {
				end = j
			}
		}
		i = end
		if start >= trackGapWeeks { // weeks of data without track before it: a new block
			for k := start; k <= end && k < start+trackGapWeeks; k++ {
				if km := oneWay(s.Weeks[k]); km >= t.Low {
					p.Report(Finding{Severity: Low, Date: s.Weeks[k].Monday, Metric: "track_one_way_km", Value: km, Threshold: t.Low,
						Summary: fmt.Sprintf("A new block of track running one way: %.1f km %s this week, after %d weeks or more without",
							km, direction(s.Weeks[k]), trackGapWeeks)})
					break
				}
			}
		}
		var kms []float64
		for k := start; k <= end; k++ {
			kms = append(kms, oneWay(s.Weeks[k]))
		}
		med := analysis.Median(kms)
		f := Finding{Severity: Info, Date: s.Weeks[start].Monday, Metric: "track_one_way_km", Value: med, Threshold: math.NaN(),
			Summary: fmt.Sprintf("Track running one way is a habit: about %.1f km a week %s (median of the block's weeks)", med, direction(s.Weeks[start]))}
		if end > start {
			f.Until = s.Weeks[end].Monday
		}
		p.Report(f)
	}
}

// direction says which way a week's track laps turned.
func direction(w analysis.Week) string {
	if w.TrackKmCW > w.TrackKmCCW {
		return "turning clockwise"
	}
	return "turning counter-clockwise"
}
