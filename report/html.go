package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"time"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/safetext"
	"github.com/itbcheck/itbcheck/screen"
)

//go:embed assets/report.html.tmpl
var htmlTemplateText string

//go:embed assets/report.css
var htmlCSS string

// htmlTemplate is the page; html/template escapes every piece of user text
// (athlete names, file paths, findings' words) for its context.
var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"groupIn": func(a htmlAthlete, g htmlGroup) htmlGroupIn { return htmlGroupIn{Athlete: a, Group: g} },
}).Parse(htmlTemplateText))

// htmlGroupIn is a group with the athlete whose section holds it, for the
// "group" template.
type htmlGroupIn struct {
	Athlete htmlAthlete
	Group   htmlGroup
}

// htmlPage is the data of the HTML template.
type htmlPage struct {
	CSS          template.CSS
	Generated    string
	Tool         string
	Activities   int
	InputsFailed int
	Counts       screen.Counts
	Team         []htmlTeamRow
	TeamNote     string
	Attention    string        // "2 of 7 athletes need attention: ..."
	Config       string        // the config file and thresholds in force
	Athletes     []htmlAthlete // empty for the team overview alone
	AthleteCount int
	WeekColumns  []string
	Disclaimer   string
	HowToRead    string
	RedFlags     string
	// RedFlagHead opens the red flags; TeamRedFlags are every athlete's,
	// at the top of a team page.
	RedFlagHead  string
	TeamRedFlags []string
	// Changes is the team's "Changes since" section; nil when the report
	// compares with none (the team table then has no changes column).
	Changes *htmlChanges
	// TeamScript sorts and filters the team table (team pages only).
	TeamScript template.JS
	// Filters are the team table's filter menus.
	Filters []htmlFilter
}

// htmlTeamRow is one athlete's row of the team overview.
type htmlTeamRow struct {
	Name, Highest string
	// Link is the athlete's own report when written beside this one, else
	// their section of this page.
	Link                           string
	ThisWeek, ThisKm, LastKm, ACWR string
	Open                           []htmlOpen // open now; none when quiet
	Resolved                       int        // patterns resolved
	Symptoms                       []string   // open pain episodes
	InputsFailed                   int
	Spark                          *sparkline // nil without weeks
	// RedFlags counts the athlete's red flags; Data says what limits the
	// screening ("ok" when nothing does), DataIssue whether something does.
	RedFlags  int
	Data      string
	DataIssue bool
	// Change is what changed since the earlier report; the data
	// attributes are what the team page sorts and filters by.
	Change                                  string
	ChangeKind, ChangeRank, SevRank, Status string
	Families                                string // the open patterns' families, "|"-separated
}

// htmlOpen is one pattern found for an athlete, with its highest severity.
type htmlOpen struct {
	Name, Severity string
	Ack            string // "acknowledged 2026-06-08: called him"; "" when not acked
}

// htmlAthlete is one athlete's section, in the reader's order (view.go).
type htmlAthlete struct {
	Name, Anchor, Period       string
	Stale                      string // "45 days ago (...): what follows is as of then, not now"; "" for current data
	Activities, Weeks, Skipped int
	Merged                     string   // "3 duplicate copies merged (...)"; "" for none
	EarlierSeasons             string   // "2 earlier seasons left out of the analysis (...)"; "" for none
	UnknownSport               string   // "3 activities of unknown sport left out (...)"; "" for none
	RedFlags                   []string // first, plainly
	ActionsHead                string   // "This week", or how long ago the last run was
	Actions                    []htmlAction
	OpenHead                   string // "Open now: 2 risk patterns (...)"; "" without risk findings
	Quiet                      string // what an athlete without risk findings reads
	Open                       []htmlGroup
	Statuses                   []string // the rules that could not judge, in words
	InputsFailed               []screen.FailedInput
	Unreadable                 string // "2 inputs could not be read"
	ResolvedHead               string
	Resolved                   []htmlGroup
	Notes                      []htmlFinding // info notes: context, no action
	WeekLegend                 string        // the weekly table's legend after its "!" (weekLegend)
	PreviousPainHead           string        // "" when no previous pain is named
	PreviousPain               []string      // one line per episode (previousPainText)
	ShoesHead                  string        // "" when no run names a shoe
	Shoes                      []string      // one line per shoe (shoeLine)
	Charts                     []chart       // the charts no group shows
	WeekRows                   [][]string
	// Changes says what changed since the earlier report; "" when the
	// report compares with none.
	Changes string
}

// htmlAction is one item of the action list and the patterns it answers.
type htmlAction struct {
	Text, For string
	RedFlag   bool
}

