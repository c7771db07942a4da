package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// sampleFunc sets the values of the sample at second t of a synthetic run.
// It may leave DistanceM NaN: activity then integrates SpeedMS.
type sampleFunc func(t float64, s *ingest.Sample)

// activity builds a 1 Hz running activity of n samples starting at
// 2026-05-04 07:00 UTC with an absent summary.
func activity(n int, f sampleFunc) *ingest.Activity {
	a := &ingest.Activity{
		Source: "synthetic.fit", Sport: ingest.SportRunning,
		Start:   time.Date(2026, 5, 4, 7, 0, 0, 0, time.UTC),
		Summary: ingest.EmptySummary(),
	}
	dist := 0.0
	for i := 0; i < n; i++ {
		s := ingest.EmptySample()
		s.ElapsedS = float64(i)
		f(float64(i), &s)
		if math.IsNaN(s.DistanceM) && !math.IsNaN(s.SpeedMS) {
			if i > 0 {
				dist += s.SpeedMS
			}
			s.DistanceM = dist
		}
		a.Samples.Append(s)
	}
	return a
}

// steady is a run at constant speed and cadence with heart rate and balance.
func steady(speed, cadence float64) sampleFunc {
	return func(t float64, s *ingest.Sample) {
		s.SpeedMS, s.CadenceSPM, s.HeartRateBPM, s.BalanceLeftPct = speed, cadence, 150, 50.5
	}
}

// ovalPath returns positions along a 400 m track's lane 1 (straights 84.39 m,
// bends of radius 36.8 m), direction +1 counter-clockwise or -1 clockwise,
// at speed m/s, with GPS error of noiseM metres, centred at a field in
// Zurich. Off the oval (after laps) it keeps the last point.
func ovalPath(speed float64, laps, dir int, noiseM float64) func(t float64) (lat, lon float64) {
	const straight, r = 84.39, 36.8
	perim := 2*straight + 2*math.Pi*r
	rng := rand.New(rand.NewPCG(1, 2))
	return func(t float64) (float64, float64) {
		s := math.Min(speed*t, float64(laps)*perim)
		s = math.Mod(s, perim)
		var x, y float64
		switch {
		case s < straight: // bottom straight, heading east
			x, y = -straight/2+s, -r
		case s < straight+math.Pi*r: // right bend
			a := -math.Pi/2 + (s-straight)/r
			x, y = straight/2+r*math.Cos(a), r*math.Sin(a)
		case s < 2*straight+math.Pi*r: // top straight, heading west
			x, y = straight/2-(s-straight-math.Pi*r), r
		default: // left bend
			a := math.Pi/2 + (s-2*straight-math.Pi*r)/r
			x, y = -straight/2+r*math.Cos(a), r*math.Sin(a)
		}
		y *= float64(dir) // mirror: clockwise
		// GPS error: a slow drift of noiseM plus jitter of a third of it.
		x += noiseM*math.Sin(t/37) + noiseM/3*(rng.Float64()*2-1)
		y += noiseM*math.Cos(t/53) + noiseM/3*(rng.Float64()*2-1)
		return toLatLon(x, y)
	}
}

// toLatLon places local metres around 47.38 N 8.54 E.
func toLatLon(x, y float64) (float64, float64) {
	const lat0, lon0 = 47.38, 8.54
	return lat0 + y/metresPerDegLa, lon0 + x/(metresPerDegLa*math.Cos(lat0*math.Pi/180))
}

// near reports whether got is within tol of want (both NaN counts as near).
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= tol
}

func checkNear(t *testing.T, name string, got, want, tol float64) {
	t.Helper()
	if !near(got, want, tol) {
		t.Errorf("%s = %.4g, want %.4g ± %g", name, got, want, tol)
	}
}
