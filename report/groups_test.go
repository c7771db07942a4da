package report

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// repeatedFixture is the fixture with gct-imbalance firing in four weeks
// and a medium compound-risk finding, as a season where patterns persist.
func repeatedFixture() *screen.Report {
	r := fixture()
	alice := r.Athletes[1]
	var gct rules.Finding
	for _, f := range alice.Findings {
		if f.Rule == rules.GCTImbalance {
			gct = f
		}
	}
	for i, d := range []string{"2026-03-30", "2026-04-06", "2026-04-20"} {
		f := gct
		f.Date = mustDay(d)
		f.Value = 1.6 + float64(i)*0.6
		f.Threshold, f.Severity = 1.5, rules.Medium
		if f.Value > 2.2 {
			f.Threshold, f.Severity = 2.2, rules.High
		}
		alice.Findings = append(alice.Findings, f)
	}
	alice.Findings = append(alice.Findings, rules.Finding{
		Rule: rules.ByID("compound-risk"), Severity: rules.Medium, Date: mustDay("2026-03-30"), Metric: "risk_families",
		Value: 2, Threshold: 2, Summary: "2 risk families at medium or higher in the same week",
		Mechanism:   []rules.Link{rules.TrainingLoad, rules.GaitCompensation, rules.PelvicTilt, rules.LumbarOverload},
		Explanation: "Patterns feed one another.", Advice: "Ease off.",
	})
	return r
}

func renderReport(t *testing.T, r *screen.Report, format string) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, format, r, Options{Verbose: true}); err != nil {
		t.Fatalf("Render(%s): %v", format, err)
	}
	return b.String()
}

// TestGroupedOncePerRule checks that a rule firing in four weeks gets one
// block: four finding lines, but its explanation once, and its advice once
// in the action list, never "as above".
func TestGroupedOncePerRule(t *testing.T) {
	for _, format := range []string{"text", "markdown", "html"} {
		t.Run(format, func(t *testing.T) {
			out := renderReport(t, repeatedFixture(), format)
			flat := strings.Join(strings.Fields(out), " ")
			if format == "html" {
				flat = html.UnescapeString(flat)
			}
			// The texts come from the rule, once per block.
			for _, s := range sentences(rules.GCTImbalance.Advice) {
				if n := strings.Count(flat, strings.Join(strings.Fields(s), " ")); n != 1 {
					t.Errorf("advice sentence said %d times, want 1: %q", n, s)
				}
			}
			if strings.Contains(strings.ToLower(flat), "as above") {
				t.Errorf("a block points away to advice said elsewhere")
			}
			if n := strings.Count(flat, strings.Join(strings.Fields(rules.GCTImbalance.Explanation), " ")); n != 1 {
				t.Errorf("gct-imbalance explanation appears %d times, want 1", n)
			}
			for _, d := range []string{"2026-03-30", "2026-04-06", "2026-04-13", "2026-04-20"} {
				if !strings.Contains(flat, d) {
					t.Errorf("finding of %s missing", d)
				}
			}
			// compound-risk leads, though load-spike is the higher.
			c, l := strings.Index(flat, "Several risk patterns at once"), strings.Index(flat, "Training load spike")
			if c < 0 || l < 0 || c > l {
				t.Errorf("compound-risk does not come first: at %d, load-spike at %d", c, l)
			}
		})
	}
}

