package e2e

import (
	"fmt"
	"path/filepath"
	"testing"
)

// sampleDir is the project's generated sample team (testdata/sample).
func sampleDir(t *testing.T, athlete string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sample", athlete))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReportingWindow checks that --since/--until are a reporting window:
// the history before --since feeds the baselines, so a window starting
// mid-week neither invents a jump against a partial week nor hides the
// real spike, and every finding in a window is one the whole season has.
func TestReportingWindow(t *testing.T) {
	alice := sampleDir(t, "alice")
	analyse := func(args ...string) athleteReport {
		t.Helper()
		res := itbcheck(t, nil, append([]string{"analyze", "--format", "json", alice}, args...)...)
		if res.code != 0 {
			t.Fatalf("analyze %v: exit %d: %s", args, res.code, res.stderr)
		}
		r := parseReport(t, res.stdout)
		if len(r.Athletes) != 1 {
			t.Fatalf("%d athletes, want 1", len(r.Athletes))
		}
		return r.Athletes[0]
	}
	key := func(f finding) string {
		v := "null"
		if f.Value != nil {
			v = fmt.Sprintf("%.3f", *f.Value)
		}
		return fmt.Sprintf("%s %s %s %s", f.Rule, f.Severity, f.Date, v)
	}
	whole := map[string]bool{}
	wholeStart := map[string]bool{} // rule, severity and date alone
	startKey := func(f finding) string { return f.Rule + " " + f.Severity + " " + f.Date }
	for _, f := range analyse().Findings {
		whole[key(f)] = true
		wholeStart[startKey(f)] = true
	}
	has := func(a athleteReport, rule, sev, date string) bool {
		for _, f := range a.Findings {
			if f.Rule == rule && f.Severity == sev && f.Date == date {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name      string
		args      []string
		firstWeek string // of the weekly table
		mustHave  [][3]string
		notBefore string // no finding (episode) ending before this day ("" for no bound)
		notAfter  string // no finding starting after this day
		openFrom  string // with notAfter: the cut's Monday; an episode reaching it is still open
	}{
		{name: "since a Friday", args: []string{"--since", "2026-05-01"}, firstWeek: "2026-04-27",
			mustHave: [][3]string{{"load-spike", "medium", "2026-05-04"}, {"weekly-jump", "high", "2026-05-04"}}, notBefore: "2026-04-27"},
		{name: "since the spike's Monday", args: []string{"--since", "2026-05-04"}, firstWeek: "2026-05-04",
			mustHave: [][3]string{{"load-spike", "medium", "2026-05-04"}, {"compound-risk", "high", "2026-05-04"}}, notBefore: "2026-05-04"},
		{name: "until", args: []string{"--until", "2026-05-10"}, mustHave: [][3]string{{"load-spike", "medium", "2026-05-04"}}, notAfter: "2026-05-10", openFrom: "2026-05-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := analyse(tt.args...)
			for _, f := range a.Findings {
				last := f.Date // an episode ends on until
				if f.Until != nil {
					last = *f.Until
				}
				// An info note sums up the weeks it covers (a habit, a usual
				// level), so a window that ends earlier may sum up fewer; an
				// episode still open at --until has seen only its weeks so
				// far, so its peak may be lower than the whole season's.
				open := tt.notAfter != "" && last >= tt.openFrom
				if !whole[key(f)] && f.Severity != "info" && !(open && wholeStart[startKey(f)]) {
					t.Errorf("finding %s is not in the whole season's report: the window changed a figure", key(f))
				}
				if tt.notBefore != "" && last < tt.notBefore || tt.notAfter != "" && f.Date > tt.notAfter {
					t.Errorf("finding %s lies outside the window", key(f))
				}
				if f.Rule == "weekly-jump" && f.Value != nil && *f.Value > 100 {
					t.Errorf("invented jump: %s: %s", key(f), f.Summary)
				}
			}
			for _, m := range tt.mustHave {
				if !has(a, m[0], m[1], m[2]) {
					t.Errorf("no %s %s on %s in the window", m[0], m[1], m[2])
				}
			}
			if tt.firstWeek != "" {
				if len(a.Weeks) == 0 || a.Weeks[0].Week != tt.firstWeek {
					t.Fatalf("weekly table starts %v, want %s", a.Weeks, tt.firstWeek)
				}
				if a.Weeks[0].ACWR == nil {
					t.Errorf("first week of the window has no ACWR: the history before --since was not used")
				}
			}
		})
	}
}
