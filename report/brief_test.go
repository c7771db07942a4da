package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
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

// TestTextBriefStale: data whose last run is more than 14 days before the
// report's date says so first and speaks of the last weeks of data, never
// of "now" or "this week" (DOMAIN.md, Stale data).
func TestTextBriefStale(t *testing.T) {
	out := renderOpt(t, alone(), Options{}) // generated 2026-06-22, last run 2026-04-25
	flat := strings.Join(strings.Fields(out), " ")
	want := "Last run: 58 days ago (2026-04-25): what follows is as of then, not now"
	i := strings.Index(flat, want)
	if i < 0 || i > strings.Index(flat, "Period:") {
		t.Errorf("brief text does not start with %q:\n%s", want, out)
	}
	for _, never := range []string{"Open now", "This week"} {
		if strings.Contains(flat, never) {
			t.Errorf("stale brief text says %q:\n%s", never, out)
		}
	}
	if !strings.Contains(flat, "Open at the last run, 58 days ago: 2 risk patterns") {
		t.Errorf("stale brief text lacks its open patterns:\n%s", out)
	}
}

// TestTextBrief checks the default view in the reader's order: the one
// action list ("This week": the data is current), the open patterns
// each with its own explanation, what could not be judged, the resolved
// ones and the notes, in one screen.
func TestTextBrief(t *testing.T) {
	r := alone()
	r.GeneratedAt = time.Date(2026, 4, 27, 9, 0, 0, 0, time.UTC) // two days after the last run: fresh data
	out := renderOpt(t, r, Options{})
	flat := strings.Join(strings.Fields(out), " ")
	last := -1
	for _, want := range []string{
		"Config: none (built-in defaults). Thresholds: the defaults (itbcheck rules lists them).",
		"This week",
		"1. Strengthen gluteus medius",
		"(for cadence fading late in long runs, uneven ground contact balance)",
		"Open now: 2 risk patterns (in the weeks since 13 Apr)",
		"[MEDIUM] Cadence fading late in long runs: run on 21 Apr, -5.7 %",
		"A step rate that falls late in a long run",
		"[LOW] Uneven ground contact balance: weeks of 13 Apr to 20 Apr, 0.9 pp",
		"Spending longer on the ground with one foot",
		"Why it matters:",
		"Not judged",
		"- Could not judge track laps run one way (no GPS).",
		"1 input could not be read:",
		"Resolved: 2 risk patterns, none in the weeks since 13 Apr",
		"[HIGH] Training load spike: week of 30 Mar, 1.49×",
		"[MEDIUM] Weekly distance jump: week of 30 Mar, +35 %",
		"Notes (context, no action needed)",
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
	// ≈ 75 lines: a laptop's terminal, with an unreadable input, notes,
	// each open pattern's explanation, the shoes' line and 8 weeks with
	// the table's legend (2 lines: the balance baseline column), a judged
	// rule that left runs out (3 lines); what to do comes first.
	if n := strings.Count(out, "\n"); n > 82 {
		t.Errorf("brief report of one athlete is %d lines, want ≤ 82", n)
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

// TestVerboseSaysEachTextOnce checks that in the full view each advice
// sentence is said once, in the action list, and no block points away to
// it.
func TestVerboseSaysEachTextOnce(t *testing.T) {
	out := renderOpt(t, repeatedFixture(), Options{Verbose: true})
	flat := strings.Join(strings.Fields(out), " ")
	for _, s := range sentences(rules.GCTImbalance.Advice) {
		if n := strings.Count(flat, strings.Join(strings.Fields(s), " ")); n != 1 {
			t.Errorf("advice sentence said %d times, want 1: %q", n, s)
		}
	}
	if strings.Contains(flat, "as above") || strings.Contains(flat, "What to do:") {
		t.Errorf("a block points to, or repeats, the advice of the action list")
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

// TestACWRMarkersLegend: the ACWR chart's triangles, on load-spike's
// weeks only (the rule that judges the ACWR), have a legend entry; a week
// of weekly-jump alone gets none.
func TestACWRMarkersLegend(t *testing.T) {
	var b bytes.Buffer
	if err := Render(&b, "html", alone(), Options{}); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "week load-spike fired"); n != 1 {
		t.Errorf("the ACWR legend names load-spike's weeks %d times, want 1", n)
	}
	r := alone()
	var kept []rules.Finding
	for _, f := range r.Athletes[0].Findings {
		if f.Rule != rules.LoadSpike {
			kept = append(kept, f)
		}
	}
	r.Athletes[0].Findings = kept // weekly-jump still fires that week
	if svg := string(weeklyChart(r.Athletes[0]).SVG); strings.Contains(svg, "week load-spike fired") {
		t.Errorf("a week of weekly-jump alone is marked on the ACWR chart")
	}
}
