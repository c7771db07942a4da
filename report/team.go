package report

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// The team overview of the human reports (text, Markdown, HTML) opens
// with how many athletes need attention (a pattern open now) and gives one
// row per athlete, highest open risk first (SortByRisk): the highest
// severity open now, the patterns open now and how many were resolved,
// the km of the athlete's last two weeks, the last week's ACWR and the
// unreadable inputs. "Latest week" is the athlete's last ISO week with
// data, the last week of its season.

// teamNote says what the overview's columns mean.
const teamNote = `"Open" is the highest severity of the patterns with a finding in the athlete's last 2 weeks of data (before the last run, when that was long ago: see data); "resolved" counts the patterns without one. "Data" says what limits the screening: no run read, unreadable files, a last run long ago, rules still learning the athlete's baseline or without the data they need (each athlete's report says which). "Latest week" is each athlete's last ISO week with data, named by its Monday; "last km" is the week before; ACWR is the latest week's.`

// teamRow is one athlete's row of the team overview.
type teamRow struct {
	Athlete *screen.Athlete
	// Highest is the highest severity open now; rules.None when nothing is.
	Highest  rules.Severity
	ThisWeek time.Time // Monday of the last week; zero without weeks
	// ThisKm, LastKm and ACWR are NaN when absent.
	ThisKm, LastKm, ACWR float64
	Open                 []openPattern // open now, in the order of the athlete's blocks
	Resolved             []openPattern // patterns with no finding in the last weeks
	Unreadable           int
	// RedFlags counts the athlete's red flags.
	RedFlags int
	// Data says what limits the athlete's screening, in short phrases
	// (dataStatus); empty when every rule could judge current data.
	Data []string
	// NoRuns is set when no run could be read for the athlete: nothing
	// was judged, which is never "no risk".
	NoRuns bool
	// Stale is the days since the athlete's last run when more than
	// StaleDays (staleFor): what is open was open then, not now.
	Stale int
}

// dataText is the row's data status in one line: "ok" when nothing
// limits the screening.
func (r teamRow) dataText() string {
	if len(r.Data) == 0 {
		return "ok"
	}
	return strings.Join(r.Data, "; ")
}

// redFlagText is the row's red flags as a cell: "2", or dash for none.
func (r teamRow) redFlagText() string {
	if r.RedFlags == 0 {
		return dash
	}
	return fmt.Sprint(r.RedFlags)
}

// dataStatus says what limits a's screening at now: no run read,
// unreadable files, a last run long ago, rules still learning the
// athlete's baseline, rules without the data they need.
func dataStatus(a *screen.Athlete, now time.Time) []string {
	var out []string
	if a.Runs() == 0 {
		out = append(out, "no run read")
	}
	switch n := len(a.InputsFailed); n {
	case 0:
	case 1:
		out = append(out, "1 unreadable file")
	default:
		out = append(out, fmt.Sprintf("%d unreadable files", n))
	}
	if d := staleFor(a, now); d > 0 {
		out = append(out, fmt.Sprintf("last run %d days ago", d))
	}
	learning, nodata := 0, 0
	for _, st := range a.Rules {
		switch st.State {
		case rules.Learning:
			learning++
		case rules.NoData:
			nodata++
		}
	}
	if learning > 0 {
		out = append(out, fmt.Sprintf("learning (%s)", ruleCount(learning)))
	}
	if nodata > 0 && a.Runs() > 0 {
		out = append(out, fmt.Sprintf("not enough data (%s)", ruleCount(nodata)))
	}
	return out
}

// ruleCount is "1 rule", "3 rules".
func ruleCount(n int) string {
	if n == 1 {
		return "1 rule"
	}
	return fmt.Sprintf("%d rules", n)
}

// needAttention counts the rows with a pattern open now or a red flag.
func needAttention(rows []teamRow) int {
	n := 0
	for _, r := range rows {
		if len(r.Open) > 0 || len(redFlagLines(r.Athlete)) > 0 {
			n++
		}
	}
	return n
}

