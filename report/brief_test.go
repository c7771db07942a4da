package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// alone is the fixture's first risky athlete as a one-athlete report.
func alone() *screen.Report {
	r := fixture()
	for _, a := range r.Athletes {
		if a.Name == "alice" {
			r.Athletes = []*screen.Athlete{a}
		}
	}
	return r
}

func renderOpt(t *testing.T, r *screen.Report, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, "text", r, opt); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestTextBrief checks the default view: open patterns before the one
// action list, then the resolved ones and what could not be judged, in
// one screen.
func TestTextBrief(t *testing.T) {
	out := renderOpt(t, alone(), Options{})
	flat := strings.Join(strings.Fields(out), " ")
	last := -1
	for _, want := range []string{
		"Config: none (built-in defaults). Thresholds: the defaults (itbcheck rules lists them).",
		"Open now: 2 risk patterns (in the weeks since 13 Apr)",
		"[MEDIUM] Cadence fading late in long runs: run on 21 Apr, -5.7 %",
		"[LOW] Uneven ground contact balance: weeks of 13 Apr to 20 Apr, 0.9 pp",
		"Why it matters:",
		"This week",
		"Resolved: 2 risk patterns, none in the weeks since 13 Apr",
		"[HIGH] Training load spike: week of 30 Mar, 1.49×",
		"[MEDIUM] Weekly distance jump: week of 30 Mar, +35 %",
		"Not judged yet",
		"- Could not judge track laps run one way (no GPS).",
		"Weekly running",
		"--verbose lists every episode in full",
	} {
		i := strings.Index(flat, want)
		if i < 0 {
			t.Fatalf("brief text lacks %q:\n%s", want, out)
		}
		if i < last {
			t.Errorf("%q out of order", want)
		}
		last = i
	}
	// The resolved load spike gives no action: its own advice sentence
	// ("Cut back …") is not in the list.
	if strings.Contains(flat, "Cut back to the last well-tolerated week") {
		t.Errorf("the action list holds the advice of a resolved pattern")
	}
	// Each sentence of advice once per report.
	for _, g := range groupByRule(alone().Athletes[0].Findings) {
		for _, s := range sentences(g.Advice) {
			if n := strings.Count(flat, strings.Join(strings.Fields(s), " ")); n > 1 {
				t.Errorf("advice sentence said %d times: %q", n, s)
			}
		}
	}
	// No episode in full: the finding lines of the verbose view are absent.
	if strings.Contains(flat, "(limit ") || strings.Contains(flat, "(load-spike)") {
		t.Errorf("the brief view holds full episode lines")
	}
	// ≈ 60 lines: a screen, with an unreadable input, notes and 8 weeks.
	if n := strings.Count(out, "\n"); n > 66 {
		t.Errorf("brief report of one athlete is %d lines, want ≤ 66", n)
	}
}

// TestTextWidth checks that the text wraps at the width asked for, and at
// 80 columns without one.
func TestTextWidth(t *testing.T) {
	for _, tt := range []struct{ width, want int }{{0, 80}, {50, 50}, {120, 120}, {20, minWidth}} {
		for _, verbose := range []bool{false, true} {
			out := renderOpt(t, fixture(), Options{Width: tt.width, Verbose: verbose})
			widest := 0
			for i, l := range strings.Split(out, "\n") {
				n := utf8.RuneCountInString(l)
				widest = max(widest, n)
				if n > tt.want && !strings.Contains(l, "week ") && !strings.HasPrefix(strings.TrimSpace(l), "20") {
					t.Errorf("width %d verbose %v: line %d is %d columns: %q", tt.width, verbose, i+1, n, l)
				}
			}
			if tt.want >= 80 && widest < tt.want-10 {
				t.Errorf("width %d: widest line %d, the text does not use the width", tt.width, widest)
			}
		}
	}
}

// TestVerboseSaysEachTextOnce checks that in the full view a rule's
// advice already given is pointed to, not repeated.
func TestVerboseSaysEachTextOnce(t *testing.T) {
	out := renderOpt(t, repeatedFixture(), Options{Verbose: true})
	flat := strings.Join(strings.Fields(out), " ")
	for _, s := range sentences(rules.GCTImbalance.Advice) {
		if n := strings.Count(flat, strings.Join(strings.Fields(s), " ")); n != 1 {
			t.Errorf("advice sentence said %d times, want 1: %q", n, s)
		}
	}
	if !strings.Contains(flat, "What to do: as above.") {
		t.Errorf("a repeated advice is not pointed to")
	}
}

func TestThresholdsText(t *testing.T) {
	hi := 1.6
	off := false
	on := true
	c := &rules.Config{Rules: map[string]rules.Settings{
		"load-spike": {High: &hi},
		"monotony":   {Enabled: &off},
	}}
	for _, r := range rules.All {
		if r.DisabledByDefault {
			c.Rules[r.ID] = rules.Settings{Enabled: &on}
			break
		}
	}
	got := thresholdsText(c)
	for _, want := range []string{"the defaults except", "load-spike low ≥ 1.30", "high ≥ 1.60", "monotony off"} {
		if !strings.Contains(got, want) {
			t.Errorf("thresholdsText = %q, lacks %q", got, want)
		}
	}
	if got := thresholdsText(nil); got != "the defaults (itbcheck rules lists them)" {
		t.Errorf("thresholdsText(nil) = %q", got)
	}
	r := alone()
	r.ConfigFile = "team/itbcheck.yaml"
	r.RuleConfig = c
	for _, format := range []string{"text", "markdown", "html"} {
		var b bytes.Buffer
		if err := Render(&b, format, r, Options{}); err != nil {
			t.Fatal(err)
		}
		out := strings.Join(strings.Fields(b.String()), " ")
		if !strings.Contains(out, "Config: team/itbcheck.yaml. Thresholds: the defaults except") {
			t.Errorf("%s does not name the config in force:\n%s", format, out)
		}
	}
}

func TestSentences(t *testing.T) {
	got := sentences("Cut back 10 % a week; rest. Strengthen (e.g. clamshells). If pain persists, see a physio.")
	want := []string{"Cut back 10 % a week; rest.", "Strengthen (e.g. clamshells).", "If pain persists, see a physio."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sentences = %q, want %q", got, want)
	}
}

// TestWeeklyChartColoursLoadOnly: the weekly-km chart colours only weeks
// of training-load findings; a balance week stays plain.
func TestWeeklyChartColoursLoadOnly(t *testing.T) {
	a := alone().Athletes[0]
	fs := a.Findings
	got := byWeek(findingsOf(fs, weeklyChart(a).About))
	if _, ok := got["2026-03-30"]; !ok {
		t.Errorf("the load spike's week is not coloured: %v", got)
	}
	if _, ok := got["2026-04-13"]; ok {
		t.Errorf("the balance finding's week is coloured on the km chart: %v", got)
	}
	if _, ok := flaggedWeeks(fs)["2026-04-13"]; !ok {
		t.Fatalf("fixture: no finding in the week of 2026-04-13")
	}
}

// TestACWRMarkersLegend: the ACWR chart's triangles, on load-rule weeks
// only, have a legend entry.
func TestACWRMarkersLegend(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, "html", alone(), Options{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "week a load rule fired"); n != 1 {
		t.Errorf("the ACWR legend names the load-rule weeks %d times, want 1", n)
	}
}
