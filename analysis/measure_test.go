package analysis

import (
	"math"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

func TestMeasureSamples(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name                string
		act                 *ingest.Activity
		durS, runS, km      float64
		speed, cad, hr, bal float64
	}{
		{
			name: "steady 30 min at 3 m/s and 170 spm",
			act:  activity(1801, steady(3, 170)),
			durS: 1800, runS: 1800, km: 5.4, speed: 3, cad: 170, hr: 150, bal: 50.5,
		},
		{
			// Issue 13 item 2: a long gap with movement in it is smart
			// recording, not a pause.
			name: "gap of 60 s with 200 m moved counts",
			act: func() *ingest.Activity {
				a := activity(1201, steady(3, 170))
				for i := 600; i < a.Samples.Len(); i++ {
					a.Samples.ElapsedS[i] += 60
					a.Samples.DistanceM[i] += 200
				}
				return a
			}(),
			durS: 1260, runS: 1260, km: 3.797, speed: 3.797 / 1.26, cad: 170, hr: 150, bal: 50.5,
		},
		{
			name: "standing 60 s without moving is a pause",
			act: func() *ingest.Activity {
				a := activity(1201, steady(3, 170))
				for i := 600; i < a.Samples.Len(); i++ {
					a.Samples.ElapsedS[i] += 60
				}
				return a
			}(),
			durS: 1199, runS: 1199, km: 3.597, speed: 3, cad: 170, hr: 150, bal: 50.5,
		},
		{
			// Issue 13 item 3: no "running only" subset: the walk counts in
			// the averages, as it does in the watch's session.
			name: "walk stretch counts in the averages",
			act: activity(1501, func(t float64, s *ingest.Sample) {
				steady(3, 170)(t, s)
				if t > 600 && t <= 900 {
					s.SpeedMS, s.CadenceSPM, s.HeartRateBPM, s.BalanceLeftPct = 1.2, 110, 100, 55
				}
			}),
			durS: 1500, runS: 1500, km: 3.96, speed: 2.64, cad: 158, hr: 140, bal: 51.4,
		},
		{
			// Issue 13 item 4: a sensor's 0 is absent, not a value.
			name: "zero cadence and balance are absent",
			act: activity(601, func(t float64, s *ingest.Sample) {
				steady(3, 170)(t, s)
				if t > 300 {
					s.CadenceSPM, s.BalanceLeftPct, s.HeartRateBPM = 0, 0, 0
				}
			}),
			durS: 600, runS: 600, km: 1.8, speed: 3, cad: 170, hr: 150, bal: 50.5,
		},
		{
			name: "no cadence channel: speed alone decides",
			act: activity(601, func(t float64, s *ingest.Sample) {
				s.SpeedMS = 3.5
			}),
			durS: 600, runS: 600, km: 2.1, speed: 3.5, cad: nan, hr: nan, bal: nan,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Measure(tc.act, time.UTC)
			checkNear(t, "DurationS", r.DurationS, tc.durS, 0.5)
			checkNear(t, "RunningS", r.RunningS, tc.runS, 0.5)
			checkNear(t, "DistanceKm", r.DistanceKm, tc.km, 0.005)
			checkNear(t, "AvgSpeedMS", r.AvgSpeedMS, tc.speed, 0.01)
			checkNear(t, "CadenceSPM", r.CadenceSPM, tc.cad, 0.01)
			checkNear(t, "HeartRateBPM", r.HeartRateBPM, tc.hr, 0.01)
			checkNear(t, "BalanceLeftPct", r.BalanceLeftPct, tc.bal, 0.01)
			if r.FromSummary || !r.IsRun {
				t.Errorf("FromSummary %v, IsRun %v; want false, true", r.FromSummary, r.IsRun)
			}
			if r.First.Valid || r.Trace.Len() != 0 {
				t.Errorf("short run has thirds (%v) or a trace (%d points)", r.First.Valid, r.Trace.Len())
			}
		})
	}
}

func TestMeasureTRIMP(t *testing.T) {
	r := Measure(activity(1801, steady(3, 170)), time.UTC)
	hrr := (150.0 - DefaultRestHR) / (DefaultMaxHR - DefaultRestHR)
	want := 30 * hrr * 0.64 * math.Exp(1.92*hrr)
	checkNear(t, "TRIMP", r.TRIMP, want, 0.01)

	noHR := Measure(activity(601, func(_ float64, s *ingest.Sample) { s.SpeedMS = 3 }), time.UTC)
	checkNear(t, "TRIMP without HR", noHR.TRIMP, math.NaN(), 0)
}

