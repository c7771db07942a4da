package synth

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

func TestWriteFITNames(t *testing.T) {
	s := Plan(LoadSpike, WithInterval(10*time.Second))
	var spike []RunSpec // week 10, with two runs on Sunday
	for _, r := range s.Runs {
		if !r.Start.Before(s.WeekStart(9)) && r.Start.Before(s.WeekStart(10)) {
			spike = append(spike, r)
		}
	}
	s.Runs = spike
	dir := t.TempDir()
	paths, err := s.WriteFIT(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != len(s.Runs) {
		t.Fatalf("wrote %d files for %d runs", len(paths), len(s.Runs))
	}
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			t.Errorf("%s written twice", p)
		}
		seen[p] = true
		if _, err := os.Stat(p); err != nil {
			t.Error(err)
		}
	}
	if !seen[filepath.Join(dir, "2026-05-10-easy.fit")] || !seen[filepath.Join(dir, "2026-05-10-long.fit")] {
		t.Errorf("Sunday double of the spike week missing: %v", paths)
	}
}

func TestWriteStravaCSV(t *testing.T) {
	s := Plan(Steady, WithInterval(5*time.Second))
	s.Runs = s.Runs[:15] // three weeks, the last ending with a ride
	path := filepath.Join(t.TempDir(), "activities.csv")
	if err := s.WriteStravaCSV(path); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(s.Runs)+1 {
		t.Fatalf("%d rows for %d runs", len(rows)-1, len(s.Runs))
	}
	col := map[string][]int{}
	for i, h := range rows[0] {
		col[h] = append(col[h], i)
	}
	if len(col["Distance"]) != 2 || len(col["Elapsed Time"]) != 2 {
		t.Fatalf("header lacks Strava's repeated columns: %v", rows[0])
	}
	rides := 0
	for i, row := range rows[1:] {
		r := s.Runs[i]
		km, _ := strconv.ParseFloat(row[col["Distance"][0]], 64)
		m, _ := strconv.ParseFloat(row[col["Distance"][1]], 64)
		if math.Abs(km-r.Distance()) > 0.006 || math.Abs(m-1000*r.Distance()) > 0.1 {
			t.Errorf("row %d: distance %v km / %v m, want %.2f km", i, km, m, r.Distance())
		}
		if got := row[col["Activity Gear"][0]]; got != r.Gear {
			t.Errorf("row %d: gear %q, want %q", i, got, r.Gear)
		}
		cad, _ := strconv.ParseFloat(row[col["Average Cadence"][0]], 64)
		switch row[col["Activity Type"][0]] {
		case "Run":
			if math.Abs(2*cad-r.CadenceSPM) > 1.5 {
				t.Errorf("row %d: cadence %.1f strides/min, spec %.1f steps/min", i, cad, r.CadenceSPM)
			}
		case "Ride":
			rides++
		}
		if when, err := time.Parse("Jan 2, 2006, 3:04:05 PM", row[col["Activity Date"][0]]); err != nil || !when.Equal(r.Start.UTC()) {
			t.Errorf("row %d: date %q (%v), want %v UTC", i, row[col["Activity Date"][0]], err, r.Start.UTC())
		}
	}
	if rides != 1 {
		t.Errorf("%d rides, want 1", rides)
	}
}
