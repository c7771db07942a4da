package report

import (
	"math"

	"github.com/itbcheck/itbcheck/analysis"
	"strconv"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// Size of the team table's sparklines, in px.
const (
	sparkWeeks  = screen.SummaryWeeks // a Summary keeps these weeks
	sparkWidth  = 160
	sparkHeight = 32
	sparkSlot   = sparkWidth / sparkWeeks
)

// sparkline is the weekly running km of an athlete's last sparkWeeks
// weeks as a tiny bar chart; its words are fixed and its numbers computed,
// so it carries no user text.
type sparkline struct {
	Title string
	Bars  []sparkBar
}

// sparkBar is one week's bar, with its numbers formatted for the SVG.
type sparkBar struct {
	X, Y, W, H string
	Severity   string // of the week's findings; "" without
	Title      string // "week of 2026-04-20: 46.0 km, highest severity high"
}

// sparkWeeksOf is the weeks a's sparkline shows: the last sparkWeeks.
func sparkWeeksOf(a *screen.Athlete) []analysis.Week {
	if a.Season == nil {
		return nil
	}
	return a.Season.Weeks[max(0, len(a.Season.Weeks)-sparkWeeks):]
}

// sparkTop is the team's highest weekly km over the sparklines' weeks:
// every sparkline is drawn to this one scale, so bars compare across
// athletes.
func sparkTop(as []*screen.Athlete) float64 {
	top := 0.0
	for _, a := range as {
		for _, w := range sparkWeeksOf(a) {
			if !math.IsNaN(w.DistanceKm) {
				top = math.Max(top, w.DistanceKm)
			}
		}
	}
	return top
}

// teamSparkline draws a's sparkline to the team's scale top (sparkTop);
// nil without weeks. The latest week is at the right edge, so athletes
// line up by their own last week.
func teamSparkline(a *screen.Athlete, top float64) *sparkline {
	weeks := sparkWeeksOf(a)
	if len(weeks) == 0 {
		return nil
	}
	flagged := flaggedWeeks(a.Findings)
	s := &sparkline{Title: "Weekly running km, " + strconv.Itoa(len(weeks)) + " weeks from " + weeks[0].Monday.String() +
		" to " + weeks[len(weeks)-1].Monday.String() + ", bars to the team's scale of " + fmtNum(top, 1) +
		" km; coloured bars are weeks with a finding"}
	px := func(v float64) string { return strconv.FormatFloat(round(v, 1), 'f', -1, 64) }
	offset := sparkWeeks - len(weeks)
	for i, w := range weeks {
		km := w.DistanceKm
		bar := sparkBar{Title: "week of " + w.Monday.String() + ": " + fmtNum(km, 1) + " km"}
		if sev, ok := flagged[w.Monday.String()]; ok && sev > rules.None {
			bar.Severity = sev.String()
			bar.Title += ", highest severity " + sev.String()
		}
		h := 0.0
		if top > 0 && km > 0 {
			h = math.Max(1, km/top*(sparkHeight-2))
		}
		bar.X, bar.W = px(float64((offset+i)*sparkSlot)+1), px(sparkSlot-2)
		bar.Y, bar.H = px(sparkHeight-1-h), px(h)
		s.Bars = append(s.Bars, bar)
	}
	return s
}
