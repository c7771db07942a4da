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

// oldRuns writes ten runs of 2010–2023 into dir, as a runner's folder
// keeps them from earlier watches: each year a few runs, then years of
// silence before the season analysed.
func oldRuns(t *testing.T, dir string) {
	t.Helper()
	for i, y := range []int{2010, 2010, 2014, 2014, 2014, 2019, 2019, 2023, 2023, 2023} {
		r := synth.RunSpec{
			Start:      time.Date(y, 5, 3+7*(i%3), 7, 0, 0, 0, time.UTC),
			DistanceKm: 8 + float64(i%3), PaceMinPerKm: 5.6, CadenceSPM: 166, Interval: interval, Seed: uint64(500 + i),
		}
		b, err := synth.EncodeRun(r)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("old-%d-%d.fit", y, i)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestOldSeasonsChangeNothing (issue 23): ten files of 2010–2023 in the
// folder of a season change no finding of the current season (the same
// rules, dates and severities with and without them), are named in one
// line and in the JSON's seasons, and the weeks analysed are the current
// season's only.
func TestOldSeasonsChangeNothing(t *testing.T) {
	for _, p := range []synth.Pattern{synth.Steady, synth.LoadSpike, synth.GCTImbalance} {
		t.Run(string(p), func(t *testing.T) {
			clean := filepath.Join(t.TempDir(), "runner")
			writeSeason(t, p, clean)
			mixed := filepath.Join(t.TempDir(), "runner")
			writeSeason(t, p, mixed)
			oldRuns(t, mixed)
			want := parseReport(t, itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", clean).stdout).Athletes[0]
			res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", mixed)
			got := parseReport(t, res.stdout).Athletes[0]
			key := func(a athleteReport) string {
				var b strings.Builder
				for _, f := range a.Findings {
					fmt.Fprintf(&b, "%s %s %s\n", f.Rule, f.Date, f.Severity)
				}
				return b.String()
			}
			if key(got) != key(want) {
				t.Errorf("findings with old seasons:\n%s\nwithout:\n%s", key(got), key(want))
			}
			if len(got.Weeks) != len(want.Weeks) {
				t.Errorf("%d weeks analysed with the old files, %d without", len(got.Weeks), len(want.Weeks))
			}
			// Every old run is accounted for: in an earlier season, or
			// listed as misdated (a lone pair of runs years away from
			// the rest reads as a watch clock set wrong, issue 29).
			earlier, oldRuns := 0, 0
			for _, s := range got.Seasons {
				if !s.Current {
					earlier++
					oldRuns += s.Runs
				}
			}
			for _, f := range got.InputsFailed {
				if strings.Contains(f.Error, "implausible date") {
					oldRuns++
				}
			}
			if earlier < 2 || oldRuns != 10 || !got.Seasons[len(got.Seasons)-1].Current {
				t.Errorf("seasons %+v, %d inputs failed: want at least 2 earlier seasons, all 10 old runs accounted for, the last season current", got.Seasons, len(got.InputsFailed))
			}
			text := itbcheck(t, nil, "analyze", "--no-progress", mixed)
			if flat := strings.Join(strings.Fields(string(text.stdout)), " "); !strings.Contains(flat, fmt.Sprintf("%d earlier seasons left out of the analysis", earlier)) {
				t.Errorf("the text report does not name the earlier seasons:\n%s", text.stdout)
			}
		})
	}
}

// TestUnknownSportNamed (issue 23): GPX files without <type> are judged by
// what they hold: with cadence they are runs; without, they are counted
// and named in the report ("N activities of unknown sport left out"), in
// the JSON's not_runs, and never behind an all-clear.
func TestUnknownSportNamed(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "walker")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 6; i++ {
		r := synth.RunSpec{Start: time.Date(2026, 5, 4+2*i, 7, 0, 0, 0, time.UTC), DistanceKm: 6, PaceMinPerKm: 5.8, CadenceSPM: 168, Seed: uint64(90 + i)}
		b, err := synth.EncodeRecorded(r, synth.GPX, synth.Recording{})
		if err != nil {
			t.Fatal(err)
		}
		doc := strings.Replace(string(b), "<type>running</type>", "", 1)
		if i >= 2 { // four files without cadence either: nothing tells a run
			doc = regexpCad.ReplaceAllString(doc, "")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("track-%d.gpx", i)), []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir)
	var doc struct {
		Athletes []struct {
			Runs    int `json:"runs"`
			NotRuns struct {
				UnknownSport int `json:"unknown_sport"`
			} `json:"not_runs"`
		} `json:"athletes"`
	}
	if err := json.Unmarshal(res.stdout, &doc); err != nil || len(doc.Athletes) != 1 {
		t.Fatalf("report (%v): %s", err, res.stdout)
	}
	if a := doc.Athletes[0]; a.Runs != 2 || a.NotRuns.UnknownSport != 4 {
		t.Errorf("%d runs, %d of unknown sport; want 2 (cadence tells) and 4", a.Runs, a.NotRuns.UnknownSport)
	}
	text := itbcheck(t, nil, "analyze", "--no-progress", dir)
	flat := strings.Join(strings.Fields(string(text.stdout)), " ")
	if !strings.Contains(flat, "4 activities of unknown sport left out") {
		t.Errorf("the text report does not name the files of unknown sport:\n%s", text.stdout)
	}
	if strings.Contains(flat, "Keep building gradually") {
		t.Errorf("an all-clear over files that were not judged:\n%s", text.stdout)
	}
}

// regexpCad matches a GPX trackpoint's cadence element.
var regexpCad = regexp.MustCompile(`<gpxtpx:cad>[0-9]+</gpxtpx:cad>`)

// instrumentSeason is the steady season (running dynamics on the wrist)
// with what real archives do to its instruments.
func instrumentSeason(t *testing.T, scenario string) synth.Season {
	t.Helper()
	s := synth.Plan(synth.Steady, synth.WithAthlete(scenario), synth.WithInterval(interval))
	change := s.WeekStart(6)
	for i := range s.Runs {
		r := &s.Runs[i]
		after := !r.Start.Before(change)
		switch scenario {
		case "strap-bought": // an HRM-Pro from week 7 on: +1.2 pp balance, -15 ms GCT
			if after {
				r.Sensor = synth.SensorHRMPro
			}
		case "pod-forgotten": // a Running Dynamics Pod all season, left at home twice
			r.Sensor = synth.SensorRDPod
			if i == 20 || i == 33 {
				r.Sensor = ""
			}
		case "brand-change": // a COROS PACE 2 with its POD from week 7 on
			if after {
				r.Watch, r.Sensor = synth.WatchCorosPace, synth.SensorCorosPod
			}
		}
	}
	return s
}

// TestSensorChangeNoFalseAlarm (issue 23): a sensor bought mid-season, a
// forgotten pod, a change of watch brand raise no finding above info; a
// change is recorded in the JSON's instruments and as one info note with
// the levels before and after. Repeat with
//
//	go test ./internal/e2e -run TestSensorChangeNoFalseAlarm -v
func TestSensorChangeNoFalseAlarm(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		changes  int // balance instrument changes
	}{{"strap-bought", 1}, {"pod-forgotten", 0}, {"brand-change", 1}} {
		t.Run(tt.scenario, func(t *testing.T) {
			s := instrumentSeason(t, tt.scenario)
			dir := filepath.Join(t.TempDir(), s.Athlete)
			if _, err := s.WriteFIT(dir); err != nil {
				t.Fatal(err)
			}
			res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir)
			var doc struct {
				Athletes []struct {
					Findings    []finding `json:"findings"`
					Instruments []struct {
						Date, Channel, From, To string
					} `json:"instruments"`
				} `json:"athletes"`
			}
			if err := json.Unmarshal(res.stdout, &doc); err != nil || len(doc.Athletes) != 1 {
				t.Fatalf("report (%v): %.300s", err, res.stdout)
			}
			a := doc.Athletes[0]
			above, notes := 0, 0
			for _, f := range a.Findings {
				if f.Severity != "info" {
					above++
					t.Logf("finding above info: %s %s %s: %s", f.Rule, f.Date, f.Severity, f.Summary)
				} else if strings.Contains(f.Summary, "new instrument") {
					notes++
				}
			}
			balance := 0
			for _, c := range a.Instruments {
				if c.Channel == "stance_time_balance" {
					balance++
				}
			}
			t.Logf("%s: %d findings above info, %d instrument changes (%d of balance), %d notes", tt.scenario, above, len(a.Instruments), balance, notes)
			if above != 0 {
				t.Errorf("%d findings above info after an instrument change", above)
			}
			if balance != tt.changes || notes != tt.changes {
				t.Errorf("%d balance instrument changes, %d notes; want %d of each: %+v", balance, notes, tt.changes, a.Instruments)
			}
		})
	}
}