// htmlGroup is one rule's block, with the charts of its findings.
type htmlGroup struct {
	Severity, Name, Rule, Verdict string
	Findings                      []htmlFinding
	Chain                         []htmlLink
	Explanation                   string
	Charts                        []chart
}

type htmlFinding struct {
	Severity, Date, Summary, Evidence string
	Activity                          string
}

type htmlLink struct{ Label, Text string }

// htmlRenderer writes one self-contained page: styles inline, charts as
// inline SVG, no scripts and no external resources. The page opens with
// the team's totals and overview, so each athlete's section is made as it
// comes (its charts drawn to SVG, the season no longer needed) and kept
// until End writes the page; the overview alone keeps none.
type htmlRenderer struct {
	w        io.Writer
	head     Header
	athletes []htmlAthlete
	n        int // the athletes given so far
}

func newHTMLRenderer(w io.Writer) Renderer { return &htmlRenderer{w: w} }

// Begin keeps the header.
func (x *htmlRenderer) Begin(h Header) error {
	x.head = h
	return nil
}

// Athlete makes a's section, unless the page is the overview alone.
func (x *htmlRenderer) Athlete(a *screen.Athlete) error {
	x.n++
	if !x.head.overviewOnly() {
		x.athletes = append(x.athletes, athleteHTML(a, athleteAnchor(x.n-1), x.head.GeneratedAt))
	}
	return nil
}

// End writes the page.
func (x *htmlRenderer) End(team []*screen.Athlete) error {
	return renderHTML(x.w, x.head.report(team), x.head.Options, x.athletes)
}

// athleteAnchor is the id of the section of the athlete at index i.
func athleteAnchor(i int) string { return "athlete-" + strconv.Itoa(i+1) }

// renderHTML writes the page of r with the athletes' sections made by
// athleteHTML (none for the overview alone).
func renderHTML(w io.Writer, r *screen.Report, opt Options, athletes []htmlAthlete) error {
	page := htmlPage{
		CSS:         template.CSS(htmlCSS), // our own embedded stylesheet
		Generated:   r.GeneratedAt.UTC().Format("2006-01-02 15:04 UTC"),
		Tool:        (r.Tool.Name + " " + r.Tool.Version),
		Counts:      r.Counts(),
		WeekColumns: weekColumns,
		Config:      configText(r),
		Disclaimer:  rules.Disclaimer,
		HowToRead:   howToRead,
		RedFlags:    rules.RedFlags,
		RedFlagHead: redFlagHead,
	}
	if len(r.Athletes) > 1 {
		page.TeamRedFlags = teamRedFlags(r.Athletes)
	}
	anchors := map[*screen.Athlete]string{}
	page.Athletes = athletes
	for i, a := range r.Athletes {
		anchors[a] = athleteAnchor(i)
		page.Activities += a.Activities()
		page.InputsFailed += len(a.InputsFailed)
		page.AthleteCount++
		if opt.overviewOnly(r) {
			anchors[a] = "" // no section to link to
		}
	}
	if len(r.Athletes) > 1 {
		rows := teamRows(r.Athletes, r.GeneratedAt)
		for _, tr := range rows {
			row := teamRowHTML(tr, anchors[tr.Athlete], opt.AthletePages, sparkTop(r.Athletes))
			teamRowData(&row, tr)
			page.Team = append(page.Team, row)
		}
		page.Changes = htmlChangesOf(r.Athletes, page.Team)
		page.Filters = teamFilters(page.Team, page.Changes != nil)
		page.TeamScript = template.JS(teamScript) // our own embedded script
		page.Attention = attentionText(rows)
		page.TeamNote = teamNote
	}
	var b bytes.Buffer
	if err := htmlTemplate.Execute(&b, page); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	// html/template escapes markup, not controls: an ESC or a bidi
	// override in a name would reach the page raw.
	_, err := io.WriteString(w, safetext.EscapeKeepLines(b.String()))
	return err
}

// teamRowHTML is tr as the HTML team table shows it; the name links to
// the athlete's page in pages, else to anchor.
func teamRowHTML(tr teamRow, anchor string, pages map[string]string, top float64) htmlTeamRow {
	a := tr.Athlete
	row := htmlTeamRow{
		Name: a.Name, ThisWeek: tr.thisWeek(),
		ThisKm: fmtNum(tr.ThisKm, 1), LastKm: fmtNum(tr.LastKm, 1), ACWR: fmtNum(tr.ACWR, 2),
		InputsFailed: tr.Unreadable, Spark: teamSparkline(a, top), Resolved: len(tr.Resolved), Symptoms: openSymptoms(a),
		RedFlags: tr.RedFlags, Data: tr.dataText(), DataIssue: len(tr.Data) > 0,
	}
	if anchor != "" {
		row.Link = "#" + anchor
	}
	if p, ok := pages[a.Name]; ok && p != "" {
		row.Link = p
	}
	if tr.Highest > rules.None {
		row.Highest = tr.Highest.String()
	}
	for _, o := range tr.Open {
		row.Open = append(row.Open, htmlOpen{Name: o.Name, Severity: o.Severity.String()})
	}
	return row
}

