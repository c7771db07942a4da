package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/itbcheck/itbcheck/analysis"
	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/safetext"
	"github.com/itbcheck/itbcheck/screen"
)

// defaultWidth is the column the text report wraps at when Options.Width
// is unset (not a terminal: the output stays the same everywhere);
// minWidth is the narrowest it wraps at.
const (
	defaultWidth = 80
	minWidth     = 50
)

// dash stands for an absent value in tables.
const dash = "–"

// ANSI escapes used when Options.Color is set.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiCyan   = "\x1b[36m"
	ansiGreen  = "\x1b[32m"
)

// textWriter writes the text report; the bufio.Writer keeps the first
// write error and Flush returns it.
type textWriter struct {
	w     *bufio.Writer
	color bool
	width int
	// said holds the sentences of advice and explanations already printed,
	// so that each is said once per report.
	said map[string]bool
}

func (t *textWriter) line(format string, args ...any) {
	fmt.Fprintf(t.w, format+"\n", args...)
}

// heading writes a bold line, wrapped at the width.
func (t *textWriter) heading(text string) {
	for _, l := range wrap(text, t.width, t.width) {
		t.line("%s", t.paint(ansiBold, l))
	}
}

// paint wraps s in an ANSI code when colour is on.
func (t *textWriter) paint(code, s string) string {
	if !t.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

// para writes text wrapped at t.width, each line starting with indent;
// the first line starts with lead (padded to the indent) instead.
func (t *textWriter) para(lead, indent, text string) {
	lines := wrap(text, t.width-utf8.RuneCountInString(lead), t.width-utf8.RuneCountInString(indent))
	for i, l := range lines {
		prefix := indent
		if i == 0 {
			prefix = lead
		}
		t.line("%s%s", prefix, l)
	}
}

// wrap breaks text into lines at spaces: the first of at most first runes,
// the others of at most rest; a longer word gets a line of its own. A
// no-break space (see glue) does not break; it is printed as a space.
func wrap(text string, first, rest int) []string {
	words := keepUnits(strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }))
	var lines []string
	cur := ""
	for _, w := range words {
		width := rest
		if len(lines) == 0 {
			width = first
		}
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	for i, l := range lines {
		lines[i] = strings.ReplaceAll(l, nbsp, " ")
	}
	return lines
}

// units are the words that never start a line when they follow a number
// ("10 % a week" must not wrap as "10" / "% a week").
var units = map[string]bool{"%": true, "pp": true, "km": true, "m": true, "cm": true, "ms": true,
	"spm": true, "bpm": true, "s": true, "min": true, "h": true, "km/week": true, "m/s": true}