// TestLearningAfterSensorChange (issue 23): after a chest strap bought
// late in the season, gct-imbalance says "learning after a sensor change
// on DATE" until its baseline has its minimum data again (6 weeks and 20
// runs with the strap), and cadence-drop until 8 runs with it, in the
// JSON's rule status and in the text report's status line; bought early
// enough, they judge again and say nothing of it.
func TestLearningAfterSensorChange(t *testing.T) {
	for _, tt := range []struct {
		week              int // the strap's first week (0-based)
		learning, cadence bool
	}{{synth.DefaultWeeks - 1, true, true}, {synth.DefaultWeeks - 3, true, false}, {synth.DefaultWeeks - 5, true, false}, {5, false, false}} {
		t.Run(fmt.Sprintf("strap from week %d", tt.week+1), func(t *testing.T) {
			s := synth.Plan(synth.Steady, synth.WithAthlete("strap"), synth.WithInterval(interval))
			change := s.WeekStart(tt.week)
			first := ""
			for i := range s.Runs {
				if r := &s.Runs[i]; !r.Start.Before(change) {
					r.Sensor = synth.SensorHRMPro
					if first == "" && r.IsRun() {
						first = r.Start.In(synth.DefaultTZ).Format(time.DateOnly)
					}
				}
			}
			dir := filepath.Join(t.TempDir(), s.Athlete)
			if _, err := s.WriteFIT(dir); err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Athletes []struct {
					Rules []struct{ Rule, Status, Reason string } `json:"rules"`
				} `json:"athletes"`
			}
			res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir)
			if err := json.Unmarshal(res.stdout, &doc); err != nil || len(doc.Athletes) != 1 {
				t.Fatalf("report (%v): %.300s", err, res.stdout)
			}
			said := "after a sensor change on " + first
			var st, cad struct{ Rule, Status, Reason string }
			for _, r := range doc.Athletes[0].Rules {
				switch r.Rule {
				case "gct-imbalance":
					st = r
				case "cadence-drop":
					cad = r
				}
			}
			t.Logf("cadence-drop: %s (%s)", cad.Status, cad.Reason)
			if got := cad.Status == "learning" && strings.HasPrefix(cad.Reason, said); got != tt.cadence {
				t.Errorf("cadence-drop %s (%s); want learning %q: %v", cad.Status, cad.Reason, said, tt.cadence)
			}
			t.Logf("gct-imbalance: %s (%s)", st.Status, st.Reason)
			if got := st.Status == "learning" && strings.HasPrefix(st.Reason, said); got != tt.learning {
				t.Errorf("gct-imbalance %s (%s); want learning %q: %v", st.Status, st.Reason, said, tt.learning)
			}
			text := itbcheck(t, nil, "analyze", "--no-progress", dir)
			flat := strings.Join(strings.Fields(string(text.stdout)), " ")
			if strings.Contains(flat, "(learning after") {
				t.Errorf("the status line says learning twice:\n%s", text.stdout)
			}
			if got := strings.Contains(flat, "Still learning your baseline for") && strings.Contains(flat, said); got != tt.learning {
				t.Errorf("text report says %q: %v, want %v:\n%s", said, got, tt.learning, text.stdout)
			}
		})
	}
}

