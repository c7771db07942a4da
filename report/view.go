package report

import (
	"fmt"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// The human reports (text brief and verbose, Markdown, HTML) say an
// athlete's results in the reader's order, the same in every format:
//
//  1. red flags, plainly, the professional first;
//  2. what to do this week: one list, each action once, naming the
//     patterns it answers (the red flags' professional first);
//  3. the risk patterns open now, each with its own explanation, and
//     once the pain logged before them (previous pain);
//  4. what could not be judged, and why (unreadable inputs among it);
//  5. the patterns resolved;
//  6. notes: context, no action;
//  7. the shoes: each known pair's km;
//  8. how to read the report, at its end.
//
// athleteView computes the parts once; each format lays them out. A new
// part is a new field here and a block in each format at its place.

// view is one athlete's results in the reader's order.
type view struct {
	// RedFlags are the athlete's red flags in one line each.
	RedFlags []string
	// Actions is the one list of what to do: the professional first when
	// there is a red flag, then the open patterns' advice, each sentence once.
	Actions []action
	// Stale is the days between the last run and the report's date when
	// more than StaleDays; 0 when the data is current.
	Stale int
	// Open are the risk patterns open now; Resolved the others. Info
	// notes are never in them.
	Open, Resolved []ruleGroup
	// PreviousPain are the pain episodes of the log named beside the
	// risk patterns that followed them (screen.Athlete.PreviousPain), each
	// once; nil without any.
	PreviousPain []rules.PreviousPain
	// Unjudged says what could not be judged and why: the rules' statuses
	// and the implausible activities.
	Unjudged []string
	// Notes are the info notes, grouped by rule: context, no action.
	Notes []ruleGroup
	// Shoes are the pairs the runs name, with their km (rules.Shoes);
	// nil when no run names one.
	Shoes []rules.ShoeKm
	// Since is the first day of "now" as a short date ("25 May").
	Since string
}

// athleteView orders a's results for a report generated at now (the zero
// time: never stale).
func athleteView(a *screen.Athlete, now time.Time) view {
	risks, notes := splitNotes(a.Findings)
	v := view{
		RedFlags: redFlagLines(a),
		Unjudged: statusNotes(a),
		Notes:    groupByRule(notes),
		Since:    shortDate(a.OpenSince(), a.From.Year() != a.To.Year()),
		Stale:    staleFor(a, now),
		Shoes:    athleteShoes(a),
	}
	v.PreviousPain = a.PreviousPain
	v.Open, v.Resolved = splitOpen(a, groupByRule(risks))
	v.Actions = actions(v.Open, rules.RedFlagsOf(a.Findings))
	return v
}

// splitNotes separates the findings at low or higher from the info notes:
// a note is never counted, dated or ranked as a risk.
func splitNotes(fs []rules.Finding) (risks, notes []rules.Finding) {
	for _, f := range fs {
		if f.Severity >= rules.Low {
			risks = append(risks, f)
		} else {
			notes = append(notes, f)
		}
	}
	return risks, notes
}

// staleFor is the days from a's last run to now when more than StaleDays,
// else 0.
func staleFor(a *screen.Athlete, now time.Time) int {
	last, ok := screen.LastRun(a)
	if !ok {
		last = a.To // no run: the end of its period
	}
	if now.IsZero() || last.IsZero() {
		return 0
	}
	y, m, d := last.Date()
	ny, nm, nd := now.UTC().Date()
	days := int(time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC).Sub(time.Date(y, m, d, 0, 0, 0, 0, time.UTC)).Hours() / 24)
	if days > StaleDays {
		return days
	}
	return 0
}

// actionsHead is the heading of the action list: "This week", or "When
// you run again (last run 40 days ago)" when the data is stale.
func (v view) actionsHead() string {
	if v.Stale > 0 {
		return fmt.Sprintf("When you run again (last run %d days ago)", v.Stale)
	}
	return "This week"
}

