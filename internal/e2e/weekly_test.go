package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// The coach's week: two Monday runs of batch into the same folder, a
// week of uploads between them.
const (
	// weekOneEnd and weekTwoEnd are the last days of the uploads each run
	// sees (weeks 9 and 10 of the generated seasons).
	weekOneEnd = "2026-05-03"
	weekTwoEnd = "2026-05-10"
	// stoppedAfter is the last upload of the athlete who stops uploading.
	stoppedAfter = "2026-04-26"
	mondayOne    = "2026-05-04T08:00:00Z"
	mondayTwo    = "2026-05-11T08:00:00Z"
)

// weeklyTeam is the coach's team: who does what in the week between the
// runs.
var weeklyTeam = map[synth.Pattern]string{
	synth.LoadSpike:      "new",      // week 10 spikes: new findings
	synth.Downhill:       "worse",    // downhill-load medium in week 9, high in week 10
	synth.TrackDirection: "resolved", // the week-8 track block is over two weeks later
	synth.Steady:         "stops",    // no upload after week 8
	synth.Deload:         "red flag", // logs night pain with itbcheck log
	synth.GCTImbalance:   "acked",    // the coach called: the ack survives the re-run
}

// weeklyChanges is the part of the JSON changes block the test reads.
type weeklyChanges struct {
	ComparedWith string `json:"compared_with"`
	New          []struct {
		Rule, Date, Severity string
	} `json:"new"`
	Worse []struct {
		Rule, Date, Severity string
		Was                  *string `json:"was"`
	} `json:"worse"`
	Resolved []struct {
		Rule, Date, Severity string
	} `json:"resolved"`
	NewRedFlags []struct {
		Rule, Date, Severity string
	} `json:"new_red_flags"`
	RunsAdded     int  `json:"runs_added"`
	NoNewRunsDays *int `json:"no_new_runs_days"`
}

// weeklyReport is the part of the JSON report the test reads.
type weeklyReport struct {
	Athletes []struct {
		Athlete  string         `json:"athlete"`
		Changes  *weeklyChanges `json:"changes"`
		Findings []struct {
			Rule, Date, Severity string
			Acknowledged         *struct{ Date, Note string } `json:"acknowledged"`
		} `json:"findings"`
	} `json:"athletes"`
	Summary struct {
		Changes *struct {
			ComparedWith  string `json:"compared_with"`
			New           int    `json:"new"`
			Worse         int    `json:"worse"`
			Resolved      int    `json:"resolved"`
			NewRedFlags   int    `json:"new_red_flags"`
			RunsAdded     int    `json:"runs_added"`
			NoNewRunsDays []struct {
				Athlete string `json:"athlete"`
				Days    int    `json:"days"`
			} `json:"no_new_runs_days"`
		} `json:"changes"`
	} `json:"summary"`
}

