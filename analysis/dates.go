package analysis

import (
	"fmt"
	"sort"
	"time"
)

// Dates that cannot be right. A watch with a wrong clock dates a run in
// 2100 or 9999, one whose clock was never set writes FIT device-relative
// times (below 0x10000000, read as 1989–1998), and a reset watch can date
// one run years away from the rest. Such a run must never become the end
// (or the start) of a season, nor build the weeks between: it is listed
// as implausible instead, with its date and why.
const (
	// FutureSlack is how far after the report's time a run may start (a
	// time zone, a clock a little fast) before it is implausible.
	FutureSlack = 24 * time.Hour
	// FarGap is the gap to every other activity beyond which a lone run
	// (one of at most LoneRuns together) dated before the others is
	// implausible, when at least LoneAgainst other activities are dated
	// together elsewhere.
	FarGap      = 366 * 24 * time.Hour
	LoneRuns    = 2
	LoneAgainst = 10
)

// EarliestPlausible is the first instant a run may start: FIT files of a
// watch whose clock was never set read as 1989 to 1998.
var EarliestPlausible = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// SplitImplausibleDates keeps the runs whose start can be placed in a
// season and returns the others apart, each with Implausible saying why
// and IsRun false: those starting before EarliestPlausible, more than
// FutureSlack after now (a zero now skips this test), and lone runs more
// than FarGap away from every other activity of an athlete with at least
// LoneAgainst activities elsewhere. The order of runs is kept.
func SplitImplausibleDates(runs []Run, now time.Time) (kept, misdated []Run) {
	why := make([]string, len(runs))
	var dated []int // indexes of runs not yet refused, in start order
	for i, r := range runs {
		switch {
		case r.Start.Before(EarliestPlausible):
			why[i] = fmt.Sprintf("implausible date %s: before %d (a watch clock never set)", r.Start.UTC().Format(time.DateOnly), EarliestPlausible.Year())
		case !now.IsZero() && r.Start.After(now.Add(FutureSlack)):
			why[i] = fmt.Sprintf("implausible date %s: after the report's date %s (a watch clock set wrong)", r.Start.UTC().Format(time.DateOnly), now.UTC().Format(time.DateOnly))
		default:
			dated = append(dated, i)
		}
	}
	sort.SliceStable(dated, func(a, b int) bool { return runs[dated[a]].Start.Before(runs[dated[b]].Start) })
	// Groups of activities split at gaps longer than FarGap.
	for from := 0; from < len(dated); {
		to := from + 1
		for to < len(dated) && runs[dated[to]].Start.Sub(runs[dated[to-1]].Start) <= FarGap {
			to++
		}
		// The last group is kept, however lone: after a year away, an
		// athlete's comeback run is the one that matters most, and a clock
		// set ahead is caught by now.
		if to < len(dated) && to-from <= LoneRuns && len(dated)-(to-from) >= LoneAgainst {
			for _, i := range dated[from:to] {
				why[i] = fmt.Sprintf("implausible date %s: more than a year away from the athlete's other %d activities (a watch clock set wrong?)",
					runs[i].Start.UTC().Format(time.DateOnly), len(dated)-(to-from))
			}
		}
		from = to
	}
	for i, r := range runs {
		if why[i] == "" {
			kept = append(kept, r)
			continue
		}
		r.Implausible, r.IsRun = why[i], false
		misdated = append(misdated, r)
	}
	return kept, misdated
}
