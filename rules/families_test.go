package rules

import (
	"testing"

	"github.com/itbcheck/itbcheck/analysis"
)

// setWeek applies opts to every run of week w.
func setWeek(runs []analysis.Run, w int, opts ...func(*analysis.Run)) []analysis.Run {
	out := append([]analysis.Run(nil), runs...)
	for i := range out {
		if dayText(mondayOf(out[i].LocalDate)) == monday(w) {
			for _, o := range opts {
				o(&out[i])
			}
		}
	}
	return out
}

func TestAsymmetryTerrainEquipmentRules(t *testing.T) {
	hilly := descent(40, -2) // 40 m of gentle descent on every run
	tests := []struct {
		name  string
		runs  []analysis.Run
		rule  string
		cfg   *Config
		wants []want
	}{
		{"balanced season: no imbalance", steadyWeeks(12), "gct-imbalance", nil, nil},
		{"one week at 51 % is low", setWeek(steadyWeeks(8), 7, balance(51)), "gct-imbalance", nil,
			[]want{{Low, monday(7), 1.0, 0.8}}},
		{"0.8 pp is not above low", setWeek(steadyWeeks(8), 7, balance(50.8)), "gct-imbalance", nil, nil},
		{"1.7 pp for 2 weeks is medium (the first week by the rise over baseline)", setWeek(setWeek(steadyWeeks(8), 6, balance(51.7)), 7, balance(51.7)), "gct-imbalance", nil,
			[]want{{Medium, monday(6), 1.6, 1.5}, {Medium, monday(7), 1.7, 1.5}}},
		{"1.6 pp for 2 weeks without a baseline is medium", setWeek(setWeek(steadyWeeks(2), 0, balance(51.6)), 1, balance(51.6)), "gct-imbalance", nil,
			[]want{{Low, monday(0), 1.6, 0.8}, {Medium, monday(1), 1.6, 1.5}}},
		{"2.6 pp right for 2 weeks is high", setWeek(setWeek(steadyWeeks(8), 6, balance(47.4)), 7, balance(47.4)), "gct-imbalance", nil,
			[]want{{Medium, monday(6), 2.5, 1.5}, {High, monday(7), 2.6, 2.2}}},
		{"sides alternate: no 2-week pattern", setWeek(setWeek(steadyWeeks(8, balance(nan)), 6, balance(52.6)), 7, balance(47.4)), "gct-imbalance", nil,
			[]want{{Low, monday(6), 2.6, 0.8}, {Low, monday(7), 2.6, 0.8}}},
		{"early season, one week: low only", setWeek(steadyWeeks(1), 0, balance(52.6)), "gct-imbalance", nil,
			[]want{{Low, monday(0), 2.6, 0.8}}},
		{"override medium to 2.0", setWeek(setWeek(steadyWeeks(8), 6, balance(51.6)), 7, balance(51.6)), "gct-imbalance",
			&Config{Rules: map[string]Settings{"gct-imbalance": {Medium: ptr(2.0)}}},
			[]want{{Low, monday(6), 1.6, 0.8}, {Low, monday(7), 1.6, 0.8}}},
		{"drift of 1.8 pp in a long run is medium", join(steadyWeeks(2), []analysis.Run{run(2, 6, 16, durationMin(88), thirds(172, 172, 50.4, 52.2))}), "asymmetry-drift", nil,
			[]want{{Medium, day(2, 6), 1.8, 1.5}}},
		{"balance improving within a run: nothing", join(steadyWeeks(2), []analysis.Run{run(2, 6, 16, durationMin(88), thirds(172, 172, 52.2, 50.4))}), "asymmetry-drift", nil, nil},
		{"drift in a short run is not judged", join(steadyWeeks(2), []analysis.Run{run(2, 6, 7, durationMin(40), thirds(172, 172, 50, 53))}), "asymmetry-drift", nil, nil},
		{"rolling season: no downhill load", steadyWeeks(10, hilly), "downhill-load", nil, nil},
		{"one steep run is low", join(steadyWeeks(4, hilly), []analysis.Run{run(4, 6, 14, descent(420, -6))}), "downhill-load", nil,
			[]want{{Low, day(4, 6), 420, 300}}},
		{"much descent at a gentle grade is not low", join(steadyWeeks(4, hilly), []analysis.Run{run(4, 6, 14, descent(420, -2))}), "downhill-load", nil, nil},
		{"weekly descent 3× baseline and ≥ 1000 m is high", setWeek(steadyWeeks(8, hilly), 7, descent(220, -5)), "downhill-load", nil,
			[]want{{High, monday(7), 1100, 1000}}},
		{"weekly descent 2× baseline and ≥ 500 m is medium", setWeek(steadyWeeks(8, descent(60, -2)), 7, descent(130, -2)), "downhill-load", nil,
			[]want{{Medium, monday(7), 650, 500}}},
		{"no altitude baseline: run findings only", setWeek(steadyWeeks(8), 7, descent(220, -5)), "downhill-load", nil, nil},
		{"no track: nothing", steadyWeeks(4), "track-direction", nil, nil},
		{"12 km counter-clockwise is low", setWeek(steadyWeeks(4), 3, trackCCW(3)), "track-direction", nil,
			[]want{{Low, monday(3), 15, 10}}},
		{"22 km one way is medium, never high", setWeek(steadyWeeks(4), 3, trackCW(9)), "track-direction", nil,
			[]want{{Medium, monday(3), 45, 20}}},
		{"both directions cancel", setWeek(steadyWeeks(4), 3, trackCW(3), trackCCW(3)), "track-direction", nil, nil},
		{"shoe under 600 km: nothing", steadyWeeks(10, gear("Pegasus")), "shoe-mileage", nil, nil},
		{"shoe past 600 km is low at the crossing run", steadyWeeks(15, gear("Pegasus")), "shoe-mileage", nil,
			[]want{{Low, day(14, 2), 602, 600}}},
		{"prior km push it past 1000", steadyWeeks(15, gear("Pegasus")), "shoe-mileage",
			&Config{Gear: map[string]Shoe{"pegasus": {PriorKm: 400}}},
			[]want{{High, day(14, 2), 1002, 1000}}},
		{"own limit replaces medium", steadyWeeks(15, gear("Pegasus")), "shoe-mileage",
			&Config{Gear: map[string]Shoe{"Pegasus": {LimitKm: 500}}},
			[]want{{Medium, day(11, 6), 504, 500}}},
		{"one finding per shoe", join(steadyWeeks(15, gear("A")), []analysis.Run{run(15, 1, 10, gear("B"))}), "shoe-mileage",
			&Config{Gear: map[string]Shoe{"B": {PriorKm: 595}}},
			[]want{{Low, day(14, 2), 602, 600}, {Low, day(15, 1), 605, 600}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := only(Evaluate(season(tt.runs), tt.cfg), tt.rule)
			checkFindings(t, got, tt.wants)
		})
	}
}

func ptr(v float64) *float64 { return &v }

// The summary of track-direction states the finding's value: the km net of
// laps the other way.
func TestTrackDirectionSummaryStatesValue(t *testing.T) {
	runs := setWeek(steadyWeeks(4), 3, trackCW(5), trackCCW(1)) // 25 km one way, 5 km the other
	got := only(Evaluate(season(runs), nil), "track-direction")
	want := "20.0 km more track laps turning clockwise than counter-clockwise this week (25.0 km vs 5.0 km)"
	if len(got) != 1 || got[0].Value != 20 || got[0].Summary != want || got[0].Severity != Medium {
		t.Fatalf("got %v, want one medium finding of 20 km: %q", brief(got), want)
	}
}
