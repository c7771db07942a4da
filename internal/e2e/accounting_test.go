package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// accountingReport is what the row accounting needs of the JSON report.
type accountingReport struct {
	Athletes []struct {
		Activities       int `json:"activities"`
		Runs             int `json:"runs"`
		DuplicatesMerged int `json:"duplicates_merged"`
		NotRuns          struct {
			UnknownSport int `json:"unknown_sport"`
			Implausible  int `json:"implausible"`
			OtherSport   int `json:"other_sport"`
		} `json:"not_runs"`
		Accounting struct {
			ActivitiesRead int `json:"activities_read"`
			Undated        int `json:"undated"`
			Misdated       int `json:"misdated"`
			EarlierSeasons int `json:"earlier_seasons"`
			OutsideWindow  int `json:"outside_window"`
		} `json:"accounting"`
		InputsFailed []struct {
			Path  string `json:"path"`
			Error string `json:"error"`
		} `json:"inputs_failed"`
	} `json:"athletes"`
	Summary struct {
		ActivitiesRead int `json:"activities_read"`
	} `json:"summary"`
}

// regexpTime matches a GPX time element.
var regexpTime = regexp.MustCompile(`<time>[^<]*</time>`)

// clock writes seconds as a Garmin CSV's h:mm:ss.
func clock(s float64) string {
	n := int(s + 0.5)
	return fmt.Sprintf("%02d:%02d:%02d", n/3600, n/60%60, n%60)
}

