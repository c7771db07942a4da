package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/safetext"
	"github.com/itbcheck/itbcheck/screen"
)

// githubRenderer writes GitHub Actions workflow commands. GitHub shows only
// ten annotations of each type per step, so there is at most one per
// athlete and rule (its highest episode, naming how many there were),
// ::error at or above Options.FailOn, ::notice below it; info notes are
// left out. file= is always a real file: the run's, or for a week finding
// the first run of that week (a zip member's archive). Unreadable inputs
// are one ::error per athlete. Each athlete's commands are written as it
// comes.
type githubRenderer struct {
	b      *bufio.Writer
	failOn rules.Severity
}

func newGitHubRenderer(w io.Writer) Renderer { return &githubRenderer{b: bufio.NewWriter(w)} }

// Begin keeps the failure threshold.
func (x *githubRenderer) Begin(h Header) error {
	x.failOn = h.Options.failOn()
	return nil
}

// Athlete writes a's annotations.
func (x *githubRenderer) Athlete(a *screen.Athlete) error {
	b, failOn := x.b, x.failOn
	name := safetext.Escape(a.Name)
	for _, group := range byRule(a.Findings) {
		f := group[0]
		level := "notice"
		if f.Severity >= failOn {
			level = "error"
		}
		props := "title=" + escapeProperty(fmt.Sprintf("itbcheck %s (%s)", f.Rule.ID, f.Severity))
		if file, line := symptomLine(a, f); file != "" {
			props = "file=" + escapeProperty(file) + ",line=" + strconv.Itoa(line) + "," + props
		} else if file := findingFile(a, f); file != "" {
			props = "file=" + escapeProperty(file) + "," + props
		}
		msg := fmt.Sprintf("%s: %s risk pattern, %s: %s", name, f.Severity, whenText(f), safetext.Escape(f.Summary))
		if len(group) > 1 {
			msg += fmt.Sprintf(" (%d episodes of %s; this is the highest)", len(group), f.Rule.ID)
		}
		fmt.Fprintf(b, "::%s %s::%s\n", level, props, escapeData(msg))
	}
	if len(a.InputsFailed) > 0 {
		fmt.Fprintf(b, "::error %s::%s\n", inputsProps(a), escapeData(name+": "+inputsText(a.InputsFailed)))
	}
	return b.Flush()
}

// End has nothing left to write.
func (x *githubRenderer) End([]*screen.Athlete) error { return x.b.Flush() }

// byRule groups the findings at low or above by rule, in catalogue order,
// each group highest severity first, then latest first.
func byRule(fs []rules.Finding) [][]rules.Finding {
	var out [][]rules.Finding
	for _, id := range catalogueIDs(fs) {
		var g []rules.Finding
		for _, f := range fs {
			if f.Rule.ID == id && f.Severity >= rules.Low {
				g = append(g, f)
			}
		}
		if len(g) == 0 {
			continue
		}
		best := 0
		for i, f := range g {
			if f.Severity > g[best].Severity || f.Severity == g[best].Severity && f.Date > g[best].Date {
				best = i
			}
		}
		g[0], g[best] = g[best], g[0]
		out = append(out, g)
	}
	return out
}

// whenText is a finding's day, week or episode in words.
func whenText(f rules.Finding) string {
	switch {
	case f.Until != 0 && f.Until != f.Date:
		return spanText(f)
	case f.Activity != "":
		return "run of " + f.Date.String()
	}
	return "week of " + f.Date.String()
}

// symptomLine is where a symptom finding's episode starts in the runner's
// symptom log: the log's path and the line of its first entry on the
// finding's first day (for a red flag, the first entry of that day with a
// red-flag word); "" and 0 for other findings, or when the season has no
// log or no entry that day.
func symptomLine(a *screen.Athlete, f rules.Finding) (string, int) {
	if f.Rule != rules.Symptom || a.Season == nil || a.Season.SymptomLog == "" {
		return "", 0
	}
	line := 0
	for _, e := range a.Season.Symptoms {
		if analysis.DayOf(e.Date) != f.Date || e.Line <= 0 {
			continue
		}
		if rules.IsRedFlag(f) && len(e.Flags) > 0 {
			line = e.Line
			break
		}
		if line == 0 {
			line = e.Line
		}
	}
	if line == 0 {
		return "", 0
	}
	return safetext.Escape(a.Season.SymptomLog), line
}

// findingFile is the file an annotation points at: the finding's run, or
// the first run of its (first) week; "" when the season has none.
func findingFile(a *screen.Athlete, f rules.Finding) string {
	if f.Activity != "" {
		return realFile(f.Activity)
	}
	if a.Season == nil {
		return ""
	}
	for _, run := range a.Season.WeekRuns(a.Season.WeekIndex(f.Date.Time(nil))) {
		if run.Source != "" {
			return realFile(run.Source)
		}
	}
	for _, run := range a.Season.Runs {
		if run.Source != "" {
			return realFile(run.Source)
		}
	}
	return ""
}

