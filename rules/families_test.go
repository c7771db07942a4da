package rules

import (
	"math"
	"strings"
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
	long := func(w int, first, last float64) analysis.Run {
		return run(w, 4, 16, durationMin(88), thirds(172, 172, first, last)) // Friday: a rest day of the steady weeks
	}
	// Road runs at +1.0 pp and a track run at 40 % in week 8: counted, the
	// track run would turn the week's mean 0.85 pp below the baseline.
	trackBeside := join(setWeek(steadyWeeks(9), 8, balance(51.1)), []analysis.Run{run(8, 4, 8, balance(40), trackCW(4))})
	var drift []analysis.Run // 50.1 % for 8 weeks, then +0.25 pp a week
	for w := 0; w < 16; w++ {
		drift = append(drift, steadyWeek(w, balance(50.1+0.25*float64(max(0, w-7))))...)
	}
	// A drift of 0.15 pp a week from the first week, with ±0.05 pp of
	// week-to-week noise: no flat baseline ever exists.
	var earlyDrift []analysis.Run
	for w := 0; w < 16; w++ {
		earlyDrift = append(earlyDrift, steadyWeek(w, balance(50+0.15*float64(w)+0.05*float64(w%3-1)))...)
	}
	tests := []struct {
		name  string
		runs  []analysis.Run
		rule  string
		cfg   *Config
		wants []want
	}{
		{"balanced season: no imbalance", steadyWeeks(12), "gct-imbalance", nil, nil},
		{"noisy healthy balance: no imbalance", noisyWeeks(20, 5), "gct-imbalance", nil, nil},
		{"a stable 51.2 % is one info note", steadyWeeks(12, balance(51.2)), "gct-imbalance", nil,
			[]want{{Info, monday(6), 51.2, nan}}},
		{"+1.0 pp over the baseline is low", setWeek(steadyWeeks(9), 8, balance(51.1)), "gct-imbalance", nil,
			[]want{{Low, monday(8), 1.0, 0.8}}},
		{"boundary: +0.7 pp is quiet", setWeek(steadyWeeks(9), 8, balance(50.8)), "gct-imbalance", nil, nil},
		{"track runs are judged apart: +1.0 pp on the track's bends is quiet", setWeek(steadyWeeks(9), 8, balance(51.1), trackCCW(4)), "gct-imbalance", nil, nil},
		{"a run with a few track km is not a track run: +1.0 pp is low", setWeek(steadyWeeks(9), 8, balance(51.1), trackCCW(1)), "gct-imbalance", nil,
			[]want{{Low, monday(8), 1.0, 0.8}}},
		{"a track run beside road runs is left out of the week's balance", trackBeside, "gct-imbalance", nil,
			[]want{{Low, monday(8), 1.0, 0.8}}},
		{"+1.7 pp for 2 weeks: low, then medium", setWeek(setWeek(steadyWeeks(10), 8, balance(51.8)), 9, balance(51.8)), "gct-imbalance", nil,
			[]want{{Low, monday(8), 1.7, 0.8}, {Medium, monday(9), 1.7, 1.5}}},
		{"-2.6 pp is low: no high from balance alone", setWeek(steadyWeeks(9), 8, balance(47.5)), "gct-imbalance", nil,
			[]want{{Low, monday(8), 2.6, 0.8}}},
		{"-2.6 pp two weeks running is medium, never high", setWeek(setWeek(steadyWeeks(10), 8, balance(47.5)), 9, balance(47.5)), "gct-imbalance", nil,
			[]want{{Low, monday(8), 2.6, 0.8}, {Medium, monday(9), 2.6, 1.5}}},
		{"a drift of 0.15 pp a week from the first week is caught by its trend, anchored where it began", earlyDrift, "gct-imbalance", nil,
			[]want{{Low, monday(5), nan, 0.8}, {Medium, monday(11), nan, 1.5}}},
		{"a slow drift is caught by its trend, then by its size", drift, "gct-imbalance", nil,
			[]want{{Low, monday(10), nan, 0.8}, {Medium, monday(14), nan, 1.5}}},
		{"no baseline before 6 weeks: learning", setWeek(steadyWeeks(5), 4, balance(53)), "gct-imbalance", nil, nil},
		{"override medium to 2.0", setWeek(setWeek(steadyWeeks(10), 8, balance(51.8)), 9, balance(51.8)), "gct-imbalance",
			&Config{Rules: map[string]Settings{"gct-imbalance": {Medium: ptr(2.0)}}},
			[]want{{Low, monday(8), 1.7, 0.8}}},
		{"drift of 1.8 pp in one long run is low", join(steadyWeeks(2), []analysis.Run{long(2, 50.4, 52.2)}), "asymmetry-drift", nil,
			[]want{{Low, day(2, 4), 1.8, 1.0}}},
		{"the second such run within 3 weeks is medium", join(steadyWeeks(4), []analysis.Run{long(2, 50.4, 52.2), long(3, 50.4, 52.2)}), "asymmetry-drift", nil,
			[]want{{Low, day(2, 4), 1.8, 1.0}, {Medium, day(3, 4), 1.8, 1.5}}},
		{"boundary: +0.9 pp is quiet", join(steadyWeeks(2), []analysis.Run{long(2, 50.4, 51.3)}), "asymmetry-drift", nil, nil},
		{"balance improving within a run: nothing", join(steadyWeeks(2), []analysis.Run{long(2, 52.2, 50.4)}), "asymmetry-drift", nil, nil},
		{"drift in a short run is not judged", join(steadyWeeks(2), []analysis.Run{run(2, 6, 7, durationMin(40), thirds(172, 172, 50, 53))}), "asymmetry-drift", nil, nil},
		{"rolling season: no downhill load", steadyWeeks(10, hilly), "downhill-load", nil, nil},
		{"no per-run alarm for one steep run", join(steadyWeeks(4, hilly), []analysis.Run{run(4, 6, 14, descent(420, -6))}), "downhill-load", nil, nil},
		{"weekly descent 2× baseline and ≥ 500 m is medium", setWeek(steadyWeeks(8, descent(60, -2)), 7, descent(130, -2)), "downhill-load", nil,
			[]want{{Medium, monday(7), 650, 500}}},
		{"boundary: 2× but under 500 m is quiet", setWeek(steadyWeeks(8, descent(40, -2)), 7, descent(90, -2)), "downhill-load", nil, nil},
		{"3× and ≥ 1000 m two weeks running: medium, then high", setWeek(setWeek(steadyWeeks(9, hilly), 7, descent(220, -5)), 8, descent(220, -5)), "downhill-load", nil,
			[]want{{Medium, monday(7), 1100, 500}, {High, monday(8), 1100, 1000}}},
		{"a mountain runner's usual descent is one info note", steadyWeeks(12, descent(300, -6)), "downhill-load", nil,
			[]want{{Info, monday(4), 1500, 500}}},
		{"no altitude: nothing", setWeek(steadyWeeks(8), 7, descent(220, -5)), "downhill-load", nil, nil},
		{"a block of 9 weeks stays one episode over the pre-block usual, then is the new usual", join(steadyWeeks(6, hilly), weeksFrom(6, 9, descent(220, -5))), "downhill-load", nil,
			[]want{{Medium, monday(6), 1100, 500}, {High, monday(7), 1100, 1000}, {Info, monday(12), 1100, 500}}},
		{"a mountain runner back from a 3-week break: the usual, not a change", join(steadyWeeks(8, descent(300, -6)), weeksFrom(11, 5, descent(300, -6))), "downhill-load", nil,
			[]want{{Info, monday(4), 1500, 500}, {Info, monday(11), 1500, 500}}},
		{"no track: nothing", steadyWeeks(8), "track-direction", nil, nil},
		{"a new block of 15 km one way: low once, then a habit note", setWeek(setWeek(setWeek(steadyWeeks(9), 6, trackCCW(3)), 7, trackCCW(3)), 8, trackCCW(3)), "track-direction", nil,
			[]want{{Low, monday(6), 15, 10}, {Info, monday(6), 15, nan}}},
		{"boundary: a new block of 8 km a week is a habit note only", setWeek(steadyWeeks(9), 6, trackCCW(1.6)), "track-direction", nil,
			[]want{{Info, monday(6), 8, nan}}},
		{"track from the start is a habit: info only", steadyWeeks(8, trackCCW(3)), "track-direction", nil,
			[]want{{Info, monday(0), 15, nan}}},
		{"both directions cancel", setWeek(steadyWeeks(8), 6, trackCW(3), trackCCW(3)), "track-direction", nil, nil},
		{"shoe under 600 km, one pair for every run of the last 8 weeks: a rotation note", steadyWeeks(10, gear("Pegasus")), "shoe-mileage", nil,
			[]want{{Info, day(2, 1), 1, 2}}},
		{"two pairs in the last 8 weeks: no rotation note", join(steadyWeeks(9, gear("Pegasus")), []analysis.Run{run(9, 1, 8, gear("Ghost"))}), "shoe-mileage", nil, nil},
		{"a run without a named shoe: rotation unknown, no note", join(steadyWeeks(9, gear("Pegasus")), []analysis.Run{run(9, 1, 8)}), "shoe-mileage", nil, nil},
		{"shoe past 600 km is low at the crossing run", steadyWeeks(15, gear("Pegasus")), "shoe-mileage", nil,
			[]want{{Info, day(7, 1), 1, 2}, {Low, day(14, 2), 602, 600}}},
		{"prior km push it past 1000", steadyWeeks(15, gear("Pegasus")), "shoe-mileage",
			&Config{Gear: map[string]Shoe{"pegasus": {PriorKm: 400}}},
			[]want{{Info, day(7, 1), 1, 2}, {High, day(14, 2), 1002, 1000}}},
		{"own limit replaces medium", steadyWeeks(15, gear("Pegasus")), "shoe-mileage",
			&Config{Gear: map[string]Shoe{"Pegasus": {LimitKm: 500}}},
			[]want{{Info, day(7, 1), 1, 2}, {Medium, day(11, 6), 504, 500}}},
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

// weeksFrom is n steady weeks from week first, opts applied to every run.
func weeksFrom(first, n int, opts ...func(*analysis.Run)) []analysis.Run {
	var runs []analysis.Run
	for w := first; w < first+n; w++ {
		runs = append(runs, steadyWeek(w, opts...)...)
	}
	return runs
}

// Each rule says when it lacks data instead of staying silently quiet.
func TestFamilyStatuses(t *testing.T) {
	noDynamics := func(r *analysis.Run) { r.BalanceLeftPct = nan }
	noGPS := func(r *analysis.Run) { r.TrackKmCW, r.TrackKmCCW = nan, nan }
	tests := []struct {
		rule  *Rule
		runs  []analysis.Run
		state State
	}{
		{GCTImbalance, steadyWeeks(4), Learning},
		{GCTImbalance, steadyWeeks(10, noDynamics), NoData},
		{GCTImbalance, steadyWeeks(10), Judged},
		{AsymmetryDrift, steadyWeeks(4), NoData},
		{DownhillLoad, steadyWeeks(10), NoData},
		{DownhillLoad, steadyWeeks(3, descent(40, -2)), Learning},
		{TrackDirection, steadyWeeks(4, noGPS), NoData},
		{ShoeMileage, steadyWeeks(4), NoData},
		{CadenceDrop, steadyWeeks(1), Learning},
		{CadenceFade, steadyWeeks(4), NoData},
	}
	for _, tt := range tests {
		_, st := tt.rule.Check(season(tt.runs), nil)
		if st.State != tt.state || (st.State != Judged && st.Reason == "") {
			t.Errorf("%s on %d runs: %+v, want %s with a reason", tt.rule.ID, len(tt.runs), st, tt.state)
		}
	}
}

// The summary of track-direction states the finding's value: the km net of
// laps the other way.
func TestTrackDirectionSummaryStatesValue(t *testing.T) {
	runs := setWeek(steadyWeeks(6), 5, trackCW(5), trackCCW(1)) // 25 km one way, 5 km the other
	got := only(Evaluate(season(runs), nil), "track-direction")
	if len(got) != 2 || got[0].Value != 20 || got[0].Severity != Low || !strings.Contains(got[0].Summary, "20.0 km turning clockwise") {
		t.Fatalf("got %v, want a low finding of 20 km one way, clockwise", brief(got))
	}
}

// TestShoes checks the reports' shoe list: each pair's km is the sum
// shoe-mileage grades (prior_km included), its limit the one in force, and
// its runs in the season's last 8 weeks are counted.
func TestShoes(t *testing.T) {
	a := steadyWeeks(15, gear("A"))
	aKm, aRecent := 0.0, 0
	for _, r := range a {
		aKm += r.DistanceKm
		if r.Start.After(start.AddDate(0, 0, 7*8)) {
			aRecent++
		}
	}
	runs := join(a, []analysis.Run{run(15, 1, 10, gear(" B ")), run(15, 3, 6)})
	tests := []struct {
		name string
		cfg  *Config
		want []ShoeKm
	}{
		{"defaults: limit is the rule's medium", nil,
			[]ShoeKm{{"A", aKm, 800, aRecent}, {"B", 10, 800, 1}}},
		{"prior km and own limit, config name in another case", &Config{Gear: map[string]Shoe{"b": {PriorKm: 595, LimitKm: 700}}},
			[]ShoeKm{{"A", aKm, 800, aRecent}, {"B", 605, 700, 1}}},
		{"a raised medium threshold is the limit", &Config{Rules: map[string]Settings{"shoe-mileage": {Medium: ptr(900), High: ptr(1100)}}},
			[]ShoeKm{{"A", aKm, 900, aRecent}, {"B", 10, 900, 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shoes(season(runs), tt.cfg)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d shoes %+v, want %+v", len(got), got, tt.want)
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Name != w.Name || math.Abs(g.Km-w.Km) > 1e-9 || g.LimitKm != w.LimitKm || g.RecentRuns != w.RecentRuns {
					t.Errorf("shoe %d: got %+v, want %+v", i, g, w)
				}
			}
		})
	}
	if got := Shoes(season(steadyWeeks(3)), nil); got != nil {
		t.Errorf("no named shoe: got %+v, want nil", got)
	}
}

// TestTrackRunsJudgedApart checks that a gct-imbalance finding says how many
// of its week's runs were left out as track runs, that track runs are
// judged against the athlete's track runs (DOMAIN.md: judged apart) once
// there are enough of them, and that the status says how many were not.
func TestTrackRunsJudgedApart(t *testing.T) {
	runs := join(setWeek(steadyWeeks(9), 8, balance(51.1)), []analysis.Run{run(8, 4, 8, balance(40), trackCW(4))})
	fs := only(Evaluate(season(runs), nil), "gct-imbalance")
	if len(fs) != 1 || !strings.Contains(fs[0].Summary, "(1 track run judged apart)") {
		t.Fatalf("got %+v, want one finding saying 1 track run was judged apart", fs)
	}

	// A weekly track session at 51.0 % (road 50.1 %) is the athlete's
	// track usual; track runs at tw[k] in the last weeks.
	trackSeason := func(weeks int, tw map[int]float64) []analysis.Run {
		out := steadyWeeks(weeks)
		for w := range weeks {
			b := 51.0
			if v, ok := tw[w]; ok {
				b = v
			}
			out = append(out, run(w, 5, 8, balance(b), trackCW(4)))
		}
		return out
	}
	track := func(fs []Finding) []Finding {
		var out []Finding
		for _, f := range fs {
			if f.Metric == "gct_balance_track_change_pp" {
				out = append(out, f)
			}
		}
		return out
	}
	for _, tt := range []struct {
		name string
		tw   map[int]float64
		want []Severity
	}{
		{"a steady track habit is quiet", nil, nil},
		{"+1.5 pp on the track against the track usual: low", map[int]float64{10: 52.5}, []Severity{Low}},
		{"+0.4 pp on the track is quiet", map[int]float64{10: 51.4}, nil},
		{"+1.6 pp two track weeks running: low, then medium", map[int]float64{9: 52.6, 10: 52.6}, []Severity{Low, Medium}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fs, st := GCTImbalance.Check(season(trackSeason(11, tt.tw)), nil)
			got := track(fs)
			if len(got) != len(tt.want) {
				t.Fatalf("track findings %+v, want severities %v", got, tt.want)
			}
			for i, f := range got {
				if f.Severity != tt.want[i] || !strings.Contains(f.Summary, "your track baseline of 51.0 %") {
					t.Errorf("track finding %s %q, want %s against the track baseline of 51.0 %%", f.Severity, f.Summary, tt.want[i])
				}
			}
			// The first 6 track runs make the baseline: they are the
			// only ones not judged, and the status says so.
			if want := "6 track runs not judged"; !strings.HasPrefix(st.Reason, want) || st.State != Judged {
				t.Errorf("status %+v, want judged with %q", st, want)
			}
		})
	}

	// A week whose balance runs were all on the track, without a track
	// baseline: the status says so, not silence.
	onlyTrack := join(steadyWeeks(9), []analysis.Run{run(9, 1, 8, balance(51), trackCW(4)), run(9, 3, 8, balance(51), trackCW(4))})
	_, st := GCTImbalance.Check(season(onlyTrack), nil)
	if want := "2 track runs not judged (1 week with track runs only; a track baseline needs 6 earlier track runs, 0 so far)"; st.Reason != want {
		t.Errorf("status %+v, want reason %q", st, want)
	}
}
