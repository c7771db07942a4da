package report

import (
	"math"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
)

// The marks a chart puts on the weeks and runs of its own rules'
// findings: a chart shows the findings of the rules it is about, never
// another family's (a balance chart does not light up low-cadence runs).

// findingsOf keeps the findings of the rules about selects that are risk
// findings (low or above: a note is not one).
func findingsOf(fs []rules.Finding, about func(*rules.Rule) bool) []rules.Finding {
	var out []rules.Finding
	for _, f := range fs {
		if f.Severity >= rules.Low && about(f.Rule) {
			out = append(out, f)
		}
	}
	return out
}

// findingWeeks gives a finding's weeks: the Mondays from its first to
// its last week.
func findingWeeks(f rules.Finding) []time.Time {
	from := f.Date.Time(nil)
	to := from
	if f.Until > f.Date {
		to = f.Until.Time(nil)
	}
	var out []time.Time
	for w := mondayOf(from); !w.After(to); w = w.AddDate(0, 0, 7) {
		out = append(out, w)
	}
	return out
}

// byWeek files findings under each Monday they cover, highest severity
// first.
func byWeek(fs []rules.Finding) map[string][]rules.Finding {
	m := map[string][]rules.Finding{}
	for _, f := range fs {
		for _, w := range findingWeeks(f) {
			m[day(w)] = append(m[day(w)], f)
		}
	}
	for _, l := range m {
		slices.SortStableFunc(l, func(a, b rules.Finding) int { return int(b.Severity) - int(a.Severity) })
	}
	return m
}

// runFindings is what of fs a run is part of: the findings that name it,
// and the week findings of its week; highest severity first.
func runFindings(r analysis.Run, fs []rules.Finding, weeks map[string][]rules.Finding) []rules.Finding {
	var out []rules.Finding
	for _, f := range fs {
		if f.Activity != "" && f.Activity == r.Source {
			out = append(out, f)
		}
	}
	for _, f := range weeks[day(mondayOf(runDate(r)))] {
		if f.Activity == "" {
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b rules.Finding) int { return int(b.Severity) - int(a.Severity) })
	return out
}

// findingsText names findings for a tooltip, one rule once:
// "Training load spike (medium), Weekly distance jump (high)".
func findingsText(fs []rules.Finding) string {
	var parts []string
	seen := map[*rules.Rule]bool{}
	for _, f := range fs {
		if seen[f.Rule] {
			continue
		}
		seen[f.Rule] = true
		parts = append(parts, f.Rule.Title+" ("+f.Severity.String()+", "+whenText(f)+")")
	}
	return strings.Join(parts, "; ")
}

// withFindings appends the findings' names to a tooltip.
func withFindings(text string, fs []rules.Finding) string {
	if len(fs) == 0 {
		return text
	}
	return text + ". Finding: " + findingsText(fs)
}

// dateText is a date as a tooltip says it: "Mon 4 May 2026".
func dateText(t time.Time) string { return t.Format("Mon 2 Jan 2006") }

// markRuns draws, on a chart of runs over dayTime, the weeks of the week
// findings of fs as grey columns and the runs that are part of a finding
// as larger dots in the severity's colour, with one legend entry each;
// what names the rules for the legend ("balance"). It returns the number
// of legend entries added.
func markRuns(p *plot.Plot, s *analysis.Season, fs []rules.Finding, value func(analysis.Run) float64, what string) int {
	shaded, rows := false, 0
	for _, f := range fs {
		ws := findingWeeks(f)
		if f.Activity != "" || len(ws) == 0 {
			continue
		}
		b := vband(dayTime(ws[0]), dayTime(ws[len(ws)-1].AddDate(0, 0, 7)), colGreyBg)
		p.Add(b)
		if !shaded {
			p.Legend.Add("weeks of a "+what+" finding", b)
			shaded = true
			rows++
		}
	}
	weeks := byWeek(fs)
	bySev := map[rules.Severity][]analysis.Run{}
	for _, r := range s.Runs {
		if !r.IsRun || math.IsNaN(value(r)) {
			continue
		}
		if rf := runFindings(r, fs, weeks); len(rf) > 0 {
			bySev[rf[0].Severity] = append(bySev[rf[0].Severity], r)
		}
	}
	for _, sev := range []rules.Severity{rules.High, rules.Medium, rules.Low} {
		var xs, ys []float64
		for _, r := range bySev[sev] {
			xs, ys = append(xs, dayTime(runDate(r))), append(ys, value(r))
		}
		if sc := addPoints(p, xs, ys, sevColor(sev), vg.Points(4.5), draw.CircleGlyph{}); sc != nil {
			p.Legend.Add("run in a "+sev.String()+" "+what+" finding", sc)
			rows++
		}
	}
	return rows
}
