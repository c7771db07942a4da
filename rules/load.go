package rules

import (
	"fmt"
	"math"

	"github.com/itbcheck/itbcheck/analysis"
)

// loadPath is the chain path of the training-load rules.
var loadPath = []Link{TrainingLoad, GluteFatigue, TFLCompensation, ITBTension, PelvicTilt, LumbarOverload}

const (
	// minLoadWeeks is the load history (weeks before this one) the load
	// rules need (DOMAIN.md: ≥ 4 weeks).
	minLoadWeeks = 4
	// breakShare: a week below this share of the tolerated level is a
	// break (illness, holiday, time off); after one, load is judged
	// against the tolerated level rather than the low 4-week mean.
	breakShare = 0.5
	// recentMaxWeeks is how many weeks before this one weekly-jump takes
	// the highest from.
	recentMaxWeeks = 6
	// rampWeeks is the span of the cumulative ramp: the mean of the last
	// rampWeeks weeks against the tolerated level before them.
	rampWeeks = 4
	// rampMediumPct and rampHighPct grade the cumulative ramp.
	rampMediumPct, rampHighPct = 40.0, 60.0
	// minMonotonyWeeks is the fewest earlier weeks with monotony and strain
	// for the athlete's own 90th percentiles.
	minMonotonyWeeks = 8
	// monotonyNoiseZ is how many of the athlete's own noise widths (MAD
	// of earlier weeks' monotony, at least minMonotonyNoise) a week must
	// also clear: a daily runner's usual spread is not a change.
	monotonyNoiseZ, minMonotonyNoise = 3.0, 0.1
)

// LoadSpike flags weeks whose running load is well above what the athlete
// tolerated.
var LoadSpike = &Rule{
	ID:     "load-spike",
	Family: FamilyLoad,
	Title:  "Training load spike",
	Doc:    "This week's running load well above the load the athlete tolerated in the weeks before.",
	Computes: "Ratio = this ISO week's running load ÷ tolerated load, in the configured load metric (auto by default: session RPE when most runs are rated, else TRIMP with heart rate, else km). The " +
		"tolerated load is the greater of the mean of the 4 weeks before and the last tolerated level, the median of the " +
		"4 best of the 12 weeks before: after a break (or an easy week) the low 4-week mean would judge the rebuild " +
		"against the break itself, so a rebuild towards the tolerated level is quiet. Needs 4 weeks of history and a chronic load of 10 km/week; " +
		"the chronic load is then always representative (never below the athlete's usual upper weeks), as high needs. High also needs a second risk " +
		"family (cadence, asymmetry, terrain, equipment) open within the same 2 weeks or the week before at the medium limit too: no high from one " +
		"weekly ratio alone (Frandsen 2025). The weekly table's acwr_ewma " +
		"is the week's mean of the daily EWMA ratio (≈ 1.0 for constant training). Consecutive weeks make one episode.",
	Mechanism: loadPath,
	Evidence: "Gabbett TJ, Br J Sports Med 2016;50:273–80 (acute:chronic ratio); the ratio is contested (Lolli L et al., Br J Sports Med 2019;53:921–22: " +
		"mathematical coupling; Impellizzeri FM et al., Int J Sports Physiol Perform 2020;15:907–13: no better than acute load alone), and the largest " +
		"cohort to date found no positive association between weekly ratios and injury (Frandsen JSB et al., Br J Sports Med 2025;59:1203–1210): a risk signal only.",
	Grade: GradeWeakModerate,
	Explanation: "A sudden rise in running load outpaces the adaptation of muscles and tendons; that link is well established, " +
		"but the acute:chronic ratio itself is contested (Lolli 2019, Impellizzeri 2020), and in the largest cohort to date (Frandsen 2025, 5,205 runners) " +
		"weekly ratios showed no positive association with injury, so it is a risk signal, not a predictor, and never high on its own. " +
		"Tired hip abductors (gluteus medius) may let the pelvis drop, and the tensor fasciae latae works harder to hold the hip, " +
		"pulling the IT band tight over the outer knee and hip. " +
		"That band tension may tilt the pelvis so that the lower back muscles overwork to keep the torso upright: plausible, not proven.",
	Advice:   advise(adviceLoad, adviceHip),
	Defaults: Thresholds{Low: 1.3, Medium: 1.5, High: 2.0},
	Unit:     Unit{Ratio, "× tolerated load"},
	Run:      checkLoadSpike,
	Requires: otherFamilies,
	describe: func(t Thresholds) string {
		return levelText(t, "≥", "%.2f", "×") + noteText("this week's load ÷ tolerated load",
			fmt.Sprintf("the greater of the 4-week mean and the last well-tolerated level; high only with a second risk family open or the week before ≥ %.2f×", t.Medium))
	},
}

