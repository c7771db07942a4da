package main

import (
	"encoding/json"
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestChartsShowTheJudgedDeparture: on the sample's alice, the HTML
// cadence and balance charts show each week the departure the finding
// they illustrate states, because they draw the baseline the rule judged
// the week by (not one recomputed with the pattern's own weeks in it,
// which showed −3 % beside a finding of −7.1 %); a balance week judged by
// a trend shows the trend and is drawn at its start.
func TestChartsShowTheJudgedDeparture(t *testing.T) {
	in, err := filepath.Abs(sampleAlice)
	if err != nil {
		t.Fatal(err)
	}
	isolate(t)
	code, out, stderr := runCLI(t, "analyze", "--format", "json", in)
	if code != exitOK {
		t.Fatalf("json: exit %d: %s", code, stderr)
	}
	var doc struct {
		Athletes []struct {
			Findings []struct {
				Rule    string  `json:"rule"`
				Value   float64 `json:"value"`
				Summary string  `json:"summary"`
			} `json:"findings"`
		} `json:"athletes"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Athletes) != 1 {
		t.Fatalf("json: %v", err)
	}
	code, page, stderr := runCLI(t, "analyze", "--format", "html", in)
	if code != exitOK {
		t.Fatalf("html: exit %d: %s", code, stderr)
	}
	page = html.UnescapeString(page)
	balance := regexp.MustCompile(`GCT balance (\d+\.\d) % left, (\d+\.\d) pp (?:above|below) your baseline of (\d+\.\d) %`)
	trend := regexp.MustCompile(`trending [+-]\d+\.\d\d pp a week since the week of \d{4}-\d\d-\d\d: [+-]\d+\.\d pp since then \(from \d+\.\d %\)`)
	cadence, shift := 0, 0
	for _, f := range doc.Athletes[0].Findings {
		var want string
		switch f.Rule {
		case "cadence-drop":
			cadence++
			want = fmt.Sprintf("the week's median run %+.1f %% against the baseline. Finding: Cadence down", f.Value)
		case "gct-imbalance":
			m := balance.FindStringSubmatch(f.Summary)
			if m == nil {
				t.Fatalf("gct-imbalance summary %q: no balance, departure and baseline", f.Summary)
			}
			shift++
			want = fmt.Sprintf("the week's mean %s %%, %s pp from your baseline of %s %%", m[1], m[2], m[3])
			if tr := trend.FindString(f.Summary); tr != "" {
				// Judged by a trend: the chart says the trend, drawn at
				// its start (principle 8).
				want = fmt.Sprintf("the week's mean %s %%, %s", m[1], tr)
			}
		default:
			continue
		}
		if !strings.Contains(page, want) {
			t.Errorf("%s finding %q: the chart never says %q", f.Rule, f.Summary, want)
		}
	}
	if cadence < 2 || shift < 1 {
		t.Fatalf("alice has %d cadence-drop and %d gct-imbalance findings, want at least 2 and 1", cadence, shift)
	}
}
