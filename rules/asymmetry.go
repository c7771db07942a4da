package rules

import (
	"fmt"
	"math"
)

// Chain paths of the asymmetry rules.
var (
	gctImbalancePath   = []Link{GaitCompensation, PelvicTilt, LumbarOverload}
	asymmetryDriftPath = []Link{GluteFatigue, GaitCompensation, PelvicTilt, LumbarOverload}
)

// GCTImbalance flags weeks whose ground contact time is uneven between feet.
var GCTImbalance = &Rule{
	ID:     "gct-imbalance",
	Family: "asymmetry",
	Title:  "Uneven ground contact balance",
	Doc:    "Ground contact time balance away from 50/50, week by week.",
	Computes: "Weekly mean of per-run GCT balance (% on the left foot); asymmetry = |balance − 50| in percentage points. " +
		"Low above the low limit; medium at the medium limit for 2 consecutive weeks on the same side, or a rise of the " +
		"medium limit over the athlete's own baseline (median balance of the previous 6 weeks' runs, at least 8 runs); high above " +
		"the high limit for 2 consecutive weeks on the same side. The side named is the foot that stays longer on the ground.",
	Mechanism: gctImbalancePath,
	Evidence:  "Garmin running dynamics zones (orange > 50.8 %, red > 52.2 %, the worst 5 % of runners); Garmin reports a link between poor balance and injury in some runners; asymmetry as pain compensation. Weak to moderate.",
	Grade:     GradeWeak,
	Explanation: "Spending longer on the ground with one foot than you usually do is a common way to compensate for pain or weakness; " +
		"Garmin's balance zones describe the population, not injury, so the report compares you with your own history. " +
		"Uneven loading may shift stress to the hip and pelvis, which may tilt and make the lower back muscles overwork: plausible, not proven. " +
		"The pattern can feed itself, as compensation adds strain to the other side.",
	Advice:   advise(adviceHip),
	Defaults: Thresholds{Low: 0.8, Medium: 1.5, High: 2.2},
	Unit:     "pp away from 50/50",
	Run:      checkGCTImbalance,
	describe: func(t Thresholds) string {
		return fmt.Sprintf("low > %.1f pp, medium ≥ %.1f pp for 2 weeks or +%.1f pp over your baseline, high > %.1f pp for 2 weeks (GCT balance away from 50/50)",
			t.Low, t.Medium, t.Medium, t.High)
	},
}

// AsymmetryDrift flags long runs whose balance worsens towards the end.
var AsymmetryDrift = &Rule{
	ID:     "asymmetry-drift",
	Family: "asymmetry",
	Title:  "Balance worsening within runs",
	Doc:    "GCT balance worsening within a long run, a sign of hip stabiliser fatigue.",
	Computes: "Runs of at least 45 min: asymmetry (|balance − 50|, pp) of the last third minus that of the first third " +
		"(which starts after minute 5).",
	Mechanism: asymmetryDriftPath,
	Evidence:  "Moderate: hip stabiliser fatigue.",
	Grade:     GradeWeak,
	Explanation: "Balance that worsens as a run goes on suggests that the hip stabilisers (gluteus medius) tire; this is plausible, with no direct study. " +
		"The gait may then compensate, with a shorter stance on one side, shifting stress to the hip and pelvis. " +
		"A tilting pelvis may make the lower back muscles overwork: plausible, not proven.",
	Advice:   advise(adviceHip),
	Defaults: Thresholds{Low: 1.0, Medium: 1.5, High: 2.5},
	Unit:     "pp, last third minus first third",
	Run:      checkAsymmetryDrift,
	describe: func(t Thresholds) string {
		return levelText(t, "≥ +", "%.1f", " pp") + noteText("asymmetry of the last third minus the first, runs ≥ 45 min", "")
	},
}

// side names the foot that stays longer on the ground at a balance.
func side(balanceLeftPct float64) string {
	if balanceLeftPct > 50 {
		return "left"
	}
	return "right"
}

// checkGCTImbalance grades each week's mean GCT balance: high and medium
// need two consecutive weeks on the same side (or, for medium, a rise over
// the baseline), low one week.
func checkGCTImbalance(p *Pass) {
	s, t := p.Season, p.Thresholds
	for i, w := range s.Weeks {
		b := w.BalanceLeftPct
		if !finite(b) {
			continue
		}
		asym := math.Abs(b - 50)
		twoWeeks := 0.0 // asymmetry of last week when on the same side
		if i > 0 {
			if p := s.Weeks[i-1].BalanceLeftPct; finite(p) && side(p) == side(b) {
				twoWeeks = math.Abs(p - 50)
			}
		}
		both := math.Min(asym, twoWeeks)
		date := dayText(w.Monday)
		lr := fmt.Sprintf("GCT balance %.1f %% left (%.1f pp longer on the %s foot)", b, asym, side(b))
		switch {
		case both > t.High:
			p.Report(Finding{Severity: High, Date: date, Metric: "gct_asymmetry_pp", Value: asym, Threshold: t.High, Summary: lr + " for 2 weeks"})
			continue
		case both >= t.Medium:
			p.Report(Finding{Severity: Medium, Date: date, Metric: "gct_asymmetry_pp", Value: asym, Threshold: t.Medium, Summary: lr + " for 2 weeks"})
			continue
		}
		if base, ok := s.BalanceBaseline(i); ok {
			if rise := asym - math.Abs(base-50); rise >= t.Medium {
				summary := fmt.Sprintf("%s, %.1f pp more than your 6-week baseline (%.1f %% left)", lr, rise, base)
				p.Report(Finding{Severity: Medium, Date: date, Metric: "gct_asymmetry_change_pp", Value: rise, Threshold: t.Medium, Summary: summary})
				continue
			}
		}
		if asym > t.Low {
			p.Report(Finding{Severity: Low, Date: date, Metric: "gct_asymmetry_pp", Value: asym, Threshold: t.Low, Summary: lr})
		}
	}
}

// checkAsymmetryDrift grades, per long run, how much the asymmetry of the
// last third exceeds that of the first.
func checkAsymmetryDrift(p *Pass) {
	s, t := p.Season, p.Thresholds
	for _, r := range s.Runs {
		if !r.IsRun || r.DurationS < minThirdsRunS || !r.First.Valid || !r.Last.Valid ||
			!finite(r.First.BalanceLeftPct) || !finite(r.Last.BalanceLeftPct) {
			continue
		}
		drift := math.Abs(r.Last.BalanceLeftPct-50) - math.Abs(r.First.BalanceLeftPct-50)
		sev, limit := grade(drift, t)
		if sev == None {
			continue
		}
		summary := fmt.Sprintf("GCT asymmetry grew by %.1f pp within a %.0f-minute run (%.1f → %.1f %% left)",
			drift, r.DurationS/60, r.First.BalanceLeftPct, r.Last.BalanceLeftPct)
		p.Report(Finding{Severity: sev, Date: dayText(runDay(s, r)), Activity: r.Source, Metric: "asymmetry_drift_pp", Value: drift, Threshold: limit, Summary: summary})
	}
}
