package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// mdEscaper escapes characters that Markdown (GitHub-flavoured) would read
// as markup inside a line: emphasis, links and images, table cells, code
// and raw HTML. Line breaks become spaces, so user text never starts a line
// (no headings, lists or rules from it).
var mdEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `{`, `\{`, `}`, `\}`,
	`[`, `\[`, `]`, `\]`, `|`, `\|`, `~`, `\~`,
	`<`, `&lt;`, `>`, `&gt;`, `&`, `&amp;`,
	"\r\n", " ", "\n", " ", "\r", " ",
	// GitHub turns URLs, www. names and e-mail addresses in text into
	// live links: a name is never one.
	"://", `:\/\/`, "www.", `www\.`, "WWW.", `WWW\.`, "@", `\@`,
)

// md escapes user-supplied text for Markdown, tables included.
func md(s string) string { return mdEscaper.Replace(plain(s)) }

// markdownRenderer writes the Markdown report: each athlete's section is
// rendered as it comes and kept as text, since the team's red flags and
// overview come before the athletes; End writes the whole report.
type markdownRenderer struct {
	w        io.Writer
	head     Header
	sections bytes.Buffer
}

func newMarkdownRenderer(w io.Writer) Renderer { return &markdownRenderer{w: w} }

// Begin keeps the header.
func (x *markdownRenderer) Begin(h Header) error {
	x.head = h
	return nil
}

// Athlete renders a's section.
func (x *markdownRenderer) Athlete(a *screen.Athlete) error {
	if x.head.overviewOnly() {
		return nil
	}
	p := func(format string, args ...any) { fmt.Fprintf(&x.sections, format+"\n", args...) }
	p("")
	mdAthlete(p, a, x.head.GeneratedAt)
	return nil
}

