package analysis

import (
	"math"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/ingest"
)

// FuzzMeasure feeds Measure arbitrary sample streams: each 6 bytes are one
// sample (time step, speed, cadence, altitude, and a position step), with
// 0xff meaning "not recorded". Measure must not panic, and what it reports
// must not be negative.
func FuzzMeasure(f *testing.F) {
	f.Add([]byte{1, 30, 85, 100, 3, 4, 1, 30, 85, 99, 3, 4, 20, 30, 85, 98, 3, 4})
	f.Add([]byte{0, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		a := &ingest.Activity{Sport: ingest.SportRunning, Start: time.Unix(1_700_000_000, 0), Summary: ingest.EmptySummary()}
		val := func(b byte, scale float64) float64 {
			if b == 0xff {
				return math.NaN()
			}
			return float64(b) * scale
		}
		el, x, y := 0.0, 0.0, 0.0
		for i := 0; i+6 <= len(data); i += 6 {
			s := ingest.EmptySample()
			el += val(data[i], 1)
			x += float64(int8(data[i+4]))
			y += float64(int8(data[i+5]))
			s.ElapsedS, s.SpeedMS, s.CadenceSPM, s.AltitudeM = el, val(data[i+1], 0.1), val(data[i+2], 2), val(data[i+3], 1)
			if data[i+4] != 0xff {
				s.LatDeg, s.LonDeg = toLatLon(x, y)
			}
			a.Samples.Append(s)
		}
		r := Measure(a, time.UTC)
		for name, v := range map[string]float64{"DurationS": r.DurationS, "DistanceKm": r.DistanceKm,
			"AscentM": r.AscentM, "DescentM": r.DescentM, "TrackKmCW": r.TrackKmCW, "TrackKmCCW": r.TrackKmCCW} {
			if v < 0 {
				t.Errorf("%s = %v < 0", name, v)
			}
		}
		NewSeason("fuzz", []Run{r, r}, Params{})
	})
}
