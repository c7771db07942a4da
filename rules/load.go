package rules

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"gonum.org/v1/gonum/stat"
)

// loadPath is the chain path of the training-load rules.
var loadPath = []Link{TrainingLoad, GluteFatigue, TFLCompensation, ITBTension, PelvicTilt, LumbarOverload}

const (
	// returnWeeks is how many weeks before last week weekly-jump searches
	// for a volume the athlete is returning to.
	returnWeeks = 4
	// minStrainWeeks is the fewest earlier weeks with a strain value needed
	// to take the athlete's 90th percentile of weekly strain.
	minStrainWeeks = 8
)

// LoadSpike flags weeks whose running load jumps above the recent average.
var LoadSpike = &Rule{
	ID:     "load-spike",
	Family: "training load",
	Title:  "Training load spike",
	Doc:    "Acute:chronic workload ratio of weekly running load: this week's load well above the average of the 4 weeks before.",
	Computes: "ACWR = this ISO week's running load ÷ mean weekly load of the 4 preceding weeks (uncoupled), in the configured load " +
		"metric (auto by default: session RPE when most runs are rated, else TRIMP with heart rate, else km). Judged only with 28 days of history and a chronic load of at least 10 km/week. " +
		"High from the medium limit when weekly-jump reaches medium in the same week (even if weekly-jump is disabled).",
	Mechanism: loadPath,
	Evidence:  "Gabbett 2016 (sweet spot 0.8–1.3, danger ≥ 1.5); debated (Impellizzeri 2020): a risk signal, not a predictor.",
	Grade:     GradeWeakModerate,
	Explanation: "A sudden rise in running load outpaces the adaptation of muscles and tendons; that link is well established, " +
		"but the acute:chronic ratio itself is contested (Lolli 2019, Impellizzeri 2020) and is a risk signal, not a predictor. " +
		"Tired hip abductors (gluteus medius) may let the pelvis drop, and the tensor fasciae latae works harder to hold the hip, " +
		"pulling the IT band tight over the outer knee and hip. " +
		"That band tension may tilt the pelvis so that the lower back muscles overwork to keep the torso upright: plausible, not proven.",
	Advice:   advise(adviceLoad, adviceHip),
	Defaults: Thresholds{Low: 1.3, Medium: 1.5, High: 2.0},
	Unit:     "ACWR",
	Run:      checkLoadSpike,
	describe: func(t Thresholds) string {
		return levelText(t, "≥", "%.2f", "") + noteText("ACWR", fmt.Sprintf("high from %.2f when weekly-jump ≥ medium", t.Medium))
	},
}

// WeeklyJump flags weeks whose distance rises steeply.
var WeeklyJump = &Rule{
	ID:     "weekly-jump",
	Family: "training load",
	Title:  "Weekly distance jump",
	Doc:    "Week-over-week progression of running distance.",
	Computes: "Running km this week vs last week, in percent, judged only when last week had at least 10 km. " +
		"A return is not a progression: when this week's km does not exceed the highest weekly km of the 4 weeks " +
		"before last week by more than 10 %, the athlete is back to a volume run within the last month after a " +
		"lighter week (a deload, a taper, an illness), and the severity is capped at low.",
	Mechanism: loadPath,
	Evidence:  "Nielsen 2014 (JOSPT 44:739): > 30 % weekly progression associated with distance-related injuries incl. ITBS and PFPS; the 10 % rule is convention.",
	Grade:     GradeWeak,
	Explanation: "Raising weekly distance faster than the body adapts may lead to distance-related running injuries, ITBS among them; " +
		"the best study (Nielsen 2014, novice runners) found a higher risk above +30 % a week that was not statistically significant. " +
		"Tired hip abductors (gluteus medius) may let the pelvis drop, and the tensor fasciae latae works harder to hold the hip, " +
		"pulling the IT band tight over the outer knee and hip. " +
		"That band tension may tilt the pelvis so that the lower back muscles overwork: plausible, not proven.",
	Advice:   advise(adviceLoad, adviceHip),
	Defaults: Thresholds{Low: 10, Medium: 20, High: 30},
	Unit:     "% more km than last week",
	Run:      checkWeeklyJump,
	describe: func(t Thresholds) string {
		return levelText(t, "≥ +", "%.0f", " %") + noteText("km vs last week", "low at most when back to the highest week of the 4 before last week + 10 %")
	},
}

// Monotony flags weeks of the same load day after day.
var Monotony = &Rule{
	ID:     "monotony",
	Family: "training load",
	Title:  "Same load day after day",
	Doc:    "Foster monotony: little variation of load across the days of a week.",
	Computes: "Monotony = mean ÷ SD of the 7 daily loads (rest days = 0); strain = weekly load × monotony. " +
		"High needs monotony at the high limit and strain above the athlete's 90th percentile of weekly strain over the " +
		"earlier weeks; with fewer than 8 earlier weeks the rule stops at medium.",
	Mechanism: loadPath,
	Evidence:  "Foster 1998; weak for ITBS specifically.",
	Grade:     GradeWeak,
	Explanation: "Running the same load day after day leaves little room to recover, a pattern Foster linked to illness and overtraining " +
		"in athletes training daily; for ITBS specifically there is no study. " +
		"Fatigued hip abductors may hand stabilising work to the tensor fasciae latae, which tightens the IT band. " +
		"Band tension may tilt the pelvis and overload the lower back: plausible, not proven.",
	Advice:   advise(adviceLoad),
	Defaults: Thresholds{Low: 1.5, Medium: 2.0, High: 2.0},
	Unit:     "monotony",
	Run:      checkMonotony,
	describe: func(t Thresholds) string {
		return fmt.Sprintf("low ≥ %.2f, medium ≥ %.2f, high ≥ %.2f with strain above your 90th percentile (monotony; high needs 8 earlier weeks)",
			t.Low, t.Medium, t.High)
	},
}