func TestMeasureTerrain(t *testing.T) {
	// 1 km flat, 2 km down at -5 % (100 m), 1 km flat, at 4 m/s, with an
	// alternating ±1 m wiggle that the hysteresis must ignore.
	profile := func(t float64, s *ingest.Sample) {
		steady(4, 175)(t, s)
		d := 4 * t
		alt := 500.0
		switch {
		case d > 1000 && d <= 3000:
			alt -= 0.05 * (d - 1000)
		case d > 3000:
			alt -= 100
		}
		if int(t)%2 == 1 {
			alt++
		}
		s.AltitudeM = alt
	}
	tests := []struct {
		name                      string
		act                       *ingest.Activity
		ascent, descent, gradePct float64
	}{
		{"descent of 100 m at -5 %", activity(1001, profile), 1, 101, -5},
		{"no altitude", activity(1001, steady(4, 175)), math.NaN(), math.NaN(), math.NaN()},
		{"flat with noise", activity(1001, func(t float64, s *ingest.Sample) {
			steady(4, 175)(t, s)
			s.AltitudeM = 400 + float64(int(t)%3)
		}), 0, 0, math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Measure(tc.act, time.UTC)
			checkNear(t, "AscentM", r.AscentM, tc.ascent, 1.5)
			checkNear(t, "DescentM", r.DescentM, tc.descent, 1.5)
			checkNear(t, "DownhillGradePct", r.DownhillGradePct, tc.gradePct, 0.3)
		})
	}
}

// TestMeasureFinalQuarter: a fade that starts at minute 45 of 60 is whole
// in the final quarter and diluted in the last third (from minute 41:40).
func TestMeasureFinalQuarter(t *testing.T) {
	a := activity(3601, func(t float64, s *ingest.Sample) {
		steady(3, 170)(t, s)
		if t >= 2700 {
			s.CadenceSPM = 153
		}
	})
	r := Measure(a, time.UTC)
	if !r.Final.Valid {
		t.Fatalf("final quarter not valid: %+v", r.Final)
	}
	checkNear(t, "Final fade %", (r.Final.CadenceSPM/r.First.CadenceSPM-1)*100, -10, 0.05)
	checkNear(t, "Last fade %", (r.Last.CadenceSPM/r.First.CadenceSPM-1)*100, -10*900.0/1100, 0.1)
}

func TestMeasureThirds(t *testing.T) {
	// 60 min: cadence 170 for 40 min, then 5 % lower; balance drifts left
	// in the last 20 minutes.
	a := activity(3601, func(t float64, s *ingest.Sample) {
		steady(3, 170)(t, s)
		if t > 2400 {
			s.CadenceSPM, s.BalanceLeftPct = 161.5, 51.5
		}
	})
	r := Measure(a, time.UTC)
	if !r.First.Valid || !r.Last.Valid {
		t.Fatalf("thirds not valid: first %+v last %+v", r.First, r.Last)
	}
	checkNear(t, "First.StartS", r.First.StartS, 300, 1)
	checkNear(t, "First.EndS", r.First.EndS, 1400, 1)
	checkNear(t, "Last.StartS", r.Last.StartS, 2500, 1)
	checkNear(t, "First.CadenceSPM", r.First.CadenceSPM, 170, 0.01)
	checkNear(t, "Last.CadenceSPM", r.Last.CadenceSPM, 161.5, 0.01)
	checkNear(t, "fade %", (r.Last.CadenceSPM-r.First.CadenceSPM)/r.First.CadenceSPM*100, -5, 0.01)
	checkNear(t, "Last.SpeedMS", r.Last.SpeedMS, 3, 0.01)
	checkNear(t, "Last.BalanceLeftPct", r.Last.BalanceLeftPct, 51.5, 0.01)
	checkNear(t, "Final.StartS", r.Final.StartS, 2700, 1)
	checkNear(t, "Final.CadenceSPM", r.Final.CadenceSPM, 161.5, 0.01)
	if r.Trace.Len() != 60 {
		t.Fatalf("trace has %d minutes, want 60", r.Trace.Len())
	}
	checkNear(t, "Trace[0].CadenceSPM", r.Trace.At(0).CadenceSPM, 170, 0.01)
	checkNear(t, "Trace[59].CadenceSPM", r.Trace.At(59).CadenceSPM, 161.5, 0.01)
	checkNear(t, "Trace[59].Minute", r.Trace.At(59).Minute, 59, 0)
}

