package e2e

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/itbcheck/itbcheck/testkit/synth"
)

// row is one line of the table TestPatterns logs: what a pattern expects
// and what fired.
type row struct {
	pattern, expected, fired, status string
}

// TestPatterns runs `itbcheck analyze` and `itbcheck check` on every
// ready-made season and checks recall (each expected finding in its week at
// its severity or above) and precision (nothing else at medium or high, the
// controls quiet).
func TestPatterns(t *testing.T) {
	vs := variants(t)
	names := make([]string, 0, len(vs))
	for name := range vs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if name == "" {
			testPatterns(t, nil)
			continue
		}
		t.Run(name, func(t *testing.T) { testPatterns(t, vs[name]) })
	}
}

// testPatterns checks every pattern planned with opts and logs the table.
func testPatterns(t *testing.T, opts []synth.Option) {
	var mu sync.Mutex
	rows := map[synth.Pattern]row{}
	t.Run("each", func(t *testing.T) {
		for _, pi := range synth.Patterns {
			t.Run(string(pi.Pattern), func(t *testing.T) {
				t.Parallel()
				r := row{pattern: string(pi.Pattern), expected: expectedText(pi), fired: "(not run)"}
				defer func() {
					r.status = "ok"
					if t.Failed() {
						r.status = "FAIL"
					}
					mu.Lock()
					rows[pi.Pattern] = r
					mu.Unlock()
				}()
				s, a := analyzePattern(t, pi, opts)
				r.fired = firedText(s, a.Findings)
				checkRecall(t, s, a.Findings)
				checkPrecision(t, pi, s, a.Findings)
				checkWeeks(t, s, a)
			})
		}
	})
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-16s %-4s %-58s %s\n", "pattern", "", "expected", "fired (highest severity, first season week at it)")
	for _, pi := range synth.Patterns {
		r := rows[pi.Pattern]
		fmt.Fprintf(&b, "%-16s %-4s %-58s %s\n", r.pattern, r.status, r.expected, r.fired)
	}
	t.Log(b.String())
}

// analyzePattern writes pattern pi's season, runs analyze and check on it,
// checks their exit codes and returns the season and the athlete's report.
func analyzePattern(t *testing.T, pi synth.PatternInfo, opts []synth.Option) (synth.Season, athleteReport) {
	dir := filepath.Join(t.TempDir(), string(pi.Pattern))
	s := writeSeason(t, pi.Pattern, dir, opts...)
	res := itbcheck(t, nil, "analyze", "--format", "json", "--no-progress", dir)
	if res.code != 0 {
		t.Fatalf("analyze exit %d, want 0; stderr:\n%s", res.code, res.stderr)
	}
	rep := parseReport(t, res.stdout)
	if len(rep.Athletes) != 1 {
		t.Fatalf("%d athletes in the report, want 1", len(rep.Athletes))
	}
	a := rep.Athletes[0]
	if len(a.InputsFailed) > 0 || a.Activities != len(s.Runs) {
		t.Errorf("activities %d (want %d), inputs failed %v", a.Activities, len(s.Runs), a.InputsFailed)
	}

	high := slices.ContainsFunc(a.Findings, func(f finding) bool { return f.Severity == "high" })
	want := 0
	if high {
		want = 1
	}
	if pi.Control && high {
		t.Errorf("control has a high finding")
	}
	if slices.ContainsFunc(pi.Expect, func(e synth.Expectation) bool { return e.Severity == "high" }) && !high {
		t.Errorf("pattern expects a high finding, none in the report")
	}
	chk := itbcheck(t, nil, "check", "--format", "json", "--no-progress", dir)
	if chk.code != want {
		t.Errorf("check exit %d, want %d (high finding: %v); stderr:\n%s", chk.code, want, high, chk.stderr)
	}
	return s, a
}

// checkRecall: every expectation fires at its severity or above in its
// week, and not before (the expectation names the first such week). A week
// finding is dated on the Monday, a run finding on a day of the week.
func checkRecall(t *testing.T, s synth.Season, fs []finding) {
	t.Helper()
	for _, e := range s.Expect {
		monday := time.Date(e.Monday.Year(), e.Monday.Month(), e.Monday.Day(), 0, 0, 0, 0, time.UTC)
		found := false
		for _, f := range fs {
			if f.Rule != e.Rule || rank(f.Severity) < rank(e.Severity) {
				continue
			}
			d := day(t, f.Date)
			w := seasonWeek(s, d)
			switch {
			case w < e.Week:
				t.Errorf("%s %s on %s (season week %d), before the injected week %d: %s", f.Rule, f.Severity, f.Date, w, e.Week, f.Summary)
			case w == e.Week:
				found = true
				if f.Activity == nil && !d.Equal(monday) {
					t.Errorf("%s: week finding dated %s, want the Monday %s", f.Rule, f.Date, monday.Format(time.DateOnly))
				}
			}
		}
		if !found {
			t.Errorf("missed: %s at %s or above in week %d (%s, %s)", e.Rule, e.Severity, e.Week, e.ISOWeek(), monday.Format(time.DateOnly))
		}
	}
}

