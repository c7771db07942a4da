package synth

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// FileName gives the file name a run is written under: the local date and
// the run's kind ("2026-03-03-easy.fit"); taken gives the names already
// used, and a second activity of the same kind on a day gets "-2".
func (r RunSpec) FileName(taken map[string]bool) string {
	kind := r.Kind
	if kind == "" {
		kind = "run"
	}
	base := r.Start.Format(time.DateOnly) + "-" + kind
	name := base + ".fit"
	for n := 2; taken[name]; n++ {
		name = fmt.Sprintf("%s-%d.fit", base, n)
	}
	return name
}

// WriteFIT encodes every run of the season into dir (created if needed),
// one .fit file per run, then its training sessions, and returns the
// paths written in that order.
func (s Season) WriteFIT(dir string) ([]string, error) {
	taken := map[string]bool{}
	paths, err := s.writeRuns(dir, FIT, taken)
	if err != nil {
		return paths, err
	}
	return s.writeTraining(dir, taken, paths)
}

// writeRuns encodes every run of the season in format f into dir (created
// if needed), one file per run named by FileName (taken: the names used so
// far) with f's extension, and returns the paths written in run order.
func (s Season) writeRuns(dir string, f Format, taken map[string]bool) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: creating folder: %w", dir, err)
	}
	var paths []string
	for _, r := range s.Runs {
		name := r.FileName(taken)
		taken[name] = true
		var err error
		paths, err = writeEncoded(dir, strings.TrimSuffix(name, ".fit")+"."+string(f), paths, func() ([]byte, error) { return EncodeRunAs(r, f) })
		if err != nil {
			return paths, err
		}
	}
	return paths, nil
}

// writeEncoded writes what encode gives to dir/name and appends its path
// to paths; the error names the file.
func writeEncoded(dir, name string, paths []string, encode func() ([]byte, error)) ([]string, error) {
	data, err := encode()
	if err != nil {
		return paths, fmt.Errorf("%s: %w", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return paths, fmt.Errorf("%s: writing: %w", path, err)
	}
	return append(paths, path), nil
}

// stravaHeader is the start of the header of Strava's bulk-export
// activities.csv, with its repeated column names ("Elapsed Time",
// "Distance", "Max Heart Rate"): the first Distance is in km, the second in
// metres; Average Cadence of runs is in strides per minute.
var stravaHeader = []string{
	"Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
	"Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
	"Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
	"Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed",
	"Elevation Gain", "Elevation Loss", "Max Cadence", "Average Cadence",
	"Max Heart Rate", "Average Heart Rate",
}

// stravaType names the spec's sport as Strava's "Activity Type" does.
func stravaType(r RunSpec) string {
	switch r.sport() {
	case SportTrail:
		return "Trail Run"
	case SportTreadmill:
		return "Run" // Strava marks treadmill runs as Run with no map
	case SportCycling:
		return "Ride"
	}
	return "Run"
}

// WriteStravaCSV writes the season as a Strava bulk-export activities.csv
// summary (one row per activity, the same figures as the FIT session; the
// Filename column names the file WriteFIT writes under activities/). The
// Activity Gear column carries each run's Gear, for shoe-mileage tests.
func (s Season) WriteStravaCSV(path string) error {
	taken := map[string]bool{}
	return s.writeStravaCSV(path, func(_ int, r RunSpec) string {
		name := r.FileName(taken)
		taken[name] = true
		return "activities/" + name
	})
}

// stravaID is the Activity ID of the season's i-th activity in the
// Strava CSVs written here.
func stravaID(i int) string { return strconv.Itoa(14_000_000_000 + i) }

// WriteStravaExport writes the season into dir (created if needed) as
// Strava's bulk export lays it out: activities.csv (WriteStravaCSV's rows)
// whose Filename column names each activity's file by its activity id
// under activities/, gzip-compressed as Strava keeps an upload: the FIT
// file (activities/<id>.fit.gz), or for every gpxEvery-th activity a GPX
// (activities/<id>.gpx.gz; gpxEvery 0: none), as a GPX upload is kept.
// It returns the paths of the activity files written.
func (s Season) WriteStravaExport(dir string, gpxEvery int) ([]string, error) {
	files := filepath.Join(dir, "activities")
	if err := os.MkdirAll(files, 0o755); err != nil {
		return nil, fmt.Errorf("%s: creating folder: %w", files, err)
	}
	format := func(i int) Format {
		if gpxEvery > 0 && i%gpxEvery == gpxEvery-1 {
			return GPX
		}
		return FIT
	}
	var paths []string
	for i, r := range s.Runs {
		f := format(i)
		var err error
		paths, err = writeEncoded(files, stravaID(i)+"."+string(f)+".gz", paths, func() ([]byte, error) {
			data, err := EncodeRunAs(r, f)
			if err != nil {
				return nil, err
			}
			var z bytes.Buffer
			w := gzip.NewWriter(&z)
			if _, err := w.Write(data); err != nil {
				return nil, err
			}
			if err := w.Close(); err != nil {
				return nil, err
			}
			return z.Bytes(), nil
		})
		if err != nil {
			return paths, err
		}
	}
	err := s.writeStravaCSV(filepath.Join(dir, "activities.csv"), func(i int, _ RunSpec) string {
		return "activities/" + stravaID(i) + "." + string(format(i)) + ".gz"
	})
	return paths, err
}

// writeStravaCSV writes WriteStravaCSV's rows with the Filename column
// that file gives for the i-th activity.
func (s Season) writeStravaCSV(path string, file func(i int, r RunSpec) string) error {
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.Write(stravaHeader); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	for i, r := range s.Runs {
		name := file(i, r)
		if err := r.validate(); err != nil {
			return fmt.Errorf("%s: %s: %w", path, name, err)
		}
		t := summarise(r, simulate(r))
		cadence := func(c float64) string { return strconv.FormatFloat(math.Round(c*10)/10, 'f', 1, 64) }
		f1 := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
		elapsed := strconv.Itoa(int(math.Round(t.timerS)))
		kind := r.Kind
		if kind == "" {
			kind = "run"
		}
		title := strings.ToUpper(kind[:1]) + kind[1:] + " " + stravaType(r)
		row := []string{
			stravaID(i), r.Start.UTC().Format("Jan 2, 2006, 3:04:05 PM"), title, stravaType(r), "",
			elapsed, strconv.FormatFloat(t.distM/1000, 'f', 2, 64), f1(t.maxHR), "", "false",
			"", r.Gear, name, "", "",
			elapsed, elapsed, f1(t.distM), strconv.FormatFloat(t.maxSpeed, 'f', 3, 64), strconv.FormatFloat(t.avgSpeed, 'f', 3, 64),
			f1(t.ascentM), f1(t.descentM), cadence(t.maxCadence), cadence(t.avgCadence),
			f1(t.maxHR), f1(t.avgHR),
		}
		if err := w.Write(row); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	w.Flush()
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return fmt.Errorf("%s: writing: %w", path, err)
	}
	return nil
}
