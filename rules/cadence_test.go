package rules

import (
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
)

// variedWeek is a steady week whose Thursday is a tempo run (3.6 m/s,
// 178 spm) and whose other runs are easy (3.03 m/s, 171 spm, slightly
// different each week), so that cadence follows speed as in real data.
// scale multiplies every cadence; opts apply to every run.
func variedWeek(w int, scale float64, opts ...func(*analysis.Run)) []analysis.Run {
	runs := steadyWeek(w, opts...)
	for i := range runs {
		r := &runs[i]
		jitter := float64(w%3-1) * 0.5
		if r.LocalDate.Weekday() == 4 {
			r.AvgSpeedMS, r.CadenceSPM = 3.6, (178+jitter)*scale
		} else {
			r.AvgSpeedMS, r.CadenceSPM = 1000.0/330, (171+jitter)*scale
		}
	}
	return runs
}

func variedWeeks(n int) []analysis.Run {
	var runs []analysis.Run
	for w := 0; w < n; w++ {
		runs = append(runs, variedWeek(w, 1)...)
	}
	return runs
}

// atSpeed sets every run of a week to a speed and the cadence the athlete
// runs at that speed.
func atSpeed(runs []analysis.Run, ms, spm float64) []analysis.Run {
	for i := range runs {
		runs[i].AvgSpeedMS, runs[i].CadenceSPM = ms, spm
	}
	return runs
}

func withRuns(runs []analysis.Run, n int) []analysis.Run { return runs[:n] }

func thirdsAt(cadFirst, spdFirst, cadLast, spdLast float64) func(*analysis.Run) {
	return func(r *analysis.Run) {
		thirds(cadFirst, cadLast, 50, 50)(r)
		r.First.SpeedMS, r.Last.SpeedMS = spdFirst, spdLast
	}
}

func TestCadenceRules(t *testing.T) {
	noSpeed := func(r *analysis.Run) { r.AvgSpeedMS = nan }
	tests := []struct {
		name  string
		runs  []analysis.Run
		rule  string
		wants []want
	}{
		{"steady season: no drop", variedWeeks(12), "cadence-drop", nil},
		{"steady season: no low cadence", variedWeeks(12), "low-cadence", nil},
		{"drop of 6 % is medium", join(variedWeeks(7), variedWeek(7, 0.94)), "cadence-drop",
			[]want{{Medium, monday(7), -6, -5}}},
		{"drop of 4 % is low", join(variedWeeks(7), variedWeek(7, 0.96)), "cadence-drop",
			[]want{{Low, monday(7), -4, -3}}},
		{"drop of 9 % is high", join(variedWeeks(7), variedWeek(7, 0.91)), "cadence-drop",
			[]want{{High, monday(7), -9, -8}}},
		{"drop without speed compares raw values", join(steadyWeeks(6, noSpeed), steadyWeek(6, noSpeed, cadence(172*0.94))), "cadence-drop",
			[]want{{Medium, monday(6), -6, -5}}},
		{"a single run is not a week's cadence", join(variedWeeks(6), withRuns(variedWeek(6, 0.9), 1)), "cadence-drop", nil},
		{"no baseline before 8 runs", join(variedWeeks(1), variedWeek(1, 0.9)), "cadence-drop", nil},
		{"cadence rises: nothing", join(variedWeeks(6), variedWeek(6, 1.07)), "cadence-drop", nil},
		{"slower week at the expected cadence: nothing", join(variedWeeks(6), atSpeed(steadyWeek(6), 2.8, 171-0.23*12.3)), "cadence-drop", nil},
		{"low cadence on an easy run", join(variedWeeks(6), []analysis.Run{run(6, 1, 8, speed(2.9), cadence(158)), run(6, 2, 8, speed(2.9), cadence(156))}), "low-cadence",
			[]want{{Low, day(6, 2), 156, 160}}},
		{"low cadence at tempo pace is not judged", join(variedWeeks(6), []analysis.Run{run(6, 1, 8, speed(3.7), cadence(158))}), "low-cadence", nil},
		{"fade of 6 % in a long run", join(variedWeeks(6), []analysis.Run{run(6, 6, 16, durationMin(88), thirdsAt(172, 3.03, 161.7, 3.03))}), "cadence-fade",
			[]want{{Medium, day(6, 6), -5.99, -5}}},
		{"fade in a short run is not judged", join(variedWeeks(6), []analysis.Run{run(6, 6, 7, durationMin(40), thirdsAt(172, 3.03, 150, 3.03))}), "cadence-fade", nil},
		{"slowing down explains the fall", join(variedWeeks(6), []analysis.Run{run(6, 6, 16, durationMin(88), thirdsAt(178, 3.6, 171, 3.03))}), "cadence-fade", nil},
		{"steady long runs: no fade", join(variedWeeks(6), []analysis.Run{run(6, 6, 16, durationMin(88), thirdsAt(172, 3.03, 171, 3.03))}), "cadence-fade", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(Evaluate(season(tt.runs), nil), tt.rule)
			checkFindings(t, got, tt.wants)
		})
	}
}

// An earlier week's low-cadence verdict never depends on later runs: many
// fast runs added weeks later must not turn an easy run into a "fast" one.
func TestLowCadenceIgnoresLaterRuns(t *testing.T) {
	early := join(variedWeeks(6), []analysis.Run{run(6, 1, 8, speed(2.9), cadence(156))})
	var later []analysis.Run
	for w := 7; w < 20; w++ { // thirteen weeks of slow shuffling after it
		for d := 0; d < 7; d++ {
			later = append(later, run(w, d, 5, speed(2.0)))
		}
	}
	before := Evaluate(season(early), nil)
	after := Evaluate(season(join(early, later)), nil)
	count := func(fs []Finding) int {
		n := 0
		for _, f := range fs {
			if f.Rule == "low-cadence" && f.Date == day(6, 1) {
				n++
			}
		}
		return n
	}
	if count(before) != 1 || count(after) != 1 {
		t.Errorf("low-cadence findings for %s: %d before the later weeks, %d after; want 1 and 1", day(6, 1), count(before), count(after))
	}
}
