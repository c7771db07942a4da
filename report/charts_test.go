package report

import (
	"bytes"
	"encoding/xml"
	"image/color"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// aliceAlone is the fixture's alice, with her own copy of the findings.
func aliceAlone() *screen.Athlete {
	a := alone().Athletes[0]
	a.Findings = append([]rules.Finding(nil), a.Findings...)
	return a
}

// titles lists the <title> texts of an SVG's tooltips, unescaped.
func titles(t *testing.T, svg string) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`<title>(.*?)</title>`).FindAllStringSubmatch(svg, -1) {
		var s struct {
			Text string `xml:",chardata"`
		}
		if err := xml.Unmarshal([]byte("<t>"+m[1]+"</t>"), &s); err != nil {
			t.Fatalf("tooltip %q is not XML text: %v", m[1], err)
		}
		out = append(out, s.Text)
	}
	return out
}

func countWith(ss []string, sub string) int {
	n := 0
	for _, s := range ss {
		if strings.Contains(s, sub) {
			n++
		}
	}
	return n
}

// TestBalanceChartMarksBalanceFindings: the GCT balance chart marks the
// runs of the weeks of gct-imbalance episodes, not runs other rules name
// (a low-cadence run, the cadence-fade run outside the episode).
func TestBalanceChartMarksBalanceFindings(t *testing.T) {
	a := aliceAlone()
	a.Findings = append(a.Findings, rules.Finding{Rule: rules.ByID("low-cadence"), Severity: rules.Medium, Date: mustDay("2026-03-10"),
		Activity: "alice/run-2026-03-10.fit", Summary: "Easy run at 150 spm"})
	ch := balanceChart(a)
	svg := string(ch.SVG)
	if svg == "" {
		t.Fatalf("no balance chart: %s", ch.Note)
	}
	tips := titles(t, svg)
	// gct-imbalance, low: the weeks of 2026-04-13 and 2026-04-20, with a
	// run every other day: 7 runs.
	if n := countWith(tips, "Uneven ground contact balance (low, 2026-04-13 to 2026-04-20)"); n != 7 {
		t.Errorf("%d run tooltips name the balance episode, want 7:\n%s", n, strings.Join(tips, "\n"))
	}
	for _, other := range []string{"Low cadence", "Cadence fading"} {
		if n := countWith(tips, other); n != 0 {
			t.Errorf("%d tooltips of the balance chart name %q", n, other)
		}
	}
	for _, want := range []string{"run in a low balance finding", "weeks of a balance finding"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the balance chart's legend lacks %q", want)
		}
	}
	if got := strings.Count(svg, fillStyle(colMedium)); got != 0 {
		t.Errorf("the balance chart draws %d marks in medium's colour; its only finding is low", got)
	}
	if got := strings.Count(svg, fillStyle(colLow)); got < 7 {
		t.Errorf("the balance chart draws %d marks in low's colour, want the episode's 7 runs and the legend", got)
	}
}

// TestCadenceChartMarksCadenceFindings: the cadence chart marks the run
// a cadence rule names and the weeks of cadence-drop, not the balance
// episode's runs.
func TestCadenceChartMarksCadenceFindings(t *testing.T) {
	a := aliceAlone()
	a.Findings = append(a.Findings, rules.Finding{Rule: rules.ByID("cadence-drop"), Severity: rules.High, Date: mustDay("2026-03-09"),
		Summary: "Cadence 6 % below your baseline"})
	tips := titles(t, string(cadenceChart(a).SVG))
	if n := countWith(tips, "Cadence down from your baseline (high, week of 2026-03-09)"); n != 3 {
		t.Errorf("%d run tooltips name the cadence-drop week, want its 3 runs", n)
	}
	if n := countWith(tips, "Cadence fading late in long runs"); n != 1 {
		t.Errorf("%d run tooltips name the cadence-fade run, want 1", n)
	}
	if n := countWith(tips, "Uneven ground contact balance"); n != 0 {
		t.Errorf("%d cadence tooltips name the balance finding", n)
	}
}

