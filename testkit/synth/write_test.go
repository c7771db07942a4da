package synth

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// TestWriteAsNamesAndBytes: WriteAs names each run as WriteFIT does, with
// the format's extension, and writes what EncodeRunAs gives; WriteFIT
// writes the runs, then the training sessions; an encoding error names the
// file.
func TestWriteAsNamesAndBytes(t *testing.T) {
	s := Plan(LoadSpike, WithInterval(30*time.Second))
	s.Runs = s.Runs[:4]
	s.Training = []TrainingSpec{{Start: s.Runs[0].Start.Add(10 * time.Hour), Kind: TrainingStrength, Minutes: 30}}
	dir := t.TempDir()
	fits, err := s.WriteFIT(filepath.Join(dir, "fit"))
	if err != nil {
		t.Fatal(err)
	}
	if len(fits) != len(s.Runs)+1 || filepath.Base(fits[len(fits)-1]) != s.Runs[0].Start.Format(time.DateOnly)+"-strength.fit" {
		t.Fatalf("WriteFIT wrote %v; want the %d runs, then the strength session", fits, len(s.Runs))
	}
	for _, f := range Formats {
		paths, err := s.WriteAs(filepath.Join(dir, string(f)), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(paths) != len(s.Runs) {
			t.Fatalf("%s: %d files for %d runs", f, len(paths), len(s.Runs))
		}
		for i, p := range paths {
			if want := strings.TrimSuffix(filepath.Base(fits[i]), ".fit") + "." + string(f); filepath.Base(p) != want {
				t.Errorf("%s: run %d written as %s, want %s", f, i, filepath.Base(p), want)
			}
			got, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			want, err := EncodeRunAs(s.Runs[i], f)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: %s holds %d bytes, EncodeRunAs gives %d (%v)", f, p, len(got), len(want), err)
			}
		}
	}
	bad := s
	bad.Runs = []RunSpec{s.Runs[0]}
	bad.Runs[0].DistanceKm, bad.Runs[0].TrackLaps = -1, 0
	if _, err := bad.WriteAs(filepath.Join(dir, "bad"), TCX); err == nil || !strings.Contains(err.Error(), ".tcx: ") {
		t.Errorf("WriteAs of an invalid run: %v; want an error naming the .tcx file", err)
	}
}

// TestWriteStravaExport: the export's activities.csv names every activity
// file written, by activity id, and each is a gzip of that run in the
// format its name says.
func TestWriteStravaExport(t *testing.T) {
	s := Plan(Steady, WithInterval(5*time.Second))
	s.Runs = s.Runs[:6]
	dir := t.TempDir()
	paths, err := s.WriteStravaExport(dir, 3)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "activities.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || len(paths) != 6 {
		t.Fatalf("%d rows, %d files for 6 activities", len(rows)-1, len(paths))
	}
	gpx := 0
	for i, row := range rows[1:] {
		name := row[12] // Filename
		if want := filepath.ToSlash(strings.TrimPrefix(paths[i], dir+string(filepath.Separator))); name != want {
			t.Errorf("row %d names %q, file written %q", i, name, want)
		}
		z, err := os.Open(paths[i])
		if err != nil {
			t.Fatal(err)
		}
		r, err := gzip.NewReader(z)
		if err != nil {
			t.Fatalf("%s: %v", paths[i], err)
		}
		data, err := io.ReadAll(r)
		z.Close()
		if err != nil {
			t.Fatalf("%s: %v", paths[i], err)
		}
		isGPX := bytes.Contains(data, []byte("<gpx"))
		if isGPX != strings.HasSuffix(name, ".gpx.gz") {
			t.Errorf("%s holds GPX %v", name, isGPX)
		}
		if isGPX {
			gpx++
		}
	}
	if gpx != 2 {
		t.Errorf("%d GPX files, want every third of 6", gpx)
	}
}

// TestInTurn: two instruments alternate run by run, other activities keep
// theirs, and the season planned is left as it was.
func TestInTurn(t *testing.T) {
	s := Plan(Steady)
	alt := s.InTurn(SensorHRMPro, "")
	var seq []Sensor
	for i, r := range alt.Runs {
		if !r.IsRun() {
			if r.Sensor != s.Runs[i].Sensor {
				t.Errorf("activity %d (not a run) sensor %q, want %q", i, r.Sensor, s.Runs[i].Sensor)
			}
			continue
		}
		seq = append(seq, r.Sensor)
	}
	if len(seq) < 10 {
		t.Fatalf("%d runs", len(seq))
	}
	for k, in := range seq {
		if want := map[bool]Sensor{true: SensorHRMPro, false: ""}[k%2 == 0]; in != want {
			t.Fatalf("run %d sensor %q, want %q (in turn: %v)", k, in, want, seq[:k+1])
		}
	}
	for _, r := range s.Runs {
		if r.Sensor != "" {
			t.Fatalf("the planned season was changed: sensor %q", r.Sensor)
		}
	}
}
