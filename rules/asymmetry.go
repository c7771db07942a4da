package rules

import (
	"fmt"
	"math"

	"github.com/itbcheck/itbcheck/analysis"
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
	Doc:    "Ground contact time balance away from 50/50, week by week.",
	Computes: "Weekly mean of per-run GCT balance (% on the left foot); asymmetry = |balance − 50| in percentage points. " +
		"Low above the low limit; medium at the medium limit for 2 consecutive weeks on the same side, or a rise of the " +
		"medium limit over the athlete's own baseline (median balance of the previous 6 weeks' runs, at least 8 runs); high above " +
		"the high limit for 2 consecutive weeks on the same side. The side named is the foot that stays longer on the ground.",
	Mechanism: gctImbalancePath,
	Evidence:  "Garmin running dynamics zones (orange > 50.8 %, red > 52.2 %, the worst 5 % of runners); Garmin reports a link between poor balance and injury in some runners; asymmetry as pain compensation. Weak to moderate.",
	Defaults:  Thresholds{Low: 0.8, Medium: 1.5, High: 2.2},
	Unit:      "pp away from 50/50",
	Check:     checkGCTImbalance,
	describe: func(t Thresholds) string {
		return fmt.Sprintf("low > %.1f pp, medium ≥ %.1f pp for 2 weeks or +%.1f pp over your baseline, high > %.1f pp for 2 weeks (GCT balance away from 50/50)",
			t.Low, t.Medium, t.Medium, t.High)
	},
}

// AsymmetryDrift flags long runs whose balance worsens towards the end.
var AsymmetryDrift = &Rule{
	ID:     "asymmetry-drift",
	Family: "asymmetry",
	Doc:    "GCT balance worsening within a long run, a sign of hip stabiliser fatigue.",
	Computes: "Runs of at least 45 min: asymmetry (|balance − 50|, pp) of the last third minus that of the first third " +
		"(which starts after minute 5).",
	Mechanism: asymmetryDriftPath,
	Evidence:  "Moderate: hip stabiliser fatigue.",
	Defaults:  Thresholds{Low: 1.0, Medium: 1.5, High: 2.5},
	Unit:      "pp, last third minus first third",
	Check:     checkAsymmetryDrift,
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
func checkGCTImbalance(s *analysis.Season, t Thresholds, _ *Config) []Finding {
	var out []Finding
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
			out = append(out, newFinding("gct-imbalance", gctImbalancePath, High, date, "", "gct_asymmetry_pp", asym, t.High, lr+" for 2 weeks"))
			continue
		case both >= t.Medium:
			out = append(out, newFinding("gct-imbalance", gctImbalancePath, Medium, date, "", "gct_asymmetry_pp", asym, t.Medium, lr+" for 2 weeks"))
			continue
		}
		if base, ok := s.BalanceBaseline(i); ok {
			if rise := asym - math.Abs(base-50); rise >= t.Medium {
				summary := fmt.Sprintf("%s, %.1f pp more than your 6-week baseline (%.1f %% left)", lr, rise, base)
				out = append(out, newFinding("gct-imbalance", gctImbalancePath, Medium, date, "", "gct_asymmetry_change_pp", rise, t.Medium, summary))
				continue
			}
		}
		if asym > t.Low {
			out = append(out, newFinding("gct-imbalance", gctImbalancePath, Low, date, "", "gct_asymmetry_pp", asym, t.Low, lr))
		}
	}
	return out
}

// checkAsymmetryDrift grades, per long run, how much the asymmetry of the
// last third exceeds that of the first.
func checkAsymmetryDrift(s *analysis.Season, t Thresholds, _ *Config) []Finding {
	var out []Finding
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
		out = append(out, newFinding("asymmetry-drift", asymmetryDriftPath, sev, dayText(runDay(s, r)), r.Source,
			"asymmetry_drift_pp", drift, limit, summary))
	}
	return out
}
