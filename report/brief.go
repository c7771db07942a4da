package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/itbcheck/itbcheck/rules"
	"github.com/itbcheck/itbcheck/screen"
)

// The brief text report (the default) fits one athlete on a screen: what
// is open now, one consolidated action list for this week, what was
// resolved, what could not be judged, and the last weeks of the table.
// --verbose (Options.Verbose) gives every episode in full.

// briefWeeks is how many of the last weeks the brief weekly table shows.
const briefWeeks = 8

// configText says which config file and thresholds were in force.
func configText(r *screen.Report) string {
	file := "none (built-in defaults)"
	if r.ConfigFile != "" {
		file = r.ConfigFile
	}
	return "Config: " + file + ". Thresholds: " + thresholdsText(r.RuleConfig) + "."
}

// thresholdsText says how the thresholds in force differ from the rules'
// defaults: "the defaults (itbcheck rules lists them)", or the rules
// switched on or off and the ones whose limits changed, with the limits.
func thresholdsText(c *rules.Config) string {
	var parts []string
	for _, r := range rules.All {
		if on := c.Enabled(r); on == r.DisabledByDefault {
			state := "off"
			if on {
				state = "on"
			}
			parts = append(parts, r.ID+" "+state)
			if !on {
				continue
			}
		}
		if t := c.Thresholds(r); !sameThresholds(t, r.Defaults) {
			levels, _, _ := strings.Cut(r.ThresholdText(t), " (") // the levels, not the notes
			parts = append(parts, r.ID+" "+levels)
		}
	}
	if len(parts) == 0 {
		return "the defaults (itbcheck rules lists them)"
	}
	return "the defaults except " + strings.Join(parts, "; ")
}

// sameThresholds compares thresholds, NaN (no limit) equal to NaN.
func sameThresholds(a, b rules.Thresholds) bool {
	eq := func(x, y float64) bool { return x == y || (math.IsNaN(x) && math.IsNaN(y)) }
	return eq(a.Low, b.Low) && eq(a.Medium, b.Medium) && eq(a.High, b.High)
}

// sameRuleConfig reports whether configs a and b run the same rules with
// the same thresholds (nil is the defaults).
func sameRuleConfig(a, b *rules.Config) bool {
	for _, r := range rules.All {
		if a.Enabled(r) != b.Enabled(r) || !sameThresholds(a.Thresholds(r), b.Thresholds(r)) {
			return false
		}
	}
	return true
}

// splitOpen divides an athlete's risk groups into the ones open now (a
// finding whose last week falls in the last weeks of the period) and the
// resolved ones.
func splitOpen(a *screen.Athlete, groups []ruleGroup) (open, resolved []ruleGroup) {
	for _, g := range groups {
		isOpen := false
		for _, f := range g.Findings {
			if f.Severity >= rules.Low && a.IsOpen(f) {
				isOpen = true
				break
			}
		}
		if isOpen {
			open = append(open, g)
		} else {
			resolved = append(resolved, g)
		}
	}
	return open, resolved
}

// action is one sentence of advice and the patterns it answers.
type action struct {
	Text string
	For  []string // rule titles, lower case
}

// actions consolidates the advice of groups into one list: each sentence
// once, in the order first met, with the patterns it is for; the
// physiotherapist pointer every advice ends with comes last.
func actions(groups []ruleGroup) []action {
	var out []action
	index := map[string]int{}
	for _, g := range groups {
		for _, s := range sentences(g.Advice) {
			i, ok := index[s]
			if !ok {
				i = len(out)
				index[s] = i
				out = append(out, action{Text: s})
			}
			out[i].For = append(out[i].For, lowerFirst(g.Name))
		}
	}
	// A sentence every group shares (see a physiotherapist) goes last.
	var common, own []action
	for _, a := range out {
		if len(groups) > 1 && len(a.For) == len(groups) && strings.Contains(a.Text, "physiotherapist") {
			common = append(common, a)
		} else {
			own = append(own, a)
		}
	}
	return append(own, common...)
}

// sentences splits a text at ". " followed by a capital letter.
func sentences(text string) []string {
	var out []string
	rest := strings.TrimSpace(text)
	for rest != "" {
		cut := -1
		for i := 0; i+2 < len(rest); i++ {
			if rest[i] == '.' && rest[i+1] == ' ' && rest[i+2] >= 'A' && rest[i+2] <= 'Z' {
				cut = i + 1
				break
			}
		}
		if cut < 0 {
			out = append(out, rest)
			break
		}
		out = append(out, rest[:cut])
		rest = strings.TrimSpace(rest[cut:])
	}
	return out
}

// unsaid keeps the sentences of text not yet printed in this report and
// marks them said; "" when every one was said before.
func (t *textWriter) unsaid(text string) string { return unsaid(t.said, text) }

// unsaid keeps the sentences of text not in said and adds them to it; ""
// when every one was said before.
func unsaid(said map[string]bool, text string) string {
	var keep []string
	for _, s := range sentences(text) {
		if !said[s] {
			said[s] = true
			keep = append(keep, s)
		}
	}
	return strings.Join(keep, " ")
}

