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
// unreadable inputs. "This week" is the athlete's last ISO week with
// data, the last week of its season.

// teamNote says what the overview's week columns mean.
const teamNote = `"Open now" is the highest severity of the patterns with a finding in the athlete's last 2 weeks; "resolved" counts the patterns without one. "This week" is each athlete's last ISO week with data, named by its Monday; "last km" is the week before; ACWR is this week's.`

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
// attention: a risk pattern open now or a red flag".
func attentionText(rows []teamRow) string {
	n := needAttention(rows)
	switch {
	case n == 0:
		return fmt.Sprintf("None of %d athletes needs attention: no risk pattern is open now, no red flag", len(rows))
	case n == 1:
		return fmt.Sprintf("1 of %d athletes needs attention: a risk pattern open now or a red flag", len(rows))
	}
	return fmt.Sprintf("%d of %d athletes need attention: a risk pattern open now or a red flag", n, len(rows))
}

// openPattern is one rule that fired for an athlete, with its highest
// severity.
type openPattern struct {
	Rule     string // the rule id
	Name     string // the rule in plain words, lower case: "training load spike"
	Severity rules.Severity
}

// teamRows gives the overview's rows in risk order (SortByRisk).
func teamRows(as []*screen.Athlete) []teamRow {
	var out []teamRow
	for _, a := range screen.ByRisk(as) {
		row := teamRow{Athlete: a, ThisKm: math.NaN(), LastKm: math.NaN(), ACWR: math.NaN(),
			Unreadable: len(a.InputsFailed)}
		if a.Season != nil {
			if n := len(a.Season.Weeks); n > 0 {
				this := a.Season.Weeks[n-1]
				row.ThisWeek, row.ThisKm, row.ACWR = this.Monday, this.DistanceKm, this.ACWR
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
