package report

import (
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// The renderers' share of the coach's week: the "Changes since" section
// and the acknowledgement beside a finding, in each format.

// teamScript sorts and filters the HTML team table (assets/team.js).
//
//go:embed assets/team.js
var teamScript string

// changesHeading is the section's title: "Changes since 2026-05-04".
func changesHeading(t *screen.TeamChanges) string {
	return "Changes since " + day(t.ComparedWith)
}

// changedAthletes are the team's athletes with a change, in the team's
// order, each with its one line.
func changedAthletes(team []*screen.Athlete) (names, lines []string) {
	for _, a := range screen.ByRisk(team) {
		if a.Changes.Any() {
			names = append(names, a.Name)
			lines = append(lines, changesText(a.Changes))
		}
	}
	return names, lines
}

// groupAck is the acknowledgement in force of a rule group's latest
// episode: a group whose latest episode is new since the ack is not
// acknowledged.
func groupAck(a *screen.Athlete, g ruleGroup) (screen.Acknowledgement, bool) {
	if len(g.Findings) == 0 {
		return screen.Acknowledgement{}, false
	}
	latest := g.Findings[0]
	for _, f := range g.Findings[1:] {
		if f.Date > latest.Date || (f.Date == latest.Date && f.Severity > latest.Severity) {
			latest = f
		}
	}
	return a.Acknowledged(latest)
}

// ackSuffix is " (acknowledged 2026-06-08: called him)" for a group the
// coach has seen, "" otherwise.
func ackSuffix(a *screen.Athlete, g ruleGroup) string {
	if k, ok := groupAck(a, g); ok {
		return " (" + ackText(k) + ")"
	}
	return ""
}

// textChanges writes the team's "Changes since" section: the totals and
// one line per athlete with a change.
func (t *textWriter) textChanges(team []*screen.Athlete) {
	tc := screen.TeamChangesOf(team)
	if tc == nil {
		return
	}
	t.line("")
	t.heading(changesHeading(tc))
	t.para("", "", plain(upperFirst(teamChangesText(tc))+"."))
	names, lines := changedAthletes(team)
	for i := range names {
		t.para("  "+plain(names[i])+": ", "    ", plain(lines[i]))
	}
}

// mdChanges writes the Markdown "Changes since" section.
func mdChanges(p func(string, ...any), team []*screen.Athlete) {
	tc := screen.TeamChangesOf(team)
	if tc == nil {
		return
	}
	p("")
	p("## %s", changesHeading(tc))
	p("")
	p("%s.", md(upperFirst(teamChangesText(tc))))
	names, lines := changedAthletes(team)
	if len(names) > 0 {
		p("")
	}
	for i := range names {
		p("- **%s**: %s", md(names[i]), md(lines[i]))
	}
}

// changeRank orders the change kinds for the team page's sorting: the
// most urgent first.
var changeRank = map[string]int{"red-flag": 0, "worse": 1, "new": 2, "stale": 3, "resolved": 4, "runs": 5, "none": 6}

// upperFirst capitalises the first letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// changeCell is the team table's "changes" cell: what changed, "no
// change", or "" when the report compares with none.
func changeCell(a *screen.Athlete) string {
	if a.Changes == nil {
		return ""
	}
	return changesText(a.Changes)
}

// changeRankText is the sort key of a change kind, as text.
func changeRankText(kind string) string { return fmt.Sprint(changeRank[kind]) }

// htmlChanges is the HTML "Changes since" section.
type htmlChanges struct {
	Heading, Text string
	Athletes      []htmlChangedAthlete
}

// htmlChangedAthlete is one athlete's line of it.
type htmlChangedAthlete struct{ Name, Link, Text string }

// htmlFilter is one menu of the team table's filters: the data attribute
// it filters by and its values.
type htmlFilter struct {
	Label, Key string
	Values     []string
}

// htmlChangesOf is the team's "Changes since" section; nil when the
// report compares with none.
func htmlChangesOf(team []*screen.Athlete, rows []htmlTeamRow) *htmlChanges {
	tc := screen.TeamChangesOf(team)
	if tc == nil {
		return nil
	}
	hc := &htmlChanges{Heading: changesHeading(tc), Text: upperFirst(teamChangesText(tc)) + "."}
	links := map[string]string{}
	for _, r := range rows {
		links[r.Name] = r.Link
	}
	names, lines := changedAthletes(team)
	for i := range names {
		hc.Athletes = append(hc.Athletes, htmlChangedAthlete{Name: names[i], Link: links[names[i]], Text: lines[i]})
	}
	return hc
}

// teamRowData fills the row's change and the data attributes the team
// page sorts and filters by.
func teamRowData(row *htmlTeamRow, tr teamRow) {
	a := tr.Athlete
	row.Change = changeCell(a)
	row.ChangeKind = a.Changes.Kind()
	row.ChangeRank = changeRankText(row.ChangeKind)
	row.SevRank = fmt.Sprint(3 - int(max(tr.Highest, rules.Info)-rules.Info))
	switch {
	case a.Changes != nil && a.Changes.NoNewRuns:
		row.Status = "no new runs"
	case a.Runs() == 0:
		row.Status = "no runs"
	case tr.Unreadable > 0:
		row.Status = "unreadable files"
	default:
		row.Status = "current"
	}
	groups, _ := riskGroups(groupByRule(a.Findings))
	for i, o := range tr.Open {
		for _, g := range groups {
			if k, ok := groupAck(a, g); ok && g.Rule.ID == o.Rule && i < len(row.Open) {
				row.Open[i].Ack = ackText(k)
			}
		}
	}
	var fams []string
	for _, o := range tr.Open {
		if r := rules.ByID(o.Rule); r != nil && !slices.Contains(fams, string(r.Family)) {
			fams = append(fams, string(r.Family))
		}
	}
	row.Families = strings.Join(fams, "|")
}

// teamFilters are the filter menus over the rows: the values present.
func teamFilters(rows []htmlTeamRow, compared bool) []htmlFilter {
	sev := htmlFilter{Label: "open", Key: "severity"}
	fam := htmlFilter{Label: "family", Key: "family"}
	chg := htmlFilter{Label: "change", Key: "change"}
	st := htmlFilter{Label: "data", Key: "status"}
	add := func(f *htmlFilter, v string) {
		if v != "" && !slices.Contains(f.Values, v) {
			f.Values = append(f.Values, v)
		}
	}
	for _, r := range rows {
		add(&sev, cmp.Or(r.Highest, "none"))
		for _, f := range strings.Split(r.Families, "|") {
			add(&fam, f)
		}
		add(&chg, r.ChangeKind)
		add(&st, r.Status)
	}
	slices.SortFunc(sev.Values, func(a, b string) int { return cmp.Compare(sevOrder(a), sevOrder(b)) })
	slices.Sort(fam.Values)
	slices.SortFunc(chg.Values, func(a, b string) int { return cmp.Compare(changeRank[a], changeRank[b]) })
	slices.Sort(st.Values)
	out := []htmlFilter{sev, fam}
	if compared {
		out = append(out, chg)
	}
	return append(out, st)
}

// sevOrder ranks a severity word, highest first.
func sevOrder(s string) int {
	return map[string]int{"high": 0, "medium": 1, "low": 2}[s] + map[bool]int{true: 3}[s == "none"]
}
