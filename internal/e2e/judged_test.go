package e2e

import (
	"encoding/json"
	"html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// teamAthlete writes the FIT files of athlete name of synth.Team(seed)
// into a folder of its own and returns the folder.
func teamAthlete(t *testing.T, seed uint64, name string) string {
	t.Helper()
	for _, a := range synth.Team(seed, synth.WithInterval(realInterval)) {
		if a.Season.Athlete != name {
			continue
		}
		dir := filepath.Join(t.TempDir(), name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Season.WriteFIT(dir); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	t.Fatalf("synth.Team has no athlete %q", name)
	return ""
}

// trendPhrase is how gct-imbalance words the trend it judged a week by.
var trendPhrase = regexp.MustCompile(`trending [+-]\d+\.\d\d pp a week since the week of (\d{4}-\d\d-\d\d): [+-]\d+\.\d pp since then \(from (\d+\.\d) %\)`)

// TestBalanceChartShowsTheJudgedTrend: the early drift (0.15 pp a week
// from week 1) is judged by a trend anchored where it began (DOMAIN.md,
// principle 8). The weeks it judged say so in the weekly figures
// (gct_balance_trend_from, gct_balance_baseline_pct = the trend's start
// level), and the balance chart's runs of those weeks say the trend the
// finding states, not a departure from the median baseline the rule did
// not judge them by.
func TestBalanceChartShowsTheJudgedTrend(t *testing.T) {
	dir := teamAthlete(t, 1, "early-drift")
	res := itbcheck(t, nil, "analyze", "--format", "json", dir)
	if res.code > 1 {
		t.Fatalf("json: exit %d: %s", res.code, res.stderr)
	}
	var doc struct {
		Athletes []struct {
			Weeks []struct {
				Week      string   `json:"week"`
				BasePct   *float64 `json:"gct_balance_baseline_pct"`
				TrendFrom *string  `json:"gct_balance_trend_from"`
			} `json:"weeks"`
			Findings []finding `json:"findings"`
		} `json:"athletes"`
	}
	if err := json.Unmarshal(res.stdout, &doc); err != nil || len(doc.Athletes) != 1 {
		t.Fatalf("json: %v", err)
	}
	page := itbcheck(t, nil, "analyze", "--format", "html", dir)
	if page.code > 1 {
		t.Fatalf("html: exit %d: %s", page.code, page.stderr)
	}
	text := html.UnescapeString(string(page.stdout))
	a := doc.Athletes[0]
	trends := 0
	for _, f := range a.Findings {
		if f.Rule != "gct-imbalance" {
			continue
		}
		m := trendPhrase.FindStringSubmatch(f.Summary)
		if m == nil {
			continue
		}
		trends++
		if want := "the week's mean "; !strings.Contains(text, m[0]) || !strings.Contains(text, want) {
			t.Errorf("finding %q: the balance chart never says %q", f.Summary, m[0])
		}
		from, _ := strconv.ParseFloat(m[2], 64)
		judged := false
		for _, w := range a.Weeks {
			if w.TrendFrom != nil && *w.TrendFrom == m[1] && w.BasePct != nil && math.Abs(*w.BasePct-from) < 0.051 {
				judged = true
			}
		}
		if !judged {
			t.Errorf("finding %q: no week's figures say it was judged against %s %% from %s", f.Summary, m[2], m[1])
		}
	}
	if trends == 0 {
		t.Fatalf("early-drift: no gct-imbalance finding judged by a trend; findings %+v", a.Findings)
	}
}

// TestSessionSpikeMarkedOnTheChart: the weekly distance chart marks each
// run session-spike fired on, with the run against the longest of the 30
// days before, for the long-run athlete (+15 %, +40 %, a doubled long
// run) and for a realistic healthy athlete whose noisy long runs truly
// pass their 30-day longest by more than 10 % (each marked run is
// checked); a steady healthy season, no run beyond its 30-day longest,
// has neither a finding nor a marker.
func TestSessionSpikeMarkedOnTheChart(t *testing.T) {
	const legend = "run session-spike fired on ("
	tipText := regexp.MustCompile(`Run of [^:]+: (\d+\.\d) km, \+(\d+) % on the longest run of the 30 days before \((\d+\.\d) km\)\. Finding: [^(]+\((low|medium|high)\)`)
	for _, tt := range []struct {
		athlete string
		marked  bool
	}{
		{"long-progression", true},
		{"half-marathon", true},
		{"steady", false},
	} {
		t.Run(tt.athlete, func(t *testing.T) {
			var dir string
			if tt.athlete == "steady" {
				dir = filepath.Join(t.TempDir(), "steady")
				writeSeason(t, synth.Steady, dir)
			} else {
				dir = teamAthlete(t, 1, tt.athlete)
			}
			res := itbcheck(t, nil, "analyze", "--format", "json", dir)
			r := parseReport(t, res.stdout)
			spikes := map[string]bool{} // severities session-spike gave
			for _, f := range r.Athletes[0].Findings {
				if f.Rule == "session-spike" && rank(f.Severity) >= rank("low") {
					spikes[f.Severity] = true
				}
			}
			if tt.marked != (len(spikes) > 0) {
				t.Fatalf("%s: session-spike findings %v, want some: %v", tt.athlete, spikes, tt.marked)
			}
			page := itbcheck(t, nil, "analyze", "--format", "html", dir)
			text := html.UnescapeString(string(page.stdout))
			if got := strings.Contains(text, legend); got != tt.marked {
				t.Fatalf("%s: chart has the session-spike marker %v, want %v", tt.athlete, got, tt.marked)
			}
			tips := tipText.FindAllStringSubmatch(text, -1)
			if tt.marked && len(tips) == 0 {
				t.Fatalf("%s: no marked run says its distance against the 30-day longest", tt.athlete)
			}
			for _, m := range tips {
				km, _ := strconv.ParseFloat(m[1], 64)
				pct, _ := strconv.ParseFloat(m[2], 64)
				longest, _ := strconv.ParseFloat(m[3], 64)
				if pct <= 10 || math.Abs((km/longest-1)*100-pct) > 1 {
					t.Errorf("%s: marked run %q is not > 10 %% over its 30-day longest", tt.athlete, m[0])
				}
				if !spikes[m[4]] && m[4] != "low" {
					t.Errorf("%s: marked run %q at a severity no finding gave (%v)", tt.athlete, m[0], spikes)
				}
			}
		})
	}
}

// TestPreviousPainOncePerAthlete: the creeping athlete's April knee pain
// is named once in each human report (under "Previous pain", with the
// patterns it is named beside), not in every pattern's line, and once in
// JSON's previous_pain; the goldens are what the CLI prints
// (TestRealisticReportGolden).
func TestPreviousPainOncePerAthlete(t *testing.T) {
	const said = "You logged outer-knee pain on the left in April (worst 5/10)"
	for _, file := range []string{"realistic.txt", "realistic-verbose.txt", "realistic.md", "realistic.html", "realistic.json"} {
		b, err := os.ReadFile(filepath.Join(realisticGolden, file))
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(strings.Fields(html.UnescapeString(string(b))), " ")
		if n := strings.Count(text, said); n != 1 {
			t.Errorf("%s names the April pain %d times, want once", file, n)
		}
		if file != "realistic.json" && !strings.Contains(text, "Named beside: Run longer than your recent longest") {
			t.Errorf("%s does not say which patterns the pain is named beside", file)
		}
	}
}

// TestTrackRunsCounted: the track athlete's track runs are counted in the
// weekly figures (gct_balance_track_runs, "(1t)" beside the runs), and
// gct-imbalance judged or named them: a status naming the track runs it
// did not judge, or a judged status without one when every track run had
// a track baseline (DOMAIN.md: track runs are judged apart).
func TestTrackRunsCounted(t *testing.T) {
	dir := teamAthlete(t, 1, "track-intervals")
	res := itbcheck(t, nil, "analyze", "--format", "json", dir)
	var doc struct {
		Athletes []struct {
			Weeks []struct {
				Week  string `json:"week"`
				Track int    `json:"gct_balance_track_runs"`
			} `json:"weeks"`
			Rules []struct {
				Rule   string `json:"rule"`
				Status string `json:"status"`
				Reason string `json:"reason"`
			} `json:"rules"`
		} `json:"athletes"`
	}
	if err := json.Unmarshal(res.stdout, &doc); err != nil || len(doc.Athletes) != 1 {
		t.Fatalf("json: %v", err)
	}
	a := doc.Athletes[0]
	weeks, runs := 0, 0
	for _, w := range a.Weeks {
		if w.Track > 0 {
			weeks++
			runs += w.Track
		}
	}
	if weeks < 4 {
		t.Fatalf("track-intervals: %d weeks with track runs in the weekly figures, want its weekly sessions", weeks)
	}
	for _, st := range a.Rules {
		if st.Rule == "gct-imbalance" {
			t.Logf("%d track runs in %d weeks; gct-imbalance %s %s", runs, weeks, st.Status, st.Reason)
		}
		if st.Rule == "gct-imbalance" && st.Reason != "" && !strings.Contains(st.Reason, "track runs not judged") {
			t.Errorf("gct-imbalance status %+v", st)
		}
	}
	text := itbcheck(t, nil, "analyze", "--verbose", dir)
	if n := strings.Count(string(text.stdout), "t) "); n < weeks {
		t.Errorf("the weekly table marks %d weeks' track runs, want %d:\n%s", n, weeks, text.stdout)
	}
	if !strings.Contains(string(text.stdout), "of the runs on a track, their balance judged apart") {
		t.Errorf("the weekly table does not say what (1t) is")
	}
}

// TestWindowKeepsWhatWasBeforeIt: a report window that starts after the
// April knee pain still names it beside the patterns in the window (the
// pain is in the whole season's log), and a window that starts inside
// the 30 days before a session-spike run still marks that run on the
// chart (it was judged against the runs before the window).
func TestWindowKeepsWhatWasBeforeIt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "creep")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s := realisticSeason(t)
	if _, err := s.WriteFIT(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WriteSymptoms(dir); err != nil {
		t.Fatal(err)
	}
	res := itbcheck(t, nil, "analyze", "--format", "json", "--since", "2026-05-18", dir)
	var doc struct {
		Athletes []struct {
			PreviousPain []struct {
				Site  string `json:"site"`
				Month string `json:"month"`
			} `json:"previous_pain"`
			Findings []finding `json:"findings"`
		} `json:"athletes"`
	}
	if err := json.Unmarshal(res.stdout, &doc); err != nil || len(doc.Athletes) != 1 {
		t.Fatalf("json: %v\n%s", err, res.stderr)
	}
	named := false
	for _, p := range doc.Athletes[0].PreviousPain {
		named = named || p.Site == "outer-knee" && p.Month == "2026-04"
	}
	if !named {
		t.Errorf("--since 2026-05-18: the April knee pain is not named: %+v", doc.Athletes[0].PreviousPain)
	}

	// long-progression doubles its long run in week 24; the window opens
	// that week, after the 30 days the run was judged against.
	lp := teamAthlete(t, 1, "long-progression")
	full := parseReport(t, itbcheck(t, nil, "analyze", "--format", "json", lp).stdout)
	last := ""
	for _, f := range full.Athletes[0].Findings {
		if f.Rule == "session-spike" && f.Severity == "medium" {
			last = f.Date
		}
	}
	if last == "" {
		t.Fatal("long-progression: no medium session-spike (the doubled long run)")
	}
	page := itbcheck(t, nil, "analyze", "--format", "html", "--since", last, lp)
	if text := html.UnescapeString(string(page.stdout)); !strings.Contains(text, "run session-spike fired on (medium)") {
		t.Errorf("--since %s: the doubled long run is not marked on the chart", last)
	}
}