// openHead opens the list of open patterns: "Open now", or "Open at the
// last run, 40 days ago" when the data is stale (DOMAIN.md, Stale data).
func (v view) openHead() string {
	if v.Stale > 0 {
		return fmt.Sprintf("Open at the last run, %d days ago", v.Stale)
	}
	return "Open now"
}

// redFlagAction is the first thing to do when there is a red flag.
func redFlagAction(flags []rules.Finding) action {
	var why []string
	for _, f := range flags {
		why = append(why, rules.RedFlagReason(f))
	}
	return action{
		Text:    "See a physiotherapist or physician promptly, before any other change: you logged " + strings.Join(why, "; ") + ".",
		For:     []string{"red flag"},
		Rules:   []string{rules.Symptom.ID},
		RedFlag: true,
	}
}

// forText is the patterns an action answers: "(for cadence down from your
// baseline, pain and strength)".
func (a action) forText() string {
	if len(a.For) == 0 {
		return ""
	}
	return "(for " + strings.Join(a.For, ", ") + ")"
}

// withFor is the action with the patterns it answers.
func (a action) withFor() string {
	if f := a.forText(); f != "" {
		return a.Text + " " + f
	}
	return a.Text
}

// explanation is the text an open or resolved pattern is explained with in
// the brief views: the findings' own explanations (a symptom linked to its
// pattern), else the first sentence of the rule's.
func (g ruleGroup) briefExplanation() string {
	if g.Rule == rules.Symptom && g.Explanation != "" {
		return g.Explanation
	}
	if s := sentences(g.Explanation); len(s) > 0 {
		return s[0]
	}
	return ""
}

// howToRead says how to read a report; the human formats give it at the
// end, after what matters.
const howToRead = "itbcheck looks for training patterns in watch data that are associated with " +
	"Iliotibial Band Syndrome (pain on the outside of the knee or hip) and the low back pain that can follow it. " +
	"Each athlete's report opens with any red flag, then one list of what to do, each action naming the patterns it answers; " +
	"then the risk patterns still open (a finding in the last 2 weeks of data), each with its findings, one line each with the week " +
	"or run and the numbers against their limit, and why it matters: the path from that pattern through hip and pelvis " +
	"to the lower back. Then what could not be judged and why, the patterns resolved, and notes: context that needs no action. " +
	"Severity is high, medium or low. Rules judge you against your own history: until a rule has enough of it, the report " +
	"says it is still learning rather than giving an all-clear. A finding is a risk pattern, not a diagnosis."

// previousPainHead is the heading of the previous pain block.
const previousPainHead = "Previous pain"

// previousPainText says one previous pain episode and the patterns it is
// named beside: "You logged … (Malisoux 2015, HR 1.72). Named beside:
// Run longer than your recent longest, Cadence down from your baseline."
func previousPainText(p rules.PreviousPain) string {
	names := make([]string, len(p.Rules))
	for i, r := range p.Rules {
		names[i] = r.Title
	}
	return p.Line + ". Named beside: " + strings.Join(names, ", ") + "."
}

// athleteShoes lists a's shoes with the rule settings a was screened with;
// nil for a summary, whose season keeps no runs.
func athleteShoes(a *screen.Athlete) []rules.ShoeKm {
	if a.Season == nil {
		return nil
	}
	return rules.Shoes(a.Season, a.RuleConfig)
}

// shoesHead is the heading of the shoe list.
const shoesHead = "Shoes (km so far, prior_km included)"

// shoeLine says one shoe's km in words: "Pegasus 40: 512 km of 800 km
// (9 runs in the last 8 weeks)".
func shoeLine(s rules.ShoeKm) string {
	line := fmt.Sprintf("%s: %.0f km of %.0f km", s.Name, s.Km, s.LimitKm)
	if s.Km >= s.LimitKm {
		line += ", past its limit"
	}
	switch s.RecentRuns {
	case 0:
		return line + " (no runs in the last 8 weeks)"
	case 1:
		return line + " (1 run in the last 8 weeks)"
	}
	return line + fmt.Sprintf(" (%d runs in the last 8 weeks)", s.RecentRuns)
}
