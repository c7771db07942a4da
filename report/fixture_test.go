package report

import (
	"errors"
	"math"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// hostilePath is an unreadable input whose name tries spreadsheet formula
// injection and HTML injection.
const hostilePath = `=cmd|' /C calc'!A0 <script>.fit`

// fadeRun is the source of the long run the cadence-fade finding names.
const fadeRun = "alice/2026-04-21-long.fit"

// fixture builds a two-athlete report: alice with findings of every
// severity (one about a long run with a trace) and an unreadable input, and
// a quiet second athlete without running dynamics whose name carries
// Markdown and HTML.
func fixture() *screen.Report {
	nan := math.NaN()
	start := time.Date(2026, 3, 2, 7, 0, 0, 0, time.UTC)

	alice := &analysis.Season{Athlete: "alice"}
	for i := 0; i < 28; i++ {
		d := start.AddDate(0, 0, 2*i)
		r := analysis.Run{
			Source: "alice/run-" + d.Format("2006-01-02") + ".fit", Title: "Morning Run",
			Gear: "Old Clifton 8", Sport: ingest.SportRunning, IsRun: true, Device: "garmin fr255",
			Start: d, LocalDate: d, DurationS: 2400 + float64(i%4)*600, DistanceKm: 7 + float64(i%4)*2,
			AvgSpeedMS: 3, CadenceSPM: 172 - float64(i)*0.25 + float64(i%3), HeartRateBPM: 145,
			TRIMP: nan, BalanceLeftPct: 50.3 + float64(i)*0.05, StanceTimeMs: 250,
			VertOscCm: 8.5, VertRatioPct: 7.5, StepLengthM: 1.05, AscentM: 40, DescentM: 40,
			DownhillGradePct: -2, TrackKmCW: 0, TrackKmCCW: 0,
		}
		if i == 12 {
			r.BalanceLeftPct = nan // a run without running dynamics
		}
		if i == 25 {
			r.Source = fadeRun
			r.Title = "Long run"
			r.DurationS = 5400
			r.DistanceKm = 18
			r.First = analysis.Segment{Valid: true, StartS: 300, EndS: 2000, CadenceSPM: 174, SpeedMS: 3.3, BalanceLeftPct: 50.4}
			r.Last = analysis.Segment{Valid: true, StartS: 3700, EndS: 5400, CadenceSPM: 164, SpeedMS: 3.2, BalanceLeftPct: 51.9}
			for m := 0; m < 90; m++ {
				bal := 50.3 + float64(m)*0.018
				if m == 40 {
					bal = nan // a gap in the balance trace
				}
				r.Trace.Append(175-float64(m)*0.12, bal)
			}
		}
		alice.Runs = append(alice.Runs, r)
	}
	alice.Runs = append(alice.Runs, analysis.Run{
		Source: "alice/ride.fit", Title: "Ride", Sport: ingest.SportCycling,
		Start: start.AddDate(0, 0, 3), LocalDate: start.AddDate(0, 0, 3),
		DurationS: 3600, DistanceKm: 30, CadenceSPM: nan, BalanceLeftPct: nan,
	})
	kms := []float64{24, 28, 30, 31, 42, 33, 46, 36}
	for i, km := range kms {
		wk := analysis.Week{
			Monday: analysis.DayOf(start.AddDate(0, 0, 7*i).Truncate(24 * time.Hour)), Runs: 3 + i%2, DistanceKm: km,
			DurationH: km / 10.8, Load: km, ACWR: nan, ACWREWMA: nan, ChangePct: nan,
			Monotony: 1.1 + float64(i)*0.05, Strain: km * 1.2, CadenceSPM: 172 - float64(i)*0.4,
			CadenceResidualPct: nan, BalanceLeftPct: 50.4 + float64(i)*0.1, DescentM: 120 + float64(i)*10,
		}
		if i > 0 {
			wk.ChangePct = (km - kms[i-1]) / kms[i-1] * 100
		}
		if i >= 4 {
			chronic := (kms[i-4] + kms[i-3] + kms[i-2] + kms[i-1]) / 4
			wk.ACWR = km / chronic
			wk.ACWREWMA = wk.ACWR * 0.97
		}
		alice.Weeks = append(alice.Weeks, wk)
	}

	alice.Duplicates = 2 // two runs were also in a second file

	bob := &analysis.Season{Athlete: "bob"}
	bstart := time.Date(2026, 3, 9, 18, 0, 0, 0, time.UTC)
	for i := 0; i < 12; i++ {
		d := bstart.AddDate(0, 0, 3*i)
		bob.Runs = append(bob.Runs, analysis.Run{
			Source: "bob/activities.csv#" + d.Format("20060102"), Title: "Evening | Run [x](http://evil.example)",
			Sport: ingest.SportRunning, IsRun: true, Start: d, LocalDate: d, DurationS: 1800,
			DistanceKm: 5, AvgSpeedMS: 2.8, CadenceSPM: 168 + float64(i%2), HeartRateBPM: nan, TRIMP: nan,
			BalanceLeftPct: nan, StanceTimeMs: nan, VertOscCm: nan, VertRatioPct: nan, StepLengthM: nan,
			AscentM: nan, DescentM: nan, DownhillGradePct: nan, FromSummary: true,
		})
	}
	for i := 0; i < 5; i++ {
		bob.Weeks = append(bob.Weeks, analysis.Week{
			Monday: analysis.DayOf(time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*i)), Runs: 2 + i%2,
			DistanceKm: 10 + float64(i%2)*5, DurationH: 1 + float64(i%2)*0.5, Load: 10 + float64(i%2)*5,
			ACWR: nan, ACWREWMA: nan, ChangePct: nan, Monotony: nan, Strain: nan, CadenceSPM: 168.5,
			CadenceResidualPct: nan, BalanceLeftPct: nan, DescentM: nan,
		})
	}

	loadChain := []rules.Link{rules.TrainingLoad, rules.GluteFatigue, rules.TFLCompensation, rules.ITBTension, rules.PelvicTilt, rules.LumbarOverload}
	return &screen.Report{
		Tool:        screen.Tool{Name: "itbcheck", Version: "0.1.0"},
		GeneratedAt: time.Date(2026, 6, 22, 10, 0, 0, 0, time.UTC),
		Athletes: []*screen.Athlete{
			{
				Name: "bob *the* [builder] <b>", Season: bob,
				From: time.Date(2026, 3, 9, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 10, 0, 0, 0, 0, time.UTC),
				InputsFailed: []screen.FailedInput{},
			},
			{
				Name: "alice", Season: alice,
				From: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 4, 26, 0, 0, 0, 0, time.UTC),
				Skipped:      2,
				InputsFailed: []screen.FailedInput{{Path: hostilePath, Err: errors.New("truncated FIT file: 812 of 4096 bytes")}},
				Rules: []rules.Status{
					{Rule: "load-spike", State: rules.Judged},
					{Rule: "gct-imbalance", State: rules.Judged, Reason: "3 runs recorded with wrist garmin fr255 (not the usual chest-strap garmin hrm_pro) were not judged for balance"},
					{Rule: "cadence-drop", State: rules.Learning, Reason: "5 of 8 runs with cadence in the 6 weeks before"},
					{Rule: "track-direction", State: rules.NoData, Reason: "no GPS"},
					{Rule: "monotony", State: rules.Disabled},
				},
				Findings: []rules.Finding{
					{
						Rule: rules.ByID("downhill-load"), Severity: rules.Info, Date: mustDay("2026-03-02"), Until: mustDay("2026-04-20"), Metric: "descent_m",
						Value: 190, Threshold: math.NaN(), Summary: "Rolling terrain every week: 120–190 m of descent a week is your usual",
						Mechanism: []rules.Link{rules.KneeFlexionLoad, rules.ITBTension, rules.PelvicTilt, rules.LumbarOverload},
					},
					{
						Rule: rules.ByID("load-spike"), Severity: rules.High, Date: mustDay("2026-03-30"), Metric: "acwr",
						Value: 42.0 / 28.25, Threshold: 1.3,
						Summary:     "Acute load 49% above the 4-week average (42.0 km vs 28.3 km)",
						Mechanism:   loadChain,
						Explanation: "A jump in weekly running outpaces how fast the hip stabilisers adapt. Tired glutes let the pelvis drop, the TFL and IT band take over, and the lower back works harder to keep the torso upright.",
						Advice:      "Cut back to the last well-tolerated week (about 31 km), then build by at most 10 % a week; keep an easy day between hard ones.",
					},
					{
						Rule: rules.ByID("weekly-jump"), Severity: rules.Medium, Date: mustDay("2026-03-30"), Metric: "change_pct",
						Value: 35.48, Threshold: 30, Summary: "Weekly distance up 35% (31.0 → 42.0 km)",
						Mechanism: loadChain, Explanation: "Large week-over-week jumps are associated with distance-related running injuries including ITBS (Nielsen 2014).",
						Advice: "Build by at most 10 % a week.",
					},
					{
						Rule: rules.ByID("gct-imbalance"), Severity: rules.Low, Date: mustDay("2026-04-13"), Until: mustDay("2026-04-20"), Trend: rules.TrendRising, Metric: "asymmetry_pp",
						Value: 0.9, Threshold: 0.8, Summary: "Ground contact time balance 50.9% left (0.9 pp off 50/50)",
						Mechanism:   []rules.Link{rules.GaitCompensation, rules.PelvicTilt, rules.LumbarOverload},
						Explanation: "Staying longer on the left foot can be a way of sparing the right leg; the uneven loading tilts the pelvis and loads the lower back on one side. The link to injury is plausible, not proven.",
						Advice:      "Strengthen gluteus medius on both sides (side-lying hip abduction, clamshells, single-leg bridges).",
					},
					{
						Rule: rules.ByID("cadence-fade"), Severity: rules.Medium, Date: mustDay("2026-04-21"), Activity: fadeRun,
						Metric: "fade_pct", Value: -5.7, Threshold: -5, Summary: "Cadence fell 5.7% from the first to the last third (174 → 164 spm)",
						Mechanism:   []rules.Link{rules.GluteFatigue, rules.TFLCompensation, rules.ITBTension, rules.PelvicTilt, rules.LumbarOverload},
						Explanation: "A falling step rate late in a long run is a sign of fatigue: longer strides and more hip adduction strain the IT band (Miller 2007).",
						Advice:      "Raise step rate 5–10 % at the same pace with a metronome in the last third of long runs; strengthen the hip abductors.",
					},
				},
			},
		},
	}
}
