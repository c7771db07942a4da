package report

import (
	"fmt"
	"strings"

	"github.com/itbcheck/itbcheck/screen"
)

// changesText says what changed in one line for people: "1 new (medium
// load-spike), 1 resolved (low cadence-drop), 3 runs added"; "no change"
// when nothing did.
func changesText(c *screen.Changes) string {
	if c == nil {
		return ""
	}
	var parts []string
	if len(c.NewRedFlags) > 0 {
		parts = append(parts, fmt.Sprintf("%d new red %s", len(c.NewRedFlags), plural(len(c.NewRedFlags), "flag", "flags")))
	}
	list := func(n string, fs []screen.ChangedFinding, was bool) {
		if len(fs) == 0 {
			return
		}
		var names []string
		for _, f := range fs {
			s := f.Severity.String() + " " + f.Rule.ID
			if was {
				s = f.Rule.ID + " " + f.Was.String() + "→" + f.Severity.String()
			}
			names = append(names, s)
		}
		parts = append(parts, fmt.Sprintf("%d %s (%s)", len(fs), n, strings.Join(names, ", ")))
	}
	if c.NewAthlete {
		parts = append(parts, "new in the team")
	}
	list("new", c.New, false)
	list("worse", c.Worse, true)
	list("resolved", c.Resolved, false)
	if c.RunsAdded > 0 {
		parts = append(parts, fmt.Sprintf("%d %s added", c.RunsAdded, plural(c.RunsAdded, "run", "runs")))
	}
	if c.NoNewRuns {
		parts = append(parts, fmt.Sprintf("no new run for %d days", c.NoNewRunsDays))
	}
	if len(parts) == 0 {
		return "no change"
	}
	return strings.Join(parts, ", ")
}

// teamChangesText says what changed for the team in one line, under a
// heading that names the earlier report: "1 new red flag, 2 new, 1
// worse, 1 resolved, 24 runs added; no new run for 14 days or more: dave
// (21 days)".
func teamChangesText(t *screen.TeamChanges) string {
	if t == nil {
		return ""
	}
	var parts []string
	if t.NewRedFlags > 0 {
		parts = append(parts, fmt.Sprintf("%d new red %s", t.NewRedFlags, plural(t.NewRedFlags, "flag", "flags")))
	}
	parts = append(parts, fmt.Sprintf("%d new", t.New), fmt.Sprintf("%d worse", t.Worse), fmt.Sprintf("%d resolved", t.Resolved),
		fmt.Sprintf("%d %s added", t.Runs, plural(t.Runs, "run", "runs")))
	s := strings.Join(parts, ", ")
	if len(t.NoNewRuns) > 0 {
		var who []string
		for _, st := range t.NoNewRuns {
			who = append(who, fmt.Sprintf("%s (%d days)", st.Name, st.Days))
		}
		s += fmt.Sprintf("; no new run for %d days or more: %s", screen.StaleDays, strings.Join(who, ", "))
	}
	return s
}

// ackText is "acknowledged 2026-06-08: called him".
func ackText(k screen.Acknowledgement) string {
	s := "acknowledged " + day(k.Date)
	if k.Note != "" {
		s += ": " + k.Note
	}
	return s
}

// plural picks the singular or plural word for n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