// fillStyle is the style vgsvg writes for a shape filled with c.
func fillStyle(c color.Color) string {
	cv := vgsvg.New(10, 10)
	cv.SetColor(c)
	var path vg.Path
	path.Move(vg.Point{})
	path.Line(vg.Point{X: 5})
	path.Line(vg.Point{X: 5, Y: 5})
	path.Close()
	cv.Fill(path)
	var b bytes.Buffer
	if _, err := cv.WriteTo(&b); err != nil {
		panic(err)
	}
	m := regexp.MustCompile(`style="(fill:[^"]*)"`).FindAllStringSubmatch(b.String(), -1)
	return `style="` + m[len(m)-1][1] + `"`
}

// bandSpan is the height, in SVG units, of the path filled with c (the
// first one when there are several); NaN when there is none.
func bandSpan(svg string, c color.Color) float64 {
	re := regexp.MustCompile(`<path d="([^"]*)" ` + regexp.QuoteMeta(fillStyle(c)))
	m := re.FindStringSubmatch(svg)
	if m == nil {
		return math.NaN()
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, xy := range regexp.MustCompile(`[ML]([-0-9.]+),([-0-9.]+)`).FindAllStringSubmatch(m[1], -1) {
		y, _ := strconv.ParseFloat(xy[2], 64)
		lo, hi = math.Min(lo, y), math.Max(hi, y)
	}
	return hi - lo
}

// TestACWRZonesFollowThresholdsInForce: the ACWR chart's zones are
// load-spike's thresholds in force, each in the colour of the severity the
// rule gives there: green from 0.8 to the low limit, yellow (low) to the
// medium limit, orange (medium) to the high limit, red (high) from it, so
// a red triangle never sits in a lower zone; a lower limit moves the
// bands, and a disabled rule draws none.
func TestACWRZonesFollowThresholdsInForce(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	off := false
	tests := []struct {
		name        string
		cfg         *rules.Config
		ratio       float64 // green height ÷ yellow height
		caption     string
		noZones     bool
		highLimitAt string
	}{
		{"defaults", nil, (1.3 - 0.8) / (1.5 - 1.3), "green from 0.80; yellow (low) from 1.30; orange (medium) from 1.50; red (high) from 2.00", false, "load-spike high limit 2.00"},
		{"lower limits", &rules.Config{Rules: map[string]rules.Settings{"load-spike": {Low: f(1.1), Medium: f(1.2), High: f(1.6)}}},
			(1.1 - 0.8) / (1.2 - 1.1), "green from 0.80; yellow (low) from 1.10; orange (medium) from 1.20; red (high) from 1.60", false, "load-spike high limit 1.60"},
		{"disabled", &rules.Config{Rules: map[string]rules.Settings{"load-spike": {Enabled: &off}}}, math.NaN(), "load-spike is switched off", true, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := aliceAlone()
			a.RuleConfig = tc.cfg
			ch := weeklyChart(a)
			svg := string(ch.SVG)
			green, yellow := bandSpan(svg, colGreenBg), bandSpan(svg, colYellBg)
			if tc.noZones {
				if !math.IsNaN(green) || !math.IsNaN(yellow) {
					t.Errorf("zones drawn for a disabled rule: green %v, yellow %v", green, yellow)
				}
			} else if got := green / yellow; math.Abs(got-tc.ratio) > 0.02*tc.ratio {
				t.Errorf("green band %.2f high, yellow %.2f: ratio %.3f, want %.3f", green, yellow, got, tc.ratio)
			}
			if !strings.Contains(ch.Caption, tc.caption) {
				t.Errorf("caption lacks %q:\n%s", tc.caption, ch.Caption)
			}
			if tc.highLimitAt != "" && !strings.Contains(svg, tc.highLimitAt) {
				t.Errorf("legend lacks %q", tc.highLimitAt)
			}
		})
	}
}