func TestMeasureTrack(t *testing.T) {
	withPath := func(speed float64, n int, path func(t float64) (float64, float64)) *ingest.Activity {
		return activity(n, func(t float64, s *ingest.Sample) {
			steady(speed, 180)(t, s)
			s.LatDeg, s.LonDeg = path(t)
		})
	}
	line := func(pts ...[2]float64) func(t float64) (float64, float64) {
		// a closed polyline walked at 3.5 m/s, repeated
		var perim float64
		for i := range pts {
			q := pts[(i+1)%len(pts)]
			perim += math.Hypot(q[0]-pts[i][0], q[1]-pts[i][1])
		}
		return func(t float64) (float64, float64) {
			d := math.Mod(3.5*t, perim)
			for i := range pts {
				q := pts[(i+1)%len(pts)]
				l := math.Hypot(q[0]-pts[i][0], q[1]-pts[i][1])
				if d <= l {
					f := d / l
					return toLatLon(pts[i][0]+(q[0]-pts[i][0])*f, pts[i][1]+(q[1]-pts[i][1])*f)
				}
				d -= l
			}
			return toLatLon(pts[0][0], pts[0][1])
		}
	}
	tests := []struct {
		name          string
		act           *ingest.Activity
		cwKm, ccwKm   float64
		tolCW, tolCCW float64
	}{
		{"10 laps counter-clockwise", withPath(4, 1001, ovalPath(4, 10, 1, 0)), 0, 4.0, 0, 0.45},
		{"10 laps clockwise with 3 m GPS noise", withPath(4, 1001, ovalPath(4, 10, -1, 3)), 4.0, 0, 0.45, 0},
		{"out-and-back road 5 km", withPath(3.5, 2858, line([2]float64{0, 0}, [2]float64{5000, 300})), 0, 0, 0, 0},
		{"city block 100 × 100 m, 12 laps", withPath(3.5, 1372, line([2]float64{0, 0}, [2]float64{100, 0}, [2]float64{100, 100}, [2]float64{0, 100})), 0, 0, 0, 0},
		{"block the track's size, 158 × 73 m", withPath(3.5, 1372, line([2]float64{0, 0}, [2]float64{158, 0}, [2]float64{158, 73}, [2]float64{0, 73})), 0, 0, 0, 0},
		{"city blocks 200 × 100 m", withPath(3.5, 3000, line([2]float64{0, 0}, [2]float64{200, 0}, [2]float64{200, 100}, [2]float64{0, 100})), 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Measure(tc.act, time.UTC)
			checkNear(t, "TrackKmCW", r.TrackKmCW, tc.cwKm, tc.tolCW)
			checkNear(t, "TrackKmCCW", r.TrackKmCCW, tc.ccwKm, tc.tolCCW)
		})
	}
	if r := Measure(activity(601, steady(3, 170)), time.UTC); !math.IsNaN(r.TrackKmCCW) {
		t.Errorf("run without GPS: TrackKmCCW = %v, want NaN", r.TrackKmCCW)
	}
}

func TestMeasureSummaryOnly(t *testing.T) {
	sum := ingest.EmptySummary()
	sum.DurationS, sum.DistanceM, sum.AvgCadenceSPM, sum.AvgHeartRateBPM = 3000, 10000, 86, 145
	sum.DescentM = 120
	tests := []struct {
		name     string
		sport    ingest.Sport
		isRun    bool
		cad, spd float64
	}{
		{"run with strides doubled", ingest.SportRunning, true, 172, 10000.0 / 3000},
		{"ride keeps totals only", ingest.SportCycling, false, math.NaN(), 10000.0 / 3000},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := &ingest.Activity{Sport: tc.sport, Start: time.Date(2026, 5, 4, 7, 0, 0, 0, time.UTC), Summary: sum}
			r := Measure(a, time.UTC)
			if !r.FromSummary || r.IsRun != tc.isRun || r.First.Valid || r.Trace.Len() != 0 {
				t.Errorf("FromSummary %v IsRun %v First.Valid %v", r.FromSummary, r.IsRun, r.First.Valid)
			}
			checkNear(t, "DistanceKm", r.DistanceKm, 10, 1e-9)
			checkNear(t, "DurationS", r.DurationS, 3000, 1e-9)
			checkNear(t, "CadenceSPM", r.CadenceSPM, tc.cad, 1e-9)
			checkNear(t, "AvgSpeedMS", r.AvgSpeedMS, tc.spd, 1e-9)
			checkNear(t, "DescentM", r.DescentM, 120, 1e-9)
			checkNear(t, "TrackKmCCW", r.TrackKmCCW, math.NaN(), 0)
		})
	}
}