// TestForgottenPodWeekBalance (issue 23): a run without the usual pod
// (its balance from the wrist, 0.8 pp off the pod's) is judged against its
// own instrument or not at all: its week's GCT balance is the same as
// without that run.
func TestForgottenPodWeekBalance(t *testing.T) {
	s := instrumentSeason(t, "pod-forgotten")
	without := s
	without.Runs = nil
	lone := map[string]bool{}
	for i, r := range s.Runs {
		if r.Sensor == "" && r.IsRun() {
			lone[r.Start.In(synth.DefaultTZ).AddDate(0, 0, -((int(r.Start.In(synth.DefaultTZ).Weekday())+6)%7)).Format(time.DateOnly)] = true
			t.Logf("run %d on %s without the pod", i, r.Start.Format(time.DateOnly))
			continue
		}
		without.Runs = append(without.Runs, r)
	}
	if len(lone) != 2 {
		t.Fatalf("%d weeks with a pod-less run, want 2", len(lone))
	}
	weeks := func(s synth.Season) map[string]weekReport {
		dir := filepath.Join(t.TempDir(), s.Athlete)
		if _, err := s.WriteFIT(dir); err != nil {
			t.Fatal(err)
		}
		out := map[string]weekReport{}
		for _, w := range parseReport(t, itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir).stdout).Athletes[0].Weeks {
			out[w.Week] = w
		}
		return out
	}
	got, want := weeks(s), weeks(without)
	for wk := range lone {
		g, w := got[wk], want[wk]
		if g.GCTBalanceLeftPct == nil || w.GCTBalanceLeftPct == nil || *g.GCTBalanceLeftPct != *w.GCTBalanceLeftPct || g.Runs != w.Runs+1 {
			t.Errorf("week of %s: balance %v over %d runs; without the pod-less run %v over %d: want the same balance",
				wk, deref(g.GCTBalanceLeftPct), g.Runs, deref(w.GCTBalanceLeftPct), w.Runs)
		}
	}
}