// upload copies the staged files of one athlete dated after from (""
// for all) up to to, as a watch sync would.
func upload(t *testing.T, staged, team, from, to string) {
	t.Helper()
	entries, err := os.ReadDir(staged)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		d := e.Name()[:len("2026-01-01")]
		if d <= from || d > to {
			continue
		}
		data, err := os.ReadFile(filepath.Join(staged, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(team, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(team, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCoachWeek runs batch on a generated team, lets a week of runs
// arrive (one athlete worsens, one resolves, one stops uploading, one
// logs a red flag with itbcheck log, the coach acknowledges two findings),
// runs batch into the same folder again, and reads the changes in every
// format; --compare with the first run's saved report gives the same.
func TestCoachWeek(t *testing.T) {
	dir := t.TempDir()
	team := filepath.Join(dir, "team")
	out := filepath.Join(dir, "out")
	for p, role := range weeklyTeam {
		staged := filepath.Join(dir, "staged", string(p))
		writeSeason(t, p, staged)
		last := weekOneEnd
		if role == "stops" {
			last = stoppedAfter
		}
		upload(t, staged, filepath.Join(team, string(p)), "", last)
	}
	now := func(at string) []string { return []string{"ITBCHECK_NOW=" + at} }

	// Monday one: nothing to compare with yet.
	res := itbcheck(t, now(mondayOne), "batch", team, "-o", out, "--format", "html", "--no-progress")
	if res.code != 0 || strings.Contains(string(res.stderr), "warning") {
		t.Fatalf("first run: exit %d\n%s", res.code, res.stderr)
	}
	first := readWeekly(t, filepath.Join(out, "itbcheck-report.json"))
	if first.Summary.Changes != nil {
		t.Errorf("the first run compares with something: %+v", first.Summary.Changes)
	}
	artifact := filepath.Join(dir, "artifact.json")
	copyFile(t, filepath.Join(out, "itbcheck-report.json"), artifact)

	// The coach calls two athletes; one runner logs night pain.
	for _, ack := range [][]string{
		{"ack", "--team", team, string(synth.GCTImbalance), "gct-imbalance", "--note", "called: strength work for the left hip"},
		{"ack", "--team", team, string(synth.Downhill), "downhill-load", "--note", "fewer descents"},
	} {
		if res := itbcheck(t, now(mondayOne), ack...); res.code != 0 {
			t.Fatalf("%v: exit %d\n%s", ack, res.code, res.stderr)
		}
	}
	if res := itbcheck(t, now(mondayOne), "ack", "--team", team, string(synth.Steady), "load-spike"); res.code != 2 ||
		!strings.Contains(string(res.stderr), "has no open load-spike finding") {
		t.Errorf("ack of a finding that is not open: exit %d, %s", res.code, res.stderr)
	}
	res = itbcheck(t, nil, "log", filepath.Join(team, string(synth.Deload)), "--date", "2026-05-08", "--pain", "5",
		"--site", "low-back", "--side", "both", "--flags", "Pain at night")
	if res.code != 0 || !strings.Contains(string(res.stdout), "red flag: night pain") {
		t.Fatalf("log: exit %d\n%s%s", res.code, res.stdout, res.stderr)
	}
	for p, role := range weeklyTeam {
		if role != "stops" {
			upload(t, filepath.Join(dir, "staged", string(p)), filepath.Join(team, string(p)), weekOneEnd, weekTwoEnd)
		}
	}

	// Monday two, into the same folder.
	res = itbcheck(t, now(mondayTwo), "batch", team, "-o", out, "--format", "html", "--no-progress")
	if res.code != 0 || strings.Contains(string(res.stderr), "warning") {
		t.Fatalf("second run: exit %d\n%s", res.code, res.stderr)
	}
	second := readWeekly(t, filepath.Join(out, "itbcheck-report.json"))
	checkWeekJSON(t, second)

	// Every format says it; --compare with the CI artifact gives the same.
	for _, format := range []string{"json", "text", "markdown", "csv", "html"} {
		res := itbcheck(t, now(mondayTwo), "batch", team, "--compare", artifact, "--format", format, "--no-progress")
		if res.code != 0 {
			t.Fatalf("--compare --format %s: exit %d\n%s", format, res.code, res.stderr)
		}
		checkWeekFormat(t, format, string(res.stdout))
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	checkWeekFormat(t, "html", string(index))
	// The team page's rows link to each athlete's own page.
	if !strings.Contains(string(index), `<a href="steady.html">steady</a><div class="change stale">no new run for 15 days</div>`) {
		t.Errorf("index.html: steady's row does not link to steady.html with what changed")
	}

	// --no-compare, and a malformed or foreign earlier report: no
	// comparison, one warning line, never a failure.
	res = itbcheck(t, now(mondayTwo), "batch", team, "--no-compare", "-o", filepath.Join(dir, "plain.json"), "--no-progress")
	if res.code != 0 || strings.Contains(readFileString(t, filepath.Join(dir, "plain.json")), `"changes"`) {
		t.Errorf("--no-compare: exit %d, or the report has changes", res.code)
	}
	for name, content := range map[string]string{
		"broken.json":  `{"schema": "itbcheck.report/v2", "athletes": [`,
		"foreign.json": `{"schema": "someone.else/v1", "generated_at": "2026-05-04T08:00:00Z", "athletes": []}`,
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		res := itbcheck(t, now(mondayTwo), "batch", team, "--compare", path, "--format", "json", "--no-progress")
		warn := regexp.MustCompile(`(?m)^itbcheck: warning: no comparison with the earlier report: .*` + regexp.QuoteMeta(name) + `.*not an itbcheck.report/v2 JSON report`)
		if res.code != 0 || len(warn.FindAll(res.stderr, -1)) != 1 || strings.Contains(string(res.stdout), `"changes"`) {
			t.Errorf("--compare %s: exit %d, stderr:\n%s", name, res.code, res.stderr)
		}
	}
}

// checkWeekJSON checks the second run's changes, athlete by athlete, and
// the acknowledgements.
func checkWeekJSON(t *testing.T, r weeklyReport) {
	t.Helper()
	sum := r.Summary.Changes
	if sum == nil {
		t.Fatal("the second run's summary has no changes")
	}
	// Resolved: track-direction's low, and gct-imbalance's low week before
	// its episode escalated to medium (balance alone is never high).
	if sum.ComparedWith != mondayOne || sum.New < 2 || sum.Worse != 1 || sum.Resolved != 2 || sum.NewRedFlags != 1 || sum.RunsAdded < 15 ||
		len(sum.NoNewRunsDays) != 1 || sum.NoNewRunsDays[0].Athlete != string(synth.Steady) || sum.NoNewRunsDays[0].Days < 14 {
		t.Errorf("summary changes: %+v", *sum)
	}
	rules := func(fs []struct{ Rule, Date, Severity string }) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.Rule+" "+f.Severity)
		}
		slices.Sort(out)
		return out
	}
	for _, a := range r.Athletes {
		c := a.Changes
		if c == nil {
			t.Errorf("%s: no changes block", a.Athlete)
			continue
		}
		switch weeklyTeam[synth.Pattern(a.Athlete)] {
		case "new":
			if got := rules(c.New); !slices.Equal(got, []string{"load-spike medium", "weekly-jump medium"}) || len(c.Worse)+len(c.Resolved) > 0 {
				t.Errorf("%s: new %v, worse %v, resolved %v", a.Athlete, got, c.Worse, c.Resolved)
			}
		case "worse":
			if len(c.Worse) != 1 || c.Worse[0].Rule != "downhill-load" || c.Worse[0].Severity != "high" || c.Worse[0].Was == nil || *c.Worse[0].Was != "medium" {
				t.Errorf("%s: worse %+v", a.Athlete, c.Worse)
			}
		case "resolved":
			if got := rules(c.Resolved); !slices.Equal(got, []string{"track-direction low"}) || len(c.New) > 0 {
				t.Errorf("%s: resolved %v, new %v", a.Athlete, got, c.New)
			}
		case "stops":
			if c.RunsAdded != 0 || c.NoNewRunsDays == nil || *c.NoNewRunsDays < 14 {
				t.Errorf("%s: runs added %d, no new runs for %v days", a.Athlete, c.RunsAdded, c.NoNewRunsDays)
			}
		case "red flag":
			if len(c.NewRedFlags) != 1 || c.NewRedFlags[0].Rule != "symptom" || c.NewRedFlags[0].Date != "2026-05-08" {
				t.Errorf("%s: new red flags %+v", a.Athlete, c.NewRedFlags)
			}
		}
		if role := weeklyTeam[synth.Pattern(a.Athlete)]; role != "stops" && c.RunsAdded < 3 {
			t.Errorf("%s: %d runs added in a week", a.Athlete, c.RunsAdded)
		}
		for _, f := range a.Findings {
			acked := f.Acknowledged != nil
			switch {
			case a.Athlete == string(synth.GCTImbalance) && f.Rule == "gct-imbalance" && f.Severity == "low":
				// The week before the balance episode escalated to medium
				// (balance alone is never high): closed, never acked.
				if acked {
					t.Errorf("%s %s %s: the closed low week is acknowledged", a.Athlete, f.Rule, f.Date)
				}
			case a.Athlete == string(synth.GCTImbalance) && f.Rule == "gct-imbalance":
				// The ack survives the re-run: the same episode, no worse.
				if !acked || f.Acknowledged.Date != "2026-05-04" || f.Acknowledged.Note != "called: strength work for the left hip" {
					t.Errorf("%s %s %s: acknowledged %+v", a.Athlete, f.Rule, f.Date, f.Acknowledged)
				}
			case a.Athlete == string(synth.Downhill) && f.Rule == "downhill-load" && f.Severity == "high":
				// It worsened: new again.
				if acked {
					t.Errorf("%s: the worsened %s %s is still acknowledged", a.Athlete, f.Rule, f.Date)
				}
			case acked && !(a.Athlete == string(synth.Downhill) && f.Rule == "downhill-load"):
				t.Errorf("%s %s %s acknowledged, never acked", a.Athlete, f.Rule, f.Date)
			}
		}
	}
}

// checkWeekFormat checks that a format says what changed: the date
// compared with, the new red flag, the worse and new findings and the
// athlete who stopped uploading.
func checkWeekFormat(t *testing.T, format, out string) {
	t.Helper()
	var want []string
	switch format {
	case "json":
		var r weeklyReport
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("json: %v", err)
		}
		checkWeekJSON(t, r)
		return
	case "text", "markdown":
		want = []string{"Changes since 2026-05-04", "1 new red flag", "1 worse", "steady (", "downhill-load medium→high",
			"2 new (medium ", "medium load-spike", "medium weekly-jump", "acknowledged 2026-05-04: called: strength work", // the text wraps the rest
			"night pain"}
	case "csv":
		want = []string{",changes\n", "no new run for ", "downhill-load medium→high", "1 new red flag"}
	case "html":
		want = []string{"Changes since 2026-05-04", `data-change="red-flag"`, `data-status="no new runs"`, `data-change="worse"`,
			`<option value="changerank">change</option>`, "acknowledged 2026-05-04", `<div class="change worse">`}
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("%s: lacks %q", format, w)
		}
	}
	if format == "text" {
		// The red flag logged with itbcheck log is at the top of the report.
		top := out[:strings.Index(out, "Team overview")]
		if !strings.Contains(top, "night pain") {
			t.Errorf("text: the red flag is not above the team overview:\n%s", top)
		}
	}
}

// readWeekly reads a JSON report.
func readWeekly(t *testing.T, path string) weeklyReport {
	t.Helper()
	var r weeklyReport
	if err := json.Unmarshal([]byte(readFileString(t, path)), &r); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

// readFileString reads a file the test wrote or had written.
func readFileString(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// copyFile copies a file.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	if err := os.WriteFile(to, []byte(readFileString(t, from)), 0o644); err != nil {
		t.Fatal(err)
	}
}
