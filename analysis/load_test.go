package analysis

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// trackSeason is a track athlete's 12 weeks: five runs a week, 40 km in
// every week. Until week 8 one session a week is hard (RPE 8); from week
// 8 three are, run at the same distance (interval sessions replace easy
// runs), as in a block before the track season. rated(i) tells whether
// run i carries RPE.
func trackSeason(rated func(i int) bool) []Run {
	monday := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	var runs []Run
	for w := 0; w < 12; w++ {
		for d, day := range []int{0, 1, 3, 4, 6} {
			hard := d == 2 || (w >= 8 && (d == 0 || d == 3))
			r := Run{Sport: ingest.SportRunning, IsRun: true, DistanceKm: 8, DurationS: 8 * 5.5 * 60,
				AvgSpeedMS: 1000 / 330.0, HeartRateBPM: 140, RPE: 3, Feel: math.NaN()}
			if hard {
				// Intervals with recoveries: the same km a little faster on
				// average, heart rate and effort much higher.
				r.DurationS, r.AvgSpeedMS, r.HeartRateBPM, r.RPE = 8*5*60, 1000/300.0, 168, 8
			}
			if !rated(len(runs)) {
				r.RPE = math.NaN()
			}
			r.Start = monday.AddDate(0, 0, 7*w+day).Add(7 * time.Hour)
			r.LocalDate = r.Start
			runs = append(runs, r)
		}
	}
	return runs
}

// TestSRPESeesTheTrackBlock: km is flat, but the hard sessions that replace
// easy runs raise the session-RPE load by about half, and auto picks sRPE
// because every run is rated.
func TestSRPESeesTheTrackBlock(t *testing.T) {
	runs := trackSeason(func(int) bool { return true })
	km := NewSeason("track", runs, Params{LoadMetric: LoadDistance})
	auto := NewSeason("track", runs, Params{LoadMetric: LoadAuto})
	if auto.Params.LoadMetric != LoadSRPE || auto.Load.Metric != LoadSRPE || auto.Load.RatedRuns != 60 {
		t.Fatalf("auto chose %s (%+v), want srpe", auto.Params.LoadMetric, auto.Load)
	}
	if got := auto.Load.Reason(); got != "auto: RPE on 60 of 60 runs (≥ 70 %)" {
		t.Errorf("reason %q", got)
	}
	w := km.Weeks[8]
	if math.Abs(w.DistanceKm-40) > 1e-9 || !(w.ACWR < 1.05) {
		t.Errorf("km week 9: %.1f km, ACWR %.2f; want flat", w.DistanceKm, w.ACWR)
	}
	sw := auto.Weeks[8]
	// Weeks 1-8: 4 × 3 × 44 + 8 × 40 = 848 AU; week 9: 2 × 3 × 44 + 3 × 320 = 1224 AU.
	if math.Abs(auto.Weeks[7].Load-848) > 1e-6 || math.Abs(sw.Load-1224) > 1e-6 {
		t.Errorf("sRPE loads %.1f → %.1f, want 848 → 1224", auto.Weeks[7].Load, sw.Load)
	}
	if !(sw.ACWR > 1.4) {
		t.Errorf("sRPE ACWR week 9 = %.2f, want the hard block to show (> 1.4)", sw.ACWR)
	}
}

// TestAutoLoadChoice: auto takes sRPE at 70 % rated runs, TRIMP below
// with heart rate, else km; unrated runs in an sRPE season are scored from
// the athlete's own RPE at a similar heart rate, and the report can say so.
func TestAutoLoadChoice(t *testing.T) {
	noHR := func(runs []Run) []Run {
		for i := range runs {
			runs[i].HeartRateBPM = math.NaN()
		}
		return runs
	}
	tests := []struct {
		name    string
		runs    []Run
		want    LoadMetric
		imputed int
		reason  string
	}{
		{"70 % rated", trackSeason(func(i int) bool { return i%10 < 7 }), LoadSRPE, 18, "auto: RPE on 42 of 60 runs (≥ 70 %)"},
		{"60 % rated, heart rate", trackSeason(func(i int) bool { return i%10 < 6 }), LoadTRIMP, 0, "auto: RPE on 36 of 60 runs (< 70 %), heart rate on 60"},
		{"nothing but km", noHR(trackSeason(func(int) bool { return false })), LoadDistance, 0, "auto: RPE on 0 and heart rate on 0 of 60 runs (< 70 %)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSeason("a", tt.runs, Params{LoadMetric: LoadAuto})
			if s.Params.LoadMetric != tt.want || s.Load.Imputed != tt.imputed || s.Load.Reason() != tt.reason {
				t.Errorf("%s, %d imputed, %q; want %s, %d, %q", s.Params.LoadMetric, s.Load.Imputed, s.Load.Reason(), tt.want, tt.imputed, tt.reason)
			}
		})
	}

	// Imputed RPEs follow the athlete's own ratings at that heart rate: an
	// unrated hard session gets 8, an unrated easy run 3.
	s := NewSeason("a", trackSeason(func(i int) bool { return i%10 < 7 }), Params{LoadMetric: LoadAuto})
	for _, r := range s.Runs {
		if !r.RPEImputed {
			continue
		}
		want := 3.0
		if r.HeartRateBPM > 160 {
			want = 8
		}
		if r.RPE != want {
			t.Errorf("run %s at %.0f bpm imputed RPE %.1f, want %.0f", r.Start.Format(time.DateOnly), r.HeartRateBPM, r.RPE, want)
		}
	}
	if txt := s.Load.ImputedText(); !strings.Contains(txt, "18 runs without RPE were scored with your own RPE at a similar heart rate") {
		t.Errorf("imputed text %q", txt)
	}
	// A configured metric stays as set.
	if s := NewSeason("a", trackSeason(func(int) bool { return true }), Params{LoadMetric: LoadDistance}); s.Load.Reason() != "set by load.metric" || s.Params.LoadMetric != LoadDistance {
		t.Errorf("configured km: %s, %q", s.Params.LoadMetric, s.Load.Reason())
	}
}

// TestTrainingCounts: strength and mobility sessions are counted in their
// week, and never count as running load.
func TestTrainingCounts(t *testing.T) {
	runs := trackSeason(func(int) bool { return false })
	monday := time.Date(2026, 3, 2, 18, 0, 0, 0, time.UTC)
	for _, x := range []struct {
		day   int
		sport ingest.Sport
	}{{1, ingest.SportStrength}, {4, ingest.SportStrength}, {5, ingest.SportMobility}, {15, ingest.SportMobility}, {16, ingest.SportCycling}} {
		st := monday.AddDate(0, 0, x.day)
		runs = append(runs, Run{Sport: x.sport, Start: st, LocalDate: st, DurationS: 1800, DistanceKm: math.NaN(), RPE: 5})
	}
	s := NewSeason("a", runs, Params{LoadMetric: LoadAuto})
	got := [][2]int{}
	for _, w := range s.Weeks[:3] {
		got = append(got, [2]int{w.StrengthSessions, w.MobilitySessions})
	}
	if want := [][2]int{{2, 1}, {0, 0}, {0, 1}}; !equalPairs(got, want) {
		t.Errorf("strength/mobility per week %v, want %v", got, want)
	}
	if s.Weeks[0].Runs != 5 || s.Weeks[0].DistanceKm != 40 {
		t.Errorf("week 1: %d runs, %.1f km; the sessions must not count as running", s.Weeks[0].Runs, s.Weeks[0].DistanceKm)
	}
}

func equalPairs(a, b [][2]int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
