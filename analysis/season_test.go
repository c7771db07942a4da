package analysis

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// run is a measured running activity on a UTC day at 07:00.
func run(day time.Time, km float64) Run {
	start := time.Date(day.Year(), day.Month(), day.Day(), 7, 0, 0, 0, time.UTC)
	n := math.NaN()
	return Run{
		Source: "r" + start.Format("20060102"), Sport: ingest.SportRunning, IsRun: true,
		Start: start, LocalDate: start, DurationS: km * 330, RunningS: km * 330, DistanceKm: km,
		AvgSpeedMS: 1000 / 330.0, CadenceSPM: 170, HeartRateBPM: n, MaxHeartRateBPM: n, TRIMP: n,
		BalanceLeftPct: n, StanceTimeMs: n, VertOscCm: n, VertRatioPct: n, StepLengthM: n,
		AscentM: n, DescentM: n, DownhillGradePct: n, TrackKmCW: n, TrackKmCCW: n,
		First: emptySegment(), Last: emptySegment(), Final: emptySegment(),
	}
}

// weekly returns runs of kmPerWeek[i] km each week, on the Monday of week i
// counted from monday (one run per week unless perDay).
func weekly(monday time.Time, kmPerWeek ...float64) []Run {
	var rs []Run
	for i, km := range kmPerWeek {
		if km > 0 {
			rs = append(rs, run(monday.AddDate(0, 0, 7*i), km))
		}
	}
	return rs
}

var monday0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC) // a Monday

func TestSeasonWeeksInLocalTime(t *testing.T) {
	zurich, err1 := time.LoadLocation("Europe/Zurich")
	denver, err2 := time.LoadLocation("America/Denver")
	if err1 != nil || err2 != nil {
		t.Skip("no tz database")
	}
	act := func(utc time.Time) *ingest.Activity {
		s := ingest.EmptySummary()
		s.DistanceM, s.DurationS = 10000, 3000
		return &ingest.Activity{Sport: ingest.SportRunning, Start: utc, Summary: s}
	}
	tests := []struct {
		name    string
		loc     *time.Location
		starts  []time.Time // UTC
		mondays []string
		runs    []int
	}{
		{
			// Sunday 29 March 2026 is the spring DST change in Zurich:
			// 23:30 CEST is 21:30 UTC and still belongs to week 13.
			name: "Zurich across the DST change, Sunday 23:30",
			loc:  zurich,
			starts: []time.Time{
				time.Date(2026, 3, 29, 21, 30, 0, 0, time.UTC),
				time.Date(2026, 3, 30, 4, 0, 0, 0, time.UTC),
			},
			mondays: []string{"2026-03-23", "2026-03-30"},
			runs:    []int{1, 1},
		},
		{
			// Sunday 23:30 in Denver is Monday 05:30 UTC.
			name: "Denver Sunday 23:30 in its own week",
			loc:  denver,
			starts: []time.Time{
				time.Date(2026, 5, 11, 5, 30, 0, 0, time.UTC),
				time.Date(2026, 5, 11, 14, 0, 0, 0, time.UTC),
			},
			mondays: []string{"2026-05-04", "2026-05-11"},
			runs:    []int{1, 1},
		},
		{
			name: "empty weeks between runs are listed",
			loc:  time.UTC,
			starts: []time.Time{
				time.Date(2026, 5, 6, 7, 0, 0, 0, time.UTC),
				time.Date(2026, 5, 24, 7, 0, 0, 0, time.UTC),
				time.Date(2026, 5, 25, 7, 0, 0, 0, time.UTC),
			},
			mondays: []string{"2026-05-04", "2026-05-11", "2026-05-18", "2026-05-25"},
			runs:    []int{1, 0, 1, 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var runs []Run
			for _, st := range tc.starts {
				runs = append(runs, Measure(act(st), tc.loc))
			}
			s := NewSeason("alice", runs, Params{Location: tc.loc})
			if len(s.Weeks) != len(tc.mondays) {
				t.Fatalf("%d weeks, want %d", len(s.Weeks), len(tc.mondays))
			}
			for i, w := range s.Weeks {
				if got := w.Monday.String(); got != tc.mondays[i] || w.Runs != tc.runs[i] {
					t.Errorf("week %d: Monday %s with %d runs, want %s with %d", i, got, w.Runs, tc.mondays[i], tc.runs[i])
				}
				if got := len(s.WeekRuns(i)); got != tc.runs[i] {
					t.Errorf("WeekRuns(%d) has %d runs, want %d", i, got, tc.runs[i])
				}
				if w.Runs == 0 && (w.DistanceKm != 0 || !math.IsNaN(w.CadenceSPM) || !math.IsNaN(w.Monotony)) {
					t.Errorf("empty week %d: km %v cadence %v monotony %v, want 0, NaN, NaN", i, w.DistanceKm, w.CadenceSPM, w.Monotony)
				}
			}
		})
	}
}

