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
		r.First.SpeedMS, r.Last.SpeedMS, r.Final.SpeedMS = spdFirst, spdLast, spdLast
	}
}

func TestCadenceRules(t *testing.T) {
	noSpeed := func(r *analysis.Run) { r.AvgSpeedMS = nan }
	hilly := func(r *analysis.Run) { r.AscentM, r.DescentM = 400, 400 }
	long := func(w int, cadFirst, spdFirst, cadLast, spdLast float64, opts ...func(*analysis.Run)) analysis.Run {
		// On Friday, a rest day of the steady weeks: two runs at the same
		// time would be one run read twice.
		return run(w, 4, 16, append([]func(*analysis.Run){durationMin(88), thirdsAt(cadFirst, spdFirst, cadLast, spdLast)}, opts...)...)
	}
	tests := []struct {
		name  string
		runs  []analysis.Run
		rule  string
		wants []want
	}{
		{"steady season: no drop", variedWeeks(12), "cadence-drop", nil},
		{"noisy healthy season: no drop", noisyWeeks(20, 4), "cadence-drop", nil},
		{"steady season: no low cadence", variedWeeks(12), "low-cadence", nil},
		{"drop of 6 % is medium", join(variedWeeks(7), variedWeek(7, 0.94)), "cadence-drop",
			[]want{{Medium, monday(7), -6, -5}}},
		{"two weeks at -6 % are high", join(variedWeeks(7), variedWeek(7, 0.94), variedWeek(8, 0.94)), "cadence-drop",
			[]want{{Medium, monday(7), -6, -5}, {High, monday(8), nan, -5}}},
		{"drop of 4 % is low", join(variedWeeks(7), variedWeek(7, 0.96)), "cadence-drop",
			[]want{{Low, monday(7), -4, -3}}},
		{"boundary: low needs 3 runs", join(variedWeeks(7), withRuns(variedWeek(7, 0.96), 2)), "cadence-drop", nil},
		{"boundary: a 2.5 % fall is quiet", join(variedWeeks(7), variedWeek(7, 0.975)), "cadence-drop", nil},
		{"drop of 9 % is high", join(variedWeeks(7), variedWeek(7, 0.91)), "cadence-drop",
			[]want{{High, monday(7), -9, -8}}},
		{"drop without speed compares raw values", join(steadyWeeks(6, noSpeed), steadyWeek(6, noSpeed, cadence(172*0.94))), "cadence-drop",
			[]want{{Medium, monday(6), -6, -5}}},
		{"a single run is not a week's cadence", join(variedWeeks(6), withRuns(variedWeek(6, 0.9), 1)), "cadence-drop", nil},
		{"no baseline before 8 runs", join(variedWeeks(1), variedWeek(1, 0.9)), "cadence-drop", nil},
		{"cadence rises: nothing", join(variedWeeks(6), variedWeek(6, 1.07)), "cadence-drop", nil},
		{"slower week at the expected cadence: nothing", join(variedWeeks(6), atSpeed(steadyWeek(6), 2.8, 171-0.23*12.3)), "cadence-drop", nil},
		{"low cadence on an easy run is an info note", join(variedWeeks(6), []analysis.Run{run(6, 1, 8, speed(2.9), cadence(158)), run(6, 2, 8, speed(2.9), cadence(156))}), "low-cadence",
			[]want{{Info, monday(6), 156, 160}}},
		{"low cadence at tempo pace is not judged", join(variedWeeks(6), []analysis.Run{run(6, 1, 8, speed(3.7), cadence(158))}), "low-cadence", nil},
		{"fade of 5 % in one long run is low", join(variedWeeks(6), []analysis.Run{long(6, 172, 3.03, 163.4, 3.03)}), "cadence-fade",
			[]want{{Low, day(6, 4), -5, -4}}},
		{"fade of 9 % twice within 3 weeks is medium", join(variedWeeks(8), []analysis.Run{long(6, 172, 3.03, 156.52, 3.03), long(7, 172, 3.03, 156.52, 3.03)}), "cadence-fade",
			[]want{{Low, day(6, 4), -9, -4}, {Medium, day(7, 4), -9, -7}}},
		{"a late fade: the final quarter 8 % down twice is medium, whatever the last third says",
			join(variedWeeks(8), []analysis.Run{long(6, 172, 3.03, 164.3, 3.03, finalQuarter(158.24)), long(7, 172, 3.03, 164.3, 3.03, finalQuarter(158.24))}), "cadence-fade",
			[]want{{Low, day(6, 4), -8, -4}, {Medium, day(7, 4), -8, -7}}},
		{"boundary: 3.5 % is quiet", join(variedWeeks(6), []analysis.Run{long(6, 172, 3.03, 165.98, 3.03)}), "cadence-fade", nil},
		{"a hilly long run is not judged", join(variedWeeks(6), []analysis.Run{long(6, 172, 3.03, 156.52, 3.03, hilly)}), "cadence-fade", nil},
		{"fade in a short run is not judged", join(variedWeeks(6), []analysis.Run{run(6, 6, 7, durationMin(40), thirdsAt(172, 3.03, 150, 3.03))}), "cadence-fade", nil},
		{"slowing down explains the fall", join(variedWeeks(6), []analysis.Run{long(6, 178, 3.6, 171, 3.03)}), "cadence-fade", nil},
		{"steady long runs: no fade", join(variedWeeks(6), []analysis.Run{long(6, 172, 3.03, 171, 3.03)}), "cadence-fade", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(Evaluate(season(tt.runs), nil), tt.rule)
			checkFindings(t, got, tt.wants)
		})
	}
}

// A configured medium limit for low-cadence grades easy runs per week.
func TestLowCadenceConfiguredMedium(t *testing.T) {
	runs := join(variedWeeks(6), []analysis.Run{run(6, 2, 8, speed(2.9), cadence(148))})
	cfg := &Config{Rules: map[string]Settings{"low-cadence": {Medium: ptr(150)}}}
	checkFindings(t, only(Evaluate(season(runs), cfg), "low-cadence"), []want{{Medium, day(6, 2), 148, 150}})
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
			if f.Rule.ID == "low-cadence" && f.Date.String() == monday(6) {
				n++
			}
		}
		return n
	}
	if count(before) != 1 || count(after) != 1 {
		t.Errorf("low-cadence notes from %s: %d before the later weeks, %d after; want 1 and 1", monday(6), count(before), count(after))
	}
}
