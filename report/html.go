package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strconv"

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
var htmlTemplate = template.Must(template.New("report").Parse(htmlTemplateText))

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

type htmlAthlete struct {
	Name, Anchor, Period       string
	Activities, Weeks, Skipped int
	Merged                     string   // "3 duplicate copies merged (...)"; "" for none
	Verdict                    string   // "3 risk patterns need attention (...)"; "" without findings
	Quiet                      string   // what an athlete without risk findings reads
	Statuses                   []string // the rules that could not judge, in words
	Groups                     []htmlGroup
	Notes                      []htmlFinding // info notes: context, no action
	Charts                     []chart       // the charts no group shows
	WeekRows                   [][]string
	InputsFailed               []screen.FailedInput
	RedFlags                   []string // first, plainly
	// Changes says what changed since the earlier report; "" when the
	// report compares with none.
	Changes string
}

// htmlGroup is one rule's block, with the charts of its findings.
type htmlGroup struct {
	Severity, Name, Rule, Verdict string
	Findings                      []htmlFinding
	Chain                         []htmlLink
	Explanation, Advice           string
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
		x.athletes = append(x.athletes, athleteHTML(a, athleteAnchor(x.n-1)))
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
		rows := teamRows(r.Athletes)
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

func athleteHTML(a *screen.Athlete, anchor string) htmlAthlete {
	ha := htmlAthlete{
		Name: a.Name, Anchor: anchor, Period: periodText(a),
		Activities: a.Activities(), Weeks: weeksOf(a), Skipped: a.Skipped, Merged: mergedText(a),
		WeekRows: weekCells(a), InputsFailed: a.InputsFailed, RedFlags: redFlagLines(a),
	}
	if c := a.Changes; c != nil {
		ha.Changes = "Changes since the report of " + day(c.ComparedWith) + ": " + changesText(c)
	}
	charts := athleteCharts(a)
	used := make([]bool, len(charts))
	groups, notes := riskGroups(groupByRule(a.Findings))
	if len(groups) > 0 {
		ha.Verdict = verdictHead(groups, a.Counts())
	} else {
		ha.Quiet = quietText(a)
	}
	ha.Statuses = statusNotes(a)
	for _, g := range notes {
		for _, f := range g.Findings {
			ha.Notes = append(ha.Notes, htmlFinding{Severity: f.Severity.String(), Date: spanText(f),
				Summary: g.Name + ": " + f.Summary, Activity: f.Activity})
		}
	}
	said := map[string]bool{} // advice and links said once per athlete, as in the text report
	for _, g := range groups {
		hg := htmlGroup{
			Severity: g.Highest.String(), Name: g.Name, Rule: g.Rule.ID, Verdict: verdictText(g, a, nil) + ackSuffix(a, g),
			Explanation: g.Explanation, Advice: unsaid(said, g.Advice),
		}
		if hg.Advice == "" && g.Advice != "" {
			hg.Advice = "As above."
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
		ha.Groups = append(ha.Groups, hg)
	}
	for i, c := range charts {
		if !used[i] {
			ha.Charts = append(ha.Charts, c)
		}
	}
	return ha
}
