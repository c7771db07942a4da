package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// The runner's own voice, end to end on generated seasons: FIT files that
// carry session RPE and strength sessions, and a symptom log beside them.

// voiceReport is the part of the JSON the voice tests read.
type voiceReport struct {
	Athletes []struct {
		Athlete      string                         `json:"athlete"`
		LoadMetric   string                         `json:"load_metric"`
		InputsFailed []struct{ Path, Error string } `json:"inputs_failed"`
		Weeks        []struct {
			Week             string   `json:"week"`
			DistanceKm       *float64 `json:"distance_km"`
			Load             *float64 `json:"load"`
			StrengthSessions int      `json:"strength_sessions"`
		} `json:"weeks"`
		Findings []struct {
			Rule, Severity, Date, Metric, Summary, Explanation string
		} `json:"findings"`
		Symptoms []struct{ Date, Site string }   `json:"symptoms"`
		RedFlags []struct{ Date, Reason string } `json:"red_flags"`
	} `json:"athletes"`
}

func parseVoice(t *testing.T, data []byte) voiceReport {
	t.Helper()
	var r voiceReport
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("report is not JSON: %v\n%.500s", err, data)
	}
	return r
}

// rateRuns gives every run an RPE by its kind, as a runner answers the
// watch's question after each session.
func rateRuns(s *synth.Season) {
	for i := range s.Runs {
		s.Runs[i].RPE = map[string]float64{"easy": 3, "long": 4, "tempo": 7, "race": 9, "downhill": 5}[s.Runs[i].Kind]
		s.Runs[i].Feel = 60
	}
}