// TestCadenceFadeAfterSensorChange (issue 23): the fade compares a run
// with itself, so a chest strap bought while the long runs fade does not
// make cadence-fade learn again, and its findings right after the change
// are speed-adjusted by the runs before it, never "not speed-adjusted".
func TestCadenceFadeAfterSensorChange(t *testing.T) {
	s := synth.Plan(synth.CadenceFade, synth.WithAthlete("fade-strap"), synth.WithInterval(interval))
	change := s.WeekStart(7)
	first := ""
	for i := range s.Runs {
		if r := &s.Runs[i]; !r.Start.Before(change) {
			r.Sensor = synth.SensorHRMPro
			if first == "" && r.IsRun() {
				first = r.Start.In(synth.DefaultTZ).Format(time.DateOnly)
			}
		}
	}
	dir := filepath.Join(t.TempDir(), s.Athlete)
	if _, err := s.WriteFIT(dir); err != nil {
		t.Fatal(err)
	}
	byOld := func(until string) (n, after int) {
		args := []string{"analyze", "--format", "json", "--no-progress", dir}
		if until != "" {
			args = append(args, "--until", until)
		}
		for _, f := range parseReport(t, itbcheck(t, nil, args...).stdout).Athletes[0].Findings {
			if f.Rule != "cadence-fade" {
				continue
			}
			t.Logf("until %q: %s %s: %s", until, f.Date, f.Severity, f.Summary)
			if strings.Contains(f.Summary, "not speed-adjusted") {
				t.Errorf("cadence-fade finding not speed-adjusted after the sensor change: %s", f.Summary)
			}
			if strings.Contains(f.Summary, "speed-adjusted by your runs before the sensor change on "+first) {
				n++
			}
			if f.Date >= first || (f.Until != nil && *f.Until >= first) {
				after++
			}
		}
		return n, after
	}
	// The whole season: the episode's worst run is weeks after the change.
	if _, after := byOld(""); after == 0 {
		t.Errorf("no cadence-fade finding after the sensor change of %s", first)
	}
	// Cut a week after the change: the fading runs are the new sensor's
	// first, judged with the slope of the runs before it.
	if n, _ := byOld(s.WeekStart(8).AddDate(0, 0, 6).Format(time.DateOnly)); n == 0 {
		t.Errorf("no cadence-fade finding speed-adjusted by the runs before the sensor change of %s", first)
	}
}

