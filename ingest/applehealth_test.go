package ingest

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// appleSeason is a small season for the Apple Health tests: three weeks of
// the steady plan at 5 s records, with running dynamics, one run on a
// treadmill, efforts on two runs, a ride, and a strength session.
func appleSeason() synth.Season {
	s := synth.Plan(synth.Steady, synth.WithInterval(5*time.Second))
	s.Weeks = 3
	var runs []synth.RunSpec
	for _, r := range s.Runs {
		if r.Start.Before(s.WeekStart(3)) {
			runs = append(runs, r)
		}
	}
	runs[1].Sport = synth.SportTreadmill
	runs[0].RPE, runs[2].RPE = 4, 7
	ride := runs[3]
	ride.Sport, ride.Start = synth.SportCycling, ride.Start.Add(5*time.Hour)
	s.Runs = append(runs, ride)
	s.Training = []synth.TrainingSpec{{Start: s.WeekStart(1).Add(18 * time.Hour), Kind: synth.TrainingStrength, Minutes: 30}}
	return s
}

// readAll reads path and fails the test on any problem.
func readAllPath(t *testing.T, path string) []*Activity {
	t.Helper()
	var acts []*Activity
	probs := Read(context.Background(), path, Options{}, func(a *Activity) { acts = append(acts, a) })
	for _, p := range probs {
		t.Errorf("problem: %v", p)
	}
	return acts
}

// TestAppleHealthExport reads a generated export as the zip the Health app
// shares, as its unpacked folder, and as export.xml alone, and checks every
// workout's figures against what the generator wrote.
func TestAppleHealthExport(t *testing.T) {
	dir := t.TempDir()
	gen := synth.AppleHealth{Season: appleSeason(), Walks: true, Unrelated: 100_000, Between: true}
	zipPath := filepath.Join(dir, "export.zip")
	want, err := gen.WriteZip(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	xmlPath, _, err := gen.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	old := gen
	old.OldStyle = true
	oldPath, _, err := old.WriteDir(filepath.Join(dir, "old"))
	if err != nil {
		t.Fatal(err)
	}
	alone := filepath.Join(dir, "alone", "export.xml")
	os.MkdirAll(filepath.Dir(alone), 0o755)
	data, _ := os.ReadFile(xmlPath)
	os.WriteFile(alone, data, 0o644)

	for _, c := range []struct {
		name   string
		path   string
		routes bool
	}{
		{"zip", zipPath, true},
		{"folder", xmlPath, true},
		{"old-style", oldPath, true},
		{"alone", alone, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			acts := readAllPath(t, c.path)
			if len(acts) != len(want) {
				t.Fatalf("%d activities, want %d", len(acts), len(want))
			}
			for i, w := range want {
				checkAppleWorkout(t, acts[i], w, c.routes)
			}
		})
	}
}