// TestRowAccounting (issue 23): over the binary's JSON report, every
// activity read from a real-ish archive ends in exactly one count: runs
// analysed, not runs by reason, duplicates merged, undated, misdated,
// earlier seasons and outside the window add up to the activities read,
// and those are the files' activities and the summary CSV's rows written.
// Each count is expected non-zero, so that dropping any one of them from
// the report breaks the sum.
func TestRowAccounting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runner")
	s := writeSeason(t, synth.Steady, dir)
	files, err := filepath.Glob(filepath.Join(dir, "*.fit"))
	if err != nil {
		t.Fatal(err)
	}
	written := len(files) // one activity per file (runs and training sessions)

	// The same run as the watch's FIT and as a TCX export of it.
	dup := s.Runs[len(s.Runs)-3]
	b, err := synth.EncodeRunAs(dup, synth.TCX)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "export-of-a-run.tcx"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	written++

	// A Garmin Connect summary CSV of the same weeks: other sports, and one
	// run that is the FIT file's run again (merged as a duplicate).
	last := s.Runs[len(s.Runs)-1].Start
	at := func(daysBefore, hour int) string {
		d := last.AddDate(0, 0, -daysBefore)
		return time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, time.UTC).Format(time.DateTime)
	}
	csvRows := []string{
		fmt.Sprintf(`Cycling,%s,false,"Ride","25.00","600","01:00:00","130","150","--","--","200","--","01:00:00","01:00:00"`, at(2, 18)),
		fmt.Sprintf(`Pool Swim,%s,false,"Swim","1,500","400","00:40:00","120","140","--","--","0","--","00:38:00","00:40:00"`, at(4, 19)),
		fmt.Sprintf(`Strength Training,%s,false,"Gym","0.00","200","00:30:00","100","130","--","--","0","--","00:30:00","00:30:00"`, at(6, 19)),
		fmt.Sprintf(`Hiking,%s,false,"Hike","12.00","800","03:30:00","110","140","--","--","600","--","03:10:00","03:30:00"`, at(8, 9)),
		fmt.Sprintf(`Running,%s,false,"Run","%.2f","500","%[3]s","150","170","%.0[4]f","180","60","1.10","%[3]s","%[3]s"`,
			dup.Start.In(synth.DefaultTZ).Format(time.DateTime), dup.DistanceKm, clock(dup.DistanceKm*dup.PaceMinPerKm*60), dup.CadenceSPM),
	}
	csv := "Activity Type,Date,Favorite,Title,Distance,Calories,Time,Avg HR,Max HR,Avg Run Cadence,Max Run Cadence,Total Ascent,Avg Stride Length,Moving Time,Elapsed Time\n" +
		strings.Join(csvRows, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(dir, "Activities.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	written += len(csvRows)

	// A watch whose clock was never set: 1995.
	b, err = synth.EncodeRun(synth.RunSpec{Start: time.Date(1995, 1, 1, 7, 0, 0, 0, time.UTC), DistanceKm: 6, PaceMinPerKm: 5.8, CadenceSPM: 168, Interval: interval, Seed: 77})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "clock-not-set.fit"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	written++

	// A GPX track whose device wrote no times: read, but undated.
	b, err = synth.EncodeRunAs(synth.RunSpec{Start: last.AddDate(0, 0, -1), DistanceKm: 5, PaceMinPerKm: 6, CadenceSPM: 166, Interval: interval, Seed: 78}, synth.GPX)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "no-times.gpx"), regexpTime.ReplaceAll(b, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	written++

	// Ten files of earlier seasons (2010–2023).
	oldRuns(t, dir)
	written += 10

	// A file that cannot be read gives no activity: inputs_failed only.
	if err := os.WriteFile(filepath.Join(dir, "broken.fit"), []byte("not a fit file at all"), 0o644); err != nil {
		t.Fatal(err)
	}

	// Runs of the first three weeks fall outside --since.
	since := s.WeekStart(4)
	before := 0
	for _, r := range s.Runs {
		if r.Start.Before(since) {
			before++
		}
	}
	res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", "--since", since.Format(time.DateOnly), dir)
	var doc accountingReport
	if err := json.Unmarshal(res.stdout, &doc); err != nil || len(doc.Athletes) != 1 {
		t.Fatalf("report (%v): %s", err, res.stdout)
	}
	a := doc.Athletes[0]
	c := a.Accounting
	notRuns := a.NotRuns.UnknownSport + a.NotRuns.Implausible + a.NotRuns.OtherSport
	t.Logf("read %d (written %d) = %d runs + %d not runs (%+v) + %d duplicates + %d undated + %d misdated + %d in earlier seasons + %d outside the window; %d inputs failed",
		c.ActivitiesRead, written, a.Runs, notRuns, a.NotRuns, a.DuplicatesMerged, c.Undated, c.Misdated, c.EarlierSeasons, c.OutsideWindow, len(a.InputsFailed))
	if c.ActivitiesRead != written {
		t.Errorf("activities_read %d, want the %d activities written (files and CSV rows)", c.ActivitiesRead, written)
	}
	if doc.Summary.ActivitiesRead != c.ActivitiesRead {
		t.Errorf("summary activities_read %d, athlete's %d", doc.Summary.ActivitiesRead, c.ActivitiesRead)
	}
	if sum := a.Runs + notRuns + a.DuplicatesMerged + c.Undated + c.Misdated + c.EarlierSeasons + c.OutsideWindow; sum != c.ActivitiesRead {
		t.Errorf("the counts add up to %d, %d activities read: %d unaccounted", sum, c.ActivitiesRead, c.ActivitiesRead-sum)
	}
	if a.Runs+notRuns != a.Activities {
		t.Errorf("%d runs + %d not runs, %d activities reported", a.Runs, notRuns, a.Activities)
	}
	otherSport := 4 + len(files) - len(s.Runs) // the CSV rows and the training sessions
	for _, r := range s.Runs {
		if r.Sport == synth.SportCycling && !r.Start.Before(since) {
			otherSport++
		}
	}
	// Every count is at work here, so none can be dropped unnoticed.
	for _, x := range []struct {
		name      string
		got, want int
	}{
		{"duplicates merged (the TCX copy and the CSV row)", a.DuplicatesMerged, 2},
		{"other sport (4 CSV rows, the training sessions)", a.NotRuns.OtherSport, otherSport},
		{"outside the window (runs before --since)", c.OutsideWindow, before},
	} {
		if x.got != x.want {
			t.Errorf("%s: %d, want %d", x.name, x.got, x.want)
		}
	}
	if c.Undated != 1 {
		t.Errorf("%d undated, want 1 (the GPX without times)", c.Undated)
	}
	if c.Misdated < 1 || c.EarlierSeasons < 1 || c.Misdated+c.EarlierSeasons != 11 {
		t.Errorf("%d misdated, %d in earlier seasons: want the 1995 file and the 10 old runs between them, each count at work", c.Misdated, c.EarlierSeasons)
	}
	broken := false
	for _, f := range a.InputsFailed {
		broken = broken || strings.HasSuffix(f.Path, "broken.fit")
	}
	if !broken {
		t.Errorf("broken.fit is not among the inputs failed: %+v", a.InputsFailed)
	}
}