func TestSeasonLoadRatios(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name       string
		runs       []Run
		week       int
		acwr, chg  float64
		ewmaFinite bool
	}{
		{"steady 20 km weeks", weekly(monday0, 20, 20, 20, 20, 20), 4, 1, 0, true},
		{"30 km after four 20 km weeks", weekly(monday0, 20, 20, 20, 20, 30), 4, 1.5, 50, true},
		{"fewer than 28 days of history", weekly(monday0, 20, 20, 20, 30), 3, nan, 50, false},
		{"history starting on Wednesday is 26 days", append(weekly(monday0.AddDate(0, 0, 7), 20, 20, 20, 30),
			run(monday0.AddDate(0, 0, 2), 20)), 4, nan, 50, false},
		{"chronic below 10 km a week", weekly(monday0, 8, 8, 8, 8, 20), 4, nan, nan, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSeason("bob", tc.runs, Params{})
			w := s.Weeks[tc.week]
			checkNear(t, "ACWR", w.ACWR, tc.acwr, 1e-9)
			checkNear(t, "ChangePct", w.ChangePct, tc.chg, 1e-9)
			if finite := !math.IsNaN(w.ACWREWMA); finite != tc.ewmaFinite {
				t.Errorf("ACWREWMA = %v, want finite %v", w.ACWREWMA, tc.ewmaFinite)
			}
			if !math.IsNaN(s.Weeks[0].ACWR) || !math.IsNaN(s.Weeks[0].ACWREWMA) || !math.IsNaN(s.Weeks[0].ChangePct) {
				t.Errorf("first week has ratios: %+v", s.Weeks[0])
			}
		})
	}
}

func TestSeasonEWMASteady(t *testing.T) {
	var runs []Run
	for d := 0; d < 56; d++ {
		runs = append(runs, run(monday0.AddDate(0, 0, d), 10))
	}
	s := NewSeason("carol", runs, Params{})
	checkNear(t, "ACWREWMA after 8 steady weeks", s.Weeks[7].ACWREWMA, 1, 0.05)
	checkNear(t, "ACWR after 8 steady weeks", s.Weeks[7].ACWR, 1, 1e-9)
}

// TestSeasonEWMAConstantWeeks: the same week repeated (rest days, a long
// Sunday run) reads ≈ 1.0, not the 1.2–1.3 a Sunday-night sample gives.
func TestSeasonEWMAConstantWeeks(t *testing.T) {
	var runs []Run
	for w := 0; w < 12; w++ {
		for d, km := range map[int]float64{1: 8, 2: 6, 3: 10, 5: 6, 6: 18} {
			runs = append(runs, run(monday0.AddDate(0, 0, 7*w+d), km))
		}
	}
	s := NewSeason("dee", runs, Params{})
	for i := 6; i < 12; i++ {
		checkNear(t, "ACWREWMA of a constant week", s.Weeks[i].ACWREWMA, 1, 0.06)
	}
}

func TestSeasonMonotony(t *testing.T) {
	daily := func(km ...float64) []Run {
		var rs []Run
		for d, k := range km {
			if k > 0 {
				rs = append(rs, run(monday0.AddDate(0, 0, d), k))
			}
		}
		return rs
	}
	// One 10 km run: daily loads 10,0,0,0,0,0,0; mean 10/7, sample SD √(100/7).
	one := (10.0 / 7) / math.Sqrt(100.0/7)
	tests := []struct {
		name           string
		runs           []Run
		mono, strain   float64
		tolMono, tolSt float64
	}{
		{"seven identical days hit the cap", daily(10, 10, 10, 10, 10, 10, 10), MonotonyCap, 70 * MonotonyCap, 0, 1e-9},
		{"one run", daily(10), one, 10 * one, 1e-9, 1e-9},
		{"alternating days", daily(10, 0, 10, 0, 10, 0, 10), 40.0 / 7 / math.Sqrt((4*math.Pow(10-40.0/7, 2)+3*math.Pow(40.0/7, 2))/6), 0, 1e-9, math.Inf(1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := NewSeason("dave", tc.runs, Params{}).Weeks[0]
			checkNear(t, "Monotony", w.Monotony, tc.mono, tc.tolMono)
			checkNear(t, "Strain", w.Strain, tc.strain, tc.tolSt)
		})
	}
}

