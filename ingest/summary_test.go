package ingest

import (
	"math"
	"testing"
)

func TestFillSummaryFromSamples(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name  string
		sport Sport
		rows  [][4]float64 // elapsed s, speed m/s, cadence spm, altitude m
		want  Summary
	}{
		{
			// No "running only" subset: the walk counts; a 28 s gap with
			// movement in it is smart recording, not a pause; each sample
			// weighs the moving seconds of the interval ending at it.
			name:  "run with a walk break and a smart-recording gap",
			sport: SportRunning,
			rows: [][4]float64{
				{0, 3, 170, 100}, {1, 3, 172, 104}, {2, 1, 100, 104}, {30, 3, 174, 100}, {31, 3, 176, 90},
			},
			want: Summary{DurationS: 31, ElapsedS: 31, AvgCadenceSPM: (172 + 100 + 28*174 + 176) / 31.0, AscentM: 4, DescentM: 14},
		},
		{
			// Standing still for 60 s (speed 0 at both ends): a pause.
			name:  "gap without movement is a pause",
			sport: SportRunning,
			rows: [][4]float64{
				{0, 3, 170, nan}, {1, 0, 0, nan}, {61, 0, 0, nan}, {62, 3, 180, nan},
			},
			want: Summary{DurationS: 2, ElapsedS: 62, AvgCadenceSPM: 180, AscentM: nan, DescentM: nan},
		},
		{
			name:  "smooth climb and fall with noise below the threshold",
			sport: SportTrail,
			rows: [][4]float64{
				{0, 3, 170, 400}, {1, 3, 170, 401}, {2, 3, 170, 400.5}, {3, 3, 170, 410}, {4, 3, 170, 420},
				{5, 3, 170, 419}, {6, 3, 170, 400}, {7, 3, 170, 380}, {8, 3, 170, 381.5}, {9, 3, 170, 400},
			},
			want: Summary{DurationS: 9, ElapsedS: 9, AvgCadenceSPM: 170, AscentM: 40, DescentM: 40},
		},
		{
			name:  "cycling keeps every sample",
			sport: SportCycling,
			rows:  [][4]float64{{0, 8, 80, nan}, {1, 8, 90, nan}, {2, 8, 70, nan}},
			want:  Summary{DurationS: 2, ElapsedS: 2, AvgCadenceSPM: 80, AscentM: nan, DescentM: nan},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &Activity{Sport: tt.sport, Summary: EmptySummary()}
			for _, r := range tt.rows {
				p := EmptySample()
				p.ElapsedS, p.SpeedMS, p.CadenceSPM, p.AltitudeM = r[0], r[1], r[2], r[3]
				a.Samples.Append(p)
			}
			a.fillFromSamples()
			got := a.Summary
			check := func(name string, got, want float64) {
				if math.IsNaN(want) != math.IsNaN(got) || (!math.IsNaN(want) && math.Abs(got-want) > 1e-9) {
					t.Errorf("%s = %v, want %v", name, got, want)
				}
			}
			check("DurationS", got.DurationS, tt.want.DurationS)
			check("ElapsedS", got.ElapsedS, tt.want.ElapsedS)
			check("AvgCadenceSPM", got.AvgCadenceSPM, tt.want.AvgCadenceSPM)
			check("AscentM", got.AscentM, tt.want.AscentM)
			check("DescentM", got.DescentM, tt.want.DescentM)
			check("AvgHeartRateBPM", got.AvgHeartRateBPM, nan)
			if a.Channels.Has(ChanHeartRate) || !a.Channels.Has(ChanSpeed) {
				t.Errorf("channels = %v", a.Channels)
			}
		})
	}
}
