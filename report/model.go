package report

import (
	"fmt"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/screen"
)

// Schema is the versioned name of the JSON report.
const Schema = screen.ReportSchema

// mergedText says how many duplicate copies were merged: "3 duplicate
// copies merged (the same run in two files counts once)"; "" for
// none.
func mergedText(a *screen.Athlete) string {
	switch n := a.DuplicatesMerged(); n {
	case 0:
		return ""
	case 1:
		return "1 duplicate copy merged (the same run in two files counts once)"
	default:
		return fmt.Sprintf("%d duplicate copies merged (the same run in two files counts once)", n)
	}
}

// activitiesText is the text and Markdown reports' activities line: "29
// read, 8 weeks analysed; 2 duplicate copies merged (...)".
func activitiesText(a *screen.Athlete) string {
	s := fmt.Sprintf("%d read, %d weeks analysed", a.Activities(), weeksOf(a))
	if m := mergedText(a); m != "" {
		s += "; " + m
	}
	if e := earlierSeasons(a); e != "" {
		s += "; " + e
	}
	if u := unknownSportText(a); u != "" {
		s += "; " + u
	}
	switch n := len(instrumentChanges(a)); n {
	case 0:
	case 1:
		s += "; 1 instrument change (a new sensor or watch: its baselines restart, see the notes)"
	default:
		s += fmt.Sprintf("; %d instrument changes (a new sensor or watch: their baselines restart, see the notes)", n)
	}
	return s
}

// instrumentChanges is the athlete's timeline of instrument changes.
func instrumentChanges(a *screen.Athlete) []analysis.InstrumentChange {
	if a.Season == nil {
		return nil
	}
	return a.Season.Instruments
}

// unknownSportText says how many activities of unknown sport were left
// out: "3 activities of unknown sport left out (no sport named, no cadence
// or running dynamics to tell a run)"; "" for none.
func unknownSportText(a *screen.Athlete) string {
	n := screen.CountNotRuns(a).UnknownSport
	switch n {
	case 0:
		return ""
	case 1:
		return "1 activity of unknown sport left out (no sport named, no cadence or running dynamics to tell a run)"
	}
	return fmt.Sprintf("%d activities of unknown sport left out (no sport named, no cadence or running dynamics to tell a run)", n)
}

// earlierSeasons is the line naming the seasons left out before the
// current one, "" when there are none.
func earlierSeasons(a *screen.Athlete) string {
	if a.Season == nil {
		return ""
	}
	return analysis.EarlierSeasonsLine(a.Season.Seasons)
}

// StaleDays is how long before the report's date the last run must be
// for the report to speak of the last weeks of data instead of now
// (DOMAIN.md, "Stale data").
const StaleDays = 14

// staleText is "45 days ago (2026-04-25): what follows is as of then, not
// now" when the athlete's last run is more than
// StaleDays before now, "" otherwise.
func staleText(a *screen.Athlete, now time.Time) string {
	last, ok := screen.LastRun(a)
	if !ok || now.IsZero() {
		return ""
	}
	n := screen.DaysBetween(last, now)
	if n <= StaleDays {
		return ""
	}
	return fmt.Sprintf("%d days ago (%s): what follows is as of then, not now", n, last.Format(time.DateOnly))
}