func TestSeasonDuplicates(t *testing.T) {
	fromSamples := run(monday0, 10)
	summary := fromSamples
	summary.FromSummary, summary.Source, summary.CadenceSPM = true, "activities.csv", math.NaN()
	summary.Start = summary.Start.Add(40 * time.Second)
	summary.DistanceKm = 10.15
	// Issue 13 item 1: a watch's GPX export reads 2.1 % longer than its FIT
	// (haversine against the watch's filtered distance): still one run.
	gpx := run(monday0, 10.21)
	gpx.Source, gpx.DurationS = "export.gpx", fromSamples.DurationS
	gpx.Start = gpx.Start.Add(5 * time.Second)
	// A 10-minute recording started with the run (a phone app left on) is
	// not a copy: the spans share a fifth of the run.
	other := run(monday0.Add(30*time.Second), 2)
	other.Source, other.DurationS = "other", 600
	tests := []struct {
		name    string
		runs    []Run
		kept    []string
		dropped int
	}{
		{"samples kept over summary", []Run{summary, fromSamples}, []string{fromSamples.Source}, 1},
		{"summary first in input", []Run{fromSamples, summary}, []string{fromSamples.Source}, 1},
		{"distances 2 % apart, same span: one run", []Run{gpx, fromSamples}, []string{fromSamples.Source}, 1},
		{"three copies, one kept", []Run{gpx, summary, fromSamples}, []string{fromSamples.Source}, 2},
		{"short span beside a long one kept", []Run{fromSamples, other}, []string{fromSamples.Source, "other"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSeason("erin", tc.runs, Params{})
			if s.Duplicates != tc.dropped || len(s.Runs) != len(tc.kept) {
				t.Fatalf("Duplicates %d, %d runs; want %d, %d", s.Duplicates, len(s.Runs), tc.dropped, len(tc.kept))
			}
			copies := 0
			for i, src := range tc.kept {
				if s.Runs[i].Source != src {
					t.Errorf("run %d from %q, want %q", i, s.Runs[i].Source, src)
				}
				copies += len(s.Runs[i].Copies)
				if slices.Contains(s.Runs[i].Copies, s.Runs[i].Source) {
					t.Errorf("run %d lists its own source among its copies: %q", i, s.Runs[i].Copies)
				}
			}
			if copies != tc.dropped {
				t.Errorf("%d copies' sources kept, %d merged", copies, tc.dropped)
			}
		})
	}
}

func TestSeasonLoadMetrics(t *testing.T) {
	withHR := run(monday0, 10)
	withHR.HeartRateBPM, withHR.MaxHeartRateBPM = 155, 185
	noHR := run(monday0.AddDate(0, 0, 1), 10)
	ride := run(monday0.AddDate(0, 0, 2), 40)
	ride.IsRun, ride.Sport = false, ingest.SportCycling
	runs := []Run{withHR, noHR, ride}
	hrr := (155.0 - 60) / (185 - 60)
	trimp := 55 * hrr * 0.64 * math.Exp(1.92*hrr) // 10 km × 330 s = 55 min
	tests := []struct {
		metric LoadMetric
		load   float64
	}{
		{LoadDistance, 20},
		{LoadDuration, 110},
		{LoadTRIMP, 2 * trimp}, // the run without HR is scored at the same reserve
	}
	for _, tc := range tests {
		t.Run(string(tc.metric), func(t *testing.T) {
			s := NewSeason("finn", runs, Params{LoadMetric: tc.metric, MaxHR: math.NaN()})
			checkNear(t, "Load", s.Weeks[0].Load, tc.load, 1e-6)
			checkNear(t, "DistanceKm (rides not counted)", s.Weeks[0].DistanceKm, 20, 1e-9)
			if s.Weeks[0].Runs != 2 {
				t.Errorf("Runs = %d, want 2", s.Weeks[0].Runs)
			}
		})
	}
}