// athleteHTML makes a's section for a report generated at now.
func athleteHTML(a *screen.Athlete, anchor string, now time.Time) htmlAthlete {
	v := athleteView(a, now)
	ha := htmlAthlete{
		Name: a.Name, Anchor: anchor, Period: periodText(a), Stale: staleText(a, now),
		Activities: a.Activities(), Weeks: weeksOf(a), Skipped: a.Skipped, Merged: mergedText(a), EarlierSeasons: earlierSeasons(a), UnknownSport: unknownSportText(a),
		WeekRows: weekCells(a), WeekLegend: weekLegend(a), InputsFailed: a.InputsFailed, RedFlags: v.RedFlags,
		ActionsHead: v.actionsHead(), Statuses: v.Unjudged,
	}
	if c := a.Changes; c != nil {
		ha.Changes = "Changes since the report of " + day(c.ComparedWith) + ": " + changesText(c)
	}
	if n := len(a.InputsFailed); n > 0 {
		ha.Unreadable = unreadableText(n)
	}
	for _, ac := range v.Actions {
		ha.Actions = append(ha.Actions, htmlAction{Text: ac.Text, For: ac.forText(), RedFlag: ac.RedFlag})
	}
	switch {
	case len(v.Open) == 0 && len(v.Resolved) == 0:
		ha.Quiet = quietText(a)
	case len(v.Open) == 0:
		ha.OpenHead = v.openHead() + ": nothing (no pattern in the weeks since " + v.Since + ")"
	default:
		ha.OpenHead = fmt.Sprintf("%s: %s (in the weeks since %s)", v.openHead(), patterns(len(v.Open)), v.Since)
	}
	if len(v.Resolved) > 0 {
		ha.ResolvedHead = fmt.Sprintf("Resolved: %s, none in the weeks since %s", patterns(len(v.Resolved)), v.Since)
	}
	for _, g := range v.Notes {
		for _, f := range g.Findings {
			ha.Notes = append(ha.Notes, htmlFinding{Severity: f.Severity.String(), Date: spanText(f),
				Summary: g.Name + ": " + f.Summary, Activity: f.Activity})
		}
	}
	for _, p := range v.PreviousPain {
		ha.PreviousPainHead = previousPainHead
		ha.PreviousPain = append(ha.PreviousPain, previousPainText(p))
	}
	if len(v.Shoes) > 0 {
		ha.ShoesHead = shoesHead
		for _, s := range v.Shoes {
			ha.Shoes = append(ha.Shoes, shoeLine(s))
		}
	}
	charts := athleteCharts(a)
	used := make([]bool, len(charts))
	said := map[string]bool{} // explanations and links said once per athlete, as in the text report
	block := func(g ruleGroup) htmlGroup {
		hg := htmlGroup{
			Severity: g.Highest.String(), Name: g.Name, Rule: g.Rule.ID, Verdict: verdictText(g, a, nil) + ackSuffix(a, g),
			Explanation: unsaid(said, g.Explanation),
		}
		for _, f := range g.Findings {
			hg.Findings = append(hg.Findings, htmlFinding{
				Severity: f.Severity.String(), Date: spanText(f), Summary: f.Summary,
				Evidence: evidenceText(f), Activity: f.Activity,
			})
		}
		for _, l := range g.Chain {
			hl := htmlLink{Label: linkLabel(l)}
			if !said["link "+string(l)] {
				said["link "+string(l)] = true
				hl.Text = linkText(l)
			}
			hg.Chain = append(hg.Chain, hl)
		}
		for i, c := range charts {
			if !used[i] && c.About != nil && c.About(g.Rule) {
				used[i] = true
				hg.Charts = append(hg.Charts, c)
			}
		}
		return hg
	}
	for _, g := range v.Open {
		ha.Open = append(ha.Open, block(g))
	}
	for _, g := range v.Resolved {
		ha.Resolved = append(ha.Resolved, block(g))
	}
	for i, c := range charts {
		if !used[i] {
			ha.Charts = append(ha.Charts, c)
		}
	}
	return ha
}