func TestMeasureLocalDate(t *testing.T) {
	zurich, err := time.LoadLocation("Europe/Zurich")
	if err != nil {
		t.Skip("no tz database:", err)
	}
	a := &ingest.Activity{Sport: ingest.SportRunning, Start: time.Date(2026, 5, 3, 22, 30, 0, 0, time.UTC), Summary: ingest.EmptySummary()}
	if got := Measure(a, zurich).LocalDate.Format("2006-01-02 15:04"); got != "2026-05-04 00:30" {
		t.Errorf("LocalDate in Zurich = %s, want 2026-05-04 00:30", got)
	}
	a.HasLocalOffset, a.LocalOffset = true, -6*time.Hour
	if got := Measure(a, zurich).LocalDate.Format("2006-01-02 15:04"); got != "2026-05-03 16:30" {
		t.Errorf("LocalDate with file offset = %s, want 2026-05-03 16:30", got)
	}
}

// BenchmarkMeasure measures one hour of 1 Hz samples with every channel and
// GPS on a road loop.
func BenchmarkMeasure(b *testing.B) {
	a := activity(3600, func(t float64, s *ingest.Sample) {
		steady(3.2, 172)(t, s)
		s.StanceTimeMs, s.VertOscCm, s.VertRatioPct, s.StepLengthM, s.PowerW = 240, 8.5, 7.9, 1.1, 280
		s.AltitudeM = 400 + 30*math.Sin(t/300)
		s.LatDeg, s.LonDeg = toLatLon(3000*math.Sin(t/1000), 1500*math.Sin(t/700))
	})
	b.ReportAllocs()
	for b.Loop() {
		Measure(a, time.UTC)
	}
}

func TestMeasureDegenerateInputs(t *testing.T) {
	start := time.Date(2026, 5, 4, 7, 0, 0, 0, time.UTC)
	allNaN := activity(100, func(t float64, s *ingest.Sample) {})
	for i := range allNaN.Samples.ElapsedS {
		allNaN.Samples.ElapsedS[i] = math.NaN()
	}
	backwards := activity(100, steady(3, 170))
	for i := range backwards.Samples.ElapsedS {
		backwards.Samples.ElapsedS[i] = 100 - float64(i)
	}
	ragged := activity(100, steady(3, 170))
	ragged.Samples.CadenceSPM = ragged.Samples.CadenceSPM[:10]
	tests := []struct {
		name string
		act  *ingest.Activity
		km   float64
	}{
		{"no samples, zero summary", &ingest.Activity{Sport: ingest.SportRunning, Start: start}, math.NaN()},
		{"every value NaN", allNaN, math.NaN()},
		{"time running backwards", backwards, math.NaN()},
		{"ragged streams fall back on the summary", ragged, math.NaN()},
		{"one sample", activity(1, steady(3, 170)), math.NaN()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Measure(tc.act, nil)
			checkNear(t, "DistanceKm", r.DistanceKm, tc.km, 0)
			if r.CadenceSPM == 0 || r.DurationS == 0 || r.TRIMP == 0 {
				t.Errorf("absent values must be NaN, not 0: %+v", r)
			}
		})
	}
}

func TestMeasureRideHeartRate(t *testing.T) {
	a := activity(601, func(t float64, s *ingest.Sample) {
		s.SpeedMS, s.CadenceSPM, s.HeartRateBPM = 8, 90, 130
	})
	a.Sport = ingest.SportCycling
	r := Measure(a, time.UTC)
	if r.IsRun {
		t.Fatal("ride counted as a run")
	}
	checkNear(t, "DistanceKm", r.DistanceKm, 4.8, 1e-9)
	checkNear(t, "HeartRateBPM", r.HeartRateBPM, 130, 1e-9)
	checkNear(t, "CadenceSPM", r.CadenceSPM, math.NaN(), 0)
}