// realFile is the file on disk holding source: the archive of a zip
// member ("export.zip!/activities/1.fit" is export.zip).
func realFile(source string) string {
	if i := strings.Index(source, "!/"); i >= 0 {
		source = source[:i]
	}
	return safetext.Escape(source)
}

// inputsProps points the unreadable-inputs annotation at the first file
// that could not be read, when it is one.
func inputsProps(a *screen.Athlete) string {
	title := "title=" + escapeProperty("itbcheck: unreadable input")
	for _, in := range a.InputsFailed {
		if !in.NothingReadable() {
			return "file=" + escapeProperty(realFile(in.Path)) + "," + title
		}
	}
	return title
}

// inputsText lists unreadable inputs on one line: the first three with
// their reasons, then how many more.
func inputsText(ins []screen.FailedInput) string {
	var parts []string
	for i, in := range ins {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(ins)-3))
			break
		}
		parts = append(parts, safetext.Escape(in.Path)+" ("+safetext.Escape(in.Reason())+")")
	}
	n := "1 input"
	if len(ins) != 1 {
		n = fmt.Sprintf("%d inputs", len(ins))
	}
	return n + " could not be read: " + strings.Join(parts, "; ")
}

// escapeData escapes a workflow command's message: % CR LF.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value: as data, plus
// ':' and ','.
func escapeProperty(s string) string {
	return strings.NewReplacer(":", "%3A", ",", "%2C").Replace(escapeData(s))
}

// Verdict is check's outcome on one line, for stderr and the step summary:
// "2 of 7 athletes at or above high; 1 input unreadable; 12 of 84 rule
// checks could not judge (learning or no data)".
func Verdict(r *screen.Report, failOn rules.Severity) string {
	if failOn < rules.Low {
		failOn = rules.High
	}
	at, failed, empty, unjudged, judgeable := 0, 0, 0, 0, 0
	for _, a := range r.Athletes {
		if a.Highest() >= failOn {
			at++
		}
		for _, in := range a.InputsFailed {
			if in.NothingReadable() {
				empty++
			} else {
				failed++
			}
		}
		for _, st := range a.Rules {
			if st.State == rules.Disabled {
				continue
			}
			judgeable++
			if st.State != rules.Judged {
				unjudged++
			}
		}
	}
	athletes := "athletes"
	if len(r.Athletes) == 1 {
		athletes = "athlete"
	}
	parts := []string{fmt.Sprintf("%d of %d %s at or above %s", at, len(r.Athletes), athletes, failOn)}
	switch {
	case failed == 1:
		parts = append(parts, "1 input unreadable")
	case failed > 1:
		parts = append(parts, fmt.Sprintf("%d inputs unreadable", failed))
	}
	if empty > 0 {
		parts = append(parts, fmt.Sprintf("nothing readable for %d of them", empty))
	}
	if unjudged > 0 {
		what := "rules"
		if len(r.Athletes) > 1 {
			what = "rule checks"
		}
		parts = append(parts, fmt.Sprintf("%d of %d %s could not judge (learning or no data)", unjudged, judgeable, what))
	}
	return strings.Join(parts, "; ")
}

// GitHubSummary writes the Markdown for $GITHUB_STEP_SUMMARY: the verdict
// and one row per athlete, highest risk first, small enough for GitHub's
// 1 MiB limit with a large team.
func GitHubSummary(w io.Writer, r *screen.Report, opt Options) error {
	b := bufio.NewWriter(w)
	failOn := opt.failOn()
	fmt.Fprintf(b, "### itbcheck: %s\n\n", md(Verdict(r, failOn)))
	fmt.Fprintf(b, "| athlete | highest | at or above %s | below %s | could not judge | unreadable |\n|---|---|---|---|---|---:|\n", failOn, failOn)
	athletes := append([]*screen.Athlete(nil), r.Athletes...)
	screen.SortByRisk(athletes)
	for _, a := range athletes {
		var above, below, unjudged []string
		for _, g := range byRule(a.Findings) {
			if g[0].Severity >= failOn {
				above = append(above, g[0].Rule.ID)
			} else {
				below = append(below, g[0].Rule.ID)
			}
		}
		for _, st := range a.Rules {
			if st.State == rules.Learning || st.State == rules.NoData {
				unjudged = append(unjudged, st.Rule+" ("+string(st.State)+")")
			}
		}
		highest := "none"
		if h := a.Highest(); h > rules.None {
			highest = h.String()
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %d |\n", md(a.Name), highest, joinOrDash(above), joinOrDash(below), joinOrDash(unjudged), len(a.InputsFailed))
	}
	fmt.Fprintf(b, "\n%s\n", md(rules.Disclaimer))
	return b.Flush()
}

// joinOrDash joins names, or gives "–" for none.
func joinOrDash(names []string) string {
	if len(names) == 0 {
		return "–"
	}
	return strings.Join(names, ", ")
}
