package ingest

import (
	"bytes"
	"math"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// TestFITEffortAndTrainingSport: session workout_rpe and workout_feel reach
// Summary.RPE (CR-10) and Summary.Feel by both FIT paths, and training
// sessions are strength or mobility work by their sub-sport.
func TestFITEffortAndTrainingSport(t *testing.T) {
	start := time.Date(2026, 4, 7, 7, 0, 0, 0, time.FixedZone("", 3600))
	run := func(rpe, feel float64) []byte {
		b, err := synth.EncodeRun(synth.RunSpec{Start: start, Kind: "track", DistanceKm: 6, PaceMinPerKm: 4.5,
			CadenceSPM: 180, RPE: rpe, Feel: feel, Interval: 5 * time.Second, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	training := func(kind string, rpe float64) []byte {
		b, err := synth.EncodeTraining(synth.TrainingSpec{Start: start, Kind: kind, Minutes: 35, RPE: rpe, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	nan := math.NaN()
	tests := []struct {
		name      string
		data      []byte
		sport     Sport
		rpe, feel float64
	}{
		{"hard run rated", run(8, 75), SportRunning, 8, 75},
		{"run without rating", run(0, 0), SportRunning, nan, nan},
		{"strength", training(synth.TrainingStrength, 6), SportStrength, 6, nan},
		{"flexibility", training(synth.TrainingFlexibility, 0), SportMobility, nan, nan},
		{"yoga", training(synth.TrainingYoga, 3), SportMobility, 3, nan},
		{"pilates", training(synth.TrainingPilates, 4), SportMobility, 4, nan},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, path := range []struct {
				name   string
				decode func(emit emitFunc) error
			}{
				{"fast", func(emit emitFunc) error { return decodeFIT(bytes.NewReader(tt.data), "x.fit", Options{}, emit) }},
				{"typed", func(emit emitFunc) error { return decodeFITStream(bytes.NewReader(tt.data), "x.fit", Options{}, emit) }},
			} {
				var acts []*Activity
				if err := path.decode(func(a *Activity) { acts = append(acts, a) }); err != nil || len(acts) != 1 {
					t.Fatalf("%s: %d activities, err %v", path.name, len(acts), err)
				}
				a := acts[0]
				if a.Sport != tt.sport || !same(a.Summary.RPE, tt.rpe) || !same(a.Summary.Feel, tt.feel) {
					t.Errorf("%s: sport %s (%s), RPE %v, feel %v; want %s, %v, %v", path.name, a.Sport, a.RawSport,
						a.Summary.RPE, a.Summary.Feel, tt.sport, tt.rpe, tt.feel)
				}
			}
			seq := &fitSequence{maxRecords: DefaultLimits.MaxRecords, cancel: func() {}}
			if !decodeFITFast(tt.data, seq) {
				t.Errorf("the fast path did not take this ordinary file")
			}
		})
	}
}