// TestForgottenPodNotJudgedSaid (issue 23): in a healthy season with the
// pod left at home twice, no finding names the two pod-less runs, so the
// balance rule's status says they were not judged: once, with the
// instruments, in the JSON's rule status and in each report for people.
func TestForgottenPodNotJudgedSaid(t *testing.T) {
	s := instrumentSeason(t, "pod-forgotten")
	dir := filepath.Join(t.TempDir(), s.Athlete)
	if _, err := s.WriteFIT(dir); err != nil {
		t.Fatal(err)
	}
	const said = "2 runs recorded with wrist garmin fr255 (not the usual pod garmin running_dynamics_pod) were not judged for balance (too few runs with it for a baseline of its own: 20 runs over 6 weeks needed)"
	var doc struct {
		Athletes []struct {
			Findings []struct{ Rule, Summary string }        `json:"findings"`
			Rules    []struct{ Rule, Status, Reason string } `json:"rules"`
		} `json:"athletes"`
	}
	if err := json.Unmarshal(itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir).stdout, &doc); err != nil || len(doc.Athletes) != 1 {
		t.Fatalf("report: %v", err)
	}
	a := doc.Athletes[0]
	for _, f := range a.Findings {
		if strings.Contains(f.Summary, "without the usual sensor") {
			t.Fatalf("a finding names the pod-less runs, the scenario no longer tests the status: %s", f.Summary)
		}
	}
	found := false
	for _, st := range a.Rules {
		t.Logf("%s %s: %s", st.Rule, st.Status, st.Reason)
		if st.Rule == "gct-imbalance" {
			found = true
			if st.Status != "judged" || st.Reason != said {
				t.Errorf("gct-imbalance status %s (%q), want judged (%q)", st.Status, st.Reason, said)
			}
		}
	}
	if !found {
		t.Fatal("no gct-imbalance status")
	}
	for _, format := range []string{"text", "markdown", "html"} {
		out := string(itbcheck(t, nil, "analyze", "--format", format, "--no-progress", dir).stdout)
		out = strings.ReplaceAll(out, `\_`, "_") // Markdown escapes the underscores
		if n := strings.Count(strings.Join(strings.Fields(out), " "), said); n != 1 {
			t.Errorf("%s report says %q %d times, want once", format, said, n)
		}
	}
}

// TestForgottenPodSaid (issue 23): in a season whose balance drifts
// (gct-imbalance fires), a run of a flagged week without the usual pod is
// left out of that week's balance, and the finding says so.
func TestForgottenPodSaid(t *testing.T) {
	s := synth.Plan(synth.GCTImbalance, synth.WithAthlete("drift"), synth.WithInterval(interval))
	lone := -1
	for i := range s.Runs {
		s.Runs[i].Sensor = synth.SensorRDPod
		if s.Runs[i].IsRun() && !s.Runs[i].Start.Before(s.WeekStart(s.Weeks-1)) && lone < 0 {
			lone = i
		}
	}
	s.Runs[lone].Sensor = ""
	dir := filepath.Join(t.TempDir(), s.Athlete)
	if _, err := s.WriteFIT(dir); err != nil {
		t.Fatal(err)
	}
	rep := parseReport(t, itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir).stdout).Athletes[0]
	said := false
	for _, f := range rep.Findings {
		if f.Rule == "gct-imbalance" && strings.Contains(f.Summary, "(1 run without the usual sensor left out of the balance)") {
			said = true
			t.Logf("%s %s: %s", f.Date, f.Severity, f.Summary)
		}
	}
	if !said {
		t.Errorf("no gct-imbalance finding says the run of %s without the pod was left out: %+v", s.Runs[lone].Start.Format(time.DateOnly), rep.Findings)
	}
}

