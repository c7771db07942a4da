package analysis

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// SeasonGap is the time without a run that ends a season (DOMAIN.md,
// "Units and cleaning", Seasons): the weeks before it are no load history
// for what follows.
const SeasonGap = 6 * 7 * 24 * time.Hour

// seasonGapDays is SeasonGap in days.
const seasonGapDays = 42

// SeasonSpan is one season of an athlete's folder: from its first to its
// last run (local dates), with how many runs it holds.
type SeasonSpan struct {
	First, Last time.Time // local dates of the first and last run
	Runs        int       // running activities in it
	// Current marks the seasons the report analyses; the others are
	// earlier seasons, named but not analysed.
	Current bool
}

// SplitSeasons cuts an athlete's activities into seasons at every gap of
// SeasonGap or more between two running days, and keeps the activities of
// the current season: the last one, or from the season that holds since
// on when since is given (a window chosen on purpose may span seasons).
// Activities before the kept seasons (runs and others) are dropped: they
// feed no load history, no baseline and no chart. loc places runs without
// a local date. The spans list every season, oldest first.
func SplitSeasons(runs []Run, since time.Time, loc *time.Location) (kept []Run, spans []SeasonSpan) {
	if loc == nil {
		loc = time.UTC
	}
	var days []int
	for _, r := range runs {
		if r.IsRun && r.Start.Year() >= 1990 {
			days = append(days, dayNumber(localDate(r, loc)))
		}
	}
	if len(days) == 0 {
		return runs, nil
	}
	sort.Ints(days)
	type span struct{ first, last, runs int }
	cur := span{days[0], days[0], 0}
	var all []span
	for _, d := range days {
		if d-cur.last >= seasonGapDays {
			all = append(all, cur)
			cur = span{d, d, 0}
		}
		cur.last = d
		cur.runs++
	}
	all = append(all, cur)
	from := len(all) - 1
	if !since.IsZero() {
		s := dayNumber(since)
		for from > 0 && all[from-1].last >= s {
			from--
		}
	}
	keepFrom := all[from].first
	if from == 0 {
		keepFrom = minDay // nothing earlier to drop (undated and early non-runs stay)
	}
	for i, sp := range all {
		spans = append(spans, SeasonSpan{First: dayTime(sp.first), Last: dayTime(sp.last), Runs: sp.runs, Current: i >= from})
	}
	if from == 0 {
		return runs, spans
	}
	kept = make([]Run, 0, len(runs))
	for _, r := range runs {
		if r.Start.Year() < 1990 || dayNumber(localDate(r, loc)) >= keepFrom {
			kept = append(kept, r)
		}
	}
	return kept, spans
}

// dayTime is the date of day number n (see dayNumber), at UTC midnight.
func dayTime(n int) time.Time { return time.Unix(int64(n)*86400, 0).UTC() }

// EarlierSeasonsLine is the one line that names the seasons before the
// current one, "" when there are none: "2 earlier seasons left out of the
// analysis (2014-03-02 to 2014-09-28, 11 runs; 2023-01-08 to 2023-06-25,
// 40 runs): a gap of 6 weeks or more without running starts a new season".
func EarlierSeasonsLine(spans []SeasonSpan) string {
	var parts []string
	for _, s := range spans {
		if s.Current {
			continue
		}
		runs := "runs"
		if s.Runs == 1 {
			runs = "run"
		}
		parts = append(parts, fmt.Sprintf("%s to %s, %d %s", s.First.Format(time.DateOnly), s.Last.Format(time.DateOnly), s.Runs, runs))
	}
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return "1 earlier season left out of the analysis (" + parts[0] + "): 6 weeks or more without running start a new season"
	}
	if len(parts) > 4 {
		n := len(parts)
		parts = append(parts[:3], fmt.Sprintf("… %d more", n-4), parts[n-1])
	}
	return fmt.Sprintf("%d earlier seasons left out of the analysis (%s): 6 weeks or more without running start a new season",
		countEarlier(spans), strings.Join(parts, "; "))
}

// countEarlier is the number of seasons not current.
func countEarlier(spans []SeasonSpan) int {
	n := 0
	for _, s := range spans {
		if !s.Current {
			n++
		}
	}
	return n
}