// TestVerdict checks the lines that head the open and the resolved
// patterns: one per rule, in block order, with the date range and the
// strongest number; an open pattern tagged with its severity open now.
func TestVerdict(t *testing.T) {
	out := renderReport(t, repeatedFixture(), "text")
	flat := strings.Join(strings.Fields(out), " ")
	open := strings.Index(flat, "Open at the last run, 58 days ago: 2 risk patterns (in the weeks since 13 Apr)")
	resolved := strings.Index(flat, "Resolved: 3 risk patterns, none in the weeks since 13 Apr")
	if open < 0 || resolved < open {
		t.Fatalf("no open and resolved heads in order:\n%s", out)
	}
	for _, tt := range []struct {
		want string
		from int
	}{
		{"[HIGH] Uneven ground contact balance: 4 times from 30 Mar to 20 Apr, at worst 2.8 pp", open},
		{"[MEDIUM] Cadence fading late in long runs: run on 21 Apr, -5.7 %", open},
		{"[MEDIUM] Several risk patterns at once: week of 30 Mar, 2 families", resolved},
		{"[HIGH] Training load spike: week of 30 Mar, 1.49×", resolved},
		{"[MEDIUM] Weekly distance jump: week of 30 Mar, +35 %", resolved},
	} {
		i := strings.Index(flat[tt.from:], tt.want)
		if i < 0 || (tt.from == open && tt.from+i > resolved) {
			t.Errorf("lacks %q in its section:\n%s", tt.want, flat[tt.from:])
		}
	}
	if strings.Count(flat, "Open at the last run, ") != 1 {
		t.Errorf("want exactly one open head (bob has no findings)")
	}
}

func TestEvidenceText(t *testing.T) {
	tests := []struct {
		rule, metric string
		value, limit float64
		want         string
	}{
		{"load-spike", "load_ratio", 1.8, 1.5, "1.80× (limit 1.50×)"},
		{"weekly-jump", "week_change_pct", 79.16, 30, "+79 % (limit +30 %)"},
		{"cadence-drop", "cadence_change_pct", -6.91, -5, "-6.9 % (limit -5 %)"},
		{"cadence-fade", "cadence_change_pct", -5.04, -5, "-5.04 % (limit -5.00 %)"},
		{"gct-imbalance", "gct_asymmetry_pp", 2.58, 2.2, "2.6 pp (limit 2.2 pp)"},
		{"gct-imbalance", "gct_asymmetry_pp", 2.23, 2.2, "2.23 pp (limit 2.20 pp)"},
		{"asymmetry-drift", "asymmetry_drift_pp", 1.04, 1, "1.04 pp (limit 1.00 pp)"},
		{"compound-risk", "risk_families", 3, 2, "3 families (limit 2)"},
		{"low-cadence", "cadence_spm", 157.73, 160, "158 spm (limit 160 spm)"},
		{"shoe-mileage", "shoe_km", 812.4, 800, "812 km (limit 800 km)"},
		{"downhill-load", "descent_m", 1040, 1000, "1040 m (limit 1000 m)"},
		{"monotony", "monotony", 2.1, 2, "monotony 2.10 (limit 2.00)"},
		{"no-such-rule", "widgets", 1.234, 1, "widgets 1.23 (limit 1.00)"},
		{"load-spike", "", 1.8, 1.5, ""},
	}
	for _, tt := range tests {
		r := rules.ByID(tt.rule)
		if r == nil {
			r = &rules.Rule{ID: tt.rule}
		}
		f := rules.Finding{Rule: r, Metric: tt.metric, Value: tt.value, Threshold: tt.limit}
		if got := evidenceText(f); got != tt.want {
			t.Errorf("evidenceText(%s %v/%v) = %q, want %q", tt.rule, tt.value, tt.limit, got, tt.want)
		}
	}
}

// Issue 13 item 11: implausible "runs" are noted, with their count, in
// every human report.
func TestImplausibleRunsNoted(t *testing.T) {
	for _, format := range []string{"text", "markdown", "html"} {
		t.Run(format, func(t *testing.T) {
			r := fixture()
			s := r.Athletes[1].Season
			if s == nil || len(s.Runs) < 2 {
				t.Fatal("fixture athlete has no season")
			}
			s.Runs[0].Implausible, s.Runs[0].IsRun = "longer than 300 km (7158 km)", false
			s.Runs[1].Implausible, s.Runs[1].IsRun = "distance (12.0 km) without duration", false
			out := html.UnescapeString(strings.Join(strings.Fields(renderReport(t, r, format)), " "))
			if !strings.Contains(out, "2 activities tagged as runs listed as implausible (e.g. longer than 300 km (7158 km))") {
				t.Errorf("%s report lacks the implausible note", format)
			}
		})
	}
}