// brief writes one athlete in the brief view.
func (t *textWriter) brief(a *screen.Athlete, r *screen.Report) {
	t.header(a, r)
	t.line("")
	groups, notes := riskGroups(groupByRule(a.Findings))
	open, resolved := splitOpen(a, groups)
	since := shortDate(a.OpenSince(), a.From.Year() != a.To.Year())
	switch {
	case len(groups) == 0:
		t.para("", "", quietText(a))
	case len(open) == 0:
		t.heading("Open now: nothing (no pattern in the weeks since " + since + ")")
	default:
		t.heading(fmt.Sprintf("Open now: %s (in the weeks since %s)", patterns(len(open)), since))
		t.verdictLines(a, open)
		t.ownExplanations(open)
		var chain []rules.Link
		seen := map[rules.Link]bool{}
		for _, g := range open {
			for _, l := range g.Chain {
				if !seen[l] {
					seen[l] = true
					chain = append(chain, l)
				}
			}
		}
		if len(chain) > 0 {
			t.para("  Why it matters: ", "    ", chainLabels(chain)+" (--verbose explains each link)")
		}
		t.line("")
		t.heading("This week")
		for _, ac := range actions(open) {
			text := ac.Text
			if len(open) > 1 && len(ac.For) < len(open) {
				text += " (" + strings.Join(ac.For, ", ") + ")"
			}
			t.para("  - ", "    ", plain(text))
		}
	}
	if len(resolved) > 0 {
		t.line("")
		t.heading(fmt.Sprintf("Resolved: %s, none in the weeks since %s", patterns(len(resolved)), since))
		t.verdictLines(a, resolved)
		t.ownExplanations(resolved)
	}
	if sn := statusNotes(a); len(sn) > 0 {
		t.line("")
		t.heading("Not judged yet")
		t.statuses(a)
	}
	t.notes(notes)
	t.line("")
	t.weekTable(a, briefWeeks)
}

// patterns is "1 risk pattern", "3 risk patterns".
func patterns(n int) string {
	if n == 1 {
		return "1 risk pattern"
	}
	return fmt.Sprintf("%d risk patterns", n)
}

// verdictLines writes one line per group: severity tag and verdictText.
func (t *textWriter) verdictLines(a *screen.Athlete, groups []ruleGroup) {
	for _, g := range groups {
		lead := fmt.Sprintf("  %-8s ", sevTag(g.Highest))
		lead = strings.Replace(lead, sevTag(g.Highest), t.paint(sevCode(g.Highest), sevTag(g.Highest)), 1)
		t.paraLead(lead, strings.Repeat(" ", 11), plain(verdictText(g, a, glue)+ackSuffix(a, g)))
	}
}

// ownExplanations writes, under the verdict lines of the brief view, the
// explanations findings give of themselves (a symptom linked to a pattern:
// "low back pain … may be secondary to hip and pelvic control"), which
// say more than the rule's general text; each sentence once per report.
func (t *textWriter) ownExplanations(groups []ruleGroup) {
	for _, g := range groups {
		for _, f := range g.Findings {
			if f.Rule != rules.Symptom || f.Explanation == "" {
				continue // the other rules' texts are general: --verbose gives them
			}
			if e := t.unsaid(f.Explanation); e != "" {
				t.para("           ", "           ", plain(e))
			}
		}
	}
}

// header writes the athlete's title, period, load and inputs.
func (t *textWriter) header(a *screen.Athlete, r *screen.Report) {
	name := plain(a.Name)
	bar := strings.Repeat("═", max(3, t.width-len([]rune(name))-4))
	t.line("%s", t.paint(ansiBold, "══ "+name+" "+bar))
	if flags := redFlagLines(a); len(flags) > 0 {
		t.redFlags(flags)
	}
	t.line("Period:      %s", periodText(a))
	if c := a.Changes; c != nil {
		t.para("Changes:     ", "             ", plain("since the report of "+day(c.ComparedWith)+": "+changesText(c)))
	}
	t.para("Activities:  ", "             ", activitiesText(a))
	if l := loadText(a); l != "" {
		t.para("Load:        ", "             ", plain(l))
	}
	if a.RuleConfig != nil && thresholdsText(a.RuleConfig) != thresholdsText(r.RuleConfig) {
		t.para("Thresholds:  ", "             ", thresholdsText(a.RuleConfig)+" (this athlete's overrides)")
	}
	if a.Skipped > 0 {
		t.para("Skipped:     ", "             ", fmt.Sprintf("%d files of types itbcheck does not read", a.Skipped))
	}
	if len(a.InputsFailed) > 0 {
		t.line("Unreadable inputs: %d", len(a.InputsFailed))
		for _, fi := range a.InputsFailed {
			t.para("  - ", "    ", plain(fi.Path)+": "+plain(fi.Reason()))
		}
	}
}
