package report

import (
	"fmt"
	"math"
	"slices"
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
// resolved ones. An open group's Highest is the highest severity open now:
// a resolved HIGH episode of the same rule does not make it HIGH.
func splitOpen(a *screen.Athlete, groups []ruleGroup) (open, resolved []ruleGroup) {
	for _, g := range groups {
		now := rules.None
		for _, f := range g.Findings {
			if f.Severity >= rules.Low && a.IsOpen(f) {
				now = max(now, f.Severity)
			}
		}
		if now > rules.None {
			g.Highest = now
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
	For  []string // rule titles, lower case; "red flag" for the red flags'
	// Rules are the ids of the rules whose patterns it answers.
	Rules []string
	// RedFlag marks the red flags' call to see a professional.
	RedFlag bool
}

// actions consolidates the advice of groups into one list: with red flags,
// seeing a professional first; then each sentence once, in the order first
// met, with the patterns it is for; the physiotherapist pointer every
// advice ends with comes last, and is left out when a red flag already
// sends the reader to one.
func actions(groups []ruleGroup, redFlags []rules.Finding) []action {
	var out []action
	index := map[string]int{}
	for _, g := range groups {
		for _, s := range sentences(g.Advice) {
			key := actionKey(s)
			i, ok := index[key]
			if !ok {
				i = len(out)
				index[key] = i
				out = append(out, action{Text: s})
			}
			if name := lowerFirst(g.Name); !slices.Contains(out[i].For, name) {
				out[i].For = append(out[i].For, name)
				out[i].Rules = append(out[i].Rules, g.Rule.ID)
			}
		}
	}
	// A sentence every group shares (see a physiotherapist) goes last.
	var common, own []action
	for _, a := range out {
		if a.Text == rules.SeeProfessional {
			a.For = nil // every pattern's (Rules still names them)
			common = append(common, a)
		} else {
			own = append(own, a)
		}
	}
	if len(redFlags) > 0 {
		return append([]action{redFlagAction(redFlags)}, own...)
	}
	return append(own, common...)
}

// actionKeyWords is how many first words make two pieces of advice the
// same action: rules word the same exercise list a little differently
// ("Strengthen gluteus medius and maximus (…) and stretch …" and "…; stretch
// …"), and a reader should get it once.
const actionKeyWords = 5

// actionKey is the first actionKeyWords words of an advice sentence, lower
// case.
func actionKey(s string) string {
	w := strings.Fields(strings.ToLower(s))
	return strings.Join(w[:min(len(w), actionKeyWords)], " ")
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

// brief writes one athlete in the brief view, in the reader's order (see
// view.go).
func (t *textWriter) brief(a *screen.Athlete, r *screen.Report) {
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
		t.briefGroups(a, v.Open)
		var chain []rules.Link
		seen := map[rules.Link]bool{}
		for _, g := range v.Open {
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
	}
	t.previousPain(v.PreviousPain)
	t.unjudged(a, v)
	if len(v.Resolved) > 0 {
		t.line("")
		t.heading(fmt.Sprintf("Resolved: %s, none in the weeks since %s", patterns(len(v.Resolved)), v.Since))
		t.verdictLines(a, v.Resolved) // --verbose explains them
	}
	t.notes(v.Notes)
	t.shoesBrief(v.Shoes)
	t.line("")
	t.weekTable(a, briefWeeks)
}

// actions writes the one list of what to do, headed "This week" (or by
// how long ago the last run was), the red flags' professional first.
func (t *textWriter) actions(v view) {
	if len(v.Actions) == 0 {
		return
	}
	t.line("")
	t.heading(v.actionsHead())
	for i, ac := range v.Actions {
		lead := fmt.Sprintf("  %d. ", i+1)
		text := plain(ac.withFor())
		if ac.RedFlag {
			t.paraLead(t.paint(ansiRed, lead), strings.Repeat(" ", len(lead)), text)
			continue
		}
		t.para(lead, strings.Repeat(" ", len(lead)), text)
	}
}

// unjudged writes what could not be judged and why: the rules that could
// not judge, implausible activities and the inputs that could not be read.
func (t *textWriter) unjudged(a *screen.Athlete, v view) {
	if len(v.Unjudged) == 0 && len(a.InputsFailed) == 0 {
		return
	}
	t.line("")
	t.heading("Not judged")
	for _, n := range v.Unjudged {
		t.para("  - ", "    ", plain(n))
	}
	if len(a.InputsFailed) > 0 {
		t.para("  - ", "    ", unreadableText(len(a.InputsFailed))+":")
		for _, fi := range a.InputsFailed {
			t.para("      ", "        ", plain(fi.Path)+": "+plain(fi.Reason()))
		}
	}
}

// unreadableText is "1 input could not be read", "3 inputs could not be read".
func unreadableText(n int) string {
	if n == 1 {
		return "1 input could not be read"
	}
	return fmt.Sprintf("%d inputs could not be read", n)
}

// briefGroups writes one line per group, each followed by its own
// explanation (briefExplanation), each sentence once per report.
func (t *textWriter) briefGroups(a *screen.Athlete, groups []ruleGroup) {
	for _, g := range groups {
		t.verdictLines(a, []ruleGroup{g})
		if e := t.unsaid(g.briefExplanation()); e != "" {
			t.para("           ", "           ", plain(e))
		}
	}
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

// header writes the athlete's title, period, load and inputs.
func (t *textWriter) header(a *screen.Athlete, r *screen.Report) {
	name := plain(a.Name)
	bar := strings.Repeat("═", max(3, t.width-len([]rune(name))-4))
	t.line("%s", t.paint(ansiBold, "══ "+name+" "+bar))
	if st := staleText(a, r.GeneratedAt); st != "" {
		t.para("Last run:    ", "             ", st)
	}
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
}