// TestChartTooltips: every week of the weekly chart has a tooltip in
// each panel, with its number, unit and findings, and tooltip text is
// escaped for XML.
func TestChartTooltips(t *testing.T) {
	a := aliceAlone()
	tips := titles(t, string(weeklyChart(a).SVG))
	if n := len(a.Season.Weeks); len(tips) != 2*n {
		t.Errorf("%d tooltips for %d weeks, want %d", len(tips), n, 2*n)
	}
	for _, want := range []string{
		"Week of Mon 30 Mar 2026: 42.0 km. Finding: Training load spike (high, week of 2026-03-30); Weekly distance jump (medium, week of 2026-03-30)",
		"Week of Mon 30 Mar 2026: ACWR 1.49. Finding: Training load spike",
		"Week of Mon 2 Mar 2026: 24.0 km",
		"Week of Mon 2 Mar 2026: ACWR –",
	} {
		if countWith(tips, want) != 1 {
			t.Errorf("no tooltip %q in:\n%s", want, strings.Join(tips, "\n"))
		}
	}
	if n := countWith(tips, "balance"); n != 0 {
		t.Errorf("%d weekly tooltips name the balance finding", n)
	}
	if got := svgText("<b>&\"x\"\x01</b>"); got != "&lt;b&gt;&amp;&#34;x&#34;\ufffd&lt;/b&gt;" {
		t.Errorf("svgText = %q", got)
	}
}

// TestDenseTicks: value axes are labelled at round steps, about six
// labels, with an unlabelled tick between two.
func TestDenseTicks(t *testing.T) {
	tests := []struct {
		lo, hi float64
		labels string
	}{
		{0, 57, "0 10 20 30 40 50"},
		{0, 2.4, "0 0.5 1 1.5 2"},
		{47, 54, "47 48 49 50 51 52 53 54"},
		{155, 215, "160 170 180 190 200 210"},
	}
	for _, tc := range tests {
		ticks := denseTicks{N: 6}.Ticks(tc.lo, tc.hi)
		var labels []string
		for _, tk := range ticks {
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		if got := strings.Join(labels, " "); got != tc.labels {
			t.Errorf("ticks %g–%g labelled %q, want %q", tc.lo, tc.hi, got, tc.labels)
		}
		if len(ticks) < 2*len(labels)-1 {
			t.Errorf("ticks %g–%g: %d ticks for %d labels, want one between two", tc.lo, tc.hi, len(ticks), len(labels))
		}
	}
}

// TestMondayTicks: a time axis ticks each Monday and labels at most
// maxDateLabels of them.
func TestMondayTicks(t *testing.T) {
	a := aliceAlone()
	w := a.Season.Weeks
	var ticks []plot.Tick = mondayTicks{}.Ticks(dayTime(w[0].Monday.Time(a.Season.Params.Location))-3600, dayTime(w[len(w)-1].Monday.Time(a.Season.Params.Location))+86400)
	if len(ticks) != len(w) {
		t.Fatalf("%d ticks for %d Mondays", len(ticks), len(w))
	}
	labels := 0
	for i, tk := range ticks {
		if tk.Value != dayTime(w[i].Monday.Time(a.Season.Params.Location)) {
			t.Errorf("tick %d at %v, want Monday %s", i, tk.Value, w[i].Monday.String())
		}
		if tk.Label != "" {
			labels++
		}
	}
	if labels == 0 || labels > maxDateLabels || ticks[0].Label != "Mar 2" {
		t.Errorf("%d labels, first %q", labels, ticks[0].Label)
	}
}

// TestWithinRunChartTitledByItsRun: a within-run chart is titled with the
// date of the run it shows, not with its finding's first week.
func TestWithinRunChartTitledByItsRun(t *testing.T) {
	a := aliceAlone()
	for _, f := range a.Findings {
		if f.Activity != fadeRun {
			continue
		}
		f.Date, f.Until = mustDay("2026-04-20"), mustDay("2026-04-27") // an episode dated by its first week
		if got, want := withinRunChart(a.Season, f).Title, "Within the run of Tue 21 Apr 2026"; got != want {
			t.Errorf("title %q, want %q", got, want)
		}
		return
	}
	t.Fatal("fixture: no finding on the long run")
}