// checkPrecision: nothing outside the expected rules at medium or high, and
// the controls without any medium or high finding.
func checkPrecision(t *testing.T, pi synth.PatternInfo, s synth.Season, fs []finding) {
	t.Helper()
	for _, f := range fs {
		if rank(f.Severity) < rank("medium") {
			continue
		}
		switch {
		case pi.Control:
			t.Errorf("control: %s %s on %s (week %d): %s", f.Rule, f.Severity, f.Date, seasonWeek(s, day(t, f.Date)), f.Summary)
		case !slices.ContainsFunc(s.Expect, func(e synth.Expectation) bool { return e.Rule == f.Rule }):
			t.Errorf("false positive: %s %s on %s (week %d): %s", f.Rule, f.Severity, f.Date, seasonWeek(s, day(t, f.Date)), f.Summary)
		}
	}
}

// checkWeeks compares the report's weekly running km with the plan's and
// checks the GCT balance column: null without running dynamics (and no
// finding that needs them), a value on every week with runs otherwise.
func checkWeeks(t *testing.T, s synth.Season, a athleteReport) {
	t.Helper()
	km := s.WeeklyKm()
	byWeek := map[int]weekReport{}
	for _, w := range a.Weeks {
		byWeek[seasonWeek(s, day(t, w.Week))] = w
	}
	for i, want := range km {
		w, ok := byWeek[i+1]
		if !ok || w.DistanceKm == nil {
			t.Errorf("week %d: missing from the report (plan %.1f km)", i+1, want)
			continue
		}
		if math.Abs(*w.DistanceKm-want) > 0.1+0.005*want {
			t.Errorf("week %d: %.2f km, plan %.2f km", i+1, *w.DistanceKm, want)
		}
		switch {
		case !s.Dynamics && w.GCTBalanceLeftPct != nil:
			t.Errorf("week %d: gct_balance_left_pct %.1f without running dynamics, want null", i+1, *w.GCTBalanceLeftPct)
		case s.Dynamics && w.Runs > 0 && w.GCTBalanceLeftPct == nil:
			t.Errorf("week %d: gct_balance_left_pct null with running dynamics", i+1)
		}
	}
	if !s.Dynamics {
		for _, f := range a.Findings {
			if f.Rule == "gct-imbalance" || f.Rule == "asymmetry-drift" {
				t.Errorf("%s without running dynamics: %s", f.Rule, f.Summary)
			}
		}
	}
}

// expectedText gives a pattern's expectations as "rule≥sev@wN".
func expectedText(pi synth.PatternInfo) string {
	if pi.Control {
		return "(control: nothing ≥ medium)"
	}
	var parts []string
	for _, e := range pi.Expect {
		parts = append(parts, fmt.Sprintf("%s≥%s@w%d", e.Rule, e.Severity[:1], e.Week))
	}
	return strings.Join(parts, " ")
}

// firedText sums up the findings per rule: the highest severity and the
// first season week it was reached, in order of first appearance.
func firedText(s synth.Season, fs []finding) string {
	type top struct {
		sev  string
		week int
	}
	var order []string
	tops := map[string]top{}
	for _, f := range fs {
		d, err := time.Parse(time.DateOnly, f.Date)
		if err != nil {
			continue
		}
		w := seasonWeek(s, d)
		cur, seen := tops[f.Rule]
		if !seen {
			order = append(order, f.Rule)
		}
		if !seen || rank(f.Severity) > rank(cur.sev) || (rank(f.Severity) == rank(cur.sev) && w < cur.week) {
			tops[f.Rule] = top{f.Severity, w}
		}
	}
	if len(order) == 0 {
		return "-"
	}
	var parts []string
	for _, id := range order {
		parts = append(parts, fmt.Sprintf("%s:%s@w%d", id, tops[id].sev[:1], tops[id].week))
	}
	return strings.Join(parts, " ")
}

// TestLocalWeeks runs two seasons in America/Denver, where daylight saving
// starts in the season's second week and the Sunday-evening runs of the
// load-spike pattern fall on Monday in UTC: weeks must be the athlete's
// local ISO weeks.
func TestLocalWeeks(t *testing.T) {
	denver, err := time.LoadLocation("America/Denver")
	if err != nil {
		t.Skipf("no time zone database: %v", err)
	}
	d := synth.DefaultStart
	start := synth.WithStart(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, denver))
	for _, pi := range synth.Patterns {
		if pi.Pattern != synth.Steady && pi.Pattern != synth.LoadSpike {
			continue
		}
		t.Run(string(pi.Pattern), func(t *testing.T) {
			t.Parallel()
			s, a := analyzePattern(t, pi, []synth.Option{start})
			checkRecall(t, s, a.Findings)
			checkPrecision(t, pi, s, a.Findings)
			checkWeeks(t, s, a)
		})
	}
}