// keepUnits joins a unit to the number before it with a no-break space.
func keepUnits(words []string) []string {
	out := words[:0]
	for _, w := range words {
		if n := len(out); n > 0 && units[strings.TrimRight(w, ".,;:)")] {
			if last := out[n-1]; last != "" && last[len(last)-1] >= '0' && last[len(last)-1] <= '9' {
				out[n-1] = last + nbsp + w
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// nbsp keeps words together when wrapping.
const nbsp = "\u00a0"

// glue joins the words of s with no-break spaces, so that a number stays
// on the line of its unit and limit when the text report wraps.
func glue(s string) string { return strings.ReplaceAll(s, " ", nbsp) }

// plain makes text from an input (names, paths, titles, reasons) safe for
// a terminal: control characters (ANSI escapes among them) and bidi
// overrides are shown escaped, with itbcheck's one sanitiser.
func plain(s string) string { return safetext.Escape(s) }

// fmtNum formats v with prec decimals, dash when absent.
func fmtNum(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return dash
	}
	return strconv.FormatFloat(round(v, prec), 'f', prec, 64)
}

// fmtSigned formats v with a sign and prec decimals, dash when absent.
func fmtSigned(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return dash
	}
	s := strconv.FormatFloat(round(v, prec), 'f', prec, 64)
	if round(v, prec) >= 0 {
		s = "+" + s
	}
	return s
}

// sevCode is the ANSI colour of a severity.
func sevCode(s rules.Severity) string {
	switch s {
	case rules.High:
		return ansiRed
	case rules.Medium:
		return ansiYellow
	case rules.Low:
		return ansiCyan
	case rules.Info:
		return ansiDim
	}
	return ansiGreen
}

// sevTag is "[HIGH]", "[MEDIUM]", "[LOW]".
func sevTag(s rules.Severity) string { return "[" + strings.ToUpper(s.String()) + "]" }

// textRenderer writes the text report. The team's red flags and overview
// come before the athletes, so each athlete's section is rendered as it
// comes (each advice sentence said once: the sentences said so far carry
// from one athlete to the next) and kept as text until End writes the
// whole report.
type textRenderer struct {
	w        io.Writer
	head     Header
	sections bytes.Buffer
	t        *textWriter // writes the sections
}

func newTextRenderer(w io.Writer) Renderer { return &textRenderer{w: w} }

// newTextWriter writes text to w with the options' colour and width.
func newTextWriter(w io.Writer, opt Options, said map[string]bool) *textWriter {
	return &textWriter{w: bufio.NewWriter(w), color: opt.Color, width: opt.width(), said: said}
}

// Begin starts the sections.
func (x *textRenderer) Begin(h Header) error {
	x.head = h
	x.t = newTextWriter(&x.sections, h.Options, map[string]bool{})
	return nil
}

// Athlete renders a's section, in the brief or the verbose view.
func (x *textRenderer) Athlete(a *screen.Athlete) error {
	if x.head.overviewOnly() {
		return nil
	}
	x.t.line("")
	if x.head.Options.Verbose {
		x.t.athlete(a, x.head.report(nil))
	} else {
		x.t.brief(a, x.head.report(nil))
	}
	return nil
}

// End writes the title, the team's red flags and overview, the sections
// and the disclaimer.
func (x *textRenderer) End(team []*screen.Athlete) error {
	if err := x.t.w.Flush(); err != nil {
		return err
	}
	r, opt := x.head.report(team), x.head.Options
	t := newTextWriter(x.w, opt, x.t.said)
	title := "itbcheck"
	if r.Tool.Version != "" {
		title += " " + r.Tool.Version
	}
	t.heading(title + ": ITBS and low back pain risk screening")
	t.line("Generated %s", r.GeneratedAt.UTC().Format("2006-01-02 15:04 UTC"))
	if flags := teamRedFlags(r.Athletes); len(r.Athletes) > 1 && len(flags) > 0 {
		t.line("")
		t.redFlags(flags)
	}
	t.para("", "", plain(configText(r)))
	if len(r.Athletes) > 1 {
		t.textChanges(r.Athletes)
		t.line("")
		t.heading("Team overview (highest open risk first)")
		t.teamOverview(r.Athletes, r.GeneratedAt)
	}
	_, _ = t.w.Write(x.sections.Bytes()) // the error is kept by t.w and returned by Flush
	t.line("")
	if !opt.Verbose && !opt.overviewOnly(r) {
		t.para("", "", "--verbose lists every episode in full, with why each pattern matters.")
	}
	t.para("", "", rules.Disclaimer)
	t.line("Red flags:")
	t.para("  - ", "    ", rules.RedFlags)
	return t.w.Flush()
}

// teamTextColumns are the headers of the text team overview after the
// athlete's name; the open patterns follow in the rest of the line.
var teamTextColumns = []string{"flags", "open", "resolved", "latest week", "km", "last km", "ACWR"}

// teamDropOrder is the order columns are left out in when the width does
// not hold them all beside a name and the open patterns (indexes into
// teamTextColumns).
var teamDropOrder = []int{5, 3, 2}

// Minimum widths of the team overview's name and open-pattern columns.
const (
	teamNameMin     = 12
	teamPatternsMin = 24
)

// teamOverview writes the headline and one line per athlete, highest open
// risk first: the highest severity open now, the count of resolved
// patterns, the last week's figures, and as much of the open patterns as
// the width holds. Long names are shortened.
func (t *textWriter) teamOverview(as []*screen.Athlete, now time.Time) {
	rows := teamRows(as, now)
	t.para("", "", attentionText(rows)+".")
	cells := make([][]string, len(rows))
	widths := make([]int, len(teamTextColumns))
	for i, h := range teamTextColumns {
		widths[i] = utf8.RuneCountInString(h)
	}
	for i, r := range rows {
		open := dash
		if r.Highest > rules.None {
			open = r.Highest.String()
		}
		cells[i] = []string{r.redFlagText(), open, strconv.Itoa(len(r.Resolved)), r.thisWeek(), fmtNum(r.ThisKm, 1), fmtNum(r.LastKm, 1),
			fmtNum(r.ACWR, 2)}
		for j, c := range cells[i] {
			widths[j] = max(widths[j], utf8.RuneCountInString(c))
		}
	}
	nameWidth := utf8.RuneCountInString("athlete")
	for _, r := range rows {
		nameWidth = max(nameWidth, utf8.RuneCountInString(plain(r.Athlete.Name)))
	}
	shown := make([]bool, len(teamTextColumns))
	cols := 2 // the indent
	for j, w := range widths {
		shown[j] = true
		cols += 2 + w
	}
	for _, j := range teamDropOrder {
		if cols+min(nameWidth, teamNameMin)+2+teamPatternsMin <= t.width {
			break
		}
		shown[j] = false
		cols -= 2 + widths[j]
	}
	nameWidth = min(nameWidth, max(teamNameMin, t.width-cols-2-teamPatternsMin))
	patterns := t.width - cols - nameWidth - 2 // room for the open patterns
	line := func(name string, row []string, paint func(int, string) string) string {
		var b strings.Builder
		b.WriteString("  " + name + strings.Repeat(" ", max(0, nameWidth-utf8.RuneCountInString(name))))
		for j, c := range row {
			if !shown[j] {
				continue
			}
			pad := strings.Repeat(" ", max(0, widths[j]-utf8.RuneCountInString(c)))
			if j == 1 || j == 3 { // severity and week: left-aligned
				b.WriteString("  " + paint(j, c) + pad)
			} else {
				b.WriteString("  " + pad + paint(j, c))
			}
		}
		return b.String()
	}
	header := line(clip("athlete", nameWidth), teamTextColumns, func(_ int, s string) string { return s })
	if patterns >= 8 {
		header += "  " + clip("open patterns", patterns)
	}
	t.line("%s", t.paint(ansiDim, strings.TrimRight(header, " ")))
	for i, r := range rows {
		sev := func(j int, s string) string {
			switch {
			case j == 0 && r.RedFlags > 0:
				return t.paint(ansiRed, s)
			case j == 1:
				return t.paint(sevCode(r.Highest), s)
			}
			return s
		}
		l := line(clip(plain(r.Athlete.Name), nameWidth), cells[i], sev)
		if patterns >= 8 && len(r.Open) > 0 {
			var names, ids []string
			for _, o := range r.Open {
				names = append(names, o.Name)
				ids = append(ids, o.Rule)
			}
			// The patterns in words when they fit, else by rule id.
			text := strings.Join(names, ", ")
			if utf8.RuneCountInString(text) > patterns {
				text = strings.Join(ids, ", ")
			}
			l += "  " + clip(plain(text), patterns)
		}
		t.line("%s", strings.TrimRight(l, " "))
		if syms := openSymptoms(r.Athlete); len(syms) > 0 {
			t.para("    open symptoms: ", "    ", strings.Join(syms, "; "))
		}
		if len(r.Data) > 0 {
			t.para("    data: ", "    ", r.dataText())
		}
	}
	note := `"flags" counts red flags; "open" is the highest severity of the patterns open in the last 2 weeks of data (before the last run, when that was long ago); "data" says what limits the screening; km and ACWR are each athlete's last ISO week with data`
	if shown[3] {
		note += ", named by its Monday"
	}
	if shown[5] {
		note += `; "last km" is the week before`
	}
	t.para("  ", "  ", note+".")
}

// athlete writes one athlete in the verbose view: the brief view's order
// (see view.go), every episode in full.
func (t *textWriter) athlete(a *screen.Athlete, r *screen.Report) {
	v := athleteView(a, r.GeneratedAt)
	t.header(a, r)
	t.actions(v)
	switch {
	case len(v.Open) == 0 && len(v.Resolved) == 0:
		t.line("")
		t.para("", "", quietText(a))
	case len(v.Open) == 0:
		t.line("")
		t.heading(v.openHead() + ": nothing (no pattern in the weeks since " + v.Since + ")")
	default:
		t.line("")
		t.heading(fmt.Sprintf("%s: %s (in the weeks since %s)", v.openHead(), patterns(len(v.Open)), v.Since))
		t.verdictLines(a, v.Open)
		for _, g := range v.Open {
			t.line("")
			t.group(g)
		}
	}
	t.previousPain(v.PreviousPain)
	t.unjudged(a, v)
	if len(v.Resolved) > 0 {
		t.line("")
		t.heading(fmt.Sprintf("Resolved: %s, none in the weeks since %s", patterns(len(v.Resolved)), v.Since))
		t.verdictLines(a, v.Resolved)
		for _, g := range v.Resolved {
			t.line("")
			t.group(g)
		}
	}
	t.notes(v.Notes)
	t.shoes(v.Shoes)
	t.line("")
	t.weekTable(a, 0)
}

// previousPain writes the pain logged before the risk patterns, once.
func (t *textWriter) previousPain(pp []rules.PreviousPain) {
	if len(pp) == 0 {
		return
	}
	t.line("")
	t.heading(previousPainHead)
	for _, p := range pp {
		t.para("  - ", "    ", plain(previousPainText(p)))
	}
}

// shoes writes each known shoe's km.
func (t *textWriter) shoes(ss []rules.ShoeKm) {
	if len(ss) == 0 {
		return
	}
	t.line("")
	t.heading(shoesHead)
	for _, s := range ss {
		t.para("  - ", "    ", plain(shoeLine(s)))
	}
}

// shoesBrief writes the shoes in one paragraph, for the brief view.
func (t *textWriter) shoesBrief(ss []rules.ShoeKm) {
	if len(ss) == 0 {
		return
	}
	lines := make([]string, len(ss))
	for i, s := range ss {
		lines[i] = plain(shoeLine(s))
	}
	t.line("")
	t.para("Shoes: ", "  ", strings.Join(lines, "; "))
}

// notes writes the info notes: context, no action.
func (t *textWriter) notes(gs []ruleGroup) {
	if len(gs) == 0 {
		return
	}
	t.line("")
	t.heading("Notes (context, no action needed)")
	for _, g := range gs {
		for _, f := range g.Findings {
			t.para("  - ", "    ", plain(g.Name)+", "+spanText(f)+": "+plain(f.Summary))
		}
	}
}

// group writes one rule's block: its findings as compact lines, then why
// it matters, once.
func (t *textWriter) group(g ruleGroup) {
	noun := "findings"
	if len(g.Findings) == 1 {
		noun = "finding"
	}
	head := fmt.Sprintf("%s %s (%s), %d %s", sevTag(g.Highest), plain(g.Name), plain(g.Rule.ID), len(g.Findings), noun)
	for i, l := range wrap(head, t.width, t.width-2) {
		if i == 0 {
			tag := sevTag(g.Highest)
			t.line("%s%s", t.paint(sevCode(g.Highest), tag), t.paint(ansiBold, strings.TrimPrefix(l, tag)))
			continue
		}
		t.line("  %s", t.paint(ansiBold, l))
	}
	for _, f := range g.Findings {
		lead := fmt.Sprintf("  %-8s %s  ", sevTag(f.Severity), spanText(f))
		width := utf8.RuneCountInString(lead)
		lead = strings.Replace(lead, sevTag(f.Severity), t.paint(sevCode(f.Severity), sevTag(f.Severity)), 1)
		if t.width-width < 30 { // too narrow beside the date: the text goes below it
			t.line("%s", strings.TrimRight(lead, " "))
			t.paraLead("    ", "    ", occurrenceText(f))
			continue
		}
		t.paraLead(lead, strings.Repeat(" ", width), occurrenceText(f))
	}
	if len(g.Chain) > 0 {
		t.para("  Why it matters: ", "    ", chainLabels(g.Chain))
	}
	// Each sentence of explanation is said once per report; the advice is
	// in the one action list above.
	if g.Explanation != "" {
		if e := t.unsaid(g.Explanation); e != "" {
			t.para("    ", "    ", plain(e))
		}
	}
}

// occurrenceText is one finding in a line: its summary, the evidence with
// units, and the run when there is one.
func occurrenceText(f rules.Finding) string {
	parts := []string{plain(f.Summary)}
	if e := evidenceText(f); e != "" {
		parts = append(parts, glue(e))
	}
	if f.Activity != "" {
		parts = append(parts, glue("run "+plain(f.Activity)))
	}
	// The separator stays at the end of a line, never starts one.
	return strings.Join(parts, nbsp+"· ")
}

// paraLead is para for a lead that may hold ANSI escapes: the text wraps
// at the width of indent on every line.
func (t *textWriter) paraLead(lead, indent, text string) {
	w := t.width - utf8.RuneCountInString(indent)
	for i, l := range wrap(text, w, w) {
		prefix := indent
		if i == 0 {
			prefix = lead
		}
		t.line("%s%s", prefix, l)
	}
}

// weekColumns are the headers of the weekly table, shared by text and
// Markdown.
var weekColumns = []string{"week", "runs", "km", "load", "ACWR", "chg %", "cad", "bal L %", "base", "desc", "s/m"}

// weekBaseNote says what the weekly table's balance baseline column is,
// in every format that shows the table.
var weekBaseNote = "cad = cadence; desc = descent m; base = the GCT balance judged against (t: a trend's start)"

// runsCell is the week's runs, with its track runs that have a balance
// ("5 (2t)"): gct-imbalance judges them apart, against track runs.
func runsCell(wk analysis.Week) string {
	if wk.BalanceTrackRuns > 0 {
		return fmt.Sprintf("%d (%dt)", wk.Runs, wk.BalanceTrackRuns)
	}
	return strconv.Itoa(wk.Runs)
}

// trackNote says what runsCell's "(2t)" is; "" when no week of a has one.
func trackNote(a *screen.Athlete) string {
	if a.Season != nil {
		for _, wk := range a.Season.Weeks {
			if wk.BalanceTrackRuns > 0 {
				return "(2t) = 2 of the runs on a track, their balance judged apart"
			}
		}
	}
	return ""
}

// weekLegend is the weekly table's legend after "! = week with a finding"
// and the s/m note.
func weekLegend(a *screen.Athlete) string {
	if n := trackNote(a); n != "" {
		return weekBaseNote + "; " + n
	}
	return weekBaseNote
}

// balanceBaseCell is the balance week i was judged against (the recorded
// model's JudgedPct), marked "t" when a trend judged it; "–" for none.
func balanceBaseCell(s *analysis.Season, i int) string {
	m := s.BalanceBaseline(i)
	c := fmtNum(m.JudgedPct(), 1)
	if m.Trend != nil {
		c += "t"
	}
	return c
}

// minEmptyStreak is the number of consecutive weeks without running (and
// without a finding) that the weekly table folds into one row, so a season
// with a long break stays readable.
const minEmptyStreak = 3

// weekCells gives the weekly table's rows as strings, with the week marked
// "!" when a finding falls in it. Streaks of minEmptyStreak or more empty
// weeks become one row of a single cell naming the span.
func weekCells(a *screen.Athlete) [][]string {
	if a.Season == nil {
		return nil
	}
	flagged := flaggedWeeks(a.Findings)
	weeks := a.Season.Weeks
	empty := func(i int) bool {
		_, ok := flagged[weeks[i].Monday.String()]
		return weeks[i].Runs == 0 && !ok
	}
	var rows [][]string
	for i := 0; i < len(weeks); i++ {
		if empty(i) {
			j := i
			for j+1 < len(weeks) && empty(j+1) {
				j++
			}
			if n := j - i + 1; n >= minEmptyStreak {
				rows = append(rows, []string{fmt.Sprintf("… %d weeks without running (%s to %s) …",
					n, weeks[i].Monday.String(), weeks[j].Monday.String())})
				i = j
				continue
			}
		}
		wk := weeks[i]
		mark := ""
		if _, ok := flagged[wk.Monday.String()]; ok {
			mark = " !"
		}
		rows = append(rows, []string{
			wk.Monday.String() + mark,
			runsCell(wk),
			fmtNum(wk.DistanceKm, 1),
			fmtNum(wk.Load, loadPrec(a.Season)),
			fmtNum(wk.ACWR, 2),
			fmtSigned(wk.ChangePct, 1),
			fmtNum(wk.CadenceSPM, 0),
			fmtNum(wk.BalanceLeftPct, 1),
			balanceBaseCell(a.Season, i),
			fmtNum(wk.DescentM, 0),
			trainingCell(wk),
		})
	}
	return rows
}

// weekTable writes the weekly table; last > 0 keeps its last rows only.
func (t *textWriter) weekTable(a *screen.Athlete, last int) {
	rows := weekCells(a)
	if len(rows) == 0 {
		t.line("No weeks of running to tabulate.")
		return
	}
	head := "Weekly running"
	if last > 0 && len(rows) > last {
		head = fmt.Sprintf("Weekly running, last %d of %d rows", last, len(rows))
		rows = rows[len(rows)-last:]
	}
	t.heading(head)
	t.para("  ", "  ", "! = week with a finding; s/m = strength/mobility sessions; "+weekLegend(a))
	widths := make([]int, len(weekColumns))
	for i, h := range weekColumns {
		widths[i] = utf8.RuneCountInString(h)
	}
	for _, row := range rows {
		if len(row) == 1 {
			continue // a break, printed across the columns
		}
		for i, c := range row {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	cells := func(row []string) string {
		var b strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString("  " + c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		return b.String()
	}
	t.line("%s", t.paint(ansiDim, cells(weekColumns)))
	for _, row := range rows {
		if len(row) == 1 {
			t.line("  %s", t.paint(ansiDim, row[0]))
			continue
		}
		t.line("%s", cells(row))
	}
}

// redFlags writes red flags plainly, before anything else of a report or
// an athlete.
func (t *textWriter) redFlags(lines []string) {
	t.line("%s", t.paint(ansiRed, redFlagHead+":"))
	for _, l := range lines {
		t.para("  ! ", "    ", plain(l))
	}
}