// WeeklyJump flags weeks whose distance rises steeply above recent weeks,
// and slow creeps that add up over a month.
var WeeklyJump = &Rule{
	ID:     "weekly-jump",
	Family: FamilyLoad,
	Title:  "Weekly distance jump",
	Doc:    "Running distance well above the highest recent week, or a cumulative ramp over 4 weeks.",
	Computes: "Jump: this week's running km vs the highest of the 6 weeks before (not last week alone, so a return after a " +
		"lighter week is not a jump) or, when higher, the tolerated level (the median of the 4 best of the 12 weeks before, " +
		"so a rebuild after a break is quiet), judged when that is at least 10 km. Ramp: the mean km of the last 4 weeks together " +
		"vs the tolerated level before them (the median of the 4 best of the 12 weeks before those 4), which catches a slow creep that " +
		"never jumps, while a steady 6 %/week build is not a ramp alarm: +40 % medium, +60 % high. High needs a second risk family open " +
		"within the same 2 weeks or confirmation: a jump whose raised level holds the next week, a ramp at the medium limit the week " +
		"before too. The severity is the higher of the two; consecutive weeks make one episode.",
	Mechanism: loadPath,
	Evidence: "Nielsen RO et al., J Orthop Sports Phys Ther 2014;44(10):739–47 (novice runners; > 30 % weekly progression: HR 1.59, 95 % CI 0.96–2.66, " +
		"not significant); Damsted C et al., J Orthop Sports Phys Ther 2019;49(4):230–38 (+20–60 %: a risk difference at day 21 only); Frandsen JSB et al., " +
		"Br J Sports Med 2025;59:1203–1210 (no positive association for week-to-week change); the 10 % rule is convention.",
	Grade: GradeWeak,
	Explanation: "Raising weekly distance faster than the body adapts may lead to distance-related running injuries, ITBS among them; " +
		"the best study (Nielsen 2014, novice runners) found a higher risk above +30 % a week that was not statistically significant, " +
		"and the largest cohort to date (Frandsen 2025) found no positive association for week-to-week change, so one week alone is never high. " +
		"Tired hip abductors (gluteus medius) may let the pelvis drop, and the tensor fasciae latae works harder to hold the hip, " +
		"pulling the IT band tight over the outer knee and hip. " +
		"That band tension may tilt the pelvis so that the lower back muscles overwork: plausible, not proven.",
	Advice:   advise(adviceLoad, adviceHip),
	Defaults: Thresholds{Low: math.NaN(), Medium: 30, High: 50},
	Unit:     Unit{Percent, "% more km than the recent maximum"},
	Run:      checkWeeklyJump,
	Requires: otherFamilies,
	describe: func(t Thresholds) string {
		return levelText(t, "≥", "+%.0f", " %") + noteText("km vs the highest of the 6 weeks before",
			fmt.Sprintf("or the mean of the last 4 weeks vs the tolerated level before them: medium ≥ +%.0f %%, high ≥ +%.0f %%; "+
				"high only with a second risk family open or confirmed the next week", rampMediumPct, rampHighPct))
	},
}