// writeVoiceSeason writes a season's runs, training sessions and symptom
// log into dir.
func writeVoiceSeason(t *testing.T, s synth.Season, dir string) {
	t.Helper()
	if _, err := s.WriteFIT(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteSymptoms(dir); err != nil {
		t.Fatal(err)
	}
}

// analyzeVoice runs analyze on dir in format with the extra args.
func analyzeVoice(t *testing.T, dir, format string, args ...string) result {
	t.Helper()
	return itbcheck(t, nil, append([]string{"analyze", "--format", format, dir}, args...)...)
}

// TestTrackBlockShowsInSRPE: a track athlete swaps two easy runs a week for
// hard interval sessions at the same distance. km stay flat, but the
// session-RPE load that auto picks (every run is rated) spikes, and a
// load-spike finding says so; with km as the metric nothing fires.
func TestTrackBlockShowsInSRPE(t *testing.T) {
	t.Parallel()
	s := synth.Plan(synth.Steady, synth.WithAthlete("track"), synth.WithInterval(interval))
	rateRuns(&s)
	for i := range s.Runs {
		r := &s.Runs[i]
		w := int(r.Start.Sub(s.Start) / (7 * 24 * time.Hour))
		if w >= 9 && r.Kind == "easy" {
			r.RPE, r.Kind = 9, "intervals" // same km and pace on the watch, much harder by feel
		}
	}
	dir := filepath.Join(t.TempDir(), "track")
	writeVoiceSeason(t, s, dir)

	res := analyzeVoice(t, dir, "json")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	a := parseVoice(t, res.stdout).Athletes[0]
	if a.LoadMetric != "srpe" {
		t.Fatalf("load_metric %q, want srpe (every run is rated)", a.LoadMetric)
	}
	spike := s.WeekStart(9).Format(time.DateOnly)
	var found bool
	for _, f := range a.Findings {
		if f.Rule == "load-spike" && f.Date == spike && rank(f.Severity) >= rank("medium") {
			found = true
		}
	}
	if !found {
		t.Errorf("no load-spike at medium or above in the week of %s on sRPE: %+v", spike, a.Findings)
	}
	km8, km9 := *a.Weeks[8].DistanceKm, *a.Weeks[9].DistanceKm
	if km9 > 1.15*km8 {
		t.Errorf("km %.1f → %.1f: the block should be flat in km", km8, km9)
	}

	cfg := filepath.Join(t.TempDir(), "km.yaml")
	if err := os.WriteFile(cfg, []byte("load:\n  metric: distance\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	km := parseVoice(t, analyzeVoice(t, dir, "json", "--config", cfg).stdout).Athletes[0]
	for _, f := range km.Findings {
		if f.Rule == "load-spike" && f.Date == spike {
			t.Errorf("km load sees the track block: %s %s", f.Severity, f.Summary)
		}
	}
	text := string(analyzeVoice(t, dir, "text").stdout)
	if !strings.Contains(text, "Load:        session RPE (RPE × minutes); auto: RPE on") {
		t.Errorf("text report does not name the load metric and how it was chosen:\n%.1500s", text)
	}
}

// TestKneeThenBackPain: knee pain logged a week after a load spike with a
// cadence drop and a balance shift, then low back pain three weeks later.
// The knee finding names the training before it and the side spared; the
// back finding carries the chain sentence, in every format.
func TestKneeThenBackPain(t *testing.T) {
	t.Parallel()
	s := synth.Plan(synth.Compound, synth.WithAthlete("knee"), synth.WithInterval(interval))
	// Balance moves to 52.6 % left from week 10: the runner spares the right leg.
	s.Symptoms = append(synth.PainDays(s.WeekStart(10).AddDate(0, 0, 1), "outer-knee", "right", 3, 4, 5, 4, 4),
		synth.PainDays(s.WeekStart(13).AddDate(0, 0, 1), "low-back", "both", 3, 4, 4)...)
	dir := filepath.Join(t.TempDir(), "knee")
	writeVoiceSeason(t, s, dir)

	res := analyzeVoice(t, dir, "json")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	a := parseVoice(t, res.stdout).Athletes[0]
	var knee, back string
	for _, f := range a.Findings {
		if f.Rule != "symptom" {
			continue
		}
		switch {
		case strings.HasPrefix(f.Summary, "Outer-knee pain"):
			knee = f.Summary + " | " + f.Explanation
		case strings.HasPrefix(f.Summary, "Low back pain"):
			back = f.Severity + " | " + f.Summary + " | " + f.Explanation
		}
	}
	for _, want := range []string{"Outer-knee pain (right), 5/10 at worst", "training load spike (", "cadence",
		"towards the left foot", "sparing the painful leg"} {
		if !strings.Contains(knee, want) {
			t.Errorf("knee finding lacks %q:\n%s", want, knee)
		}
	}
	for _, want := range []string{"medium | Low back pain (both sides)", "starting 3 weeks after outer knee pain began",
		"may be secondary to hip and pelvic control", "primary one such as a disc"} {
		if !strings.Contains(back, want) {
			t.Errorf("back finding lacks %q:\n%s", want, back)
		}
	}
	if len(a.Symptoms) != 8 || len(a.RedFlags) != 0 {
		t.Errorf("%d symptoms, %d red flags; want 8 and none", len(a.Symptoms), len(a.RedFlags))
	}
	for _, format := range []string{"text", "markdown", "html"} {
		out := string(analyzeVoice(t, dir, format).stdout)
		if !strings.Contains(strings.Join(strings.Fields(out), " "), "may be secondary to hip and pelvic control") {
			t.Errorf("%s report lacks the chain sentence", format)
		}
		if format == "html" && !strings.Contains(out, "Symptoms against weekly load, cadence and balance") {
			t.Errorf("html report lacks the symptom timeline")
		}
	}
}

// TestRedFlag: pain 8/10 with numbness opens the report, makes check fail
// and puts the athlete first in a team, above one with more findings.
func TestRedFlag(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	calm := synth.Plan(synth.Steady, synth.WithAthlete("calm"), synth.WithInterval(interval))
	calm.Symptoms = []synth.SymptomSpec{{Date: calm.WeekStart(12), Site: "outer-hip", Side: "left", Pain: 8, Flags: []string{"numbness"}}}
	writeVoiceSeason(t, calm, filepath.Join(root, "calm"))
	writeVoiceSeason(t, synth.Plan(synth.Compound, synth.WithAthlete("busy"), synth.WithInterval(interval)), filepath.Join(root, "busy"))

	text := string(analyzeVoice(t, filepath.Join(root, "calm"), "text").stdout)
	head := strings.SplitN(text, "Period:", 2)[0]
	if !strings.Contains(head, "RED FLAGS: see a physiotherapist or physician promptly") || !strings.Contains(head, "numbness") {
		t.Errorf("the red flag is not at the top of the report:\n%s", head)
	}
	if res := itbcheck(t, nil, "check", "-q", filepath.Join(root, "calm")); res.code != 1 {
		t.Errorf("check on a red flag: exit %d, want 1\n%s", res.code, res.stdout)
	}
	r := parseVoice(t, itbcheck(t, nil, "batch", "--format", "json", root).stdout)
	for _, a := range r.Athletes {
		if n := len(a.RedFlags); (a.Athlete == "calm") != (n == 1) || n == 1 && !strings.Contains(a.RedFlags[0].Reason, "numbness, pain 8/10") {
			t.Errorf("%s: red flags %+v", a.Athlete, a.RedFlags)
		}
	}
	team := string(itbcheck(t, nil, "batch", root).stdout)
	overview := team[strings.Index(team, "Team overview"):]
	if strings.Index(team, "RED FLAGS") > strings.Index(team, "Team overview") ||
		strings.Index(overview, "  calm") > strings.Index(overview, "  busy") {
		t.Errorf("team report: red flags not first, or calm not ranked above busy:\n%.1500s", team)
	}
	if !strings.Contains(overview, "open symptoms: outer hip pain (left)") {
		t.Errorf("team overview lacks calm's open symptoms:\n%.1500s", overview)
	}
}

// TestStrengthSessions: a runner with outer-knee pain open and no strength
// work gets an info note with the gluteal exercises; one with risk patterns
// open and no pain logged does not (strength is treatment advice, not a
// prevention promise: a line of advice, never a note), nor one who does two
// strength sessions a week, and the weekly table counts them.
func TestStrengthSessions(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	bare := synth.Plan(synth.Compound, synth.WithAthlete("bare"), synth.WithInterval(interval))
	for d := 0; d < 5; d++ {
		bare.Symptoms = append(bare.Symptoms, synth.SymptomSpec{Date: bare.WeekStart(10).AddDate(0, 0, d), Site: "outer-knee", Side: "left", Pain: 3})
	}
	writeVoiceSeason(t, bare, filepath.Join(root, "bare"))
	quiet := synth.Plan(synth.Compound, synth.WithAthlete("quiet"), synth.WithInterval(interval))
	writeVoiceSeason(t, quiet, filepath.Join(root, "quiet"))
	strong := synth.Plan(synth.Compound, synth.WithAthlete("strong"), synth.WithInterval(interval))
	for w := 0; w < strong.Weeks; w++ {
		for _, d := range []int{0, 3} {
			kind := synth.TrainingStrength
			if w%2 == 1 && d == 3 {
				kind = synth.TrainingYoga
			}
			strong.Training = append(strong.Training, synth.TrainingSpec{
				Start: strong.WeekStart(w).AddDate(0, 0, d).Add(18 * time.Hour), Kind: kind, Minutes: 30, RPE: 5, Seed: uint64(w*7 + d)})
		}
	}
	writeVoiceSeason(t, strong, filepath.Join(root, "strong"))

	note := func(name string) string {
		a := parseVoice(t, analyzeVoice(t, filepath.Join(root, name), "json").stdout).Athletes[0]
		for _, f := range a.Findings {
			if f.Rule == "symptom" && f.Metric == "strength-mobility-sessions" {
				return f.Severity + " " + f.Summary
			}
		}
		return ""
	}
	if got := note("bare"); !strings.HasPrefix(got, "info No strength or mobility session recorded from") ||
		!strings.Contains(got, "outer-knee pain (left)") || !strings.Contains(got, "training load spike (") {
		t.Errorf("bare: note %q", got)
	}
	if got := note("quiet"); got != "" {
		t.Errorf("quiet (risk patterns, no pain logged): note %q, want none", got)
	}
	if got := note("strong"); got != "" {
		t.Errorf("strong: note %q, want none", got)
	}
	a := parseVoice(t, analyzeVoice(t, filepath.Join(root, "strong"), "json").stdout).Athletes[0]
	if a.Weeks[3].StrengthSessions != 1 || a.Weeks[2].StrengthSessions != 2 {
		t.Errorf("strength sessions per week: %+v", a.Weeks[:4])
	}
	text := string(analyzeVoice(t, filepath.Join(root, "strong"), "text").stdout)
	if !strings.Contains(text, "s/m") || !strings.Contains(text, " 2/0\n") || !strings.Contains(text, " 1/1\n") {
		t.Errorf("weekly table lacks the strength/mobility counts:\n%s", text[strings.Index(text, "Weekly running"):])
	}
}

// TestSymptomLogBadRows: a log with bad rows names the file and the line
// of each, exits 3 like any partly unreadable input, and the good rows
// are read; a season without a log has no symptom finding but the
// strength note, and no symptoms or red flags.
func TestSymptomLogBadRows(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "typos")
	s := synth.Plan(synth.Steady, synth.WithAthlete("typos"), synth.WithInterval(interval))
	writeVoiceSeason(t, s, dir)
	clean := parseVoice(t, analyzeVoice(t, dir, "json").stdout).Athletes[0]

	log := "date,site,side,pain,flags,note\n" +
		s.WeekStart(5).Format(time.DateOnly) + ",outer-knee,left,3,,\n" +
		s.WeekStart(5).AddDate(0, 0, 1).Format(time.DateOnly) + ",outer-knee,left,three,,\n" +
		"2026-02-30,outer-knee,left,2,,\n" +
		s.WeekStart(6).Format(time.DateOnly) + ",knee,left,2,,\n" +
		s.WeekStart(6).AddDate(0, 0, 2).Format(time.DateOnly) + ",outer-knee,left,2,,\n"
	if err := os.WriteFile(filepath.Join(dir, "symptoms.csv"), []byte(log), 0o644); err != nil {
		t.Fatal(err)
	}
	res := analyzeVoice(t, dir, "json")
	if res.code != 3 {
		t.Errorf("exit %d, want 3 (an input read in part)", res.code)
	}
	a := parseVoice(t, res.stdout).Athletes[0]
	var errs []string
	for _, f := range a.InputsFailed {
		if filepath.Base(f.Path) != "symptoms.csv" {
			t.Errorf("unexpected failure %s: %s", f.Path, f.Error)
		}
		errs = append(errs, f.Error)
	}
	want := []string{`line 3: pain "three" is not a number from 0 to 10`, `line 4: date "2026-02-30" is not a day YYYY-MM-DD`,
		`line 5: site "knee" is not outer-knee, outer-hip, low-back or other`}
	if strings.Join(errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
	if len(a.Symptoms) != 2 {
		t.Errorf("%d symptoms read, want the 2 good rows", len(a.Symptoms))
	}
	if tr := analyzeVoice(t, dir, "text"); !strings.Contains(string(tr.stderr)+string(tr.stdout), "symptoms.csv: line 3: pain") {
		t.Errorf("the text run does not show the bad row with its file and line")
	}

	// Without the log the same season has no symptom finding at all (it
	// is healthy, so no strength note either), and nothing of the log.
	for _, f := range clean.Findings {
		if f.Rule == "symptom" {
			t.Errorf("no log, healthy season: symptom finding %s %s", f.Severity, f.Summary)
		}
	}
	if len(clean.Symptoms) != 0 || len(clean.RedFlags) != 0 || len(clean.InputsFailed) != 0 {
		t.Errorf("no log: %+v %+v %+v", clean.Symptoms, clean.RedFlags, clean.InputsFailed)
	}
}