func TestCadenceBaseline(t *testing.T) {
	// cadence = 120 + 15·speed, runs at 2.8…3.6 m/s spread over 6 weeks.
	speedRuns := func(n int, sameSpeed bool) []Run {
		var rs []Run
		for i := 0; i < n; i++ {
			r := run(monday0.AddDate(0, 0, i*42/n), 8)
			r.AvgSpeedMS = 2.8 + 0.1*float64(i%9)
			if sameSpeed {
				r.AvgSpeedMS = 3
			}
			r.CadenceSPM = 120 + 15*r.AvgSpeedMS
			r.BalanceLeftPct = 50 + 0.1*float64(i%5)
			rs = append(rs, r)
		}
		return rs
	}
	probe := run(monday0.AddDate(0, 0, 43), 8) // week 6
	probe.AvgSpeedMS = 3.2
	probe.CadenceSPM = (120 + 15*3.2) * 0.95
	tests := []struct {
		name             string
		runs             []Run
		valid, adjusted  bool
		intercept, slope float64
		residual         float64
	}{
		{"twelve runs at varied speeds", speedRuns(12, false), true, true, 120, 15, -5},
		{"seven runs: not enough data", speedRuns(7, false), false, false, math.NaN(), math.NaN(), math.NaN()},
		{"all at the same speed: median, slope 0", speedRuns(10, true), true, false, 165, 0, (168*0.95 - 165) / 165 * 100},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSeason("gina", append(tc.runs, probe), Params{})
			i := s.WeekIndex(probe.LocalDate)
			if i != 6 {
				t.Fatalf("WeekIndex(probe) = %d, want 6", i)
			}
			m := s.CadenceBaseline(i)
			if m.Valid != tc.valid || m.SpeedAdjusted != tc.adjusted {
				t.Fatalf("Valid %v SpeedAdjusted %v, want %v %v", m.Valid, m.SpeedAdjusted, tc.valid, tc.adjusted)
			}
			checkNear(t, "Intercept", m.Intercept, tc.intercept, 1e-6)
			checkNear(t, "Slope", m.Slope, tc.slope, 1e-6)
			checkNear(t, "ResidualPct", m.ResidualPct(probe), tc.residual, 1e-6)
			checkNear(t, "week CadenceResidualPct", s.Weeks[i].CadenceResidualPct, tc.residual, 1e-6)
		})
	}
}

func TestBalanceBaseline(t *testing.T) {
	// Eight weeks of three runs, week k's mean balance 50 + 0.1·k; week 8
	// is judged.
	var rs []Run
	for k := 0; k < 9; k++ {
		for d := 0; d < 3; d++ {
			r := run(monday0.AddDate(0, 0, 7*k+2*d), 8)
			r.BalanceLeftPct = 50 + 0.1*float64(k) + 0.05*float64(d-1)
			rs = append(rs, r)
		}
	}
	s := NewSeason("gina", rs, Params{})
	tests := []struct {
		name       string
		leaveOut   []bool
		valid      bool
		median     float64
		weeks, run int
	}{
		{"the eight weeks before", nil, true, 50.35, 8, 24},
		{"weeks 6 and 7 left out", []bool{6: true, 7: true}, false, 50.25, 6, 18}, // 18 runs < MinBalanceRuns
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := s.FitBalanceBaseline(8, tc.leaveOut)
			if m.Valid != tc.valid || m.Weeks != tc.weeks || m.Runs != tc.run {
				t.Errorf("Valid %v, %d weeks, %d runs; want %v, %d, %d", m.Valid, m.Weeks, m.Runs, tc.valid, tc.weeks, tc.run)
			}
			checkNear(t, "MedianPct", m.MedianPct, tc.median, 1e-9)
		})
	}
	// The record wins over the plain fit, and nil goes back to it.
	s.RecordBalance(make([]BalanceModel, len(s.Weeks)))
	if s.BalanceBaseline(8).Valid {
		t.Error("BalanceBaseline ignores the recorded model")
	}
	s.RecordBalance(nil)
	if !s.BalanceBaseline(8).Valid {
		t.Error("RecordBalance(nil) does not go back to the plain fit")
	}
}

