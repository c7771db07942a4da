package ingest

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// describe renders what a decode produced as stable text for golden files:
// every field a later stage reads, absent figures as "null".
func describe(acts []*Activity, err error, dir string) string {
	var b strings.Builder
	f := func(v float64) string {
		if math.IsNaN(v) {
			return "null"
		}
		return fmt.Sprintf("%.3f", v)
	}
	for _, a := range acts {
		s := a.Summary
		fmt.Fprintf(&b, "source %s\nformat %s sport %s raw %q device %q title %q gear %q file %q\n",
			strings.TrimPrefix(a.Source, dir+string(filepath.Separator)), a.Format, a.Sport, a.RawSport, a.Device.String(), a.Title, a.Gear, a.SourceFile)
		fmt.Fprintf(&b, "start %s wallclock %v samples %d channels %s laps %d\n",
			a.Start.Format("2006-01-02T15:04:05Z07:00"), a.LocalWallClock, a.Samples.Len(), a.Channels, len(a.Laps))
		fmt.Fprintf(&b, "summary duration %s elapsed %s distance %s speed %s cadence %s hr %s/%s stance %s balance %s osc %s ratio %s step %s power %s ascent %s descent %s\n",
			f(s.DurationS), f(s.ElapsedS), f(s.DistanceM), f(s.AvgSpeedMS), f(s.AvgCadenceSPM), f(s.AvgHeartRateBPM), f(s.MaxHeartRateBPM),
			f(s.AvgStanceTimeMs), f(s.AvgBalanceLeftPct), f(s.AvgVertOscCm), f(s.AvgVertRatioPct), f(s.AvgStepLengthM), f(s.AvgPowerW), f(s.AscentM), f(s.DescentM))
		for _, n := range a.Notes {
			fmt.Fprintf(&b, "note %s\n", n)
		}
		b.WriteString("\n")
	}
	if err != nil {
		fmt.Fprintf(&b, "error %s\n", strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
	}
	return b.String()
}

// TestGolden decodes generated inputs of every format this file family
// reads and compares what comes out with testdata/golden; run
// `go test ./ingest -run TestGolden -update` to accept a change.
func TestGolden(t *testing.T) {
	dir := t.TempDir()
	inputs := []struct {
		name string
		data []byte
	}{
		{"strava_activities.csv", []byte(stravaCSV)},
		{"garmin_us.csv", []byte(garminUS)},
		{"garmin_eu.csv", []byte(garminEuropean)},
		{"samples.csv", []byte(sampleCSV)},
		{"run.tcx", []byte(makeTCX(120, "Running"))},
		{"run.gpx.gz", gz(t, []byte(makeGPX(120, "running")))},
		{"strava_export.zip", stravaExport(t)},
	}
	for _, in := range inputs {
		t.Run(in.name, func(t *testing.T) {
			p := writeFile(t, dir, in.name, in.data)
			acts, err := Open(p, Options{})
			got := describe(acts, err, dir)
			golden := filepath.Join("testdata", "golden", in.name+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", in.name, golden, got, want)
			}
		})
	}
}