// End writes the title, the team's red flags and overview, the sections
// and where to see a professional.
func (x *markdownRenderer) End(team []*screen.Athlete) error {
	r := x.head.report(team)
	b := bufio.NewWriter(x.w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	p("# itbcheck: ITBS and low back pain risk screening")
	p("")
	p("Generated %s by %s %s. %s", r.GeneratedAt.UTC().Format("2006-01-02 15:04 UTC"), md(r.Tool.Name), md(r.Tool.Version), md(configText(r)))
	if flags := teamRedFlags(r.Athletes); len(r.Athletes) > 1 && len(flags) > 0 {
		p("")
		mdRedFlags(p, flags)
	}
	if len(r.Athletes) > 1 {
		mdChanges(p, r.Athletes)
		mdTeam(p, r.Athletes, r.GeneratedAt, x.head.Options.AthletePages)
	}
	_, _ = b.Write(x.sections.Bytes()) // the error is kept by b and returned by Flush
	p("")
	p("## How to read this report")
	p("")
	p("%s", howToRead)
	p("")
	p("> %s", rules.Disclaimer)
	p("")
	p("**See a professional:** %s", rules.RedFlags)
	return b.Flush()
}

// mdTeam writes the team overview; an athlete's name links to their
// report when pages has it (the batch -o DIR index).
func mdTeam(p func(string, ...any), athletes []*screen.Athlete, now time.Time, pages map[string]string) {
	p("")
	p("## Team overview")
	p("")
	rows := teamRows(athletes, now)
	p("**%s.**", md(attentionText(rows)))
	p("")
	p("Highest open risk first. %s", md(teamNote))
	p("")
	p("| athlete | red flags | open | open patterns | open symptoms | resolved | data | latest week | km | last km | ACWR |")
	p("|---|---:|---|---|---|---:|---|---|---:|---:|---:|")
	for _, row := range rows {
		syms := strings.Join(openSymptoms(row.Athlete), "; ")
		if syms == "" {
			syms = "none"
		}
		name := md(row.Athlete.Name)
		if page := pages[row.Athlete.Name]; page != "" {
			name = "[" + name + "](" + url.PathEscape(page) + ")"
		}
		p("| %s | %s | %s | %s | %s | %d | %s | %s | %s | %s | %s |", name, row.redFlagText(), row.Highest, md(row.openText()), md(syms),
			len(row.Resolved), md(row.dataText()), row.thisWeek(), fmtNum(row.ThisKm, 1), fmtNum(row.LastKm, 1), fmtNum(row.ACWR, 2))
	}
}

// mdAthlete writes a's section in the reader's order (see view.go).
func mdAthlete(p func(string, ...any), a *screen.Athlete, now time.Time) {
	v := athleteView(a, now)
	p("## %s", md(a.Name))
	p("")
	if len(v.RedFlags) > 0 {
		mdRedFlags(p, v.RedFlags)
		p("")
	}
	if st := staleText(a, now); st != "" {
		p("- Last run: %s", st)
	}
	p("- Period: %s", periodText(a))
	if c := a.Changes; c != nil {
		p("- Changes since the report of %s: %s", day(c.ComparedWith), md(changesText(c)))
	}
	p("- Activities: %s", activitiesText(a))
	if l := loadText(a); l != "" {
		p("- Load: %s", md(l))
	}
	if a.Skipped > 0 {
		p("- Skipped: %d files of types itbcheck does not read", a.Skipped)
	}
	if len(v.Actions) > 0 {
		p("")
		p("### %s", v.actionsHead())
		p("")
		for i, ac := range v.Actions {
			text := md(ac.Text)
			if ac.RedFlag {
				text = "**" + text + "**"
			}
			if f := ac.forText(); f != "" {
				text += " " + md(f)
			}
			p("%d. %s", i+1, text)
		}
	}
	p("")
	said := map[string]bool{} // each explanation once per athlete
	switch {
	case len(v.Open) == 0 && len(v.Resolved) == 0:
		p("%s", md(quietText(a)))
	case len(v.Open) == 0:
		p("### %s: nothing (no pattern in the weeks since %s)", v.openHead(), v.Since)
	default:
		p("### %s: %s (in the weeks since %s)", v.openHead(), patterns(len(v.Open)), v.Since)
		for _, g := range v.Open {
			p("")
			mdGroup(p, a, g, said)
		}
	}
	if len(v.PreviousPain) > 0 {
		p("")
		p("### %s", previousPainHead)
		p("")
		for _, pp := range v.PreviousPain {
			p("- %s", md(previousPainText(pp)))
		}
	}
	if len(v.Unjudged) > 0 || len(a.InputsFailed) > 0 {
		p("")
		p("### Not judged")
		p("")
		for _, n := range v.Unjudged {
			p("- %s", md(n))
		}
		if len(a.InputsFailed) > 0 {
			p("- %s:", unreadableText(len(a.InputsFailed)))
			for _, fi := range a.InputsFailed {
				p("  - %s: %s", md(fi.Path), md(fi.Reason()))
			}
		}
	}
	if len(v.Resolved) > 0 {
		p("")
		p("### Resolved: %s, none in the weeks since %s", patterns(len(v.Resolved)), v.Since)
		for _, g := range v.Resolved {
			p("")
			mdGroup(p, a, g, said)
		}
	}
	if len(v.Notes) > 0 {
		p("")
		p("### Notes (context, no action needed)")
		p("")
		for _, g := range v.Notes {
			for _, f := range g.Findings {
				p("- %s, %s: %s", md(g.Name), spanText(f), md(f.Summary))
			}
		}
	}
	if len(v.Shoes) > 0 {
		p("")
		p("### %s", shoesHead)
		p("")
		for _, s := range v.Shoes {
			p("- %s", md(shoeLine(s)))
		}
	}
	p("")
	p("### Weekly running")
	p("")
	rows := weekCells(a)
	if len(rows) == 0 {
		p("No weeks of running to tabulate.")
		return
	}
	p("Weeks marked ! have a finding; s/m counts strength and mobility sessions; %s.", md(weekLegend(a)))
	p("")
	p("| %s |", strings.Join(weekColumns, " | "))
	p("|---|%s", strings.Repeat("---:|", len(weekColumns)-1))
	for _, row := range rows {
		if len(row) == 1 { // a break: the span in the first cell
			row = append(row, make([]string, len(weekColumns)-1)...)
		}
		p("| %s |", strings.Join(row, " | "))
	}
}

// mdGroup writes one rule's block: its verdict, a line per finding, then
// why it matters; each sentence of explanation once per athlete (said).
// Its advice is in the action list.
func mdGroup(p func(string, ...any), a *screen.Athlete, g ruleGroup, said map[string]bool) {
	p("#### %s %s %s · `%s`", sevEmoji(g.Highest), strings.ToUpper(g.Highest.String()), md(g.Name), md(g.Rule.ID))
	p("")
	p("%s.", md(verdictText(g, a, nil)+ackSuffix(a, g)))
	p("")
	for _, f := range g.Findings {
		line := fmt.Sprintf("- %s %s · %s · %s", sevEmoji(f.Severity), strings.ToUpper(f.Severity.String()), spanText(f), md(f.Summary))
		if e := evidenceText(f); e != "" {
			line += " · " + md(e)
		}
		if f.Activity != "" {
			line += " · run " + md(f.Activity)
		}
		p("%s", line)
	}
	expl := unsaid(said, g.Explanation)
	if len(g.Chain) > 0 || expl != "" {
		p("")
		why := "**Why it matters:**"
		if len(g.Chain) > 0 {
			why += " " + chainLabels(g.Chain) + "."
		}
		if expl != "" {
			why += " " + md(expl)
		}
		p("%s", why)
	}
}

// sevEmoji marks a severity visually in Markdown.
func sevEmoji(s rules.Severity) string {
	switch s {
	case rules.High:
		return "🔴"
	case rules.Medium:
		return "🟠"
	case rules.Low:
		return "🟡"
	case rules.Info:
		return "ℹ️"
	}
	return "🟢"
}

// mdRedFlags writes red flags plainly, before anything else of a report or
// an athlete.
func mdRedFlags(p func(string, ...any), lines []string) {
	p("> **%s:**", redFlagHead)
	for _, l := range lines {
		p("> - %s", md(l))
	}
}