func TestDescentBaseline(t *testing.T) {
	withDescent := func(rs []Run, m ...float64) []Run {
		for i := range rs {
			rs[i].DescentM = m[i]
		}
		return rs
	}
	tests := []struct {
		name string
		runs []Run
		week int
		want float64
		ok   bool
	}{
		{"median of six weeks", withDescent(weekly(monday0, 10, 10, 10, 10, 10, 10, 10), 100, 300, 200, 50, 400, 250, 900), 6, 225, true},
		{"five weeks of history", withDescent(weekly(monday0, 10, 10, 10, 10, 10, 10), 100, 300, 200, 50, 400, 900), 5, 200, true},
		{"three weeks of history", withDescent(weekly(monday0, 10, 10, 10, 10), 100, 300, 200, 900), 3, math.NaN(), false},
		{"weeks without altitude", weekly(monday0, 10, 10, 10, 10, 10, 10, 10), 6, math.NaN(), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSeason("hal", tc.runs, Params{})
			got, ok := s.DescentBaseline(tc.week)
			if ok != tc.ok {
				t.Errorf("ok = %v, want %v", ok, tc.ok)
			}
			checkNear(t, "DescentBaseline", got, tc.want, 1e-9)
		})
	}
}

func TestWeekIndexOutside(t *testing.T) {
	s := NewSeason("ida", weekly(monday0, 10, 10), Params{})
	for _, d := range []time.Time{monday0.AddDate(0, 0, -1), monday0.AddDate(0, 0, 14)} {
		if i := s.WeekIndex(d); i != -1 {
			t.Errorf("WeekIndex(%s) = %d, want -1", d.Format("2006-01-02"), i)
		}
	}
	if i := s.WeekIndex(monday0.AddDate(0, 0, 13)); i != 1 {
		t.Errorf("WeekIndex(second Sunday) = %d, want 1", i)
	}
	if empty := NewSeason("jo", nil, Params{}); len(empty.Weeks) != 0 || empty.WeekIndex(monday0) != -1 || empty.WeekRuns(0) != nil {
		t.Errorf("empty season: %d weeks", len(empty.Weeks))
	}
}

func TestSeasonEWMASpike(t *testing.T) {
	var runs []Run
	for d := 0; d < 35; d++ {
		km := 10.0
		if d >= 28 {
			km = 15
		}
		runs = append(runs, run(monday0.AddDate(0, 0, d), km))
	}
	s := NewSeason("kim", runs, Params{})
	// The week's mean of the 7 daily ratios, day k after k days of 15 km.
	mean := 0.0
	for k := 1; k <= 7; k++ {
		acute := 15 - 5*math.Pow(1-EWMAAcuteLambda, float64(k))
		chronic := 10 + 5*(1-math.Pow(1-EWMAChronicLambda, float64(k)))
		mean += acute / chronic / 7
	}
	checkNear(t, "ACWREWMA", s.Weeks[4].ACWREWMA, mean, 1e-9)
	checkNear(t, "ACWR", s.Weeks[4].ACWR, 1.5, 1e-9)
}

// TestSeasonWithoutCaches checks that a Season assembled by hand (as other
// packages' tests do) answers the same as one from NewSeason.
func TestSeasonWithoutCaches(t *testing.T) {
	var runs []Run
	for d := 0; d < 56; d += 3 {
		r := run(monday0.AddDate(0, 0, d), 8+float64(d%4))
		r.AvgSpeedMS = 2.8 + 0.05*float64(d%7)
		r.CadenceSPM = 150 + 8*r.AvgSpeedMS
		runs = append(runs, r)
	}
	built := NewSeason("lee", runs, Params{})
	bare := &Season{Athlete: built.Athlete, Params: built.Params, Runs: built.Runs, Weeks: built.Weeks}
	for i := range built.Weeks {
		if a, b := len(built.WeekRuns(i)), len(bare.WeekRuns(i)); a != b {
			t.Errorf("week %d: WeekRuns %d vs %d without caches", i, a, b)
		}
		if a, b := built.CadenceBaseline(i), bare.CadenceBaseline(i); a != b && !(math.IsNaN(a.Intercept) && math.IsNaN(b.Intercept)) {
			t.Errorf("week %d: CadenceBaseline %+v vs %+v without caches", i, a, b)
		}
	}
	if m := built.CadenceBaseline(7); !m.Valid || !m.SpeedAdjusted || !near(m.Slope, 8, 1e-6) {
		t.Errorf("CadenceBaseline(7) = %+v, want a valid fit with slope 8", m)
	}
}