// Monotony flags weeks of the same load day after day, beyond the
// athlete's own usual.
var Monotony = &Rule{
	ID:     "monotony",
	Family: FamilyLoad,
	Title:  "Same load day after day",
	Doc:    "Foster monotony and strain above the athlete's own usual: a daily runner's normal is their normal.",
	Computes: "Monotony = mean ÷ SD of the 7 daily loads (rest days = 0); strain = weekly load × monotony. Low only, when " +
		"both exceed the athlete's 90th percentile of the 12 weeks before (at least 8 of them) two weeks running, monotony " +
		"also clearing the athlete's own noise (median + 3 MAD) and the low limit: Foster's ratio is noisy for someone who " +
		"runs every day, so one even week is not a block. Consecutive weeks make one episode.",
	Mechanism: loadPath,
	Evidence:  "Foster 1998 (illness and overtraining in athletes training daily, not ITBS).",
	Grade:     GradeWeak,
	Explanation: "Running the same load day after day leaves little room to recover, a pattern Foster linked to illness and overtraining " +
		"in athletes training daily; for ITBS specifically there is no study. " +
		"Fatigued hip abductors may hand stabilising work to the tensor fasciae latae, which tightens the IT band. " +
		"Band tension may tilt the pelvis and overload the lower back: plausible, not proven.",
	Advice:   advise(adviceLoad),
	Defaults: Thresholds{Low: 2.0, Medium: math.NaN(), High: math.NaN()},
	Unit:     Unit{Index, "monotony"},
	Run:      checkMonotony,
	describe: func(t Thresholds) string {
		return fmt.Sprintf("low: monotony ≥ %.2f and both monotony and strain above your own 90th percentile two weeks running (monotony; never medium or high by default)", t.Low)
	},
}

func weekLoad(w analysis.Week) float64 { return w.Load }
func weekKm(w analysis.Week) float64   { return w.DistanceKm }

// historyDays is how many days of running history lie before week i.
func historyDays(s *analysis.Season, i int) int {
	if len(s.Runs) == 0 {
		return 0
	}
	first := runDay(s, s.Runs[0])
	return int(s.Weeks[i].Monday - analysis.DayOf(first))
}

// tolerated is week i's tolerated load: the greater of the 4-week mean
// and the last tolerated level (the median of the 4 best of the 12 weeks
// before). afterBreak says that the level was used after a break (a week
// below half of it among the 4 before), when the 4-week mean would judge a
// rebuild against the break itself.
// ok is false without 4 weeks of history or with a chronic load under
// 10 km/week.
func tolerated(s *analysis.Season, i int) (load float64, afterBreak, ok bool) {
	if i < minLoadWeeks || historyDays(s, i) < analysis.ChronicDays {
		return math.NaN(), false, false
	}
	var mean, km float64
	for _, p := range s.Weeks[i-minLoadWeeks : i] {
		mean += p.Load / minLoadWeeks
		km += p.DistanceKm / minLoadWeeks
	}
	level, haveLevel := s.ToleratedLevel(i, weekLoad)
	if haveLevel {
		for _, p := range s.Weeks[i-minLoadWeeks : i] {
			if p.Load < breakShare*level {
				afterBreak = true
			}
		}
	}
	if haveLevel && level > mean {
		return level, afterBreak, level > 0
	}
	if km < analysis.MinChronicKm {
		return math.NaN(), false, false
	}
	return mean, false, mean > 0
}