// checkAppleWorkout compares one activity with what the generator wrote.
func checkAppleWorkout(t *testing.T, a *Activity, w synth.AppleWorkout, routes bool) {
	t.Helper()
	id := w.Type + " " + w.Start.Format(time.DateTime)
	wantSport := map[string]Sport{"HKWorkoutActivityTypeRunning": SportRunning, "HKWorkoutActivityTypeWalking": SportWalking,
		"HKWorkoutActivityTypeHiking": SportHiking, "HKWorkoutActivityTypeCycling": SportCycling,
		"HKWorkoutActivityTypeTraditionalStrengthTraining": SportStrength}[w.Type]
	if w.Indoor {
		wantSport = SportTreadmill
	}
	near := func(what string, got, want, tol float64) {
		t.Helper()
		if math.IsNaN(want) != math.IsNaN(got) || math.Abs(got-want) > tol {
			t.Errorf("%s: %s %.4f, want %.4f", id, what, got, want)
		}
	}
	if a.Format != FormatAppleHealth || a.Sport != wantSport {
		t.Errorf("%s: format %s sport %s, want %s %s", id, a.Format, a.Sport, FormatAppleHealth, wantSport)
	}
	if !a.Start.Equal(w.Start) {
		t.Errorf("%s: start %v, want %v", id, a.Start, w.Start)
	}
	if _, off := w.Start.Zone(); !a.HasLocalOffset || a.LocalOffset != time.Duration(off)*time.Second {
		t.Errorf("%s: local offset %v (%v), want %ds", id, a.LocalOffset, a.HasLocalOffset, off)
	}
	if a.Device.Manufacturer != "apple" || a.Device.Product != "Watch6,1" || a.Device.Name != "Apple Watch (watchOS 10.1)" {
		t.Errorf("%s: device %q", id, a.Device)
	}
	near("duration", a.Summary.DurationS, w.DurationS, 1e-6)
	near("elapsed", a.Summary.ElapsedS, w.End.Sub(w.Start).Seconds(), 1e-6)
	near("distance", a.Summary.DistanceM, w.DistanceM, 1e-6)
	near("ascent", a.Summary.AscentM, w.AscentM, 1e-6)
	near("descent", a.Summary.DescentM, w.DescentM, 1e-6)
	rpe := math.NaN()
	if w.RPE > 0 {
		rpe = w.RPE
	}
	near("RPE", a.Summary.RPE, rpe, 0)
	if !strings.Contains(strings.Join(a.Notes, "; "), "energy ") {
		t.Errorf("%s: no energy note in %q", id, a.Notes)
	}
	if w.Samples == 0 {
		if a.Samples.Len() != 0 {
			t.Errorf("%s: %d samples, want none", id, a.Samples.Len())
		}
		return
	}
	// The means of the values read, each sample once, against the means
	// of the values written.
	near("heart rate", sampleMean(a.Samples.HeartRateBPM), w.HR, 1e-6)
	if w.Type != "HKWorkoutActivityTypeRunning" {
		return
	}
	if a.Samples.Len() != w.Samples {
		t.Errorf("%s: %d samples, want %d", id, a.Samples.Len(), w.Samples)
	}
	near("cadence", sampleMean(a.Samples.CadenceSPM), w.Cadence, 1e-3)
	near("ground contact", sampleMean(a.Samples.StanceTimeMs), w.StanceMs, 1e-3)
	near("vertical oscillation", sampleMean(a.Samples.VertOscCm), w.VertOscCm, 1e-5)
	near("stride length", sampleMean(a.Samples.StepLengthM), w.StrideM, 1e-6)
	near("power", sampleMean(a.Samples.PowerW), w.PowerW, 1e-6)
	hasPos := a.Channels.Has(ChanPosition) && a.Channels.Has(ChanAltitude)
	if want := routes && !w.Indoor; hasPos != want {
		t.Errorf("%s: positions %v, want %v (channels %s)", id, hasPos, want, a.Channels)
	}
	if a.Channels.Has(ChanStanceTimeBalance) {
		t.Errorf("%s: GCT balance read, Apple records none", id)
	}
}

// TestAppleHealthMalformedLines: a bad line is one warning with its line
// number, and reading goes on to the workouts after it; an entity the DTD
// declares stays unexpanded.
func TestAppleHealthMalformedLines(t *testing.T) {
	dir := t.TempDir()
	gen := synth.AppleHealth{Season: appleSeason()}
	xmlPath, want, err := gen.WriteDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(xmlPath)
	lines := strings.Split(string(data), "\n")
	// Break a record line in the middle of the records and a line in the
	// workouts, and declare an entity used in a record.
	rec := 0
	for i, l := range lines {
		if strings.HasPrefix(l, " <Record") && i > len(lines)/2 && rec == 0 {
			lines[i], rec = l[:40], i+1
		}
	}
	lines[2] = `<!ENTITY lol "lololol">` + "\n" + lines[2]
	lines = append(lines[:rec+3], append([]string{` <Record type="HKQuantityTypeIdentifierBodyMass" value="&lol;" startDate="x" endDate="y"/>`}, lines[rec+3:]...)...)
	os.WriteFile(xmlPath, []byte(strings.Join(lines, "\n")), 0o644)
	var acts []*Activity
	probs := Read(context.Background(), xmlPath, Options{}, func(a *Activity) { acts = append(acts, a) })
	if len(acts) != len(want) {
		t.Fatalf("%d activities, want %d", len(acts), len(want))
	}
	if len(probs) != 2 {
		t.Fatalf("problems %v, want 2", probs)
	}
	for i, p := range probs {
		if !p.Partial || !errors.Is(p, ErrCorrupt) || !strings.Contains(p.Error(), "line ") {
			t.Errorf("problem %d: %v (partial %v)", i, p, p.Partial)
		}
	}
	if !strings.Contains(probs[0].Error(), "entity &lol; is not expanded") && !strings.Contains(probs[1].Error(), "entity &lol; is not expanded") {
		t.Errorf("entity not named: %v", probs)
	}
}

// sampleMean is the mean of the values present (NaN when none).
func sampleMean(v []float64) float64 {
	sum, n := 0.0, 0
	for _, x := range v {
		if !math.IsNaN(x) {
			sum += x
			n++
		}
	}
	return sum / float64(n)
}
