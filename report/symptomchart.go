package report

import (
	"github.com/itbcheck/itbcheck/rules"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/screen"
)

// siteColors draw each site of the symptom log.
var siteColors = map[ingest.SymptomSite]color.Color{
	ingest.SiteOuterKnee: color.RGBA{R: 0xc0, G: 0x39, B: 0x2b, A: 0xff},
	ingest.SiteOuterHip:  color.RGBA{R: 0x8e, G: 0x44, B: 0xad, A: 0xff},
	ingest.SiteLowBack:   color.RGBA{R: 0xe6, G: 0x7e, B: 0x22, A: 0xff},
	ingest.SiteOther:     color.RGBA{R: 0x7f, G: 0x8c, B: 0x8d, A: 0xff},
}

// symptomChart is the symptom timeline: pain per site over the weeks, on
// the same week axis as the weekly load, cadence and GCT balance, so that
// the reader sees what came first. Nil without a symptom log.
func symptomChart(a *screen.Athlete) *chart {
	if a.Season == nil || len(a.Season.Symptoms) == 0 || len(a.Season.Weeks) == 0 {
		return nil
	}
	s := a.Season
	ch := chart{
		Title: "Symptoms against weekly load, cadence and balance",
		About: familyRules(rules.FamilySymptoms),
		Caption: "From the top, week by week on one time axis: running load (" + analysis.MetricName(s.Params.LoadMetric) +
			"), the highest pain you logged at each site (0–10), median cadence and mean GCT balance (% on the left foot). " +
			"Look at what changed in the weeks before a pain began.",
	}
	n := len(s.Weeks)
	xs := make([]float64, n)
	load, cad, bal := make([]float64, n), make([]float64, n), make([]float64, n)
	cols := make([]color.Color, n)
	maxLoad := 0.0
	for i, w := range s.Weeks {
		xs[i], load[i], cad[i], bal[i], cols[i] = float64(i), w.Load, w.CadenceSPM, w.BalanceLeftPct, colBar
		if !math.IsNaN(w.Load) {
			maxLoad = math.Max(maxLoad, w.Load)
		}
	}
	ticks := weekTicks(s.Weeks)
	var spots []hotspot
	var loadTips []tip
	unit := s.Params.LoadMetric.Unit()
	for i, w := range s.Weeks {
		loadTips = append(loadTips, tip{X: xs[i], Column: true, Text: "Week of " + dateText(w.Monday.Time(nil)) + ": load " + fmtNum(w.Load, 0) + " " + unit +
			", " + fmtNum(w.DistanceKm, 1) + " km, cadence " + fmtNum(w.CadenceSPM, 0) + " steps/min, GCT balance " + fmtNum(w.BalanceLeftPct, 1) + " % left"})
	}
	axis := func(p *plot.Plot) {
		p.X.Min, p.X.Max = -0.6, float64(n)-0.4
		p.X.Tick.Marker = ticks
		p.Y.Tick.Marker = denseTicks{N: 3} // four panels: about 1.3 in of axis each
	}

	loadPlot := newPlot("Weekly running load", "", "load ("+unit+")")
	loadPlot.Add(bars{heights: load, colors: cols})
	loadPlot.Add(tipLayer{tips: loadTips, into: &spots})
	axis(loadPlot)
	loadPlot.Y.Min, loadPlot.Y.Max = 0, math.Max(1, maxLoad*1.15)

	painPlot := newPlot("Pain logged (highest per week)", "", "pain (0–10)")
	axis(painPlot)
	painPlot.Y.Min, painPlot.Y.Max = 0, 10.5
	for _, site := range ingest.SymptomSites {
		pain := s.WeeklyPain(site)
		if lo, _ := minMax(pain); math.IsNaN(lo) {
			continue
		}
		if line := addLine(painPlot, xs, pain, siteColors[site], vg.Points(1.5), false); line != nil {
			painPlot.Legend.Add(string(site), line)
		}
		addPoints(painPlot, xs, pain, siteColors[site], vg.Points(3), draw.CircleGlyph{})
		var tips []tip
		for i, v := range pain {
			tips = append(tips, tip{X: xs[i], Y: v, Text: "Week of " + dateText(s.Weeks[i].Monday.Time(nil)) + ": " + string(site) + " pain " + fmtNum(v, 0) + " of 10"})
		}
		painPlot.Add(tipLayer{tips: tips, into: &spots})
	}

	cadPlot := newPlot("Cadence (median of the week)", "", "cadence (steps/min)")
	axis(cadPlot)
	addLine(cadPlot, xs, cad, colLine, vg.Points(1.5), false)
	addPoints(cadPlot, xs, cad, colLine, vg.Points(2.5), draw.CircleGlyph{})
	if lo, hi := minMax(cad); !math.IsNaN(lo) {
		cadPlot.Y.Min, cadPlot.Y.Max = lo-3, hi+3
	}

	balPlot := newPlot("GCT balance (mean of the week)", "week starting Monday, "+yearsText(s.Weeks), "balance (% left)")
	axis(balPlot)
	balPlot.Add(hband(balanceGreenLo, balanceGreenHi, colGreenBg))
	addLine(balPlot, xs, bal, colLine, vg.Points(1.5), false)
	addPoints(balPlot, xs, bal, colLine, vg.Points(2.5), draw.CircleGlyph{})
	balPlot.Y.Min, balPlot.Y.Max = 47, 53
	if lo, hi := minMax(bal); !math.IsNaN(lo) {
		balPlot.Y.Min, balPlot.Y.Max = math.Min(47, lo-0.5), math.Max(53, hi+0.5)
	}

	out := ch.with(drawStacked([]*plot.Plot{loadPlot, painPlot, cadPlot, balPlot}, chartWidth, 7.6*vg.Inch, ch.Title, &spots))
	return &out
}