// loadUnit names the unit of the season's load metric.
func loadUnit(s *analysis.Season) string {
	switch s.Params.LoadMetric {
	case analysis.LoadDuration:
		return "min"
	case analysis.LoadTRIMP:
		return "TRIMP"
	case analysis.LoadSRPE:
		return "sRPE AU"
	}
	return "km"
}

// checkLoadSpike grades the weeks' ACWR, which analysis leaves NaN without
// 28 days of history or with a chronic load under 10 km/week.
func checkLoadSpike(p *Pass) {
	s, t := p.Season, p.Thresholds
	cfg := p.Config
	jump := cfg.Thresholds(WeeklyJump)
	for i, w := range s.Weeks {
		if !finite(w.ACWR) || !(w.ACWR > 0) {
			continue
		}
		sev, limit := grade(w.ACWR, t)
		note := ""
		if sev == Medium {
			if jumpAt(s, i, jump).sev >= Medium {
				sev, note = High, ", with a weekly jump"
			}
		}
		if sev == None {
			continue
		}
		unit := loadUnit(s)
		summary := fmt.Sprintf("Running load %.2f× the 4-week average (%.1f %s vs %.1f %s/week)%s",
			w.ACWR, w.Load, unit, w.Load/w.ACWR, unit, note)
		p.Report(Finding{Severity: sev, Date: dayText(w.Monday), Metric: "acwr", Value: w.ACWR, Threshold: limit, Summary: summary})
	}
}

// returnSlackPct is how far above the highest of the 4 weeks before last
// week a week may go and still count as a return rather than new volume.
const returnSlackPct = 10.0

// jump is week i's distance progression vs last week.
type jump struct {
	sev       Severity // after the return cap
	limit     float64  // the threshold sev was graded on
	changePct float64  // this week's km vs last week's, in percent
	lastKm    float64  // last week's km
	// returning is true when this week stays within returnSlackPct of
	// peakKm, the highest week of the 4 before last week (the latest such
	// week starts on peakMonday): a return to recent volume after a
	// lighter week, capped at low.
	returning  bool
	peakKm     float64
	peakMonday time.Time
}

// jumpAt grades week i's distance progression: the week's ChangePct vs
// last week (NaN, so no finding, when last week had under 10 km), capped at
// low when the week returns to a volume run in the 4 weeks before last week.
func jumpAt(s *analysis.Season, i int, t Thresholds) jump {
	j := jump{changePct: math.NaN(), lastKm: math.NaN(), peakKm: math.NaN()}
	if i < 1 || !finite(s.Weeks[i].ChangePct) {
		return j
	}
	j.lastKm = s.Weeks[i-1].DistanceKm
	j.changePct = s.Weeks[i].ChangePct
	j.sev, j.limit = grade(j.changePct, t)
	for k := max(0, i-1-returnWeeks); k < i-1; k++ {
		if km := s.Weeks[k].DistanceKm; finite(km) && !(km < j.peakKm) {
			j.peakKm, j.peakMonday = km, s.Weeks[k].Monday
		}
	}
	if j.sev > Low && finite(j.peakKm) && s.Weeks[i].DistanceKm <= j.peakKm*(1+returnSlackPct/100) {
		j.returning = true
		j.sev, j.limit = Low, t.Low
	}
	return j
}

// checkWeeklyJump reports every week whose jumpAt grade is at least low.
func checkWeeklyJump(p *Pass) {
	s, t := p.Season, p.Thresholds
	for i, w := range s.Weeks {
		j := jumpAt(s, i, t)
		if j.sev == None {
			continue
		}
		summary := fmt.Sprintf("Weekly distance +%.0f %% on last week (%.1f km vs %.1f km)", j.changePct, w.DistanceKm, j.lastKm)
		if j.returning {
			summary = fmt.Sprintf("+%.0f %% on last week, but back to the %.1f km of the week of %s: a return after a lighter week, not new volume",
				j.changePct, j.peakKm, dayText(j.peakMonday))
		}
		p.Report(Finding{Severity: j.sev, Date: dayText(w.Monday), Metric: "week_change_pct", Value: j.changePct, Threshold: j.limit, Summary: summary})
	}
}

// checkMonotony grades each week's Foster monotony; high also needs the
// week's strain above the 90th percentile of the earlier weeks' strains.
func checkMonotony(p *Pass) {
	s, t := p.Season, p.Thresholds
	var strains []float64 // finite strains of the weeks before, for the percentile
	for _, w := range s.Weeks {
		m := w.Monotony
		if finite(m) {
			sev, limit := grade(m, Thresholds{Low: t.Low, Medium: t.Medium, High: math.NaN()})
			summary := fmt.Sprintf("Training monotony %.2f (same load day after day; strain %.0f)", m, w.Strain)
			if m >= t.High && finite(w.Strain) && len(strains) >= minStrainWeeks {
				sorted := append([]float64(nil), strains...)
				sort.Float64s(sorted)
				p90 := stat.Quantile(0.9, stat.LinInterp, sorted, nil)
				if w.Strain > p90 {
					sev, limit = High, t.High
					summary = fmt.Sprintf("Training monotony %.2f with strain %.0f above your 90th percentile (%.0f)", m, w.Strain, p90)
				}
			}
			if sev != None {
				p.Report(Finding{Severity: sev, Date: dayText(w.Monday), Metric: "monotony", Value: m, Threshold: limit, Summary: summary})
			}
		}
		if finite(w.Strain) {
			strains = append(strains, w.Strain)
		}
	}
}
