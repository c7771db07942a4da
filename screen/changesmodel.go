package screen

import (
	"time"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
)

// The coach's week (CONTRACT.md "changes", "acknowledged"): what changed
// since an earlier report and which findings a coach has seen, as the
// screen stage judged them (Compare, ApplyAcks) for the renderers.

// Changes is what changed for one athlete since an earlier report.
type Changes struct {
	// ComparedWith is the earlier report's generated_at.
	ComparedWith time.Time
	// NewAthlete is set when the athlete was not in the earlier report:
	// every finding is then new.
	NewAthlete bool
	// New, Worse and Resolved are findings (low or higher) new since,
	// of higher severity than, or open then and no longer open now.
	New, Worse, Resolved []ChangedFinding
	// NewRedFlags are red flags of the symptom log not in the earlier
	// report.
	NewRedFlags []ChangedFinding
	// RunsAdded is how many more runs the athlete has than then (never
	// below 0).
	RunsAdded int
	// NoNewRuns is set when no run arrived for StaleDays days or more;
	// NoNewRunsDays then says for how long (days since the last run, or
	// since the period began when there is none).
	NoNewRuns     bool
	NoNewRunsDays int
}

// StaleDays is how long without a new run makes an athlete's data stale.
const StaleDays = 14

// ChangedFinding is a finding named by what identifies its episode, with
// its severity now and, for a worsened one, then.
type ChangedFinding struct {
	Rule     *rules.Rule
	Date     analysis.Day // the episode's first day or week
	Severity rules.Severity
	// Was is the earlier severity of a worsened finding; rules.None
	// otherwise.
	Was     rules.Severity
	Summary string
}

// Any reports whether anything changed.
func (c *Changes) Any() bool {
	return c != nil && (c.NewAthlete || len(c.New)+len(c.Worse)+len(c.Resolved)+len(c.NewRedFlags) > 0 || c.RunsAdded > 0 || c.NoNewRuns)
}

// Kind is the change's one word for sorting and filtering the team page:
// "red-flag", "worse", "new", "stale", "resolved", "runs" or "none".
func (c *Changes) Kind() string {
	switch {
	case c == nil:
		return "none"
	case len(c.NewRedFlags) > 0:
		return "red-flag"
	case len(c.Worse) > 0:
		return "worse"
	case len(c.New) > 0 || c.NewAthlete:
		return "new"
	case c.NoNewRuns:
		return "stale"
	case len(c.Resolved) > 0:
		return "resolved"
	case c.RunsAdded > 0:
		return "runs"
	}
	return "none"
}

// TeamChanges adds up the athletes' changes.
type TeamChanges struct {
	ComparedWith                            time.Time
	New, Worse, Resolved, NewRedFlags, Runs int
	// NoNewRuns are the athletes without a new run for StaleDays or more.
	NoNewRuns []StaleAthlete
}

// StaleAthlete is an athlete whose runs stopped arriving, and for how
// many days.
type StaleAthlete struct {
	Name string
	Days int
}

// TeamChangesOf adds up the changes of the team's athletes; nil when no
// athlete was compared with an earlier report.
func TeamChangesOf(team []*Athlete) *TeamChanges {
	var t *TeamChanges
	for _, a := range team {
		c := a.Changes
		if c == nil {
			continue
		}
		if t == nil {
			t = &TeamChanges{ComparedWith: c.ComparedWith}
		}
		t.New += len(c.New)
		t.Worse += len(c.Worse)
		t.Resolved += len(c.Resolved)
		t.NewRedFlags += len(c.NewRedFlags)
		t.Runs += c.RunsAdded
		if c.NoNewRuns {
			t.NoNewRuns = append(t.NoNewRuns, StaleAthlete{Name: a.Name, Days: c.NoNewRunsDays})
		}
	}
	return t
}

// Acknowledgement is a coach's record that they have seen an open
// finding (itbcheck ack): when, and what they noted.
type Acknowledgement struct {
	Date time.Time
	Note string
}

// FindingKey names a finding's episode: its rule and first day or week.
type FindingKey struct {
	Rule *rules.Rule
	Date analysis.Day
}

// KeyOf is f's FindingKey.
func KeyOf(f rules.Finding) FindingKey { return FindingKey{Rule: f.Rule, Date: f.Date} }

// Acknowledged gives the coach's acknowledgement of f, when it is in
// force; a note (info) is never acknowledged.
func (a *Athlete) Acknowledged(f rules.Finding) (Acknowledgement, bool) {
	if f.Severity < rules.Low {
		return Acknowledgement{}, false
	}
	k, ok := a.Acks[KeyOf(f)]
	return k, ok
}