// checkLoadSpike grades each week's load against its tolerated load.
func checkLoadSpike(p *Pass) {
	s, t := p.Season, p.Thresholds
	unit := s.Params.LoadMetric.Unit()
	judged := 0
	prevRatio := math.NaN()
	var marks []mark
	for i, w := range s.Weeks {
		base, afterBreak, ok := tolerated(s, i)
		if !ok {
			prevRatio = math.NaN()
			continue
		}
		judged++
		ratio := w.Load / base
		sev, limit := grade(ratio, t)
		if sev == None {
			prevRatio = ratio
			continue
		}
		note := ""
		if sev == High {
			sev, limit, note = confirmHigh(p, i, prevRatio >= t.Medium, t.Medium, t.High,
				fmt.Sprintf("; the week before at %.2f×, confirmed", prevRatio))
		}
		prevRatio = ratio
		how := "the 4-week mean"
		switch {
		case afterBreak:
			how = "your last well-tolerated level, after a break"
		case base > meanLoad(s, i)+1e-9:
			how = "your last well-tolerated level"
		}
		marks = append(marks, mark{week: i, sev: sev, value: ratio, limit: limit,
			summary: fmt.Sprintf("Running load %.2f× your tolerated load (%.1f %s vs %.1f %s/week, %s; EWMA ratio %s)%s",
				ratio, w.Load, unit, base, unit, how, fmtRatio(w.ACWREWMA), note)})
	}
	if judged == 0 {
		p.Learning("%d of %d weeks of load history", min(len(s.Weeks)-1, minLoadWeeks), minLoadWeeks)
	}
	p.reportEpisodes("load_ratio", marks)
}

// meanLoad is the mean weekly load of the 4 weeks before week i.
func meanLoad(s *analysis.Season, i int) float64 {
	sum := 0.0
	for _, p := range s.Weeks[i-minLoadWeeks : i] {
		sum += p.Load
	}
	return sum / minLoadWeeks
}

// fmtRatio prints a ratio with two decimals, "–" when unknown.
func fmtRatio(v float64) string {
	if !finite(v) {
		return "–"
	}
	return fmt.Sprintf("%.2f", v)
}

// checkWeeklyJump grades each week's km against the highest of the weeks
// before, and the cumulative ramp (the mean km of the last 4 weeks)
// against the tolerated level before those 4. High needs a second family
// open or the rise confirmed: a jump whose raised level holds the next week
// (at least the medium limit above the same reference), a ramp at the
// medium limit the week before too.
func checkWeeklyJump(p *Pass) {
	s, t := p.Season, p.Thresholds
	ramp := Thresholds{Low: math.NaN(), Medium: rampMediumPct, High: rampHighPct}
	judged := 0
	prevRef, prevJumpHigh, prevRamp := math.NaN(), false, math.NaN()
	var marks []mark
	for i, w := range s.Weeks {
		if i < minLoadWeeks {
			continue
		}
		judged++
		m := mark{week: i}
		recent := math.NaN()
		for _, q := range s.Weeks[max(0, i-recentMaxWeeks):i] {
			if !(q.DistanceKm <= recent) {
				recent = q.DistanceKm
			}
		}
		// After a break the recent weeks are low: a rebuild is judged
		// against the last tolerated level, as load-spike is.
		if level, ok := s.ToleratedLevel(i, weekKm); ok && level > recent {
			recent = level
		}
		jumpHigh := false
		if recent >= analysis.MinChangeBaseKm {
			pct := (w.DistanceKm/recent - 1) * 100
			if sev, limit := grade(pct, t); sev > None {
				note := ""
				if sev == High {
					jumpHigh = true
					sev, limit, note = confirmHigh(p, i, false, t.Medium, t.High, "")
				}
				m.sev, m.value, m.limit = sev, pct, limit
				m.summary = fmt.Sprintf("Weekly distance %.1f km, +%.0f %% on the highest of the 6 weeks before or your tolerated level (%.1f km)%s", w.DistanceKm, pct, recent, note)
			}
		}
		// A jump to high held the next week: confirmed.
		if prevJumpHigh && finite(prevRef) && w.DistanceKm >= (1+t.Medium/100)*prevRef {
			pct := (w.DistanceKm/prevRef - 1) * 100
			m.sev, m.value, m.limit = High, pct, t.High
			m.summary = fmt.Sprintf("Weekly distance %.1f km, still +%.0f %% on the %.1f km before last week's jump: the rise held a second week",
				w.DistanceKm, pct, prevRef)
		}
		prevRef, prevJumpHigh = recent, jumpHigh
		curRamp := math.NaN()
		if level, ok := s.ToleratedLevel(i-rampWeeks+1, weekKm); ok && level >= analysis.MinChangeBaseKm {
			mean := 0.0
			for _, q := range s.Weeks[i-rampWeeks+1 : i+1] {
				mean += q.DistanceKm / rampWeeks
			}
			pct := (mean/level - 1) * 100
			curRamp = pct
			if sev, limit := grade(pct, ramp); sev > m.sev {
				note := ""
				if sev == High {
					sev, limit, note = confirmHigh(p, i, prevRamp >= ramp.Medium, ramp.Medium, ramp.High,
						fmt.Sprintf("; the week before at +%.0f %%, confirmed", prevRamp))
				}
				if sev > m.sev {
					m.sev, m.value, m.limit = sev, pct, limit
					m.summary = fmt.Sprintf("The last %d weeks averaged %.1f km, +%.0f %% on the %.1f km you tolerated before them: a ramp that adds up%s",
						rampWeeks, mean, pct, level, note)
				}
			}
		}
		prevRamp = curRamp
		if m.sev > None {
			marks = append(marks, m)
		}
	}
	if judged == 0 {
		p.Learning("%d of %d weeks of distance history", min(len(s.Weeks)-1, minLoadWeeks), minLoadWeeks)
	}
	p.reportEpisodes("km_change_pct", marks)
}

