package screen

import (
	"errors"
	"io/fs"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/ingest"
	"github.com/itbcheck/itbcheck/rules"
)

// Tool names the program that wrote a report.
type Tool struct {
	Name    string
	Version string
}

// Report is everything one run of itbcheck found, ready to render.
type Report struct {
	Tool        Tool
	GeneratedAt time.Time
	Athletes    []*Athlete
	// ConfigFile is the config file in force, "" when none was read.
	ConfigFile string
	// RuleConfig is the rule settings in force for the whole report (nil
	// for the defaults); an athlete's own overrides are Athlete.RuleConfig.
	RuleConfig *rules.Config
}

// Athlete is one athlete's analysed period.
type Athlete struct {
	Name     string
	Season   *analysis.Season
	Findings []rules.Finding // sorted by date, then severity (highest first), then rule id
	// Rules says, rule by rule in catalogue order, what could be judged
	// (rules.Screen's statuses); nil when the athlete was not screened.
	Rules []rules.Status
	// PreviousPain is the pain of the whole season's symptom log named
	// beside the findings (rules.PreviousPains); SessionSpikes the runs
	// session-spike judged, each against the 30 days before it, for the
	// charts. Both are computed before the window cuts the season; nil
	// when the athlete was not screened.
	PreviousPain  []rules.PreviousPain
	SessionSpikes []rules.SpikeRun
	// RuleConfig is the rule settings the athlete was screened with (the
	// report's with the athlete's overrides); nil for the defaults.
	RuleConfig *rules.Config
	// InputsFailed lists inputs that could not be read, fully or partly.
	InputsFailed []FailedInput
	// Skipped counts files of types itbcheck does not read.
	Skipped int
	// From and To bound the period (the --since/--until window, or the
	// first and last activity); zero when there is no activity.
	From, To time.Time
	// Changes is what changed since the earlier report compared with
	// (Compare); nil when there was none.
	Changes *Changes
	// Acks are the coach's acknowledgements in force (ApplyAcks), by the
	// episode they are about; an ack of a finding that has since worsened,
	// or of an earlier episode, is not among them.
	Acks map[FindingKey]Acknowledgement
	// Capped is true when the default window (no --since or --until)
	// showed only the last analysis.WindowWeeks weeks of a longer current
	// season: From is then its first day.
	Capped bool
	// Accounting says where every activity read for the athlete went.
	Accounting Accounting
	// counted holds the counts of activities and runs of a Summary, whose
	// season keeps no runs; nil for an athlete as analysed.
	counted *runCounts
	// summary is the athlete's Summary once made, and summaryOf the
	// athlete it was made of (a copy of the struct makes its own): every
	// report of a run (the outputs, the kept JSON, the exit code) shares
	// that one copy.
	summary, summaryOf *Athlete
}

// DuplicatesMerged counts the copies of runs merged away because the same
// run was read from more than one file (a FIT and its GPX export, a CSV row
// and its file); 0 when the athlete was not analysed.
func (a *Athlete) DuplicatesMerged() int {
	if a.Season == nil {
		return 0
	}
	return a.Season.Duplicates
}

// Accounting says where every activity read for an athlete went, so that
// none is lost without a counted reason (issue 23). Each activity read (a
// file's activity, a summary CSV's row) ends in exactly one place:
//
//	Read = runs + not runs (CountNotRuns) + DuplicatesMerged
//	       + Undated + Misdated + EarlierSeasons + OutsideWindow
//
// where runs and not runs are those of the reporting window (Runs,
// Activities). Files that gave no activity at all are InputsFailed.
type Accounting struct {
	// Read counts the activities read from the athlete's files.
	Read int
	// Undated counts activities without a usable start time (listed in
	// InputsFailed).
	Undated int
	// Misdated counts activities with implausible dates
	// (analysis.SplitImplausibleDates), left out of the season.
	Misdated int
	// EarlierSeasons counts the activities of seasons before the
	// current one (analysis.SplitSeasons), runs and others.
	EarlierSeasons int
	// OutsideWindow counts the activities of the analysed seasons that
	// fall outside the reporting window (before --since or the default
	// window's start, after --until): they may feed baselines and load
	// history but are not reported.
	OutsideWindow int
}

// Unaccounted is the number of activities read that no count holds: 0
// when every activity read is accounted for. runs, notRuns and merged are
// the athlete's Runs, the sum of CountNotRuns and DuplicatesMerged.
func (c Accounting) Unaccounted(runs, notRuns, merged int) int {
	return c.Read - runs - notRuns - merged - c.Undated - c.Misdated - c.EarlierSeasons - c.OutsideWindow
}

// FailedInput is an input that could not be read, with the reason. Err
// keeps its class: errors.Is(in.Err, ingest.ErrNothingReadable) for an
// athlete whose inputs held no activity at all.
type FailedInput struct {
	Path string
	Err  error
}

// Reason gives the error on one line, without a leading copy of the path
// (FailedInput carries the path apart): "no such file or directory", not
// "stat PATH: no such file or directory".
func (in FailedInput) Reason() string {
	if in.Err == nil {
		return ""
	}
	err := in.Err
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == in.Path {
		err = pe.Err
	}
	msg := strings.TrimPrefix(err.Error(), in.Path+": ")
	return strings.Join(strings.Fields(msg), " ")
}

// NothingReadable reports whether the input is the entry that says the
// athlete's inputs held no activity at all.
func (in FailedInput) NothingReadable() bool {
	return errors.Is(in.Err, ingest.ErrNothingReadable)
}

// LastRun is the local date of the athlete's last running activity up to
// the end of the reporting window, ok false without one.
func LastRun(a *Athlete) (day time.Time, ok bool) {
	if a != nil && a.counted != nil { // a Summary keeps no runs, but their last day
		return a.counted.lastRun, !a.counted.lastRun.IsZero()
	}
	if a == nil || a.Season == nil {
		return time.Time{}, false
	}
	_, to := windowDays(time.Time{}, a.To)
	var last analysis.Day
	found := false
	for _, r := range a.Season.Runs {
		if r.IsRun && (!r.Start.IsZero() || !r.LocalDate.IsZero()) {
			if d := analysis.RunDay(r, a.Season.Params.Location); d <= to && (!found || d > last) {
				last, found = d, true
			}
		}
	}
	if !found {
		return time.Time{}, false
	}
	return last.Time(nil), true
}

// DaysBetween counts the calendar days from day (a date) to now's date in
// UTC: 0 on the same day.
func DaysBetween(day, now time.Time) int {
	y, m, d := now.UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	y, m, d = day.Date()
	return int(today.Sub(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// NotRuns counts the activities read that contributed no run, by reason:
// UnknownSport (the file names no sport and its samples do not show a run:
// a GPX without <type> and without cadence), Implausible (a "run" whose
// figures cannot be a run) and OtherSport (rides, swims, strength...).
type NotRuns struct {
	UnknownSport, Implausible, OtherSport int
}

// CountNotRuns counts a's activities in the season reported that are no
// run (DOMAIN.md: nothing silent).
func CountNotRuns(a *Athlete) NotRuns {
	var n NotRuns
	if a == nil || a.Season == nil {
		return n
	}
	for _, r := range a.Season.Runs {
		switch {
		case r.IsRun:
		case r.Implausible != "":
			n.Implausible++
		case r.Sport == ingest.SportUnknown || r.Sport == "":
			n.UnknownSport++
		default:
			n.OtherSport++
		}
	}
	return n
}