// TestTreadmillWinter (issue 23): seven weeks on a treadmill, stepping
// 4 % faster on the belt, then back outdoors: the outdoor cadence is
// judged against outdoor runs only, so going back outside is no drop.
func TestTreadmillWinter(t *testing.T) {
	s := synth.Plan(synth.Steady, synth.WithAthlete("winter"), synth.WithInterval(interval))
	spring := s.WeekStart(7)
	belt := 0
	for i := range s.Runs {
		if r := &s.Runs[i]; r.Start.Before(spring) && r.IsRun() {
			r.Sport, r.TrackLaps, r.ClimbM, r.DescentM = synth.SportTreadmill, 0, 0, 0
			r.CadenceSPM *= 1.04
			belt++
		}
	}
	dir := filepath.Join(t.TempDir(), s.Athlete)
	if _, err := s.WriteFIT(dir); err != nil {
		t.Fatal(err)
	}
	rep := parseReport(t, itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir).stdout).Athletes[0]
	for _, f := range rep.Findings {
		if f.Severity != "info" {
			t.Errorf("finding above info after a treadmill winter (%d runs on the belt): %s %s %s: %s", belt, f.Rule, f.Date, f.Severity, f.Summary)
		}
	}
	t.Logf("treadmill winter: %d runs on the belt, %d findings", belt, len(rep.Findings))
}

// TestDefaultWindowLastWeeks (issue 23): a season of 42 weeks is reported
// over its last 26 by default (DOMAIN.md, Seasons: the weeks before still
// feed baselines and load), every report for people says so once, and
// --since still chooses the whole season.
func TestDefaultWindowLastWeeks(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runner")
	start := time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC) // a Monday
	var first, last time.Time
	for k := 0; k < 3; k++ {
		s := writeSeason(t, synth.Steady, dir, synth.WithStart(start.AddDate(0, 0, 7*synth.DefaultWeeks*k)), synth.WithSeed(uint64(300+k)))
		for _, r := range s.Runs {
			if r.Start.After(last) {
				last = r.Start
			}
			if r.IsRun() && (first.IsZero() || r.Start.Before(first)) {
				first = r.Start
			}
		}
	}
	window := func(args ...string) (from string, weeks int) {
		res := itbcheck(t, nil, append([]string{"analyze", "--format", "json", "--no-progress"}, args...)...)
		var doc struct {
			Athletes []struct {
				Window *struct{ From, To string } `json:"window"`
				Weeks  []json.RawMessage          `json:"weeks"`
			} `json:"athletes"`
		}
		if err := json.Unmarshal(res.stdout, &doc); err != nil || len(doc.Athletes) != 1 || doc.Athletes[0].Window == nil {
			t.Fatalf("report: %v\n%s", err, res.stdout)
		}
		return doc.Athletes[0].Window.From, len(doc.Athletes[0].Weeks)
	}
	monday := last.AddDate(0, 0, -((int(last.Weekday()) + 6) % 7))
	want := time.Date(monday.Year(), monday.Month(), monday.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -7*25).Format(time.DateOnly)
	from, weeks := window(dir)
	if from != want || weeks > 26 {
		t.Errorf("default window from %s over %d weeks, want from %s over at most 26", from, weeks, want)
	}
	from, weeks = window("--since", start.Format(time.DateOnly), dir)
	if from != start.Format(time.DateOnly) || weeks < 40 {
		t.Errorf("--since %s: window from %s over %d weeks, want the whole season (42 weeks)", start.Format(time.DateOnly), from, weeks)
	}
	// Every report for people says once, in words, that the season was cut.
	said := "showing the last 26 weeks of this season (it began " + first.In(synth.DefaultTZ).Format(time.DateOnly) + "); --since shows more"
	for _, format := range []string{"text", "markdown", "html"} {
		for _, since := range []bool{false, true} {
			args := []string{"analyze", "--format", format, "--no-progress", dir}
			if since {
				args = append(args[:4], "--since", start.Format(time.DateOnly), dir)
			}
			out := string(itbcheck(t, nil, args...).stdout)
			flat := strings.Join(strings.Fields(out), " ")
			if n, want := strings.Count(flat, said), map[bool]int{false: 1, true: 0}[since]; n != want {
				t.Errorf("%s report (--since given: %v) says %q %d times, want %d", format, since, said, n, want)
			}
		}
	}
}