// attentionText is the overview's headline: "2 of 7 athletes need
// attention: a risk pattern open now or a red flag", followed by how many
// could not be judged (no run read). A team of which nothing could be
// judged is never told that no one needs attention. On stale data the
// patterns were open at the athletes' last runs, not now (openWhen).
func attentionText(rows []teamRow) string {
	n, blind := needAttention(rows), 0
	for _, r := range rows {
		if r.NoRuns {
			blind++
		}
	}
	var attention []teamRow
	for _, r := range rows {
		if len(r.Open) > 0 || len(redFlagLines(r.Athlete)) > 0 {
			attention = append(attention, r)
		}
	}
	var head string
	switch {
	case blind == len(rows):
		return fmt.Sprintf("No athlete could be judged: no run was read for any of the %d athletes (see data)", len(rows))
	case n == 0 && blind > 0:
		head = fmt.Sprintf("No risk pattern open %s and no red flag for the %d of %d athletes who could be judged", openWhen(rows), len(rows)-blind, len(rows))
	case n == 0:
		return fmt.Sprintf("None of %d athletes needs attention: no risk pattern is open %s, no red flag", len(rows), openWhen(rows))
	case n == 1:
		head = fmt.Sprintf("1 of %d athletes needs attention: a risk pattern open %s or a red flag", len(rows), openWhen(attention))
	default:
		head = fmt.Sprintf("%d of %d athletes need attention: a risk pattern open %s or a red flag", n, len(rows), openWhen(attention))
	}
	switch {
	case blind == 1:
		head += "; 1 could not be judged: no run read"
	case blind > 1:
		head += fmt.Sprintf("; %d could not be judged: no run read", blind)
	}
	return head
}

// openWhen says when the rows' patterns were open: "now"; "at the last
// run (183 days ago)" when the one row with runs is stale, "at their last
// runs (20 to 183 days ago)" when every one is; "now, or at the last run
// for 2 of them (40 to 183 days ago)" when some are.
func openWhen(rows []teamRow) string {
	lo, hi, stale, judged := 0, 0, 0, 0
	for _, r := range rows {
		if r.NoRuns {
			continue
		}
		judged++
		if r.Stale == 0 {
			continue
		}
		if stale == 0 || r.Stale < lo {
			lo = r.Stale
		}
		hi = max(hi, r.Stale)
		stale++
	}
	ago := fmt.Sprintf("%d days ago", hi)
	if lo != hi {
		ago = fmt.Sprintf("%d to %d days ago", lo, hi)
	}
	switch {
	case stale == 0:
		return "now"
	case stale == judged && stale == 1:
		return "at the last run (" + ago + ")"
	case stale == judged:
		return "at their last runs (" + ago + ")"
	}
	return fmt.Sprintf("now, or at the last run for %d of them (%s)", stale, ago)
}

// openPattern is one rule that fired for an athlete, with its highest
// severity.
type openPattern struct {
	Rule     string // the rule id
	Name     string // the rule in plain words, lower case: "training load spike"
	Severity rules.Severity
}

// teamRows gives the overview's rows, for a report generated at now, in
// risk order (SortByRisk).
func teamRows(as []*screen.Athlete, now time.Time) []teamRow {
	var out []teamRow
	for _, a := range screen.ByRisk(as) {
		row := teamRow{Athlete: a, ThisKm: math.NaN(), LastKm: math.NaN(), ACWR: math.NaN(),
			Unreadable: len(a.InputsFailed), RedFlags: len(rules.RedFlagsOf(a.Findings)),
			Data: dataStatus(a, now), NoRuns: a.Runs() == 0, Stale: staleFor(a, now)}
		if a.Season != nil {
			if n := len(a.Season.Weeks); n > 0 {
				this := a.Season.Weeks[n-1]
				row.ThisWeek, row.ThisKm, row.ACWR = this.Monday.Time(a.Season.Params.Location), this.DistanceKm, this.ACWR
				if n > 1 {
					row.LastKm = a.Season.Weeks[n-2].DistanceKm
				}
			}
		}
		risks, _ := riskGroups(groupByRule(a.Findings))
		open, resolved := splitOpen(a, risks)
		for _, g := range open {
			row.Open = append(row.Open, openPattern{Rule: g.Rule.ID, Name: lowerFirst(g.Name), Severity: g.Highest})
			row.Highest = max(row.Highest, g.Highest)
		}
		for _, g := range resolved {
			row.Resolved = append(row.Resolved, openPattern{Rule: g.Rule.ID, Name: lowerFirst(g.Name), Severity: g.Highest})
		}
		out = append(out, row)
	}
	return out
}

// thisWeek is the row's week as YYYY-MM-DD, dash without weeks.
func (r teamRow) thisWeek() string {
	if r.ThisWeek.IsZero() {
		return dash
	}
	return day(r.ThisWeek)
}

// openItems are the row's patterns as "training load spike (high)".
func (r teamRow) openItems() []string {
	var out []string
	for _, o := range r.Open {
		out = append(out, o.Name+" ("+o.Severity.String()+")")
	}
	return out
}

// openText is the row's patterns in one line, "none" when there is none.
func (r teamRow) openText() string {
	if len(r.Open) == 0 {
		return "none"
	}
	return strings.Join(r.openItems(), ", ")
}

// lowerFirst lower-cases the first letter of s.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// clip shortens s to at most n runes, ending it with "…" when cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:max(0, n-1)]) + "…"
}