// confirmHigh decides whether a load ratio at its high limit in week i is
// high (DOMAIN.md, principle 6: no high from one weekly ratio alone): it is
// when another risk family is open within the same 2 weeks, or when
// confirmed (the rule's own measure at the medium limit the week before
// too, with confirmedNote); otherwise it is medium. It returns the
// severity, the limit it was graded on (medium or high) and a note.
func confirmHigh(p *Pass, i int, confirmed bool, medium, high float64, confirmedNote string) (Severity, float64, string) {
	if fam, ok := otherFamilyOpen(p, i); ok {
		return High, high, "; with " + fam + " open within 2 weeks"
	}
	if confirmed {
		return High, high, confirmedNote
	}
	return Medium, medium, "; at the high limit, but one weekly ratio alone is not high (no second risk family open, not confirmed)"
}

// checkMonotony flags weeks whose monotony and strain both exceed the
// athlete's own 90th percentiles, two weeks running: a monotonous block,
// not one even week of someone who runs every day.
func checkMonotony(p *Pass) {
	s, t := p.Season, p.Thresholds
	judged := 0
	var marks []mark
	for i, w := range s.Weeks {
		if i < 1 {
			continue
		}
		monos := s.WeeklyHistory(i-1, func(w analysis.Week) float64 { return w.Monotony })
		strains := s.WeeklyHistory(i-1, func(w analysis.Week) float64 { return w.Strain })
		if len(monos) < minMonotonyWeeks || len(strains) < minMonotonyWeeks {
			continue
		}
		judged++
		prev := s.Weeks[i-1]
		if !finite(w.Monotony) || !finite(w.Strain) || !finite(prev.Monotony) || !finite(prev.Strain) {
			continue
		}
		pm, ps := analysis.Quantile(0.9, monos), analysis.Quantile(0.9, strains)
		med, mad := analysis.MedianMAD(monos)
		clear := math.Max(pm, math.Max(t.Low, med+monotonyNoiseZ*math.Max(mad, minMonotonyNoise)))
		if w.Monotony > clear && prev.Monotony > clear && w.Strain > ps && prev.Strain > ps {
			marks = append(marks, mark{week: i, sev: Low, value: w.Monotony, limit: t.Low,
				summary: fmt.Sprintf("Training monotony %.2f and strain %.0f, two weeks running above your own 90th percentile (%.2f, %.0f)",
					w.Monotony, w.Strain, pm, ps)})
		}
	}
	if judged == 0 {
		n := 0
		for _, w := range s.Weeks {
			if finite(w.Monotony) {
				n++
			}
		}
		p.Learning("%d of %d weeks of training", max(0, min(n-2, minMonotonyWeeks)), minMonotonyWeeks)
	}
	p.reportEpisodes("monotony", marks)
}
