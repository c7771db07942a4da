package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/itbcheck/itbcheck/rules"
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
)

// md escapes user-supplied text for Markdown, tables included.
func md(s string) string { return mdEscaper.Replace(plain(s)) }

func renderMarkdown(w io.Writer, r *Report) error {
	b := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(b, format+"\n", args...) }
	p("# itbcheck: ITBS and low back pain risk screening")
	p("")
	p("Generated %s by %s %s.", r.GeneratedAt.UTC().Format("2006-01-02 15:04 UTC"), md(r.Tool.Name), md(r.Tool.Version))
	p("")
	p("> %s", disclaimer())
	if len(r.Athletes) > 1 {
		p("")
		p("## Team overview")
		p("")
		p("| athlete | highest | findings | high | medium | low | weeks |")
		p("|---|---|---:|---:|---:|---:|---:|")
		for _, a := range byRisk(r.Athletes) {
			c := a.Counts()
			p("| %s | %s | %d | %d | %d | %d | %d |", md(a.Name), a.Highest(), c.Total(), c.High, c.Medium, c.Low, weeksOf(a))
		}
	}
	for _, a := range r.Athletes {
		p("")
		mdAthlete(p, a)
	}
	p("")
	p("## See a professional")
	p("")
	for _, rf := range redFlags() {
		p("- %s", rf)
	}
	return b.Flush()
}

func mdAthlete(p func(string, ...any), a *Athlete) {
	p("## %s", md(a.Name))
	p("")
	p("- Period: %s", periodText(a))
	p("- Activities: %d read, %d weeks analysed", a.Activities(), weeksOf(a))
	if a.Skipped > 0 {
		p("- Skipped: %d files of types itbcheck does not read", a.Skipped)
	}
	if len(a.InputsFailed) > 0 {
		p("- Unreadable inputs: %d", len(a.InputsFailed))
		for _, fi := range a.InputsFailed {
			p("  - %s: %s", md(fi.Path), md(fi.Error))
		}
	}
	p("")
	if len(a.Findings) == 0 {
		p("No risk pattern found in %d weeks of running.", weeksOf(a))
	} else {
		p("### Findings: %s", countsText(a.Counts()))
		for _, f := range findingsBySeverity(a.Findings) {
			p("")
			mdFinding(p, f)
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
	p("Weeks marked ! have a finding.")
	p("")
	p("| %s |", strings.Join(weekColumns, " | "))
	p("|---|%s", strings.Repeat("---:|", len(weekColumns)-1))
	for _, row := range rows {
		p("| %s |", strings.Join(row, " | "))
	}
}

func mdFinding(p func(string, ...any), f rules.Finding) {
	p("#### %s %s · %s · `%s`", sevEmoji(f.Severity), strings.ToUpper(f.Severity.String()), f.Date, md(f.Rule))
	p("")
	p("%s", md(f.Summary))
	p("")
	if f.Metric != "" {
		p("- Measured: %s %s (threshold %s)", md(f.Metric), fmtNum(f.Value, 2), fmtNum(f.Threshold, 2))
	}
	if f.Activity != "" {
		p("- Run: %s", md(f.Activity))
	}
	if len(f.Mechanism) > 0 {
		p("- Why it matters: %s", chainLabels(f.Mechanism))
	}
	if f.Explanation != "" {
		p("- %s", md(f.Explanation))
	}
	if f.Advice != "" {
		p("- **What to do:** %s", md(f.Advice))
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
	}
	return "🟢"
}
